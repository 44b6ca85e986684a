import { runInNewContext } from 'node:vm';
import { createTestClock } from '@sso/core/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAesTokenCipher, createFaxmaxClient } from '../src/index.js';
import {
  createFaxmaxSimulator,
  FAXMAX_SIMULATOR_ERRORS as E,
  FAXMAX_DEMO,
  type FaxmaxSimulator,
  faxmaxHandlers,
} from '../src/testing/index.js';

const BASE = 'https://demo.faxmax.test/';
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const clock = createTestClock(T0);
let simulator: FaxmaxSimulator = createFaxmaxSimulator({ now: clock.now });
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function useSimulator(
  options: Parameters<typeof createFaxmaxSimulator>[0] = {},
  remoteAddress = '127.0.0.1',
) {
  clock.set(T0);
  simulator = createFaxmaxSimulator({ now: clock.now, ...options });
  server.use(...faxmaxHandlers(simulator, { baseUrl: BASE, remoteAddress }));
  return simulator;
}

const demoClient = (overrides: Record<string, unknown> = {}) =>
  createFaxmaxClient({
    domain: FAXMAX_DEMO.domain,
    apiCode: FAXMAX_DEMO.apiCode,
    apiPassword: FAXMAX_DEMO.apiPassword,
    cipher: FAXMAX_DEMO.cipher,
    now: clock.now,
    ...overrides,
  });

describe('JSON-RPC flows through MSW against the simulator', () => {
  it('Core.login with the demo user, then call() with the session token', async () => {
    useSimulator();
    const client = demoClient();
    const session = await client.login({ username: FAXMAX_DEMO.username, password: FAXMAX_DEMO.password });
    expect(session).toEqual({ token: expect.any(String), userId: 1001 });
    expect(simulator.sessionUser(session.token)).toBe('demo');
    await expect(client.call('Simulator.whoami')).resolves.toEqual({
      username: 'demo',
      user_id: 1001,
      remote_ip: '127.0.0.1',
    });
    expect(simulator.counters).toMatchObject({ logins: 1, rpc: { 'Core.login': 1, 'Simulator.whoami': 1 } });
  });

  it.each(['form', 'json'] as const)(
    'Core.token_login with the %s encoding signs the user in',
    async (encoding) => {
      useSimulator();
      const client = demoClient({ encoding });
      const { token } = await client.tokenLogin({ username: 'ayse', remoteIp: '127.0.0.1' });
      expect(simulator.sessionUser(token)).toBe('ayse');
      await expect(client.call('Simulator.whoami')).resolves.toMatchObject({ username: 'ayse' });
      expect(simulator.counters.ssoLogins).toBe(1);
      expect(simulator.counters.encodings[encoding]).toBe(2);
    },
  );

  it('Core.token_login without code_ re-validates a session token (via call)', async () => {
    useSimulator();
    const client = demoClient();
    const { token } = await client.login({ username: 'demo', password: 'demo-password' });
    await expect(client.call('Core.token_login')).resolves.toMatchObject({ token, username: 'demo' });
    await expect(client.call('Core.token_login', { token_: 'not-a-session' })).rejects.toMatchObject({
      code: 'RPC_ERROR',
      providerCode: String(E.INVALID_SESSION),
    });
  });

  it('call() with username and password instead of a session', async () => {
    useSimulator();
    const client = demoClient();
    await expect(
      client.call('Simulator.whoami', { username: 'demo', password: 'demo-password' }),
    ).resolves.toMatchObject({
      username: 'demo',
    });
    expect(client.hasSession).toBe(false);
  });

  it('a wrong password is AUTHENTICATION_FAILED (as for every provider) with the simulator code kept', async () => {
    useSimulator();
    await expect(demoClient().login({ username: 'demo', password: 'nope' })).rejects.toMatchObject({
      code: 'AUTHENTICATION_FAILED',
      providerCode: String(E.INVALID_CREDENTIALS),
      providerMessage: 'Invalid username or password',
    });
  });

  it.each([
    [
      'a remote_ip that is not the caller',
      {},
      { remoteIp: '10.9.9.9' },
      E.IP_MISMATCH,
      /came from 127\.0\.0\.1.*for 10\.9\.9\.9/,
    ],
    ['an unknown user', {}, { username: 'ghost' }, E.UNKNOWN_USER, /no user "ghost"/],
    ['a wrong API code', { apiCode: 'OTHER' }, {}, E.WRONG_API_CODE, /API code/],
    ['another API password', { apiPassword: 'other-password' }, {}, E.UNDECRYPTABLE_TOKEN, /decrypted/],
    [
      'another cipher',
      { cipher: createAesTokenCipher({ mode: 'cbc' }) },
      {},
      E.UNDECRYPTABLE_TOKEN,
      /decrypted/,
    ],
    ['a client clock 5 s behind', { now: () => T0 - 5000 }, {}, E.TOKEN_EXPIRED, /expired 2 seconds ago/],
  ])('tokenLogin with %s is refused', async (_name, clientOverrides, input, code, message) => {
    useSimulator();
    const client = demoClient(clientOverrides);
    const error = await client
      .tokenLogin({ username: 'demo', remoteIp: '127.0.0.1', ...input })
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'AUTHENTICATION_FAILED', providerCode: String(code) });
    expect(error.providerMessage).toMatch(message);
    expect(client.hasSession).toBe(false);
  });

  it('the method name can be overridden for a server that spells it Core.login_token', async () => {
    useSimulator({ tokenLoginMethods: ['Core.login_token'] });
    await expect(demoClient().tokenLogin({ username: 'demo', remoteIp: '127.0.0.1' })).rejects.toMatchObject({
      providerCode: '-32601',
    });
    await expect(
      demoClient({ tokenLoginMethod: 'Core.login_token' }).tokenLogin({
        username: 'demo',
        remoteIp: '127.0.0.1',
      }),
    ).resolves.toEqual({ token: expect.any(String) });
  });
});

describe('the simulator as a server (raw requests through MSW)', () => {
  const rpcUrl = `${BASE}api/v1`;
  const request = (id: string | undefined, method: string, params: unknown) =>
    JSON.stringify({ jsonrpc: '2.0', ...(id === undefined ? {} : { id }), method, params });

  it('accepts the form field data as multipart (curl -F) and reads the IP from the proxy header when configured', async () => {
    useSimulator({ remoteIpHeader: 'x-forwarded-for' }, '10.0.0.254');
    const client = demoClient();
    const token = await client.ssoToken({ username: 'demo', remoteIp: '198.51.100.20' });
    const body = new FormData();
    body.set('data', request('m-1', 'Core.token_login', { token_: token, code_: FAXMAX_DEMO.apiCode }));
    const response = await fetch(rpcUrl, {
      method: 'POST',
      body,
      headers: { 'x-forwarded-for': '198.51.100.20, 10.0.0.254' },
    });
    expect(await response.json()).toMatchObject({ jsonrpc: '2.0', id: 'm-1', result: { username: 'demo' } });
    expect(simulator.counters.encodings.multipart).toBe(1);
  });

  it('ignores x-forwarded-for when no proxy header is configured (a client cannot spoof its IP)', async () => {
    useSimulator({}, '10.0.0.254');
    const token = await demoClient().ssoToken({ username: 'demo', remoteIp: '198.51.100.20' });
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.20' },
      body: request('s-1', 'Core.token_login', { token_: token, code_: FAXMAX_DEMO.apiCode }),
    });
    expect(await response.json()).toMatchObject({ id: 's-1', error: { code: E.IP_MISMATCH } });
  });

  it('refuses notifications (no id) and batches', async () => {
    useSimulator();
    const notify = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: request(undefined, 'Core.login', { username: 'demo', password: 'demo-password' }),
    });
    expect(await notify.json()).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32600, message: 'Notifications are not supported: send an id' },
    });
    expect(simulator.counters).toMatchObject({ notificationsRefused: 1, logins: 0 });
    const batch = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `[${request('b-1', 'Core.login', { username: 'demo', password: 'demo-password' })}]`,
    });
    expect(await batch.json()).toMatchObject({ id: null, error: { code: -32600 } });
  });

  it('answers a parse error for invalid JSON (the published Core.login example has a trailing comma)', async () => {
    useSimulator();
    const published =
      '{"jsonrpc":"2.0","id":"fe012e8c","method":"Core.login","params":{"username":"demo","password":"demo-password",}}';
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([['data', published]]).toString(),
    });
    expect(await response.json()).toMatchObject({ id: null, error: { code: -32700 } });
  });

  it('refuses a replayed SSO token', async () => {
    useSimulator();
    const token = await demoClient().ssoToken({ username: 'demo', remoteIp: '127.0.0.1' });
    const send = (id: string) =>
      fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: request(id, 'Core.token_login', { token_: token, code_: FAXMAX_DEMO.apiCode }),
      }).then((r) => r.json());
    expect(await send('r-1')).toMatchObject({ result: { username: 'demo' } });
    expect(await send('r-2')).toMatchObject({ error: { code: E.TOKEN_REPLAYED } });
    expect(simulator.counters.ssoRefusals).toEqual({ replayed: 1 });
  });
});

describe('provider-side browser pages', () => {
  it('GET loginUrl shows who is signed in', async () => {
    useSimulator();
    const url = await demoClient().loginUrl({ username: 'ayse', remoteIp: '127.0.0.1' });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('data-status="signed-in"');
    expect(html).toContain('Signed in as Ayşe Yılmaz (ayse)');
    expect(simulator.counters).toMatchObject({ pages: 1, ssoLogins: 1, sessionsIssued: 1 });
  });

  it.each([
    ['expired, by how many seconds', 5, {}, { remoteIp: '127.0.0.1' }, 'The token expired 2 seconds ago'],
    [
      'wrong IP, expected vs actual',
      0,
      {},
      { remoteIp: '192.0.2.1' },
      'came from 127.0.0.1 but the token is for 192.0.2.1',
    ],
    ['unknown user', 0, {}, { remoteIp: '127.0.0.1', username: 'ghost' }, 'There is no user &#34;ghost&#34;'],
    ['wrong API code', 0, { apiCode: 'NOPE' }, { remoteIp: '127.0.0.1' }, 'The API code does not match'],
    [
      'undecryptable token',
      0,
      { apiPassword: 'x-other' },
      { remoteIp: '127.0.0.1' },
      'could not be decrypted',
    ],
  ])('a refused sign-in says why: %s', async (_name, lateSeconds, clientOverrides, input, text) => {
    useSimulator();
    const url = await demoClient(clientOverrides).loginUrl({ username: 'demo', ...input });
    clock.advance(lateSeconds * 1000);
    const response = await fetch(url);
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain('data-status="refused"');
    expect(html).toContain(text);
  });

  it('escapes what it echoes (a user name is not markup)', async () => {
    useSimulator({
      users: [{ username: '<b>x</b>', password: 'p', displayName: '<script>alert(1)</script>' }],
    });
    const url = await demoClient().loginUrl({ username: '<b>x</b>', remoteIp: '127.0.0.1' });
    const html = await (await fetch(url)).text();
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; (&#60;b&#62;x&#60;/b&#62;)');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('deep link #inboxes?token=…: the page script reads the fragment, verifies it and shows the page name', async () => {
    useSimulator();
    const deepLink = await demoClient().loginUrl({
      username: 'demo',
      remoteIp: '127.0.0.1',
      page: 'inboxes',
    });
    expect(deepLink).toMatch(/^https:\/\/demo\.faxmax\.test\/#inboxes\?token=/);
    // What the browser requests: the fragment stays client-side.
    const response = await fetch(deepLink);
    const html = await response.text();
    expect(html).toContain('data-status="idle"');
    expect(simulator.counters.ssoLogins).toBe(0);
    const dom = await runPageScript(html, deepLink);
    expect(dom.status).toBe('signed-in');
    expect(dom.text.headline).toBe('Signed in as Demo Kullanıcı (demo)');
    expect(dom.text.page).toBe('Page: inboxes');
    expect(dom.replacedUrl).toBe('/#inboxes'); // the token is removed from the address bar
    expect(simulator.counters).toMatchObject({ verifies: 1, ssoLogins: 1 });
  });

  it('deep link with an expired token shows the refusal through the same script', async () => {
    useSimulator();
    const deepLink = await demoClient().loginUrl({
      username: 'demo',
      remoteIp: '127.0.0.1',
      page: 'outboxes',
    });
    clock.advance(4000);
    const dom = await runPageScript(await (await fetch(deepLink)).text(), deepLink);
    expect(dom.status).toBe('refused');
    expect(dom.text.detail).toBe('The token expired 1 second ago');
    expect(dom.text.page).toBe('Page: outboxes');
  });

  it('POST /sso/verify answers JSON for the page script', async () => {
    useSimulator();
    const token = await demoClient().ssoToken({ username: 'demo', remoteIp: '203.0.113.9' });
    const response = await fetch(`${BASE}sso/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, code: FAXMAX_DEMO.apiCode, page: 'inboxes' }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      ok: false,
      reason: 'ip_mismatch',
      code: 1006,
      headline: 'Sign-in refused',
      detail: 'The request came from 127.0.0.1 but the token is for 203.0.113.9',
      advice:
        'The sign-in link was made for another network address. Open FaxMAX again from the same network.',
      page: 'inboxes',
      expectedIp: '203.0.113.9',
      actualIp: '127.0.0.1',
    });
  });
});

/** Runs the page's inline script in a minimal browser-like context whose fetch goes through MSW. */
async function runPageScript(html: string, href: string) {
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!script) throw new Error('no inline script');
  const url = new URL(href);
  const elements: Record<string, { textContent: string; attrs: Record<string, string> }> = {};
  const element = (id: string) => {
    elements[id] ??= { textContent: '', attrs: {} };
    const el = elements[id]!;
    return {
      set textContent(value: string) {
        el.textContent = value;
      },
      get textContent() {
        return el.textContent;
      },
      setAttribute: (name: string, value: string) => {
        el.attrs[name] = value;
      },
    };
  };
  let replacedUrl: string | undefined;
  const pending: Promise<unknown>[] = [];
  const pageFetch = (input: string, init: RequestInit) => {
    const p = fetch(new URL(input, `${url.origin}${url.pathname}`), init);
    pending.push(p);
    return p;
  };
  runInNewContext(script, {
    window: { location: { hash: url.hash, pathname: url.pathname } },
    document: { getElementById: element },
    history: { replaceState: (_s: unknown, _t: string, u: string) => (replacedUrl = u) },
    fetch: pageFetch,
    URLSearchParams,
    JSON,
  });
  await Promise.all(pending);
  for (let i = 0; i < 20 && elements.result?.attrs['data-status'] === undefined; i++) {
    await new Promise((r) => setTimeout(r, 5));
  }
  return {
    status: elements.result?.attrs['data-status'],
    text: Object.fromEntries(Object.entries(elements).map(([k, v]) => [k, v.textContent])),
    replacedUrl,
  };
}
