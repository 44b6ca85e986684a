import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateModel, readSpec } from '../src/index.mjs';

const dir = mkdtempSync(join(import.meta.dirname, '.tmp-spec-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Generates the model of `doc` and imports it. */
async function load(doc: unknown, name: string): Promise<Record<string, any>> {
  const path = join(dir, `${name}.ts`);
  writeFileSync(path, generateModel(doc, name));
  return import(/* @vite-ignore */ path);
}

const openapi = {
  openapi: '3.1.0',
  paths: {
    '/things': {
      post: {
        operationId: 'makeThing',
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Req' } } } },
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Res' } } } },
        },
      },
      get: { operationId: 'listThings', responses: {} },
    },
    '/retry': { post: { operationId: 'safePost', 'x-sso-idempotent': true, responses: {} } },
  },
  components: {
    schemas: {
      Key: { type: 'string', pattern: '^[a-f0-9/]{4}$', maxLength: 4, 'x-sso-secret': true },
      Req: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'count'],
        properties: {
          key: { $ref: '#/components/schemas/Key' },
          count: { type: 'integer', minimum: 0, maximum: 9 },
          mode: { enum: ['a', 'b'] },
          tags: { type: 'array', items: { type: 'string', minLength: 1 } },
          nested: { type: 'object', properties: { pin: { type: 'string', 'x-sso-secret': true } } },
          label: { type: 'string', minLength: 2, maxLength: 20 },
        },
      },
      Res: {
        oneOf: [
          {
            type: 'object',
            required: ['ok'],
            properties: { ok: { const: true }, token: { type: 'string', 'x-sso-secret': true } },
          },
          {
            type: 'object',
            required: ['ok', 'code'],
            properties: { ok: { const: false }, code: { type: ['string', 'integer'] } },
          },
        ],
      },
    },
  },
};

describe('OpenAPI model', () => {
  it('checks name the first broken rule and its path, never the value', async () => {
    const m = await load(openapi, 'openapi');
    expect(m.checkReq({ key: 'ab/1', count: 3, tags: ['x'], nested: { pin: '1' } }, 'body')).toBeUndefined();
    expect(m.checkReq({ count: 3 }, 'body')).toBe('body.key is required');
    expect(m.checkReq({ key: 'zz', count: 3 }, 'body')).toBe('body.key must match ^[a-f0-9/]{4}$');
    expect(m.checkReq({ key: 'abcd', count: 10 }, 'body')).toBe('body.count must be at most 9');
    expect(m.checkReq({ key: 'abcd', count: 1.5 }, 'body')).toBe('body.count must be an integer');
    expect(m.checkReq({ key: 'abcd', count: 1, mode: 'c' }, 'body')).toBe(
      'body.mode must be one of "a", "b"',
    );
    expect(m.checkReq({ key: 'abcd', count: 1, tags: ['x', ''] }, 'body')).toBe(
      'body.tags.1 must have at least 1 character',
    );
    expect(m.checkReq({ key: 'abcd', count: 1, extra: 's3cret' }, 'body')).toBe(
      'body has unknown key "extra"',
    );
    expect(m.checkReq([], 'body')).toBe('body must be an object');
    expect(m.isRes({ ok: false, code: 'E1' })).toBe(true);
    expect(m.isRes({ ok: false, code: 1.5 })).toBe(false);
    expect(m.checkRes({ ok: 'yes' }, 'answer')).toBe('answer matches none of the documented shapes');
  });

  it('exports the string length limits of an object schema, through $ref too, for hand-checked inputs', async () => {
    const m = await load(openapi, 'openapi-lengths');
    expect(m.ReqLengths).toEqual({ key: { max: 4 }, label: { min: 2, max: 20 } });
    expect(m.ResLengths).toBeUndefined();
    expect(m.checkReq({ key: 'abcd', count: 1, label: 'x' }, 'body')).toBe(
      'body.label must have at least 2 characters',
    );
  });

  it('the operation table: method, path, idempotency (x-sso-idempotent, else by method), secrets', async () => {
    const m = await load(openapi, 'openapi-table');
    expect(m.operations).toEqual({
      makeThing: {
        method: 'POST',
        path: '/things',
        idempotent: false,
        requestSecrets: ['key', 'nested.pin'],
        responseSecrets: ['token'],
      },
      listThings: {
        method: 'GET',
        path: '/things',
        idempotent: true,
        requestSecrets: [],
        responseSecrets: [],
      },
      safePost: { method: 'POST', path: '/retry', idempotent: true, requestSecrets: [], responseSecrets: [] },
    });
  });
});

describe('OpenRPC model (specs/faxmax/openrpc.json)', () => {
  const spec = readSpec(new URL('../../../specs/faxmax/openrpc.json', import.meta.url).pathname);

  it('the method table comes from the methods and their x-sso-* keys', async () => {
    const m = await load(spec, 'openrpc');
    expect(m.methods.tokenLogin).toEqual({
      name: 'Core.token_login',
      aliases: ['Core.login_token'],
      params: { token_: true, code_: false },
      idempotent: false,
      paramSecrets: ['token_'],
      resultSecrets: ['token'],
    });
    expect(m.checkCoreLoginParams({ username: 'u' }, 'params')).toBe('params.password is required');
    expect(m.checkCoreLoginParams({ username: 'u', password: 'p', x: 1 }, 'params')).toBe(
      'params has unknown key "x"',
    );
    expect(m.isCoreTokenLoginResult('tok')).toBe(true);
    expect(m.isCoreTokenLoginResult({ token: '' })).toBe(false);
  });

  it('components.errors become the name of each code, keyed by code; a bad entry stops the run', async () => {
    const m = await load(spec, 'openrpc');
    expect(m.errors).toEqual({
      '-32700': 'parse error',
      '-32600': 'invalid request',
      '-32601': 'method not found',
      '-32602': 'invalid params',
      '-32603': 'internal error',
    });
    const twice = {
      ...spec,
      components: {
        ...spec.components,
        errors: { A: { code: 1, message: 'a' }, B: { code: 1, message: 'b' } },
      },
    };
    expect(() => generateModel(twice, 'twice.json')).toThrow('error code 1 is listed twice');
    const noCode = { ...spec, components: { ...spec.components, errors: { A: { message: 'a' } } } };
    expect(() => generateModel(noCode, 'no-code.json')).toThrow('components.errors.A needs an integer code');
  });
});

describe('runtime imports', () => {
  it('know every check helper @sso/core/spec-checks exports (a missing one would go unimported)', async () => {
    const { HELPERS } = await import('../src/runtime.mjs');
    const exported = Object.keys(await import('@sso/core/spec-checks')).filter((name) => name !== 'range');
    expect([...HELPERS].sort()).toEqual(exported.sort());
  });
});
