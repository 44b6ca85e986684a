import type { ProviderId } from '../errors.js';

/** What a simulator knows of the caller beyond the request itself. */
export interface CallerInfo {
  /** The caller's IP address as the provider would see it. */
  remoteAddress?: string;
}

/**
 * A stateful fake of one provider. It answers Fetch API requests whose URL path is relative to the
 * provider's root (`/external/LoginToken`, `/auth.asmx`, `/api/v1`, `/sis/json` …), so the same
 * object serves MSW handlers, the sandbox's HTTP server and direct calls in tests.
 */
export interface ProviderSimulator {
  readonly provider: ProviderId;
  handle(request: Request, caller?: CallerInfo): Promise<Response>;
}

/** A settable clock for simulators and clients (epoch milliseconds). */
export interface TestClock {
  now(): number;
  advance(ms: number): void;
  set(epochMs: number): void;
}

export function createTestClock(startMs = Date.UTC(2026, 0, 1)): TestClock {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (epochMs) => {
      current = epochMs;
    },
  };
}

/**
 * Re-targets a request at the simulator's root: `https://host/prefix/sis/json` with base
 * `https://host/prefix/` becomes `http://simulator/sis/json` (query kept).
 */
export function rebaseRequest(request: Request, baseUrl: string): Request | undefined {
  const url = new URL(request.url);
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return undefined;
  const rest = url.pathname.slice(base.pathname.length - 1);
  const target = new URL(`http://simulator${rest}${url.search}`);
  return new Request(target, request);
}
