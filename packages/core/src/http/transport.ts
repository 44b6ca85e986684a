import { isSsoError, type ProviderId, SsoError, type SsoErrorOptions } from '../errors.js';
import { expandSecrets, redactHeaders, redactText } from '../redact.js';
import { DeadlineQueue, type Expirable } from './deadlines.js';
import type { Hooks, RedactedRequest } from './hooks.js';
import { type NodeHttpStack, nodeExchange, nodeHttpFor } from './node-http.js';
import {
  BodyReadFailure,
  bodyTooLarge,
  DEFAULT_MAX_RESPONSE_BYTES,
  discard,
  readBodyCapped,
} from './read-body.js';
import type { RedactedBody, ResponseRedactor } from './response-secrets.js';
import {
  backoffDelay,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  type RetryOptions,
  type RetryPolicy,
  resolveRetryPolicy,
} from './retry.js';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface TransportOptions {
  provider: ProviderId | 'core';
  /**
   * The fetch to send with. Without one, a call on Node goes through node:http with a keep-alive
   * agent (several times cheaper than Node's fetch), unless the global fetch was replaced or a
   * global undici dispatcher (a proxy) was installed; then, and on other runtimes, through
   * `globalThis.fetch`, looked up at every call so MSW and other patches apply.
   */
  fetch?: FetchLike;
  /** Deadline for a whole call, retries and backoff included. Default 10 000 ms. */
  timeoutMs?: number;
  /** Bodies larger than this are refused with MALFORMED_RESPONSE. Default 1 MiB. */
  maxResponseBytes?: number;
  retry?: RetryOptions | false;
  hooks?: Hooks;
  /** Client-wide secret values (passwords, keys, signs) removed from every hook payload and error. */
  secrets?: () => ReadonlyArray<string | undefined>;
  /** Injected for tests. */
  random?: () => number;
}

export interface TransportRequest {
  operation: string;
  method?: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Safe to send twice. Only such requests are retried. Default false. */
  idempotent?: boolean;
  /** Per-request secret values (session ids, tokens) to redact in addition to the client's. */
  secrets?: ReadonlyArray<string | undefined>;
  /**
   * Removes the secrets the response issues (a new session id or token) from the body before
   * `onResponse` sees it, working from the parsed body (see `jsonResponseRedactor`). Only called
   * when an `onResponse` hook is set; if it throws, the hook gets no body at all.
   */
  redactResponse?: ResponseRedactor;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface TransportResponse {
  status: number;
  headers: Headers;
  text: string;
  attempts: number;
}

export interface Transport {
  readonly provider: ProviderId | 'core';
  send(request: TransportRequest): Promise<TransportResponse>;
  /** Passes a provider-level failure to `onError` (redacted) and returns it, for `throw transport.fail(…)`. */
  fail(request: TransportRequest, error: SsoError): SsoError;
  /** Removes every client and request secret from a text, e.g. a provider message. */
  redact(text: string, request?: Pick<TransportRequest, 'secrets'>): string;
}

/**
 * How long after a call timed out without an AbortSignal every call carries one. Handing fetch an
 * AbortSignal costs Node's fetch (undici) 30–40 µs of CPU per request, about 15 % of a loopback
 * call, so a healthy transport enforces its deadline by racing a timer instead; only a provider
 * that has just let a call time out gets calls that are torn down at their deadline.
 */
const ABORTABLE_WINDOW_MS = 60_000;

/** The deadline and cancellation state of one `send`. */
class CallState implements Expirable {
  deadline = 0;
  pending = false;
  timedOut = false;
  callerAborted = false;
  /** Set when the call must be cancellable (caller signal, retries, an unhealthy provider). */
  controller: AbortController | undefined;
  /** Rejects the pending race of a fetch attempt (deadline passed or the caller aborted). */
  rejectRace: ((reason: unknown) => void) | undefined;
  /** Tears down the node:http request in flight (set by nodeExchange while it is pending). */
  cancel: ((reason: unknown) => void) | undefined;

  abortable(): AbortController {
    this.controller ??= new AbortController();
    return this.controller;
  }

  expire(): void {
    this.timedOut = true;
    this.#end(new Error('deadline passed'));
  }

  /** The caller's signal fired. */
  abort(reason: unknown): void {
    this.callerAborted = true;
    this.#end(reason);
  }

  #end(reason: unknown): void {
    this.controller?.abort(reason);
    this.cancel?.(reason);
    this.rejectRace?.(reason);
  }

  get aborted(): boolean {
    return this.timedOut || this.callerAborted || (this.controller?.signal.aborted ?? false);
  }

  /**
   * `work` bounded by the deadline and the caller's signal, whether or not the fetch honours its
   * AbortSignal (an injected fetch may ignore it): the caller is answered when either ends the
   * call, and the late outcome is handed to `releaseLate`.
   */
  race(work: Promise<Exchange>): Promise<Exchange> {
    if (this.aborted) {
      work.then(releaseLate, ignore);
      return Promise.reject(new Error(this.timedOut ? 'deadline passed' : 'aborted'));
    }
    return new Promise<Exchange>((resolve, reject) => {
      this.rejectRace = (reason) => {
        work.then(releaseLate, ignore);
        reject(reason);
      };
      work.then(resolve, reject);
    });
  }
}

/** What one attempt got: the status, headers and body, or (`retryAfterMs`) a status worth retrying. */
interface Exchange {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly retryAfterMs?: number;
  /** A fetch body left unread because the status is retried; released when the attempt is dropped. */
  readonly unread?: ReadableStream<Uint8Array> | null;
}

/** Decides from a status (and its Retry-After) whether to retry, and after how long. */
type RetryDelay = (status: number, retryAfter: () => string | null) => number | undefined;

const ignore = () => {};
const releaseLate = (late: Exchange) => discard(late.unread ?? null);

export function createTransport(options: TransportOptions): Transport {
  const { provider, hooks } = options;
  const timeoutDefault = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const policy: RetryPolicy = resolveRetryPolicy(options.retry);
  const random = options.random ?? Math.random;
  const hasHooks = Boolean(hooks?.onRequest || hooks?.onResponse || hooks?.onError);

  const secretsOf = (request?: Pick<TransportRequest, 'secrets'>) => [
    ...(options.secrets?.() ?? []),
    ...(request?.secrets ?? []),
  ];

  const redact = (text: string, request?: Pick<TransportRequest, 'secrets'>) =>
    redactText(text, secretsOf(request));

  const view = (request: TransportRequest, attempt: number): RedactedRequest => {
    const secrets = expandSecrets(secretsOf(request));
    return {
      provider,
      operation: request.operation,
      method: request.method ?? 'POST',
      url: redactText(request.url, secrets),
      headers: redactHeaders(request.headers, secrets),
      body: request.body === undefined ? undefined : redactText(request.body, secrets),
      attempt,
    };
  };

  const safely = (fn: () => void) => {
    try {
      fn();
    } catch {
      // A throwing hook must not change the outcome of the call.
    }
  };

  const fail = (request: TransportRequest, error: SsoError, attempt = 1, started = Date.now()) => {
    if (hooks?.onError) {
      const onError = hooks.onError;
      safely(() => onError({ request: view(request, attempt), error, durationMs: Date.now() - started }));
    }
    return error;
  };

  /**
   * One attempt through node:http: the answer, or for a status worth retrying while the deadline
   * allows, the delay to wait before the next attempt. The deadline tears the request down
   * (through `state.cancel`), so no race is needed: a destroyed socket costs node:http nothing.
   */
  function nodeAttempt(
    stack: NodeHttpStack,
    request: TransportRequest,
    init: RequestInit & { method: string; body: string | undefined },
    retryDelay: RetryDelay | undefined,
    errorBase: SsoErrorOptions,
    state: CallState,
  ): Promise<Exchange> {
    const answer = nodeExchange(
      stack,
      request.url,
      {
        method: init.method,
        headers: init.headers as Record<string, string> | undefined,
        body: init.body,
        signal: init.signal ?? undefined,
      },
      maxBytes,
      (status) => bodyTooLarge(maxBytes, status, errorBase),
      state,
    );
    if (!retryDelay) return answer;
    return answer.then((got) => {
      const retryAfterMs = retryDelay(got.status, () => got.header('retry-after'));
      return retryAfterMs === undefined
        ? got
        : { status: got.status, headers: got.headers, text: '', retryAfterMs };
    });
  }

  /**
   * One attempt through fetch: the response, then either the body or, for a status worth retrying
   * while the deadline allows, the delay to wait before the next attempt (the body left unread).
   */
  async function fetchAttempt(
    request: TransportRequest,
    init: RequestInit & { method: string; body: string | undefined },
    retryDelay: RetryDelay | undefined,
    errorBase: SsoErrorOptions,
  ): Promise<Exchange> {
    const response = await (options.fetch ?? globalThis.fetch)(request.url, init);
    const { status, headers } = response;
    const retryAfterMs = retryDelay?.(status, () => headers.get('retry-after'));
    if (retryAfterMs !== undefined) return { status, headers, text: '', retryAfterMs, unread: response.body };
    try {
      return { status, headers, text: await readBodyCapped(response, maxBytes, errorBase) };
    } catch (cause) {
      throw new BodyReadFailure(status, cause);
    }
  }

  // Until this time every call gets an AbortSignal (see ABORTABLE_WINDOW_MS).
  let abortableUntil = 0;
  const deadlines = new DeadlineQueue();

  async function send(request: TransportRequest): Promise<TransportResponse> {
    const started = Date.now();
    const timeoutMs = request.timeoutMs ?? timeoutDefault;
    const errorBase: SsoErrorOptions = { provider, operation: request.operation };
    const state = new CallState();
    const { signal } = request;
    const aborted = (cause?: unknown) =>
      new SsoError('ABORTED', `${request.operation} was aborted by the caller`, { ...errorBase, cause });
    if (signal?.aborted) throw fail(request, aborted());
    if (signal || started < abortableUntil) state.abortable();
    deadlines.add(state, timeoutMs);
    const onCallerAbort = signal ? () => state.abort(signal.reason) : undefined;
    if (onCallerAbort) signal?.addEventListener('abort', onCallerAbort, { once: true });

    const abortError = (cause: unknown) => {
      if (!state.timedOut) return aborted(cause);
      abortableUntil = Date.now() + ABORTABLE_WINDOW_MS;
      return new SsoError('TIMEOUT', `${request.operation} timed out after ${timeoutMs} ms`, {
        ...errorBase,
        cause,
      });
    };
    // A retry is only started when its wait ends before the deadline.
    const retryWait = (delay: number | undefined) =>
      attempt < maxAttempts && delay !== undefined && fitsDeadline(started, timeoutMs, delay)
        ? delay
        : undefined;

    const maxAttempts = request.idempotent ? policy.maxAttempts : 1;
    let attempt = 0;
    let wait: number | undefined;
    try {
      for (;;) {
        if (wait !== undefined) {
          await sleep(wait, state.abortable().signal).catch((c) => {
            throw abortError(c);
          });
          wait = undefined;
        }
        attempt++;
        if (hooks?.onRequest) {
          const onRequest = hooks.onRequest;
          safely(() => onRequest(view(request, attempt)));
        }
        const init: RequestInit & { method: string; body: string | undefined } = {
          method: request.method ?? 'POST',
          headers: request.headers,
          body: request.body,
          redirect: 'manual',
        };
        if (state.controller) init.signal = state.controller.signal;
        const retryDelay: RetryDelay | undefined =
          attempt < maxAttempts
            ? (status, retryAfter) => {
                if (!RETRYABLE_STATUSES.has(status)) return undefined;
                const delay = parseRetryAfter(retryAfter()) ?? backoffDelay(policy, attempt, random);
                return delay <= policy.maxDelayMs ? retryWait(delay) : undefined;
              }
            : undefined;
        const stack = options.fetch ? undefined : nodeHttpFor(request.url);
        let outcome: Exchange;
        try {
          outcome = await (stack
            ? nodeAttempt(stack, request, init, retryDelay, errorBase, state)
            : state.race(fetchAttempt(request, init, retryDelay, errorBase)));
        } catch (cause) {
          const failure = cause instanceof BodyReadFailure ? cause : undefined;
          if (isSsoError(failure?.cause)) throw failure.cause;
          if (state.aborted) throw abortError(failure ? failure.cause : cause);
          if (failure) {
            throw new SsoError(
              'NETWORK',
              `${request.operation}: the connection broke while reading the response`,
              {
                ...errorBase,
                status: failure.status,
                cause: failure.cause,
              },
            );
          }
          wait = retryWait(backoffDelay(policy, attempt, random));
          if (wait !== undefined) continue;
          throw networkError(request, cause, errorBase);
        }
        const { status, text } = outcome;
        if (outcome.retryAfterMs !== undefined) {
          discard(outcome.unread ?? null);
          wait = outcome.retryAfterMs;
          continue;
        }
        if (hooks?.onResponse) {
          const onResponse = hooks.onResponse;
          const issued = withoutIssuedSecrets(request, text);
          const secrets = expandSecrets([...secretsOf(request), ...issued.hidden]);
          safely(() =>
            onResponse({
              request: view(request, attempt),
              status,
              headers: redactHeaders(outcome.headers, secrets),
              body: redactText(issued.body, secrets),
              durationMs: Date.now() - started,
            }),
          );
        }
        return new SentResponse(outcome, attempt);
      }
    } catch (error) {
      const typed = isSsoError(error)
        ? error
        : new SsoError('NETWORK', `${request.operation} failed`, { ...errorBase, cause: error });
      throw hasHooks ? fail(request, typed, attempt, started) : typed;
    } finally {
      deadlines.settle(state);
      state.rejectRace = undefined;
      state.cancel = undefined;
      if (onCallerAbort) signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return { provider, send, fail: (request, error) => fail(request, error), redact };
}

/** The answer handed to clients; `headers` stays lazy for node:http answers. */
class SentResponse implements TransportResponse {
  readonly status: number;
  readonly text: string;

  constructor(
    private readonly outcome: Exchange,
    readonly attempts: number,
  ) {
    this.status = outcome.status;
    this.text = outcome.text;
  }

  get headers(): Headers {
    return this.outcome.headers;
  }
}

/** Fails closed: a redactor that cannot read the body leaves no part of it visible. */
const UNREADABLE_BODY = '[redacted: the body could not be checked for issued secrets]';

function withoutIssuedSecrets(request: TransportRequest, body: string): RedactedBody {
  if (!request.redactResponse) return { body, hidden: [] };
  try {
    return request.redactResponse(body);
  } catch {
    return { body: UNREADABLE_BODY, hidden: [] };
  }
}

function fitsDeadline(started: number, timeoutMs: number, delay: number): boolean {
  return Date.now() + delay < started + timeoutMs;
}

function networkError(request: TransportRequest, cause: unknown, base: SsoErrorOptions): SsoError {
  const code = systemErrorCode(cause);
  let host = '';
  try {
    host = new URL(request.url).host;
  } catch {
    // keep the message without a host
  }
  const detail = code ? ` (${code})` : '';
  return new SsoError('NETWORK', `${request.operation}: could not reach ${host || 'the server'}${detail}`, {
    ...base,
    cause,
  });
}

function systemErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
