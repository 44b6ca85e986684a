import {
  type AesScheme,
  aesDecrypt,
  aesEncrypt,
  createMemorySessionStore,
  isSsoError,
  parseOptions,
  randomToken,
  type SessionEntry,
  type SessionStore,
  SSO_ERROR_CODES,
  SsoError,
  type SsoErrorCode,
} from '@sso/core/provider';
import * as z from '@sso/core/zod';
import { Redis, type RedisOptions } from 'ioredis';
import { isUnavailable, redisError, timedOut, unavailable } from './errors.js';
import { type AccountIdentity, accountHash, sessionSuffix } from './keys.js';
import { COMPARE_AND_DELETE, EXTEND_LOCK, RELEASE_LOCK, SET_SESSION, TOUCH_SESSION } from './scripts.js';

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

const fn = <T>() => z.custom<T>((v) => typeof v === 'function', 'must be a function');
const ms = (max: number) => z.optional(z.number().check(z.positive(), z.lte(max)));

const optionsSchema = z.strictObject({
  redis: z.union([
    z.string().check(z.regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')),
    z.custom<Redis>((v) => v instanceof Redis, 'must be an ioredis client'),
    z.custom<RedisOptions>(
      (v) => typeof v === 'object' && v !== null && !(v instanceof Redis),
      'must be options',
    ),
  ]),
  provider: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'must be a lower-case provider id')),
  account: z.union([
    z.string().check(z.minLength(1)),
    z.record(z.string(), z.union([z.string(), z.number()])),
  ]),
  prefix: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,32}$/, 'must be 1-32 letters, digits, _ . -')),
  ),
  encryptionKey: z.optional(z.string().check(z.minLength(16))),
  lockTtlMs: ms(10 * 60_000),
  waitTimeoutMs: ms(60 * 60_000),
  pollIntervalMs: ms(60_000),
  touchIntervalMs: z.optional(z.number().check(z.gte(0), z.lte(60 * 60_000))),
  operationTimeoutMs: ms(60_000),
  fallback: z.optional(z.enum(['none', 'memory'])),
  codec: z.optional(
    z.custom<SessionCodec<unknown>>(
      (v) =>
        typeof v === 'object' &&
        v !== null &&
        typeof (v as SessionCodec<unknown>).serialize === 'function' &&
        typeof (v as SessionCodec<unknown>).deserialize === 'function',
      'must have serialize and deserialize functions',
    ),
  ),
  now: z.optional(fn<() => number>()),
  onEvent: z.optional(fn<(event: RedisStoreEvent) => void>()),
});

const GCM: AesScheme = { mode: 'gcm', keyDerivation: { kind: 'sha256' }, encoding: 'base64' };

const jsonCodec: SessionCodec<unknown> = {
  serialize: (session) => JSON.stringify(session),
  deserialize: (text) => JSON.parse(text) as unknown,
};

interface Signal {
  /** Session name (the key suffix) the signal is about. */
  k: string;
  r: 'ready' | 'failed';
  /** SsoError code of a failed login. */
  c?: string;
}

/**
 * A `SessionStore` on Redis, shared by every instance of an app: one login for the whole fleet,
 * sliding expiry kept in Redis, and compare-and-delete invalidation, so one expiry costs one login.
 */
export function createRedisSessionStore<S = unknown>(
  options: RedisSessionStoreOptions<S>,
): RedisSessionStore<S> {
  const parsed = parseOptions(optionsSchema, options, {
    provider: 'core',
    operation: 'createRedisSessionStore',
  });
  const base = `${parsed.prefix ?? 'sso'}:${parsed.provider}:${accountHash(parsed.provider, parsed.account)}`;
  const eventsChannel = `${base}:events`;
  const codec = (parsed.codec ?? jsonCodec) as SessionCodec<S>;
  const encryptionKey = parsed.encryptionKey;
  const now = parsed.now ?? Date.now;
  const lockTtlMs = Math.ceil(parsed.lockTtlMs ?? 10_000);
  const waitTimeoutMs = parsed.waitTimeoutMs ?? Math.max(30_000, 3 * lockTtlMs);
  const pollIntervalMs = parsed.pollIntervalMs ?? 100;
  const operationTimeoutMs = parsed.operationTimeoutMs ?? 2_000;
  const fallback = parsed.fallback ?? 'none';
  const onEvent = parsed.onEvent;

  const owned = !isRedisClient(parsed.redis);
  const redis: Redis = owned
    ? createClient(parsed.redis as string | RedisOptions, operationTimeoutMs)
    : (parsed.redis as Redis);

  let everReady = redis.status === 'ready';
  let initialWaitOver = everReady;
  const onReady = () => {
    everReady = true;
  };
  redis.on('ready', onReady);
  // An owned client reports connection failures through the store's errors; without a listener
  // ioredis would print each reconnect failure.
  const onClientError = () => {};
  if (owned) redis.on('error', onClientError);

  let memory = createMemorySessionStore<S>();
  let degraded = false;
  let closed = false;
  const touched = new Map<string, { id: string; at: number }>();
  const listeners = new Set<(signal: Signal) => void>();
  let subscriber: Redis | undefined;
  let subscribed: Promise<boolean> | undefined;
  const wakeOnClose = new Set<() => void>();

  const emit = (type: RedisStoreEvent['type'], key: string) => {
    if (!onEvent) return;
    try {
      onEvent({ type, key });
    } catch {
      // An observer must not break a call.
    }
  };

  const keyFor = (key: string) => `${base}:s:${sessionSuffix(key)}`;

  function assertOpen() {
    if (closed) throw new SsoError('CLOSED', 'The Redis session store was closed');
  }

  // The first connection gets one operation timeout, shared by every call made meanwhile; after
  // that a connection that is not ready fails the call at once.
  let firstConnection: Promise<boolean> | undefined;
  function awaitFirstConnection(): Promise<boolean> {
    firstConnection ??= new Promise<boolean>((resolve) => {
      if (redis.status === 'wait') redis.connect().catch(() => {});
      const timer = setTimeout(() => finish(false), operationTimeoutMs);
      const onceReady = () => finish(true);
      function finish(value: boolean) {
        clearTimeout(timer);
        redis.off('ready', onceReady);
        initialWaitOver = true;
        resolve(value);
      }
      redis.on('ready', onceReady);
    });
    return firstConnection;
  }

  async function ready(operation: string): Promise<void> {
    if (redis.status === 'ready') return;
    if (!initialWaitOver && redis.status !== 'end' && redis.status !== 'close') {
      if ((await awaitFirstConnection()) || (redis.status as string) === 'ready') return;
    }
    throw unavailable(operation, everReady ? 'lost' : 'not established');
  }

  async function command<T>(operation: string, run: (client: Redis) => Promise<T>): Promise<T> {
    assertOpen();
    await ready(operation);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      return await Promise.race([
        run(redis),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(timedOut(operation, operationTimeoutMs)), operationTimeoutMs);
        }),
      ]);
    } catch (error) {
      throw redisError(operation, error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs a Redis operation; while Redis is unreachable and the app opted in, the memory store serves. */
  async function withFallback<T>(
    rkey: string,
    viaRedis: () => Promise<T>,
    viaMemory: () => T | Promise<T>,
  ): Promise<T> {
    try {
      const result = await viaRedis();
      if (degraded) {
        degraded = false;
        // Sessions made while Redis was away are local to this instance; the fleet's is in Redis.
        memory = createMemorySessionStore<S>();
        emit('redis-recovered', rkey);
      }
      return result;
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      if (!degraded) {
        degraded = true;
        emit('redis-unavailable', rkey);
      }
      if (fallback !== 'memory') throw error;
      return viaMemory();
    }
  }

  function encode(rkey: string, entry: SessionEntry<S>): { value: string; encrypted: '0' | '1' } {
    const text = codec.serialize(entry.session);
    if (typeof text !== 'string')
      throw new SsoError('INVALID_INPUT', 'The session codec must serialize to a string');
    if (!encryptionKey) return { value: text, encrypted: '0' };
    // The key and the login id are sealed with the value, so a ciphertext copied to another key
    // or another entry does not decrypt as valid.
    return { value: aesEncrypt(GCM, encryptionKey, JSON.stringify([rkey, entry.id, text])), encrypted: '1' };
  }

  function decode(rkey: string, hash: Record<string, string>): SessionEntry<S> | undefined {
    const { id, c, e, s, x } = hash;
    if (id === undefined || c === undefined || e === undefined || s === undefined) return undefined;
    const createdAt = Number(c);
    const expiresAt = e === 'inf' ? Number.POSITIVE_INFINITY : Number(e);
    if (!Number.isFinite(createdAt) || Number.isNaN(expiresAt)) return undefined;
    try {
      let text = s;
      if (encryptionKey) {
        if (x !== '1') return undefined;
        const sealed = JSON.parse(aesDecrypt(GCM, encryptionKey, s)) as unknown;
        if (
          !Array.isArray(sealed) ||
          sealed[0] !== rkey ||
          sealed[1] !== id ||
          typeof sealed[2] !== 'string'
        ) {
          return undefined;
        }
        text = sealed[2];
      } else if (x === '1') {
        return undefined;
      }
      return { session: codec.deserialize(text), id, createdAt, expiresAt };
    } catch {
      return undefined;
    }
  }

  const ttlOf = (expiresAt: number) =>
    Number.isFinite(expiresAt) ? Math.max(1, Math.ceil(expiresAt - now())) : 0;
  const isLive = (entry: SessionEntry<S> | undefined): entry is SessionEntry<S> =>
    entry !== undefined && entry.expiresAt > now();

  async function get(key: string): Promise<SessionEntry<S> | undefined> {
    const rkey = keyFor(key);
    return withFallback(
      rkey,
      async () => {
        const hash = await command('redis.get', (r) => r.hgetall(rkey));
        if (Object.keys(hash).length === 0) return undefined;
        const entry = decode(rkey, hash);
        if (!entry) emit('unreadable-entry', rkey);
        return entry;
      },
      () => memory.get(key),
    );
  }

  async function set(key: string, entry: SessionEntry<S>): Promise<void> {
    const rkey = keyFor(key);
    const { value, encrypted } = encode(rkey, entry);
    const expires = Number.isFinite(entry.expiresAt) ? String(entry.expiresAt) : 'inf';
    await withFallback(
      rkey,
      async () => {
        await command('redis.set', (r) =>
          r.eval(
            SET_SESSION,
            1,
            rkey,
            entry.id,
            String(entry.createdAt),
            expires,
            value,
            encrypted,
            String(ttlOf(entry.expiresAt)),
          ),
        );
        touched.set(rkey, { id: entry.id, at: now() });
      },
      () => memory.set(key, entry),
    );
  }

  async function remove(key: string, expected?: SessionEntry<S>): Promise<void> {
    const rkey = keyFor(key);
    await withFallback(
      rkey,
      async () => {
        const removed = expected
          ? await command('redis.delete', (r) => r.eval(COMPARE_AND_DELETE, 1, rkey, expected.id))
          : await command('redis.delete', (r) => r.del(rkey));
        if (removed === 1) emit('invalidated', rkey);
        await memory.delete(key, expected);
      },
      () => memory.delete(key, expected),
    );
  }

  async function touch(key: string, entry: SessionEntry<S>): Promise<void> {
    if (!Number.isFinite(entry.expiresAt)) return;
    const rkey = keyFor(key);
    const at = now();
    const interval = parsed.touchIntervalMs ?? Math.min(60_000, Math.max(0, (entry.expiresAt - at) / 10));
    const last = touched.get(rkey);
    if (last && last.id === entry.id && at - last.at < interval) {
      emit('touch-skipped', rkey);
      return;
    }
    touched.set(rkey, { id: entry.id, at });
    await withFallback(
      rkey,
      async () => {
        await command('redis.touch', (r) =>
          r.eval(TOUCH_SESSION, 1, rkey, entry.id, String(entry.expiresAt), String(ttlOf(entry.expiresAt))),
        );
        emit('touched', rkey);
      },
      () => memory.touch?.(key, entry),
    );
  }

  function ensureSubscribed(): Promise<boolean> {
    if (subscribed) return subscribed;
    const attempt = (async () => {
      if (!subscriber) {
        // A subscribed connection can do nothing else, so signals get their own. Its offline
        // queue is on: a SUBSCRIBE sent while it connects is delivered once it is up.
        subscriber = redis.duplicate({
          enableOfflineQueue: true,
          lazyConnect: false,
          maxRetriesPerRequest: null,
        });
        subscriber.on('error', () => {});
        subscriber.on('message', (channel: string, message: string) => {
          if (channel !== eventsChannel) return;
          let signal: Signal;
          try {
            signal = JSON.parse(message) as Signal;
          } catch {
            return;
          }
          for (const listener of [...listeners]) listener(signal);
        });
      }
      const sub = subscriber;
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        await Promise.race([
          sub.subscribe(eventsChannel),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('subscribe timed out')), operationTimeoutMs);
          }),
        ]);
        return true;
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    })();
    subscribed = attempt;
    // Without a subscription waiters poll; the next wait tries to subscribe again.
    attempt.then((ok) => {
      if (!ok && subscribed === attempt) subscribed = undefined;
    });
    return attempt;
  }

  /** Resolves with the next signal about `suffix`, or undefined after `delayMs` (or on close). */
  function nextSignal(suffix: string, delayMs: number): Promise<Signal | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(undefined), delayMs);
      const listener = (signal: Signal) => {
        if (signal.k === suffix) finish(signal);
      };
      const wake = () => finish(undefined);
      function finish(signal: Signal | undefined) {
        clearTimeout(timer);
        listeners.delete(listener);
        wakeOnClose.delete(wake);
        resolve(signal);
      }
      listeners.add(listener);
      wakeOnClose.add(wake);
    });
  }

  async function publish(suffix: string, signal: Omit<Signal, 'k'>) {
    await command('redis.publish', (r) =>
      r.publish(eventsChannel, JSON.stringify({ k: suffix, ...signal })),
    ).catch(() => {});
  }

  // How long a holder's failure stays readable for the instances that waited on it.
  const failureTtlMs = Math.max(10_000, 20 * pollIntervalMs);

  async function holdLockAndLogin(
    key: string,
    lockKey: string,
    token: string,
    login: () => Promise<SessionEntry<S>>,
  ): Promise<SessionEntry<S>> {
    const rkey = keyFor(key);
    const suffix = sessionSuffix(key);
    emit('lock-acquired', rkey);
    // Keep the lock while this instance is alive and logging in; a crashed holder stops
    // extending it and the lock expires after lockTtlMs.
    const keepAlive = setInterval(
      () => {
        command('redis.lock', (r) => r.eval(EXTEND_LOCK, 1, lockKey, token, String(lockTtlMs))).then(
          (extended) => {
            if (extended !== 1) emit('lock-lost', rkey);
          },
          () => {},
        );
      },
      Math.max(10, Math.floor(lockTtlMs / 3)),
    );
    keepAlive.unref?.();
    try {
      // Another instance may have finished a login between our last look and the lock.
      const existing = await get(key);
      if (isLive(existing)) {
        emit('login-reused', rkey);
        await publish(suffix, { r: 'ready' });
        return existing;
      }
      let entry: SessionEntry<S>;
      try {
        entry = await login();
      } catch (error) {
        const code = isSsoError(error) ? error.code : 'PROVIDER_ERROR';
        // Written before the lock is released, so every instance that waited on this holder
        // finds it, whether or not it received the signal.
        await command('redis.lock', (r) =>
          r.set(`${rkey}:failed`, `${token} ${code}`, 'PX', failureTtlMs),
        ).catch(() => {});
        await publish(suffix, { r: 'failed', c: code });
        throw error;
      }
      await publish(suffix, { r: 'ready' });
      return entry;
    } finally {
      clearInterval(keepAlive);
      await command('redis.unlock', (r) => r.eval(RELEASE_LOCK, 1, lockKey, token)).then(
        () => emit('lock-released', rkey),
        () => {},
      );
    }
  }

  /** The error code of the login made by the holder with `holder` token, if that login failed. */
  async function failureOf(rkey: string, holder: string): Promise<SsoErrorCode | undefined> {
    const marker = await command('redis.lock', (r) => r.get(`${rkey}:failed`));
    if (!marker) return undefined;
    const [token, code] = marker.split(' ');
    if (token !== holder) return undefined;
    return code && isKnownCode(code) ? code : 'PROVIDER_ERROR';
  }

  async function singleFlight(key: string, login: () => Promise<SessionEntry<S>>): Promise<SessionEntry<S>> {
    assertOpen();
    const rkey = keyFor(key);
    const suffix = sessionSuffix(key);
    const lockKey = `${rkey}:lock`;
    const token = randomToken(16);
    const deadline = Date.now() + waitTimeoutMs;
    let signalsOn = false;
    let delay = Math.min(10, pollIntervalMs);
    // Token of the holder whose login this instance is waiting for.
    let awaited: string | undefined;

    const failIfAwaitedFailed = async () => {
      if (!awaited) return;
      const code = await failureOf(rkey, awaited);
      if (code) {
        throw new SsoError(code, `The login made by another instance failed (${code})`, {
          operation: 'redis.singleFlight',
          retryable: code === 'NETWORK' || code === 'TIMEOUT',
        });
      }
    };

    for (;;) {
      assertOpen();
      let holder: string | null;
      try {
        holder = await command('redis.lock', async (r) => {
          const acquired = await r.set(lockKey, token, 'PX', lockTtlMs, 'NX');
          return acquired === 'OK' ? token : r.get(lockKey);
        });
      } catch (error) {
        if (fallback === 'memory' && isUnavailable(error)) {
          if (!degraded) {
            degraded = true;
            emit('redis-unavailable', rkey);
          }
          // No fleet to coordinate with: the session manager's in-process single flight serves.
          return login();
        }
        throw error;
      }
      if (holder === token) return holdLockAndLogin(key, lockKey, token, login);

      // Another instance is logging in (or just finished). Listen for its signal (subscribed
      // before looking, so a signal sent after the look is not missed) and look again at least
      // every pollIntervalMs. The session shows success; the failure marker shows failure.
      if (!signalsOn) signalsOn = await ensureSubscribed();
      if (holder !== awaited) {
        await failIfAwaitedFailed();
        if (holder) {
          awaited = holder;
          emit('login-waiting', rkey);
        }
      }
      const existing = await get(key);
      if (isLive(existing)) {
        emit('login-joined', rkey);
        return existing;
      }
      if (Date.now() >= deadline) {
        throw new SsoError(
          'TIMEOUT',
          `Waited ${waitTimeoutMs} ms for another instance to log in; its lock did not clear`,
          { retryable: true, operation: 'redis.singleFlight' },
        );
      }
      if (holder === null) continue; // the lock was released between the two commands: try again
      const signal = await nextSignal(suffix, signalsOn ? pollIntervalMs : delay);
      delay = Math.min(delay * 2, pollIntervalMs);
      if (signal) {
        const shared = await get(key);
        if (isLive(shared)) {
          emit('login-joined', rkey);
          return shared;
        }
      }
      await failIfAwaitedFailed();
    }
  }

  const store: RedisSessionStore<S> = {
    shared: true,
    get,
    set,
    delete: remove,
    touch,
    singleFlight,
    keyFor,
    get mode() {
      return degraded && fallback === 'memory' ? 'memory' : 'redis';
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const wake of [...wakeOnClose]) wake();
      redis.off('ready', onReady);
      const quits: Promise<unknown>[] = [];
      if (subscriber) quits.push(quit(subscriber));
      if (owned) quits.push(quit(redis));
      // The no-op error listener stays: a late socket error must not become an unhandled 'error'.
      await Promise.all(quits);
    },
  };
  return store;
}

/** An ioredis client, also one from another copy of ioredis than this package's. */
function isRedisClient(value: unknown): value is Redis {
  if (value instanceof Redis) return true;
  const candidate = value as Partial<Record<'hgetall' | 'eval' | 'duplicate' | 'on', unknown>> & {
    status?: unknown;
  };
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof candidate.status === 'string' &&
    typeof candidate.hgetall === 'function' &&
    typeof candidate.eval === 'function' &&
    typeof candidate.duplicate === 'function' &&
    typeof candidate.on === 'function'
  );
}

function createClient(config: string | RedisOptions, operationTimeoutMs: number): Redis {
  const failFast: RedisOptions = {
    // Commands while disconnected fail at once instead of piling up until a reconnect.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: Math.max(operationTimeoutMs, 1_000),
    // Reconnect for ever, backing off to one attempt a second: recovery needs no restart.
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** Math.min(attempt, 5), 1_000),
  };
  return typeof config === 'string' ? new Redis(config, failFast) : new Redis({ ...failFast, ...config });
}

async function quit(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  await client.quit().catch(() => client.disconnect());
}

function isKnownCode(code: string): code is SsoErrorCode {
  return (SSO_ERROR_CODES as readonly string[]).includes(code);
}
