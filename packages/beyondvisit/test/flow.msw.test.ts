import { isSsoError } from '@sso/core/provider';
import { createTestClock } from '@sso/core/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBeyondVisitClient } from '../src/index.js';
import {
  BEYONDVISIT_DEMO,
  type BeyondVisitSimulator,
  beyondVisitHandlers,
  createBeyondVisitSimulator,
} from '../src/testing/index.js';
import { rejectionOf } from './helpers.js';

const clock = createTestClock();
let simulator: BeyondVisitSimulator = createBeyondVisitSimulator({ now: clock.now });
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function useSimulator(options: Parameters<typeof createBeyondVisitSimulator>[0] = {}, baseUrl?: string) {
  simulator = createBeyondVisitSimulator({ now: clock.now, ...options });
  server.use(...beyondVisitHandlers(simulator, baseUrl === undefined ? {} : { baseUrl }));
  return simulator;
}

const demoClient = (extra: Record<string, unknown> = {}) =>
  createBeyondVisitClient({
    apiKey: BEYONDVISIT_DEMO.apiKey,
    secretKey: BEYONDVISIT_DEMO.secretKey,
    ...extra,
  });

async function openPage(url: string) {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type'), html: await response.text() };
}

describe('through MSW against the simulator (https://panel.beyondvisit.com)', () => {
  it('create a user, get a login token, open the login URL: the page shows who signed in', async () => {
    const sim = useSimulator();
    const client = demoClient();
    const { userToken } = await client.createUser({
      name: 'Gülşen',
      surname: 'Çağlayan',
      email: 'gulsen@example.com.tr',
      site: 'https://gulsen.example.com.tr',
    });
    expect(userToken).toMatch(/^[0-9a-f]{32}$/);
    expect(sim.user(userToken)).toMatchObject({
      name: 'Gülşen',
      surname: 'Çağlayan',
      apiKey: BEYONDVISIT_DEMO.apiKey,
    });

    const { loginToken, userCode } = await client.createLoginToken({ userToken });
    expect(userCode).toBe(sim.user(userToken)!.userCode);
    const page = await openPage(client.loginUrl(loginToken));
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.html).toContain('data-result="signed-in"');
    expect(page.html).toContain('Gülşen Çağlayan');
    expect(page.html).toContain('gulsen@example.com.tr');
    expect(page.html).toContain(`data-user-code="${userCode}"`);
    expect(sim.signIns()).toStrictEqual([{ userToken, userCode, at: clock.now() }]);
    expect(sim.counters).toMatchObject({
      createUser: 1,
      usersCreated: 1,
      loginToken: 1,
      loginPage: 1,
      signIns: 1,
    });
  });

  it('a login token is single-use: the second visit is refused as already used', async () => {
    useSimulator();
    const client = demoClient();
    const { loginToken } = await client.createLoginToken({ userToken: BEYONDVISIT_DEMO.userToken });
    expect((await openPage(client.loginUrl(loginToken))).html).toContain('Ayşe Yılmaz');
    const again = await openPage(client.loginUrl(loginToken));
    expect(again.status).toBe(410);
    expect(again.html).toContain('data-reason="used"');
    expect(again.html).toMatch(/already used/);
  });

  it('a login token expires after the configured TTL; a new LoginToken call gives a working one', async () => {
    useSimulator({ loginTokenTtlMs: 30_000 });
    const client = demoClient();
    const first = await client.createLoginToken({ userToken: BEYONDVISIT_DEMO.userToken });
    clock.advance(30_000);
    const expired = await openPage(client.loginUrl(first.loginToken));
    expect(expired.status).toBe(410);
    expect(expired.html).toContain('data-reason="expired"');
    expect(expired.html).toMatch(/valid for 30 seconds/);
    const second = await client.createLoginToken({ userToken: BEYONDVISIT_DEMO.userToken });
    expect(second.loginToken).not.toBe(first.loginToken);
    clock.advance(29_999);
    expect((await openPage(client.loginUrl(second.loginToken))).status).toBe(200);
  });

  it('an unknown login token is refused as unknown', async () => {
    useSimulator();
    const page = await openPage(demoClient().loginUrl('no-such-token'));
    expect(page.status).toBe(404);
    expect(page.html).toContain('data-reason="unknown"');
  });

  it('an unknown userToken is NOT_FOUND (LoginToken code 1) without the token in the message', async () => {
    useSimulator();
    const error = await rejectionOf(
      demoClient().createLoginToken({ userToken: 'ffffffffffffffffffffffffffffffff' }),
    );
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      providerCode: '1',
      providerMessage: 'User not found with token: [redacted]',
    });
  });

  it('a wrong secret key is AUTHENTICATION_FAILED on both endpoints (codes 5 and 2)', async () => {
    const sim = useSimulator();
    const client = demoClient({ secretKey: 'not-the-secret' });
    const created = await rejectionOf(
      client.createUser({ name: 'A', surname: 'B', email: 'a@b.c', site: 'https://b.c' }),
    );
    expect(created).toMatchObject({ code: 'AUTHENTICATION_FAILED', providerCode: '5' });
    const token = await rejectionOf(client.createLoginToken({ userToken: BEYONDVISIT_DEMO.userToken }));
    expect(token).toMatchObject({ code: 'AUTHENTICATION_FAILED', providerCode: '2' });
    expect(sim.counters.usersCreated).toBe(0);
  });

  it('an unknown API key is INVALID_CONFIG on both endpoints (codes 6 and 3)', async () => {
    useSimulator();
    const client = demoClient({ apiKey: 'unknown-key' });
    const created = await rejectionOf(
      client.createUser({ name: 'A', surname: 'B', email: 'a@b.c', site: 'https://b.c' }),
    );
    expect(created).toMatchObject({
      code: 'INVALID_CONFIG',
      providerCode: '6',
      providerMessage: 'ApiKey not found',
    });
    const token = await rejectionOf(client.createLoginToken({ userToken: BEYONDVISIT_DEMO.userToken }));
    expect(token).toMatchObject({ code: 'INVALID_CONFIG', providerCode: '3' });
  });

  it("another partner's user is not found", async () => {
    useSimulator({ partners: [{ apiKey: 'other-partner', secretKey: 'other-secret' }] });
    const other = createBeyondVisitClient({ apiKey: 'other-partner', secretKey: 'other-secret' });
    const error = await rejectionOf(other.createLoginToken({ userToken: BEYONDVISIT_DEMO.userToken }));
    expect(isSsoError(error, 'NOT_FOUND')).toBe(true);
  });

  it('failures answered with HTTP 400 are still mapped from the body', async () => {
    useSimulator({ failureStatus: 400 });
    const error = await rejectionOf(
      demoClient({ secretKey: 'wrong' }).createLoginToken({ userToken: 'abc' }),
    );
    expect(error).toMatchObject({ code: 'AUTHENTICATION_FAILED', providerCode: '2', status: 400 });
  });

  it('createUser is sent once even when retries are configured', async () => {
    const sim = useSimulator();
    await demoClient({ retry: { maxAttempts: 5 } }).createUser({
      name: 'Tek',
      surname: 'Sefer',
      email: 'tek@example.com',
      site: 'http://example.com',
    });
    expect(sim.counters).toMatchObject({ createUser: 1, usersCreated: 1 });
  });
});

describe('through MSW against a sandbox-style base URL (http with a path prefix)', () => {
  it('all three routes live under the prefix', async () => {
    const baseUrl = 'http://127.0.0.1:4010/beyondvisit/';
    const sim = useSimulator({}, baseUrl);
    const client = demoClient({ baseUrl, allowInsecureHttp: true });
    const { loginToken, userCode } = await client.createLoginToken({
      userToken: BEYONDVISIT_DEMO.users[1]!.userToken,
    });
    expect(userCode).toBe('bvdemo0002');
    const url = client.loginUrl(loginToken);
    expect(url.startsWith(`${baseUrl}external/Login/`)).toBe(true);
    expect((await openPage(url)).html).toContain('Mehmet Öztürk');
    expect(sim.counters.requests).toBe(2);
  });
});
