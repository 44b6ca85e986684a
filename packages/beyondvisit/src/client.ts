import {
  type CommonClientOptions,
  commonOptionsShape,
  constantHeaders,
  credential,
  describeIssue,
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
  type TransportResponse,
} from '@sso/core/provider';
import * as z from '@sso/core/zod';
import { BEYONDVISIT_BASE_URL } from './constants.js';
import {
  type BeyondVisitErrorEntry,
  CREATE_USER_ERRORS,
  LOGIN_TOKEN_ERRORS,
  providerError,
} from './errors.js';
import type { components } from './generated/openapi.js';
import { beyondVisitSign } from './sign.js';
import {
  createUserFailureSchema,
  createUserSuccessSchema,
  loginTokenFailureSchema,
  loginTokenSuccessSchema,
} from './wire.js';

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

const nonBlank = z.refine<string>((value) => value.trim() !== '', 'must not be blank');

const optionsSchema = z.strictObject({
  ...commonOptionsShape,
  apiKey: credential().check(z.maxLength(32)),
  secretKey: credential(),
});

const createUserInputSchema = z.strictObject({
  name: z.string().check(z.minLength(1), z.maxLength(50), nonBlank),
  surname: z.string().check(z.minLength(1), z.maxLength(50), nonBlank),
  email: z.string().check(
    z.minLength(1),
    z.maxLength(254),
    z.refine((value: string) => /^[^\s@]+@[^\s@]+$/.test(value), 'must be an e-mail address'),
  ),
  site: z.string().check(
    z.maxLength(2000),
    z.refine(
      (value: string) => /^https?:\/\/[^\s/?#]/.test(value) && !/\s/.test(value) && URL.canParse(value),
      'must be an absolute URL starting with http:// or https://',
    ),
  ),
});

const createLoginTokenInputSchema = z.strictObject({
  userToken: credential().check(z.maxLength(32)),
});

const loginTokenSchema = credential();

/** The userToken and loginToken an answer issues: new secrets, kept out of `onResponse`. */
const issuedTokens = jsonResponseRedactor(['userToken', 'loginToken']);

type Failure = { status: false; code: number; message: string };

interface Operation<T> {
  name: 'createUser' | 'createLoginToken';
  success: z.ZodMiniType<T>;
  /** What `success` accepts, checked by hand for the usual answer (the schema decides otherwise). */
  isSuccess: (json: unknown) => json is T;
  failure: z.ZodMiniType<Failure>;
  table: Readonly<Record<number, BeyondVisitErrorEntry>>;
}

/** `{ status: true, message: string, … }`, what both success bodies share. */
function isSuccessEnvelope(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) return false;
  const body = json as { status?: unknown; message?: unknown };
  return body.status === true && typeof body.message === 'string';
}

const CREATE_USER: Operation<z.infer<typeof createUserSuccessSchema>> = {
  name: 'createUser',
  success: createUserSuccessSchema,
  isSuccess: (json): json is z.infer<typeof createUserSuccessSchema> => {
    const body = json as { userToken?: unknown };
    return (
      isSuccessEnvelope(json) &&
      typeof body.userToken === 'string' &&
      body.userToken.length >= 1 &&
      body.userToken.length <= 32
    );
  },
  failure: createUserFailureSchema,
  table: CREATE_USER_ERRORS,
};

const CREATE_LOGIN_TOKEN: Operation<z.infer<typeof loginTokenSuccessSchema>> = {
  name: 'createLoginToken',
  success: loginTokenSuccessSchema,
  isSuccess: (json): json is z.infer<typeof loginTokenSuccessSchema> => {
    const body = json as { loginToken?: unknown; userCode?: unknown };
    return (
      isSuccessEnvelope(json) &&
      typeof body.loginToken === 'string' &&
      body.loginToken.length >= 1 &&
      typeof body.userCode === 'string'
    );
  },
  failure: loginTokenFailureSchema,
  table: LOGIN_TOKEN_ERRORS,
};

/** An input createLoginTokenInputSchema accepts as it is: `{ userToken }`, 1–32 chars, no outer spaces. */
function isPlainLoginTokenInput(input: unknown): input is CreateLoginTokenInput {
  if (typeof input !== 'object' || input === null) return false;
  const { userToken } = input as { userToken?: unknown };
  return (
    typeof userToken === 'string' &&
    userToken.length >= 1 &&
    userToken.length <= 32 &&
    userToken.trim() === userToken &&
    Object.keys(input).length === 1
  );
}

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
  const createUserUrl = joinUrl(baseUrl, 'external/CreateUser');
  const loginTokenUrl = joinUrl(baseUrl, 'external/LoginToken');
  const loginBase = joinUrl(baseUrl, 'external/Login/');
  // `{"apiKey":…,"sign":…,"userToken":<token>}`: everything but the token is fixed per client.
  const loginTokenBodyHead = JSON.stringify({
    apiKey,
    sign,
    userToken: '',
  } satisfies components['schemas']['LoginTokenRequest']).slice(0, -3);

  async function createUser(input: CreateUserInput, callOptions?: CallOptions): Promise<CreateUserResult> {
    const user = parseInput(createUserInputSchema, input, { provider: PROVIDER, operation: 'createUser' });
    const body: components['schemas']['CreateUserRequest'] = {
      apikey: apiKey,
      sign,
      user: { Name: user.name, Surname: user.surname, Email: user.email, Site: user.site },
    };
    const result = await send(transport, CREATE_USER, {
      operation: 'createUser',
      method: 'POST',
      url: createUserUrl,
      headers: HEADERS,
      body: JSON.stringify(body),
      // Every success creates a user: sending it twice could create two.
      idempotent: false,
      redactResponse: issuedTokens,
      signal: callOptions?.signal,
    });
    return { userToken: result.userToken };
  }

  async function createLoginToken(
    input: CreateLoginTokenInput,
    callOptions?: CallOptions,
  ): Promise<CreateLoginTokenResult> {
    const userToken = isPlainLoginTokenInput(input)
      ? input.userToken
      : parseInput(createLoginTokenInputSchema, input, {
          provider: PROVIDER,
          operation: 'createLoginToken',
        }).userToken;
    const result = await send(transport, CREATE_LOGIN_TOKEN, {
      operation: 'createLoginToken',
      method: 'POST',
      url: loginTokenUrl,
      headers: HEADERS,
      body: `${loginTokenBodyHead}${JSON.stringify(userToken)}}`,
      // A repeat only mints another one-time token; a token lost with a dropped response is never used.
      idempotent: true,
      secrets: [userToken],
      redactResponse: issuedTokens,
      signal: callOptions?.signal,
    });
    return { loginToken: result.loginToken, userCode: result.userCode };
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
 * Sends one call and reads the answer inside it. The document does not say whether failures come
 * with HTTP 200 or an error status, so the body is read whatever the status: a
 * `{ status: false, code }` body maps through the operation's table at any status; a success body
 * counts only with 2xx.
 */
function send<T>(transport: Transport, operation: Operation<T>, request: TransportRequest): Promise<T> {
  return transport.call(request, (response, redact) => {
    if (response.status >= 200 && response.status < 300) {
      const json = parseOrUndefined(response.text);
      if (operation.isSuccess(json)) return json;
    }
    return rejectAnswer(operation, response, redact);
  });
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reads an answer that is not the usual success: the error it maps to, or the schema's verdict. */
function rejectAnswer<T>(
  operation: Operation<T>,
  response: TransportResponse,
  redact: (text: string) => string,
): T {
  const ok = response.status >= 200 && response.status < 300;
  const context = { provider: PROVIDER, operation: operation.name, redact } as const;
  const json = readJsonResponse(response, context);
  const status =
    typeof json === 'object' && json !== null ? (json as { status?: unknown }).status : undefined;
  let problem = 'the body has no boolean "status"';
  if (status === false) {
    const failure = z.safeParse(operation.failure, json);
    if (failure.success) {
      throw providerError(operation.name, operation.table, failure.data, { status: response.status, redact });
    }
    problem = `the failure body is not as documented: ${describeIssue(failure.error.issues[0]!, 'response')}`;
  } else if (status === true && ok) {
    const success = z.safeParse(operation.success, json);
    if (success.success) return success.data;
    problem = `the success body is not as documented: ${describeIssue(success.error.issues[0]!, 'response')}`;
  }
  throw ok ? malformedResponse(response, context, problem) : httpError(response, context);
}
