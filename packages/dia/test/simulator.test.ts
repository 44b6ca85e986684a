import { createTestClock, SIMULATOR_PAGE_STYLE_ID } from '@sso/core/testing';
import { describe, expect, it } from 'vitest';
import { createDiaSimulator, DIA_DEMO } from '../src/testing/index.js';

const post = (module: string, body: unknown) =>
  new Request(`http://simulator/${module}/json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const login = (extra: Record<string, unknown> = {}) =>
  post('sis', {
    login: {
      username: DIA_DEMO.username,
      password: DIA_DEMO.password,
      disconnect_same_user: 'False',
      params: { apikey: DIA_DEMO.apiKey },
      ...extra,
    },
  });
const answer = async (r: Response) => ({
  status: r.status,
  body: (await r.json()) as Record<string, unknown>,
});

describe('DIA simulator (direct, no MSW)', () => {
  it('works with no options: the demo user logs in and gets a 32-hex session id', async () => {
    const sim = createDiaSimulator();
    const { status, body } = await answer(await sim.handle(login()));
    expect(status).toBe(200);
    expect(body.code).toBe('200');
    expect(body.msg).toMatch(/^[0-9a-f]{32}$/);
  });

  it('expires a session idle for exactly one hour of its clock; each call resets the hour', async () => {
    const clock = createTestClock();
    const sim = createDiaSimulator({ now: clock.now });
    const sid = (await answer(await sim.handle(login()))).body.msg;
    const kontor = () => sim.handle(post('sis', { sis_kontor_sorgula: { session_id: sid } })).then(answer);
    clock.advance(3_599_999);
    expect((await kontor()).body.code).toBe('200');
    clock.advance(3_599_999);
    expect((await kontor()).body.code).toBe('200');
    clock.advance(3_600_000);
    // v3 names a timed-out session LOGIN_TIMEOUT; after that the id is simply unknown.
    expect((await kontor()).body).toEqual({ code: '419', msg: 'LOGIN_TIMEOUT' });
    expect((await kontor()).body).toEqual({ code: '401', msg: 'INVALID_SESSION' });
  });

  it('disconnect_same_user "True" (also true / "true") ends the user\'s other sessions; "False" keeps them', async () => {
    const sim = createDiaSimulator();
    await sim.handle(login());
    await sim.handle(login({ disconnect_same_user: 'False' }));
    expect(sim.activeSessions(DIA_DEMO.username)).toBe(2);
    for (const value of ['True', true, 'true']) {
      await sim.handle(login());
      await sim.handle(login({ disconnect_same_user: value }));
      expect(sim.activeSessions(DIA_DEMO.username)).toBe(1);
    }
  });

  it('answers the documented failures', async () => {
    const sim = createDiaSimulator();
    const bad = await answer(await sim.handle(login({ password: 'nope' })));
    expect(bad).toEqual({ status: 200, body: { code: '401', msg: 'NOUSER' } });
    const noSession = await answer(
      await sim.handle(post('sis', { sis_kontor_sorgula: { session_id: 'x' } })),
    );
    expect(noSession.body).toEqual({ code: '401', msg: 'INVALID_SESSION' });
    const sid = (await answer(await sim.handle(login()))).body.msg;
    const denied = await answer(
      await sim.handle(post('scf', { scf_fatura_ekle: { session_id: sid, firma_kodu: 1, donem_kodu: 1 } })),
    );
    expect(denied.body).toEqual({ code: '401', msg: 'INSUFFICIENT_PRIVILEGES' });
    const strFirma = await answer(
      await sim.handle(
        post('scf', { scf_fatura_listele: { session_id: sid, firma_kodu: '1', donem_kodu: 1 } }),
      ),
    );
    expect(strFirma.body.code).toBe('400');
    const notJson = await answer(await sim.handle(post('scf', '{"scf_fatura_listele":')));
    expect(notJson).toEqual({ status: 500, body: { code: '500', msg: 'Hatalı Veri' } });
    const unlicensed = await answer(await createDiaSimulator({ licensed: false }).handle(login()));
    expect(unlicensed.body.code).toBe('405');
  });

  it('charges 0.0125 kontör per permitted business call, none for login / logout', async () => {
    const sim = createDiaSimulator({ kontor: 10 });
    const sid = (await answer(await sim.handle(login()))).body.msg;
    const first = await answer(await sim.handle(post('sis', { sis_kontor_sorgula: { session_id: sid } })));
    expect(first.body.result).toEqual({ kontorsayisi: 9.9875 });
    await sim.handle(post('sis', { logout: { session_id: sid } }));
    expect(sim.kontor).toBeCloseTo(9.9875, 10);
    expect(sim.stats).toMatchObject({ logins: 1, logouts: 1, calls: 1 });
  });

  it('honours loginLatencyMs and stays consistent under 2,000 concurrent mixed requests', async () => {
    const sim = createDiaSimulator({ loginLatencyMs: 5 });
    const started = Date.now();
    const sids = await Promise.all(
      Array.from({ length: 20 }, async () => (await answer(await sim.handle(login()))).body.msg),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(4);
    const results = await Promise.all(
      Array.from({ length: 2000 }, (_, i) =>
        sim.handle(post('sis', { sis_kontor_sorgula: { session_id: sids[i % 20] } })).then(answer),
      ),
    );
    expect(results.every((r) => r.body.code === '200')).toBe(true);
    expect(sim.stats).toMatchObject({ logins: 20, calls: 2000 });
    expect(sim.activeSessions()).toBe(20);
  });

  it('GET / is a plain HTML status page; other paths and methods are refused', async () => {
    const sim = createDiaSimulator();
    const page = await sim.handle(new Request('http://simulator/'));
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Active sessions');
    expect((await sim.handle(new Request('http://simulator/sis/json'))).status).toBe(405);
    expect((await sim.handle(new Request('http://simulator/nope', { method: 'POST' }))).status).toBe(404);
  });

  it('the status page uses the shared page shell and shows its moment as a date', async () => {
    const clock = createTestClock(Date.UTC(2026, 11, 6, 12, 59, 9));
    const sim = createDiaSimulator({ now: clock.now });
    const html = await (await sim.handle(new Request('http://simulator/'))).text();
    expect(html.match(/<style\b/g)).toHaveLength(1);
    expect(html).toContain(`<style id="${SIMULATOR_PAGE_STYLE_ID}">`);
    expect(html).toContain(
      '<time datetime="2026-12-06T12:59:09.000Z" title="Unix time 1796561949">6 December 2026 at 12:59:09 UTC</time>',
    );
  });
});
