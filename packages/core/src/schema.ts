/**
 * The validator for what specs do not define: client options and the arguments of client methods.
 * Shapes a spec defines are checked by the generated models (`spec-checks.ts` helpers) instead.
 *
 * A schema parses a value into a copy, collecting every problem as `path rule` — never the value,
 * so a secret cannot reach a message. Checks run after the type test and all of them run, so one
 * message lists everything wrong with a field. The API reads like `zod/mini` on purpose (schemas
 * are built with functions, `.check(...)` adds rules), but this module is ours and small: the
 * packages bundle it, and a validator library weighed more than a whole provider client.
 */

export type IssuePath = Array<string | number>;

export interface Issue {
  /** Keys from the validated root to the failing value. */
  path: IssuePath;
  /** What is wrong, e.g. `must not be empty`; never quotes the value. */
  rule: string;
  /** The value was not even of the expected kind (used to pick a union's closest option). */
  kind?: true;
}

/** A rule on an already type-checked value: the broken rule, or undefined when it holds. */
export type Check<T> = (value: T) => string | undefined;

const FAILED: unique symbol = Symbol('failed');
type Run = (value: unknown, issues: Issue[]) => unknown;

export interface Schema<Output> {
  /** Parses `value`; returns the output, or `FAILED` after adding at least one issue. */
  readonly run: Run;
  /** Returns a schema that also applies `checks` (all run; each failure is one issue). */
  check(...checks: ReadonlyArray<Check<Output>>): Schema<Output>;
  /** Type-level only: the parsed type. */
  readonly '~output'?: Output;
}

export interface OptionalSchema<Output> extends Schema<Output | undefined> {
  readonly optional: true;
}

export type Infer<S> = S extends Schema<infer Output> ? Output : never;
export type { Infer as infer };

type Shape = { readonly [key: string]: Schema<unknown> };
type OptionalKeys<S extends Shape> = {
  [K in keyof S]-?: S[K] extends { readonly optional: true } ? K : never;
}[keyof S];
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOutput<S extends Shape> = Simplify<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }
>;

function schema<Output>(run: Run, checks: ReadonlyArray<Check<Output>> = []): Schema<Output> {
  return {
    run:
      checks.length === 0
        ? run
        : (value, issues) => {
            const output = run(value, issues);
            if (output === FAILED) return FAILED;
            let failed = false;
            for (const check of checks) {
              const rule = check(output as Output);
              if (rule !== undefined) {
                issues.push({ path: [], rule });
                failed = true;
              }
            }
            return failed ? FAILED : output;
          },
    check: (...more) => schema(run, [...checks, ...more]),
  };
}

/** `name` is the kind in "is required (string)", `expected` the phrase in "must be a string". */
function kindIssue(value: unknown, name: string, expected: string, issues: Issue[]): typeof FAILED {
  const rule = value === undefined ? `is required (${name})` : `must be ${expected}`;
  issues.push({ path: [], rule, kind: true });
  return FAILED;
}

function kind<Output>(name: string, test: (value: unknown) => boolean, expected = name): Schema<Output> {
  return schema<Output>((value, issues) => (test(value) ? value : kindIssue(value, name, expected, issues)));
}

export const string = (): Schema<string> => kind('string', (v) => typeof v === 'string', 'a string');
export const boolean = (): Schema<boolean> => kind('boolean', (v) => typeof v === 'boolean', 'a boolean');
/** A finite number (NaN and ±Infinity are refused). */
export const number = (): Schema<number> => kind('number', Number.isFinite, 'a number');
/** A safe integer. */
export const int = (): Schema<number> => kind('int', Number.isSafeInteger, 'an integer');
const nullSchema = (): Schema<null> => kind('null', (v) => v === null);

export { nullSchema as null };
export const unknown = (): Schema<unknown> => schema((value) => value);

/** Refuses every value present, with `message` (an optional key that must stay absent). */
export const never = (message: string): Schema<never> =>
  schema((_, issues) => {
    issues.push({ path: [], rule: message, kind: true });
    return FAILED;
  });

export function literal<const T extends string | number | boolean | null>(value: T): Schema<T> {
  return kind(JSON.stringify(value), (v) => v === value);
}

function enumSchema<const T extends readonly string[]>(values: T): Schema<T[number]> {
  const choices = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  return kind(choices, (v) => values.includes(v as string));
}

export { enumSchema as enum };

/** A value `test` accepts, typed as `T`; `message` says what was expected. */
export function custom<T>(test: (value: unknown) => boolean, message: string): Schema<T> {
  return schema<T>((value, issues) => {
    if (test(value)) return value;
    issues.push({ path: [], rule: message, kind: true });
    return FAILED;
  });
}

/** An absolute URL; `protocol` (without the colon) restricts its scheme. */
export function url(options: { protocol?: RegExp } = {}): Schema<string> {
  return string().check((value) => {
    const parsed = URL.canParse(value) ? new URL(value) : undefined;
    const scheme = parsed?.protocol.slice(0, -1);
    return scheme !== undefined && (options.protocol?.test(scheme) ?? true)
      ? undefined
      : 'must be a valid url';
  });
}

export function optional<Output>(inner: Schema<Output>): OptionalSchema<Output> {
  const run: Run = (value, issues) => (value === undefined ? undefined : inner.run(value, issues));
  return { ...schema<Output | undefined>(run), optional: true };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Moves the issues added since `from` under `key`. */
function nest(issues: Issue[], from: number, key: string | number): void {
  for (let i = from; i < issues.length; i++) issues[i]!.path.unshift(key);
}

type UnknownKeys = 'reject' | 'keep' | 'strip';

function objectSchema<S extends Shape, Output>(shape: S, unknownKeys: UnknownKeys): Schema<Output> {
  const keys = Object.keys(shape);
  return schema<Output>((value, issues) => {
    if (!isRecord(value)) return kindIssue(value, 'object', 'an object', issues);
    // Object.assign, not a spread: on Node 20 a spread copy that then gets keys costs ~1 µs.
    const output: Record<string, unknown> = unknownKeys === 'keep' ? Object.assign({}, value) : {};
    let failed = false;
    for (const key of keys) {
      const from = issues.length;
      const parsed = shape[key]!.run(value[key], issues);
      if (parsed === FAILED) {
        nest(issues, from, key);
        failed = true;
      } else if (parsed !== undefined) output[key] = parsed;
    }
    if (unknownKeys === 'reject') {
      const unknown = Object.keys(value).filter((key) => !Object.hasOwn(shape, key));
      if (unknown.length > 0) {
        const names = unknown.map((key) => JSON.stringify(key)).join(', ');
        issues.push({ path: [], rule: `has unknown key${unknown.length > 1 ? 's' : ''} ${names}` });
        failed = true;
      }
    }
    return failed ? FAILED : output;
  });
}

/** An object with exactly these keys: an unknown key is an issue. */
export const strictObject = <S extends Shape>(shape: S): Schema<ObjectOutput<S>> =>
  objectSchema(shape, 'reject');
/** An object with these keys; other keys are kept as they are. */
export const looseObject = <S extends Shape>(shape: S): Schema<ObjectOutput<S> & Record<string, unknown>> =>
  objectSchema(shape, 'keep');
/** An object with these keys; other keys are dropped from the output. */
export const object = <S extends Shape>(shape: S): Schema<ObjectOutput<S>> => objectSchema(shape, 'strip');

export function array<Item>(item: Schema<Item>): Schema<Item[]> {
  return schema<Item[]>((value, issues) => {
    if (!Array.isArray(value)) return kindIssue(value, 'array', 'an array', issues);
    const output: Item[] = [];
    let failed = false;
    value.forEach((element, index) => {
      const from = issues.length;
      const parsed = item.run(element, issues);
      if (parsed === FAILED) {
        nest(issues, from, index);
        failed = true;
      } else output.push(parsed as Item);
    });
    return failed ? FAILED : output;
  });
}

export function record<Value>(key: Schema<string>, value: Schema<Value>): Schema<Record<string, Value>> {
  return schema<Record<string, Value>>((input, issues) => {
    if (!isRecord(input)) return kindIssue(input, 'object', 'an object', issues);
    const output: Record<string, Value> = {};
    let failed = false;
    for (const [name, element] of Object.entries(input)) {
      const from = issues.length;
      const parsed = key.run(name, issues) === FAILED ? FAILED : value.run(element, issues);
      if (parsed === FAILED) {
        nest(issues, from, name);
        failed = true;
      } else output[name] = parsed as Value;
    }
    return failed ? FAILED : output;
  });
}

/**
 * The first option that accepts the value. When all refuse, the problems of the one option that
 * got past its kind test are reported (its rules are what the caller got wrong); otherwise one
 * issue says no shape matched.
 */
export function union<const Options extends ReadonlyArray<Schema<unknown>>>(
  options: Options,
): Schema<Infer<Options[number]>> {
  return schema((value, issues) => {
    let closest: Issue[] | undefined;
    let near = 0;
    for (const option of options) {
      const local: Issue[] = [];
      const parsed = option.run(value, local);
      if (parsed !== FAILED) return parsed;
      if (!local.some((issue) => issue.kind && issue.path.length === 0)) {
        closest = local;
        near++;
      }
    }
    if (near === 1) issues.push(...closest!);
    else if (value === undefined) issues.push({ path: [], rule: 'is required', kind: true });
    else issues.push({ path: [], rule: 'matches none of the accepted shapes', kind: true });
    return FAILED;
  });
}

export const minLength =
  (min: number): Check<{ length: number }> =>
  (value) =>
    value.length >= min ? undefined : min === 1 ? 'must not be empty' : `must be at least ${min} characters`;
export const maxLength =
  (max: number): Check<{ length: number }> =>
  (value) =>
    value.length <= max ? undefined : `must be at most ${max} characters`;
/** The `{ min?, max? }` length limits a generated model exports for a field (`…Lengths`), as one check. */
export function lengths(limits: { readonly min?: number; readonly max?: number }): Check<{ length: number }> {
  const min = limits.min === undefined ? undefined : minLength(limits.min);
  const max = limits.max === undefined ? undefined : maxLength(limits.max);
  return (value) => min?.(value) ?? max?.(value);
}
export const gte =
  (min: number): Check<number> =>
  (value) =>
    value >= min ? undefined : `must be at least ${min}`;
export const lte =
  (max: number): Check<number> =>
  (value) =>
    value <= max ? undefined : `must be at most ${max}`;
export const positive = (): Check<number> => (value) => (value > 0 ? undefined : 'must be greater than 0');
export const regex =
  (pattern: RegExp, message = `must match ${pattern.source}`): Check<string> =>
  (value) => {
    pattern.lastIndex = 0;
    return pattern.test(value) ? undefined : message;
  };
export const refine =
  <T>(test: (value: T) => boolean, message: string): Check<T> =>
  (value) =>
    test(value) ? undefined : message;

/**
 * `inner`, then a check of a generated model (`check<Name>(value, at)`, which answers
 * `<at>.<key>… <rule>`) on its output, the problem kept at the path it names below the value: the
 * spec states the rule once.
 */
export function spec<Output>(
  inner: Schema<Output>,
  generated: (value: Output, at: string) => string | undefined,
): Schema<Output> {
  return schema((value, issues) => {
    const output = inner.run(value, issues);
    if (output === FAILED) return FAILED;
    const problem = generated(output as Output, '');
    if (problem === undefined) return output;
    const space = problem.indexOf(' ');
    const at = problem.slice(0, space);
    issues.push({ path: at === '' ? [] : at.slice(1).split('.'), rule: problem.slice(space + 1) });
    return FAILED;
  });
}

export type SafeParseResult<T> = { success: true; data: T } | { success: false; issues: Issue[] };

export function safeParse<S extends Schema<unknown>>(schema: S, value: unknown): SafeParseResult<Infer<S>> {
  const issues: Issue[] = [];
  const data = schema.run(value, issues);
  return data === FAILED ? { success: false, issues } : { success: true, data: data as Infer<S> };
}
