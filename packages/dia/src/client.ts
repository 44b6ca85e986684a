import { DEFAULT_TIMEOUT_MS, parseInput, SsoError, setupProvider } from '@sso/core/provider';
import { readServiceAnswer, typedResult } from './envelope.js';
import {
  checkInvoiceList,
  checkKontorResult,
  checkScfFaturaListeleParams,
  isSessionId,
  services,
} from './generated/model.js';
import { callOptionsSchema, callSchema, checkOneBase, diaBaseUrl, optionsSchema } from './options.js';
import { loginRequest, moduleUrls, serviceRequest } from './requests.js';
import { createDiaSessions } from './session.js';
import type {
  DiaCallOptions,
  DiaClient,
  DiaClientOptions,
  DiaKontorBalance,
  DiaParams,
  DiaServiceResponse,
} from './types.js';
import type { DiaInvoice, DiaKontorResult } from './wire-types.js';

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
      defaultBaseUrl: (o) => diaBaseUrl(o),
      secrets: (o) => () => [o.password, o.apiKey],
    },
    options,
  );
  checkOneBase(parsed);
  const moduleUrl = moduleUrls(base);
  const callTimeoutMs = parsed.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const {
    manager: sessions,
    store,
    sessionKey,
    logout: sendLogout,
  } = createDiaSessions({
    transport,
    base,
    username: parsed.username,
    login: loginRequest(moduleUrl(services.login.module), parsed),
    logoutUrl: moduleUrl(services.logout.module),
    store: parsed.store,
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
    const request = serviceRequest(
      moduleUrl(module),
      sessionId,
      operation,
      service,
      params,
      options,
      deadline,
    );
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
        { signal: opts?.signal, timeoutMs: opts?.timeoutMs, idempotent: service.idempotent },
        (answer) =>
          kontorBalance(typedResult<DiaKontorResult>('sis_kontor_sorgula', checkKontorResult, answer.result)),
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
        { signal: opts?.signal, timeoutMs: opts?.timeoutMs, idempotent: service.idempotent },
        (answer) => typedResult<DiaInvoice[]>('scf_fatura_listele', checkInvoiceList, answer.result),
      );
    },
    close: () => sessions.close(),
  };
  return Object.freeze(client);
}

/** A service's success answer as the caller's type: `call` leaves the result to the caller. */
const asAnswer = <T>(answer: DiaServiceResponse) => answer as DiaServiceResponse<T>;

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** The credit as a number; a string that is not a plain decimal is not a balance DIA documents. */
function kontorBalance(result: DiaKontorResult): DiaKontorBalance {
  const credit = result.kontorsayisi;
  if (typeof credit === 'number') return result as DiaKontorBalance;
  if (DECIMAL.test(credit.trim())) return { ...result, kontorsayisi: Number(credit) };
  throw new SsoError(
    'MALFORMED_RESPONSE',
    "sis_kontor_sorgula: DIA's result.kontorsayisi is neither a number nor a decimal string",
    { provider: 'dia', operation: 'sis_kontor_sorgula' },
  );
}
