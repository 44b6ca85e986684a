import { createTestClock } from '@sso/core/testing';
import { describe, expect, it } from 'vitest';
import { createFaxmaxClient } from '../src/index.js';
import { createFaxmaxSimulator, FAXMAX_DEMO, normalizeIp } from '../src/testing/index.js';

describe('simulator details', () => {
  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['::1', '::1'],
    [' 10.0.0.1 ', '10.0.0.1'],
  ])('normalizeIp(%s) = %s', (input, output) => {
    expect(normalizeIp(input)).toBe(output);
  });

  it('accepts a token for 127.0.0.1 from an IPv4-mapped IPv6 caller, and an uncompressed IPv6 remote_ip', async () => {
    const clock = createTestClock();
    const simulator = createFaxmaxSimulator({ now: clock.now });
    const { domain, apiCode, apiPassword, cipher } = FAXMAX_DEMO;
    const client = createFaxmaxClient({ domain, apiCode, apiPassword, cipher, now: clock.now });
    const v4 = await client.ssoToken({ username: 'demo', remoteIp: '127.0.0.1' });
    expect(await simulator.verifySsoToken(v4, apiCode, '::ffff:127.0.0.1')).toMatchObject({ ok: true });
    const v6 = await client.ssoToken({ username: 'demo', remoteIp: '2001:db8:0:0:0:0:0:1' });
    expect(await simulator.verifySsoToken(v6, apiCode, '2001:db8::1')).toMatchObject({ ok: true });
  });

  it('refuses a decrypted token that is not the documented JSON (exp as a string, as in the template)', async () => {
    const clock = createTestClock();
    const simulator = createFaxmaxSimulator({ now: clock.now });
    const exp = String(Math.floor(clock.now() / 1000) + 3);
    const token = FAXMAX_DEMO.cipher.encrypt(
      JSON.stringify({ username: 'demo', exp, remote_ip: '127.0.0.1' }),
      FAXMAX_DEMO.apiPassword,
    );
    expect(await simulator.verifySsoToken(token, FAXMAX_DEMO.apiCode, '127.0.0.1')).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
  });

  it('session tokens expire after sessionTtlMs on the simulator clock', async () => {
    const clock = createTestClock();
    const simulator = createFaxmaxSimulator({ now: clock.now, sessionTtlMs: 1000 });
    const response = await simulator.handle(
      new Request('http://simulator/api/v1', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 'a',
          method: 'Core.login',
          params: { username: FAXMAX_DEMO.username, password: FAXMAX_DEMO.password },
        }),
      }),
    );
    const { result } = (await response.json()) as { result: { token: string } };
    expect(simulator.sessionUser(result.token)).toBe('demo');
    clock.advance(1000);
    expect(simulator.sessionUser(result.token)).toBeUndefined();
  });

  it('resetCounters zeroes every counter; unknown paths are 404', async () => {
    const simulator = createFaxmaxSimulator();
    const response = await simulator.handle(new Request('http://simulator/nope'));
    expect(response.status).toBe(404);
    expect(simulator.counters.requests).toBe(1);
    simulator.resetCounters();
    expect(simulator.counters).toMatchObject({ requests: 0, rpc: {}, pages: 0, ssoRefusals: {} });
  });
});
