// The gate itself must catch the failures it exists for: a client that leaks a TypeError on a bad
// body, and a client that reads a body without a deadline (hangs when the body never ends).
import { createTransport, SsoError } from '@sso/core/provider';
import { exchangeKey, SIM_BASE_URL } from '@sso/gates-kit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileProperty, newCounts } from '../src/harness.mjs';

const url = new URL('toy/token', SIM_BASE_URL).href;
const requestBody = '{"op":"token"}';
const flow = [
  {
    key: exchangeKey('POST', url, new Headers(), requestBody),
    method: 'POST',
    url,
    headers: {},
    body: requestBody,
    response: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"result":{"token":"abc123"}}',
    },
  },
];

const toyProvider = (call) => ({
  id: 'toy',
  pkg: 'toy',
  operation: 'token',
  clientOptions: () => ({}),
  create: (_loaded, options) => ({ options }),
  call: (client) => call(client.options),
  isResult: (r) => typeof r?.token === 'string' && r.token.length > 0,
});

const run = (provider, numRuns) =>
  fc.check(hostileProperty({ provider, loaded: {}, demo: {}, context: {}, flow, counts: newCounts() }), {
    numRuns,
    seed: 7,
    endOnFailure: true,
  });

describe('the hostile-response harness', () => {
  it('fails a client that lets a SyntaxError or TypeError escape from parsing', async () => {
    const careless = toyProvider(async (options) => {
      const transport = createTransport({
        provider: 'core',
        fetch: options.fetch,
        timeoutMs: options.timeoutMs,
        retry: false,
      });
      const response = await transport.send({ operation: 'token', method: 'POST', url, body: requestBody });
      return { token: JSON.parse(response.text).result.token };
    });
    const outcome = await run(careless, 500);
    expect(outcome.failed).toBe(true);
    expect(String(outcome.errorInstance?.message)).toMatch(/non-SsoError: (SyntaxError|TypeError)/);
  });

  it('fails a client that reads a never-ending body without a deadline', async () => {
    const noDeadline = toyProvider(async (options) => {
      const response = await options.fetch(url, { method: 'POST', body: requestBody });
      const parsed = JSON.parse(await response.text());
      return { token: String(parsed?.result?.token ?? 'x') };
    });
    // Only the stalled-body cases matter here; every other case settles at once.
    const outcome = await run(noDeadline, 1_500);
    expect(outcome.failed).toBe(true);
    expect(String(outcome.errorInstance?.message)).toMatch(/no outcome|non-SsoError/);
  }, 60_000);

  it('passes a careful client built on the core transport', async () => {
    const careful = toyProvider(async (options) => {
      const transport = createTransport({
        provider: 'core',
        fetch: options.fetch,
        timeoutMs: options.timeoutMs,
        retry: false,
      });
      return transport.call({ operation: 'token', method: 'POST', url, body: requestBody }, (response) => {
        if (response.status !== 200) throw new SsoError('HTTP_ERROR', 'status');
        let parsed;
        try {
          parsed = JSON.parse(response.text);
        } catch (cause) {
          throw new SsoError('MALFORMED_RESPONSE', 'not JSON', { cause });
        }
        const token = parsed?.result?.token;
        if (typeof token !== 'string' || token.length === 0)
          throw new SsoError('MALFORMED_RESPONSE', 'no token');
        return { token };
      });
    });
    const outcome = await run(careful, 1_000);
    expect(outcome.failed, String(outcome.errorInstance?.message)).toBe(false);
  }, 60_000);
});
