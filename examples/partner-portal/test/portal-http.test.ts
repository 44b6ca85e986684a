import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNKNOWN_BEYONDVISIT_USER_TOKEN } from '../src/app.js';
import { Browserless, type Stack, startStack } from './helpers.js';

let stack: Stack;
let demoUserToken: string;

beforeAll(async () => {
  stack = await startStack();
  const account = stack.sandbox.accounts.find((a) => a.provider === 'beyondvisit' && a.fields.userToken);
  demoUserToken = account!.fields.userToken!;
});
afterAll(async () => {
  await stack?.close();
});

describe('portal sign-in', () => {
  it('sends a visitor without a session to the sign-in page', async () => {
    const client = new Browserless(stack.portal.url);
    const response = await client.get('/');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login');
  });

  it('refuses a wrong password and sets no session cookie', async () => {
    const client = new Browserless(stack.portal.url);
    const response = await client.post('/login', { username: 'ayse', password: 'wrong' });
    expect(response.status).toBe(401);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await response.text()).toContain('Wrong user name or password.');
  });

  it('signs in with an HttpOnly SameSite cookie and shows the providers with the userToken masked', async () => {
    const client = new Browserless(stack.portal.url);
    const response = await client.post('/login', { username: 'ayse', password: 'demo' });
    expect(response.status).toBe(303);
    expect(response.headers.get('set-cookie')).toMatch(
      /^portal_sid=[\w-]{20,}; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    const page = await (await client.get('/')).text();
    expect(page).toContain('Signed in as Ayşe Yılmaz');
    for (const provider of ['beyondvisit', 'faxmax', 'gittigidiyor', 'euromsg', 'dia']) {
      expect(page).toContain(`data-provider="${provider}"`);
    }
    expect(page).toContain(`${demoUserToken.slice(0, 4)}…`);
    expect(page).not.toContain(demoUserToken);
  });

  it('refuses a POST without the session’s CSRF token', async () => {
    const client = new Browserless(stack.portal.url);
    await client.signIn();
    const response = await client.post('/open/beyondvisit', { csrf: 'forged' });
    expect(response.status).toBe(403);
    expect(response.headers.get('location')).toBeNull();
  });

  it('ends the session on sign-out', async () => {
    const client = new Browserless(stack.portal.url);
    const csrf = await client.signIn();
    expect((await client.post('/logout', { csrf })).headers.get('location')).toBe('/login');
    expect((await client.get('/')).headers.get('location')).toBe('/login');
  });
});

describe('BeyondVisit over HTTP', () => {
  it('mints a fresh login token per click and redirects to /external/Login/{token}, which signs the user in', async () => {
    const client = new Browserless(stack.portal.url);
    const csrf = await client.signIn();
    const first = await client.post('/open/beyondvisit', { csrf });
    const second = await client.post('/open/beyondvisit', { csrf });
    expect(first.status).toBe(303);
    const location = first.headers.get('location')!;
    expect(location.startsWith(`${stack.sandbox.url}/beyondvisit/external/Login/`)).toBe(true);
    expect(second.headers.get('location')).not.toBe(location);
    const landing = await fetch(location);
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain('data-result="signed-in"');
  });

  it('shows why BeyondVisit refused a user it does not know, without the userToken', async () => {
    const client = new Browserless(stack.portal.url);
    const csrf = await client.signIn('can');
    const response = await client.post('/open/beyondvisit', { csrf });
    expect(response.status).toBe(502);
    const page = await response.text();
    expect(page).toContain('BeyondVisit refused');
    expect(page).toMatch(/provider code 1/);
    expect(page).not.toContain(UNKNOWN_BEYONDVISIT_USER_TOKEN);
  });
});

describe('FaxMAX over HTTP', () => {
  it('redirects to the domain with token and code, the token bound to the browser IP', async () => {
    const client = new Browserless(stack.portal.url);
    const csrf = await client.signIn();
    const response = await client.post('/open/faxmax', { csrf, page: '' });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(location.href.startsWith(`${stack.sandbox.url}/faxmax/`)).toBe(true);
    expect(location.searchParams.get('token')).toBeTruthy();
    expect(location.searchParams.get('code')).toBeTruthy();
    const landing = await (await fetch(location)).text();
    expect(landing).toContain('data-status="signed-in"');
  });

  it('rejects a page that is not in the list', async () => {
    const client = new Browserless(stack.portal.url);
    const csrf = await client.signIn();
    expect((await client.post('/open/faxmax', { csrf, page: 'javascript:alert(1)' })).status).toBe(400);
  });
});

describe('GittiGidiyor callback', () => {
  it('refuses a callback that does not match a sign-in this session started', async () => {
    const client = new Browserless(stack.portal.url);
    await client.signIn();
    const response = await client.get('/callback/gittigidiyor?tokenId=forged&sessionId=stolen-session-id');
    expect(response.headers.get('location')).toBe('/');
    const page = await (await client.get('/')).text();
    expect(page).toContain('does not match a sign-in you started');
    expect(page).toContain('not connected');
  });
});

describe('server-side sessions on the status page', () => {
  it('runs Euromsg: Login, PostHtml, GetPostResult, Logout, each ok, ticket masked, ticket logged out', async () => {
    const euromsg = stack.sandbox.simulators.euromsg as unknown as { counters: Record<string, number> };
    const before = { ...euromsg.counters };
    const client = new Browserless(stack.portal.url);
    const csrf = await client.signIn();
    const run = await client.post('/status/euromsg', { csrf });
    expect(run.headers.get('location')).toBe('/status');
    const page = await (await client.get('/status')).text();
    const rows = [...page.matchAll(/<tr data-step="([^"]+)"><td>[^<]*<\/td><td><span class="badge (\w+)">/g)];
    expect(rows.map((row) => [row[1], row[2]])).toEqual([
      ['Login', 'ok'],
      ['PostHtml', 'ok'],
      ['GetPostResult', 'ok'],
      ['Logout', 'ok'],
    ]);
    expect(page).toMatch(/service ticket \S{4}… obtained/);
    expect(page).toContain('relay Relayed, delivery Delivered');
    expect(euromsg.counters.logins! - before.logins!).toBe(1);
    expect(euromsg.counters.logouts! - before.logouts!).toBe(1);
  });

  it('runs DIA: login, sis_kontor_sorgula, logout, leaving no session open at DIA', async () => {
    const dia = stack.sandbox.simulators.dia;
    const before = { ...dia.stats };
    const client = new Browserless(stack.portal.url);
    const csrf = await client.signIn();
    await client.post('/status/dia', { csrf });
    const page = await (await client.get('/status')).text();
    const rows = [...page.matchAll(/<tr data-step="([^"]+)"><td>[^<]*<\/td><td><span class="badge (\w+)">/g)];
    expect(rows.map((row) => [row[1], row[2]]).slice(-3)).toEqual([
      ['login', 'ok'],
      ['sis_kontor_sorgula', 'ok'],
      ['logout', 'ok'],
    ]);
    expect(page).toMatch(/session \S{4}… obtained/);
    expect(page).toContain(`remaining credit: ${dia.kontor}`);
    expect(dia.stats.logins - before.logins).toBe(1);
    expect(dia.stats.logouts - before.logouts).toBe(1);
    expect(dia.activeSessions()).toBe(0);
  });
});

describe('logs', () => {
  it('never contain the userToken, the login token or a provider password; pages neither', async () => {
    const client = new Browserless(stack.portal.url);
    const csrf = await client.signIn();
    const bv = await client.post('/open/beyondvisit', { csrf });
    const loginToken = decodeURIComponent(bv.headers.get('location')!.split('/').pop()!);
    await client.post('/status/euromsg', { csrf });
    await client.post('/status/dia', { csrf });
    const portalLines = stack.logs.filter((line) => line.startsWith('portal '));
    expect(
      portalLines.some((line) => line.includes(`beyondvisit login token ${loginToken.slice(0, 4)}…`)),
    ).toBe(true);
    const secrets = [
      demoUserToken,
      loginToken,
      'demo-api-password',
      'demo-ws-password',
      'Dia-Demo-Parola-2026',
    ];
    const page = await (await client.get('/status')).text();
    for (const secret of secrets) {
      expect(portalLines.join('\n')).not.toContain(secret);
      expect(page).not.toContain(secret);
    }
  });
});
