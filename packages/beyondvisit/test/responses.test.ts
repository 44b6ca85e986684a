import { isSsoError } from '@sso/core/provider';
import { describe, expect, it } from 'vitest';
import { createBeyondVisitClient } from '../src/index.js';
import { rejectionOf, type ScriptedReply, scriptedFetch } from './helpers.js';

const OPTIONS = { apiKey: 'fixture-api-key-0001', secretKey: 'fixture-secret-key-0001' };
const USER = { name: 'John', surname: 'Doe', email: 'johndoe@example.com', site: 'http://www.example.com' };
const HTML =
  '<!DOCTYPE html><html><head><title>Runtime Error</title></head><body>Server Error in / Application.</body></html>';
const html = (status: number): ScriptedReply => ({
  status,
  body: HTML,
  headers: { 'content-type': 'text/html' },
});

type Op = 'createUser' | 'createLoginToken';
const call = (op: Op, reply: ScriptedReply) => {
  const { fetch, requests } = scriptedFetch(reply);
  const client = createBeyondVisitClient({ ...OPTIONS, fetch, retry: false });
  const promise =
    op === 'createUser' ? client.createUser(USER) : client.createLoginToken({ userToken: 'tok-123' });
  return { promise, requests };
};

const BAD_BODIES: Array<[name: string, reply: ScriptedReply, code: string, message: RegExp]> = [
  [
    'HTML error page with 200',
    html(200),
    'MALFORMED_RESPONSE',
    /expected JSON but the server sent an HTML page/,
  ],
  ['HTML error page with 500', html(500), 'HTTP_ERROR', /HTTP 500 with an HTML page/],
  ['empty body with 200', { status: 200, body: '' }, 'MALFORMED_RESPONSE', /an empty body/],
  ['empty body with 502', { status: 502, body: '' }, 'HTTP_ERROR', /HTTP 502/],
  [
    'redirect to the https host (not followed)',
    { status: 301, body: '', headers: { location: 'https://x/' } },
    'HTTP_ERROR',
    /HTTP 301/,
  ],
  [
    'truncated JSON',
    { status: 200, body: '{"status":true,"message":"Succ' },
    'MALFORMED_RESPONSE',
    /expected JSON/,
  ],
  ['JSON null', { status: 200, body: 'null' }, 'MALFORMED_RESPONSE', /no boolean "status"/],
  ['JSON array', { status: 200, body: '[{"status":true}]' }, 'MALFORMED_RESPONSE', /no boolean "status"/],
  [
    'status as the string "true"',
    { status: 200, body: '{"status":"true","message":"Success"}' },
    'MALFORMED_RESPONSE',
    /no boolean "status"/,
  ],
  [
    'status true without the token',
    { status: 200, body: '{"status":true,"message":"Success"}' },
    'MALFORMED_RESPONSE',
    /success body is not as documented: response\.(userToken|loginToken) is required/,
  ],
  [
    'status false with the code as a string',
    { status: 200, body: '{"status":false,"code":"5","message":"Authentication failed"}' },
    'MALFORMED_RESPONSE',
    /failure body is not as documented: response\.code/,
  ],
  [
    'status false without a message',
    { status: 200, body: '{"status":false,"code":2}' },
    'MALFORMED_RESPONSE',
    /response\.message/,
  ],
  [
    'success body with HTTP 500',
    {
      status: 500,
      body: '{"status":true,"message":"Success","userToken":"a","loginToken":"b","userCode":"c"}',
    },
    'HTTP_ERROR',
    /HTTP 500/,
  ],
  [
    'JSON that is not a BeyondVisit body, with 404',
    { status: 404, body: '{"Message":"No HTTP resource was found"}' },
    'HTTP_ERROR',
    /HTTP 404/,
  ],
];

describe.each<Op>(['createUser', 'createLoginToken'])('%s: bodies that are not the documented ones', (op) => {
  it.each(BAD_BODIES)('%s → %s', async (_name, reply, code, message) => {
    const { promise, requests } = call(op, reply);
    const error = await rejectionOf(promise);
    expect(isSsoError(error, code as never)).toBe(true);
    expect(error).toMatchObject({ provider: 'beyondvisit', operation: op, status: reply.status });
    expect((error as Error).message).toMatch(message);
    expect(requests).toHaveLength(1);
  });

  it('wrong field types in a success body', async () => {
    const body =
      op === 'createUser'
        ? '{"status":true,"message":"Success","userToken":12345}'
        : '{"status":true,"message":"Success","loginToken":"abc","userCode":7}';
    const error = await rejectionOf(call(op, { status: 200, body }).promise);
    expect(isSsoError(error, 'MALFORMED_RESPONSE')).toBe(true);
    expect((error as Error).message).toMatch(/response\.(userToken|userCode) must be a string|is required/);
  });

  it('a body over maxResponseBytes is refused', async () => {
    const { fetch } = scriptedFetch({ status: 200, body: `{"status":true,"pad":"${'x'.repeat(4096)}"}` });
    const client = createBeyondVisitClient({ ...OPTIONS, fetch, maxResponseBytes: 1024 });
    const promise =
      op === 'createUser' ? client.createUser(USER) : client.createLoginToken({ userToken: 'tok-123' });
    expect(isSsoError(await rejectionOf(promise), 'MALFORMED_RESPONSE')).toBe(true);
  });
});

describe('retries', () => {
  const ok = {
    createUser: '{"status":true,"message":"Success","userToken":"u-1"}',
    createLoginToken: '{"status":true,"message":"Success","loginToken":"l-1","userCode":"c-1"}',
  };
  const fast = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

  it('createUser is never retried: not after a 503, not after a network error', async () => {
    for (const first of [{ status: 503, body: '' }, new TypeError('fetch failed')]) {
      const { fetch, requests } = scriptedFetch(first, { body: ok.createUser });
      const client = createBeyondVisitClient({ ...OPTIONS, fetch, retry: fast });
      const error = await rejectionOf(client.createUser(USER));
      expect(isSsoError(error)).toBe(true);
      expect(requests).toHaveLength(1);
    }
  });

  it('createLoginToken is repeated after a 503 and after a network error', async () => {
    for (const first of [{ status: 503, body: '' }, new TypeError('fetch failed')]) {
      const { fetch, requests } = scriptedFetch(first, { body: ok.createLoginToken });
      const client = createBeyondVisitClient({ ...OPTIONS, fetch, retry: fast });
      await expect(client.createLoginToken({ userToken: 'tok-123' })).resolves.toStrictEqual({
        loginToken: 'l-1',
        userCode: 'c-1',
      });
      expect(requests).toHaveLength(2);
      expect(requests[1]!.body).toBe(requests[0]!.body);
    }
  });

  it('createLoginToken is not repeated with retry: false, nor after a documented failure', async () => {
    const off = scriptedFetch({ status: 503, body: '' }, { body: ok.createLoginToken });
    await rejectionOf(
      createBeyondVisitClient({ ...OPTIONS, fetch: off.fetch, retry: false }).createLoginToken({
        userToken: 't-1',
      }),
    );
    expect(off.requests).toHaveLength(1);
    const refused = scriptedFetch({ body: '{"status":false,"code":2,"message":"Authentication failed"}' });
    const error = await rejectionOf(
      createBeyondVisitClient({ ...OPTIONS, fetch: refused.fetch, retry: fast }).createLoginToken({
        userToken: 't-1',
      }),
    );
    expect(error).toMatchObject({ code: 'AUTHENTICATION_FAILED', retryable: false });
    expect(refused.requests).toHaveLength(1);
  });

  it('a network failure is NETWORK and an abort is ABORTED', async () => {
    const down = scriptedFetch(new TypeError('fetch failed'));
    const error = await rejectionOf(
      createBeyondVisitClient({ ...OPTIONS, fetch: down.fetch }).createUser(USER),
    );
    expect(error).toMatchObject({ code: 'NETWORK', retryable: true });
    const controller = new AbortController();
    controller.abort();
    const aborted = await rejectionOf(
      createBeyondVisitClient({ ...OPTIONS, fetch: down.fetch }).createLoginToken(
        { userToken: 't-1' },
        { signal: controller.signal },
      ),
    );
    expect(aborted).toMatchObject({ code: 'ABORTED' });
  });
});
