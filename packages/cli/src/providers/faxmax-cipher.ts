import { type KeyDerivation, SsoError } from '@sso/core/provider';
import { createAesTokenCipher } from '@sso/faxmax-rpc';
import { UsageError } from '../framework.js';
import type { Connection } from './common.js';

const KDF_CHOICES =
  'sha256 | raw-utf8 | raw-hex | raw-base64 | raw-base64url | pbkdf2-sha256 | pbkdf2-sha512';

/** FaxMAX does not publish its token cipher, so the CLI lets the user pick an AES candidate. */
export const CIPHER_FLAGS: Connection[] = [
  { flag: 'cipher-mode', key: 'cipherMode', env: true, description: 'token cipher candidate: gcm or cbc' },
  { flag: 'cipher-key-derivation', key: 'cipherKeyDerivation', env: true, description: KDF_CHOICES },
  {
    flag: 'cipher-encoding',
    key: 'cipherEncoding',
    env: true,
    description: 'base64url (default) | base64 | hex',
  },
  { flag: 'cipher-salt', key: 'cipherSalt', env: true, secret: true, description: 'salt for pbkdf2' },
  { flag: 'cipher-iterations', key: 'cipherIterations', env: true, description: 'iterations for pbkdf2' },
];

const invalid = (message: string) => new SsoError('INVALID_CONFIG', message, { provider: 'faxmax' });

function keyDerivation(options: Record<string, unknown>): KeyDerivation {
  const kdf = (options.cipherKeyDerivation as string | undefined) ?? 'sha256';
  if (kdf === 'sha256') return { kind: 'sha256' };
  const raw = /^raw-(utf8|hex|base64|base64url)$/.exec(kdf);
  if (raw) return { kind: 'raw', encoding: raw[1] as 'utf8' | 'hex' | 'base64' | 'base64url' };
  const pbkdf2 = /^pbkdf2-(sha256|sha512)$/.exec(kdf);
  if (pbkdf2) {
    const salt = options.cipherSalt as string | undefined;
    const iterations = Number(options.cipherIterations ?? Number.NaN);
    if (!salt || !Number.isInteger(iterations) || iterations < 1) {
      throw invalid(`--cipher-key-derivation ${kdf} needs --cipher-salt and --cipher-iterations`);
    }
    return { kind: 'pbkdf2', hash: pbkdf2[1] as 'sha256' | 'sha512', salt, iterations };
  }
  throw invalid(`--cipher-key-derivation must be one of ${KDF_CHOICES}`);
}

/** Replaces the --cipher-* values with the cipher they describe (the sandbox's demo cipher by default). */
export function withCipher(options: Record<string, unknown>, sandbox: boolean): Record<string, unknown> {
  const { cipherMode, cipherKeyDerivation, cipherEncoding, cipherSalt, cipherIterations, ...rest } = options;
  if (cipherMode === undefined) {
    if (sandbox && rest.cipher) return rest;
    throw new UsageError('missing --cipher-mode (or SSO_FAXMAX_CIPHER_MODE): gcm or cbc', 'faxmax');
  }
  if (cipherMode !== 'gcm' && cipherMode !== 'cbc') throw invalid('--cipher-mode must be gcm or cbc');
  const encoding = (cipherEncoding as string | undefined) ?? 'base64url';
  if (encoding !== 'base64url' && encoding !== 'base64' && encoding !== 'hex') {
    throw invalid('--cipher-encoding must be base64url, base64 or hex');
  }
  const cipher = createAesTokenCipher({
    mode: cipherMode,
    keyDerivation: keyDerivation({ cipherKeyDerivation, cipherSalt, cipherIterations }),
    encoding,
  });
  return { ...rest, cipher };
}
