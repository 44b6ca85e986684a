import {
  type CommonClientOptions,
  commonOptionsShape,
  constantHeaders,
  credential,
  describeBody,
  formEncode,
  httpError,
  isSsoError,
  joinUrl,
  jsonResponseRedactor,
  jsonSecretValues,
  malformedResponse,
  parseInput,
  type ResponseContext,
  type ResponseRedactor,
  readJsonResponse,
  requestOptionsShape,
  SsoError,
  setupProvider,
  type TransportRequest,
  type TransportResponse,
} from '@sso/core/provider';
import * as z from '@sso/core/zod';
// Types only: the client frames its JSON-RPC 2.0 requests and replies itself (see README, "JSON-RPC").
import type { JSONRPCResponse } from 'json-rpc-2.0';
import { isTokenCipher, type TokenCipher } from './cipher.js';
import { rpcError } from './errors.js';
import {
  checkCoreLoginParams,
  checkCoreLoginResult,
  checkCoreTokenLoginParams,
  checkJsonRpcErrorReply,
  checkJsonRpcSuccessReply,
  type JsonRpcErrorReply,
  type JsonRpcSuccessReply,
  type Session,
} from './generated/model.js';
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

// Exactly what z.union([z.ipv4(), z.ipv6()]) accepts (a test holds them together), without a schema
// pass: a dotted quad, or the IPv6 alphabet and an address the URL parser takes as a host.
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6_ALPHABET = /^[0-9a-fA-F:.]+$/;
export function isIpAddress(value: string): boolean {
  return (
    typeof value === 'string' &&
    (IPV4.test(value) || (IPV6_ALPHABET.test(value) && URL.canParse(`http://[${value}]`)))
  );
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

type Check = (value: unknown, at?: string) => string | undefined;

/** The body that carries a JSON-RPC request text: form field `data`, or the JSON itself. */
const bodyOf = (encoding: FaxmaxEncoding, json: string) =>
  encoding === 'form' ? `data=${formEncode(json)}` : json;

/** Keys whose string values are credentials, anywhere in a reply. */
export const isCredentialKey = (key: string) => /token|session|password|secret/i.test(key);
/** The credentials a reply issues, kept out of the `onResponse` payload of that very reply. */
const issuedCredentials = jsonResponseRedactor(isCredentialKey);
/**
 * A login method's reply may carry the session token as the bare `result` string (which
 * `login()` accepts), so there the top-level `result` is a credential too.
 */
const issuedLoginCredentials = jsonResponseRedactor(
  (key, depth) => isCredentialKey(key) || (key === 'result' && depth === 0),
);
const LOGIN_METHOD = /login/i;

/**
 * One JSON-RPC call (a POST, the transport's default method).
 */
class RpcRequest implements TransportRequest {
  readonly redactResponse: ResponseRedactor;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;

  constructor(
    readonly operation: string,
    method: string,
    readonly url: string,
    readonly headers: Record<string, string>,
    readonly body: string,
    readonly idempotent: boolean,
    /** The call's own secret values (password, SSO token, session token). */
    private readonly callSecrets: readonly unknown[],
    options: RequestOptions | undefined,
  ) {
    this.redactResponse = LOGIN_METHOD.test(method) ? issuedLoginCredentials : issuedCredentials;
    this.signal = options?.signal;
    this.timeoutMs = options?.timeoutMs;
  }

  // Read only by hooks and errors; the transport adds the forms the values take on the wire.
  get secrets(): string[] {
    return this.callSecrets.filter((secret): secret is string => typeof secret === 'string');
  }
}

const ctx = (operation: string) => ({ provider: PROVIDER, operation }) as const;

/** The values of a call's params that the spec marks `x-sso-secret`. */
const secretsOf = (params: Record<string, unknown>, keys: readonly string[]) =>
  keys.map((key) => params[key]);

export function createFaxmaxClient(options: FaxmaxClientOptions): FaxmaxClient {
  let sessionToken: string | undefined;
  // Tokens seen in replies, redacted from every later hook payload and error (the reply that
  // carried them is covered by the request's `redactResponse`).
  const learned: string[] = [];
  const learn = (values: string[]) => {
    for (const v of values) if (v.length >= 3 && !learned.includes(v)) learned.push(v);
    if (learned.length > 16) learned.splice(0, learned.length - 16);
  };
  const {
    options: parsed,
    baseUrl,
    transport,
  } = setupProvider(
    {
      provider: PROVIDER,
      factory: 'createFaxmaxClient',
      options: optionsSchema,
      defaultBaseUrl: (o) => `https://${o.domain.toLowerCase()}/`,
      // Raw values: the transport redacts the forms they take on the wire as well.
      secrets: (o) => () => [o.apiPassword, sessionToken, ...learned],
    },
    options,
  );
  const endpoint = joinUrl(baseUrl, 'api/v1');
  const encoding: FaxmaxEncoding = parsed.encoding ?? 'form';
  const tokenLoginMethod = parsed.tokenLoginMethod ?? FAXMAX_METHODS.tokenLogin.name;
  const now = parsed.now ?? Date.now;
  // Secrets live only in this closure: the returned object holds methods, never values.
  const apiCode = parsed.apiCode;
  const apiPassword = parsed.apiPassword;
  const cipher = parsed.cipher;

  const headers = constantHeaders({
    'content-type':
      encoding === 'form' ? 'application/x-www-form-urlencoded;charset=UTF-8' : 'application/json',
    accept: 'application/json',
  });

  /** What error messages about a reply need; built only when one is thrown. */
  const replyContext = (request: RpcRequest): ResponseContext => ({
    provider: PROVIDER,
    operation: request.operation,
    redact: (text: string) => transport.redact(text, request),
  });

  function readReply(response: TransportResponse, id: string, request: RpcRequest): JSONRPCResponse {
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      // Not JSON: readJsonResponse parses it again and throws the error that says what came instead.
      body = readJsonResponse(response, { ...replyContext(request), expected: 'a JSON-RPC reply' });
    }
    learn(jsonSecretValues(body, isCredentialKey));
    if (Array.isArray(body)) {
      throw malformed(request, response, 'the server sent a batch reply to a single request');
    }
    const ok = response.status >= 200 && response.status < 300;
    // Only a body with an `error` member can be an error reply: skip that parse for the rest.
    const hasError = typeof body === 'object' && body !== null && 'error' in body;
    if (hasError && checkJsonRpcErrorReply(body) === undefined) {
      const reply = body as JsonRpcErrorReply;
      const error = { code: reply.error.code, message: reply.error.message, data: reply.error.data };
      if (reply.id === id || reply.id === null) {
        // JSON-RPC servers answer with id null when they could not read the request's id.
        return { jsonrpc: '2.0', id, error } as JSONRPCResponse;
      }
      throw malformed(request, response, 'the reply id does not match the request id');
    }
    if (!ok) throw httpError(response, replyContext(request));
    if (hasError || checkJsonRpcSuccessReply(body) !== undefined) {
      throw malformed(
        request,
        response,
        `the reply is not a JSON-RPC 2.0 response (${describeBody(response.text, replyContext(request).redact)})`,
      );
    }
    const reply = body as JsonRpcSuccessReply;
    if (reply.id !== id) throw malformed(request, response, 'the reply id does not match the request id');
    return { jsonrpc: '2.0', id, result: reply.result } as JSONRPCResponse;
  }

  const malformed = (request: RpcRequest, response: TransportResponse, detail: string): SsoError =>
    malformedResponse(response, replyContext(request), detail);

  /** Sends JSON-RPC request `id` (`method`, framed in `body`) and returns its result. */
  function invoke(
    operation: string,
    method: string,
    id: string,
    body: string,
    idempotent: boolean,
    secrets: readonly unknown[],
    options: RequestOptions | undefined,
  ): Promise<unknown> {
    const request = new RpcRequest(operation, method, endpoint, headers, body, idempotent, secrets, options);
    return transport.call(request, (response, redact) => {
      const reply = readReply(response, id, request);
      if (reply.error) {
        // The row comes from the operation (FaxMAX publishes no codes) or the reserved JSON-RPC code.
        throw rpcError(reply.error, { operation, method, status: response.status, redact });
      }
      return reply.result;
    });
  }

  /** Frames and sends a JSON-RPC request with a fresh UUID (ids never repeat, across calls or clients). */
  function invokeWith(
    operation: string,
    method: string,
    params: Record<string, unknown>,
    idempotent: boolean,
    secrets: readonly unknown[],
    options: RequestOptions | undefined,
    check?: Check,
  ): Promise<unknown> {
    const problem = check?.(params, 'params');
    if (problem !== undefined) {
      return Promise.reject(new SsoError('INVALID_INPUT', `${operation}: ${problem}`, ctx(operation)));
    }
    const id = crypto.randomUUID();
    const body = bodyOf(encoding, JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    return invoke(operation, method, id, body, idempotent, secrets, options);
  }

  function readToken(operation: string, result: unknown): LoginResult {
    if (checkCoreLoginResult(result) !== undefined) {
      throw new SsoError('MALFORMED_RESPONSE', `${operation}: the result carries no session token`, {
        provider: PROVIDER,
        operation,
      });
    }
    const session = result as Session;
    if (typeof session === 'string') return { token: session };
    return session.user_id === undefined
      ? { token: session.token }
      : { token: session.token, userId: session.user_id };
  }

  /** The SSO token: a string when the cipher is synchronous (no promise on the hot path), else a promise. */
  function encryptToken(input: SsoTokenInput): string | Promise<string> {
    const exp = Math.floor(now() / 1000) + (input.ttlSeconds ?? MAX_TTL_SECONDS);
    const plaintext = JSON.stringify({ username: input.username, exp, remote_ip: input.remoteIp });
    let token: unknown;
    try {
      token = cipher.encrypt(plaintext, apiPassword);
    } catch (error) {
      token = Promise.reject(error);
    }
    return typeof token === 'string' && token !== '' ? token : settleToken(token);
  }

  async function settleToken(pending: unknown): Promise<string> {
    let token: unknown;
    try {
      token = await pending;
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

  const client: FaxmaxClient = {
    baseUrl,
    endpoint,
    get hasSession() {
      return sessionToken !== undefined;
    },

    async ssoToken(input) {
      return encryptToken(parseInput(ssoTokenSchema, input, ctx('ssoToken')));
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
      const method = FAXMAX_METHODS.login;
      const params = { username: args.username, password: args.password };
      const result = await invokeWith(
        'login',
        method.name,
        params,
        method.idempotent,
        secretsOf(params, method.paramSecrets),
        opts,
        checkCoreLoginParams,
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
      const encrypted = encryptToken(args);
      const ssoToken = typeof encrypted === 'string' ? encrypted : await encrypted;
      const method = FAXMAX_METHODS.tokenLogin;
      const params = { token_: ssoToken, code_: apiCode };
      const result = await invokeWith(
        'tokenLogin',
        tokenLoginMethod,
        params,
        method.idempotent,
        secretsOf(params, method.paramSecrets),
        opts,
        checkCoreTokenLoginParams,
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
      return (await invokeWith(
        'call',
        name,
        withToken,
        opts?.idempotent ?? false,
        [args.token_, args.password],
        opts,
      )) as T;
    },

    clearSession() {
      sessionToken = undefined;
    },
  };
  return Object.freeze(client);
}
