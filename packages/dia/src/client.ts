import {
  type CommonClientOptions,
  commonOptionsShape,
  createMemorySessionStore,
  createSessionManager,
  DEFAULT_TIMEOUT_MS,
  describeBody,
  encodeBytes,
  httpError,
  isSsoError,
  jsonResponseRedactor,
  malformedResponse,
  parseInput,
  parseOptions,
  patternMatches,
  patternResponseRedactor,
  type RedactedBody,
  readJsonResponse,
  requestOptionsShape,
  resolveBaseUrl,
  type SessionStore,
  SsoError,
  sessionStoreSchema,
  sha256,
  type Transport,
  type TransportRequest,
  type TransportResponse,
  transportFromOptions,
} from '@sso/core';
import * as z from '@sso/core/zod';
import { diaError, failureOf } from './errors.js';
import {
  invoiceSchema,
  kontorResultSchema,
  loginSuccessSchema,
  MODULE_PATTERN,
  SESSION_ID_PATTERN,
  scfFaturaListeleParamsSchema,
  serviceSuccessSchema,
} from './schemas.js';
import type { DiaInvoice, DiaKontorResult, ScfFaturaListeleParams } from './wire-types.js';

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

/** What the client keeps of a DIA login (and what a shared `SessionStore` holds). */
export interface DiaSession {
  sessionId: string;
}

export interface DiaClientOptions extends CommonClientOptions {
  /** The customer's server code: the client calls `https://{server}.ws.dia.com.tr/api/v3/`. */
  server?: string;
  /** A user of DIA's user list (sis3100); its permissions decide which services work. */
  username: string;
  password: string;
  /** The application key DIA issued; sent only at login. */
  apiKey: string;
  /**
   * Sent as `disconnect_same_user`: "True" ends the user's other DIA sessions when this client
   * logs in. Default false, because with true two processes sharing one DIA user evict each other.
   */
  disconnectSameUser?: boolean;
  /** `lang` of the login request (e.g. `tr`); omitted unless given. */
  lang?: string;
  /** Where the session lives; default in memory. A shared store lets a fleet share one login. */
  store?: SessionStore<DiaSession>;
}

export interface DiaCallOptions {
  /**
   * Allows the transport to resend the request after a network error or HTTP 429/502/503/504.
   * Default false: many services change data (`*_ekle` creates a record), so only mark reads.
   */
  idempotent?: boolean;
  signal?: AbortSignal;
  /** Deadline for this request (retries included); default the client's `timeoutMs`. */
  timeoutMs?: number;
}

/** A successful business answer: `code` "200", the service's `result`, and any other keys it sent. */
export type DiaServiceResponse<T = unknown> = {
  code: '200';
  result: T;
  msg?: string;
  warnings?: unknown[];
} & { [key: string]: unknown };

/** Parameters of a business call, without `session_id` (the client adds it). */
export type DiaParams = { firma_kodu?: number; donem_kodu?: number } & { [key: string]: unknown };

export interface DiaClient {
  /** The session-store key of this account: a hash of the base URL and user name (never the password). */
  readonly sessionKey: string;
  /** The client's session, logging in when there is none (one login for any number of callers). */
  login(): Promise<DiaSession>;
  /**
   * Ends the current session at DIA (if there is one); the next call logs in again.
   * SESSION_EXPIRED when DIA had already dropped it.
   */
  logout(): Promise<void>;
  /**
   * Calls `service` of `module` (`POST {base}{module}/json`) with the session id added as the first
   * parameter. An INVALID_SESSION answer costs one new login and one retry; a second one is thrown.
   */
  call<T = unknown>(
    module: string,
    service: string,
    params?: DiaParams,
    options?: DiaCallOptions,
  ): Promise<DiaServiceResponse<T>>;
  /**
   * One call on a session the caller already holds (e.g. from another process): no login, no
   * retry. A session DIA no longer knows is SESSION_EXPIRED; an id that is not 32 hex characters
   * is INVALID_INPUT before any I/O.
   */
  callWithSession<T = unknown>(
    sessionId: string,
    module: string,
    service: string,
    params?: DiaParams,
    options?: DiaCallOptions,
  ): Promise<DiaServiceResponse<T>>;
  /**
   * Ends a session the caller holds. SESSION_EXPIRED when DIA no longer knows it; INVALID_INPUT
   * for an id that is not 32 hex characters (nothing is sent).
   */
  logoutSession(sessionId: string): Promise<void>;
  /** `sis_kontor_sorgula`: the remaining credit. */
  sisKontorSorgula(options?: Omit<DiaCallOptions, 'idempotent'>): Promise<DiaKontorResult>;
  /** `scf_fatura_listele`: invoices of one company and period. */
  scfFaturaListele(
    params: ScfFaturaListeleParams,
    options?: Omit<DiaCallOptions, 'idempotent'>,
  ): Promise<DiaInvoice[]>;
  /** Logs out and refuses further use (CLOSED). */
  close(): Promise<void>;
}

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const RESERVED_SERVICES: ReadonlySet<string> = new Set(['login', 'logout']);
const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'application/json;charset=UTF-8',
  accept: 'application/json',
});
const SESSION_ID_ANYWHERE = /[0-9a-fA-F]{32}/g;
const sessionIdRuns = patternResponseRedactor(SESSION_ID_ANYWHERE);
const loginMessage = jsonResponseRedactor((key, depth) => key === 'msg' && depth === 0);

/**
 * A login answer issues the session id in `msg`: hidden from the parsed body (so a JSON escape in
 * it does not matter), then any 32-hex run anywhere, for bodies that are not JSON.
 */
function issuedSessionIds(body: string): RedactedBody {
  const parsed = isSuccessBody(body) ? loginMessage(body) : { body, hidden: [] };
  const runs = sessionIdRuns(parsed.body);
  return { body: runs.body, hidden: [...parsed.hidden, ...runs.hidden] };
}

function isSuccessBody(body: string): boolean {
  try {
    const code = (JSON.parse(body) as { code?: unknown } | null)?.code;
    return code === '200' || code === 200;
  } catch {
    return false;
  }
}

const optionsSchema = z.strictObject({
  ...commonOptionsShape,
  server: z.optional(z.string().check(z.regex(HOST_LABEL, 'must be a single host label such as "acme"'))),
  username: z.string().check(z.minLength(1)),
  password: z.string().check(z.minLength(1)),
  apiKey: z.string().check(z.minLength(1)),
  disconnectSameUser: z.optional(z.boolean()),
  lang: z.optional(
    z.string().check(z.regex(/^[a-z]{2}$/, 'must be a two-letter language code such as "tr"')),
  ),
  store: z.optional(sessionStoreSchema<DiaSession>()),
});

const callOptionsSchema = z.optional(z.strictObject(requestOptionsShape()));

const callSchema = z.strictObject({
  module: z.string().check(z.regex(MODULE_PATTERN, 'must be a DIA module code such as "scf"')),
  service: z.string().check(
    z.regex(MODULE_PATTERN, 'must be a DIA service name such as "scf_fatura_listele"'),
    z.refine((s) => !RESERVED_SERVICES.has(s), 'must not be login or logout (use login() / logout())'),
  ),
  params: z.looseObject({
    session_id: z.optional(z.never('must not be given: the client adds the session id')),
    firma_kodu: z.optional(z.int().check(z.gte(0))),
    donem_kodu: z.optional(z.int().check(z.gte(0))),
  }),
  options: callOptionsSchema,
});

/** Creates a DIA web service v3 client. Nothing is sent until the first call. */
export function createDiaClient(options: DiaClientOptions): DiaClient {
  const parsed = parseOptions(optionsSchema, options, { provider: 'dia', operation: 'createDiaClient' });
  if ((parsed.server === undefined) === (parsed.baseUrl === undefined)) {
    throw new SsoError(
      'INVALID_CONFIG',
      'createDiaClient: give exactly one of options.server and options.baseUrl',
      {
        provider: 'dia',
      },
    );
  }
  const base =
    parsed.baseUrl !== undefined
      ? resolveBaseUrl(parsed.baseUrl, { provider: 'dia', allowInsecureHttp: parsed.allowInsecureHttp })
      : `https://${parsed.server!.toLowerCase()}.ws.dia.com.tr/api/v3/`;
  const { username, password, apiKey } = parsed;
  const sisUrl = `${base}sis/json`;
  const moduleUrls = new Map<string, string>([['sis', sisUrl]]);
  const moduleUrl = (module: string) => {
    let url = moduleUrls.get(module);
    if (url === undefined) {
      url = `${base}${module}/json`;
      moduleUrls.set(module, url);
    }
    return url;
  };

  const callTimeoutMs = parsed.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = transportFromOptions('dia', { ...parsed, hooks: options.hooks }, () => [
    password,
    apiKey,
  ]);

  const loginBody = JSON.stringify({
    login: {
      username,
      password,
      disconnect_same_user: parsed.disconnectSameUser ? 'True' : 'False',
      ...(parsed.lang === undefined ? {} : { lang: parsed.lang }),
      params: { apikey: apiKey },
    },
  });

  const store: SessionStore<DiaSession> = parsed.store ?? createMemorySessionStore<DiaSession>();
  const sessionKey = `dia:${encodeBytes(sha256(`${base}\n${username}`), 'hex')}`;

  const loginRequest: TransportRequest = Object.freeze({
    operation: 'login',
    url: sisUrl,
    headers: JSON_HEADERS,
    body: loginBody,
    // A repeated login only opens a second session that idles out; no business data changes.
    idempotent: true,
    redactResponse: issuedSessionIds,
  });

  const retryServerErrors = parsed.retry !== false;
  /**
   * Sends a request and reads the answer with `read`. A DIA error marked retryable (501, an
   * unexpected server error) costs an idempotent request one more try; the transport's own
   * retries only look at HTTP statuses, and a 500 (a logical failure) is never repeated.
   */
  async function exchange<T>(
    request: TransportRequest,
    read: (response: TransportResponse) => T,
  ): Promise<{ response: TransportResponse; body: T }> {
    const attempt = async () => {
      const response = await transport.send(request);
      return { response, body: read(response) };
    };
    try {
      return await attempt();
    } catch (error) {
      const again =
        retryServerErrors &&
        request.idempotent === true &&
        isSsoError(error) &&
        error.retryable &&
        error.providerCode !== undefined;
      if (!again) throw error;
      return attempt();
    }
  }

  async function sendLogin(): Promise<DiaSession> {
    const { response, body } = await exchange(loginRequest, (answer) => {
      // The transport does not know the new session id yet: redact what the answer issued too.
      const redactLogin = (text: string) =>
        transport.redact(text, { secrets: patternMatches(SESSION_ID_ANYWHERE, answer.text) });
      return readEnvelope(transport, loginRequest, answer, redactLogin);
    });
    const ok = z.safeParse(loginSuccessSchema, body);
    if (!ok.success) {
      throw transport.fail(
        loginRequest,
        malformedResponse(
          response,
          { provider: 'dia', operation: 'login' },
          'DIA answered code 200 without a 32-hex-character session id in msg',
        ),
      );
    }
    return { sessionId: ok.data.msg };
  }

  async function sendLogout(session: DiaSession): Promise<void> {
    const sessionId = session.sessionId;
    if (typeof sessionId !== 'string' || !SESSION_ID_PATTERN.test(sessionId)) return;
    const request: TransportRequest = {
      operation: 'logout',
      url: sisUrl,
      headers: JSON_HEADERS,
      body: `{"logout":{"session_id":"${sessionId}"}}`,
      secrets: [sessionId],
      idempotent: true,
    };
    // A session DIA no longer knows answers INVALID_SESSION: SESSION_EXPIRED, as every provider's
    // logout of a dead session does (close() treats it as done).
    await exchange(request, (response) =>
      readEnvelope(transport, request, response, (t) => transport.redact(t, request)),
    );
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

  /** A call on a known session: no login, no retry on expiry (SESSION_EXPIRED reaches the caller). */
  async function callOn<T>(
    sessionId: string,
    operation: string,
    module: string,
    service: string,
    paramsJson: string,
    options: DiaCallOptions | undefined,
    deadline: number,
  ): Promise<DiaServiceResponse<T>> {
    if (typeof sessionId !== 'string' || !SESSION_ID_PATTERN.test(sessionId)) {
      // A shared store handed back something that is not a DIA session: log in again.
      throw new SsoError('SESSION_EXPIRED', `${operation}: the stored DIA session is unusable`, {
        provider: 'dia',
        operation,
      });
    }
    // `{"<service>":{"session_id":"…",<params>}}`: session_id first, as DIA documents.
    const tail = paramsJson === '{}' ? '"}}' : `",${paramsJson.slice(1)}}`;
    const request: TransportRequest = {
      operation,
      url: moduleUrl(module),
      headers: JSON_HEADERS,
      body: `{"${service}":{"session_id":"${sessionId}${tail}`,
      secrets: [sessionId],
      idempotent: options?.idempotent === true,
      ...(options?.signal ? { signal: options.signal } : {}),
      timeoutMs: Math.max(1, deadline - Date.now()),
    };
    const { response, body } = await exchange(request, (answer) =>
      readEnvelope(transport, request, answer, (t) => transport.redact(t, request)),
    );
    if (isServiceSuccess(body)) return body as DiaServiceResponse<T>;
    // Not the usual shape: serviceSuccessSchema decides (and may normalise what it accepts).
    const ok = z.safeParse(serviceSuccessSchema, body);
    if (!ok.success) {
      throw transport.fail(
        request,
        malformedResponse(
          response,
          { provider: 'dia', operation },
          'DIA answered code 200 with an unexpected shape',
        ),
      );
    }
    return ok.data as DiaServiceResponse<T>;
  }

  function invoke<T>(
    operation: string,
    module: string,
    service: string,
    paramsJson: string,
    options: DiaCallOptions | undefined,
  ): Promise<DiaServiceResponse<T>> {
    if (options?.signal?.aborted) {
      // Checked before the session is acquired, so an aborted call does not even log in.
      return Promise.reject(
        new SsoError('ABORTED', `${operation} was aborted by the caller`, { provider: 'dia', operation }),
      );
    }
    // The call's signal and deadline bound all of it: the wait for a shared login included.
    const deadline = Date.now() + (options?.timeoutMs ?? callTimeoutMs);
    return sessions.use(
      (session) => callOn<T>(session.sessionId, operation, module, service, paramsJson, options, deadline),
      { signal: options?.signal, deadline, operation },
    );
  }

  /** An id the caller brought: refused before any I/O unless it has the form of a DIA session id. */
  const explicitSessionId = (sessionId: unknown, operation: string): string => {
    if (typeof sessionId === 'string' && SESSION_ID_PATTERN.test(sessionId)) return sessionId;
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
    // The usual call (valid names, plain params, no options) is checked by hand; anything else
    // goes through callSchema, which also writes the error message.
    const input = isPlainCall(module, service, params, options)
      ? { module: module as string, service: service as string, options: undefined }
      : parseInput(
          callSchema,
          { module, service, params: params ?? {}, options },
          {
            provider: 'dia',
            operation: 'call',
          },
        );
    let paramsJson: string;
    try {
      paramsJson = params === undefined || params === null ? '{}' : JSON.stringify(params);
    } catch {
      throw new SsoError('INVALID_INPUT', 'call: input.params must be JSON-serialisable', {
        provider: 'dia',
      });
    }
    return { ...input, paramsJson };
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
      return invoke<T>(service, input.module, input.service, input.paramsJson, input.options);
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
      return callOn<T>(
        id,
        input.service,
        input.module,
        input.service,
        input.paramsJson,
        input.options,
        deadline,
      );
    },
    async logoutSession(sessionId: string) {
      await sendLogout({ sessionId: explicitSessionId(sessionId, 'logoutSession') });
    },
    async sisKontorSorgula(options) {
      const opts = parseInput(callOptionsSchema, options, { provider: 'dia', operation: 'sisKontorSorgula' });
      const response = await invoke('sis_kontor_sorgula', 'sis', 'sis_kontor_sorgula', '{}', {
        ...opts,
        idempotent: true,
      });
      return typedResult(transport, 'sis_kontor_sorgula', kontorResultSchema, response.result);
    },
    async scfFaturaListele(params, options) {
      const input = parseInput(scfFaturaListeleParamsSchema, params, {
        provider: 'dia',
        operation: 'scfFaturaListele',
      });
      const opts = parseInput(callOptionsSchema, options, { provider: 'dia', operation: 'scfFaturaListele' });
      const response = await invoke(
        'scf_fatura_listele',
        'scf',
        'scf_fatura_listele',
        JSON.stringify(input),
        {
          ...opts,
          idempotent: true,
        },
      );
      return typedResult(transport, 'scf_fatura_listele', z.array(invoiceSchema), response.result);
    },
    close: () => sessions.close(),
  };
  return Object.freeze(client);
}

/**
 * Reads a DIA answer: the `{ code, msg }` body decides whether it succeeded, and the HTTP status
 * is checked too (DIA answers most logical errors with 200, some with 500 and the same body).
 * Returns the body of a `code` "200" answer; throws the mapped SsoError otherwise.
 */
function readEnvelope(
  transport: Transport,
  request: TransportRequest,
  response: TransportResponse,
  redact: (text: string) => string,
): Record<string, unknown> {
  if (response.status === 200) {
    // The usual answer, `{"code":"200",…}` with HTTP 200, needs nothing but the parse.
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      body = undefined;
    }
    if (isPlainEnvelope(body) && body.code === '200') return body;
  }
  const operation = request.operation;
  const context = { provider: 'dia', operation, redact } as const;
  const isOk = (status: number) => status === 200;
  let body: unknown;
  try {
    body = readJsonResponse(response, { ...context, sender: 'DIA', isOk });
  } catch (error) {
    throw transport.fail(request, error as SsoError);
  }
  // A success body is validated in full by the caller: only the envelope is read here.
  const failure = failureOf(body);
  if (failure === undefined) {
    throw transport.fail(
      request,
      isOk(response.status)
        ? malformedResponse(
            response,
            context,
            `expected a DIA answer with a "code" but got ${describeBody(response.text, redact)}`,
          )
        : httpError(response, context),
    );
  }
  const { code, msg } = failure;
  if (code === '200') {
    // `code` may have come as the number 200: callers see the documented string.
    if (response.status === 200) return { ...(body as Record<string, unknown>), code: '200' };
    throw transport.fail(request, httpError(response, context));
  }
  throw transport.fail(request, diaError(code, msg, { operation, status: response.status, redact }));
}

/** What serviceSuccessSchema accepts unchanged: optional string `msg`, optional array `warnings`. */
function isServiceSuccess(body: Record<string, unknown>): boolean {
  const { msg, warnings } = body;
  return (
    (msg === undefined || typeof msg === 'string') && (warnings === undefined || Array.isArray(warnings))
  );
}

/** A call callSchema accepts as it is: no options, valid names, params without a session id or bad codes. */
function isPlainCall(module: unknown, service: unknown, params: unknown, options: unknown): boolean {
  if (options !== undefined || typeof module !== 'string' || typeof service !== 'string') return false;
  if (!MODULE_PATTERN.test(module) || !MODULE_PATTERN.test(service) || RESERVED_SERVICES.has(service))
    return false;
  if (params === undefined || params === null) return true;
  if (typeof params !== 'object' || Array.isArray(params)) return false;
  const { session_id, firma_kodu, donem_kodu } = params as Record<string, unknown>;
  return session_id === undefined && isCode(firma_kodu) && isCode(donem_kodu);
}

const isCode = (value: unknown) =>
  value === undefined || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);

/** The usual DIA answer: a non-array object with a string `code` and an optional string `msg`. */
function isPlainEnvelope(body: unknown): body is { code: string; msg?: string } & Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { code, msg } = body as { code?: unknown; msg?: unknown };
  return typeof code === 'string' && (msg === undefined || typeof msg === 'string');
}

function typedResult<S extends z.ZodMiniType>(
  transport: Transport,
  operation: string,
  schema: S,
  value: unknown,
): z.infer<S> {
  const ok = z.safeParse(schema, value);
  if (ok.success) return ok.data;
  throw transport.fail(
    { operation, url: '' },
    new SsoError('MALFORMED_RESPONSE', `${operation}: DIA's result does not have the documented shape`, {
      provider: 'dia',
      operation,
    }),
  );
}
