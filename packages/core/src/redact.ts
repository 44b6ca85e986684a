import { formEncode } from './http/form.js';
import { xmlEscapedForms } from './xml-escape.js';

export const REDACTED = '[redacted]';

/** Header names whose values are credentials wherever they appear. */
export const SECRET_HEADER_NAMES: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
]);

// Very short values (e.g. "1") would blank out unrelated text; secrets are never that short.
const MIN_SECRET_LENGTH = 3;

/** Replaces every occurrence of every secret (raw and URL-encoded) with `[redacted]`. */
export function redactText(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of expandSecrets(secrets)) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/**
 * The secret values plus the forms they take on the wire: URL-encoded, form-encoded, JSON-escaped,
 * JSON-escaped inside a form field (a JSON text sent as form data), and XML-escaped as text or
 * attribute value in the spellings XML writers use. (Basic auth credentials are redacted as the
 * header and its base64 value, which the client registers as secrets of their own.)
 */
export function expandSecrets(secrets: Iterable<string | undefined>): string[] {
  const out = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    out.add(secret);
    const uri = encodeURIComponent(secret);
    out.add(uri);
    out.add(uri.replace(/%20/g, '+'));
    out.add(formEncode(secret));
    const json = JSON.stringify(secret).slice(1, -1);
    out.add(json);
    out.add(formEncode(json));
    for (const xml of xmlEscapedForms(secret)) out.add(xml);
  }
  // Longest first, so a secret that contains another is removed whole.
  return [...out].sort((a, b) => b.length - a.length);
}

export function redactHeaders(
  headers: Headers | Record<string, string> | undefined,
  secrets: Iterable<string | undefined> = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  const expanded = expandSecrets(secrets);
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    out[lower] = SECRET_HEADER_NAMES.has(lower) ? REDACTED : redactText(value, expanded);
  }
  return out;
}
