import { randomToken } from '@sso/core/provider';
import { DIA_DEMO } from './demo.js';

/** A DIA user of the simulator (DIA's user list, sis3100). */
export interface DiaSimulatorUser {
  username: string;
  password: string;
  /** Service names the user may call, e.g. `scf_fatura_listele`. */
  permissions: readonly string[];
  /** Every business call of this user is refused with this error (login still works). */
  failWith?: DiaSimulatedError;
}

/**
 * The errors the simulator can be told to answer with: a code of DIA's v3 table, or
 * INVALID_SESSION (code 401, the session was ended by another login).
 */
export type DiaSimulatedError =
  | '400'
  | '401'
  | '402'
  | '405'
  | '406'
  | '419'
  | '500'
  | '501'
  | 'INVALID_SESSION';

/** How an error answer is written: `{ code: "406" }` (default), `{ code: 406 }`, or faultcode/faultstring. */
export type DiaErrorForm = 'string' | 'number' | 'fault';

export interface DiaSimulatorOptions {
  /** Clock (epoch ms) for session expiry. Default `Date.now`. */
  now?: () => number;
  /** The users; default the demo user (DIA_DEMO). */
  users?: readonly DiaSimulatorUser[];
  /** Accepted API keys; default DIA_DEMO.apiKey. */
  apiKeys?: readonly string[];
  /** Extra delay before each login answer (real timers). Default 0. */
  loginLatencyMs?: number;
  /** false: the server has no web-service licence and answers every call with code 405. Default true. */
  licensed?: boolean;
  /** Idle timeout of a session. Default one hour, as DIA documents. */
  sessionTimeoutMs?: number;
  /** Starting credit (kontör). Default 1000. A call with less credit left answers 406. */
  kontor?: number;
  /** How error answers are written. Default `string`. */
  errorForm?: DiaErrorForm;
}

export interface DiaSimulatorStats {
  /** Successful logins. */
  logins: number;
  /** Refused logins (NOUSER, bad API key, licence). */
  failedLogins: number;
  logouts: number;
  /** Business calls received (login and logout excluded), answered or refused. */
  calls: number;
}

/** One answer of the simulator: the HTTP status and the JSON body. */
export type Answer = { status: number; body: Record<string, unknown> };
export const ok = (extra: Record<string, unknown>): Answer => ({
  status: 200,
  body: { code: '200', ...extra },
});
export const fail = (code: string, msg: string, status = 200): Answer => ({ status, body: { code, msg } });
export const INVALID_SESSION = fail('401', 'INVALID_SESSION');
export const INSUFFICIENT_PRIVILEGES = fail('401', 'INSUFFICIENT_PRIVILEGES');
export const LOGIN_TIMEOUT = fail('419', 'LOGIN_TIMEOUT');
export const NO_CREDIT = fail('406', 'Yetersiz kontör');

/** The answer for each error the simulator can be told to give. */
export const SIMULATED_ERRORS: Readonly<Record<DiaSimulatedError, Answer>> = Object.freeze({
  '400': fail('400', 'Geçersiz parametre'),
  '401': fail('401', 'UNAUTHORIZED'),
  '402': fail('402', 'Kullanıcının web servis lisansı bulunmuyor'),
  '405': fail('405', 'Web servis lisansı bulunmuyor'),
  '406': NO_CREDIT,
  '419': LOGIN_TIMEOUT,
  '500': fail('500', 'Geçersiz işlem'),
  '501': fail('501', 'Beklenmeyen bir hata oluştu'),
  INVALID_SESSION,
});

/** Every error `failWith` / `failNext` accept. */
export const DIA_SIMULATED_ERRORS = Object.freeze(Object.keys(SIMULATED_ERRORS) as DiaSimulatedError[]);

const HOUR = 60 * 60 * 1000;

export interface SessionState {
  username: string;
  lastSeen: number;
}

/** Users, sessions, credit and injected errors of one simulator; login and logout. */
export function createDiaState(options: DiaSimulatorOptions) {
  const now = options.now ?? Date.now;
  const users = new Map<string, DiaSimulatorUser>(
    (
      options.users ?? [
        { username: DIA_DEMO.username, password: DIA_DEMO.password, permissions: DIA_DEMO.permissions },
      ]
    ).map((u) => [u.username, u]),
  );
  const apiKeys = new Set(options.apiKeys ?? [DIA_DEMO.apiKey]);
  const timeout = options.sessionTimeoutMs ?? HOUR;
  const loginLatency = options.loginLatencyMs ?? 0;
  const sessions = new Map<string, SessionState>();
  const stats: DiaSimulatorStats = { logins: 0, failedLogins: 0, logouts: 0, calls: 0 };

  /** The session, or the answer for a missing one: 419 when it idled out, INVALID_SESSION otherwise. */
  const lookup = (id: unknown): SessionState | Answer => {
    const state = typeof id === 'string' ? sessions.get(id) : undefined;
    if (!state) return INVALID_SESSION;
    if (now() - state.lastSeen >= timeout) {
      sessions.delete(id as string);
      return LOGIN_TIMEOUT;
    }
    return state;
  };

  const sweep = () => {
    const t = now();
    for (const [id, s] of sessions) if (t - s.lastSeen >= timeout) sessions.delete(id);
  };

  async function login(params: Record<string, unknown>): Promise<Answer> {
    if (loginLatency > 0) await new Promise((r) => setTimeout(r, loginLatency));
    const user = typeof params.username === 'string' ? users.get(params.username) : undefined;
    if (!user || params.password !== user.password) {
      stats.failedLogins++;
      return fail('401', 'NOUSER');
    }
    const apikey = (params.params as Record<string, unknown> | undefined)?.apikey;
    if (typeof apikey !== 'string' || !apiKeys.has(apikey)) {
      // The real answer to a bad API key is not documented; the simulator refuses it like this.
      stats.failedLogins++;
      return fail('401', 'INVALID_APIKEY');
    }
    if (isTrue(params.disconnect_same_user)) {
      for (const [id, s] of sessions) if (s.username === user.username) sessions.delete(id);
    }
    if (sessions.size > 10_000) sweep();
    const id = randomToken(16);
    sessions.set(id, { username: user.username, lastSeen: now() });
    stats.logins++;
    return ok({ msg: id, warnings: [] });
  }

  function logout(params: Record<string, unknown>): Answer {
    const id = params.session_id;
    if (!('username' in lookup(id))) return INVALID_SESSION;
    sessions.delete(id as string);
    stats.logouts++;
    return ok({ msg: '' });
  }

  function activeSessions(username?: string): number {
    let n = 0;
    const t = now();
    for (const s of sessions.values()) {
      if (t - s.lastSeen < timeout && (username === undefined || s.username === username)) n++;
    }
    return n;
  }

  return {
    now,
    users,
    sessions,
    stats,
    licensed: options.licensed ?? true,
    errorForm: options.errorForm ?? 'string',
    kontor: options.kontor ?? 1000,
    /** Errors queued by `failNext`, answered first-in first-out. */
    injected: [] as DiaSimulatedError[],
    lookup,
    sweep,
    login,
    logout,
    activeSessions,
  };
}

export type DiaState = ReturnType<typeof createDiaState>;

/** DIA documents the strings "True" / "False"; real clients also send true and "true". */
function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}
