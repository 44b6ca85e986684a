import type { Exchange } from './call-state.js';
import { BodyReadFailure, readBodyCapped } from './read-body.js';
import type { HttpStack } from './stack.js';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * The fetch stack: an injected fetch, or `globalThis.fetch` looked up at every call so MSW and
 * other patches apply. Each attempt races the call's deadline and the caller's signal, because a
 * fetch is free to ignore its AbortSignal.
 */
export function fetchStack(fetch: FetchLike | undefined): HttpStack {
  return {
    attempt(request, limits, state) {
      const init: RequestInit = {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
      };
      if (request.signal) init.signal = request.signal;
      return state.race(fetchAttempt(fetch ?? globalThis.fetch, request.url, init, limits));
    },
  };
}

async function fetchAttempt(
  fetch: FetchLike,
  url: string,
  init: RequestInit,
  limits: Parameters<HttpStack['attempt']>[1],
): Promise<Exchange> {
  const response = await fetch(url, init);
  const { status, headers } = response;
  const retryAfterMs = limits.retryDelay?.(status, () => headers.get('retry-after'));
  if (retryAfterMs !== undefined) return { status, headers, text: '', retryAfterMs, unread: response.body };
  try {
    return { status, headers, text: await readBodyCapped(response, limits.maxBytes, limits.errorBase) };
  } catch (cause) {
    throw new BodyReadFailure(status, cause);
  }
}
