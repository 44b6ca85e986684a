import type { $ZodIssue, $ZodType } from 'zod/v4/core';
import { type ProviderId, SsoError, type SsoErrorCode } from './errors.js';
import * as z from './zod.js';

export interface ValidationContext {
  provider: ProviderId;
  /** The operation (for inputs) or the factory (for options), used as the message prefix. */
  operation: string;
  /** The root name of the path in messages: `input` or `options`. */
  root?: string;
}

/**
 * Validates input against a zod schema and returns the parsed value, or throws INVALID_INPUT naming
 * the failing field. Runs before any I/O. Messages describe the rule broken, never the value.
 */
export function parseInput<T extends $ZodType>(
  schema: T,
  value: unknown,
  context: ValidationContext,
): z.infer<T> {
  return parseWith('INVALID_INPUT', schema, value, { root: 'input', ...context });
}

/** Validates client options (unknown keys included) and throws INVALID_CONFIG on the first problem. */
export function parseOptions<T extends $ZodType>(
  schema: T,
  value: unknown,
  context: ValidationContext,
): z.infer<T> {
  return parseWith('INVALID_CONFIG', schema, value, { root: 'options', ...context });
}

function parseWith<T extends $ZodType>(
  code: SsoErrorCode,
  schema: T,
  value: unknown,
  context: ValidationContext,
): z.infer<T> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const issues = result.error.issues;
  // Every problem at once: fixing a configuration one error per run wastes the user's time.
  const problems = issues.map((issue) => describeIssue(issue, context.root ?? 'input', value));
  throw new SsoError(code, `${context.operation}: ${problems.join('; ')}`, { provider: context.provider });
}

/** Formats one zod issue as `path: rule` without quoting the offending value. */
export function describeIssue(issue: $ZodIssue, root: string, value?: unknown): string {
  const path = [root, ...issue.path.map(String)].join('.');
  return `${path} ${ruleOf(issue, isMissing(value, issue.path))}`;
}

// zod does not report the input (so it can never leak into a message); look up whether the
// field was absent to tell "is required" from "has the wrong type".
function isMissing(value: unknown, path: ReadonlyArray<PropertyKey>): boolean {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return true;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current === undefined;
}

function ruleOf(issue: $ZodIssue, missing: boolean): string {
  switch (issue.code) {
    case 'invalid_type':
      return missing ? `is required (${issue.expected})` : `must be ${article(issue.expected)}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${issue.maximum} characters`
        : `must be at most ${issue.maximum}${issue.inclusive === false ? ' (exclusive)' : ''}`;
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) === 1
          ? 'must not be empty'
          : `must be at least ${issue.minimum} characters`;
      }
      return `must be at least ${issue.minimum}${issue.inclusive === false ? ' (exclusive)' : ''}`;
    case 'unrecognized_keys':
      return `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_format':
      return issue.message && issue.message !== 'Invalid input'
        ? issue.message
        : `must be a valid ${issue.format}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_union':
      return 'matches none of the accepted shapes';
    default:
      return issue.message && issue.message !== 'Invalid input' ? issue.message : 'is invalid';
  }
}

function article(expected: string): string {
  if (expected === 'int') return 'an integer';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
