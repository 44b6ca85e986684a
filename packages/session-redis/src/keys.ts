import { encodeBytes, SsoError, sha256 } from '@sso/core/provider';

/** Non-secret fields that tell one provider account from another (host, user name, customer code…). */
export type AccountIdentity = string | Readonly<Record<string, string | number>>;

// Field names that hold secrets. Even a hash of a password does not belong in a key: key names are
// listed by SCAN and MONITOR and a short password falls to a dictionary in seconds.
const SECRET_FIELD = /pass|secret|token|api_?key|ticket|session|sign/i;

/**
 * A stable, non-reversible name for an account: the first 128 bits of SHA-256 over the provider
 * and the identity fields in key order. The same account always maps to the same Redis key on
 * every machine of the fleet; the key never reveals the user name.
 */
export function accountHash(provider: string, account: AccountIdentity): string {
  let canonical: string;
  if (typeof account === 'string') {
    if (account.length === 0)
      throw new SsoError('INVALID_CONFIG', 'createRedisSessionStore: options.account must not be empty');
    canonical = JSON.stringify([provider, account]);
  } else {
    const entries = Object.entries(account).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length === 0) {
      throw new SsoError(
        'INVALID_CONFIG',
        'createRedisSessionStore: options.account must name at least one field',
      );
    }
    for (const [name] of entries) {
      if (SECRET_FIELD.test(name)) {
        throw new SsoError(
          'INVALID_CONFIG',
          `createRedisSessionStore: options.account.${name} looks like a secret; identify the account by non-secret fields (host, user name)`,
        );
      }
    }
    canonical = JSON.stringify([provider, entries.map(([name, value]) => [name, String(value)])]);
  }
  return encodeBytes(sha256(canonical).subarray(0, 16), 'hex');
}

const PLAIN_KEY = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * The part of a Redis key that names one session of an account. A session manager's key is kept
 * readable when it is a short plain word (`default`), and hashed otherwise, so nothing the app
 * puts in it (user names, URLs) shows up in Redis key listings.
 */
export function sessionSuffix(managerKey: string): string {
  if (PLAIN_KEY.test(managerKey)) return managerKey;
  return `h.${encodeBytes(sha256(managerKey).subarray(0, 12), 'hex')}`;
}
