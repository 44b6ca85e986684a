import type { Expirable } from './deadlines.js';
import { discard } from './read-body.js';

/** What one attempt got: the status, headers and body, or (`retryAfterMs`) a status worth retrying. */
export interface Exchange {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly retryAfterMs?: number;
  /** A fetch body left unread because the status is retried; released when the attempt is dropped. */
  readonly unread?: ReadableStream<Uint8Array> | null;
}

/** Decides from a status (and its Retry-After) whether to retry, and after how long. */
export type RetryDelay = (status: number, retryAfter: () => string | null) => number | undefined;

const ignore = () => {};
const releaseLate = (late: Exchange) => discard(late.unread ?? null);

/** The deadline and cancellation state of one call. */
export class CallState implements Expirable {
  deadline = 0;
  pending = false;
  timedOut = false;
  callerAborted = false;
  /** Set when the call must be cancellable (caller signal, retries, an unhealthy provider). */
  controller: AbortController | undefined;
  /** Rejects the pending race of a fetch attempt (deadline passed or the caller aborted). */
  rejectRace: ((reason: unknown) => void) | undefined;
  /** Tears down the node:http request in flight (set by the node stack while it is pending). */
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

  /** Called once the call settled: nothing may tear it down any more. */
  settled(): void {
    this.rejectRace = undefined;
    this.cancel = undefined;
  }
}
