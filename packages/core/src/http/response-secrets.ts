/**
 * Builders for `TransportRequest.responseSecrets`: pick the secrets a response issues (a new
 * token, a session id) out of its body, so the transport can remove them from `onResponse`.
 */

/** A key matcher: a list of exact key names, or a predicate. */
export type SecretKeyMatch = ReadonlyArray<string> | ((key: string) => boolean);

const MAX_DEPTH = 6;

/** String values under matching keys, anywhere (up to 6 levels deep) in a parsed JSON value. */
export function jsonSecretValues(value: unknown, match: SecretKeyMatch): string[] {
  const test = typeof match === 'function' ? match : (key: string) => match.includes(key);
  const out: string[] = [];
  const walk = (node: unknown, depth: number) => {
    if (depth > MAX_DEPTH || typeof node !== 'object' || node === null) return;
    for (const [key, inner] of Object.entries(node)) {
      if (typeof inner === 'string' && test(key)) out.push(inner);
      else walk(inner, depth + 1);
    }
  };
  walk(value, 0);
  return out;
}

/**
 * `responseSecrets` for JSON answers: the string values under matching keys. A body that is not
 * JSON yields nothing (the request's own secrets are still redacted).
 */
export function jsonResponseSecrets(match: SecretKeyMatch): (body: string) => string[] {
  return (body) => {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return [];
    }
    return jsonSecretValues(json, match);
  };
}

/**
 * `responseSecrets` for any text: every match of a pattern (e.g. `/[0-9a-f]{32}/gi` for session
 * ids), so secrets are found in truncated or non-JSON bodies too.
 */
export function patternResponseSecrets(pattern: RegExp): (body: string) => string[] {
  const global = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
  return (body) => body.match(global) ?? [];
}
