import { createTestClock, SIMULATOR_PAGE_STYLE_ID } from '@sso/core/testing';
import { describe, expect, it } from 'vitest';
import { BEYONDVISIT_DEMO, createBeyondVisitSimulator } from '../src/testing/index.js';

const T0 = Date.UTC(2026, 11, 6, 12, 59, 9);

function setup() {
  const clock = createTestClock(T0);
  const sim = createBeyondVisitSimulator({ now: clock.now });
  const open = async (path: string) => {
    const response = await sim.handle(new Request(`http://simulator${path}`));
    return { status: response.status, html: await response.text() };
  };
  return { clock, sim, open };
}

describe('BeyondVisit sign-in page', () => {
  it('is built with the shared page shell (one stylesheet, no serif default page)', async () => {
    const { sim, open } = setup();
    const { loginToken } = sim.issueLoginToken(BEYONDVISIT_DEMO.userToken);
    for (const path of [
      `/external/Login/${loginToken}`,
      `/external/Login/${loginToken}`,
      '/external/Login/nope',
    ]) {
      const { html } = await open(path);
      expect(html.match(/<style\b/g)).toHaveLength(1);
      expect(html).toContain(`<style id="${SIMULATOR_PAGE_STYLE_ID}">`);
    }
  });

  it('shows when the user signed in as a date, with the machine value in <time datetime>', async () => {
    const { sim, open } = setup();
    const { loginToken } = sim.issueLoginToken(BEYONDVISIT_DEMO.userToken);
    const { html } = await open(`/external/Login/${loginToken}`);
    expect(html).toContain(
      '<dd data-field="signedInAt"><time datetime="2026-12-06T12:59:09.000Z" title="Unix time 1796561949">6 December 2026 at 12:59:09 UTC</time></dd>',
    );
  });

  it('a reused link reads as a plain sentence with the next step; the provider message is folded into <details>', async () => {
    const { clock, sim, open } = setup();
    const { loginToken } = sim.issueLoginToken(BEYONDVISIT_DEMO.userToken);
    await open(`/external/Login/${loginToken}`);
    clock.advance(1000);
    const { status, html } = await open(`/external/Login/${loginToken}`);
    expect(status).toBe(410);
    const [visible, folded] = html.split('<details class="developer">');
    expect(visible).toContain('<p>This sign-in link has already been used.</p>');
    expect(visible).toContain('open BeyondVisit again');
    expect(visible).not.toContain('single-use');
    expect(folded).toContain('<code>used</code>');
    expect(folded).toContain('already used at 6 December 2026 at 12:59:09 UTC');
    expect(folded).toContain('2026-12-06T12:59:09.000Z');
    expect(html).not.toContain(BEYONDVISIT_DEMO.userToken);
    expect(html).not.toContain(loginToken);
  });

  it('an expired link names the expiry as a date', async () => {
    const { clock, sim, open } = setup();
    const { loginToken } = sim.issueLoginToken(BEYONDVISIT_DEMO.userToken);
    clock.advance(sim.loginTokenTtlMs);
    const { status, html } = await open(`/external/Login/${loginToken}`);
    expect(status).toBe(410);
    expect(html).toContain('This sign-in link has expired.');
    expect(html).toContain('expired at 6 December 2026 at 13:04:09 UTC');
    expect(html).not.toMatch(/\b1796562\d{3}\b/);
  });

  it('links back to the site given as return= (http(s) only), on success and on refusal', async () => {
    const { sim, open } = setup();
    const { loginToken } = sim.issueLoginToken(BEYONDVISIT_DEMO.userToken);
    const back = encodeURIComponent('http://127.0.0.1:3000/');
    const signedIn = await open(`/external/Login/${loginToken}?return=${back}`);
    expect(signedIn.html).toContain('<a class="back" href="http://127.0.0.1:3000/" data-back="main">');
    const refused = await open(`/external/Login/unknown?return=${back}`);
    expect(refused.html).toContain('data-back="header"');
    const hostile = await open(`/external/Login/unknown?return=${encodeURIComponent('javascript:alert(1)')}`);
    expect(hostile.html).not.toContain('data-back');
  });
});
