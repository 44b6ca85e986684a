import type { SessionEntry, SessionStore } from '@sso/core/provider';
import type { Redis, RedisOptions } from 'ioredis';
import type { AccountIdentity } from './keys.js';

/** How a session value is written to and read from Redis. JSON by default. */
export interface SessionCodec<S> {
  serialize(session: S): string;
  deserialize(text: string): S;
}

/** Something a store did that an app may want to count or log. Never carries a secret. */
export interface RedisStoreEvent {
  type:
    | 'lock-acquired'
    | 'lock-released'
    | 'lock-lost'
    | 'login-waiting'
    | 'login-joined'
    | 'login-reused'
    | 'touched'
    | 'touch-skipped'
    | 'invalidated'
    | 'unreadable-entry'
    | 'redis-unavailable'
    | 'redis-recovered';
  /** The Redis key concerned (provider, account hash and session name; never a secret). */
  key: string;
}

export interface RedisSessionStoreOptions<S = unknown> {
  /**
   * An ioredis client, a `redis://` URL or ioredis connection options. A client the store creates
   * is closed by `close()`; a client passed in is left open. Either way the store fails fast while
   * the connection is down instead of queueing commands.
   */
  redis: Redis | string | RedisOptions;
  /** The provider the sessions belong to (`dia`, `euromsg`…); first part of the namespace. */
  provider: string;
  /**
   * Non-secret fields that identify the account (host and user name, say). They are hashed into
   * the key; fields whose names look like secrets (password, apiKey, token…) are refused.
   */
  account: AccountIdentity;
  /** First segment of every key. Default `sso`. */
  prefix?: string;
  /**
   * Encrypts each stored session value with AES-256-GCM under SHA-256 of this key (at least 16
   * characters). Entries that do not decrypt with it are treated as absent.
   */
  encryptionKey?: string;
  /** Lifetime of the login lock; bounds how long a crashed holder blocks the fleet. Default 10 000. */
  lockTtlMs?: number;
  /** How long an instance waits for another instance's login before giving up. Default 3 × lockTtlMs (at least 30 000). */
  waitTimeoutMs?: number;
  /** Longest pause between two checks while waiting for another instance's login. Default 100. */
  pollIntervalMs?: number;
  /**
   * Minimum time between two expiry extensions of the same session by this instance. Default: a
   * tenth of the session's lifetime, at most 60 000.
   */
  touchIntervalMs?: number;
  /** Deadline for one Redis command (and for the first connection). Default 2 000. */
  operationTimeoutMs?: number;
  /**
   * What to do while Redis is unreachable: `'none'` (default) fails each call with an SsoError
   * `NETWORK`; `'memory'` keeps a session in this process until Redis is back.
   */
  fallback?: 'none' | 'memory';
  codec?: SessionCodec<S>;
  /** Clock in epoch ms, used for expiry checks and Redis TTLs. Default `Date.now`. */
  now?: () => number;
  onEvent?: (event: RedisStoreEvent) => void;
}

export interface RedisSessionStore<S = unknown> extends SessionStore<S> {
  get(key: string): Promise<SessionEntry<S> | undefined>;
  set(key: string, entry: SessionEntry<S>): Promise<void>;
  delete(key: string, expected?: SessionEntry<S>): Promise<void>;
  touch(key: string, entry: SessionEntry<S>): Promise<void>;
  singleFlight(key: string, login: () => Promise<SessionEntry<S>>): Promise<SessionEntry<S>>;
  /** Always true: closing one client leaves the fleet's session in place. */
  readonly shared: true;
  /** The Redis key a session manager key maps to. */
  keyFor(key: string): string;
  /** `'redis'`, or `'memory'` while a memory fallback is serving because Redis is unreachable. */
  readonly mode: 'redis' | 'memory';
  /** Stops waiting loops and closes the connections the store opened. */
  close(): Promise<void>;
}
