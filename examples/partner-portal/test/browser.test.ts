import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HeadlessBrowser, launchBrowser } from '../src/browser.js';
import { beyondVisitFlow, faxmaxFlow, gittiGidiyorFlow, serverSessionFlow, signIn } from '../src/check.js';
import { ARTIFACTS, type Stack, startStack } from './helpers.js';

let stack: Stack;
let browser: HeadlessBrowser;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** A new page signed in to the portal as `user`; the caller closes it. */
async function portalPage(user = 'ayse'): Promise<Page> {
  const page = await browser.context.newPage();
  await browser.context.clearCookies();
  await signIn(page, stack.portal.url, user);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

describe('BeyondVisit in the browser', () => {
  it('clicks through the portal to the panel page, which shows Ayşe Yılmaz signed in', async () => {
    const page = await portalPage();
    try {
      const detail = await beyondVisitFlow(page, stack.portal.url);
      expect(detail).toBe('signed in as Ayşe Yılmaz');
      expect(await page.$$eval('style', (styles) => styles.map((style) => style.id))).toEqual([
        'sso-simulator-page',
      ]);
      expect(await page.getAttribute('a.back', 'href')).toBe(`${stack.portal.url}/`);
      expect(page.url()).toMatch(new RegExp(`^${stack.sandbox.url}/beyondvisit/external/Login/`));
      expect(await page.textContent('[data-field=email]')).toBe('ayse.yilmaz@example.com.tr');
      await shot(page, 'beyondvisit-signed-in');
    } finally {
      await page.close();
    }
  });

  it('the panel refuses the same login token a second time (single use)', async () => {
    const page = await portalPage();
    try {
      await beyondVisitFlow(page, stack.portal.url);
      const used = page.url();
      await page.goto(used);
      expect(await page.getAttribute('main[data-result]', 'data-result')).toBe('refused');
      expect(await page.getAttribute('main[data-result]', 'data-reason')).toBe('used');
      await shot(page, 'beyondvisit-refused-used-token');
    } finally {
      await page.close();
    }
  });

  it('the panel refuses a login token it never issued', async () => {
    const page = await portalPage();
    try {
      await page.goto(`${stack.sandbox.url}/beyondvisit/external/Login/not-a-token-it-issued`);
      expect(await page.getAttribute('main[data-result]', 'data-reason')).toBe('unknown');
      await shot(page, 'beyondvisit-refused-unknown-token');
    } finally {
      await page.close();
    }
  });

  it('a portal user linked to an unknown BeyondVisit user stays on the portal: a plain sentence, details folded', async () => {
    const page = await portalPage('can');
    try {
      await Promise.all([
        page.waitForURL(`${stack.portal.url}/`),
        page.click('[data-testid=open-beyondvisit]'),
      ]);
      expect(await page.textContent('[data-testid=flash-text]')).toBe(
        'BeyondVisit does not recognise the account linked to yours. Ask your administrator to check the link.',
      );
      expect(await page.isVisible('[data-testid=developer-details]')).toBe(false);
      await page.click('[data-testid=flash] summary');
      expect(await page.isVisible('[data-testid=developer-details]')).toBe(true);
      expect(await page.textContent('[data-testid=developer-details]')).toMatch(
        /AUTHENTICATION_FAILED|NOT_FOUND|provider code 1/,
      );
      await shot(page, 'beyondvisit-refused-unknown-user');
      // Post/Redirect/Get: a reload is a GET of the provider list, no second LoginToken call.
      const before = stack.sandbox.simulators.beyondvisit as unknown as { counters: { loginToken: number } };
      const calls = before.counters.loginToken;
      await page.reload();
      expect(before.counters.loginToken).toBe(calls);
    } finally {
      await page.close();
    }
  });
});

describe('FaxMAX in the browser', () => {
  it('clicks through the portal to the FaxMAX page, which shows the demo user signed in', async () => {
    const page = await portalPage();
    try {
      const headline = await faxmaxFlow(page, stack.portal.url);
      expect(headline).toContain('Demo Kullanıcı');
      await shot(page, 'faxmax-signed-in');
    } finally {
      await page.close();
    }
  });

  it('the address bar holds no token after sign-in, and a reload shows the same page without a second sign-in', async () => {
    const page = await portalPage();
    try {
      const faxmax = stack.sandbox.simulators.faxmax as unknown as { counters: { ssoLogins: number } };
      const before = faxmax.counters.ssoLogins;
      await faxmaxFlow(page, stack.portal.url);
      expect(page.url()).toMatch(new RegExp(`^${stack.sandbox.url}/faxmax/\\?result=[\\w-]+$`));
      expect(page.url()).not.toMatch(/token=|code=/);
      await page.reload();
      expect(await page.getAttribute('#result', 'data-status')).toBe('signed-in');
      expect(faxmax.counters.ssoLogins).toBe(before + 1);
      // The token's expiry is shown as a date, the raw value kept in <time datetime>.
      expect(await page.textContent('details time')).toMatch(
        /^\d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d:\d\d UTC$/,
      );
      // The way back to the portal.
      await Promise.all([page.waitForURL(`${stack.portal.url}/`), page.click('a.back')]);
      expect(await page.textContent('[data-testid=greeting]')).toBe('Welcome, Ayşe Yılmaz');
    } finally {
      await page.close();
    }
  });

  it('opens a deep link (#inboxes?token=…&code=…) signed in', async () => {
    const page = await portalPage();
    try {
      const headline = await faxmaxFlow(page, stack.portal.url, 'inboxes');
      expect(headline).toContain('Demo Kullanıcı');
      expect(await page.textContent('#page')).toBe('Page: inboxes');
      await shot(page, 'faxmax-deep-link-inboxes');
    } finally {
      await page.close();
    }
  });

  it('a token that reaches FaxMAX after its 3-second window is refused as expired', async () => {
    const page = await portalPage();
    try {
      // The portal mints the token; before the browser follows the redirect, FaxMAX's clock moves 5 s on.
      await page.route(`${stack.portal.url}/open/faxmax`, async (route) => {
        const response = await route.fetch({ maxRedirects: 0 });
        stack.advance(5_000);
        await route.fulfill({ response });
      });
      await page.click('[data-testid=open-faxmax]');
      await page.waitForSelector('#result[data-status=refused]');
      expect(await page.textContent('#advice')).toBe(
        'The sign-in link was too old when it arrived. Go back and open FaxMAX again.',
      );
      expect(await page.isVisible('#detail')).toBe(false);
      expect(await page.textContent('#detail')).toMatch(/expired \d+ seconds? ago/);
      await shot(page, 'faxmax-refused-expired');
    } finally {
      await page.close();
    }
  });
});

describe('GittiGidiyor in the browser', () => {
  it('createToken → login page → Approve → back on the portal with the session, masked', async () => {
    const page = await portalPage();
    try {
      await page.click('[data-testid=open-gittigidiyor]');
      await page.waitForURL((url) => url.href.startsWith(`${stack.sandbox.url}/gittigidiyor/`));
      await shot(page, 'gittigidiyor-login-page');
      await page.goto(`${stack.portal.url}/`);
      const detail = await gittiGidiyorFlow(page, stack.portal.url);
      const simulated = stack.sandbox.simulators.gittigidiyor.sessions.at(-1)!;
      expect(detail).toBe(`approved as ${simulated.nick}, connected (${simulated.sessionId.slice(0, 4)}…)`);
      // The portal kept the very session the login page created, and never shows it whole.
      const cookie = (await browser.context.cookies(stack.portal.url)).find((c) => c.name === 'portal_sid')!;
      expect(stack.portal.sessions.get(cookie.value)?.gittigidiyor.sessionId).toBe(simulated.sessionId);
      expect(await page.content()).not.toContain(simulated.sessionId);
      expect(await page.textContent('[data-testid=flash]')).toMatch(
        /GittiGidiyor connected: session \S{4}…\./,
      );
      expect(page.url()).toBe(`${stack.portal.url}/`);
      expect(await page.textContent('[data-testid=gittigidiyor-connected-at]')).toMatch(
        /^\d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d:\d\d UTC$/,
      );
      await shot(page, 'gittigidiyor-connected');
    } finally {
      await page.close();
    }
  });
});

describe('server sessions in the browser', () => {
  it('runs Euromsg and DIA from the status page and shows every step ok', async () => {
    const page = await portalPage();
    try {
      expect(await serverSessionFlow(page, stack.portal.url, 'euromsg')).toBe(
        'Login → PostHtml → GetPostResult → Logout',
      );
      expect(await serverSessionFlow(page, stack.portal.url, 'dia')).toBe(
        'login → sis_kontor_sorgula → logout',
      );
      await shot(page, 'status-page');
    } finally {
      await page.close();
    }
  });
});
