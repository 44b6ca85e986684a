/**
 * Redactors for `TransportRequest.redactResponse`: they take a response body and return it with
 * the secrets it *issues* (a new token, a session id) replaced, found from the parsed value rather
 * than by searching for the value's text, so every way of writing it (escapes, whitespace) is
 * covered. A redactor that throws hides the whole body (see the transport).
 */
import { REDACTED } from '../redact.js';

/** A body with the secrets it issues replaced by `[redacted]`, and the values that were hidden. */
export interface RedactedBody {
  body: string;
  /** What was hidden, as written in the body: also removed from the response headers. */
  hidden: string[];
}

/** Finds the secrets a response body issues and hides them. */
export type ResponseRedactor = (body: string) => RedactedBody;

/**
 * A key matcher: a list of exact key names, or a predicate given the key and how deep the object
 * holding it sits (0 for the top-level object).
 */
export type SecretKeyMatch = ReadonlyArray<string> | ((key: string, depth: number) => boolean);

const MAX_DEPTH = 6;

const keyTest = (match: SecretKeyMatch) =>
  typeof match === 'function' ? match : (key: string) => match.includes(key);

/** String values under matching keys, anywhere (up to 6 levels deep) in a parsed JSON value. */
export function jsonSecretValues(value: unknown, match: SecretKeyMatch): string[] {
  const test = keyTest(match);
  const out: string[] = [];
  const walk = (node: unknown, depth: number) => {
    if (depth > MAX_DEPTH || typeof node !== 'object' || node === null) return;
    for (const [key, inner] of Object.entries(node)) {
      if (typeof inner === 'string' && test(key, depth)) out.push(inner);
      else walk(inner, depth + 1);
    }
  };
  walk(value, 0);
  return out;
}

/**
 * For JSON answers: every string under a matching key (at any depth, and inside arrays or objects
 * under such a key) is replaced and the body is written out again. A body that is not JSON is
 * returned as it is: the client refuses it too, so it issued nothing.
 */
export function jsonResponseRedactor(match: SecretKeyMatch): ResponseRedactor {
  const test = keyTest(match);
  return (body) => {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return { body, hidden: [] };
    }
    const hidden: string[] = [];
    const hideAll = (node: unknown): unknown => {
      if (typeof node === 'string') {
        hidden.push(node);
        return REDACTED;
      }
      if (typeof node !== 'object' || node === null) return node;
      if (Array.isArray(node)) return node.map(hideAll);
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, hideAll(v)]));
    };
    const walk = (node: unknown, depth: number): unknown => {
      if (typeof node !== 'object' || node === null) return node;
      if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
      return Object.fromEntries(
        Object.entries(node).map(([key, value]) => [
          key,
          test(key, depth) ? hideAll(value) : walk(value, depth + 1),
        ]),
      );
    };
    const redacted = walk(json, 0);
    return hidden.length === 0 ? { body, hidden } : { body: JSON.stringify(redacted), hidden };
  };
}

/**
 * For any text: every match of a pattern (e.g. `/[0-9a-f]{32}/gi` for session ids) is replaced,
 * so secrets are found in truncated or non-JSON bodies too.
 */
export function patternResponseRedactor(pattern: RegExp): ResponseRedactor {
  const global = globalOf(pattern);
  return (body) => ({ body: body.replace(global, REDACTED), hidden: body.match(global) ?? [] });
}

/** Every match of a pattern in a text: the values a pattern redactor would hide. */
export function patternMatches(pattern: RegExp, text: string): string[] {
  return text.match(globalOf(pattern)) ?? [];
}

const globalOf = (pattern: RegExp) =>
  pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
