import { createTestClock, SIMULATOR_PAGE_STYLE_ID } from '@sso/core/testing';
import { describe, expect, it } from 'vitest';
import { createEuromsgClient, EUROMSG_PLATFORMS } from '../src/index.js';
import { createEuromsgSimulator, EUROMSG_DEMO } from '../src/testing/index.js';

describe('Euromsg simulator status page', () => {
  it('GET / shows the counters in the shared page shell, the time as a date, and never a ticket', async () => {
    const clock = createTestClock(Date.UTC(2026, 11, 6, 12, 59, 9));
    const simulator = createEuromsgSimulator({ now: clock.now });
    const client = createEuromsgClient({
      ...EUROMSG_DEMO,
      baseUrl: EUROMSG_PLATFORMS.live,
      now: clock.now,
      fetch: (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        const path = url.pathname.slice(url.pathname.lastIndexOf('/'));
        return simulator.handle(new Request(`http://simulator${path}`, init));
      },
    });
    const { serviceTicket } = await client.login();
    expect(serviceTicket.length).toBeGreaterThan(8);
    const page = await simulator.handle(new Request('http://simulator/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html.match(/<style\b/g)).toHaveLength(1);
    expect(html).toContain(`<style id="${SIMULATOR_PAGE_STYLE_ID}">`);
    expect(html).toContain('<dt>Live tickets</dt><dd>1</dd>');
    expect(html).toContain('6 December 2026 at 12:59:09 UTC');
    expect(html).not.toContain(serviceTicket);
    expect((await simulator.handle(new Request('http://simulator/', { method: 'POST' }))).status).toBe(405);
  });
});
