import { type ProviderId, SsoError } from '../errors.js';

export interface BaseUrlOptions {
  provider: ProviderId;
  allowInsecureHttp?: boolean;
  /** Name of the option in messages, e.g. `baseUrl`. */
  optionName?: string;
}

/**
 * Validates a base URL and returns it normalised with a trailing slash, ready for `joinUrl`.
 * Plain http is refused unless the caller opted in: credentials would cross the network in clear.
 */
export function resolveBaseUrl(value: string, options: BaseUrlOptions): string {
  const name = options.optionName ?? 'baseUrl';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SsoError('INVALID_CONFIG', `${name} is not an absolute URL`, { provider: options.provider });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SsoError('INVALID_CONFIG', `${name} must use https (got ${url.protocol})`, {
      provider: options.provider,
    });
  }
  if (url.protocol === 'http:' && !options.allowInsecureHttp) {
    throw new SsoError(
      'INVALID_CONFIG',
      `${name} uses plain http; pass allowInsecureHttp: true to allow it (for a local sandbox only)`,
      { provider: options.provider },
    );
  }
  if (url.username || url.password) {
    throw new SsoError('INVALID_CONFIG', `${name} must not contain credentials`, {
      provider: options.provider,
    });
  }
  if (url.search || url.hash) {
    throw new SsoError('INVALID_CONFIG', `${name} must not contain a query or fragment`, {
      provider: options.provider,
    });
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** `joinUrl('https://h/api/v3/', 'sis/json')` → `https://h/api/v3/sis/json`. */
export function joinUrl(base: string, path: string): string {
  const left = base.endsWith('/') ? base : `${base}/`;
  return left + (path.startsWith('/') ? path.slice(1) : path);
}

/**
 * `value` as one path segment: percent-encoded, and refused (INVALID_INPUT) when it is empty or a
 * dot-segment (`.`, `..`), which a URL resolves away, leaving the path it was meant to stay in.
 */
export function pathSegment(
  value: string,
  context: { provider: ProviderId; operation: string; name: string },
): string {
  if (value === '' || value === '.' || value === '..') {
    throw new SsoError(
      'INVALID_INPUT',
      `${context.operation}: ${context.name} must be usable as one URL path segment (not empty, "." or "..")`,
      { provider: context.provider, operation: context.operation },
    );
  }
  return encodeURIComponent(value);
}
