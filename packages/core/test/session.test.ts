import { describe, expect, it } from 'vitest';
import {
  createMemorySessionStore,
  createSessionManager,
  isSsoError,
  type SessionEntry,
  SsoError,
} from '../src/provider.js';
import { createTestClock } from '../src/testing/index.js';

const expired = () => new SsoError('SESSION_EXPIRED', 'session dropped', { provider: 'dia' });
const isExpired = (e: unknown) => isSsoError(e, 'SESSION_EXPIRED');
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function counterLogin() {
  const state = { logins: 0, logouts: [] as string[] };
  return {
    state,
    login: async () => {
      state.logins++;
      await tick();
      return `session-${state.logins}`;
    },
    logout: async (session: string) => {
      state.logouts.push(session);
    },
  };
}

describe('createSessionManager', () => {
  it('logs in exactly once for 1,000 concurrent callers on a cold manager', async () => {
    const { state, login } = counterLogin();
    const manager = createSessionManager({ login, ttlMs: 60_000, isExpired });
    const results = await Promise.all(Array.from({ length: 1000 }, () => manager.use(async (s) => s)));
    expect(state.logins).toBe(1);
    expect(new Set(results)).toEqual(new Set(['session-1']));
  });

  it('on a session-expired error makes exactly one re-login and one retry, shared by concurrent callers', async () => {
    const { state, login } = counterLogin();
    const manager = createSessionManager({ login, ttlMs: 60_000, isExpired });
    await manager.current();
    const attempts: string[] = [];
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        manager.use(async (session) => {
          attempts.push(session);
          await tick();
          if (session === 'session-1') throw expired();
          return session;
        }),
      ),
    );
    expect(state.logins).toBe(2);
    expect(new Set(results)).toEqual(new Set(['session-2']));
    expect(attempts.filter((s) => s === 'session-1')).toHaveLength(50);
    expect(attempts.filter((s) => s === 'session-2')).toHaveLength(50);
  });

  it('surfaces a second expiry error instead of looping', async () => {
    const { state, login } = counterLogin();
    const manager = createSessionManager({ login, ttlMs: 60_000, isExpired });
    let calls = 0;
    const error = await manager
      .use(async () => {
        calls++;
        throw expired();
      })
      .catch((e) => e);
    expect(isSsoError(error, 'SESSION_EXPIRED')).toBe(true);
    expect(calls).toBe(2);
    expect(state.logins).toBe(2);
  });

  it('does not retry errors that are not session expiry', async () => {
    const { state, login } = counterLogin();
    const manager = createSessionManager({ login, ttlMs: 60_000, isExpired });
    let calls = 0;
    const denied = new SsoError('PERMISSION_DENIED', 'no right');
    await expect(
      manager.use(async () => {
        calls++;
        throw denied;
      }),
    ).rejects.toBe(denied);
    expect(calls).toBe(1);
    expect(state.logins).toBe(1);
  });

  it('does not cache a failed login: all concurrent waiters get the failure, the next call tries again', async () => {
    let logins = 0;
    const manager = createSessionManager({
      login: async () => {
        logins++;
        await tick();
        if (logins === 1) throw new SsoError('AUTHENTICATION_FAILED', 'wrong password');
        return 'good';
      },
      ttlMs: 60_000,
      isExpired,
    });
    const first = await Promise.allSettled(Array.from({ length: 10 }, () => manager.use(async (s) => s)));
    expect(first.every((r) => r.status === 'rejected')).toBe(true);
    expect(logins).toBe(1);
    await expect(manager.use(async (s) => s)).resolves.toBe('good');
    expect(logins).toBe(2);
  });

  it('logs in again once the TTL has passed without use', async () => {
    const clock = createTestClock();
    const { state, login } = counterLogin();
    const manager = createSessionManager({ login, ttlMs: 1_000, isExpired, now: clock.now });
    await manager.use(async (s) => s);
    clock.advance(999);
    await manager.use(async (s) => s);
    expect(state.logins).toBe(1);
    clock.advance(1_001);
    await expect(manager.use(async (s) => s)).resolves.toBe('session-2');
    expect(state.logins).toBe(2);
  });

  it('keeps a sliding session alive for as long as it is used', async () => {
    const clock = createTestClock();
    const { state, login } = counterLogin();
    const manager = createSessionManager({ login, ttlMs: 1_000, sliding: true, isExpired, now: clock.now });
    for (let i = 0; i < 10; i++) {
      await manager.use(async (s) => s);
      clock.advance(900);
    }
    expect(state.logins).toBe(1);
    clock.advance(200);
    await manager.use(async (s) => s);
    expect(state.logins).toBe(2);
  });

  it('extends a sliding session at most once per second of its clock (no store write per call)', async () => {
    const clock = createTestClock();
    const memory = createMemorySessionStore<string>();
    let touches = 0;
    const store = {
      get: (k: string) => memory.get(k),
      set: (k: string, e: SessionEntry<string>) => memory.set(k, e),
      delete: (k: string, e?: SessionEntry<string>) => memory.delete(k, e),
      touch: (k: string, e: SessionEntry<string>) => {
        touches++;
        memory.touch?.(k, e);
      },
    };
    const { login } = counterLogin();
    const ttlMs = 3_600_000;
    const manager = createSessionManager({ login, ttlMs, sliding: true, isExpired, store, now: clock.now });
    for (let i = 0; i < 100; i++) await manager.use(async (s) => s);
    expect(touches).toBe(0);
    clock.advance(999);
    await manager.use(async (s) => s);
    expect(touches).toBe(0);
    clock.advance(1);
    await manager.use(async (s) => s);
    expect(touches).toBe(1);
    expect((memory.get('default') as SessionEntry<string> | undefined)?.expiresAt).toBe(clock.now() + ttlMs);
  });

  it('a sliding touch that throws or rejects, sync or async store, never fails the call', async () => {
    const throwing = (sync = createMemorySessionStore<string>()) => ({
      get: (k: string) => sync.get(k),
      set: (k: string, e: SessionEntry<string>) => sync.set(k, e),
      delete: (k: string, e?: SessionEntry<string>) => sync.delete(k, e),
      touch: () => {
        throw new Error('store down');
      },
    });
    const rejecting = (sync = createMemorySessionStore<string>()) => ({
      get: async (k: string) => sync.get(k),
      set: async (k: string, e: SessionEntry<string>) => sync.set(k, e),
      delete: async (k: string, e?: SessionEntry<string>) => sync.delete(k, e),
      touch: async () => {
        throw new Error('store down');
      },
    });
    for (const store of [throwing(), rejecting()]) {
      const { state, login } = counterLogin();
      const manager = createSessionManager({ login, ttlMs: 1_000, sliding: true, isExpired, store });
      await expect(manager.use(async (s) => `${s}:ok`)).resolves.toBe('session-1:ok');
      await expect(manager.use(async (s) => `${s}:ok`)).resolves.toBe('session-1:ok');
      expect(state.logins).toBe(1);
    }
  });

  it('an async store is read and touched like a sync one (sliding extends the stored entry)', async () => {
    const clock = createTestClock();
    const memory = createMemorySessionStore<string>();
    const store = {
      get: async (k: string) => memory.get(k),
      set: async (k: string, e: SessionEntry<string>) => memory.set(k, e),
      delete: async (k: string, e?: SessionEntry<string>) => memory.delete(k, e),
      touch: async (k: string, e: SessionEntry<string>) => memory.touch?.(k, e),
    };
    const { state, login } = counterLogin();
    const manager = createSessionManager({
      login,
      ttlMs: 1_000,
      sliding: true,
      isExpired,
      store,
      now: clock.now,
    });
    await manager.use(async (s) => s);
    clock.advance(900);
    await manager.use(async (s) => s);
    expect((await store.get('default'))?.expiresAt).toBe(clock.now() + 1_000);
    clock.advance(900);
    await expect(manager.use(async (s) => s)).resolves.toBe('session-1');
    expect(state.logins).toBe(1);
  });

  it('close() logs out once, even when called twice, and refuses further use', async () => {
    const { state, login, logout } = counterLogin();
    const manager = createSessionManager({ login, logout, ttlMs: 60_000, isExpired });
    await manager.use(async (s) => s);
    await Promise.all([manager.close(), manager.close()]);
    await manager.close();
    expect(state.logouts).toEqual(['session-1']);
    expect(manager.closed).toBe(true);
    await expect(manager.use(async (s) => s)).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('close() without a session makes no logout call', async () => {
    const { state, login, logout } = counterLogin();
    const manager = createSessionManager({ login, logout, ttlMs: 60_000, isExpired });
    await manager.close();
    expect(state.logins).toBe(0);
    expect(state.logouts).toEqual([]);
  });

  it('uses a shared store, and only deletes the entry it actually used', async () => {
    const store = createMemorySessionStore<string>();
    const a = counterLogin();
    const managerA = createSessionManager({ login: a.login, ttlMs: 60_000, isExpired, store, key: 'acct' });
    const managerB = createSessionManager({ login: a.login, ttlMs: 60_000, isExpired, store, key: 'acct' });
    await managerA.current();
    expect(await managerB.current()).toBe('session-1');
    expect(a.state.logins).toBe(1);

    // A re-logs-in after an expiry; B then sees an expiry for the old session and must not
    // delete A's fresh session nor log in again.
    await managerA.use(async (s) => {
      if (s === 'session-1') throw expired();
      return s;
    });
    expect(a.state.logins).toBe(2);
    const stale = { session: 'session-1', id: 'old', createdAt: 0, expiresAt: Number.POSITIVE_INFINITY };
    store.delete('acct', stale as SessionEntry<string>);
    expect((await store.get('acct'))?.session).toBe('session-2');
    await expect(
      managerB.use(async (s) => {
        if (s === 'session-1') throw expired();
        return s;
      }),
    ).resolves.toBe('session-2');
    expect(a.state.logins).toBe(2);
  });

  it('routes logins through a store singleFlight when the store has one', async () => {
    const base = createMemorySessionStore<string>();
    let flights = 0;
    const store = {
      get: base.get.bind(base),
      set: base.set.bind(base),
      delete: base.delete.bind(base),
      singleFlight: async (_key: string, login: () => Promise<SessionEntry<string>>) => {
        flights++;
        return login();
      },
    };
    const { state, login } = counterLogin();
    const manager = createSessionManager({ login, ttlMs: 60_000, isExpired, store });
    await Promise.all(Array.from({ length: 20 }, () => manager.current()));
    expect(flights).toBe(1);
    expect(state.logins).toBe(1);
  });

  it('rejects a non-positive TTL as INVALID_CONFIG', () => {
    expect(() => createSessionManager({ login: async () => 'x', ttlMs: 0, isExpired })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
  });
});

describe('close() with a shared store', () => {
  it('leaves the fleet session alone by default and logs out only when asked', async () => {
    const base = createMemorySessionStore<string>();
    const store = {
      shared: true,
      get: base.get.bind(base),
      set: base.set.bind(base),
      delete: base.delete.bind(base),
    };
    const { state, login, logout } = counterLogin();
    const first = createSessionManager({ login, logout, ttlMs: 60_000, isExpired, store });
    const second = createSessionManager({ login, logout, ttlMs: 60_000, isExpired, store });
    await first.current();
    await first.close();
    expect(state.logouts).toEqual([]);
    await expect(second.current()).resolves.toBe('session-1');
    await second.close({ logout: true });
    expect(state.logouts).toEqual(['session-1']);
    expect(await store.get('default')).toBeUndefined();
    expect(state.logins).toBe(1);
  });
});

describe('use(fn, bounds): the caller stops waiting for a login, the login goes on', () => {
  const gatedLogin = () => {
    let release: (session: string) => void = () => {};
    let logins = 0;
    const login = () => {
      logins++;
      return new Promise<string>((resolve) => {
        release = resolve;
      });
    };
    return { login, release: (s: string) => release(s), logins: () => logins };
  };

  it('ABORTED when the signal fires while a login is pending; the other callers get the session', async () => {
    const gate = gatedLogin();
    const manager = createSessionManager<string>({
      login: gate.login,
      ttlMs: 60_000,
      isExpired,
      provider: 'dia',
    });
    const patient = manager.use(async (s) => s);
    const controller = new AbortController();
    const impatient = manager.use(async (s) => s, { signal: controller.signal, operation: 'call' });
    controller.abort();
    const error = await impatient.catch((e) => e);
    expect(isSsoError(error, 'ABORTED')).toBe(true);
    expect(error).toMatchObject({ provider: 'dia', operation: 'call' });
    gate.release('session-1');
    await expect(patient).resolves.toBe('session-1');
    expect(gate.logins()).toBe(1);
  });

  it('TIMEOUT when the deadline passes while a login is pending, and at once for a deadline already past', async () => {
    const gate = gatedLogin();
    const manager = createSessionManager<string>({ login: gate.login, ttlMs: 60_000, isExpired });
    const error = await manager.use(async (s) => s, { deadline: Date.now() + 30 }).catch((e) => e);
    expect(isSsoError(error, 'TIMEOUT')).toBe(true);
    const past = await manager.use(async (s) => s, { deadline: Date.now() - 1 }).catch((e) => e);
    expect(isSsoError(past, 'TIMEOUT')).toBe(true);
    gate.release('session-1');
    await expect(manager.use(async (s) => s, { deadline: Date.now() + 1_000 })).resolves.toBe('session-1');
  });

  it('CLOSED names the provider the manager was given', async () => {
    const manager = createSessionManager<string>({
      login: async () => 's',
      ttlMs: 60_000,
      isExpired,
      provider: 'dia',
    });
    await manager.close();
    await expect(manager.use(async (s) => s)).rejects.toMatchObject({ code: 'CLOSED', provider: 'dia' });
  });
});
