import { joinUrl, parseInput, SsoError, setupProvider } from '@sso/core/provider';
import {
  checkCoreLoginParams,
  checkCoreLoginResult,
  checkCoreTokenLoginParams,
  type Session,
} from './generated/model.js';
import { FAXMAX_METHODS } from './methods.js';
import {
  loginSchema,
  loginUrlSchema,
  methodSchema,
  optionsSchema,
  paramsSchema,
  requestOptionsSchema,
  ssoTokenSchema,
} from './options.js';
import { createRpcChannel } from './rpc.js';
import { createTokenEncryptor } from './sso-token.js';
import type { CallOptions, FaxmaxClient, FaxmaxClientOptions, FaxmaxEncoding, LoginResult } from './types.js';

const PROVIDER = 'faxmax';

const ctx = (operation: string) => ({ provider: PROVIDER, operation }) as const;

/** A method's request options, checked (INVALID_INPUT before any I/O); none when not given. */
const callOptions = (options: unknown, operation: string) =>
  options === undefined
    ? undefined
    : parseInput(requestOptionsSchema, options, { provider: PROVIDER, operation, root: 'options' });

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
  // Secrets live only in this closure: the returned object holds methods, never values.
  const apiCode = parsed.apiCode;
  const encryptToken = createTokenEncryptor({
    provider: PROVIDER,
    cipher: parsed.cipher,
    apiPassword: parsed.apiPassword,
    now: parsed.now ?? Date.now,
  });
  const rpc = createRpcChannel({ provider: PROVIDER, endpoint, encoding, transport, learn });

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
      const opts = callOptions(options, 'login');
      const method = FAXMAX_METHODS.login;
      const params = { username: args.username, password: args.password };
      const result = await rpc.invoke(
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
      const opts = callOptions(options, 'tokenLogin');
      const encrypted = encryptToken(args);
      const ssoToken = typeof encrypted === 'string' ? encrypted : await encrypted;
      const method = FAXMAX_METHODS.tokenLogin;
      const params = { token_: ssoToken, code_: apiCode };
      const result = await rpc.invoke(
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
      const opts = callOptions(options, 'call');
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
      return (await rpc.invoke(
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
