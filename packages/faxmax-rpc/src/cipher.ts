import {
  type AesMode,
  type AesScheme,
  aesDecrypt,
  aesEncrypt,
  type BinaryEncoding,
  type KeyDerivation,
  parseOptions,
} from '@sso/core/provider';
import * as s from '@sso/core/schema';

/**
 * How the SSO token is encrypted with the domain's API password. FaxMAX does not publish its
 * algorithm, so the client takes this as an option: one of the AES candidates below, or your own.
 */
export interface TokenCipher {
  encrypt(plaintext: string, key: string): string | Promise<string>;
  decrypt(token: string, key: string): string | Promise<string>;
}

export interface AesTokenCipherOptions {
  /** `gcm` (12-byte IV, 16-byte tag appended) or `cbc` (16-byte IV, PKCS#7 padding). */
  mode: AesMode;
  /** How the API password becomes a 32-byte key. Default `{ kind: 'sha256' }`. */
  keyDerivation?: KeyDerivation;
  /** Encoding of `iv || ciphertext [|| tag]`. Default `base64url` (URL-safe, unpadded). */
  encoding?: BinaryEncoding;
  /**
   * Source of IVs. Default: a fresh random IV per token. Only test vectors pass a fixed IV;
   * reusing an IV with GCM destroys its security.
   */
  iv?: (byteLength: number) => Uint8Array;
}

/** A built-in candidate: a TokenCipher that also says which scheme it is. */
export interface AesTokenCipher extends TokenCipher {
  readonly scheme: Readonly<AesScheme>;
  /** e.g. `aes-256-gcm/sha256/base64url`. */
  readonly name: string;
  encrypt(plaintext: string, key: string): string;
  decrypt(token: string, key: string): string;
}

const encodingSchema = s.enum(['base64', 'base64url', 'hex']);
const keyDerivationSchema = s.union([
  s.strictObject({ kind: s.literal('sha256') }),
  s.strictObject({ kind: s.literal('raw'), encoding: s.enum(['base64', 'base64url', 'hex', 'utf8']) }),
  s.strictObject({
    kind: s.literal('pbkdf2'),
    salt: s.string(),
    iterations: s.int().check(s.gte(1), s.lte(10_000_000)),
    hash: s.enum(['sha256', 'sha512']),
  }),
]);
const aesOptionsSchema = s.strictObject({
  mode: s.enum(['gcm', 'cbc']),
  keyDerivation: s.optional(keyDerivationSchema),
  encoding: s.optional(encodingSchema),
  iv: s.optional(s.custom<(n: number) => Uint8Array>((v) => typeof v === 'function', 'must be a function')),
});

const IV_BYTES: Record<AesMode, number> = { gcm: 12, cbc: 16 };

function describeDerivation(kd: KeyDerivation): string {
  switch (kd.kind) {
    case 'sha256':
      return 'sha256';
    case 'raw':
      return `raw-${kd.encoding}`;
    case 'pbkdf2':
      return `pbkdf2-${kd.hash}-${kd.iterations}`;
  }
}

/**
 * An AES-256 candidate for the FaxMAX token scheme. The output is `encoding(iv || ciphertext [|| tag])`
 * with a random IV per token. Confirm the exact scheme with FaxMAX before going live.
 */
export function createAesTokenCipher(options: AesTokenCipherOptions): AesTokenCipher {
  const parsed = parseOptions(aesOptionsSchema, options, {
    provider: 'faxmax',
    operation: 'createAesTokenCipher',
  });
  const scheme: AesScheme = Object.freeze({
    mode: parsed.mode,
    keyDerivation: Object.freeze({ ...(parsed.keyDerivation ?? { kind: 'sha256' }) }) as KeyDerivation,
    encoding: parsed.encoding ?? 'base64url',
  });
  const name = `aes-256-${scheme.mode}/${describeDerivation(scheme.keyDerivation)}/${scheme.encoding}`;
  return Object.freeze({
    scheme,
    name,
    // Without an injected IV source core draws a fresh random IV per token (from its CSPRNG pool).
    encrypt: parsed.iv
      ? (plaintext: string, key: string) =>
          aesEncrypt(scheme, key, plaintext, parsed.iv?.(IV_BYTES[scheme.mode]))
      : (plaintext: string, key: string) => aesEncrypt(scheme, key, plaintext),
    decrypt: (token: string, key: string) => aesDecrypt(scheme, key, token),
  });
}

/** True for anything shaped like a TokenCipher. */
export function isTokenCipher(value: unknown): value is TokenCipher {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as TokenCipher).encrypt === 'function' &&
    typeof (value as TokenCipher).decrypt === 'function'
  );
}
