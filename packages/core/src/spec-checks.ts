// The checks every model generated from a spec (tooling/spec-model) is built from: each returns the
// first problem of a value as `<path> <rule>`, or undefined, and never the value itself.
export type Issue = string | undefined;
export type Check = (v: unknown, at: string) => Issue;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function text(v: unknown, at: string, min = 0, max = Infinity, pattern?: RegExp): Issue {
  if (typeof v !== 'string') return at + ' must be a string';
  if (v.length < min) return at + ' must have at least ' + min + (min === 1 ? ' character' : ' characters');
  if (v.length > max) return at + ' must have at most ' + max + ' characters';
  if (pattern !== undefined && !pattern.test(v))
    return at + ' must match ' + pattern.source.replaceAll('\\/', '/');
  return undefined;
}

export function integer(v: unknown, at: string, min = -Infinity, max = Infinity): Issue {
  if (!Number.isSafeInteger(v)) return at + ' must be an integer';
  return range(v as number, at, min, max);
}

export function number(v: unknown, at: string, min = -Infinity, max = Infinity): Issue {
  if (typeof v !== 'number' || !Number.isFinite(v)) return at + ' must be a number';
  return range(v, at, min, max);
}

export function range(v: number, at: string, min: number, max: number): Issue {
  if (v < min) return at + ' must be at least ' + min;
  if (v > max) return at + ' must be at most ' + max;
  return undefined;
}

export const bool = (v: unknown, at: string): Issue =>
  typeof v === 'boolean' ? undefined : at + ' must be a boolean';

export const exact = (v: unknown, at: string, value: unknown): Issue =>
  v === value ? undefined : at + ' must be ' + JSON.stringify(value);

export const among = (v: unknown, at: string, values: readonly unknown[]): Issue =>
  values.includes(v) ? undefined : at + ' must be one of ' + values.map((x) => JSON.stringify(x)).join(', ');

const TYPE_TESTS: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  integer: (v) => Number.isSafeInteger(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  array: Array.isArray,
  object: isObject,
};

export const typed = (v: unknown, at: string, types: readonly string[]): Issue =>
  types.some((type) => TYPE_TESTS[type]!(v)) ? undefined : at + ' must be ' + types.join(' or ');

export function required(o: Record<string, unknown>, at: string, keys: readonly string[]): Issue {
  for (const key of keys) if (o[key] === undefined) return at + '.' + key + ' is required';
  return undefined;
}

export function closed(o: Record<string, unknown>, at: string, keys: readonly string[]): Issue {
  for (const key in o) if (!keys.includes(key)) return at + ' has unknown key "' + key + '"';
  return undefined;
}

export function rest(o: Record<string, unknown>, at: string, keys: readonly string[], check: Check): Issue {
  for (const key in o) {
    const issue = keys.includes(key) ? undefined : check(o[key], at + '.' + key);
    if (issue !== undefined) return issue;
  }
  return undefined;
}

export function size(o: Record<string, unknown>, at: string, min: number, max: number): Issue {
  const n = Object.keys(o).length;
  if (n < min) return at + ' must have at least ' + min + (min === 1 ? ' key' : ' keys');
  if (n > max) return at + ' must have at most ' + max + ' keys';
  return undefined;
}

export function each(v: unknown[], at: string, check: Check): Issue {
  for (let i = 0; i < v.length; i++) {
    const issue = check(v[i], at + '.' + i);
    if (issue !== undefined) return issue;
  }
  return undefined;
}
