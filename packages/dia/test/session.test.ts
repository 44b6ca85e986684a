import {
  createMemorySessionStore,
  isSsoError,
  type SessionEntry,
  type SessionStore,
} from '@sso/core/provider';
import { createTestClock } from '@sso/core/testing';
import { describe, expect, it } from 'vitest';
import { createDiaClient, DIA_SESSION_TTL_MS, type DiaSession } from '../src/index.js';
import { createDiaSimulator, DIA_DEMO } from '../src/testing/index.js';
import { recordingFetch, SID, simulatorFetch } from './helpers.js';

const MINUTE = 60_000;
const account = {
  server: DIA_DEMO.server,
  username: DIA_DEMO.username,
  password: DIA_DEMO.password,
  apiKey: DIA_DEMO.apiKey,
};
const faturaParams = { firma_kodu: DIA_DEMO.firmaKodu, donem_kodu: DIA_DEMO.donemKodu };

describe('session handling against the DIA simulator', () => {
  it('1,000 concurrent calls on a fresh client make exactly one login', async () => {
    const sim = createDiaSimulator();
    const client = createDiaClient({ ...account, fetch: simulatorFetch(sim) });
    const results = await Promise.all(
      Array.from({ length: 1000 }, () => client.call('scf', 'scf_fatura_listele', faturaParams)),
    );
    expect(results.every((r) => r.code === '200' && Array.isArray(r.result))).toBe(true);
    expect(sim.stats.logins).toBe(1);
    expect(sim.stats.calls).toBe(1000);
    expect(sim.activeSessions()).toBe(1);
  });

  it('a dropped session costs one re-login shared by every concurrent caller', async () => {
    const sim = createDiaSimulator();
    const client = createDiaClient({ ...account, fetch: simulatorFetch(sim) });
    await client.sisKontorSorgula();
    sim.dropSessions();
    const results = await Promise.all(Array.from({ length: 50 }, () => client.sisKontorSorgula()));
    expect(results).toHaveLength(50);
    expect(sim.stats.logins).toBe(2);
    // 1 before the drop, 50 refused with INVALID_SESSION, 50 retried.
    expect(sim.stats.calls).toBe(101);
  });

  it('a second INVALID_SESSION right after the re-login surfaces as SESSION_EXPIRED', async () => {
    const sim = createDiaSimulator();
    const fetch = simulatorFetch(sim, async (request) => {
      if (!(await request.text()).startsWith('{"login"')) sim.dropSessions();
    });
    const client = createDiaClient({ ...account, fetch });
    const error = await client.sisKontorSorgula().catch((e: unknown) => e);
    expect(isSsoError(error, 'SESSION_EXPIRED')).toBe(true);
    expect(error).toMatchObject({ providerCode: '401', providerMessage: 'INVALID_SESSION' });
    expect(sim.stats.logins).toBe(2);
    expect(sim.stats.calls).toBe(2);
  });

  it('INSUFFICIENT_PRIVILEGES is PERMISSION_DENIED and never triggers a re-login', async () => {
    const sim = createDiaSimulator();
    const client = createDiaClient({ ...account, fetch: simulatorFetch(sim) });
    const error = await client
      .call('scf', 'scf_fatura_ekle', { ...faturaParams, kart: { __carikartkodu: 'C001' } })
      .catch((e: unknown) => e);
    expect(isSsoError(error, 'PERMISSION_DENIED')).toBe(true);
    expect(sim.stats.logins).toBe(1);
    expect(sim.stats.calls).toBe(1);
  });

  it('the simulator forgets a session idle for one hour of its clock, and calls slide it', async () => {
    const simClock = createTestClock();
    const sim = createDiaSimulator({ now: simClock.now });
    // The client's clock stands still, so only the simulator decides that the session expired.
    const client = createDiaClient({ ...account, fetch: simulatorFetch(sim), now: () => 0 });
    await client.sisKontorSorgula();
    simClock.advance(60 * MINUTE - 1);
    await client.sisKontorSorgula();
    simClock.advance(60 * MINUTE - 1);
    await client.sisKontorSorgula();
    expect(sim.stats.logins).toBe(1);
    simClock.advance(60 * MINUTE);
    expect(sim.activeSessions()).toBe(0);
    await client.sisKontorSorgula();
    expect(sim.stats.logins).toBe(2);
    expect(sim.stats.calls).toBe(5); // 3 + the refused one + its retry
  });

  it(`the client gives an idle session up after ${DIA_SESSION_TTL_MS / MINUTE} minutes, before DIA does`, async () => {
    const clock = createTestClock();
    const sim = createDiaSimulator({ now: clock.now });
    const client = createDiaClient({ ...account, fetch: simulatorFetch(sim), now: clock.now });
    await client.sisKontorSorgula();
    clock.advance(50 * MINUTE);
    await client.sisKontorSorgula(); // slides the client's 55 minutes
    clock.advance(50 * MINUTE);
    await client.sisKontorSorgula();
    expect(sim.stats.logins).toBe(1);
    clock.advance(56 * MINUTE);
    await client.sisKontorSorgula();
    expect(sim.stats.logins).toBe(2);
    expect(sim.stats.calls).toBe(4); // a fresh login, not a refused call and a retry
  });

  it('disconnectSameUser: true — two clients of one DIA user evict each other', async () => {
    const sim = createDiaSimulator();
    const a = createDiaClient({ ...account, disconnectSameUser: true, fetch: simulatorFetch(sim) });
    const b = createDiaClient({ ...account, disconnectSameUser: true, fetch: simulatorFetch(sim) });
    await a.sisKontorSorgula();
    await b.sisKontorSorgula(); // logs in and kicks a out
    expect(sim.activeSessions(DIA_DEMO.username)).toBe(1);
    await a.sisKontorSorgula(); // INVALID_SESSION -> re-login, which kicks b out
    await b.sisKontorSorgula();
    expect(sim.stats.logins).toBe(4);
    expect(sim.stats.calls).toBe(6);
    expect(sim.activeSessions(DIA_DEMO.username)).toBe(1);
  });

  it('disconnectSameUser: false (default) — two clients of one DIA user keep their sessions', async () => {
    const sim = createDiaSimulator();
    const a = createDiaClient({ ...account, fetch: simulatorFetch(sim) });
    const b = createDiaClient({ ...account, fetch: simulatorFetch(sim) });
    for (let i = 0; i < 3; i++) {
      await a.sisKontorSorgula();
      await b.sisKontorSorgula();
    }
    expect(sim.stats.logins).toBe(2);
    expect(sim.stats.calls).toBe(6);
    expect(sim.activeSessions(DIA_DEMO.username)).toBe(2);
  });

  it('close() logs out once and refuses further calls with CLOSED', async () => {
    const sim = createDiaSimulator();
    const client = createDiaClient({ ...account, fetch: simulatorFetch(sim) });
    await client.login();
    await Promise.all([client.close(), client.close()]);
    expect(sim.stats.logouts).toBe(1);
    expect(sim.activeSessions()).toBe(0);
    await expect(client.sisKontorSorgula()).rejects.toMatchObject({ code: 'CLOSED' });
    await expect(client.login()).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('logout() ends the session; the next call logs in again', async () => {
    const sim = createDiaSimulator();
    const client = createDiaClient({ ...account, fetch: simulatorFetch(sim) });
    const first = await client.login();
    await client.logout();
    await client.logout(); // nothing left to end: no request
    expect(sim.stats.logouts).toBe(1);
    const second = await client.login();
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(sim.stats.logins).toBe(2);
  });

  it('login() returns the current session without a new login', async () => {
    const sim = createDiaSimulator();
    const client = createDiaClient({ ...account, fetch: simulatorFetch(sim) });
    const [a, b] = await Promise.all([client.login(), client.login()]);
    expect(a.sessionId).toMatch(/^[0-9a-f]{32}$/);
    expect(b).toEqual(a);
    expect(sim.stats.logins).toBe(1);
  });

  it('a shared store: two clients of one account share one login under a key without the password', async () => {
    const sim = createDiaSimulator();
    const store = createMemorySessionStore<DiaSession>();
    const a = createDiaClient({ ...account, store, fetch: simulatorFetch(sim) });
    const b = createDiaClient({ ...account, store, fetch: simulatorFetch(sim) });
    await a.sisKontorSorgula();
    await b.sisKontorSorgula();
    expect(sim.stats.logins).toBe(1);
    expect(a.sessionKey).toBe(b.sessionKey);
    expect(a.sessionKey).toMatch(/^dia:[0-9a-f]{64}$/);
    const entry = await store.get(a.sessionKey);
    expect(entry?.session.sessionId).toMatch(/^[0-9a-f]{32}$/);
    const otherPassword = createDiaClient({ ...account, password: 'another-password', store });
    const otherUser = createDiaClient({ ...account, username: 'ws2', store });
    const otherServer = createDiaClient({ ...account, server: 'acme', store });
    expect(otherPassword.sessionKey).toBe(a.sessionKey);
    expect(otherUser.sessionKey).not.toBe(a.sessionKey);
    expect(otherServer.sessionKey).not.toBe(a.sessionKey);
  });

  it('an unusable session from a store leads to a new login instead of a bad request', async () => {
    const sim = createDiaSimulator();
    const entries = new Map<string, SessionEntry<DiaSession>>();
    const store: SessionStore<DiaSession> = {
      get: (k) => entries.get(k),
      set: (k, e) => void entries.set(k, e),
      delete: (k) => void entries.delete(k),
    };
    const client = createDiaClient({ ...account, store, fetch: simulatorFetch(sim) });
    entries.set(client.sessionKey, {
      session: { sessionId: 'not-a-session' },
      id: 'x',
      createdAt: 0,
      expiresAt: Number.POSITIVE_INFINITY,
    });
    await expect(client.sisKontorSorgula()).resolves.toHaveProperty('kontorsayisi');
    expect(sim.stats.logins).toBe(1);
    expect(sim.stats.calls).toBe(1);
  });

  it('a server without a web-service licence answers 405 -> PERMISSION_DENIED', async () => {
    const sim = createDiaSimulator({ licensed: false });
    const client = createDiaClient({ ...account, fetch: simulatorFetch(sim) });
    await expect(client.login()).rejects.toMatchObject({ code: 'PERMISSION_DENIED', providerCode: '405' });
  });

  it('wrong password -> AUTHENTICATION_FAILED (NOUSER); wrong API key -> AUTHENTICATION_FAILED', async () => {
    const sim = createDiaSimulator();
    const bad = createDiaClient({ ...account, password: 'wrong-password', fetch: simulatorFetch(sim) });
    await expect(bad.login()).rejects.toMatchObject({
      code: 'AUTHENTICATION_FAILED',
      providerMessage: 'NOUSER',
    });
    const badKey = createDiaClient({ ...account, apiKey: 'wrong-key', fetch: simulatorFetch(sim) });
    await expect(badKey.login()).rejects.toMatchObject({
      code: 'AUTHENTICATION_FAILED',
      providerCode: '401',
    });
    expect(sim.stats.failedLogins).toBe(2);
    expect(sim.stats.logins).toBe(0);
  });
});

describe('retries', () => {
  const answer503ThenOk = () =>
    recordingFetch((r, i) => {
      if (r.body.startsWith('{"login"')) return { body: { code: '200', msg: SID } };
      return i === 1 ? { status: 503, body: 'busy' } : { body: { code: '200', result: [] } };
    });

  it('call() does not resend a business call after HTTP 503 unless marked idempotent', async () => {
    const { fetch, requests } = answer503ThenOk();
    const client = createDiaClient({ ...account, fetch, retry: { baseDelayMs: 1 } });
    await expect(client.call('scf', 'scf_fatura_ekle', faturaParams)).rejects.toMatchObject({
      code: 'HTTP_ERROR',
      status: 503,
    });
    expect(requests).toHaveLength(2);
  });

  it('call(..., { idempotent: true }) is resent after HTTP 503', async () => {
    const { fetch, requests } = answer503ThenOk();
    const client = createDiaClient({ ...account, fetch, retry: { baseDelayMs: 1 } });
    await expect(
      client.call('scf', 'scf_fatura_listele', faturaParams, { idempotent: true }),
    ).resolves.toMatchObject({ code: '200', result: [] });
    expect(requests).toHaveLength(3);
  });
});

describe('abort', () => {
  it('an already-aborted call is ABORTED without a login or a request', async () => {
    const { fetch, requests } = recordingFetch(() => ({ body: { code: '200', msg: SID } }));
    const client = createDiaClient({ ...account, fetch });
    const controller = new AbortController();
    controller.abort();
    await expect(
      client.call('scf', 'scf_fatura_listele', {}, { signal: controller.signal }),
    ).rejects.toMatchObject({
      code: 'ABORTED',
    });
    expect(requests).toHaveLength(0);
  });

  it('aborting during the call ends it with ABORTED', async () => {
    const controller = new AbortController();
    const { fetch } = recordingFetch((r) => {
      if (r.body.startsWith('{"login"')) return { body: { code: '200', msg: SID } };
      controller.abort();
      return { body: { code: '200', result: [] } };
    });
    const slowFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
      return response;
    };
    const client = createDiaClient({ ...account, fetch: slowFetch });
    await expect(
      client.call('scf', 'scf_fatura_listele', {}, { signal: controller.signal }),
    ).rejects.toMatchObject({
      code: 'ABORTED',
    });
  });
});

describe('logout of a session DIA already dropped', () => {
  it('logout() rejects with SESSION_EXPIRED (never reports a logout that did not happen); close() treats it as done', async () => {
    const { fetch } = recordingFetch((r) =>
      r.body.startsWith('{"login"')
        ? { body: { code: '200', msg: SID } }
        : { body: { code: '401', msg: 'INVALID_SESSION' } },
    );
    const client = createDiaClient({ ...account, fetch });
    await client.login();
    await expect(client.logout()).rejects.toMatchObject({ code: 'SESSION_EXPIRED', provider: 'dia' });
    await client.login();
    await expect(client.close()).resolves.toBeUndefined();
  });
});

describe("a call's signal and deadline bound the wait for a shared login", () => {
  const slowLogin = (loginMs: number) =>
    recordingFetch(async (r) => {
      if (r.body.startsWith('{"login"')) {
        await new Promise((resolve) => setTimeout(resolve, loginMs));
        return { body: { code: '200', msg: SID } };
      }
      return { body: { code: '200', result: { kontorsayisi: 5 } } };
    });

  it('a call aborted while the login is pending rejects with ABORTED at once; the login goes on for the others', async () => {
    const { fetch, requests } = slowLogin(1_500);
    const client = createDiaClient({ ...account, fetch, timeoutMs: 10_000 });
    const patient = client.call('sis', 'sis_kontor_sorgula');
    const controller = new AbortController();
    const started = Date.now();
    const aborted = client
      .call('sis', 'sis_kontor_sorgula', {}, { signal: controller.signal })
      .catch((e) => e);
    setTimeout(() => controller.abort(), 100);
    const error = await aborted;
    expect(isSsoError(error, 'ABORTED')).toBe(true);
    expect(error.provider).toBe('dia');
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(patient).resolves.toMatchObject({ code: '200' });
    expect(requests.filter((r) => r.body.startsWith('{"login"'))).toHaveLength(1);
  });

  it('a call whose timeoutMs passes while the login is pending rejects with TIMEOUT', async () => {
    const { fetch } = slowLogin(1_500);
    const client = createDiaClient({ ...account, fetch, timeoutMs: 10_000 });
    const patient = client.call('sis', 'sis_kontor_sorgula');
    const started = Date.now();
    const error = await client.call('sis', 'sis_kontor_sorgula', {}, { timeoutMs: 300 }).catch((e) => e);
    expect(isSsoError(error, 'TIMEOUT')).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(patient).resolves.toMatchObject({ code: '200' });
  });

  it('the first caller, whose call starts the login, is bounded as well', async () => {
    const { fetch } = slowLogin(1_500);
    const client = createDiaClient({ ...account, fetch, timeoutMs: 10_000 });
    const error = await client.call('sis', 'sis_kontor_sorgula', {}, { timeoutMs: 300 }).catch((e) => e);
    expect(isSsoError(error, 'TIMEOUT')).toBe(true);
  });

  it('a call after close() names the provider', async () => {
    const { fetch } = recordingFetch(() => ({ body: { code: '200', msg: SID } }));
    const client = createDiaClient({ ...account, fetch });
    await client.close();
    await expect(client.call('sis', 'sis_kontor_sorgula')).rejects.toMatchObject({
      code: 'CLOSED',
      provider: 'dia',
    });
  });
});
