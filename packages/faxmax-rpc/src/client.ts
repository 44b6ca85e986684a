import {
  type CommonClientOptions,
  commonOptionsShape,
  credential,
  describeBody,
  httpError,
  isSsoError,
  joinUrl,
  jsonResponseSecrets,
  jsonSecretValues,
  malformedResponse,
  parseInput,
  parseOptions,
  readJsonResponse,
  requestOptionsShape,
  resolveBaseUrl,
  SsoError,
  type Transport,
  type TransportRequest,
  type TransportResponse,
  transportFromOptions,
} from '@sso/core';
import * as z from '@sso/core/zod';
// Types only: the client frames its JSON-RPC 2.0 requests and replies itself (see README, "JSON-RPC").
import type { JSONRPCRequest, JSONRPCResponse } from 'json-rpc-2.0';
import { isTokenCipher, type TokenCipher } from './cipher.js';
import { rpcError } from './errors.js';
import { FAXMAX_METHODS } from './methods.js';

export type FaxmaxEncoding = 'form' | 'json';

export interface FaxmaxClientOptions extends CommonClientOptions {
  /** Your FaxMAX domain as a bare host name, e.g. `firma.faxmax.net`. Base URL `https://{domain}`. */
  domain: string;
  /** The API code defined on the domain (sent as `code_` and as `code` in login URLs). */
  apiCode: string;
  /** The API password defined on the domain: the key the SSO token is encrypted with. */
  apiPassword: string;
  /** The token encryption scheme (confirm it with FaxMAX): a built-in AES candidate or your own. */
  cipher: TokenCipher;
  /** `form` (default): the JSON-RPC text in form field `data`; `json`: the raw JSON as the body. */
  encoding?: FaxmaxEncoding;
  /** JSON-RPC method of the token login. Default `Core.token_login` (the document once says `Core.login_token`). */
  tokenLoginMethod?: string;
}

export interface SsoTokenInput {
  /** The FaxMAX user code to sign in. */
  username: string;
  /** The IP address the request will come from: the browser's (redirect) or your server's (API). */
  remoteIp: string;
  /** Validity in seconds, 1–3 (FaxMAX allows at most 3). Default 3. */
  ttlSeconds?: number;
}

export interface LoginUrlInput extends SsoTokenInput {
  /** A page to open after the sign-in, e.g. `inboxes` → `https://{domain}/#inboxes?token=…&code=…`. */
  page?: string;
}

export interface LoginInput {
  username: string;
  password: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
}

export interface CallOptions extends RequestOptions {
  /**
   * Let the transport retry this call on network errors and 429/502/503/504. Only for methods that
   * are harmless to run twice. Default false.
   */
  idempotent?: boolean;
}

export interface LoginResult {
  /** The session token, sent as `token_` by `call`. */
  token: string;
  /** The user id, when FaxMAX returns one. */
  userId?: string | number;
}

export interface TokenLoginResult {
  token: string;
}

export interface FaxmaxClient {
  /** `https://{domain}/` or the `baseUrl` override. */
  readonly baseUrl: string;
  /** `{base}api/v1`. */
  readonly endpoint: string;
  /** Whether a login has stored a session token for `call`. */
  readonly hasSession: boolean;
  /** The encrypted SSO token for `{"username","exp","remote_ip"}`. No I/O. */
  ssoToken(input: SsoTokenInput): Promise<string>;
  /** The browser redirect URL `https://{domain}/[#page]?token=…&code=…`. No I/O. */
  loginUrl(input: LoginUrlInput): Promise<string>;
  /** `Core.login` with a password; stores the session token. */
  login(input: LoginInput, options?: RequestOptions): Promise<LoginResult>;
  /** `Core.token_login` with a fresh SSO token (`token_`) and the API code (`code_`); stores the session token. */
  tokenLogin(input: SsoTokenInput, options?: RequestOptions): Promise<TokenLoginResult>;
  /** Any JSON-RPC method, with `token_` from the last login added to the params. */
  call<T = unknown>(method: string, params?: Record<string, unknown>, options?: CallOptions): Promise<T>;
  /** Forgets the stored session token (FaxMAX documents no logout method). */
  clearSession(): void;
}

const PROVIDER = 'faxmax';
const HOST_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST_PATTERN = new RegExp(`^(?=.{1,253}$)${HOST_LABEL}(?:\\.${HOST_LABEL})*$`, 'i');
const PAGE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_\-./]{0,127}$/;
const METHOD_PATTERN = /^[A-Za-z_][A-Za-z0-9_.]{0,127}$/;
const MAX_TTL_SECONDS = 3;

const ipSchema = z.union([z.ipv4(), z.ipv6()]);
export function isIpAddress(value: string): boolean {
  return z.safeParse(ipSchema, value).success;
}

const optionsSchema = z.strictObject({
  ...commonOptionsShape,
  domain: z
    .string()
    .check(
      z.refine(
        (v) => HOST_PATTERN.test(v),
        'must be a bare host name such as firma.faxmax.net (no scheme, port, path, query or user info)',
      ),
    ),
  apiCode: credential(),
  apiPassword: credential(),
  cipher: z.custom<TokenCipher>(
    isTokenCipher,
    'must be an object with encrypt(plaintext, key) and decrypt(token, key)',
  ),
  encoding: z.optional(z.enum(['form', 'json'])),
  tokenLoginMethod: z.optional(z.string().check(z.regex(METHOD_PATTERN, 'must be a JSON-RPC method name'))),
});

const username = credential();
const remoteIp = z.string().check(z.refine(isIpAddress, 'must be an IPv4 or IPv6 address'));
const ttlSeconds = z.optional(z.int().check(z.gte(1), z.lte(MAX_TTL_SECONDS)));
const ssoTokenSchema = z.strictObject({ username, remoteIp, ttlSeconds });
const loginUrlSchema = z.strictObject({
  username,
  remoteIp,
  ttlSeconds,
  page: z.optional(z.string().check(z.regex(PAGE_PATTERN, 'must be a page name such as "inboxes"'))),
});
const loginSchema = z.strictObject({ username, password: z.string().check(z.minLength(1)) });
const requestOptionsSchema = z.optional(z.strictObject(requestOptionsShape()));
const methodSchema = z
  .string()
  .check(z.regex(METHOD_PATTERN, 'must be a JSON-RPC method name such as "Core.login"'));
const paramsSchema = z.optional(
  z.custom<Record<string, unknown>>(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
    'must be an object of named parameters',
  ),
);

const rpcErrorSchema = z.object({ code: z.int(), message: z.string(), data: z.optional(z.unknown()) });
const replyIdSchema = z.union([z.string(), z.number(), z.null()]);
const errorReplySchema = z.object({ jsonrpc: z.literal('2.0'), id: replyIdSchema, error: rpcErrorSchema });
const successReplySchema = z.object({ jsonrpc: z.literal('2.0'), id: replyIdSchema });
const tokenResultSchema = z.union([
  z.string().check(z.minLength(1)),
  z.looseObject({
    token: z.string().check(z.minLength(1)),
    user_id: z.optional(z.union([z.string(), z.number()])),
  }),
]);

const isReplyId = (v: unknown): v is string | number | null =>
  v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/** A subset of what successReplySchema accepts, checked without a schema pass (hot path). */
function isPlainSuccessReply(body: unknown): body is { jsonrpc: '2.0'; id: string | number | null } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const reply = body as { jsonrpc?: unknown; id?: unknown };
  return reply.jsonrpc === '2.0' && isReplyId(reply.id);
}

/** A subset of the object branch of tokenResultSchema, checked without a schema pass (hot path). */
function isPlainTokenResult(result: unknown): result is { token: string; user_id?: string | number } {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return false;
  const { token, user_id } = result as { token?: unknown; user_id?: unknown };
  return (
    typeof token === 'string' &&
    token !== '' &&
    (user_id === undefined ||
      typeof user_id === 'string' ||
      (typeof user_id === 'number' && Number.isFinite(user_id)))
  );
}

/** The forms a secret takes in our requests: raw, JSON-escaped, and form-encoded (both). */
function wireForms(secret: string | undefined): string[] {
  if (!secret) return [];
  const json = JSON.stringify(secret).slice(1, -1);
  const form = (s: string) => new URLSearchParams([['', s]]).toString().slice(1);
  return [secret, json, form(secret), form(json)];
}

/** A value computed on first use and kept. */
function lazily<T>(compute: () => T): () => T {
  let value: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value as T;
  };
}

/** Keys whose string values are credentials, anywhere in a reply. */
const isCredentialKey = (key: string) => /token|session|password|secret/i.test(key);
/** The credentials a reply issues, kept out of the `onResponse` payload of that very reply. */
const issuedCredentials = jsonResponseSecrets(isCredentialKey);

interface CallState {
  operation: string;
  method: string;
  request?: TransportRequest;
  response?: TransportResponse;
  secrets: () => string[];
  idempotent: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export function createFaxmaxClient(options: FaxmaxClientOptions): FaxmaxClient {
  const parsed = parseOptions(optionsSchema, options, {
    provider: PROVIDER,
    operation: 'createFaxmaxClient',
  });
  const domain = parsed.domain.toLowerCase();
  const baseUrl = resolveBaseUrl(parsed.baseUrl ?? `https://${domain}/`, {
    provider: PROVIDER,
    allowInsecureHttp: parsed.allowInsecureHttp,
  });
  const endpoint = joinUrl(baseUrl, 'api/v1');
  const encoding: FaxmaxEncoding = parsed.encoding ?? 'form';
  const tokenLoginMethod = parsed.tokenLoginMethod ?? FAXMAX_METHODS.tokenLogin.name;
  const now = parsed.now ?? Date.now;
  // Secrets live only in this closure: the returned object holds methods, never values.
  const apiCode = parsed.apiCode;
  const apiPassword = parsed.apiPassword;
  const cipher = parsed.cipher;
  let sessionToken: string | undefined;
  // Tokens seen in replies, redacted from every later hook payload and error (the reply that
  // carried them is covered by the request's `responseSecrets`).
  const learned: string[] = [];
  const learn = (values: string[]) => {
    for (const v of values) if (v.length >= 3 && !learned.includes(v)) learned.push(v);
    if (learned.length > 16) learned.splice(0, learned.length - 16);
  };

  const clientSecrets = () => [
    ...wireForms(apiPassword),
    ...wireForms(sessionToken),
    ...learned.flatMap(wireForms),
  ];

  const transport: Transport = transportFromOptions(
    PROVIDER,
    { ...parsed, hooks: options.hooks },
    clientSecrets,
  );

  const headers: Record<string, string> =
    encoding === 'form'
      ? { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', accept: 'application/json' }
      : { 'content-type': 'application/json', accept: 'application/json' };
  const encodeBody = (json: string) =>
    encoding === 'form' ? new URLSearchParams([['data', json]]).toString() : json;

  function readReply(
    response: TransportResponse,
    id: string | number | null,
    state: CallState,
  ): JSONRPCResponse {
    const redact = (text: string) => transport.redact(text, state.request);
    const context = { provider: PROVIDER, operation: state.operation, redact } as const;
    const body = readJsonResponse(response, { ...context, expected: 'a JSON-RPC reply' });
    learn(jsonSecretValues(body, isCredentialKey));
    if (Array.isArray(body)) {
      throw malformed(state, response, 'the server sent a batch reply to a single request');
    }
    const ok = response.status >= 200 && response.status < 300;
    // Only a body with an `error` member can be an error reply: skip that parse for the rest.
    const failed =
      typeof body === 'object' && body !== null && 'error' in body
        ? z.safeParse(errorReplySchema, body)
        : undefined;
    if (failed?.success) {
      const reply = failed.data;
      if (reply.id === id) return reply as JSONRPCResponse;
      // JSON-RPC servers answer with id null when they could not read the request's id.
      if (reply.id === null) return { ...reply, id } as JSONRPCResponse;
      throw malformed(state, response, 'the reply id does not match the request id');
    }
    // The common reply ({"jsonrpc":"2.0","id":…,"result":…}) is checked by hand; anything else goes
    // through the schema, so both paths accept exactly the same bodies.
    const succeeded = isPlainSuccessReply(body)
      ? { success: true as const, data: body }
      : z.safeParse(successReplySchema, body);
    const hasResult = typeof body === 'object' && body !== null && 'result' in body && !('error' in body);
    if (!ok) throw httpError(response, context);
    if (!succeeded.success || !hasResult) {
      throw malformed(
        state,
        response,
        `the reply is not a JSON-RPC 2.0 response (${describeBody(response.text, redact)})`,
      );
    }
    if (succeeded.data.id !== id)
      throw malformed(state, response, 'the reply id does not match the request id');
    return { jsonrpc: '2.0', id, result: (body as { result: unknown }).result } as JSONRPCResponse;
  }

  const malformed = (state: CallState, response: TransportResponse, detail: string): SsoError =>
    malformedResponse(response, { provider: PROVIDER, operation: state.operation }, detail);

  async function invoke(
    operation: string,
    method: string,
    params: Record<string, unknown>,
    extra: { secrets: () => string[]; idempotent: boolean; signal?: AbortSignal; timeoutMs?: number },
  ): Promise<unknown> {
    const state: CallState = { operation, method, ...extra };
    // A fresh UUID per call: ids never repeat, across calls or clients (as in FaxMAX's own examples).
    const payload: JSONRPCRequest = { jsonrpc: '2.0', id: crypto.randomUUID(), method, params };
    const request: TransportRequest = {
      operation,
      method: 'POST',
      url: endpoint,
      headers,
      body: encodeBody(JSON.stringify(payload)),
      idempotent: state.idempotent,
      // The wire forms of a call's secrets are only needed to redact a hook payload or an error
      // message: worked out on first read.
      get secrets() {
        return state.secrets();
      },
      responseSecrets: issuedCredentials,
      signal: state.signal,
      timeoutMs: state.timeoutMs,
    };
    state.request = request;
    let response: TransportResponse;
    try {
      response = await transport.send(request);
    } catch (error) {
      throw isSsoError(error)
        ? error
        : new SsoError('NETWORK', `${operation} failed`, { provider: PROVIDER, operation });
    }
    state.response = response;
    let reply: JSONRPCResponse;
    try {
      reply = readReply(response, payload.id ?? null, state);
    } catch (error) {
      throw transport.fail(request, error as SsoError);
    }
    if (reply.error) {
      const error = rpcError(reply.error, {
        operation,
        method,
        status: state.response?.status,
        redact: (text) => transport.redact(text, state.request),
      });
      throw state.request ? transport.fail(state.request, error) : error;
    }
    return reply.result;
  }

  function readToken(operation: string, result: unknown): LoginResult {
    if (typeof result === 'string' && result !== '') return { token: result };
    if (isPlainTokenResult(result)) {
      return result.user_id === undefined
        ? { token: result.token }
        : { token: result.token, userId: result.user_id };
    }
    const parsedResult = z.safeParse(tokenResultSchema, result);
    if (!parsedResult.success) {
      throw new SsoError('MALFORMED_RESPONSE', `${operation}: the result carries no session token`, {
        provider: PROVIDER,
        operation,
      });
    }
    const value = parsedResult.data;
    if (typeof value === 'string') return { token: value };
    return value.user_id === undefined
      ? { token: value.token }
      : { token: value.token, userId: value.user_id };
  }

  async function encryptToken(input: z.infer<typeof ssoTokenSchema>): Promise<string> {
    const exp = Math.floor(now() / 1000) + (input.ttlSeconds ?? MAX_TTL_SECONDS);
    const plaintext = JSON.stringify({ username: input.username, exp, remote_ip: input.remoteIp });
    let token: unknown;
    try {
      token = await cipher.encrypt(plaintext, apiPassword);
    } catch (error) {
      if (isSsoError(error)) throw error;
      // The cause is dropped on purpose: a custom cipher's error may quote the key.
      throw new SsoError(
        'INVALID_CONFIG',
        `ssoToken: cipher.encrypt failed (${(error as Error)?.name ?? 'error'})`,
        {
          provider: PROVIDER,
          operation: 'ssoToken',
        },
      );
    }
    if (typeof token !== 'string' || token === '') {
      throw new SsoError('INVALID_CONFIG', 'ssoToken: cipher.encrypt must return a non-empty string', {
        provider: PROVIDER,
        operation: 'ssoToken',
      });
    }
    return token;
  }

  const ctx = (operation: string) => ({ provider: PROVIDER, operation }) as const;

  const client: FaxmaxClient = {
    baseUrl,
    endpoint,
    get hasSession() {
      return sessionToken !== undefined;
    },

    ssoToken(input) {
      try {
        return encryptToken(parseInput(ssoTokenSchema, input, ctx('ssoToken')));
      } catch (error) {
        return Promise.reject(error);
      }
    },

    async loginUrl(input) {
      const { page, ...rest } = parseInput(loginUrlSchema, input, ctx('loginUrl'));
      const token = await encryptToken(rest);
      const query = `?token=${encodeURIComponent(token)}&code=${encodeURIComponent(apiCode)}`;
      return page === undefined ? `${baseUrl}${query}` : `${baseUrl}#${page}${query}`;
    },

    async login(input, options) {
      const args = parseInput(loginSchema, input, ctx('login'));
      const opts =
        options === undefined
          ? undefined
          : parseInput(requestOptionsSchema, options, { ...ctx('login'), root: 'options' });
      const result = await invoke(
        'login',
        FAXMAX_METHODS.login.name,
        { username: args.username, password: args.password },
        {
          secrets: lazily(() => wireForms(args.password)),
          idempotent: FAXMAX_METHODS.login.idempotent,
          signal: opts?.signal,
          timeoutMs: opts?.timeoutMs,
        },
      );
      const session = readToken('login', result);
      sessionToken = session.token;
      return session;
    },

    async tokenLogin(input, options) {
      const args = parseInput(ssoTokenSchema, input, ctx('tokenLogin'));
      const opts =
        options === undefined
          ? undefined
          : parseInput(requestOptionsSchema, options, { ...ctx('tokenLogin'), root: 'options' });
      const ssoToken = await encryptToken(args);
      const result = await invoke(
        'tokenLogin',
        tokenLoginMethod,
        { token_: ssoToken, code_: apiCode },
        {
          secrets: lazily(() => wireForms(ssoToken)),
          idempotent: FAXMAX_METHODS.tokenLogin.idempotent,
          signal: opts?.signal,
          timeoutMs: opts?.timeoutMs,
        },
      );
      const { token } = readToken('tokenLogin', result);
      sessionToken = token;
      return { token };
    },

    async call<T = unknown>(
      method: string,
      params?: Record<string, unknown>,
      options?: CallOptions,
    ): Promise<T> {
      const name = parseInput(methodSchema, method, { ...ctx('call'), root: 'method' });
      const args = parseInput(paramsSchema, params, { ...ctx('call'), root: 'params' }) ?? {};
      const opts =
        options === undefined
          ? undefined
          : parseInput(requestOptionsSchema, options, { ...ctx('call'), root: 'options' });
      const explicit = typeof args.token_ === 'string' || typeof args.password === 'string';
      if (!explicit && sessionToken === undefined) {
        throw new SsoError(
          'AUTHENTICATION_FAILED',
          `call: no session for ${name}; call login() or tokenLogin() first`,
          {
            provider: PROVIDER,
            operation: 'call',
          },
        );
      }
      const withToken = explicit ? args : { ...args, token_: sessionToken };
      const secrets = lazily(() =>
        [args.token_, args.password].flatMap((v) => (typeof v === 'string' ? wireForms(v) : [])),
      );
      return (await invoke('call', name, withToken, {
        secrets,
        idempotent: opts?.idempotent ?? false,
        signal: opts?.signal,
        timeoutMs: opts?.timeoutMs,
      })) as T;
    },

    clearSession() {
      sessionToken = undefined;
    },
  };
  return Object.freeze(client);
}
