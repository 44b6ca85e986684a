import type { CipherGCMTypes, createDecipheriv } from 'node:crypto';
import { SsoError } from '../errors.js';
import { nodeCrypto } from '../node-builtin.js';
import { type BinaryEncoding, concatBytes, decodeBytes, utf8Bytes, utf8Text } from './encoding.js';
import { randomBytes } from './random.js';
import { sha256 } from './sha256.js';

export type AesMode = 'gcm' | 'cbc';

/** How a 32-byte AES-256 key is obtained from the secret the user holds. */
export type KeyDerivation =
  /** SHA-256 of the UTF-8 secret. */
  | { kind: 'sha256' }
  /** The secret is the key itself: 32 bytes given in `encoding` ('utf8' means 32 ASCII characters). */
  | { kind: 'raw'; encoding: BinaryEncoding | 'utf8' }
  /** PBKDF2 with explicit parameters. */
  | { kind: 'pbkdf2'; salt: string; iterations: number; hash: 'sha256' | 'sha512' };

export interface AesScheme {
  mode: AesMode;
  keyDerivation: KeyDerivation;
  /** Encoding of the output `iv || ciphertext [|| tag]`. */
  encoding: BinaryEncoding;
}

const KEY_BYTES = 32;
const IV_BYTES: Record<AesMode, number> = { gcm: 12, cbc: 16 };
const GCM_TAG_BYTES = 16;

// Derivation (PBKDF2 especially) is far slower than encryption; tokens are minted per request.
const derivedKeys = new Map<string, Uint8Array>();
const MAX_CACHED_KEYS = 64;

// Frozen derivation objects (the built-in ciphers freeze theirs) are cached by identity, so the
// common call skips serialising the derivation; others go through the string-keyed cache.
const keysByDerivation = new WeakMap<KeyDerivation, Map<string, Uint8Array>>();

export function deriveKey(secret: string, derivation: KeyDerivation): Uint8Array {
  if (!Object.isFrozen(derivation)) return deriveKeyCached(secret, derivation);
  let forDerivation = keysByDerivation.get(derivation);
  const known = forDerivation?.get(secret);
  if (known) return known;
  const key = deriveKeyCached(secret, derivation);
  if (!forDerivation) {
    forDerivation = new Map();
    keysByDerivation.set(derivation, forDerivation);
  }
  if (forDerivation.size >= MAX_CACHED_KEYS) forDerivation.clear();
  forDerivation.set(secret, key);
  return key;
}

function deriveKeyCached(secret: string, derivation: KeyDerivation): Uint8Array {
  const cacheKey = `${JSON.stringify(derivation)}\u0000${secret}`;
  const cached = derivedKeys.get(cacheKey);
  if (cached) return cached;
  const key = computeKey(secret, derivation);
  if (derivedKeys.size >= MAX_CACHED_KEYS) derivedKeys.clear();
  derivedKeys.set(cacheKey, key);
  return key;
}

function computeKey(secret: string, derivation: KeyDerivation): Uint8Array {
  switch (derivation.kind) {
    case 'sha256':
      return sha256(secret);
    case 'raw': {
      const key =
        derivation.encoding === 'utf8' ? utf8Bytes(secret) : decodeBytes(secret, derivation.encoding);
      if (key.byteLength !== KEY_BYTES) {
        throw new SsoError(
          'INVALID_CONFIG',
          `A raw AES-256 key must be ${KEY_BYTES} bytes, got ${key.byteLength}`,
        );
      }
      return key;
    }
    case 'pbkdf2':
      if (!Number.isInteger(derivation.iterations) || derivation.iterations < 1) {
        throw new SsoError('INVALID_CONFIG', 'PBKDF2 iterations must be a positive integer');
      }
      return new Uint8Array(
        nodeCrypto().pbkdf2Sync(
          utf8Bytes(secret),
          utf8Bytes(derivation.salt),
          derivation.iterations,
          KEY_BYTES,
          derivation.hash,
        ),
      );
  }
}

/**
 * AES-256 encryption of UTF-8 text. The IV is random unless given (fixed IVs are for test vectors)
 * and is carried at the front of the output.
 */
export function aesEncrypt(scheme: AesScheme, secret: string, plaintext: string, iv?: Uint8Array): string {
  const key = deriveKey(secret, scheme.keyDerivation);
  const nonce = iv ?? randomBytes(IV_BYTES[scheme.mode]);
  if (nonce.byteLength !== IV_BYTES[scheme.mode]) {
    throw new SsoError(
      'INVALID_INPUT',
      `AES-${scheme.mode.toUpperCase()} needs a ${IV_BYTES[scheme.mode]}-byte IV`,
    );
  }
  // Typed as GCM for getAuthTag, which only GCM calls.
  const cipher = nodeCrypto().createCipheriv(`aes-256-${scheme.mode}` as CipherGCMTypes, key, nonce);
  const parts: Uint8Array[] = [nonce, cipher.update(plaintext, 'utf8'), cipher.final()];
  if (scheme.mode === 'gcm') parts.push(cipher.getAuthTag());
  return Buffer.concat(parts).toString(scheme.encoding);
}

/** Reverses aesEncrypt. Any tampering, wrong key or bad encoding is an `INVALID_INPUT` SsoError. */
export function aesDecrypt(scheme: AesScheme, secret: string, token: string): string {
  const key = deriveKey(secret, scheme.keyDerivation);
  const bytes = decodeBytes(token, scheme.encoding);
  const ivLength = IV_BYTES[scheme.mode];
  const tagLength = scheme.mode === 'gcm' ? GCM_TAG_BYTES : 0;
  if (bytes.byteLength < ivLength + tagLength + (scheme.mode === 'cbc' ? 16 : 0)) {
    throw new SsoError('INVALID_INPUT', 'Ciphertext is too short');
  }
  const iv = bytes.subarray(0, ivLength);
  const body = bytes.subarray(ivLength, bytes.byteLength - tagLength);
  try {
    const decipher = nodeCrypto().createDecipheriv(`aes-256-${scheme.mode}`, key, iv);
    if (scheme.mode === 'gcm') {
      (decipher as ReturnType<typeof createDecipheriv> & { setAuthTag(tag: Uint8Array): void }).setAuthTag(
        bytes.subarray(bytes.byteLength - tagLength),
      );
    }
    return utf8Text(concatBytes(decipher.update(body), decipher.final()));
  } catch (cause) {
    throw new SsoError('INVALID_INPUT', 'Ciphertext could not be decrypted with this key and scheme', {
      cause,
    });
  }
}
