import { type ProviderId, SsoError, type SsoErrorCode } from './errors.js';
import { type Infer, type Issue, type Schema, safeParse } from './schema.js';

export interface ValidationContext {
  provider: ProviderId;
  /** The operation (for inputs) or the factory (for options), used as the message prefix. */
  operation: string;
  /** The root name of the path in messages: `input` or `options`. */
  root?: string;
}

/**
 * Validates input against a schema and returns the parsed value, or throws INVALID_INPUT naming
 * every failing field. Runs before any I/O. Messages describe the rule broken, never the value.
 */
export function parseInput<S extends Schema<unknown>>(
  schema: S,
  value: unknown,
  context: ValidationContext,
): Infer<S> {
  return parseWith('INVALID_INPUT', schema, value, { root: 'input', ...context });
}

/** Validates client options (unknown keys included) and throws INVALID_CONFIG listing every problem. */
export function parseOptions<S extends Schema<unknown>>(
  schema: S,
  value: unknown,
  context: ValidationContext,
): Infer<S> {
  return parseWith('INVALID_CONFIG', schema, value, { root: 'options', ...context });
}

function parseWith<S extends Schema<unknown>>(
  code: SsoErrorCode,
  schema: S,
  value: unknown,
  context: ValidationContext,
): Infer<S> {
  const result = safeParse(schema, value);
  if (result.success) return result.data;
  // Every problem at once: fixing a configuration one error per run wastes the user's time.
  const problems = result.issues.map((issue) => describeIssue(issue, context.root ?? 'input'));
  throw new SsoError(code, `${context.operation}: ${problems.join('; ')}`, { provider: context.provider });
}

/** Formats one issue as `root.path rule`. */
export function describeIssue(issue: Issue, root: string): string {
  return `${[root, ...issue.path].join('.')} ${issue.rule}`;
}
