import {
  type CommonClientOptions,
  commonOptionsShape,
  constantHeaders,
  credential,
  httpError,
  joinUrl,
  jsonResponseRedactor,
  malformedResponse,
  parseInput,
  pathSegment,
  readJsonResponse,
  setupProvider,
  type Transport,
  type TransportRequest,
} from '@sso/core/provider';
import * as s from '@sso/core/schema';
import { BEYONDVISIT_BASE_URL } from './constants.js';
import {
  type BeyondVisitErrorEntry,
  CREATE_USER_ERRORS,
  LOGIN_TOKEN_ERRORS,
  providerError,
} from './errors.js';
import {
  type CreateUserFailure,
  type CreateUserRequest,
  checkCreateUserFailure,
  checkCreateUserSuccess,
  checkLoginTokenFailure,
  checkLoginTokenSuccess,
  type LoginTokenRequest,
  LoginTokenRequestLengths,
  NewUserLengths,
  operations,
} from './generated/model.js';
import { beyondVisitSign } from './sign.js';

export { BEYONDVISIT_BASE_URL };

export interface BeyondVisitClientOptions extends CommonClientOptions {
  /** The partner API key BeyondVisit sent by e-mail (at most 32 characters). */
  apiKey: string;
  /** The partner secret key. Only its MD5 with the API key (the sign) is sent. */
  secretKey: string;
}

export interface CreateUserInput {
  /** First name, 1–50 characters. */
  name: string;
  /** Surname, 1–50 characters. */
  surname: string;
  /** E-mail address, at most 254 characters. */
  email: string;
  /** Home page of the user's site, starting with `http://` or `https://`, at most 2000 characters. */
  site: string;
}

export interface CreateUserResult {
  /** The user's permanent token: store it with the user, every later sign-in needs it. */
  userToken: string;
}

export interface CreateLoginTokenInput {
  /** The userToken CreateUser returned (at most 32 characters). */
  userToken: string;
}

export interface CreateLoginTokenResult {
  /** One-time token for `loginUrl()`; get a new one for every sign-in. */
  loginToken: string;
  /** The user's code for BeyondVisit's tag scripts. */
  userCode: string;
}

export interface CallOptions {
  /** Aborts the call (the error is ABORTED). */
  signal?: AbortSignal;
}

export interface BeyondVisitClient {
  /** The normalised base URL every request goes to (ends with `/`). */
  readonly baseUrl: string;
  /** `POST /external/CreateUser`. Creates a user every time it succeeds, so it is never retried. */
  createUser(input: CreateUserInput, options?: CallOptions): Promise<CreateUserResult>;
  /** `POST /external/LoginToken`. Safe to repeat (see README), so retried on network errors and 5xx. */
  createLoginToken(input: CreateLoginTokenInput, options?: CallOptions): Promise<CreateLoginTokenResult>;
  /** `{base}external/Login/{loginToken}`: where to redirect the user's browser. */
  loginUrl(loginToken: string): string;
  /** The static request signature `md5(apiKey + secretKey)`, lower-case hex. As secret as the secret key. */
  sign(): string;
}

const PROVIDER = 'beyondvisit';
const HEADERS = constantHeaders({
  'content-type': 'application/json; charset=utf-8',
  accept: 'application/json',
});

const nonBlank = s.refine<string>((value) => value.trim() !== '', 'must not be blank');

// The length limits come from the spec (the generated `…Lengths`); the inputs are camelCase
// arguments mapped onto the wire body, so they are checked here, with messages in their names.
const optionsSchema = s.strictObject({
  ...commonOptionsShape,
  apiKey: credential().check(s.maxLength(LoginTokenRequestLengths.apiKey.max)),
  secretKey: credential(),
});

const createUserInputSchema = s.strictObject({
  name: s.string().check(s.lengths(NewUserLengths.Name), nonBlank),
  surname: s.string().check(s.lengths(NewUserLengths.Surname), nonBlank),
  email: s.string().check(
    s.lengths(NewUserLengths.Email),
    s.refine((value: string) => /^[^\s@]+@[^\s@]+$/.test(value), 'must be an e-mail address'),
  ),
  site: s.string().check(
    s.lengths(NewUserLengths.Site),
    s.refine(
      (value: string) => /^https?:\/\/[^\s/?#]/.test(value) && !/\s/.test(value) && URL.canParse(value),
      'must be an absolute URL starting with http:// or https://',
    ),
  ),
});

const createLoginTokenInputSchema = s.strictObject({
  userToken: credential().check(s.maxLength(LoginTokenRequestLengths.userToken.max)),
});

const loginTokenSchema = credential();

type Check = (value: unknown, at?: string) => string | undefined;

/** One operation of the spec as the client runs it: its generated table row and answer checks. */
interface Operation {
  name: 'createUser' | 'createLoginToken';
  spec: (typeof operations)['createUser' | 'loginToken'];
  success: Check;
  failure: Check;
  table: Readonly<Record<number, BeyondVisitErrorEntry>>;
}

const CREATE_USER: Operation = {
  name: 'createUser',
  spec: operations.createUser,
  success: checkCreateUserSuccess,
  failure: checkCreateUserFailure,
  table: CREATE_USER_ERRORS,
};

const CREATE_LOGIN_TOKEN: Operation = {
  name: 'createLoginToken',
  spec: operations.loginToken,
  success: checkLoginTokenSuccess,
  failure: checkLoginTokenFailure,
  table: LOGIN_TOKEN_ERRORS,
};

/** The new secrets each answer issues (the spec's `x-sso-secret` fields), kept out of `onResponse`. */
const issued = {
  createUser: jsonResponseRedactor(operations.createUser.responseSecrets),
  createLoginToken: jsonResponseRedactor(operations.loginToken.responseSecrets),
};

/** Creates a BeyondVisit partner client. Invalid options throw INVALID_CONFIG. */
export function createBeyondVisitClient(options: BeyondVisitClientOptions): BeyondVisitClient {
  const {
    options: parsed,
    baseUrl,
    transport,
  } = setupProvider(
    {
      provider: PROVIDER,
      factory: 'createBeyondVisitClient',
      options: optionsSchema,
      defaultBaseUrl: () => BEYONDVISIT_BASE_URL,
      secrets: (o) => {
        const sign = beyondVisitSign(o.apiKey, o.secretKey);
        return () => [o.secretKey, sign];
      },
    },
    options,
  );
  const { apiKey, secretKey } = parsed;
  // Computed once: the sign is static, and a secret, so it lives only in this closure.
  const sign = beyondVisitSign(apiKey, secretKey);
  const url = (operation: Operation) => joinUrl(baseUrl, operation.spec.path.slice(1));
  const createUserUrl = url(CREATE_USER);
  const loginTokenUrl = url(CREATE_LOGIN_TOKEN);
  const loginBase = joinUrl(baseUrl, operations.login.path.slice(1, operations.login.path.indexOf('{')));

  async function createUser(input: CreateUserInput, callOptions?: CallOptions): Promise<CreateUserResult> {
    const user = parseInput(createUserInputSchema, input, { provider: PROVIDER, operation: 'createUser' });
    const body: CreateUserRequest = {
      apikey: apiKey,
      sign,
      user: { Name: user.name, Surname: user.surname, Email: user.email, Site: user.site },
    };
    const result = await send(transport, CREATE_USER, body, {
      url: createUserUrl,
      redactResponse: issued.createUser,
      signal: callOptions?.signal,
    });
    return { userToken: result.userToken as string };
  }

  async function createLoginToken(
    input: CreateLoginTokenInput,
    callOptions?: CallOptions,
  ): Promise<CreateLoginTokenResult> {
    const { userToken } = parseInput(createLoginTokenInputSchema, input, {
      provider: PROVIDER,
      operation: 'createLoginToken',
    });
    const body: LoginTokenRequest = { apiKey, sign, userToken };
    const result = await send(transport, CREATE_LOGIN_TOKEN, body, {
      url: loginTokenUrl,
      redactResponse: issued.createLoginToken,
      signal: callOptions?.signal,
    });
    return { loginToken: result.loginToken as string, userCode: result.userCode as string };
  }

  function loginUrl(loginToken: string): string {
    const token = parseInput(loginTokenSchema, loginToken, {
      provider: PROVIDER,
      operation: 'loginUrl',
      root: 'loginToken',
    });
    // Whoever minted it (the caller or BeyondVisit), the token must stay inside external/Login/.
    return loginBase + pathSegment(token, { provider: PROVIDER, operation: 'loginUrl', name: 'loginToken' });
  }

  return Object.freeze({
    baseUrl,
    createUser,
    createLoginToken,
    loginUrl,
    sign: () => sign,
  });
}

/**
 * Sends one call and reads the answer inside it. (The body needs no check here: the input schemas
 * make it what the spec describes, and the wire tests hold every sent body to the generated
 * request checks.) The document does not say whether failures come with HTTP 200 or an error status, so the answer is
 * read whatever the status: a `{ status: false, code }` body maps through the operation's table at
 * any status; a success body counts only with 2xx.
 */
function send(
  transport: Transport,
  operation: Operation,
  body: CreateUserRequest | LoginTokenRequest,
  request: Pick<TransportRequest, 'url' | 'redactResponse' | 'signal'>,
): Promise<Record<string, unknown>> {
  const fields = body as unknown as Record<string, unknown>;
  // Every field named, no spread of `request`: on Node 20 `{ ...a, b, c }` costs microseconds.
  return transport.call(
    {
      url: request.url,
      redactResponse: request.redactResponse,
      signal: request.signal,
      operation: operation.name,
      method: operation.spec.method,
      headers: HEADERS,
      body: JSON.stringify(body),
      idempotent: operation.spec.idempotent,
      secrets: operation.spec.requestSecrets.map((key) => fields[key]).filter((v) => typeof v === 'string'),
    },
    (response, redact) => {
      const ok = response.status >= 200 && response.status < 300;
      const context = { provider: PROVIDER, operation: operation.name, redact };
      const json = readJsonResponse(response, context);
      const status =
        typeof json === 'object' && json !== null ? (json as { status?: unknown }).status : undefined;
      let problem = 'the body has no boolean "status"';
      if (status === true && ok) {
        problem = operation.success(json, 'response') ?? '';
        if (problem === '') return json as Record<string, unknown>;
        problem = `the success body is not as documented: ${problem}`;
      } else if (status === false) {
        const broken = operation.failure(json, 'response');
        if (broken === undefined) {
          throw providerError(operation.name, operation.table, json as CreateUserFailure, {
            status: response.status,
            redact,
          });
        }
        problem = `the failure body is not as documented: ${broken}`;
      }
      throw ok ? malformedResponse(response, context, problem) : httpError(response, context);
    },
  );
}
