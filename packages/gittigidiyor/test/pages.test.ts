import { createTestClock, SIMULATOR_PAGE_STYLE_ID } from '@sso/core/testing';
import { describe, expect, it } from 'vitest';
import { createGittiGidiyorClient } from '../src/index.js';
import { createGittiGidiyorSimulator, GITTIGIDIYOR_DEMO } from '../src/testing/index.js';

const T0 = Date.UTC(2026, 11, 6, 12, 0, 0);
const redirectUrl = 'http://127.0.0.1:3000/callback/gittigidiyor';

/** A simulator, a token, and the login page's query for it; requests go straight to the simulator. */
async function setup() {
  const clock = createTestClock(T0);
  const simulator = createGittiGidiyorSimulator({ now: clock.now });
  const client = createGittiGidiyorClient({
    ...GITTIGIDIYOR_DEMO,
    baseUrl: 'http://simulator/',
    allowInsecureHttp: true,
    loginPageUrl: 'http://simulator/login',
    now: clock.now,
    fetch: (input, init) => simulator.handle(new Request(input, init)),
  });
  const { tokenId } = await client.createToken();
  const query = new URL(client.loginUrl({ tokenId, redirectUrl })).search;
  const get = (path: string) => simulator.handle(new Request(`http://simulator${path}`));
  const approve = (search: string) =>
    simulator.handle(
      new Request('http://simulator/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: search.slice(1),
      }),
    );
  return { clock, simulator, query, get, approve };
}

describe('GittiGidiyor login page', () => {
  it('uses the shared page shell and links back to the application’s site, not its callback', async () => {
    const { query, get } = await setup();
    const html = await (await get(`/login${query}`)).text();
    expect(html.match(/<style\b/g)).toHaveLength(1);
    expect(html).toContain(`<style id="${SIMULATOR_PAGE_STYLE_ID}">`);
    expect(html).toContain('<a href="http://127.0.0.1:3000/" data-back="header">Back to 127.0.0.1:3000</a>');
    expect(html).toContain('<button type="submit">Approve</button>');
  });

  it('the approval answers 303 (Post/Redirect/Get) to the callback', async () => {
    const { query, approve } = await setup();
    const approved = await approve(query);
    expect(approved.status).toBe(303);
    expect(approved.headers.get('location')).toMatch(
      /^http:\/\/127\.0\.0\.1:3000\/callback\/gittigidiyor\?sessionId=/,
    );
  });

  it('a second approval (a re-post) answers 303 to a refusal page a refresh can reload without posting', async () => {
    const { simulator, query, approve, get } = await setup();
    await approve(query);
    const again = await approve(query);
    expect(again.status).toBe(303);
    const location = again.headers.get('location')!;
    expect(location).toBe(`login?refused=used_token&return=${encodeURIComponent('http://127.0.0.1:3000/')}`);
    expect(simulator.counters.refusedLogins).toBe(1);
    const page = await get(`/${location}`);
    expect(page.status).toBe(400);
    const html = await page.text();
    const [visible, folded] = html.split('<details class="developer">');
    expect(visible).toContain('This sign-in request has already been used.');
    expect(visible).toContain('start the GittiGidiyor sign-in again');
    expect(visible).toContain('data-back="header"');
    expect(folded).toContain('<code>used_token</code>');
    expect(folded).toContain('The tokenId has already been used.');
    expect(simulator.counters.refusedLogins).toBe(1);
  });

  it('a refused page names the problem for developers only inside <details>', async () => {
    const { clock, query, get } = await setup();
    clock.advance(11 * 60_000);
    const html = await (await get(`/login${query}`)).text();
    const [visible, folded] = html.split('<details class="developer">');
    expect(visible).toContain('This sign-in request has expired.');
    expect(visible).not.toContain('time has expired');
    expect(folded).toContain('The time has expired');
  });

  it('an unknown refusal code on the refusal page falls back to a generic one, and return= must be http(s)', async () => {
    const { get } = await setup();
    const html = await (await get('/login?refused=__proto__&return=javascript:alert(1)')).text();
    expect(html).toContain('data-code="missing_parameter"');
    expect(html).not.toContain('data-back');
  });
});
