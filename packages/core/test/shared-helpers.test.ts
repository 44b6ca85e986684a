import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  createMemorySessionStore,
  createTransport,
  isSessionStore,
  isSsoError,
  jsonResponseSecrets,
  jsonSecretValues,
  malformedResponse,
  parseInput,
  patternResponseSecrets,
  type RedactedResponse,
  readJsonResponse,
  redactText,
  requestOptionsShape,
  sessionStoreSchema,
} from '../src/index.js';

const response = (text: string, status = 200) => ({ status, text, headers: new Headers(), attempts: 1 });
const SECRET = 'b2d4820cc43f4d98a8c6698686b6d386';
const context = {
  provider: 'dia' as const,
  operation: 'login',
  redact: (t: string) => redactText(t, [SECRET]),
};

describe('readJsonResponse and malformedResponse', () => {
  it('parses JSON whatever the status', () => {
    expect(readJsonResponse(response('{"a":1}'), context)).toEqual({ a: 1 });
    expect(readJsonResponse(response('{"a":1}', 500), context)).toEqual({ a: 1 });
  });

  it('non-JSON with a success status is MALFORMED_RESPONSE, redacted, without the SyntaxError', () => {
    try {
      readJsonResponse(response(`{"msg":"${SECRET}"`), { ...context, sender: 'DIA' });
      expect.unreachable();
    } catch (error) {
      expect(isSsoError(error, 'MALFORMED_RESPONSE')).toBe(true);
      expect((error as Error).message).toBe('login: expected JSON but DIA sent "{"msg":"[redacted]""');
      expect(error).toMatchObject({ provider: 'dia', operation: 'login', status: 200 });
      expect((error as Error).cause).toBeUndefined();
      expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
    }
  });

  it('non-JSON with an error status is HTTP_ERROR; isOk and expected are honoured', () => {
    expect(() => readJsonResponse(response('<html>x</html>', 502), context)).toThrow(
      'login: the server answered HTTP 502 with an HTML page',
    );
    try {
      readJsonResponse(response('nope', 201), { ...context, isOk: (s) => s === 200 });
      expect.unreachable();
    } catch (error) {
      expect(isSsoError(error, 'HTTP_ERROR')).toBe(true);
    }
    expect(() => readJsonResponse(response(''), { ...context, expected: 'a JSON-RPC reply' })).toThrow(
      'login: expected a JSON-RPC reply but the server sent an empty body',
    );
  });

  it('malformedResponse names the operation and keeps the status', () => {
    const error = malformedResponse(response('', 202), context, 'no session id');
    expect(error).toMatchObject({
      code: 'MALFORMED_RESPONSE',
      message: 'login: no session id',
      provider: 'dia',
      operation: 'login',
      status: 202,
    });
  });
});

describe('responseSecrets builders', () => {
  it('jsonSecretValues finds string values under matching keys at any depth', () => {
    const value = { token: 'a1', nested: { sessionId: 's1', list: [{ token: 't2' }], n: 3 }, other: 'x' };
    expect(jsonSecretValues(value, ['token'])).toEqual(['a1', 't2']);
    expect(jsonSecretValues(value, (k) => /token|session/i.test(k))).toEqual(['a1', 's1', 't2']);
    expect(jsonSecretValues('plain', ['token'])).toEqual([]);
    let deep: unknown = { token: 'too-deep' };
    for (let i = 0; i < 10; i++) deep = { inner: deep };
    expect(jsonSecretValues(deep, ['token'])).toEqual([]);
  });

  it('jsonResponseSecrets parses the body and yields nothing for non-JSON', () => {
    const pick = jsonResponseSecrets(['userToken', 'loginToken']);
    expect(pick('{"status":true,"userToken":"u-123","loginToken":"l-456","message":"ok"}')).toEqual([
      'u-123',
      'l-456',
    ]);
    expect(pick('{"status":true')).toEqual([]);
  });

  it('patternResponseSecrets finds every match, with or without the g flag', () => {
    expect(patternResponseSecrets(/[0-9a-f]{32}/)(`{"msg":"${SECRET}"`)).toEqual([SECRET]);
    expect(patternResponseSecrets(/[0-9a-f]{4}/g)('x abcd y 1234')).toEqual(['abcd', '1234']);
    expect(patternResponseSecrets(/zz/)('none')).toEqual([]);
  });

  it('through the transport: onResponse never sees the issued secret, the caller gets it', async () => {
    const seen: RedactedResponse[] = [];
    const transport = createTransport({
      provider: 'core',
      fetch: async () =>
        new Response(`{"token":"issued-token-9876","n":1}`, { headers: { 'x-t': 'issued-token-9876' } }),
      hooks: { onResponse: (r) => seen.push(r) },
    });
    const result = await transport.send({
      operation: 'login',
      url: 'https://example.test/',
      responseSecrets: jsonResponseSecrets(['token']),
    });
    expect(JSON.parse(result.text).token).toBe('issued-token-9876');
    expect(seen[0]!.body).toBe('{"token":"[redacted]","n":1}');
    expect(seen[0]!.headers['x-t']).toBe('[redacted]');
  });
});

describe('shared option schemas', () => {
  it('isSessionStore and sessionStoreSchema accept stores and reject other values', () => {
    expect(isSessionStore(createMemorySessionStore())).toBe(true);
    expect(isSessionStore({ get() {}, set() {} })).toBe(false);
    expect(isSessionStore(null)).toBe(false);
    const schema = z.strictObject({ store: z.optional(sessionStoreSchema<string>()) });
    const ctx = { provider: 'core' as const, operation: 'create', root: 'options' };
    expect(() => parseInput(schema, { store: {} }, ctx)).toThrow(
      'create: options.store must be a SessionStore (get, set, delete)',
    );
    const store = createMemorySessionStore<string>();
    expect(parseInput(schema, { store }, ctx).store).toBe(store);
  });

  it('requestOptionsShape validates signal, timeoutMs and idempotent', () => {
    const schema = z.optional(z.strictObject(requestOptionsShape()));
    const ctx = { provider: 'core' as const, operation: 'call', root: 'options' };
    expect(parseInput(schema, undefined, ctx)).toBeUndefined();
    const signal = new AbortController().signal;
    expect(parseInput(schema, { signal, timeoutMs: 5, idempotent: true }, ctx)).toEqual({
      signal,
      timeoutMs: 5,
      idempotent: true,
    });
    expect(() => parseInput(schema, { signal: {} }, ctx)).toThrow('options.signal must be an AbortSignal');
    expect(() => parseInput(schema, { timeoutMs: 0 }, ctx)).toThrow('options.timeoutMs');
    expect(() => parseInput(schema, { retries: 1 }, ctx)).toThrow('has unknown key "retries"');
  });
});
