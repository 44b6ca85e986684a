// The SSO token: `{"username","exp","remote_ip"}` encrypted with the domain's API password by the
// chosen cipher (the real algorithm is not public; see cipher.ts).
import { isSsoError, SsoError } from '@sso/core/provider';
import type { TokenCipher } from './cipher.js';
import { MAX_TTL_SECONDS } from './options.js';
import type { SsoTokenInput } from './types.js';

export interface TokenEncryptorOptions {
  provider: string;
  cipher: TokenCipher;
  /** The key; it lives only in the returned function's closure. */
  apiPassword: string;
  now: () => number;
}

/**
 * The token encryptor: returns a string when the cipher is synchronous (no promise on the hot
 * path), else a promise. A cipher that throws or returns no text is INVALID_CONFIG.
 */
export function createTokenEncryptor({
  provider,
  cipher,
  apiPassword,
  now,
}: TokenEncryptorOptions): (input: SsoTokenInput) => string | Promise<string> {
  async function settleToken(pending: unknown): Promise<string> {
    let token: unknown;
    try {
      token = await pending;
    } catch (error) {
      if (isSsoError(error)) throw error;
      // The cause is dropped on purpose: a custom cipher's error may quote the key.
      throw new SsoError(
        'INVALID_CONFIG',
        `ssoToken: cipher.encrypt failed (${(error as Error)?.name ?? 'error'})`,
        {
          provider,
          operation: 'ssoToken',
        },
      );
    }
    if (typeof token !== 'string' || token === '') {
      throw new SsoError('INVALID_CONFIG', 'ssoToken: cipher.encrypt must return a non-empty string', {
        provider,
        operation: 'ssoToken',
      });
    }
    return token;
  }

  return function encryptToken(input: SsoTokenInput): string | Promise<string> {
    const exp = Math.floor(now() / 1000) + (input.ttlSeconds ?? MAX_TTL_SECONDS);
    const plaintext = JSON.stringify({ username: input.username, exp, remote_ip: input.remoteIp });
    let token: unknown;
    try {
      token = cipher.encrypt(plaintext, apiPassword);
    } catch (error) {
      token = Promise.reject(error);
    }
    return typeof token === 'string' && token !== '' ? token : settleToken(token);
  };
}
