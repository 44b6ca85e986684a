import { randomToken } from '@sso/core/provider';
import type { TokenCipher } from '../cipher.js';
import { FAXMAX_DEMO } from './demo.js';

export interface FaxmaxSimulatorUser {
  username: string;
  password: string;
  /** Returned as `user_id` by the logins. Default: a running number. */
  userId?: number;
  /** Shown on the browser page. */
  displayName?: string;
}

export interface FaxmaxSimulatorOptions {
  /** The domain the simulator plays. Default `FAXMAX_DEMO.domain`. */
  domain?: string;
  /** The domain's API code. Default `FAXMAX_DEMO.apiCode`. */
  apiCode?: string;
  /** The domain's API password (the token key). Default `FAXMAX_DEMO.apiPassword`. */
  apiPassword?: string;
  /** How tokens are decrypted. Default `FAXMAX_DEMO.cipher` (AES-256-GCM, SHA-256 key, base64url). */
  cipher?: TokenCipher;
  /** Accounts of the domain. Default the demo users. */
  users?: FaxmaxSimulatorUser[];
  /** The simulator's own clock (epoch ms). Default `Date.now`. */
  now?: () => number;
  /**
   * A header carrying the client IP when the simulator sits behind a proxy, e.g. `x-forwarded-for`
   * (its first entry is used). Off by default: the caller's address is used.
   */
  remoteIpHeader?: string;
  /** The largest `exp - now` accepted, in seconds. Default 3 (FaxMAX's rule). */
  maxTokenLifetimeSeconds?: number;
  /** Refuse an SSO token that was already used. Default true. */
  rejectReplayedTokens?: boolean;
  /** Method names that perform the token login. Default `['Core.token_login']`. */
  tokenLoginMethods?: string[];
  /** Lifetime of issued session tokens. Default one hour. */
  sessionTtlMs?: number;
}

export type SsoRefusalReason =
  | 'wrong_code'
  | 'undecryptable'
  | 'malformed'
  | 'expired'
  | 'lifetime_too_long'
  | 'ip_mismatch'
  | 'unknown_user'
  | 'replayed';

export interface FaxmaxSimulatorCounters {
  /** Every request handled. */
  requests: number;
  /** JSON-RPC requests by method name (accepted and refused). */
  rpc: Record<string, number>;
  /** Successful password logins. */
  logins: number;
  /** Successful SSO token logins (RPC and browser). */
  ssoLogins: number;
  /** Refused SSO tokens by reason. */
  ssoRefusals: Partial<Record<SsoRefusalReason, number>>;
  /** JSON-RPC error replies sent. */
  rpcErrors: number;
  /** Requests without an id, refused. */
  notificationsRefused: number;
  /** Browser pages served. */
  pages: number;
  /** Deep-link verifications (`POST /sso/verify`). */
  verifies: number;
  /** Session tokens issued. */
  sessionsIssued: number;
  /** Bodies by encoding: `form` (urlencoded), `multipart`, `json`. */
  encodings: Record<'form' | 'multipart' | 'json', number>;
}

/** What the simulator's parts share: the domain, its users, sessions and counters. */
export interface FaxmaxState {
  readonly domain: string;
  readonly apiCode: string;
  readonly now: () => number;
  readonly users: Map<string, Required<FaxmaxSimulatorUser>>;
  readonly counters: FaxmaxSimulatorCounters;
  resetCounters(): void;
  addUser(user: FaxmaxSimulatorUser): void;
  /** A new session token for the user. */
  issueSession(username: string): string;
  /** The user a session token belongs to while it is valid. */
  sessionUser(token: string): string | undefined;
  /** Extends a valid session by the session lifetime. */
  touchSession(token: string): void;
}

function freshCounters(): FaxmaxSimulatorCounters {
  return {
    requests: 0,
    rpc: {},
    logins: 0,
    ssoLogins: 0,
    ssoRefusals: {},
    rpcErrors: 0,
    notificationsRefused: 0,
    pages: 0,
    verifies: 0,
    sessionsIssued: 0,
    encodings: { form: 0, multipart: 0, json: 0 },
  };
}

export function createFaxmaxState(options: FaxmaxSimulatorOptions): FaxmaxState {
  const now = options.now ?? Date.now;
  const sessionTtlMs = options.sessionTtlMs ?? 60 * 60 * 1000;
  const users = new Map<string, Required<FaxmaxSimulatorUser>>();
  const sessions = new Map<string, { username: string; expiresAt: number }>();
  const counters = freshCounters();

  const addUser = (user: FaxmaxSimulatorUser) => {
    users.set(user.username, {
      username: user.username,
      password: user.password,
      userId: user.userId ?? 1000 + users.size + 1,
      displayName: user.displayName ?? user.username,
    });
  };
  for (const user of options.users ?? FAXMAX_DEMO.users) addUser(user);

  const sessionUser = (token: string): string | undefined => {
    const session = sessions.get(token);
    if (!session) return undefined;
    if (session.expiresAt <= now()) {
      sessions.delete(token);
      return undefined;
    }
    return session.username;
  };

  return {
    domain: options.domain ?? FAXMAX_DEMO.domain,
    apiCode: options.apiCode ?? FAXMAX_DEMO.apiCode,
    now,
    users,
    counters,
    resetCounters: () => {
      Object.assign(counters, freshCounters());
    },
    addUser,
    issueSession: (username) => {
      const token = randomToken(24, 'base64url');
      sessions.set(token, { username, expiresAt: now() + sessionTtlMs });
      counters.sessionsIssued++;
      return token;
    },
    sessionUser,
    touchSession: (token) => {
      const session = sessions.get(token);
      if (session) session.expiresAt = now() + sessionTtlMs;
    },
  };
}
