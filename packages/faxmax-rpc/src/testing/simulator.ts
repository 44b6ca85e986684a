import { randomToken, timingSafeEqual } from '@sso/core/provider';
import { type CallerInfo, type ProviderSimulator, respond } from '@sso/core/simulator';
import {
  createJSONRPCErrorResponse,
  JSONRPCErrorCode,
  JSONRPCErrorException,
  type JSONRPCRequest,
  JSONRPCServer,
} from 'json-rpc-2.0';
import { createAesTokenCipher, type TokenCipher } from '../cipher.js';
import { isIpAddress } from '../client.js';
import { FAXMAX_METHODS } from '../methods.js';
import { type PageResult, renderPage } from './html.js';

export interface FaxmaxSimulatorUser {
  username: string;
  password: string;
  /** Returned as `user_id` by the logins. Default: a running number. */
  userId?: number;
  /** Shown on the browser page. */
  displayName?: string;
}

export interface FaxmaxSimulatorOptions {
  /** The domain the simulator plays. Default `FAXMAX_DEMO.domain`. */
  domain?: string;
  /** The domain's API code. Default `FAXMAX_DEMO.apiCode`. */
  apiCode?: string;
  /** The domain's API password (the token key). Default `FAXMAX_DEMO.apiPassword`. */
  apiPassword?: string;
  /** How tokens are decrypted. Default `FAXMAX_DEMO.cipher` (AES-256-GCM, SHA-256 key, base64url). */
  cipher?: TokenCipher;
  /** Accounts of the domain. Default the demo users. */
  users?: FaxmaxSimulatorUser[];
  /** The simulator's own clock (epoch ms). Default `Date.now`. */
  now?: () => number;
  /**
   * A header carrying the client IP when the simulator sits behind a proxy, e.g. `x-forwarded-for`
   * (its first entry is used). Off by default: the caller's address is used.
   */
  remoteIpHeader?: string;
  /** The largest `exp - now` accepted, in seconds. Default 3 (FaxMAX's rule). */
  maxTokenLifetimeSeconds?: number;
  /** Refuse an SSO token that was already used. Default true. */
  rejectReplayedTokens?: boolean;
  /** Method names that perform the token login. Default `['Core.token_login']`. */
  tokenLoginMethods?: string[];
  /** Lifetime of issued session tokens. Default one hour. */
  sessionTtlMs?: number;
}

/**
 * Error codes of this simulator. FaxMAX publishes none, so these are the simulator's own, chosen
 * outside the JSON-RPC reserved range; tests should match on them only against the simulator.
 */
export const FAXMAX_SIMULATOR_ERRORS = {
  INVALID_CREDENTIALS: 1001,
  WRONG_API_CODE: 1002,
  UNDECRYPTABLE_TOKEN: 1003,
  TOKEN_EXPIRED: 1004,
  TOKEN_LIFETIME_TOO_LONG: 1005,
  IP_MISMATCH: 1006,
  UNKNOWN_USER: 1007,
  TOKEN_REPLAYED: 1008,
  MALFORMED_TOKEN: 1009,
  INVALID_SESSION: 1010,
  NOT_AUTHENTICATED: 1011,
} as const;

export type SsoRefusalReason =
  | 'wrong_code'
  | 'undecryptable'
  | 'malformed'
  | 'expired'
  | 'lifetime_too_long'
  | 'ip_mismatch'
  | 'unknown_user'
  | 'replayed';

export type SsoVerification =
  | { ok: true; username: string; userId: number; displayName: string; exp: number; remoteIp: string }
  | {
      ok: false;
      reason: SsoRefusalReason;
      /** The simulator error code (FAXMAX_SIMULATOR_ERRORS). */
      code: number;
      message: string;
      username?: string;
      /** For `expired`: how many seconds past `exp` the token arrived. */
      secondsLate?: number;
      /** For `lifetime_too_long`: how far in the future `exp` was. */
      secondsAhead?: number;
      /** For `ip_mismatch`: `remote_ip` from the token and the caller's address. */
      expectedIp?: string;
      actualIp?: string;
    };

export interface FaxmaxSimulatorCounters {
  /** Every request handled. */
  requests: number;
  /** JSON-RPC requests by method name (accepted and refused). */
  rpc: Record<string, number>;
  /** Successful password logins. */
  logins: number;
  /** Successful SSO token logins (RPC and browser). */
  ssoLogins: number;
  /** Refused SSO tokens by reason. */
  ssoRefusals: Partial<Record<SsoRefusalReason, number>>;
  /** JSON-RPC error replies sent. */
  rpcErrors: number;
  /** Requests without an id, refused. */
  notificationsRefused: number;
  /** Browser pages served. */
  pages: number;
  /** Deep-link verifications (`POST /sso/verify`). */
  verifies: number;
  /** Session tokens issued. */
  sessionsIssued: number;
  /** Bodies by encoding: `form` (urlencoded), `multipart`, `json`. */
  encodings: Record<'form' | 'multipart' | 'json', number>;
}

export interface MethodContext {
  /** The user the call is authenticated as (by `token_` or `username` + `password`). */
  username: string;
  userId: number;
  remoteIp: string;
}

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

interface ServerParams {
  remoteIp: string;
}

interface Session {
  username: string;
  expiresAt: number;
}

/** The demo account the simulator is seeded with; the sandbox and CLI use it too. */
export const FAXMAX_DEMO = Object.freeze({
  domain: 'demo.faxmax.test',
  apiCode: 'DEMO-API-CODE',
  apiPassword: 'demo-api-password',
  cipher: createAesTokenCipher({ mode: 'gcm', keyDerivation: { kind: 'sha256' }, encoding: 'base64url' }),
  username: 'demo',
  password: 'demo-password',
  users: Object.freeze([
    Object.freeze({
      username: 'demo',
      password: 'demo-password',
      userId: 1001,
      displayName: 'Demo Kullanıcı',
    }),
    Object.freeze({ username: 'ayse', password: 'ayse-password', userId: 1002, displayName: 'Ayşe Yılmaz' }),
  ]),
});

const rpcFailure = (code: number, message: string) => new JSONRPCErrorException(message, code);

/** Canonical text of an IP address: IPv4-mapped IPv6 becomes IPv4, IPv6 is compressed and lower-cased. */
export function normalizeIp(value: string): string {
  const trimmed = value.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  if (mapped) return mapped[1]!;
  if (trimmed.includes(':') && isIpAddress(trimmed)) {
    try {
      return new URL(`http://[${trimmed}]/`).hostname.slice(1, -1);
    } catch {
      return trimmed.toLowerCase();
    }
  }
  return trimmed;
}

export function createFaxmaxSimulator(options: FaxmaxSimulatorOptions = {}): FaxmaxSimulator {
  const domain = options.domain ?? FAXMAX_DEMO.domain;
  const apiCode = options.apiCode ?? FAXMAX_DEMO.apiCode;
  const apiPassword = options.apiPassword ?? FAXMAX_DEMO.apiPassword;
  const cipher = options.cipher ?? FAXMAX_DEMO.cipher;
  const now = options.now ?? Date.now;
  const proxyHeader = options.remoteIpHeader?.toLowerCase();
  const maxLifetime = options.maxTokenLifetimeSeconds ?? 3;
  const rejectReplays = options.rejectReplayedTokens ?? true;
  const sessionTtlMs = options.sessionTtlMs ?? 60 * 60 * 1000;
  const users = new Map<string, Required<FaxmaxSimulatorUser>>();
  const sessions = new Map<string, Session>();
  const usedTokens = new Map<string, number>(); // token -> exp (seconds)

  const addUser = (user: FaxmaxSimulatorUser) => {
    users.set(user.username, {
      username: user.username,
      password: user.password,
      userId: user.userId ?? 1000 + users.size + 1,
      displayName: user.displayName ?? user.username,
    });
  };
  for (const user of options.users ?? FAXMAX_DEMO.users) addUser(user);

  const freshCounters = (): FaxmaxSimulatorCounters => ({
    requests: 0,
    rpc: {},
    logins: 0,
    ssoLogins: 0,
    ssoRefusals: {},
    rpcErrors: 0,
    notificationsRefused: 0,
    pages: 0,
    verifies: 0,
    sessionsIssued: 0,
    encodings: { form: 0, multipart: 0, json: 0 },
  });
  const counters = freshCounters();

  const nowSeconds = () => Math.floor(now() / 1000);

  const issueSession = (username: string) => {
    const token = randomToken(24, 'base64url');
    sessions.set(token, { username, expiresAt: now() + sessionTtlMs });
    counters.sessionsIssued++;
    return token;
  };

  const sessionUser = (token: string): string | undefined => {
    const session = sessions.get(token);
    if (!session) return undefined;
    if (session.expiresAt <= now()) {
      sessions.delete(token);
      return undefined;
    }
    return session.username;
  };

  const refuse = (
    reason: SsoRefusalReason,
    code: number,
    message: string,
    extra: Partial<Extract<SsoVerification, { ok: false }>> = {},
  ): SsoVerification => {
    counters.ssoRefusals[reason] = (counters.ssoRefusals[reason] ?? 0) + 1;
    return { ok: false, reason, code, message, ...extra };
  };

  async function verifySsoToken(token: string, code: string, remoteIp: string): Promise<SsoVerification> {
    const E = FAXMAX_SIMULATOR_ERRORS;
    if (!timingSafeEqual(code, apiCode)) {
      return refuse('wrong_code', E.WRONG_API_CODE, 'The API code does not match this domain');
    }
    let plaintext: string;
    try {
      plaintext = await cipher.decrypt(token, apiPassword);
    } catch {
      return refuse(
        'undecryptable',
        E.UNDECRYPTABLE_TOKEN,
        "The token could not be decrypted with this domain's API password and cipher",
      );
    }
    let claims: { username?: unknown; exp?: unknown; remote_ip?: unknown };
    try {
      claims = JSON.parse(plaintext);
    } catch {
      return refuse('malformed', E.MALFORMED_TOKEN, 'The decrypted token is not JSON');
    }
    const { username, exp, remote_ip: tokenIp } = claims ?? {};
    if (
      typeof username !== 'string' ||
      username === '' ||
      typeof exp !== 'number' ||
      !Number.isInteger(exp) ||
      typeof tokenIp !== 'string' ||
      !isIpAddress(tokenIp)
    ) {
      return refuse(
        'malformed',
        E.MALFORMED_TOKEN,
        'The token must hold {"username": string, "exp": integer Unix seconds, "remote_ip": IP address}',
      );
    }
    const current = nowSeconds();
    if (exp < current) {
      const late = current - exp;
      return refuse(
        'expired',
        E.TOKEN_EXPIRED,
        `The token expired ${late} second${late === 1 ? '' : 's'} ago`,
        {
          username,
          secondsLate: late,
        },
      );
    }
    if (exp > current + maxLifetime) {
      const ahead = exp - current;
      return refuse(
        'lifetime_too_long',
        E.TOKEN_LIFETIME_TOO_LONG,
        `The token's exp is ${ahead} seconds ahead; at most ${maxLifetime} is allowed`,
        { username, secondsAhead: ahead },
      );
    }
    const expected = normalizeIp(tokenIp);
    const actual = normalizeIp(remoteIp);
    if (expected !== actual) {
      return refuse(
        'ip_mismatch',
        E.IP_MISMATCH,
        `The request came from ${actual} but the token is for ${expected}`,
        { username, expectedIp: expected, actualIp: actual },
      );
    }
    const user = users.get(username);
    if (!user) {
      return refuse('unknown_user', E.UNKNOWN_USER, `There is no user "${username}" on ${domain}`, {
        username,
      });
    }
    if (rejectReplays) {
      for (const [used, usedExp] of usedTokens) if (usedExp < current - 60) usedTokens.delete(used);
      if (usedTokens.has(token)) {
        return refuse('replayed', E.TOKEN_REPLAYED, 'This token was already used', { username });
      }
      usedTokens.set(token, exp);
    }
    counters.ssoLogins++;
    return { ok: true, username, userId: user.userId, displayName: user.displayName, exp, remoteIp: actual };
  }

  const server = new JSONRPCServer<ServerParams>({ errorListener: () => {} });

  const stringParam = (
    params: Record<string, unknown>,
    name: string,
    required = true,
  ): string | undefined => {
    const value = params[name];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || value === '') {
      throw rpcFailure(
        JSONRPCErrorCode.InvalidParams,
        `Parameter "${name}" is required and must be a non-empty string`,
      );
    }
    return value;
  };
  const asParams = (params: unknown): Record<string, unknown> => {
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      throw rpcFailure(JSONRPCErrorCode.InvalidParams, 'params must be an object of named parameters');
    }
    return params as Record<string, unknown>;
  };

  const checkPassword = (username: string, password: string) => {
    const user = users.get(username);
    // Compare against something even for unknown users, so timing does not reveal who exists.
    const ok = timingSafeEqual(password, user?.password ?? '\u0000no-such-user');
    if (!user || !ok) {
      throw rpcFailure(FAXMAX_SIMULATOR_ERRORS.INVALID_CREDENTIALS, 'Invalid username or password');
    }
    return user;
  };

  server.addMethod(FAXMAX_METHODS.login.name, (raw) => {
    const params = asParams(raw);
    const user = checkPassword(stringParam(params, 'username')!, stringParam(params, 'password')!);
    counters.logins++;
    return { token: issueSession(user.username), user_id: user.userId, username: user.username };
  });

  const tokenLogin = async (raw: unknown, { remoteIp }: ServerParams) => {
    const params = asParams(raw);
    const token = stringParam(params, 'token_')!;
    const code = stringParam(params, 'code_', false);
    if (code === undefined) {
      // Without code_: token_ is an earlier session token; check it and log in again.
      const username = sessionUser(token);
      if (!username)
        throw rpcFailure(FAXMAX_SIMULATOR_ERRORS.INVALID_SESSION, 'The session token is not valid');
      sessions.get(token)!.expiresAt = now() + sessionTtlMs;
      return { token, user_id: users.get(username)?.userId, username };
    }
    const verdict = await verifySsoToken(token, code, remoteIp);
    if (!verdict.ok) throw rpcFailure(verdict.code, verdict.message);
    return { token: issueSession(verdict.username), user_id: verdict.userId, username: verdict.username };
  };
  for (const name of options.tokenLoginMethods ?? [FAXMAX_METHODS.tokenLogin.name])
    server.addMethod(name, tokenLogin);

  const authenticate = (params: Record<string, unknown>): Required<FaxmaxSimulatorUser> => {
    if (typeof params.token_ === 'string') {
      const username = sessionUser(params.token_);
      if (!username)
        throw rpcFailure(FAXMAX_SIMULATOR_ERRORS.INVALID_SESSION, 'The session token is not valid');
      return users.get(username)!;
    }
    if (typeof params.username === 'string' && typeof params.password === 'string') {
      return checkPassword(params.username, params.password);
    }
    throw rpcFailure(
      FAXMAX_SIMULATOR_ERRORS.NOT_AUTHENTICATED,
      'Send token_ (from Core.login) or username and password with every call',
    );
  };

  const addMethod: FaxmaxSimulator['addMethod'] = (name, handler) => {
    server.addMethod(name, async (raw, { remoteIp }) => {
      const params = asParams(raw ?? {});
      const user = authenticate(params);
      const { token_: _token, password: _password, ...rest } = params;
      return handler(rest, { username: user.username, userId: user.userId, remoteIp });
    });
  };
  // Not a FaxMAX method: a simulator-only probe so tests and the sandbox can exercise call().
  addMethod('Simulator.whoami', (_params, context) => ({
    username: context.username,
    user_id: context.userId,
    remote_ip: context.remoteIp,
  }));

  const callerIp = (request: Request, caller?: CallerInfo): string => {
    if (proxyHeader) {
      const forwarded = request.headers.get(proxyHeader);
      const first = forwarded?.split(',')[0]?.trim();
      if (first) return first;
    }
    return caller?.remoteAddress ?? '127.0.0.1';
  };

  const { json } = respond;

  const rpcErrorReply = (id: JSONRPCRequest['id'], code: number, message: string) => {
    counters.rpcErrors++;
    return json(createJSONRPCErrorResponse(id ?? null, code, message));
  };

  async function readRpcText(request: Request): Promise<string | undefined> {
    const type = (request.headers.get('content-type') ?? '').toLowerCase();
    const isForm = type.startsWith('application/x-www-form-urlencoded');
    const isMultipart = type.startsWith('multipart/form-data');
    if (!isForm && !isMultipart) {
      counters.encodings.json++;
      return request.text();
    }
    counters.encodings[isForm ? 'form' : 'multipart']++;
    const form = await request.formData();
    const data = form.get('data');
    if (data === null) return undefined;
    return typeof data === 'string' ? data : await data.text();
  }

  async function handleRpc(request: Request, caller?: CallerInfo): Promise<Response> {
    let text: string | undefined;
    try {
      text = await readRpcText(request);
    } catch {
      return rpcErrorReply(null, JSONRPCErrorCode.ParseError, 'The request body could not be read');
    }
    if (text === undefined) {
      return rpcErrorReply(null, JSONRPCErrorCode.InvalidRequest, 'The form has no "data" field');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      return rpcErrorReply(null, JSONRPCErrorCode.ParseError, 'The request is not valid JSON');
    }
    if (Array.isArray(payload)) {
      return rpcErrorReply(null, JSONRPCErrorCode.InvalidRequest, 'Batch requests are not supported');
    }
    if (typeof payload !== 'object' || payload === null) {
      return rpcErrorReply(null, JSONRPCErrorCode.InvalidRequest, 'The request must be a JSON-RPC object');
    }
    const rpcRequest = payload as JSONRPCRequest;
    if (typeof rpcRequest.method === 'string' && /^[A-Za-z][\w.]{0,127}$/.test(rpcRequest.method)) {
      counters.rpc[rpcRequest.method] = (counters.rpc[rpcRequest.method] ?? 0) + 1;
    }
    if (!('id' in rpcRequest) || rpcRequest.id === null || rpcRequest.id === undefined) {
      counters.notificationsRefused++;
      return rpcErrorReply(
        null,
        JSONRPCErrorCode.InvalidRequest,
        'Notifications are not supported: send an id',
      );
    }
    const reply = await server.receive(rpcRequest, { remoteIp: callerIp(request, caller) });
    if (!reply) return new Response(null, { status: 204 });
    if (reply.error) counters.rpcErrors++;
    return json(reply);
  }

  function pageResult(verdict: SsoVerification, page: string | undefined): PageResult {
    if (verdict.ok) {
      issueSession(verdict.username);
      return {
        ok: true,
        headline: `Signed in as ${verdict.displayName} (${verdict.username})`,
        detail: `Welcome to ${domain}. The token was valid for ${verdict.remoteIp} until ${verdict.exp}.`,
        page,
        username: verdict.username,
      };
    }
    return {
      ok: false,
      reason: verdict.reason,
      headline: 'Sign-in refused',
      detail: verdict.message,
      page,
      ...(verdict.secondsLate === undefined ? {} : { secondsLate: verdict.secondsLate }),
      ...(verdict.expectedIp === undefined
        ? {}
        : { expectedIp: verdict.expectedIp, actualIp: verdict.actualIp }),
    };
  }

  async function handle(request: Request, caller?: CallerInfo): Promise<Response> {
    counters.requests++;
    const url = new URL(request.url);
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/api/v1') {
      if (request.method !== 'POST') return json({ error: 'Use POST for /api/v1' }, 405);
      return handleRpc(request, caller);
    }
    if (path === '/sso/verify' && request.method === 'POST') {
      counters.verifies++;
      let body: { token?: unknown; code?: unknown; page?: unknown };
      try {
        body = (await request.json()) as typeof body;
      } catch {
        return json({ ok: false, headline: 'Sign-in refused', detail: 'The request is not JSON' }, 400);
      }
      const page = typeof body?.page === 'string' && body.page !== '' ? body.page : undefined;
      if (typeof body?.token !== 'string' || typeof body?.code !== 'string') {
        return json(
          { ok: false, headline: 'Sign-in refused', detail: 'token and code are required', page },
          400,
        );
      }
      const result = pageResult(await verifySsoToken(body.token, body.code, callerIp(request, caller)), page);
      return json(result, result.ok ? 200 : 403);
    }
    if ((path === '/' || path === '/index.html') && request.method === 'GET') {
      counters.pages++;
      const token = url.searchParams.get('token');
      const code = url.searchParams.get('code');
      let result: PageResult | undefined;
      if (token !== null || code !== null) {
        result =
          token && code
            ? pageResult(await verifySsoToken(token, code, callerIp(request, caller)), undefined)
            : { ok: false, headline: 'Sign-in refused', detail: 'Both token and code are required' };
      }
      return respond.html(renderPage(domain, result), result && !result.ok ? 403 : 200, {
        'cache-control': 'no-store',
      });
    }
    return json({ error: `No route for ${request.method} ${path}` }, 404);
  }

  return {
    provider: 'faxmax',
    domain,
    apiCode,
    counters,
    resetCounters() {
      Object.assign(counters, freshCounters());
    },
    addUser,
    addMethod,
    verifySsoToken,
    sessionUser,
    handle,
  };
}
