import type { SsoErrorOptions } from '../errors.js';
import type { CallState, Exchange, RetryDelay } from './call-state.js';

/** What a stack needs to send one attempt. */
export interface StackRequest {
  url: string;
  method: string;
  headers: Record<string, string> | undefined;
  body: string | undefined;
  /** Set only when the call must be cancellable through a signal. */
  signal: AbortSignal | undefined;
}

/** The limits and error wording every attempt of a call shares. */
export interface AttemptLimits {
  maxBytes: number;
  /** Provider and operation, for the errors an attempt raises itself (a body over the cap). */
  errorBase: SsoErrorOptions;
  /** Whether (and after how long) a status is retried; undefined on the last attempt. */
  retryDelay: RetryDelay | undefined;
}

/**
 * One HTTP stack (node:http or fetch): sends one attempt and reads the body within the cap. It
 * rejects with a `BodyReadFailure` once the status is known, with the cause otherwise, and ends
 * the attempt when the call's deadline passes or the caller aborts (through `state`).
 */
export interface HttpStack {
  attempt(request: StackRequest, limits: AttemptLimits, state: CallState): Promise<Exchange>;
}
