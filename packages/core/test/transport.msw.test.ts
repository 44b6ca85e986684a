import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTransport, isSsoError, jsonResponseRedactor, type RedactedRequest } from '../src/provider.js';
import { createLeakDetector } from '../src/testing/index.js';

const BASE = 'https://api.example.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const noJitter = () => 0.5;

describe('transport through MSW', () => {
  it('looks fetch up at call time, so a transport created before MSW patches it is still intercepted', async () => {
    const transport = createTransport({ provider: 'core' });
    server.use(
      http.post(`${BASE}/echo`, async ({ request }) => HttpResponse.text(`got ${await request.text()}`)),
    );
    const response = await transport.send({ operation: 'echo', url: `${BASE}/echo`, body: 'hello' });
    expect(response).toMatchObject({ status: 200, text: 'got hello', attempts: 1 });
  });

  it('turns a slow server into TIMEOUT after timeoutMs', async () => {
    server.use(
      http.post(`${BASE}/slow`, async () => {
        await delay(2_000);
        return HttpResponse.text('late');
      }),
    );
    const transport = createTransport({ provider: 'dia', timeoutMs: 100 });
    const started = Date.now();
    const error = await transport.send({ operation: 'call', url: `${BASE}/slow` }).catch((e) => e);
    expect(isSsoError(error, 'TIMEOUT')).toBe(true);
    expect(error.message).toBe('call timed out after 100 ms');
    expect(error.provider).toBe('dia');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("turns the caller's AbortSignal into ABORTED", async () => {
    server.use(
      http.post(`${BASE}/slow`, async () => {
        await delay(2_000);
        return HttpResponse.text('late');
      }),
    );
    const transport = createTransport({ provider: 'core' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await transport
      .send({ operation: 'call', url: `${BASE}/slow`, signal: controller.signal })
      .catch((e) => e);
    expect(isSsoError(error, 'ABORTED')).toBe(true);
  });

  it('refuses to start a call whose signal is already aborted, without sending it', async () => {
    let hits = 0;
    server.use(
      http.post(`${BASE}/x`, () => {
        hits++;
        return HttpResponse.text('ok');
      }),
    );
    const transport = createTransport({ provider: 'core' });
    const error = await transport
      .send({ operation: 'call', url: `${BASE}/x`, signal: AbortSignal.abort() })
      .catch((e) => e);
    expect(isSsoError(error, 'ABORTED')).toBe(true);
    expect(hits).toBe(0);
  });

  it('maps a network failure to NETWORK', async () => {
    server.use(http.post(`${BASE}/down`, () => HttpResponse.error()));
    const transport = createTransport({ provider: 'core', retry: false });
    const error = await transport.send({ operation: 'call', url: `${BASE}/down` }).catch((e) => e);
    expect(isSsoError(error, 'NETWORK')).toBe(true);
    expect(error.retryable).toBe(true);
  });

  it('retries a 503 with Retry-After exactly maxAttempts - 1 times for an idempotent call, honouring the delay', async () => {
    let hits = 0;
    server.use(
      http.post(`${BASE}/busy`, () => {
        hits++;
        return new HttpResponse('busy', { status: 503, headers: { 'Retry-After': '0' } });
      }),
    );
    const transport = createTransport({
      provider: 'core',
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 50 },
    });
    const response = await transport.send({ operation: 'login', url: `${BASE}/busy`, idempotent: true });
    expect(hits).toBe(3);
    expect(response).toMatchObject({ status: 503, attempts: 3, text: 'busy' });
  });

  it('waits for Retry-After seconds before retrying', async () => {
    const times: number[] = [];
    server.use(
      http.post(`${BASE}/busy`, () => {
        times.push(Date.now());
        return times.length === 1
          ? new HttpResponse('busy', { status: 503, headers: { 'Retry-After': '1' } })
          : HttpResponse.text('ok');
      }),
    );
    const transport = createTransport({ provider: 'core', retry: { maxDelayMs: 2_000 } });
    const response = await transport.send({ operation: 'login', url: `${BASE}/busy`, idempotent: true });
    expect(response.text).toBe('ok');
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
  });

  it('does not wait for a Retry-After longer than maxDelayMs; it returns the 503', async () => {
    let hits = 0;
    server.use(
      http.post(`${BASE}/busy`, () => {
        hits++;
        return new HttpResponse('busy', { status: 503, headers: { 'Retry-After': '120' } });
      }),
    );
    const transport = createTransport({ provider: 'core' });
    const response = await transport.send({ operation: 'login', url: `${BASE}/busy`, idempotent: true });
    expect(hits).toBe(1);
    expect(response.status).toBe(503);
  });

  it('retries 429, 502, 503, 504 and network errors, but not 500 or 400', async () => {
    for (const [status, expectedHits] of [
      [429, 2],
      [502, 2],
      [503, 2],
      [504, 2],
      [500, 1],
      [400, 1],
    ] as const) {
      let hits = 0;
      server.use(
        http.post(`${BASE}/s`, () => {
          hits++;
          return new HttpResponse('no', { status });
        }),
      );
      const transport = createTransport({
        provider: 'core',
        retry: { maxAttempts: 2, baseDelayMs: 1 },
        random: noJitter,
      });
      await transport.send({ operation: 'op', url: `${BASE}/s`, idempotent: true });
      expect({ status, hits }).toEqual({ status, hits: expectedHits });
    }
    let hits = 0;
    server.use(
      http.post(`${BASE}/s`, () => {
        hits++;
        return HttpResponse.error();
      }),
    );
    const transport = createTransport({ provider: 'core', retry: { maxAttempts: 3, baseDelayMs: 1 } });
    await expect(
      transport.send({ operation: 'op', url: `${BASE}/s`, idempotent: true }),
    ).rejects.toMatchObject({
      code: 'NETWORK',
    });
    expect(hits).toBe(3);
  });

  it('never retries a call that is not declared idempotent, whatever the failure', async () => {
    let hits = 0;
    server.use(
      http.post(`${BASE}/create`, () => {
        hits++;
        return hits === 1 ? new HttpResponse('busy', { status: 503 }) : HttpResponse.error();
      }),
    );
    const transport = createTransport({ provider: 'beyondvisit', retry: { maxAttempts: 5, baseDelayMs: 1 } });
    const response = await transport.send({ operation: 'createUser', url: `${BASE}/create` });
    expect(response.status).toBe(503);
    await expect(transport.send({ operation: 'createUser', url: `${BASE}/create` })).rejects.toMatchObject({
      code: 'NETWORK',
    });
    expect(hits).toBe(2);
  });

  it('refuses a body over the size cap with MALFORMED_RESPONSE, declared or streamed', async () => {
    const big = 'x'.repeat(2048);
    server.use(
      http.post(`${BASE}/declared`, () => HttpResponse.text(big)),
      http.post(`${BASE}/streamed`, () => {
        const stream = new ReadableStream({
          start(controller) {
            for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode(big));
            controller.close();
          },
        });
        return new HttpResponse(stream);
      }),
    );
    const transport = createTransport({ provider: 'core', maxResponseBytes: 1024 });
    for (const path of ['declared', 'streamed']) {
      const error = await transport.send({ operation: 'op', url: `${BASE}/${path}` }).catch((e) => e);
      expect(isSsoError(error, 'MALFORMED_RESPONSE')).toBe(true);
      expect(error.message).toContain('1024-byte limit');
    }
  });

  it('refuses the default 1 MiB cap with a 10 MiB body', async () => {
    server.use(http.post(`${BASE}/huge`, () => HttpResponse.text('y'.repeat(10 * 1024 * 1024))));
    const transport = createTransport({ provider: 'core' });
    await expect(transport.send({ operation: 'op', url: `${BASE}/huge` })).rejects.toMatchObject({
      code: 'MALFORMED_RESPONSE',
    });
  });

  it('gives hooks a redacted view: no secret header, body, URL or response value', async () => {
    const secrets = ['s3cret-password', 'TICKET-123456', 'ses-abcdef'];
    const detector = createLeakDetector(secrets);
    const seen: RedactedRequest[] = [];
    server.use(
      http.post(`${BASE}/login`, async ({ request }) => {
        const body = await request.text();
        return HttpResponse.json({ ticket: 'TICKET-123456', echo: body });
      }),
      http.post(`${BASE}/fail`, () => HttpResponse.error()),
    );
    const transport = createTransport({
      provider: 'euromsg',
      secrets: () => ['s3cret-password'],
      retry: false,
      hooks: {
        ...detector.hooks,
        onRequest: (r) => {
          seen.push(r);
          detector.hooks.onRequest(r);
        },
      },
    });
    await transport.send({
      operation: 'login',
      url: `${BASE}/login?session=ses-abcdef`,
      headers: { authorization: 'Basic dXNlcjpwYXNz', 'content-type': 'application/json' },
      body: JSON.stringify({ password: 's3cret-password', note: 'şifre s3cret-password' }),
      secrets: ['TICKET-123456', 'ses-abcdef'],
    });
    const error = await transport
      .send({
        operation: 'logout',
        url: `${BASE}/fail`,
        body: 'ticket=TICKET-123456',
        secrets: ['TICKET-123456'],
      })
      .catch((e) => e);
    detector.record(error);
    expect(detector.recorded).toBeGreaterThan(4);
    expect(detector.leaks()).toEqual([]);
    expect(seen[0]!.headers.authorization).toBe('[redacted]');
    expect(seen[0]!.url).toBe(`${BASE}/login?session=[redacted]`);
    expect(seen[0]!.body).toContain('[redacted]');
  });

  it('keeps the outcome of a call when a hook throws', async () => {
    server.use(http.post(`${BASE}/ok`, () => HttpResponse.text('fine')));
    const transport = createTransport({
      provider: 'core',
      hooks: {
        onRequest: () => {
          throw new Error('hook bug');
        },
        onResponse: () => {
          throw new Error('hook bug');
        },
      },
    });
    await expect(transport.send({ operation: 'op', url: `${BASE}/ok` })).resolves.toMatchObject({
      text: 'fine',
    });
  });
});

describe('secrets that arrive in the response', () => {
  it('are removed from the onResponse payload when the request names how to find them', async () => {
    server.use(
      http.post(`${BASE}/login`, () =>
        HttpResponse.json({ code: '200', msg: 'b2d4820cc43f4d98a8c6698686b6d386' }),
      ),
    );
    const bodies: string[] = [];
    const transport = createTransport({ provider: 'dia', hooks: { onResponse: (r) => bodies.push(r.body) } });
    await transport.send({
      operation: 'login',
      url: `${BASE}/login`,
      redactResponse: jsonResponseRedactor(['msg']),
    });
    expect(bodies).toEqual(['{"code":"200","msg":"[redacted]"}']);
  });

  it('a throwing redactor does not break the call, and the hook gets none of the body', async () => {
    server.use(http.post(`${BASE}/login`, () => HttpResponse.text('not json')));
    const bodies: string[] = [];
    const transport = createTransport({ provider: 'dia', hooks: { onResponse: (r) => bodies.push(r.body) } });
    const response = await transport.send({
      operation: 'login',
      url: `${BASE}/login`,
      redactResponse: (body) => JSON.parse(body).msg,
    });
    expect(response.text).toBe('not json');
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).not.toContain('not json');
  });
});

describe('createLeakDetector', () => {
  it('catches a secret that leaked only in encoded form', () => {
    const secret = 'p@ss wörd"&';
    for (const leaked of [encodeURIComponent(secret), JSON.stringify(secret)]) {
      const detector = createLeakDetector([secret]);
      detector.record(new Error(`request body was ${leaked}`));
      expect(detector.leaks()).toEqual([secret]);
    }
    const clean = createLeakDetector([secret]);
    clean.record(new Error('nothing here'));
    expect(clean.leaks()).toEqual([]);
  });
});
