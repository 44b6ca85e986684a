import { createTestClock, SIMULATOR_PAGE_STYLE_ID } from '@sso/core/testing';
import { describe, expect, it } from 'vitest';
import { createFaxmaxClient } from '../src/index.js';
import { createFaxmaxSimulator, FAXMAX_DEMO } from '../src/testing/index.js';

const T0 = Date.UTC(2026, 11, 6, 12, 59, 6);

function setup() {
  const clock = createTestClock(T0);
  const simulator = createFaxmaxSimulator({ now: clock.now });
  const { domain, apiCode, apiPassword, cipher } = FAXMAX_DEMO;
  const client = createFaxmaxClient({ domain, apiCode, apiPassword, cipher, now: clock.now });
  /** The page at a login URL, re-targeted at the simulator root (what the sandbox and MSW do). */
  const get = (href: string) => {
    const url = new URL(href);
    return simulator.handle(new Request(`http://simulator${url.pathname}${url.search}`));
  };
  return { clock, simulator, client, get };
}

describe('FaxMAX browser page', () => {
  it('takes the token out of the address bar: 303 to /?result=…, which shows the verdict on every refresh', async () => {
    const { simulator, client, get } = setup();
    const href = await client.loginUrl({ username: 'ayse', remoteIp: '127.0.0.1' });
    expect(new URL(href).searchParams.get('token')).toBeTruthy();
    const landing = await get(href);
    expect(landing.status).toBe(303);
    const location = landing.headers.get('location')!;
    expect(location).toMatch(/^\/\?result=[\w-]+$/);
    expect(location).not.toContain('token');
    expect(location).not.toContain('code');
    for (let i = 0; i < 2; i++) {
      const page = await get(`http://simulator${location}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Signed in as Ayşe Yılmaz (ayse)');
      expect(html).not.toContain(new URL(href).searchParams.get('token')!);
    }
    expect(simulator.counters).toMatchObject({ ssoLogins: 1, sessionsIssued: 1, pages: 2 });
  });

  it('uses the shared page shell and shows the token lifetime as a date, the Unix time kept for developers', async () => {
    const { client, get } = setup();
    const landing = await get(await client.loginUrl({ username: 'demo', remoteIp: '127.0.0.1' }));
    const html = await (await get(`http://simulator${landing.headers.get('location')}`)).text();
    expect(html.match(/<style\b/g)).toHaveLength(1);
    expect(html).toContain(`<style id="${SIMULATOR_PAGE_STYLE_ID}">`);
    const exp = Math.floor(T0 / 1000) + 3;
    expect(html).toContain(
      `<time datetime="2026-12-06T12:59:09.000Z" title="Unix time ${exp}">6 December 2026 at 12:59:09 UTC</time>`,
    );
    // The raw number appears only in the machine-readable attribute.
    expect(html.replace(/title="Unix time \d+"/, '')).not.toContain(String(exp));
  });

  it('a refusal says what to do in a plain sentence and folds the provider message into <details>', async () => {
    const { clock, client, get } = setup();
    const href = await client.loginUrl({ username: 'demo', remoteIp: '127.0.0.1' });
    clock.advance(5000);
    const landing = await get(href);
    const page = await get(`http://simulator${landing.headers.get('location')}`);
    expect(page.status).toBe(403);
    const html = await page.text();
    const [visible, folded] = html.split('<details class="developer">');
    expect(visible).toContain('The sign-in link was too old when it arrived. Go back and open FaxMAX again.');
    expect(visible).not.toContain('expired 2 seconds ago');
    expect(folded).toContain('The token expired 2 seconds ago');
    expect(folded).toContain('<code>expired</code>');
    expect(folded).toContain('<code>1004</code>');
  });

  it('links back to the site named by return= (http(s) only), also after the redirect', async () => {
    const { client, get } = setup();
    const href = new URL(await client.loginUrl({ username: 'demo', remoteIp: '127.0.0.1' }));
    href.searchParams.set('return', 'http://127.0.0.1:3000/');
    const landing = await get(href.href);
    expect(landing.headers.get('location')).not.toContain('return');
    const html = await (await get(`http://simulator${landing.headers.get('location')}`)).text();
    expect(html).toContain(
      '<a class="back" href="http://127.0.0.1:3000/" data-back="main">Back to 127.0.0.1:3000</a>',
    );
    const idle = await (await get('http://simulator/?return=javascript:alert(1)')).text();
    expect(idle).not.toContain('data-back');
  });

  it('an unknown or forgotten result id is a 404 page, not an error', async () => {
    const { clock, client, get } = setup();
    const landing = await get(await client.loginUrl({ username: 'demo', remoteIp: '127.0.0.1' }));
    clock.advance(11 * 60 * 1000);
    const page = await get(`http://simulator${landing.headers.get('location')}`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Sign-in result expired');
  });
});
