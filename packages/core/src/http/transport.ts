import { isSsoError, type ProviderId, SsoError, type SsoErrorOptions } from '../errors.js';
import { redactText } from '../redact.js';
import { CallState, type Exchange, type RetryDelay } from './call-state.js';
import { DeadlineQueue } from './deadlines.js';
import { type FetchLike, fetchStack } from './fetch-stack.js';
import { hookReports } from './hook-reports.js';
import type { Hooks } from './hooks.js';
import { networkError } from './network-error.js';
import { nodeHttpStack } from './node-http.js';
import { proxyResolver } from './proxy.js';
import { BodyReadFailure, DEFAULT_MAX_RESPONSE_BYTES, discard } from './read-body.js';
import type { ResponseRedactor } from './response-secrets.js';
import {
  backoffDelay,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  type RetryOptions,
  type RetryPolicy,
  resolveRetryPolicy,
} from './retry.js';
import type { HttpStack, StackRequest } from './stack.js';
import { startCallSpan } from './telemetry.js';

export type { FetchLike } from './fetch-stack.js';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface TransportOptions {
  provider: ProviderId;
  /**
   * The fetch to send with. Without one, a call on Node goes through node:http with a keep-alive
   * agent (several times cheaper than Node's fetch), unless the global fetch was replaced or a
   * global undici dispatcher (a proxy) was installed; then, and on other runtimes, through
   * `globalThis.fetch`, looked up at every call so MSW and other patches apply.
   */
  fetch?: FetchLike;
  /** Deadline for a whole call, retries and backoff included. Default 10 000 ms. */
  timeoutMs?: number;
  /** Bodies larger than this (after decoding) are refused with MALFORMED_RESPONSE. Default 1 MiB. */
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
  /** Build constant header objects with `constantHeaders`: they are then prepared once. */
  headers?: Readonly<Record<string, string>>;
  body?: string;
  /**
   * Safe to send twice. Only such requests are retried: after a network error, a retryable
   * status, or a provider error that `read` marks `retryable`. Default false.
   */
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
  /**
   * The low-cardinality name of the call in traces (`call` for any DIA service); default the
   * operation. The span is `<provider>.<name>`.
   */
  spanName?: string;
}

export interface TransportResponse {
  status: number;
  headers: Headers;
  text: string;
  attempts: number;
}

/**
 * Reads a response into the operation's result, or throws the SsoError it means (the provider's
 * error code through its table, a malformed body). `redact` removes the request's secrets from
 * provider text before it goes on an error.
 */
export type ResponseReader<T> = (response: TransportResponse, redact: (text: string) => string) => T;

export interface Transport {
  readonly provider: ProviderId;
  /**
   * Sends the request and reads the answer with `read`, inside the call: hooks fire once each
   * (`onError` with the request that failed), and a provider error `read` marks `retryable`
   * costs an idempotent request another attempt within the deadline.
   */
  call<T>(request: TransportRequest, read: ResponseReader<T>): Promise<T>;
  /** `call` with the response itself as the result. */
  send(request: TransportRequest): Promise<TransportResponse>;
  /** Removes every client and request secret from a text, e.g. a provider message. */
  redact(text: string, request?: Pick<TransportRequest, 'secrets'>): string;
}

/**
 * How long after a call timed out every call carries an AbortSignal. Handing fetch an AbortSignal
 * has a real CPU cost in Node's fetch (undici), so a healthy transport enforces its deadline by
 * racing a timer instead; only a provider that has just let a call time out gets calls that are
 * torn down at their deadline.
 */
const ABORTABLE_WINDOW_MS = 60_000;

const identity = (response: TransportResponse) => response;

export function createTransport(options: TransportOptions): Transport {
  const { provider, hooks } = options;
  const timeoutDefault = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const policy: RetryPolicy = resolveRetryPolicy(options.retry);
  const random = options.random ?? Math.random;
  const injected = options.fetch ? fetchStack(options.fetch) : undefined;
  const proxyOf = proxyResolver();
  const globalFetch = fetchStack(undefined);
  const stackFor = (url: string): HttpStack => injected ?? nodeHttpStack(url, proxyOf) ?? globalFetch;

  const secretsOf = (request?: Pick<TransportRequest, 'secrets'>): Array<string | undefined> => [
    ...(options.secrets?.() ?? []),
    ...(request?.secrets ?? []),
  ];

  const redact = (text: string, request?: Pick<TransportRequest, 'secrets'>) =>
    redactText(text, secretsOf(request));

  const reports = hookReports(provider, hooks, secretsOf);

  // Until this time every call gets an AbortSignal (see ABORTABLE_WINDOW_MS).
  let abortableUntil = 0;
  const deadlines = new DeadlineQueue();

  async function call<T>(request: TransportRequest, read: ResponseReader<T>): Promise<T> {
    const started = Date.now();
    const timeoutMs = request.timeoutMs ?? timeoutDefault;
    const errorBase: SsoErrorOptions = { provider, operation: request.operation };
    const state = new CallState();
    const { signal } = request;
    const aborted = (cause?: unknown) =>
      new SsoError('ABORTED', `${request.operation} was aborted by the caller`, { ...errorBase, cause });
    const readRedact = (text: string) => redact(text, request);
    const maxAttempts = request.idempotent ? policy.maxAttempts : 1;
    let attempt = 0;

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
      attempt < maxAttempts && delay !== undefined && Date.now() + delay < started + timeoutMs
        ? delay
        : undefined;

    const onCallerAbort = signal ? () => state.abort(signal.reason) : undefined;
    const span = startCallSpan(provider, request.spanName ?? request.operation, request.operation);
    let lastStatus: number | undefined;
    try {
      if (signal?.aborted) throw aborted();
      if (signal || started < abortableUntil) state.abortable();
      deadlines.add(state, timeoutMs);
      if (onCallerAbort) signal?.addEventListener('abort', onCallerAbort, { once: true });
      let wait: number | undefined;
      for (;;) {
        if (wait !== undefined) {
          await sleep(wait, state.abortable().signal).catch((c) => {
            throw abortError(c);
          });
          wait = undefined;
        }
        attempt++;
        reports.request(request, attempt);
        const stackRequest: StackRequest = {
          url: request.url,
          method: request.method ?? 'POST',
          headers: request.headers as Record<string, string> | undefined,
          body: request.body,
          signal: state.controller?.signal,
        };
        const retryDelay: RetryDelay | undefined =
          attempt < maxAttempts
            ? (status, retryAfter) => {
                if (!RETRYABLE_STATUSES.has(status)) return undefined;
                const delay = parseRetryAfter(retryAfter()) ?? backoffDelay(policy, attempt, random);
                return delay <= policy.maxDelayMs ? retryWait(delay) : undefined;
              }
            : undefined;
        let outcome: Exchange;
        try {
          outcome = await stackFor(request.url).attempt(
            stackRequest,
            { maxBytes, errorBase, retryDelay },
            state,
          );
        } catch (cause) {
          const failure = cause instanceof BodyReadFailure ? cause : undefined;
          if (isSsoError(failure?.cause)) throw failure.cause;
          if (state.aborted) throw abortError(failure ? failure.cause : cause);
          if (failure) {
            throw new SsoError(
              'NETWORK',
              `${request.operation}: the connection broke while reading the response`,
              { ...errorBase, status: failure.status, cause: failure.cause },
            );
          }
          wait = retryWait(backoffDelay(policy, attempt, random));
          if (wait !== undefined) continue;
          throw networkError(request.url, request.operation, cause, errorBase);
        }
        if (outcome.retryAfterMs !== undefined) {
          discard(outcome.unread ?? null);
          wait = outcome.retryAfterMs;
          continue;
        }
        reports.response(request, outcome, attempt, started);
        lastStatus = outcome.status;
        try {
          const result = read(new SentResponse(outcome, attempt), readRedact);
          span?.end({ status: outcome.status, attempts: attempt });
          return result;
        } catch (error) {
          const typed = readFailure(error, errorBase, outcome.status);
          // Only a provider's own error marked retryable (e.g. DIA 501) is worth another attempt here;
          // statuses were already handled above.
          const again = typed.retryable && typed.providerCode !== undefined && typed.code !== 'HTTP_ERROR';
          wait = again ? retryWait(backoffDelay(policy, attempt, random)) : undefined;
          if (wait !== undefined) continue;
          throw typed;
        }
      }
    } catch (error) {
      const typed = isSsoError(error)
        ? error
        : new SsoError('NETWORK', `${request.operation} failed`, { ...errorBase, cause: error });
      span?.end({ status: lastStatus, attempts: attempt, error: typed });
      reports.error(request, typed, attempt, started);
      throw typed;
    } finally {
      deadlines.settle(state);
      state.settled();
      if (onCallerAbort) signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return {
    provider,
    call,
    send: (request) => call(request, identity),
    redact,
  };
}

/** The answer handed to `read`; `headers` stays lazy for node:http answers. */
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

/**
 * What a failed `read` means: its SsoError as it is; anything else is a defect in reading, which
 * the caller sees as MALFORMED_RESPONSE rather than a crash (the cause is kept).
 */
function readFailure(error: unknown, base: SsoErrorOptions, status: number): SsoError {
  if (isSsoError(error)) return error;
  return new SsoError('MALFORMED_RESPONSE', `${base.operation}: the response could not be read`, {
    ...base,
    status,
    cause: error,
  });
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
