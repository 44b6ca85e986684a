import { type CallerInfo, type ProviderSimulator, respond } from '@sso/core/simulator';
import { createPages } from './pages.js';
import { createRpcEndpoint, type MethodContext } from './rpc.js';
import {
  createFaxmaxState,
  type FaxmaxSimulatorCounters,
  type FaxmaxSimulatorOptions,
  type FaxmaxSimulatorUser,
} from './state.js';
import { createSsoVerifier, type SsoVerification } from './verify.js';

export { FAXMAX_DEMO } from './demo.js';
export type { MethodContext } from './rpc.js';
export type {
  FaxmaxSimulatorCounters,
  FaxmaxSimulatorOptions,
  FaxmaxSimulatorUser,
  SsoRefusalReason,
} from './state.js';
export { FAXMAX_SIMULATOR_ERRORS, normalizeIp, type SsoVerification } from './verify.js';

export interface FaxmaxSimulator extends ProviderSimulator {
  readonly provider: 'faxmax';
  readonly domain: string;
  readonly apiCode: string;
  readonly counters: FaxmaxSimulatorCounters;
  resetCounters(): void;
  addUser(user: FaxmaxSimulatorUser): void;
  /** Adds an authenticated JSON-RPC method (FaxMAX's other APIs are out of this package's scope). */
  addMethod(
    name: string,
    handler: (params: Record<string, unknown>, context: MethodContext) => unknown,
  ): void;
  /** Checks an SSO token exactly as the RPC and the browser page do (counts, and consumes it when valid). */
  verifySsoToken(token: string, code: string, remoteIp: string): Promise<SsoVerification>;
  /** The user a session token belongs to, if it is valid. */
  sessionUser(token: string): string | undefined;
  handle(request: Request, caller?: CallerInfo): Promise<Response>;
}

/**
 * A stateful fake of one FaxMAX domain: the JSON-RPC API at `/api/v1` (password and SSO token
 * logins, sessions, added methods), and the browser page at `/` that signs a user in from a token.
 */
export function createFaxmaxSimulator(options: FaxmaxSimulatorOptions = {}): FaxmaxSimulator {
  const state = createFaxmaxState(options);
  const verifySsoToken = createSsoVerifier(state, options);
  const rpc = createRpcEndpoint(state, verifySsoToken, options);
  const pages = createPages(state, verifySsoToken);
  const proxyHeader = options.remoteIpHeader?.toLowerCase();

  const callerIp = (request: Request, caller?: CallerInfo): string => {
    if (proxyHeader) {
      const forwarded = request.headers.get(proxyHeader);
      const first = forwarded?.split(',')[0]?.trim();
      if (first) return first;
    }
    return caller?.remoteAddress ?? '127.0.0.1';
  };

  async function handle(request: Request, caller?: CallerInfo): Promise<Response> {
    state.counters.requests++;
    const path = new URL(request.url).pathname.replace(/\/+$/, '') || '/';
    if (path === '/api/v1') {
      if (request.method !== 'POST') return respond.json({ error: 'Use POST for /api/v1' }, 405);
      return rpc.handle(request, callerIp(request, caller));
    }
    if (path === '/sso/verify' && request.method === 'POST') {
      return pages.verify(request, callerIp(request, caller));
    }
    if ((path === '/' || path === '/index.html') && request.method === 'GET') {
      return pages.page(request, callerIp(request, caller));
    }
    return respond.json({ error: `No route for ${request.method} ${path}` }, 404);
  }

  return {
    provider: 'faxmax',
    domain: state.domain,
    apiCode: state.apiCode,
    counters: state.counters,
    resetCounters: state.resetCounters,
    addUser: state.addUser,
    addMethod: rpc.addMethod,
    verifySsoToken,
    sessionUser: state.sessionUser,
    handle,
  };
}
