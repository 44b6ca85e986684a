import {
  commonOptionsShape,
  constantHeaders,
  createMemorySessionStore,
  createSessionManager,
  DEFAULT_TIMEOUT_MS,
  encodeBytes,
  isSsoError,
  parseInput,
  requestOptionsShape,
  type SessionStore,
  SsoError,
  sessionStoreSchema,
  setupProvider,
  sha256,
  type TransportRequest,
} from '@sso/core/provider';
import * as s from '@sso/core/schema';
import { readEnvelope, readLogin, readServiceAnswer, typedResult } from './envelope.js';
import {
  checkInvoiceList,
  checkKontorResult,
  checkLoginRequest,
  checkScfFaturaListeleParams,
  isModuleName,
  isSessionId,
  type LoginRequest,
  type LogoutRequest,
  operations,
  services,
} from './generated/model.js';
import { issuedSessionIds } from './session-ids.js';
import type {
  DiaCallOptions,
  DiaClient,
  DiaClientOptions,
  DiaParams,
  DiaServiceResponse,
  DiaSession,
} from './types.js';
import type { DiaInvoice, DiaKontorResult, DiaServiceRequest } from './wire-types.js';

/** DIA's documented session timeout: one hour, reset by every call. */
export const DIA_SESSION_TIMEOUT_MS = 60 * 60 * 1000;
/**
 * How much earlier than DIA the client gives a session up. The server restarts its hour when it
 * receives a call; the client restarts its own when the answer arrives, a little later, and the two
 * clocks are not the same. Five minutes absorbs slow calls and clock skew, so an idle session is
 * replaced before DIA forgets it instead of costing a failed call first.
 */
export const DIA_SESSION_SAFETY_MARGIN_MS = 5 * 60 * 1000;
/** The lifetime the client trusts a session for without use: 55 minutes. */
export const DIA_SESSION_TTL_MS = DIA_SESSION_TIMEOUT_MS - DIA_SESSION_SAFETY_MARGIN_MS;

/**
 * The server code of DIA's public demo host, `https://diademo.ws.dia.com.tr/api/v3/`: pass it as
 * `server` to try the client against DIA's own demo (seen in public code; not documented by DIA).
 */
export const DIA_DEMO_SERVER = 'diademo';

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const RESERVED_SERVICES: ReadonlySet<string> = new Set(['login', 'logout']);
const JSON_HEADERS = constantHeaders({
  'content-type': 'application/json;charset=UTF-8',
  accept: 'application/json',
});
const optionsSchema = s.strictObject({
  ...commonOptionsShape,
  server: s.optional(s.string().check(s.regex(HOST_LABEL, 'must be a single host label such as "acme"'))),
  username: s.string().check(s.minLength(1)),
  password: s.string().check(s.minLength(1)),
  apiKey: s.string().check(s.minLength(1)),
  disconnectSameUser: s.optional(s.boolean()),
  lang: s.optional(
    s.string().check(s.regex(/^[a-z]{2}$/, 'must be a two-letter language code such as "tr"')),
  ),
  store: s.optional(sessionStoreSchema<DiaSession>()),
});

const callOptionsSchema = s.optional(s.strictObject(requestOptionsShape()));

const callSchema = s.strictObject({
  module: s.string().check(s.refine(isModuleName, 'must be a DIA module code such as "scf"')),
  service: s.string().check(
    s.refine(isModuleName, 'must be a DIA service name such as "scf_fatura_listele"'),
    s.refine((s) => !RESERVED_SERVICES.has(s), 'must not be login or logout (use login() / logout())'),
  ),
  params: s.looseObject({
    session_id: s.optional(s.never('must not be given: the client adds the session id')),
    firma_kodu: s.optional(s.int().check(s.gte(0))),
    donem_kodu: s.optional(s.int().check(s.gte(0))),
  }),
  options: callOptionsSchema,
});

/** Creates a DIA web service v3 client. Nothing is sent until the first call. */
export function createDiaClient(options: DiaClientOptions): DiaClient {
  const {
    options: parsed,
    baseUrl: base,
    transport,
  } = setupProvider(
    {
      provider: 'dia',
      factory: 'createDiaClient',
      options: optionsSchema,
      defaultBaseUrl: (o) => {
        if (o.server === undefined || o.baseUrl !== undefined) {
          throw new SsoError(
            'INVALID_CONFIG',
            'createDiaClient: give exactly one of options.server and options.baseUrl',
            {
              provider: 'dia',
            },
          );
        }
        return `https://${o.server.toLowerCase()}.ws.dia.com.tr/api/v3/`;
      },
      secrets: (o) => () => [o.password, o.apiKey],
    },
    options,
  );
  if (parsed.server !== undefined && parsed.baseUrl !== undefined) {
    throw new SsoError(
      'INVALID_CONFIG',
      'createDiaClient: give exactly one of options.server and options.baseUrl',
      {
        provider: 'dia',
      },
    );
  }
  const { username, password, apiKey } = parsed;
  const moduleUrls = new Map<string, string>();
  const moduleUrl = (module: string) => {
    let url = moduleUrls.get(module);
    if (url === undefined) {
      url = base + operations.callService.path.slice(1).replace('{module}', module);
      moduleUrls.set(module, url);
    }
    return url;
  };
  const sisUrl = moduleUrl(services.login.module);

  const callTimeoutMs = parsed.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const login: LoginRequest = {
    login: {
      username,
      password,
      disconnect_same_user: parsed.disconnectSameUser ? 'True' : 'False',
      ...(parsed.lang === undefined ? {} : { lang: parsed.lang }),
      params: { apikey: apiKey },
    },
  };
  const loginProblem = checkLoginRequest(login, 'request');
  if (loginProblem !== undefined) {
    throw new SsoError('INVALID_CONFIG', `createDiaClient: ${loginProblem}`, { provider: 'dia' });
  }
  const loginBody = JSON.stringify(login);

  const store: SessionStore<DiaSession> = parsed.store ?? createMemorySessionStore<DiaSession>();
  const sessionKey = `dia:${encodeBytes(sha256(`${base}\n${username}`), 'hex')}`;

  const loginRequest: TransportRequest = Object.freeze({
    operation: 'login',
    url: sisUrl,
    headers: JSON_HEADERS,
    body: loginBody,
    idempotent: services.login.idempotent,
    redactResponse: issuedSessionIds,
  });

  function sendLogin(): Promise<DiaSession> {
    return transport.call(loginRequest, readLogin);
  }

  async function sendLogout(session: DiaSession): Promise<void> {
    const sessionId = session.sessionId;
    if (!isSessionId(sessionId)) return;
    const body: LogoutRequest = { logout: { session_id: sessionId } };
    const request: TransportRequest = {
      operation: 'logout',
      url: moduleUrl(services.logout.module),
      headers: JSON_HEADERS,
      body: JSON.stringify(body),
      secrets: [sessionId],
      idempotent: services.logout.idempotent,
    };
    // A session DIA no longer knows answers INVALID_SESSION: SESSION_EXPIRED, as every provider's
    // logout of a dead session does (close() treats it as done).
    await transport.call(request, (response, redact) => readEnvelope('logout', response, redact));
  }

  const sessions = createSessionManager<DiaSession>({
    login: sendLogin,
    logout: (session) =>
      sendLogout(session).catch((error) => {
        // A session DIA already dropped needs no logout.
        if (!isSsoError(error, 'SESSION_EXPIRED')) throw error;
      }),
    provider: 'dia',
    ttlMs: DIA_SESSION_TTL_MS,
    sliding: true,
    isExpired: (error) => isSsoError(error, 'SESSION_EXPIRED'),
    store,
    key: sessionKey,
    now: parsed.now,
  });

  /**
   * A call on a known session: no login, no retry on expiry (SESSION_EXPIRED reaches the caller).
   * `read` turns the success answer into the result, inside the transport's call.
   */
  function callOn<R>(
    sessionId: string,
    operation: string,
    module: string,
    service: string,
    params: DiaParams,
    options: DiaCallOptions | undefined,
    deadline: number,
    read: (answer: DiaServiceResponse) => R,
  ): Promise<R> {
    if (!isSessionId(sessionId)) {
      // A shared store handed back something that is not a DIA session: log in again.
      return Promise.reject(
        new SsoError('SESSION_EXPIRED', `${operation}: the stored DIA session is unusable`, {
          provider: 'dia',
          operation,
        }),
      );
    }
    // session_id first, as DIA documents.
    const body: DiaServiceRequest = { [service]: { session_id: sessionId, ...params } };
    const request: TransportRequest = {
      operation,
      url: moduleUrl(module),
      headers: JSON_HEADERS,
      body: JSON.stringify(body),
      secrets: [sessionId],
      idempotent: options?.idempotent === true,
      ...(options?.signal ? { signal: options.signal } : {}),
      timeoutMs: Math.max(1, deadline - Date.now()),
      // One span name for every service (`dia.call`); the service is the span's operation.
      spanName: 'call',
    };
    return transport.call(request, (response, redact) =>
      read(readServiceAnswer(operation, response, redact)),
    );
  }

  function invoke<R>(
    operation: string,
    module: string,
    service: string,
    params: DiaParams,
    options: DiaCallOptions | undefined,
    read: (answer: DiaServiceResponse) => R,
  ): Promise<R> {
    if (options?.signal?.aborted) {
      // Checked before the session is acquired, so an aborted call does not even log in.
      return Promise.reject(
        new SsoError('ABORTED', `${operation} was aborted by the caller`, { provider: 'dia', operation }),
      );
    }
    // The call's signal and deadline bound all of it: the wait for a shared login included.
    const deadline = Date.now() + (options?.timeoutMs ?? callTimeoutMs);
    return sessions.use(
      (session) => callOn(session.sessionId, operation, module, service, params, options, deadline, read),
      { signal: options?.signal, deadline, operation },
    );
  }

  /** An id the caller brought: refused before any I/O unless it has the form of a DIA session id. */
  const explicitSessionId = (sessionId: unknown, operation: string): string => {
    if (isSessionId(sessionId)) return sessionId;
    throw new SsoError(
      'INVALID_INPUT',
      `${operation}: sessionId must be a DIA session id (32 hex characters)`,
      {
        provider: 'dia',
        operation,
      },
    );
  };

  function validateCall(module: unknown, service: unknown, params: unknown, options: unknown) {
    const input = parseInput(
      callSchema,
      { module, service, params: params ?? {}, options },
      { provider: 'dia', operation: 'call' },
    );
    // Bad input is refused before any request, a login included: the body is built after it.
    try {
      JSON.stringify(input.params);
    } catch {
      throw new SsoError('INVALID_INPUT', 'call: input.params must be JSON-serialisable', {
        provider: 'dia',
      });
    }
    return input;
  }

  const client: DiaClient = {
    sessionKey,
    login: () => sessions.current(),
    async logout() {
      const entry = await store.get(sessionKey);
      if (!entry) return;
      await store.delete(sessionKey, entry);
      await sendLogout(entry.session);
    },
    call<T = unknown>(module: string, service: string, params?: DiaParams, options?: DiaCallOptions) {
      let input: ReturnType<typeof validateCall>;
      try {
        input = validateCall(module, service, params, options);
      } catch (error) {
        return Promise.reject(error);
      }
      return invoke(service, input.module, input.service, input.params, input.options, asAnswer<T>);
    },
    async callWithSession<T = unknown>(
      sessionId: string,
      module: string,
      service: string,
      params?: DiaParams,
      options?: DiaCallOptions,
    ) {
      const id = explicitSessionId(sessionId, 'callWithSession');
      const input = validateCall(module, service, params, options);
      const deadline = Date.now() + (input.options?.timeoutMs ?? callTimeoutMs);
      return callOn(
        id,
        input.service,
        input.module,
        input.service,
        input.params,
        input.options,
        deadline,
        asAnswer<T>,
      );
    },
    async logoutSession(sessionId: string) {
      await sendLogout({ sessionId: explicitSessionId(sessionId, 'logoutSession') });
    },
    async sisKontorSorgula(options) {
      const opts = parseInput(callOptionsSchema, options, { provider: 'dia', operation: 'sisKontorSorgula' });
      const service = services.sis_kontor_sorgula;
      return invoke(
        'sis_kontor_sorgula',
        service.module,
        'sis_kontor_sorgula',
        {},
        { ...opts, idempotent: service.idempotent },
        (answer) => typedResult<DiaKontorResult>('sis_kontor_sorgula', checkKontorResult, answer.result),
      );
    },
    async scfFaturaListele(params, options) {
      const problem = checkScfFaturaListeleParams(params, 'input');
      if (problem !== undefined) {
        throw new SsoError('INVALID_INPUT', `scfFaturaListele: ${problem}`, { provider: 'dia' });
      }
      const opts = parseInput(callOptionsSchema, options, { provider: 'dia', operation: 'scfFaturaListele' });
      const service = services.scf_fatura_listele;
      return invoke(
        'scf_fatura_listele',
        service.module,
        'scf_fatura_listele',
        params,
        { ...opts, idempotent: service.idempotent },
        (answer) => typedResult<DiaInvoice[]>('scf_fatura_listele', checkInvoiceList, answer.result),
      );
    },
    close: () => sessions.close(),
  };
  return Object.freeze(client);
}

/** A service's success answer as the caller's type: `call` leaves the result to the caller. */
const asAnswer = <T>(answer: DiaServiceResponse) => answer as DiaServiceResponse<T>;
