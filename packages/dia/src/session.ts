// The DIA session: its lifetime, the login and logout that start and end it, and the session
// manager (one shared login, sliding expiry, one re-login on SESSION_EXPIRED) over a store.
import {
  createMemorySessionStore,
  createSessionManager,
  encodeBytes,
  isSsoError,
  type SessionManager,
  type SessionStore,
  sha256,
  type Transport,
  type TransportRequest,
} from '@sso/core/provider';
import { readEnvelope, readLogin } from './envelope.js';
import { isSessionId } from './generated/model.js';
import { logoutRequest } from './requests.js';
import type { DiaSession } from './types.js';

/** DIA's documented session timeout: one hour, reset by every call. */
export const DIA_SESSION_TIMEOUT_MS = 60 * 60 * 1000;
/**
 * How much earlier than DIA the client gives a session up. The server restarts its hour when it
 * receives a call; the client restarts its own when the answer arrives, a little later, and the two
 * clocks are not the same. Five minutes absorbs slow calls and clock skew, so an idle session is
 * replaced before DIA forgets it instead of costing a failed call first.
 */
export const DIA_SESSION_SAFETY_MARGIN_MS = 5 * 60 * 1000;
/** The lifetime the client trusts a session for without use: 55 minutes. */
export const DIA_SESSION_TTL_MS = DIA_SESSION_TIMEOUT_MS - DIA_SESSION_SAFETY_MARGIN_MS;

export interface DiaSessionsOptions {
  transport: Transport;
  /** The base URL and user name: together they name the session in a shared store. */
  base: string;
  username: string;
  /** The client's login request (see `loginRequest`). */
  login: TransportRequest;
  /** The URL of the module that serves `logout`. */
  logoutUrl: string;
  store?: SessionStore<DiaSession>;
  now?: () => number;
}

export interface DiaSessions {
  manager: SessionManager<DiaSession>;
  store: SessionStore<DiaSession>;
  /** The session's key in the store. */
  sessionKey: string;
  /** Ends a session at DIA (nothing is sent for a value that is not a session id). */
  logout(session: DiaSession): Promise<void>;
}

export function createDiaSessions(options: DiaSessionsOptions): DiaSessions {
  const { transport, login } = options;
  const store: SessionStore<DiaSession> = options.store ?? createMemorySessionStore<DiaSession>();
  const sessionKey = `dia:${encodeBytes(sha256(`${options.base}\n${options.username}`), 'hex')}`;

  function sendLogin(): Promise<DiaSession> {
    return transport.call(login, readLogin);
  }

  async function sendLogout(session: DiaSession): Promise<void> {
    const sessionId = session.sessionId;
    if (!isSessionId(sessionId)) return;
    const request = logoutRequest(options.logoutUrl, sessionId);
    // A session DIA no longer knows answers INVALID_SESSION: SESSION_EXPIRED, as every provider's
    // logout of a dead session does (close() treats it as done).
    await transport.call(request, (response, redact) => readEnvelope('logout', response, redact));
  }

  const manager = createSessionManager<DiaSession>({
    login: sendLogin,
    logout: (session) =>
      sendLogout(session).catch((error) => {
        // A session DIA already dropped needs no logout.
        if (!isSsoError(error, 'SESSION_EXPIRED')) throw error;
      }),
    provider: 'dia',
    ttlMs: DIA_SESSION_TTL_MS,
    sliding: true,
    isExpired: (error) => isSsoError(error, 'SESSION_EXPIRED'),
    store,
    key: sessionKey,
    now: options.now,
  });

  return { manager, store, sessionKey, logout: sendLogout };
}
