import { inspect } from 'node:util';
import {
  createSessionManager,
  isSsoError,
  randomToken,
  type SessionEntry,
  SsoError,
} from '@sso/core/provider';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createRedisSessionStore,
  type RedisSessionStore,
  type RedisSessionStoreOptions,
  type RedisStoreEvent,
} from '../src/index.js';
import { type RedisServer, redisServerPath, startRedisServer } from './helpers/redis-server.js';

const PASSWORD = 'Pa55-word-never-stored';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: RedisServer;
let admin: Redis;
const opened: RedisSessionStore<unknown>[] = [];

function store<S = string>(overrides: Partial<RedisSessionStoreOptions<S>> = {}): RedisSessionStore<S> {
  const created = createRedisSessionStore<S>({
    redis: server.url,
    provider: 'dia',
    account: { server: 'demo', username: 'ws-user' },
    ...overrides,
  });
  opened.push(created as RedisSessionStore<unknown>);
  return created;
}

/** A provider stand-in: one valid session at a time, a login counter, an optional login delay. */
function fakeProvider(loginDelayMs = 0) {
  const state = {
    logins: 0,
    valid: undefined as string | undefined,
    failNextLogin: undefined as SsoError | undefined,
  };
  return {
    state,
    async login(): Promise<string> {
      state.logins += 1;
      await sleep(loginDelayMs);
      if (state.failNextLogin) throw state.failNextLogin;
      // The password goes to the provider only; it must never reach Redis.
      void PASSWORD;
      state.valid = `sid-${randomToken(8)}`;
      return state.valid;
    },
    async call(session: string): Promise<string> {
      if (session !== state.valid)
        throw new SsoError('SESSION_EXPIRED', 'INVALID_SESSION', { provider: 'dia' });
      return 'ok';
    },
    drop() {
      state.valid = undefined;
    },
  };
}

function manager(
  provider: ReturnType<typeof fakeProvider>,
  sessionStore: RedisSessionStore<string>,
  ttlMs = 60_000,
) {
  return createSessionManager<string>({
    login: () => provider.login(),
    ttlMs,
    sliding: true,
    isExpired: (error) => isSsoError(error, 'SESSION_EXPIRED'),
    store: sessionStore,
  });
}

async function allStoredText(): Promise<string> {
  const keys = await admin.keys('*');
  const parts: string[] = [];
  for (const key of keys) {
    const type = await admin.type(key);
    parts.push(key);
    if (type === 'hash') parts.push(JSON.stringify(await admin.hgetall(key)));
    else if (type === 'string') parts.push(String(await admin.get(key)));
  }
  return parts.join('\n');
}

beforeAll(async () => {
  server = await startRedisServer();
  admin = new Redis(server.url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  admin.on('error', () => {});
});

afterAll(async () => {
  admin?.disconnect();
  await server?.stop();
});

beforeEach(async () => {
  if (admin.status === 'ready') await admin.flushall();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describe('test harness', () => {
  it('fails (never skips) with a clear message when redis-server cannot be found', () => {
    const saved = process.env.REDIS_SERVER_PATH;
    process.env.REDIS_SERVER_PATH = '/nonexistent/redis-server';
    try {
      expect(() => redisServerPath()).toThrow(/redis-server was not found.*apt-get install redis-server/s);
    } finally {
      if (saved === undefined) delete process.env.REDIS_SERVER_PATH;
      else process.env.REDIS_SERVER_PATH = saved;
    }
  });
});

describe('storage', () => {
  it('round-trips an entry and sets the Redis TTL from expiresAt (none for Infinity)', async () => {
    const s = store();
    const entry: SessionEntry<string> = {
      session: 'sid-1',
      id: 'a1',
      createdAt: Date.now(),
      expiresAt: Date.now() + 5_000,
    };
    await s.set('default', entry);
    expect(await s.get('default')).toEqual(entry);
    const ttl = await admin.pttl(s.keyFor('default'));
    expect(ttl).toBeGreaterThan(4_000);
    expect(ttl).toBeLessThanOrEqual(5_000);

    await s.set('forever', { session: 'sid-2', id: 'a2', createdAt: 1, expiresAt: Number.POSITIVE_INFINITY });
    expect((await s.get('forever'))?.expiresAt).toBe(Number.POSITIVE_INFINITY);
    expect(await admin.pttl(s.keyFor('forever'))).toBe(-1);
  });

  it('namespaces keys by provider and a hash of the account, never showing the user name', async () => {
    const a = store();
    const b = store({ account: { server: 'demo', username: 'other-user' } });
    const c = store({ provider: 'euromsg' });
    expect(a.keyFor('default')).toMatch(/^sso:dia:[0-9a-f]{32}:s:default$/);
    expect(a.keyFor('default')).not.toContain('ws-user');
    expect(new Set([a.keyFor('default'), b.keyFor('default'), c.keyFor('default')]).size).toBe(3);
    // The same identity gives the same key on every instance, whatever the field order.
    expect(store({ account: { username: 'ws-user', server: 'demo' } }).keyFor('default')).toBe(
      a.keyFor('default'),
    );
    // Manager keys that are not plain words are hashed too.
    expect(a.keyFor('ws-user@demo.example')).not.toContain('ws-user');
  });

  it('refuses an account identity that contains a secret field', () => {
    expect(() => store({ account: { username: 'u', password: PASSWORD } })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
    expect(() => store({ account: { username: 'u', apiKey: 'k' } })).toThrow(/looks like a secret/);
    try {
      store({ account: { username: 'u', password: PASSWORD } });
    } catch (error) {
      expect(String(error)).not.toContain(PASSWORD);
    }
  });

  it('uses an app-provided ioredis client as is and leaves it open on close()', async () => {
    const client = new Redis(server.url);
    try {
      const s = store({ redis: client });
      await s.set('default', { session: 'sid-app', id: 'c1', createdAt: 1, expiresAt: Date.now() + 60_000 });
      expect(await admin.hget(s.keyFor('default'), 'id')).toBe('c1');
      await s.close();
      expect(client.status).toBe('ready');
      expect(await client.ping()).toBe('PONG');
      await expect(s.get('default')).rejects.toMatchObject({ code: 'CLOSED' });
    } finally {
      client.disconnect();
    }
  });

  it('rejects unknown options and malformed URLs with INVALID_CONFIG before connecting', () => {
    expect(() => store({ colour: 'blue' } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
    expect(() => store({ redis: 'http://127.0.0.1:1' })).toThrow(/redis:\/\//);
  });

  it('stores no password, and with an encryption key no readable session id either', async () => {
    const provider = fakeProvider();
    const plain = manager(provider, store());
    await plain.use((sid) => provider.call(sid));
    const plainText = await allStoredText();
    expect(plainText).not.toContain(PASSWORD);
    expect(plainText).toContain(provider.state.valid);

    await admin.flushall();
    const key = 'app-provided-encryption-key-32ch';
    const encrypted = manager(provider, store({ encryptionKey: key }));
    await encrypted.use((sid) => provider.call(sid));
    const sealed = await allStoredText();
    expect(sealed).not.toContain(PASSWORD);
    expect(sealed).not.toContain(provider.state.valid);
    expect(sealed).not.toContain(key);
    // Another instance with the key reads it back; one with a different key treats it as absent.
    expect((await store({ encryptionKey: key }).get('default'))?.session).toBe(provider.state.valid);
    expect(await store({ encryptionKey: 'a-different-key-of-enough-length' }).get('default')).toBeUndefined();
    expect(await store().get('default')).toBeUndefined();
  });

  it('a sealed value copied under another key does not decrypt', async () => {
    const key = 'app-provided-encryption-key-32ch';
    const s = store({ encryptionKey: key });
    await s.set('one', { session: 'sid-x', id: 'i1', createdAt: 1, expiresAt: Date.now() + 60_000 });
    await admin.copy(s.keyFor('one'), s.keyFor('two'));
    expect((await s.get('one'))?.session).toBe('sid-x');
    expect(await s.get('two')).toBeUndefined();
  });

  it('compare-and-delete removes the session only while it is still the expected one', async () => {
    const s = store();
    const old: SessionEntry<string> = {
      session: 'sid-old',
      id: 'old',
      createdAt: 1,
      expiresAt: Date.now() + 60_000,
    };
    const fresh: SessionEntry<string> = {
      session: 'sid-new',
      id: 'new',
      createdAt: 2,
      expiresAt: Date.now() + 60_000,
    };
    await s.set('default', fresh);
    await s.delete('default', old);
    expect((await s.get('default'))?.id).toBe('new');
    await s.delete('default', fresh);
    expect(await admin.exists(s.keyFor('default'))).toBe(0);
  });
});

describe('sliding expiry', () => {
  it('extends expiry in Redis at most once per touchIntervalMs per instance', async () => {
    let clock = Date.now();
    const events: RedisStoreEvent['type'][] = [];
    const s = store({ now: () => clock, touchIntervalMs: 1_000, onEvent: (e) => events.push(e.type) });
    const entry: SessionEntry<string> = {
      session: 'sid',
      id: 'e1',
      createdAt: clock,
      expiresAt: clock + 10_000,
    };
    await s.set('default', entry);

    clock += 500;
    await s.touch('default', { ...entry, expiresAt: clock + 10_000 });
    expect(await admin.hget(s.keyFor('default'), 'e')).toBe(String(entry.expiresAt));
    expect(events).toContain('touch-skipped');

    clock += 600;
    await s.touch('default', { ...entry, expiresAt: clock + 10_000 });
    expect(await admin.hget(s.keyFor('default'), 'e')).toBe(String(clock + 10_000));
    expect(events.filter((e) => e === 'touched')).toHaveLength(1);
    expect(await admin.pttl(s.keyFor('default'))).toBeGreaterThan(9_000);
  });

  it('a busy fleet extends a session a bounded number of times', async () => {
    const provider = fakeProvider();
    let touches = 0;
    const stores = Array.from({ length: 4 }, () =>
      store({ touchIntervalMs: 60_000, onEvent: (e) => (e.type === 'touched' ? touches++ : undefined) }),
    );
    const managers = stores.map((s) => manager(provider, s));
    await managers[0]!.use((sid) => provider.call(sid));
    await Promise.all(
      managers.flatMap((m) => Array.from({ length: 50 }, () => m.use((sid) => provider.call(sid)))),
    );
    // The instance that logged in wrote the expiry with the session; each other instance touches once.
    expect(touches).toBeLessThanOrEqual(3);
  });

  it('a touch never brings back a deleted or replaced session', async () => {
    const s = store({ touchIntervalMs: 0 });
    const entry: SessionEntry<string> = {
      session: 'sid',
      id: 'e1',
      createdAt: 1,
      expiresAt: Date.now() + 5_000,
    };
    await s.set('default', entry);
    await s.delete('default', entry);
    await s.touch('default', { ...entry, expiresAt: Date.now() + 50_000 });
    expect(await admin.exists(s.keyFor('default'))).toBe(0);

    const newer = { ...entry, id: 'e2', session: 'sid-2' };
    await s.set('default', newer);
    await s.touch('default', { ...entry, expiresAt: Date.now() + 50_000 });
    expect(await admin.hget(s.keyFor('default'), 'e')).toBe(String(newer.expiresAt));
  });
});

describe('fleet single flight (several stores, one Redis)', () => {
  it('6 instances x 50 concurrent calls on a cold fleet log in exactly once', async () => {
    const provider = fakeProvider(150);
    const managers = Array.from({ length: 6 }, () => manager(provider, store()));
    const results = await Promise.all(
      managers.flatMap((m) => Array.from({ length: 50 }, () => m.use((sid) => provider.call(sid)))),
    );
    expect(results).toHaveLength(300);
    expect(results.every((r) => r === 'ok')).toBe(true);
    expect(provider.state.logins).toBe(1);
  });

  it('one provider-side expiry causes exactly one re-login across the fleet', async () => {
    const provider = fakeProvider(100);
    const managers = Array.from({ length: 6 }, () => manager(provider, store()));
    await Promise.all(managers.map((m) => m.use((sid) => provider.call(sid))));
    expect(provider.state.logins).toBe(1);
    provider.drop();
    const results = await Promise.all(
      managers.flatMap((m) => Array.from({ length: 30 }, () => m.use((sid) => provider.call(sid)))),
    );
    expect(results.every((r) => r === 'ok')).toBe(true);
    expect(provider.state.logins).toBe(2);
  });

  it('the lock is released only by its holder', async () => {
    const provider = fakeProvider(300);
    const s = store();
    const m = manager(provider, s);
    const pending = m.current();
    await sleep(100);
    const lockKey = `${s.keyFor('default')}:lock`;
    const token = await admin.get(lockKey);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    // Someone else's token in place of the holder's: the holder's release must leave it alone.
    await admin.set(lockKey, 'intruder', 'PX', 5_000);
    await pending;
    expect(await admin.get(lockKey)).toBe('intruder');
  });

  it("a crashed holder's lock expires after lockTtlMs and a waiter logs in then", async () => {
    const provider = fakeProvider();
    const s = store({ lockTtlMs: 600 });
    // A holder that took the lock and died: its token is in Redis and nobody extends it.
    await admin.set(`${s.keyFor('default')}:lock`, 'dead-holder', 'PX', 600);
    const started = Date.now();
    const sid = await manager(provider, s).current();
    const waited = Date.now() - started;
    expect(sid).toBe(provider.state.valid);
    expect(provider.state.logins).toBe(1);
    expect(waited).toBeGreaterThanOrEqual(450);
    expect(waited).toBeLessThan(3_000);
  });

  it('a holder alive past lockTtlMs keeps its lock, so a slow login is not duplicated', async () => {
    const provider = fakeProvider(1_000);
    const managers = Array.from({ length: 3 }, () => manager(provider, store({ lockTtlMs: 300 })));
    const sessions = await Promise.all(managers.map((m) => m.current()));
    expect(new Set(sessions).size).toBe(1);
    expect(provider.state.logins).toBe(1);
  });

  it("waiting instances get the holder's login failure instead of each trying again", async () => {
    const provider = fakeProvider(500);
    provider.state.failNextLogin = new SsoError('AUTHENTICATION_FAILED', 'NOUSER', { provider: 'dia' });
    const stores = Array.from({ length: 4 }, () => store());
    // Connected first, so all four ask for the lock while the first login is still running.
    await Promise.all(stores.map((s) => s.get('default')));
    const managers = stores.map((s) => manager(provider, s));
    const outcomes = await Promise.allSettled(managers.map((m) => m.current()));
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    for (const o of outcomes)
      expect((o as PromiseRejectedResult).reason).toMatchObject({ code: 'AUTHENTICATION_FAILED' });
    expect(provider.state.logins).toBe(1);
    // Nothing is cached: the next call logs in again.
    provider.state.failNextLogin = undefined;
    const sid = await managers[1]!.current();
    expect(sid).toBe(provider.state.valid);
    expect(provider.state.logins).toBe(2);
  });
});

describe('errors', () => {
  it('a lock that never clears ends the wait with a retryable TIMEOUT after waitTimeoutMs', async () => {
    const provider = fakeProvider();
    const s = store({ waitTimeoutMs: 400, pollIntervalMs: 50 });
    await admin.set(`${s.keyFor('default')}:lock`, 'stuck-holder', 'PX', 10_000);
    const started = Date.now();
    const error = await manager(provider, s)
      .current()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(provider.state.logins).toBe(0);
  });

  it('a Redis error reply (WRONGTYPE on a foreign key) is a PROVIDER_ERROR naming the reply', async () => {
    const s = store();
    await admin.set(s.keyFor('default'), 'not a hash');
    const error = await s.get('default').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', operation: 'redis.get' });
    expect((error as Error).message).toContain('WRONGTYPE');
  });

  it('a command Redis does not answer in operationTimeoutMs fails with NETWORK', async () => {
    const s = store({ operationTimeoutMs: 200 });
    await s.get('default');
    const pauser = new Redis(server.url);
    try {
      await pauser.client('PAUSE', 1_000, 'ALL');
      const started = Date.now();
      const error = await s.get('default').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'NETWORK', retryable: true });
      expect((error as Error).message).toMatch(/did not answer/);
      expect(Date.now() - started).toBeLessThan(900);
    } finally {
      await sleep(1_000);
      pauser.disconnect();
    }
  });
});

describe('failure of the awaited holder', () => {
  it('is found in Redis even without a pub/sub signal, and the waiter does not log in itself', async () => {
    const provider = fakeProvider();
    let sawHolder: () => void = () => {};
    const waitingOnHolder = new Promise<void>((resolve) => {
      sawHolder = resolve;
    });
    const s = store({
      pollIntervalMs: 50,
      onEvent: (event) => {
        if (event.type === 'login-waiting') sawHolder();
      },
    });
    const rkey = s.keyFor('default');
    await admin.set(`${rkey}:lock`, 'holder-h', 'PX', 5_000);
    const waiting = manager(provider, s)
      .current()
      .catch((e: unknown) => e);
    // Only once the waiter has seen the holder's lock (a fixed sleep races on a loaded machine).
    await waitingOnHolder;
    // The holder records its failure and releases the lock; no PUBLISH.
    await admin.set(`${rkey}:failed`, 'holder-h AUTHENTICATION_FAILED', 'PX', 5_000);
    await admin.del(`${rkey}:lock`);
    expect(await waiting).toMatchObject({ code: 'AUTHENTICATION_FAILED', retryable: false });
    expect(provider.state.logins).toBe(0);
  });

  it("a different holder's failure marker is ignored", async () => {
    const provider = fakeProvider();
    const s = store({ pollIntervalMs: 50 });
    const rkey = s.keyFor('default');
    await admin.set(`${rkey}:failed`, 'someone-else AUTHENTICATION_FAILED', 'PX', 5_000);
    await admin.set(`${rkey}:lock`, 'holder-h', 'PX', 300);
    const sid = await manager(provider, s).current();
    expect(sid).toBe(provider.state.valid);
    expect(provider.state.logins).toBe(1);
  });
});

describe('Redis unavailable', () => {
  it('fails fast with a typed NETWORK error, then recovers on its own when Redis is back', async () => {
    const provider = fakeProvider();
    const events: RedisStoreEvent['type'][] = [];
    const s = store({ onEvent: (e) => events.push(e.type) });
    const m = manager(provider, s);
    await m.use((sid) => provider.call(sid));
    const sid = provider.state.valid!;

    await server.stop();
    try {
      const started = Date.now();
      const error = await m.use((x) => provider.call(x)).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(isSsoError(error, 'NETWORK')).toBe(true);
      expect((error as SsoError).retryable).toBe(true);
      for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 5 })]) {
        expect(text).not.toContain(sid);
        expect(text).not.toContain(PASSWORD);
      }
      expect(events).toContain('redis-unavailable');
    } finally {
      await server.start();
    }
    // Recovery needs no restart of the app: bounded retries until the client has reconnected.
    let result: unknown;
    for (let attempt = 0; attempt < 50 && result !== 'ok'; attempt++) {
      result = await m.use((x) => provider.call(x)).catch((e: unknown) => e);
      if (result !== 'ok') await sleep(100);
    }
    expect(result).toBe('ok');
    expect(events).toContain('redis-recovered');
    // The restarted Redis was empty: one fresh login.
    expect(provider.state.logins).toBe(2);
  });

  it('with fallback "memory" keeps working on a local session and returns to Redis afterwards', async () => {
    const provider = fakeProvider();
    const s = store({ fallback: 'memory' });
    const m = manager(provider, s);
    await m.use((sid) => provider.call(sid));
    expect(s.mode).toBe('redis');

    await server.stop();
    try {
      // The provider still accepts the fleet's session; the local store starts empty: one login.
      await expect(m.use((sid) => provider.call(sid))).resolves.toBe('ok');
      await expect(m.use((sid) => provider.call(sid))).resolves.toBe('ok');
      expect(s.mode).toBe('memory');
      expect(provider.state.logins).toBe(2);
    } finally {
      await server.start();
    }
    let result: unknown;
    for (let attempt = 0; attempt < 50 && s.mode !== 'redis'; attempt++) {
      result = await m.use((sid) => provider.call(sid)).catch((e: unknown) => e);
      await sleep(100);
    }
    expect(s.mode).toBe('redis');
    result = await m.use((sid) => provider.call(sid));
    expect(result).toBe('ok');
    expect(await admin.exists(s.keyFor('default'))).toBe(1);
  });

  it('fails the first call with NETWORK when Redis was never reachable', async () => {
    const s = store({ redis: 'redis://127.0.0.1:1', operationTimeoutMs: 300 });
    const error = await s.get('default').catch((e: unknown) => e);
    expect(isSsoError(error, 'NETWORK')).toBe(true);
  });
});
