import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNKNOWN_BEYONDVISIT_USER_TOKEN } from '../src/app.js';
import { startPortal } from '../src/server.js';
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

  it('refuses a wrong password with a redirect (no re-post on refresh) and sets no session cookie', async () => {
    const client = new Browserless(stack.portal.url);
    const response = await client.post('/login', { username: 'ayse', password: 'wrong' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?error=credentials&username=ayse');
    expect(response.headers.getSetCookie()).toEqual([]);
    const page = await (await client.get(response.headers.get('location')!)).text();
    expect(page).toContain('Wrong user name or password.');
    expect(page).toContain('value="ayse"');
    expect(page).not.toContain('wrong');
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
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    const page = await (await client.get('/')).text();
    const [visible, folded] = page.split('<details class="developer">');
    expect(visible).toContain(
      'BeyondVisit does not recognise the account linked to yours. Ask your administrator to check the link.',
    );
    expect(visible).not.toMatch(/provider code/);
    expect(folded).toMatch(/BeyondVisit did not issue a login token: .*provider code 1/);
    expect(page).not.toContain(UNKNOWN_BEYONDVISIT_USER_TOKEN);
    // The flash is shown once: a refresh shows the provider list without it.
    expect(await (await client.get('/')).text()).not.toContain('data-testid="flash"');
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
    const loginToken = decodeURIComponent(new URL(bv.headers.get('location')!).pathname.split('/').pop()!);
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

describe('pages for people', () => {
  it('the provider list greets the user by name and says since when, as a date', async () => {
    const client = new Browserless(stack.portal.url);
    await client.signIn();
    const page = await (await client.get('/')).text();
    expect(page).toContain('<h2 data-testid="greeting">Welcome, Ayşe Yılmaz</h2>');
    expect(page).toMatch(
      /Signed in since <time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z">\d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d:\d\d UTC<\/time>/,
    );
  });

  it('the status page shows when each session last ran, as a date', async () => {
    const client = new Browserless(stack.portal.url);
    const csrf = await client.signIn();
    await client.post('/status/dia', { csrf });
    const page = await (await client.get('/status')).text();
    expect(page).toMatch(/data-testid="dia-run-at">Last run <time datetime="[^"]+">[^<]+ UTC<\/time>/);
    expect(page).not.toContain('data-testid="euromsg-run-at"');
  });

  it('sends the sandbox providers a return address so their pages link back to the portal', async () => {
    const client = new Browserless(stack.portal.url);
    const csrf = await client.signIn();
    for (const provider of ['beyondvisit', 'faxmax']) {
      const response = await client.post(`/open/${provider}`, { csrf });
      const location = new URL(response.headers.get('location')!);
      expect(location.searchParams.get('return')).toBe(`${stack.portal.url}/`);
      const landing = await (await fetch(location)).text();
      expect(landing).toContain(`<a class="back" href="${stack.portal.url}/" data-back="main">`);
    }
  });

  it('answers every form POST with 303 See Other, so a refresh never posts again', async () => {
    const client = new Browserless(stack.portal.url);
    expect((await client.post('/login', { username: 'ayse', password: 'nope' })).status).toBe(303);
    expect((await client.post('/login', { username: 'ayse', password: 'demo' })).status).toBe(303);
    const csrf = await client.signIn();
    for (const path of [
      '/open/beyondvisit',
      '/open/faxmax',
      '/open/gittigidiyor',
      '/status/euromsg',
      '/status/dia',
    ]) {
      expect((await client.post(path, { csrf })).status, path).toBe(303);
    }
    const can = new Browserless(stack.portal.url);
    const canCsrf = await can.signIn('can');
    expect((await can.post('/open/beyondvisit', { csrf: canCsrf })).status).toBe(303);
    expect((await can.post('/open/faxmax', { csrf: canCsrf })).status).toBe(303);
    expect((await client.post('/logout', { csrf })).status).toBe(303);
  });
});

describe('a portal user without linked provider accounts', () => {
  it('is told so on the provider list after a 303, and no provider is asked', async () => {
    let asked = 0;
    const portal = await startPortal({
      providers: {
        beyondvisit: {
          baseUrl: 'https://panel.example/',
          loginRedirect: async () => {
            asked++;
            throw new Error('not expected');
          },
        },
        faxmax: {
          baseUrl: 'https://fax.example/',
          pages: [],
          loginRedirect: async () => {
            asked++;
            throw new Error('not expected');
          },
        },
      },
      users: [{ username: 'deniz', password: 'pw', displayName: 'Deniz Kaya', email: 'd@example.com' }],
    });
    try {
      const client = new Browserless(portal.url);
      const csrf = await client.signIn('deniz', 'pw');
      for (const [path, title] of [
        ['/open/beyondvisit', 'BeyondVisit'],
        ['/open/faxmax', 'FaxMAX'],
      ] as const) {
        const response = await client.post(path, { csrf });
        expect(response.status).toBe(303);
        expect(response.headers.get('location')).toBe('/');
        expect(await (await client.get('/')).text()).toContain(
          `No ${title} account is linked to yours. Ask your administrator to link one.`,
        );
      }
      expect(asked).toBe(0);
    } finally {
      await portal.close();
    }
  });
});
