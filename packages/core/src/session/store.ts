/** One provider session as kept in a store. */
export interface SessionEntry<S> {
  /** The provider's session value (ticket, session id, token…). */
  session: S;
  /** Random id of this login, so a holder can tell "my session" from a newer one. */
  id: string;
  createdAt: number;
  /** Epoch ms after which the session is treated as gone (Infinity: never by time). */
  expiresAt: number;
}

/**
 * Where sessions live. The in-memory store serves one process; a shared store (e.g.
 * `@sso/session-redis`) serves a fleet. Methods may be sync or async.
 */
export interface SessionStore<S = unknown> {
  /**
   * True when other processes use the same entries (e.g. Redis). Closing one client then
   * forgets the session locally instead of logging the whole fleet out.
   */
  readonly shared?: boolean;
  get(key: string): Promise<SessionEntry<S> | undefined> | SessionEntry<S> | undefined;
  set(key: string, entry: SessionEntry<S>): Promise<void> | void;
  /**
   * Removes the entry. With `expected`, removes it only if the stored entry is still that one
   * (same `id`), so a stale holder cannot delete a newer session.
   */
  delete(key: string, expected?: SessionEntry<S>): Promise<void> | void;
  /** Extends a sliding session; defaults to `set`. */
  touch?(key: string, entry: SessionEntry<S>): Promise<void> | void;
  /**
   * Fleet-wide single flight: run `login` in one holder at a time and give every waiter the
   * entry it produced. Stores without it rely on the manager's in-process single flight.
   */
  singleFlight?(key: string, login: () => Promise<SessionEntry<S>>): Promise<SessionEntry<S>>;
}

/** Whether a value has the methods of a `SessionStore` (`get`, `set`, `delete`). */
export function isSessionStore<S = unknown>(value: unknown): value is SessionStore<S> {
  if (typeof value !== 'object' || value === null) return false;
  const store = value as Partial<Record<keyof SessionStore, unknown>>;
  return (
    typeof store.get === 'function' && typeof store.set === 'function' && typeof store.delete === 'function'
  );
}

export class MemorySessionStore<S = unknown> implements SessionStore<S> {
  readonly #entries = new Map<string, SessionEntry<S>>();

  get(key: string): SessionEntry<S> | undefined {
    return this.#entries.get(key);
  }

  set(key: string, entry: SessionEntry<S>): void {
    this.#entries.set(key, entry);
  }

  delete(key: string, expected?: SessionEntry<S>): void {
    if (expected && this.#entries.get(key)?.id !== expected.id) return;
    this.#entries.delete(key);
  }

  touch(key: string, entry: SessionEntry<S>): void {
    if (this.#entries.get(key)?.id === entry.id) this.#entries.set(key, entry);
  }
}

export function createMemorySessionStore<S = unknown>(): SessionStore<S> {
  return new MemorySessionStore<S>();
}
