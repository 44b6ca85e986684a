import { createBeyondVisitClient } from '@sso/beyondvisit';
import { BEYONDVISIT_DEMO } from '@sso/beyondvisit/testing';
import { isSsoError, type SsoError } from '@sso/core/provider';
import { SIMULATOR_PAGE_STYLE_ID } from '@sso/core/simulator';
import { createDiaClient } from '@sso/dia';
import { DIA_DEMO } from '@sso/dia/testing';
import { createEuromsgClient } from '@sso/euromsg-soap';
import { EUROMSG_DEMO } from '@sso/euromsg-soap/testing';
import { createFaxmaxClient } from '@sso/faxmax-rpc';
import { FAXMAX_DEMO, FAXMAX_SIMULATOR_ERRORS } from '@sso/faxmax-rpc/testing';
import { createGittiGidiyorClient } from '@sso/gittigidiyor';
import { GITTIGIDIYOR_DEMO } from '@sso/gittigidiyor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, sandboxClientOptions, startSandbox } from '../src/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    seed: {
      dia: [{ username: 'kisitli', password: 'Kisitli-Parola-1', permissions: [] }],
      faxmax: [{ username: 'mehmet', password: 'mehmet-password' }],
      beyondvisit: [{ apiKey: 'seed-partner-key', secretKey: 'seed-partner-secret' }],
      euromsg: [{ username: 'uzak-kullanici', password: 'uzak-parola', allowedIps: ['10.9.8.7'] }],
    },
  });
});
afterAll(() => sandbox.close());

async function failure(promise: Promise<unknown>): Promise<SsoError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isSsoError(error)) throw new Error(`expected an SsoError, got ${String(error)}`);
  return error;
}

describe('sandbox surface', () => {
  it('mounts every built-in provider and lists its demo accounts', () => {
    expect(sandbox.providers.map((p) => p.id)).toEqual([
      'beyondvisit',
      'faxmax',
      'euromsg',
      'gittigidiyor',
      'dia',
    ]);
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const p of sandbox.providers) {
      expect(p.url).toBe(`${sandbox.url}/${p.id}/`);
      expect(p.accounts.some((a) => a.source === 'demo')).toBe(true);
    }
  });

  it('gives client options equal to sandboxClientOptions(url) and pointing at the sandbox over http', () => {
    expect(sandboxClientOptions(sandbox.url)).toEqual(sandbox.clientOptions);
    for (const options of Object.values(sandbox.clientOptions)) {
      expect(options.allowInsecureHttp).toBe(true);
      expect(options.baseUrl?.startsWith(sandbox.url)).toBe(true);
    }
  });

  it('never shows a demo secret on the index page', async () => {
    const html = await (await fetch(`${sandbox.url}/`)).text();
    for (const secret of [
      BEYONDVISIT_DEMO.secretKey,
      BEYONDVISIT_DEMO.userToken,
      FAXMAX_DEMO.apiPassword,
      FAXMAX_DEMO.password,
      DIA_DEMO.password,
      DIA_DEMO.apiKey,
      EUROMSG_DEMO.password,
      GITTIGIDIYOR_DEMO.secretKey,
      GITTIGIDIYOR_DEMO.rolePassword,
    ]) {
      expect(html).not.toContain(secret);
    }
    expect(html).toContain(BEYONDVISIT_DEMO.apiKey);
    expect(html).toContain(`${sandbox.url}/dia/`);
  });
});

describe('BeyondVisit through the sandbox', () => {
  it('creates a user, issues a login token and serves the browser sign-in page for it', async () => {
    const client = createBeyondVisitClient(sandbox.clientOptions.beyondvisit);
    const { userToken } = await client.createUser({
      name: 'Zeynep',
      surname: 'Kaya',
      email: 'zeynep@example.com.tr',
      site: 'https://zeynep.example.com.tr',
    });
    const { loginToken, userCode } = await client.createLoginToken({ userToken });
    expect(userCode).toMatch(/\S/);
    const url = client.loginUrl(loginToken);
    expect(url.startsWith(`${sandbox.url}/beyondvisit/external/Login/`)).toBe(true);
    const before = sandbox.simulators.beyondvisit.counters.signIns;
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(sandbox.simulators.beyondvisit.counters.signIns).toBe(before + 1);
    // The token is single-use: a second visit is refused.
    expect((await fetch(url)).status).not.toBe(200);
  });

  it('answers CreateUser code 5 (wrong secret) and 6 (unknown API key) to the real client', async () => {
    const wrongSecret = createBeyondVisitClient({
      ...sandbox.clientOptions.beyondvisit,
      secretKey: 'not-the-secret',
    });
    const input = { name: 'A', surname: 'B', email: 'a@example.com', site: 'https://a.example.com' };
    const e5 = await failure(wrongSecret.createUser(input));
    expect([e5.code, e5.providerCode]).toEqual(['AUTHENTICATION_FAILED', '5']);
    const unknownKey = createBeyondVisitClient({
      ...sandbox.clientOptions.beyondvisit,
      apiKey: 'no-such-key',
    });
    const e6 = await failure(unknownKey.createUser(input));
    expect([e6.code, e6.providerCode]).toEqual(['INVALID_CONFIG', '6']);
  });

  it('answers LoginToken codes 1 (unknown user), 2 (wrong secret) and 3 (unknown API key) to the real client', async () => {
    const base = sandbox.clientOptions.beyondvisit;
    const e1 = await failure(
      createBeyondVisitClient(base).createLoginToken({ userToken: 'ffffffffffffffffffffffffffffffff' }),
    );
    expect([e1.code, e1.providerCode]).toEqual(['NOT_FOUND', '1']);
    const e2 = await failure(
      createBeyondVisitClient({ ...base, secretKey: 'wrong' }).createLoginToken({
        userToken: BEYONDVISIT_DEMO.userToken,
      }),
    );
    expect([e2.code, e2.providerCode]).toEqual(['AUTHENTICATION_FAILED', '2']);
    const e3 = await failure(
      createBeyondVisitClient({ ...base, apiKey: 'nope' }).createLoginToken({
        userToken: BEYONDVISIT_DEMO.userToken,
      }),
    );
    expect([e3.code, e3.providerCode]).toEqual(['INVALID_CONFIG', '3']);
  });

  it('answers CreateUser field codes 1-4 over HTTP (the client checks these before sending)', async () => {
    const cases: Array<[Record<string, string>, number]> = [
      [{ Name: 'A', Surname: 'B', Email: 'a@b.c', Site: 'ftp://x' }, 1],
      [{ Name: '', Surname: 'B', Email: 'a@b.c', Site: 'https://x' }, 2],
      [{ Name: 'A', Surname: '', Email: 'a@b.c', Site: 'https://x' }, 3],
      [{ Name: 'A', Surname: 'B', Email: '', Site: 'https://x' }, 4],
    ];
    const { md5Hex } = await import('@sso/core');
    for (const [user, code] of cases) {
      const res = await fetch(`${sandbox.url}/beyondvisit/external/CreateUser`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          apikey: BEYONDVISIT_DEMO.apiKey,
          sign: md5Hex(BEYONDVISIT_DEMO.apiKey + BEYONDVISIT_DEMO.secretKey),
          user,
        }),
      });
      expect(await res.json()).toMatchObject({ status: false, code });
    }
  });

  it('accepts a seeded partner', async () => {
    const client = createBeyondVisitClient({
      ...sandbox.clientOptions.beyondvisit,
      apiKey: 'seed-partner-key',
      secretKey: 'seed-partner-secret',
    });
    const { userToken } = await client.createUser({
      name: 'Seed',
      surname: 'User',
      email: 's@example.com',
      site: 'https://s.example.com',
    });
    expect(userToken).toMatch(/\S{8,}/);
  });
});

describe('FaxMAX through the sandbox', () => {
  it('password login and an RPC call with the session token', async () => {
    const client = createFaxmaxClient(sandbox.clientOptions.faxmax);
    await client.login({ username: FAXMAX_DEMO.username, password: FAXMAX_DEMO.password });
    expect(client.hasSession).toBe(true);
  });

  it('token login works from 127.0.0.1: the sandbox passes the socket address to the simulator', async () => {
    const client = createFaxmaxClient(sandbox.clientOptions.faxmax);
    const result = await client.tokenLogin({ username: FAXMAX_DEMO.username, remoteIp: '127.0.0.1' });
    expect(result.token).toMatch(/\S/);
    const mismatch = await failure(
      client.tokenLogin({ username: FAXMAX_DEMO.username, remoteIp: '10.1.2.3' }),
    );
    expect([mismatch.code, mismatch.providerCode]).toEqual([
      'AUTHENTICATION_FAILED',
      String(FAXMAX_SIMULATOR_ERRORS.IP_MISMATCH),
    ]);
  });

  it('answers invalid credentials, wrong API code, an undecryptable token and an unknown user', async () => {
    const base = sandbox.clientOptions.faxmax;
    const bad = await failure(
      createFaxmaxClient(base).login({ username: 'demo', password: 'wrong-password' }),
    );
    expect(bad.providerCode).toBe(String(FAXMAX_SIMULATOR_ERRORS.INVALID_CREDENTIALS));
    const code = await failure(
      createFaxmaxClient({ ...base, apiCode: 'WRONG-CODE' }).tokenLogin({
        username: 'demo',
        remoteIp: '127.0.0.1',
      }),
    );
    expect(code.providerCode).toBe(String(FAXMAX_SIMULATOR_ERRORS.WRONG_API_CODE));
    const key = await failure(
      createFaxmaxClient({ ...base, apiPassword: 'another-password' }).tokenLogin({
        username: 'demo',
        remoteIp: '127.0.0.1',
      }),
    );
    expect(key.providerCode).toBe(String(FAXMAX_SIMULATOR_ERRORS.UNDECRYPTABLE_TOKEN));
    const who = await failure(
      createFaxmaxClient(base).tokenLogin({ username: 'nobody', remoteIp: '127.0.0.1' }),
    );
    expect(who.providerCode).toBe(String(FAXMAX_SIMULATOR_ERRORS.UNKNOWN_USER));
  });

  it('signs a seeded user in and serves the browser page for a login URL', async () => {
    const client = createFaxmaxClient(sandbox.clientOptions.faxmax);
    await client.login({ username: 'mehmet', password: 'mehmet-password' });
    const url = await client.loginUrl({ username: 'demo', remoteIp: '127.0.0.1' });
    expect(url.startsWith(`${sandbox.url}/faxmax/?`)).toBe(true);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });
});

describe('DIA through the sandbox', () => {
  it('logs in, calls a service and logs out', async () => {
    const client = createDiaClient(sandbox.clientOptions.dia);
    const { sessionId } = await client.login();
    expect(sessionId).toMatch(/^[0-9a-f]{32}$/);
    const kontor = await client.sisKontorSorgula();
    expect(kontor).toBeDefined();
    await client.close();
    expect(sandbox.simulators.dia.activeSessions(DIA_DEMO.username)).toBe(0);
  });

  it('answers 401 NOUSER for a wrong password and a refused API key', async () => {
    const e = await failure(createDiaClient({ ...sandbox.clientOptions.dia, password: 'yanlis' }).login());
    expect([e.code, e.providerCode, e.providerMessage]).toEqual(['AUTHENTICATION_FAILED', '401', 'NOUSER']);
    const k = await failure(createDiaClient({ ...sandbox.clientOptions.dia, apiKey: 'unknown-key' }).login());
    expect([k.code, k.providerCode]).toEqual(['AUTHENTICATION_FAILED', '401']);
  });

  it('answers INSUFFICIENT_PRIVILEGES for a seeded user without permissions', async () => {
    const client = createDiaClient({
      ...sandbox.clientOptions.dia,
      username: 'kisitli',
      password: 'Kisitli-Parola-1',
    });
    const e = await failure(client.call('sis', 'sis_kontor_sorgula', {}));
    expect([e.code, e.providerMessage]).toEqual(['PERMISSION_DENIED', 'INSUFFICIENT_PRIVILEGES']);
    await client.close();
  });

  it('answers INVALID_SESSION after the sessions are dropped; the client logs in again once', async () => {
    const client = createDiaClient(sandbox.clientOptions.dia);
    await client.login();
    const logins = sandbox.simulators.dia.stats.logins;
    sandbox.simulators.dia.dropSessions();
    await client.sisKontorSorgula();
    expect(sandbox.simulators.dia.stats.logins).toBe(logins + 1);
    await client.close();
  });
});

describe('Euromsg through the sandbox', () => {
  it('logs in, posts with the ticket and logs out', async () => {
    const client = createEuromsgClient(sandbox.clientOptions.euromsg);
    const { serviceTicket } = await client.login();
    expect(serviceTicket).toMatch(/\S/);
    await client.logout(serviceTicket);
    expect(sandbox.simulators.euromsg.counters.logouts).toBeGreaterThanOrEqual(1);
  });

  it('answers Code 99 for a wrong password and for a caller IP that is not allowed', async () => {
    const bad = await failure(
      createEuromsgClient({ ...sandbox.clientOptions.euromsg, password: 'wrong' }).login(),
    );
    expect([bad.code, bad.providerCode]).toEqual(['AUTHENTICATION_FAILED', '99']);
    const ip = await failure(
      createEuromsgClient({
        ...sandbox.clientOptions.euromsg,
        username: 'uzak-kullanici',
        password: 'uzak-parola',
      }).login(),
    );
    expect([ip.code, ip.providerCode]).toEqual(['AUTHENTICATION_FAILED', '99']);
    expect(ip.providerMessage).toMatch(/invalid ?ip/i);
  });

  it('answers Code 9998 for a ticket that is unknown', async () => {
    const e = await failure(createEuromsgClient(sandbox.clientOptions.euromsg).logout('no-such-ticket-0000'));
    expect([e.code, e.providerCode]).toEqual(['SESSION_EXPIRED', '9998']);
  });
});

describe('GittiGidiyor through the sandbox', () => {
  it('creates a token, serves the login page and redirects back with a session id on approval', async () => {
    const client = createGittiGidiyorClient(sandbox.clientOptions.gittigidiyor);
    const { tokenId } = await client.createToken();
    const redirectUrl = 'http://127.0.0.1:9/back?state=xyz';
    const url = client.loginUrl({ tokenId, redirectUrl });
    expect(url.startsWith(`${sandbox.url}/gittigidiyor/login?`)).toBe(true);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="post" action="login">');
    // Submit the page's own form as a browser would (relative action resolves under the mount).
    const action = new URL('login', url);
    const fields = new URLSearchParams(
      [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [
        m[1] as string,
        (m[2] as string).replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))),
      ]),
    );
    const approve = await fetch(action, { method: 'POST', body: fields, redirect: 'manual' });
    expect(approve.status).toBe(303);
    const back = new URL(approve.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe('http://127.0.0.1:9/back');
    const sessions = sandbox.simulators.gittigidiyor.sessions;
    expect(sessions.some((s) => s.tokenId === tokenId && back.search.includes(s.sessionId))).toBe(true);
  });

  it('answers HTTP 401 for a wrong role password, and its own codes for an unknown API key and a bad sign', async () => {
    const base = sandbox.clientOptions.gittigidiyor;
    const basic = await failure(
      createGittiGidiyorClient({ ...base, rolePassword: 'wrong-role-pass' }).createToken(),
    );
    expect([basic.code, basic.status]).toEqual(['AUTHENTICATION_FAILED', 401]);
    const key = await failure(
      createGittiGidiyorClient({ ...base, apiKey: 'unknown-api-key-000' }).createToken(),
    );
    expect(key.providerCode).toBe('INVALID_API_KEY');
    const sign = await failure(
      createGittiGidiyorClient({ ...base, secretKey: 'wrong-secret' }).createToken(),
    );
    expect(sign.providerCode).toBe('INVALID_SIGN');
    expect(sign.code).toBe('AUTHENTICATION_FAILED');
  });
});

describe('browser pages through the sandbox', () => {
  const shell = `<style id="${SIMULATOR_PAGE_STYLE_ID}">`;
  const expectShell = (html: string) => {
    expect(html.match(/<style\b/g)).toHaveLength(1);
    expect(html).toContain(shell);
  };

  it('every provider page and the index page share one stylesheet (no copy per provider)', async () => {
    const pages: string[] = [
      `${sandbox.url}/`,
      `${sandbox.url}/dia/`,
      `${sandbox.url}/euromsg/`,
      `${sandbox.url}/faxmax/`,
    ];
    const bv = createBeyondVisitClient(sandbox.clientOptions.beyondvisit);
    const { loginToken } = await bv.createLoginToken({ userToken: BEYONDVISIT_DEMO.userToken });
    pages.push(`${sandbox.url}/beyondvisit/external/Login/${loginToken}`);
    pages.push(`${sandbox.url}/beyondvisit/external/Login/${loginToken}`); // refused: used
    const gg = createGittiGidiyorClient(sandbox.clientOptions.gittigidiyor);
    const { tokenId } = await gg.createToken();
    pages.push(gg.loginUrl({ tokenId, redirectUrl: 'http://127.0.0.1:9/back' }));
    pages.push(`${sandbox.url}/gittigidiyor/login?tokenId=nope`); // refused: missing parameters
    const fx = createFaxmaxClient(sandbox.clientOptions.faxmax);
    pages.push(await fx.loginUrl({ username: 'demo', remoteIp: '127.0.0.1' }));
    for (const page of pages) {
      const response = await fetch(page);
      expect(response.headers.get('content-type'), page).toMatch(/^text\/html/);
      expectShell(await response.text());
    }
  });

  it('FaxMAX: the sign-in answers 303 to a URL without the token, under the mount', async () => {
    const fx = createFaxmaxClient(sandbox.clientOptions.faxmax);
    const url = await fx.loginUrl({ username: 'ayse', remoteIp: '127.0.0.1' });
    const landing = await fetch(url, { redirect: 'manual' });
    expect(landing.status).toBe(303);
    const location = landing.headers.get('location')!;
    expect(location).toMatch(/^\/faxmax\/\?result=[\w-]+$/);
    const page = await fetch(new URL(location, sandbox.url));
    expect(page.url).not.toContain('token=');
    expect(await page.text()).toContain('Signed in as Ayşe Yılmaz (ayse)');
  });
});
