import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  createMemorySessionStore,
  createTransport,
  isSessionStore,
  isSsoError,
  jsonResponseRedactor,
  jsonSecretValues,
  malformedResponse,
  parseInput,
  patternResponseRedactor,
  type RedactedResponse,
  readJsonResponse,
  redactText,
  requestOptionsShape,
  sessionStoreSchema,
} from '../src/provider.js';
import * as z from '../src/schema.js';

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

describe('response redactors', () => {
  it('jsonSecretValues finds string values under matching keys at any depth', () => {
    const value = { token: 'a1', nested: { sessionId: 's1', list: [{ token: 't2' }], n: 3 }, other: 'x' };
    expect(jsonSecretValues(value, ['token'])).toEqual(['a1', 't2']);
    expect(jsonSecretValues(value, (k) => /token|session/i.test(k))).toEqual(['a1', 's1', 't2']);
    expect(jsonSecretValues('plain', ['token'])).toEqual([]);
    let deep: unknown = { token: 'too-deep' };
    for (let i = 0; i < 10; i++) deep = { inner: deep };
    expect(jsonSecretValues(deep, ['token'])).toEqual([]);
  });

  it('jsonResponseRedactor hides values under matching keys at any depth and leaves non-JSON as it is', () => {
    const redact = jsonResponseRedactor(['userToken', 'loginToken']);
    expect(redact('{"status":true,"userToken":"u-123","loginToken":"l-456","message":"ok"}')).toEqual({
      body: '{"status":true,"userToken":"[redacted]","loginToken":"[redacted]","message":"ok"}',
      hidden: ['u-123', 'l-456'],
    });
    expect(redact('{"status":true')).toEqual({ body: '{"status":true', hidden: [] });
    // Escapes and whitespace do not matter: the value is found by its key, not by its text.
    const escaped = redact('{ "a":[{"b":{"c":{"d":{"e":{"f":{"g":{"userToken" : "\\u0075-123"}}}}}}}]}');
    expect(escaped.hidden).toEqual(['u-123']);
    expect(escaped.body).not.toContain('123');
    // Everything under a matching key is hidden, arrays and objects included.
    expect(redact('{"loginToken":["x-1",{"y":"x-2"}],"n":1}').body).toBe(
      '{"loginToken":["[redacted]",{"y":"[redacted]"}],"n":1}',
    );
  });

  it('jsonResponseRedactor with a predicate sees the depth of the key (a bare top-level result)', () => {
    const redact = jsonResponseRedactor((key, depth) => key === 'result' && depth === 0);
    expect(redact('{"id":1,"result":"FXSESSION-1"}').body).toBe('{"id":1,"result":"[redacted]"}');
    expect(redact('{"id":1,"x":{"result":"keep"}}').hidden).toEqual([]);
  });

  it('patternResponseRedactor hides every match, with or without the g flag', () => {
    expect(patternResponseRedactor(/[0-9a-f]{32}/)(`{"msg":"${SECRET}"`)).toEqual({
      body: '{"msg":"[redacted]"',
      hidden: [SECRET],
    });
    expect(patternResponseRedactor(/[0-9a-f]{4}/g)('x abcd y 1234').body).toBe('x [redacted] y [redacted]');
    expect(patternResponseRedactor(/zz/)('none')).toEqual({ body: 'none', hidden: [] });
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
      redactResponse: jsonResponseRedactor(['token']),
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

describe('redaction covers every encoding a secret is sent in', () => {
  const SECRET = `Tr0ub4dor&3-secret<"'>`;
  const FORMS: Record<string, string> = {
    raw: SECRET,
    'URL-encoded': encodeURIComponent(SECRET),
    'JSON-escaped': JSON.stringify(SECRET).slice(1, -1),
    'XML text, all five escaped': 'Tr0ub4dor&amp;3-secret&lt;&quot;&apos;&gt;',
    'XML text, & < > only': `Tr0ub4dor&amp;3-secret&lt;"'&gt;`,
    'XML text, & < only': `Tr0ub4dor&amp;3-secret&lt;"'>`,
    'XML attribute, double-quoted': `Tr0ub4dor&amp;3-secret&lt;&quot;'&gt;`,
    'XML numeric references for quotes': 'Tr0ub4dor&amp;3-secret&lt;&#34;&#39;&gt;',
  };
  for (const [form, written] of Object.entries(FORMS)) {
    it(`redactText removes the secret written ${form}`, () => {
      expect(redactText(`before ${written} after`, [SECRET])).toBe('before [redacted] after');
    });
  }
});
