import {
  type CommonClientOptions,
  commonOptionsShape,
  createSessionManager,
  credential,
  DEFAULT_TIMEOUT_MS,
  isSsoError,
  joinUrl,
  parseInput,
  requestOptionsShape,
  type SessionStore,
  SsoError,
  sessionStoreSchema,
  setupProvider,
} from '@sso/core/provider';
import * as s from '@sso/core/schema';
import { createSoapClient, type SoapCallOptions } from '@sso/soap';
import { EUROMSG_CODES, type EuromsgResultFields, euromsgError } from './errors.js';
import * as auth from './generated/auth.js';
import * as post from './generated/post.js';
import { EUROMSG_NAMESPACES } from './platforms.js';

export type PostOperations = post.Operations;
export type PostOperationName = keyof PostOperations & string;
/** The input of a post.asmx operation without its ticket field, which the session fills in. */
export type PostInput<K extends PostOperationName> = Omit<
  PostOperations[K]['input'],
  'ServiceTicket' | 'serviceTicket'
>;
type ResultOf<K extends PostOperationName> = `${K}Result` & keyof PostOperations[K]['output'];
/**
 * A successful answer: the client has checked that the `<Operation>Result` block is there and its
 * Code is "00", so the type says so (the generated type has every element optional).
 */
export type PostOutput<K extends PostOperationName> = Omit<PostOperations[K]['output'], ResultOf<K>> & {
  [P in ResultOf<K>]-?: NonNullable<PostOperations[K]['output'][P]> & { Code: '00' };
};

/** Every post.asmx operation, callable with the session's ticket filled in. */
export type EuromsgPostApi = {
  [K in PostOperationName]: (input: PostInput<K>, options?: EuromsgCallOptions) => Promise<PostOutput<K>>;
};

/** Bounds one call: the signal and deadline cover the wait for a shared login too. */
export interface EuromsgCallOptions {
  signal?: AbortSignal;
  /** Deadline for the whole call, a login it waits for included; default the client's `timeoutMs`. */
  timeoutMs?: number;
}

export interface EuromsgClientOptions extends CommonClientOptions {
  /** The account's platform, e.g. `EUROMSG_PLATFORMS.live` (required: an account lives on one platform). */
  baseUrl: string;
  username: string;
  password: string;
  /** Override the WSDL namespaces (e.g. `http://api.relateddigital.com/auth`); SOAPActions follow. */
  namespaces?: { auth?: string; post?: string };
  /** Where the shared service ticket lives (default: in memory; e.g. a Redis store for a fleet). */
  store?: SessionStore<string>;
  /** How long an unused ticket is trusted (sliding). Euromsg does not document it. Default 20 min. */
  sessionTtlMs?: number;
}

export interface EuromsgClient {
  /** Logs in and returns a new service ticket (outside the shared session). */
  login(): Promise<{ serviceTicket: string }>;
  /** Ends a service ticket. Code 9998 (unknown ticket) is a SESSION_EXPIRED error. */
  logout(serviceTicket: string): Promise<void>;
  /**
   * Runs `fn` with the shared ticket: one login for any number of concurrent callers; when `fn`
   * fails with SESSION_EXPIRED (Code 9998) one new login is made and `fn` runs once more. With
   * `options`, the caller stops waiting for a login when its signal aborts or its deadline
   * passes (ABORTED / TIMEOUT); the login goes on for the other callers.
   */
  withSession<T>(fn: (serviceTicket: string) => Promise<T>, options?: EuromsgCallOptions): Promise<T>;
  /** post.asmx operations with the ticket filled in from `withSession`. */
  readonly post: EuromsgPostApi;
  /** A post.asmx operation with an explicit ticket; a result Code other than "00" is thrown. */
  callPost<K extends PostOperationName>(
    operation: K,
    input: PostInput<K>,
    serviceTicket: string,
    options?: EuromsgCallOptions,
  ): Promise<PostOutput<K>>;
  /** Logs the shared ticket out; the client refuses further session use. */
  close(): Promise<void>;
}

const namespaceUri = s.url();
// Built on first use: most programs never pass call options.
const buildCallOptionsSchema = () => {
  const { signal, timeoutMs } = requestOptionsShape();
  return s.optional(s.strictObject({ signal, timeoutMs }));
};
let callOptions: ReturnType<typeof buildCallOptionsSchema> | undefined;
const callOptionsSchema = () => {
  callOptions ??= buildCallOptionsSchema();
  return callOptions;
};

/** Parses call options; undefined (the usual case) costs nothing. */
const parseCallOptions = (options: unknown, operation: string): EuromsgCallOptions | undefined =>
  options === undefined
    ? undefined
    : parseInput(callOptionsSchema(), options, { provider: 'euromsg', operation, root: 'options' });

const optionsSchema = s.strictObject({
  ...commonOptionsShape,
  baseUrl: s.string().check(s.minLength(1)),
  username: credential(),
  password: credential(),
  namespaces: s.optional(s.strictObject({ auth: s.optional(namespaceUri), post: s.optional(namespaceUri) })),
  store: s.optional(sessionStoreSchema<string>()),
  sessionTtlMs: s.optional(s.number().check(s.positive())),
});

const ticketSchema = s.string().check(s.minLength(1));

function resultOf(output: object, operation: string): EuromsgResultFields | undefined {
  const record = output as Record<string, unknown>;
  const value = record[`${operation}Result`];
  return typeof value === 'object' && value !== null ? (value as EuromsgResultFields) : undefined;
}

function ticketField(operation: PostOperationName): 'ServiceTicket' | 'serviceTicket' | undefined {
  const fields = post.service.operations[operation].input.fields as ReadonlyArray<{ name: string }>;
  const found = fields.find((f) => f.name === 'ServiceTicket' || f.name === 'serviceTicket');
  return found?.name as 'ServiceTicket' | 'serviceTicket' | undefined;
}

export function createEuromsgClient(options: EuromsgClientOptions): EuromsgClient {
  const {
    options: opts,
    baseUrl: base,
    transport,
  } = setupProvider(
    {
      provider: 'euromsg',
      factory: 'createEuromsgClient',
      options: optionsSchema,
      secrets: (o) => () => [o.password],
    },
    options,
  );
  // Credentials stay in this closure: nothing reachable from the returned object holds them.
  const { username, password } = opts;
  const callTimeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const authSoap = createSoapClient<auth.Operations>({
    service: auth.service,
    url: joinUrl(base, 'auth.asmx'),
    transport,
    namespace: opts.namespaces?.auth ?? EUROMSG_NAMESPACES.auth,
    // Login issues the service ticket: kept out of what `onResponse` sees.
    secretResponseElements: ['ServiceTicket'],
  });
  const postSoap = createSoapClient<post.Operations>({
    service: post.service,
    url: joinUrl(base, 'post.asmx'),
    transport,
    namespace: opts.namespaces?.post ?? EUROMSG_NAMESPACES.post,
  });
  /**
   * A `check` for a result whose Code must be "00": otherwise the code's SsoError from the table.
   * It runs inside the transport's call, with the request's redaction.
   */
  const resultCheck =
    (operation: string, resultName: string) =>
    (output: object, redact: (text: string) => string): void => {
      const result = resultOf(output, resultName);
      if (!result || result.Code === undefined) {
        throw new SsoError(
          'MALFORMED_RESPONSE',
          `${operation}: the response has no ${resultName}Result Code`,
          {
            provider: 'euromsg',
            operation,
          },
        );
      }
      if (result.Code !== EUROMSG_CODES.success) throw euromsgError(operation, result, redact);
    };
  const loginCheck = resultCheck('login', 'Login');
  const checkLogin = (output: auth.Operations['Login']['output'], redact: (text: string) => string) => {
    loginCheck(output, redact);
    if (!output.LoginResult?.ServiceTicket) {
      throw new SsoError('MALFORMED_RESPONSE', 'login: Euromsg answered Code 00 without a ServiceTicket', {
        provider: 'euromsg',
        operation: 'login',
      });
    }
  };
  const checkLogout = resultCheck('logout', 'Logout');

  async function login(): Promise<{ serviceTicket: string }> {
    const output = await authSoap.call(
      'Login',
      { Username: username, Password: password },
      { check: checkLogin },
    );
    return { serviceTicket: output.LoginResult!.ServiceTicket! };
  }

  async function logout(serviceTicket: string): Promise<void> {
    const ticket = ticketOrThrow(serviceTicket, 'logout');
    await authSoap.call('Logout', { ServiceTicket: ticket }, { secrets: [ticket], check: checkLogout });
  }

  const ticketOrThrow = (value: unknown, operation: string): string => {
    const parsed = s.safeParse(ticketSchema, value);
    if (!parsed.success) {
      throw new SsoError('INVALID_INPUT', `${operation}: serviceTicket must be a non-empty string`, {
        provider: 'euromsg',
        operation,
      });
    }
    return parsed.data;
  };

  const session = createSessionManager<string>({
    login: async () => (await login()).serviceTicket,
    logout: (ticket) =>
      logout(ticket).catch((error) => {
        // An already-dropped ticket needs no logout.
        if (!isSsoError(error, 'SESSION_EXPIRED')) throw error;
      }),
    provider: 'euromsg',
    ttlMs: opts.sessionTtlMs ?? 20 * 60_000,
    sliding: true,
    isExpired: (error) => isSsoError(error, 'SESSION_EXPIRED'),
    store: opts.store,
    key: `euromsg:${base}:${username}`,
    now: opts.now,
  });

  async function callPost<K extends PostOperationName>(
    operation: K,
    input: PostInput<K>,
    serviceTicket: string,
    options?: EuromsgCallOptions,
  ): Promise<PostOutput<K>> {
    const callOptions = parseCallOptions(options, operation);
    const ticket = ticketOrThrow(serviceTicket, operation);
    if (typeof input !== 'object' || input === null) {
      throw new SsoError('INVALID_INPUT', `${operation}: input must be an object`, {
        provider: 'euromsg',
        operation,
      });
    }
    const field = ticketField(operation);
    if (field && (Object.hasOwn(input, 'ServiceTicket') || Object.hasOwn(input, 'serviceTicket'))) {
      throw new SsoError(
        'INVALID_INPUT',
        `${operation}: input.${field} is filled in by the client; leave it out`,
        {
          provider: 'euromsg',
          operation,
        },
      );
    }
    const full = (field ? { [field]: ticket, ...input } : input) as PostOperations[K]['input'];
    const soapOptions: SoapCallOptions = {
      secrets: [ticket],
      signal: callOptions?.signal,
      timeoutMs: callOptions?.timeoutMs,
      check: resultCheck(operation, operation),
    };
    return postSoap.call(operation, full, soapOptions) as Promise<PostOutput<K>>;
  }

  /**
   * `fn` with the shared ticket, bounded by the call's signal and deadline; `fn` gets what is left
   * of them for its own request.
   */
  function withSession<T>(
    fn: (ticket: string, remaining: EuromsgCallOptions) => Promise<T>,
    options: EuromsgCallOptions | undefined,
  ): Promise<T> {
    let parsedOptions: EuromsgCallOptions | undefined;
    try {
      parsedOptions = parseCallOptions(options, 'withSession');
    } catch (error) {
      return Promise.reject(error);
    }
    const signal = parsedOptions?.signal;
    const deadline = Date.now() + (parsedOptions?.timeoutMs ?? callTimeoutMs);
    return session.use((ticket) => fn(ticket, { signal, timeoutMs: Math.max(1, deadline - Date.now()) }), {
      signal,
      deadline,
      operation: 'withSession',
    });
  }

  const postApi = Object.fromEntries(
    Object.keys(post.service.operations).map((name) => [
      name,
      (input: object, options?: EuromsgCallOptions) =>
        withSession(
          (ticket, remaining) => callPost(name as PostOperationName, input as never, ticket, remaining),
          options,
        ),
    ]),
  ) as EuromsgPostApi;

  const client: EuromsgClient = {
    login,
    logout,
    withSession: (fn, options) => withSession((ticket) => fn(ticket), options),
    post: Object.freeze(postApi),
    callPost,
    close: () => session.close(),
  };
  return Object.freeze(client);
}
