import { describe, expect, it } from 'vitest';
import {
  commonOptionsShape,
  isSsoError,
  joinUrl,
  parseInput,
  parseOptions,
  resolveBaseUrl,
} from '../src/provider.js';
import * as z from '../src/schema.js';

const userSchema = z.strictObject({
  user: z.strictObject({
    name: z.string().check(z.minLength(1), z.maxLength(50)),
    age: z.optional(z.int().check(z.gte(0))),
  }),
});

function errorOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error('expected a throw');
}

describe('parseInput', () => {
  it('returns the parsed value when valid', () => {
    expect(parseInput(userSchema, { user: { name: 'Ayşe' } }, { provider: 'core', operation: 'op' })).toEqual(
      {
        user: { name: 'Ayşe' },
      },
    );
  });

  it.each([
    [{ user: { name: '' } }, 'createUser: input.user.name must not be empty'],
    [{ user: { name: 'x'.repeat(51) } }, 'createUser: input.user.name must be at most 50 characters'],
    [{ user: {} }, 'createUser: input.user.name is required (string)'],
    [{ user: { name: 'a', age: 1.5 } }, 'createUser: input.user.age must be an integer'],
    [{ user: { name: 'a', age: -1 } }, 'createUser: input.user.age must be at least 0'],
    [{ user: { name: 'a', extra: 1 } }, 'createUser: input.user has unknown key "extra"'],
    [{ user: { name: 42 } }, 'createUser: input.user.name must be a string'],
  ])('rejects %j with INVALID_INPUT naming the field', (input, message) => {
    const error = errorOf(() =>
      parseInput(userSchema, input, { provider: 'beyondvisit', operation: 'createUser' }),
    );
    expect(isSsoError(error, 'INVALID_INPUT')).toBe(true);
    expect(error.message).toBe(message);
  });

  it('never quotes the offending value in the message', () => {
    const error = errorOf(() =>
      parseInput(
        userSchema,
        { user: { name: 'TOPSECRET'.repeat(10) } },
        { provider: 'core', operation: 'op' },
      ),
    );
    expect(error.message).not.toContain('TOPSECRET');
  });
});

describe('parseOptions', () => {
  const schema = z.strictObject({ ...commonOptionsShape, apiKey: z.string().check(z.minLength(1)) });

  it('rejects unknown keys with INVALID_CONFIG', () => {
    const error = errorOf(() =>
      parseOptions(schema, { apiKey: 'k', timeout: 5 }, { provider: 'dia', operation: 'createDiaClient' }),
    );
    expect(isSsoError(error, 'INVALID_CONFIG')).toBe(true);
    expect(error.message).toBe('createDiaClient: options has unknown key "timeout"');
  });

  it('rejects bad values of the common options', () => {
    const error = errorOf(() =>
      parseOptions(schema, { apiKey: 'k', timeoutMs: -1 }, { provider: 'dia', operation: 'f' }),
    );
    expect(error.message).toBe('f: options.timeoutMs must be greater than 0');
    const hooks = errorOf(() =>
      parseOptions(schema, { apiKey: 'k', hooks: { onRequest: 1 } }, { provider: 'dia', operation: 'f' }),
    );
    expect(hooks.message).toBe('f: options.hooks.onRequest must be a function');
  });
});

describe('resolveBaseUrl', () => {
  it('normalises to a trailing slash and joins paths', () => {
    const base = resolveBaseUrl('https://ws.euromsg.com/live', { provider: 'euromsg' });
    expect(base).toBe('https://ws.euromsg.com/live/');
    expect(joinUrl(base, 'auth.asmx')).toBe('https://ws.euromsg.com/live/auth.asmx');
    expect(joinUrl(base, '/post.asmx')).toBe('https://ws.euromsg.com/live/post.asmx');
  });

  it.each([
    ['http://ws.euromsg.com/live/', 'plain http'],
    ['ftp://x/', 'must use https'],
    ['not a url', 'not an absolute URL'],
    ['https://user:pw@host/', 'must not contain credentials'],
    ['https://host/?a=1', 'must not contain a query'],
  ])('refuses %s with INVALID_CONFIG', (url, message) => {
    const error = errorOf(() => resolveBaseUrl(url, { provider: 'euromsg' }));
    expect(isSsoError(error, 'INVALID_CONFIG')).toBe(true);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain('pw@');
  });

  it('allows plain http only with allowInsecureHttp', () => {
    expect(resolveBaseUrl('http://127.0.0.1:4010/dia', { provider: 'dia', allowInsecureHttp: true })).toBe(
      'http://127.0.0.1:4010/dia/',
    );
  });
});

describe('every validation problem is reported', () => {
  it('lists each failing field in one message instead of "(and N more problems)"', () => {
    const schema = z.strictObject({ apiKey: z.string(), secretKey: z.string(), timeoutMs: z.number() });
    let message = '';
    try {
      parseOptions(schema, { timeoutMs: 'x' }, { provider: 'dia', operation: 'createDiaClient' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('options.apiKey is required');
    expect(message).toContain('options.secretKey is required');
    expect(message).toContain('options.timeoutMs must be');
    expect(message).not.toContain('more problem');
  });
});
