import { describe, expect, it } from 'vitest';
import * as s from '../src/schema.js';

const rules = (schema: s.Schema<unknown>, value: unknown) => {
  const result = s.safeParse(schema, value);
  return result.success
    ? []
    : result.issues.map((issue) => `${['$', ...issue.path].join('.')} ${issue.rule}`);
};

describe('schema: kinds', () => {
  it.each([
    [s.string(), 1, '$ must be a string'],
    [s.string(), undefined, '$ is required (string)'],
    [s.number(), Number.NaN, '$ must be a number'],
    [s.number(), Number.POSITIVE_INFINITY, '$ must be a number'],
    [s.int(), 1.5, '$ must be an integer'],
    [s.int(), 2 ** 60, '$ must be an integer'],
    [s.boolean(), 'true', '$ must be a boolean'],
    [s.null(), 0, '$ must be null'],
    [s.literal(false), true, '$ must be false'],
    [s.enum(['form', 'json']), 'xml', '$ must be one of "form", "json"'],
    [s.never('must not be given'), 1, '$ must not be given'],
    [s.custom((v) => typeof v === 'function', 'must be a function'), {}, '$ must be a function'],
    [s.url(), 'not a url', '$ must be a valid url'],
    [s.url({ protocol: /^https?$/ }), 'ftp://host/', '$ must be a valid url'],
    [s.strictObject({}), [], '$ must be an object'],
    [s.array(s.int()), {}, '$ must be an array'],
  ])('%# refuses a value of the wrong kind with one rule', (schema, value, rule) => {
    expect(rules(schema as s.Schema<unknown>, value)).toEqual([rule]);
  });

  it('accepts values of the right kind unchanged', () => {
    expect(s.safeParse(s.url({ protocol: /^https?$/ }), 'https://x.test/a')).toEqual({
      success: true,
      data: 'https://x.test/a',
    });
    expect(s.safeParse(s.int(), -3)).toEqual({ success: true, data: -3 });
    expect(s.safeParse(s.unknown(), undefined)).toEqual({ success: true, data: undefined });
    expect(s.safeParse(s.optional(s.string()), undefined)).toEqual({ success: true, data: undefined });
  });
});

describe('schema: checks', () => {
  it('runs every check and reports each broken rule', () => {
    const schema = s.string().check(s.minLength(3), s.regex(/^[a-z]+$/, 'must be lower-case letters'));
    expect(rules(schema, 'A')).toEqual(['$ must be at least 3 characters', '$ must be lower-case letters']);
    expect(rules(schema, '')).toEqual(['$ must be at least 3 characters', '$ must be lower-case letters']);
    expect(rules(s.string().check(s.minLength(1)), '')).toEqual(['$ must not be empty']);
    expect(rules(schema, 'abc')).toEqual([]);
  });

  it('names numeric bounds', () => {
    const schema = s.number().check(s.positive(), s.lte(10));
    expect(rules(schema, 0)).toEqual(['$ must be greater than 0']);
    expect(rules(schema, 11)).toEqual(['$ must be at most 10']);
    expect(rules(s.int().check(s.gte(1)), 0)).toEqual(['$ must be at least 1']);
    expect(rules(s.string().check(s.maxLength(2)), 'abc')).toEqual(['$ must be at most 2 characters']);
  });

  it("applies a generated model's { min, max } length limits as one check", () => {
    const schema = s.string().check(s.lengths({ min: 1, max: 3 }));
    expect(rules(schema, '')).toEqual(['$ must not be empty']);
    expect(rules(schema, 'abcd')).toEqual(['$ must be at most 3 characters']);
    expect(rules(schema, 'abc')).toEqual([]);
    expect(rules(s.string().check(s.lengths({ max: 2 })), '')).toEqual([]);
  });

  it('does not run checks on a value of the wrong kind', () => {
    let called = false;
    const schema = s.string().check(
      s.refine(() => {
        called = true;
        return true;
      }, 'never'),
    );
    expect(rules(schema, 5)).toEqual(['$ must be a string']);
    expect(called).toBe(false);
  });

  it('keeps a global regex usable across calls', () => {
    const schema = s.string().check(s.regex(/a/g, 'must contain a'));
    expect(rules(schema, 'a')).toEqual([]);
    expect(rules(schema, 'a')).toEqual([]);
  });
});

describe('schema: objects', () => {
  const shape = {
    name: s.string().check(s.minLength(1)),
    age: s.optional(s.int().check(s.gte(0))),
  };

  it('lists every problem with its path, unknown keys last', () => {
    expect(rules(s.strictObject(shape), { name: '', age: -1, x: 1, y: 2 })).toEqual([
      '$.name must not be empty',
      '$.age must be at least 0',
      '$ has unknown keys "x", "y"',
    ]);
    expect(rules(s.strictObject({ inner: s.strictObject(shape) }), { inner: {} })).toEqual([
      '$.inner.name is required (string)',
    ]);
  });

  it('returns a copy: strict drops nothing valid, loose keeps extra keys, object strips them', () => {
    const input = { name: 'a', extra: 1 };
    expect(s.safeParse(s.looseObject(shape), input)).toEqual({ success: true, data: input });
    expect(s.safeParse(s.object(shape), input)).toEqual({ success: true, data: { name: 'a' } });
    const strict = s.safeParse(s.strictObject(shape), { name: 'a', age: undefined });
    expect(strict).toEqual({ success: true, data: { name: 'a' } });
    expect(strict.success && 'age' in strict.data).toBe(false);
  });

  it('does not treat inherited keys as known', () => {
    expect(rules(s.strictObject({}), JSON.parse('{"__proto__": 1}'))).toEqual([
      '$ has unknown key "__proto__"',
    ]);
    expect(rules(s.strictObject({}), { toString: 1 })).toEqual(['$ has unknown key "toString"']);
  });

  it('checks arrays and records element by element', () => {
    expect(rules(s.array(s.int()), [1, 'a', 2.5])).toEqual([
      '$.1 must be an integer',
      '$.2 must be an integer',
    ]);
    expect(rules(s.record(s.string(), s.int()), { a: 1, b: 'x' })).toEqual(['$.b must be an integer']);
  });
});

describe('schema: unions', () => {
  const retry = s.union([
    s.literal(false),
    s.strictObject({ maxAttempts: s.optional(s.int().check(s.gte(1))) }),
  ]);

  it('takes the first option that accepts the value', () => {
    expect(s.safeParse(retry, false)).toEqual({ success: true, data: false });
    expect(s.safeParse(retry, { maxAttempts: 2 })).toEqual({ success: true, data: { maxAttempts: 2 } });
  });

  it('reports the rules of the one option the value was close to', () => {
    expect(rules(retry, { maxAttempts: 0 })).toEqual(['$.maxAttempts must be at least 1']);
  });

  it('says no shape matched when no option got past its kind test', () => {
    expect(rules(retry, 'yes')).toEqual(['$ matches none of the accepted shapes']);
    expect(rules(retry, undefined)).toEqual(['$ is required']);
  });
});

describe('schema: types', () => {
  it('infers optional keys as optional', () => {
    const schema = s.strictObject({ a: s.string(), b: s.optional(s.int()) });
    const value: s.infer<typeof schema> = { a: 'x' };
    // @ts-expect-error a is required
    const missing: s.infer<typeof schema> = { b: 1 };
    expect([value, missing]).toHaveLength(2);
  });
});

describe('schema: rules a generated model states', () => {
  // Shaped like a generated check: `<at>.<key> <rule>` for the first problem.
  const generated = (v: unknown, at: string) => {
    const o = v as { n?: unknown; inner?: { k?: unknown } };
    if (o.n !== undefined && !Number.isSafeInteger(o.n)) return `${at}.n must be an integer`;
    if (o.inner?.k === '') return `${at}.inner.k must not be empty`;
    return undefined;
  };
  const schema = s.spec(s.looseObject({}), generated);

  it('keeps the path the generated check names below the value, and its rule', () => {
    expect(rules(schema, { n: '1' })).toEqual(['$.n must be an integer']);
    expect(rules(schema, { inner: { k: '' } })).toEqual(['$.inner.k must not be empty']);
    expect(s.safeParse(schema, { n: 2 }).success).toBe(true);
  });

  it('reports a problem with the value itself at the value', () => {
    const whole = s.spec(s.unknown(), (_v: unknown, at: string) => `${at} must be an object`);
    expect(s.safeParse(whole, 1)).toEqual({
      success: false,
      issues: [{ path: [], rule: 'must be an object' }],
    });
  });
});
