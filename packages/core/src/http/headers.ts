// Request headers on the node:http stack: fetch's default User-Agent, prepared once for the
// constant header objects clients build with `constantHeaders`.

const DEFAULT_HEADERS = { 'user-agent': 'node' };
// Header objects made by `constantHeaders`, each with its User-Agent decision made once.
const preparedHeaders = new WeakMap<Record<string, string>, Record<string, string>>();

/**
 * Marks a header object as constant (and freezes it): a client that sends the same headers on
 * every call builds them once this way, and the node:http stack then prepares them once too.
 */
export function constantHeaders(headers: Record<string, string>): Readonly<Record<string, string>> {
  const frozen = Object.isFrozen(headers) ? headers : Object.freeze({ ...headers });
  if (!preparedHeaders.has(frozen)) preparedHeaders.set(frozen, withDefaultUserAgent(frozen));
  return frozen;
}

/** The headers with a `User-Agent: node` unless one is set (what fetch sent; some gateways want one). */
export function withUserAgent(headers: Record<string, string> | undefined): Record<string, string> {
  if (!headers) return DEFAULT_HEADERS;
  return preparedHeaders.get(headers) ?? withDefaultUserAgent(headers);
}

function withDefaultUserAgent(headers: Record<string, string>): Record<string, string> {
  const named = Object.keys(headers).some((name) => name.toLowerCase() === 'user-agent');
  return named ? headers : { ...headers, ...DEFAULT_HEADERS };
}
