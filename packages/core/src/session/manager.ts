import { randomToken } from '../crypto/random.js';
import { type ProviderId, SsoError } from '../errors.js';
import { createMemorySessionStore, type SessionEntry, type SessionStore } from './store.js';

export interface SessionManagerOptions<S> {
  /** Obtains a new provider session. Called once for any number of concurrent callers. */
  login: () => Promise<S>;
  /** Ends a provider session; called by `close()`. */
  logout?: (session: S) => Promise<void>;
  /** How long a session is trusted without use (Infinity when the provider gives no lifetime). */
  ttlMs: number;
  /** When true, every successful use extends the session to now + ttlMs. */
  sliding?: boolean;
  /** Whether an error thrown by a `use` callback means the provider dropped the session. */
  isExpired: (error: unknown) => boolean;
  store?: SessionStore<S>;
  /** Store key; one manager per account. Default `"default"`. */
  key?: string;
  now?: () => number;
  /** Named in the errors the manager throws (CLOSED, and ABORTED/TIMEOUT while waiting for a login). */
  provider?: ProviderId;
}

/** What bounds one `use`: the wait for a shared login counts against the call's signal and deadline. */
export interface UseBounds {
  signal?: AbortSignal;
  /** Absolute deadline (`Date.now()` clock) for the whole use, the wait for a login included. */
  deadline?: number;
  /** Named in the ABORTED / TIMEOUT error. */
  operation?: string;
}

export interface SessionManager<S> {
  /**
   * Runs `fn` with a valid session. Logs in first when needed (one login shared by all concurrent
   * callers). When `fn` fails with a session-expired error the session is dropped, one new login
   * is made and `fn` runs once more; a second expiry error is thrown to the caller. With `bounds`,
   * a caller stops waiting for a login when its signal aborts or its deadline passes (ABORTED /
   * TIMEOUT); the login itself goes on for the other callers.
   */
  use<T>(fn: (session: S) => Promise<T>, bounds?: UseBounds): Promise<T>;
  /** The current session, logging in if there is none. */
  current(): Promise<S>;
  /** Forgets the current session without logging out (e.g. after the provider dropped it). */
  invalidate(): Promise<void>;
  /**
   * Refuses further use and ends the session (once). With a shared store (`store.shared`) the
   * session is left to the rest of the fleet unless `{ logout: true }` is passed; otherwise it
   * is logged out and removed.
   */
  close(options?: { logout?: boolean }): Promise<void>;
  readonly closed: boolean;
}

export function createSessionManager<S>(options: SessionManagerOptions<S>): SessionManager<S> {
  if (!(options.ttlMs > 0))
    throw new SsoError('INVALID_CONFIG', 'ttlMs must be a positive number of milliseconds');
  const store: SessionStore<S> = options.store ?? createMemorySessionStore<S>();
  const key = options.key ?? 'default';
  const now = options.now ?? Date.now;

  let inflight: Promise<SessionEntry<S>> | undefined;
  // Re-logins keyed by the session they replace: every caller that saw session X expire joins
  // the same replacement, so one expiry costs exactly one login in this process.
  let lastRenewal: { replaces: string; entry: Promise<SessionEntry<S>> } | undefined;
  let closing: Promise<void> | undefined;

  const freshLogin = async (): Promise<SessionEntry<S>> => {
    const session = await options.login();
    const created = now();
    const entry: SessionEntry<S> = {
      session,
      id: randomToken(12),
      createdAt: created,
      expiresAt: created + options.ttlMs,
    };
    await store.set(key, entry);
    return entry;
  };

  const loginOnce = (): Promise<SessionEntry<S>> => {
    if (!inflight) {
      const run = store.singleFlight ? store.singleFlight(key, freshLogin) : freshLogin();
      inflight = run.finally(() => {
        inflight = undefined;
      });
    }
    return inflight;
  };

  const isLive = (entry: SessionEntry<S> | undefined): entry is SessionEntry<S> =>
    entry !== undefined && entry.expiresAt > now();

  // `got` is what store.get answered (an entry, or a promise of one for an async store).
  const acquireFrom = async (got: ReturnType<SessionStore<S>['get']>): Promise<SessionEntry<S>> => {
    const stored = await got;
    if (isLive(stored)) return stored;
    if (stored) await store.delete(key, stored);
    return loginOnce();
  };

  const acquire = (): Promise<SessionEntry<S>> => {
    assertOpen();
    if (inflight) return inflight;
    return acquireFrom(store.get(key));
  };

  const renew = (used: SessionEntry<S>): Promise<SessionEntry<S>> => {
    if (lastRenewal?.replaces === used.id) return lastRenewal.entry;
    const entry = (async () => {
      const stored = await store.get(key);
      if (isLive(stored) && stored.id !== used.id) return stored;
      await store.delete(key, used);
      return loginOnce();
    })();
    const renewal = { replaces: used.id, entry };
    lastRenewal = renewal;
    // A failed login is never cached: the next caller that sees the expiry tries again.
    entry.catch(() => {
      if (lastRenewal === renewal) lastRenewal = undefined;
    });
    return entry;
  };

  // A sliding session is extended at most this often: calls within the same second (or 1 % of a
  // short lifetime) leave the stored expiry as it is, which saves a store write per call.
  const touchGranularityMs = Math.min(1_000, options.ttlMs / 100);

  // Extending the lifetime is best effort: any failure, sync or async, is swallowed. Returns a
  // promise only when the store answered with one, so a synchronous store costs no extra await.
  const touch = (entry: SessionEntry<S>): Promise<void> | undefined => {
    if (!options.sliding) return undefined;
    try {
      const expiresAt = now() + options.ttlMs;
      if (expiresAt - entry.expiresAt < touchGranularityMs) return undefined;
      const extended = { ...entry, expiresAt };
      const done = store.touch ? store.touch(key, extended) : store.set(key, extended);
      return isThenable(done) ? Promise.resolve(done).catch(() => {}) : undefined;
    } catch {
      return undefined;
    }
  };

  const runWith = async <T>(
    used: SessionEntry<S>,
    fn: (session: S) => Promise<T>,
    bounds?: UseBounds,
  ): Promise<T> => {
    let entry = used;
    let result: T;
    try {
      result = await fn(entry.session);
    } catch (error) {
      if (!options.isExpired(error)) throw error;
      entry = await waitBounded(renew(entry), bounds);
      result = await fn(entry.session);
    }
    // Extending the lifetime is best effort: the provider already answered.
    const touched = touch(entry);
    if (touched) await touched;
    return result;
  };

  function assertOpen() {
    if (closing)
      throw new SsoError('CLOSED', 'The client was closed; create a new client to continue', {
        provider: options.provider,
      });
  }

  /** A wait for a (shared) login, given up when the caller's signal aborts or its deadline passes. */
  function waitBounded(pending: Promise<SessionEntry<S>>, bounds: UseBounds | undefined) {
    if (!bounds || (bounds.signal === undefined && bounds.deadline === undefined)) return pending;
    const { signal, deadline, operation = 'login' } = bounds;
    const base = { provider: options.provider, operation };
    const aborted = () =>
      new SsoError('ABORTED', `${operation} was aborted by the caller while waiting for a login`, base);
    const timedOut = () => new SsoError('TIMEOUT', `${operation} timed out while waiting for a login`, base);
    if (signal?.aborted) return Promise.reject(aborted());
    if (deadline !== undefined && deadline <= Date.now()) return Promise.reject(timedOut());
    return new Promise<SessionEntry<S>>((resolve, reject) => {
      const timer =
        deadline === undefined ? undefined : setTimeout(() => finish(timedOut()), deadline - Date.now());
      const onAbort = () => finish(aborted());
      signal?.addEventListener('abort', onAbort, { once: true });
      function finish(error?: SsoError, entry?: SessionEntry<S>) {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve(entry!);
      }
      pending.then(
        (entry) => finish(undefined, entry),
        (error) => finish(error),
      );
    });
  }

  return {
    use<T>(fn: (session: S) => Promise<T>, bounds?: UseBounds): Promise<T> {
      let got: ReturnType<SessionStore<S>['get']>;
      try {
        assertOpen();
        if (inflight) return waitBounded(inflight, bounds).then((entry) => runWith(entry, fn, bounds));
        got = store.get(key);
      } catch (error) {
        return Promise.reject(error);
      }
      // The hot path: a synchronous store holding a live session costs no extra await.
      if (!isThenable(got) && isLive(got)) return runWith(got, fn, bounds);
      return waitBounded(acquireFrom(got), bounds).then((entry) => runWith(entry, fn, bounds));
    },
    async current() {
      return (await acquire()).session;
    },
    async invalidate() {
      const stored = await store.get(key);
      if (stored) await store.delete(key, stored);
    },
    close(closeOptions) {
      const logout = closeOptions?.logout ?? !store.shared;
      closing ??= (async () => {
        const pending = inflight ? await inflight.catch(() => undefined) : undefined;
        if (!logout) return;
        const stored = pending ?? (await store.get(key));
        if (!stored) return;
        await store.delete(key, stored);
        if (options.logout && isLive(stored)) await options.logout(stored.session);
      })();
      return closing;
    },
    get closed() {
      return closing !== undefined;
    },
  };
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}
