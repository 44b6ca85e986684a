import { isSsoError } from '@sso/core/provider';
import { ssoErrorOf } from '@sso/core/testing';
import { describe, expect, it } from 'vitest';
import { createDiaClient, DIA_ERRORS, DIA_MESSAGE_ERRORS } from '../src/index.js';
import { createDiaSimulator, DIA_DEMO, type DiaSimulatedError } from '../src/testing/index.js';
import { isLogin, recordingFetch, SID, SID2, simulatorFetch } from './helpers.js';

const account = {
  server: DIA_DEMO.server,
  username: DIA_DEMO.username,
  password: DIA_DEMO.password,
  apiKey: DIA_DEMO.apiKey,
};
const faturaParams = { firma_kodu: DIA_DEMO.firmaKodu, donem_kodu: DIA_DEMO.donemKodu };

// [simulated error, SsoError code, DIA code, business calls the client sends, logins]
const rows: Array<[DiaSimulatedError, string, string, number, number]> = [
  ['400', 'PROVIDER_ERROR', '400', 1, 1],
  ['401', 'AUTHENTICATION_FAILED', '401', 1, 1],
  ['402', 'PERMISSION_DENIED', '402', 1, 1],
  ['405', 'PERMISSION_DENIED', '405', 1, 1],
  ['406', 'QUOTA_EXCEEDED', '406', 1, 1],
  // Session expiry: one re-login, one retry, and the retry succeeds.
  ['419', 'OK', '419', 2, 2],
  ['INVALID_SESSION', 'OK', '401', 2, 2],
  // A logical failure: never repeated, even for a read.
  ['500', 'PROVIDER_ERROR', '500', 1, 1],
  // An unexpected server error: a read (idempotent) gets one more try, which succeeds.
  ['501', 'OK', '501', 2, 1],
];

describe('DIA v3 error table, client against the simulator (one injected error)', () => {
  it.each(rows)('%s → %s', async (error, expected, providerCode, calls, logins) => {
    const sim = createDiaSimulator();
    const client = createDiaClient({ ...account, fetch: simulatorFetch(sim) });
    await client.login();
    sim.failNext(error);
    const outcome = await client.sisKontorSorgula().catch((e: unknown) => e);
    if (expected === 'OK') {
      expect(outcome).toMatchObject({ kontorsayisi: expect.any(Number) });
    } else {
      expect(isSsoError(outcome, expected as never)).toBe(true);
      expect(outcome).toMatchObject({ provider: 'dia', providerCode, retryable: false });
    }
    expect(sim.stats.calls).toBe(calls);
    expect(sim.stats.logins).toBe(logins);
  });

  it('501 on a call not marked idempotent is thrown after one request (it may have changed data)', async () => {
    const sim = createDiaSimulator();
    const client = createDiaClient({ ...account, fetch: simulatorFetch(sim) });
    await client.login();
    sim.failNext('501');
    const error = await ssoErrorOf(client.call('sis', 'sis_kontor_sorgula'));
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', providerCode: '501', retryable: true });
    expect(sim.stats.calls).toBe(1);
  });

  it('501 on every attempt of a read: retried within the retry policy (3 attempts by default), then the error', async () => {
    const sim = createDiaSimulator();
    const client = createDiaClient({ ...account, fetch: simulatorFetch(sim) });
    await client.login();
    sim.failNext('501', 3);
    const error = await ssoErrorOf(client.sisKontorSorgula());
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', providerCode: '501' });
    expect(sim.stats.calls).toBe(3);
    const twice = createDiaClient({ ...account, fetch: simulatorFetch(sim), retry: { maxAttempts: 2 } });
    await twice.login();
    sim.failNext('501', 2);
    await ssoErrorOf(twice.sisKontorSorgula());
    expect(sim.stats.calls).toBe(5);
  });

  it('retry: false turns the 501 retry off too', async () => {
    const sim = createDiaSimulator();
    const client = createDiaClient({ ...account, fetch: simulatorFetch(sim), retry: false });
    await client.login();
    sim.failNext('501');
    await ssoErrorOf(client.sisKontorSorgula());
    expect(sim.stats.calls).toBe(1);
  });

  it('419 twice: one re-login, then SESSION_EXPIRED', async () => {
    const sim = createDiaSimulator();
    const client = createDiaClient({ ...account, fetch: simulatorFetch(sim) });
    await client.login();
    sim.failNext('419', 2);
    const error = await ssoErrorOf(client.sisKontorSorgula());
    expect(error).toMatchObject({ code: 'SESSION_EXPIRED', providerCode: '419' });
    expect(sim.stats.logins).toBe(2);
    expect(sim.stats.calls).toBe(2);
  });

  it('a session idle past DIA’s hour answers 419 and costs exactly one re-login', async () => {
    let t = 0;
    const sim = createDiaSimulator({ now: () => t });
    // The client's clock stands still, so only the simulator knows the session timed out.
    const client = createDiaClient({ ...account, fetch: simulatorFetch(sim), now: () => 0 });
    await client.sisKontorSorgula();
    t += 60 * 60 * 1000;
    await client.sisKontorSorgula();
    expect(sim.stats.logins).toBe(2);
    expect(sim.stats.calls).toBe(3);
  });

  it('running out of kontör is QUOTA_EXCEEDED and is not retried', async () => {
    const sim = createDiaSimulator({ kontor: 0.02 });
    const client = createDiaClient({ ...account, fetch: simulatorFetch(sim) });
    await client.sisKontorSorgula();
    const error = await ssoErrorOf(client.scfFaturaListele(faturaParams));
    expect(error).toMatchObject({ code: 'QUOTA_EXCEEDED', providerCode: '406', retryable: false });
    expect(error.message).toContain('no credit (kontör) left');
    expect(sim.stats.calls).toBe(2);
  });

  it('a per-account error answers every business call of that user', async () => {
    const sim = createDiaSimulator({
      users: [{ username: 'lisanssiz', password: 'p', permissions: ['sis_kontor_sorgula'], failWith: '402' }],
    });
    const client = createDiaClient({
      ...account,
      username: 'lisanssiz',
      password: 'p',
      fetch: simulatorFetch(sim),
    });
    const error = await ssoErrorOf(client.sisKontorSorgula());
    expect(error).toMatchObject({ code: 'PERMISSION_DENIED', providerCode: '402' });
    expect(error.message).toContain('licence problem');
  });

  it('an unlicensed server (405) refuses the login with a clear message', async () => {
    const sim = createDiaSimulator({ licensed: false });
    const client = createDiaClient({ ...account, fetch: simulatorFetch(sim) });
    const error = await ssoErrorOf(client.login());
    expect(error).toMatchObject({ code: 'PERMISSION_DENIED', providerCode: '405', operation: 'login' });
    expect(error.message).toContain('no web-service licence');
  });
});

describe('the three answer forms DIA servers use', () => {
  for (const errorForm of ['string', 'number', 'fault'] as const) {
    it(`${errorForm}: 406 is QUOTA_EXCEEDED, INVALID_SESSION costs one re-login`, async () => {
      const sim = createDiaSimulator({ errorForm });
      const client = createDiaClient({ ...account, fetch: simulatorFetch(sim) });
      await client.login();
      sim.failNext('406');
      expect(await ssoErrorOf(client.sisKontorSorgula())).toMatchObject({
        code: 'QUOTA_EXCEEDED',
        providerCode: '406',
      });
      sim.failNext('INVALID_SESSION');
      await client.sisKontorSorgula();
      expect(sim.stats.logins).toBe(2);
    });
  }

  it('the simulator writes faultcode/faultstring and numeric codes as asked', async () => {
    const request = new Request('http://simulator/sis/json', {
      method: 'POST',
      body: JSON.stringify({ sis_kontor_sorgula: { session_id: SID } }),
    });
    const fault = await createDiaSimulator({ errorForm: 'fault' }).handle(request.clone());
    expect(await fault.json()).toEqual({ faultcode: '401', faultstring: 'INVALID_SESSION' });
    const numeric = await createDiaSimulator({ errorForm: 'number' }).handle(request);
    expect(await numeric.json()).toEqual({ code: 401, msg: 'INVALID_SESSION' });
  });

  it('a success with a numeric code 200 reaches the caller as "200"', async () => {
    const { fetch } = recordingFetch((r) =>
      isLogin(r) ? { body: { code: 200, msg: SID } } : { body: { code: 200, result: { kontorsayisi: 5 } } },
    );
    const client = createDiaClient({ ...account, fetch });
    expect(await client.call('sis', 'sis_kontor_sorgula')).toMatchObject({ code: '200' });
  });
});

describe('the simulator produces every row of the table', () => {
  it.each(Object.keys(DIA_ERRORS))('code %s', async (code) => {
    const sim = createDiaSimulator();
    const login = await sim.handle(
      new Request('http://simulator/sis/json', {
        method: 'POST',
        body: JSON.stringify({
          login: {
            username: DIA_DEMO.username,
            password: DIA_DEMO.password,
            disconnect_same_user: 'False',
            params: { apikey: DIA_DEMO.apiKey },
          },
        }),
      }),
    );
    const sid = ((await login.json()) as { msg: string }).msg;
    sim.failNext(code as DiaSimulatedError);
    const answer = await sim.handle(
      new Request('http://simulator/sis/json', {
        method: 'POST',
        body: JSON.stringify({ sis_kontor_sorgula: { session_id: sid } }),
      }),
    );
    expect(((await answer.json()) as { code: string }).code).toBe(code);
  });
});

describe('the codes also arrive as the HTTP status (DIA calls its table "HTTP Status Kodları")', () => {
  // [code, SsoError code, business calls sent, logins]
  const cases: Array<[number, string, number, number]> = [
    [406, 'QUOTA_EXCEEDED', 1, 1],
    [419, 'SESSION_EXPIRED', 2, 2],
    [500, 'PROVIDER_ERROR', 1, 1],
    [501, 'PROVIDER_ERROR', 3, 1],
  ];
  it.each(cases)('HTTP %d with the same body', async (status, expected, calls, logins) => {
    const { fetch, requests } = recordingFetch((r) =>
      isLogin(r) ? { body: { code: '200', msg: SID } } : { status, body: { code: String(status), msg: 'x' } },
    );
    const client = createDiaClient({ ...account, fetch });
    const error = await ssoErrorOf(client.sisKontorSorgula());
    expect(error).toMatchObject({ code: expected, providerCode: String(status), status });
    expect(requests.filter((r) => !isLogin(r))).toHaveLength(calls);
    expect(requests.filter(isLogin)).toHaveLength(logins);
  });
});

describe('the table itself', () => {
  it('keys rows by DIA code and names each as DIA documents it', () => {
    expect(Object.fromEntries(Object.entries(DIA_ERRORS).map(([k, v]) => [k, v.documented]))).toEqual({
      '400': 'INVALID',
      '401': 'UNAUTHORIZED',
      '402': 'UNAUTHORIZED_LICENSE_ERROR',
      '405': 'LICENSE_ERROR',
      '406': 'CREDIT_ERROR',
      '419': 'LOGIN_TIMEOUT',
      '500': 'FAILURE',
      '501': 'ERROR',
    });
    expect(DIA_MESSAGE_ERRORS.INVALID_SESSION?.recovery).toBe('relogin');
  });

  it('a msg keyword decides before the code; unknown codes and prototype names are PROVIDER_ERROR', async () => {
    const answers = [
      { code: '501', msg: 'INVALID_SESSION' },
      { code: 'constructor', msg: 'toString' },
      { code: '777' },
    ];
    let i = 0;
    const { fetch, requests } = recordingFetch((r) =>
      isLogin(r) ? { body: { code: '200', msg: i === 0 ? SID : SID2 } } : { body: answers[i++] },
    );
    const client = createDiaClient({ ...account, fetch });
    // INVALID_SESSION with code 501 → re-login, retry (answered `constructor`): PROVIDER_ERROR.
    const first = await ssoErrorOf(client.sisKontorSorgula());
    expect(first).toMatchObject({ code: 'PROVIDER_ERROR', providerCode: 'constructor' });
    expect(requests.filter(isLogin)).toHaveLength(2);
    expect(await ssoErrorOf(client.sisKontorSorgula())).toMatchObject({
      code: 'PROVIDER_ERROR',
      providerCode: '777',
    });
  });
});

describe('sisKontorSorgula gives the credit as a number', () => {
  const kontor = (kontorsayisi: unknown) =>
    recordingFetch((r) =>
      isLogin(r) ? { body: { code: 200, msg: SID } } : { body: { code: 200, result: { kontorsayisi } } },
    ).fetch;

  it.each([
    [1250.5, 1250.5],
    ['1250.5', 1250.5],
    [' 42 ', 42],
    ['-3', -3],
  ])('reads %j as %j', async (sent, expected) => {
    const client = createDiaClient({ ...account, fetch: kontor(sent) });
    const result = await client.sisKontorSorgula();
    expect(result.kontorsayisi).toBe(expected);
    expect(typeof (result.kontorsayisi satisfies number)).toBe('number');
  });

  it.each(['', 'çok', '1e3', '12,5'])('refuses %j with MALFORMED_RESPONSE', async (sent) => {
    const client = createDiaClient({ ...account, fetch: kontor(sent) });
    await expect(client.sisKontorSorgula()).rejects.toMatchObject({ code: 'MALFORMED_RESPONSE' });
  });
});
