import { timingSafeEqual } from '@sso/core/provider';
import { isIpAddress } from '../options.js';
import { FAXMAX_DEMO } from './demo.js';
import type { FaxmaxSimulatorOptions, FaxmaxState, SsoRefusalReason } from './state.js';

/**
 * Error codes of this simulator. FaxMAX publishes none, so these are the simulator's own, chosen
 * outside the JSON-RPC reserved range; tests should match on them only against the simulator.
 */
export const FAXMAX_SIMULATOR_ERRORS = {
  INVALID_CREDENTIALS: 1001,
  WRONG_API_CODE: 1002,
  UNDECRYPTABLE_TOKEN: 1003,
  TOKEN_EXPIRED: 1004,
  TOKEN_LIFETIME_TOO_LONG: 1005,
  IP_MISMATCH: 1006,
  UNKNOWN_USER: 1007,
  TOKEN_REPLAYED: 1008,
  MALFORMED_TOKEN: 1009,
  INVALID_SESSION: 1010,
  NOT_AUTHENTICATED: 1011,
} as const;

export type SsoVerification =
  | { ok: true; username: string; userId: number; displayName: string; exp: number; remoteIp: string }
  | {
      ok: false;
      reason: SsoRefusalReason;
      /** The simulator error code (FAXMAX_SIMULATOR_ERRORS). */
      code: number;
      message: string;
      username?: string;
      /** For `expired`: how many seconds past `exp` the token arrived. */
      secondsLate?: number;
      /** For `lifetime_too_long`: how far in the future `exp` was. */
      secondsAhead?: number;
      /** For `ip_mismatch`: `remote_ip` from the token and the caller's address. */
      expectedIp?: string;
      actualIp?: string;
    };

/** Canonical text of an IP address: IPv4-mapped IPv6 becomes IPv4, IPv6 is compressed and lower-cased. */
export function normalizeIp(value: string): string {
  const trimmed = value.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  if (mapped) return mapped[1]!;
  if (trimmed.includes(':') && isIpAddress(trimmed)) {
    try {
      return new URL(`http://[${trimmed}]/`).hostname.slice(1, -1);
    } catch {
      return trimmed.toLowerCase();
    }
  }
  return trimmed;
}

type Refusal = Extract<SsoVerification, { ok: false }>;

/**
 * The SSO token check the RPC and the browser page share: API code, decryption, claims, the
 * 3-second window, the caller's IP, the user, and (by default) single use. Counts every verdict.
 */
export function createSsoVerifier(
  state: FaxmaxState,
  options: FaxmaxSimulatorOptions,
): (token: string, code: string, remoteIp: string) => Promise<SsoVerification> {
  const apiPassword = options.apiPassword ?? FAXMAX_DEMO.apiPassword;
  const cipher = options.cipher ?? FAXMAX_DEMO.cipher;
  const maxLifetime = options.maxTokenLifetimeSeconds ?? 3;
  const rejectReplays = options.rejectReplayedTokens ?? true;
  const usedTokens = new Map<string, number>(); // token -> exp (seconds)
  const { counters } = state;
  const E = FAXMAX_SIMULATOR_ERRORS;

  const refuse = (
    reason: SsoRefusalReason,
    code: number,
    message: string,
    extra: Partial<Refusal> = {},
  ): SsoVerification => {
    counters.ssoRefusals[reason] = (counters.ssoRefusals[reason] ?? 0) + 1;
    return { ok: false, reason, code, message, ...extra };
  };

  return async function verifySsoToken(token, code, remoteIp) {
    if (!timingSafeEqual(code, state.apiCode)) {
      return refuse('wrong_code', E.WRONG_API_CODE, 'The API code does not match this domain');
    }
    let plaintext: string;
    try {
      plaintext = await cipher.decrypt(token, apiPassword);
    } catch {
      return refuse(
        'undecryptable',
        E.UNDECRYPTABLE_TOKEN,
        "The token could not be decrypted with this domain's API password and cipher",
      );
    }
    let claims: { username?: unknown; exp?: unknown; remote_ip?: unknown };
    try {
      claims = JSON.parse(plaintext);
    } catch {
      return refuse('malformed', E.MALFORMED_TOKEN, 'The decrypted token is not JSON');
    }
    const { username, exp, remote_ip: tokenIp } = claims ?? {};
    if (
      typeof username !== 'string' ||
      username === '' ||
      typeof exp !== 'number' ||
      !Number.isInteger(exp) ||
      typeof tokenIp !== 'string' ||
      !isIpAddress(tokenIp)
    ) {
      return refuse(
        'malformed',
        E.MALFORMED_TOKEN,
        'The token must hold {"username": string, "exp": integer Unix seconds, "remote_ip": IP address}',
      );
    }
    const current = Math.floor(state.now() / 1000);
    if (exp < current) {
      const late = current - exp;
      return refuse(
        'expired',
        E.TOKEN_EXPIRED,
        `The token expired ${late} second${late === 1 ? '' : 's'} ago`,
        { username, secondsLate: late },
      );
    }
    if (exp > current + maxLifetime) {
      const ahead = exp - current;
      return refuse(
        'lifetime_too_long',
        E.TOKEN_LIFETIME_TOO_LONG,
        `The token's exp is ${ahead} seconds ahead; at most ${maxLifetime} is allowed`,
        { username, secondsAhead: ahead },
      );
    }
    const expected = normalizeIp(tokenIp);
    const actual = normalizeIp(remoteIp);
    if (expected !== actual) {
      return refuse(
        'ip_mismatch',
        E.IP_MISMATCH,
        `The request came from ${actual} but the token is for ${expected}`,
        { username, expectedIp: expected, actualIp: actual },
      );
    }
    const user = state.users.get(username);
    if (!user) {
      return refuse('unknown_user', E.UNKNOWN_USER, `There is no user "${username}" on ${state.domain}`, {
        username,
      });
    }
    if (rejectReplays) {
      for (const [used, usedExp] of usedTokens) if (usedExp < current - 60) usedTokens.delete(used);
      if (usedTokens.has(token)) {
        return refuse('replayed', E.TOKEN_REPLAYED, 'This token was already used', { username });
      }
      usedTokens.set(token, exp);
    }
    counters.ssoLogins++;
    return { ok: true, username, userId: user.userId, displayName: user.displayName, exp, remoteIp: actual };
  };
}
