/** Something with a deadline: `expire` runs once if it is still pending when the deadline passes. */
export interface Expirable {
  /** Absolute deadline on the `performance.now()` clock. Set by `DeadlineQueue.add`. */
  deadline: number;
  /** False once the work settled; a settled entry is skipped and never expired. */
  pending: boolean;
  expire(): void;
}

/**
 * One timer for every pending call of a transport instead of a setTimeout/clearTimeout pair per
 * call (a call's own timer costs about 2 µs of CPU on loopback, most of it re-arming Node's timer
 * list when it empties). Calls are queued in the order they start; calls with the same timeout
 * therefore expire in queue order, and one with a shorter timeout re-arms the timer earlier.
 * Settled calls are dropped from the front as the queue is walked. While nothing is pending the
 * timer does not keep the process alive; while something is, it does, like a call's own timer.
 */
export class DeadlineQueue {
  #queue: Expirable[] = [];
  #head = 0;
  #pending = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #armedFor = Number.POSITIVE_INFINITY;

  add(entry: Expirable, timeoutMs: number): void {
    entry.deadline = performance.now() + timeoutMs;
    entry.pending = true;
    this.#queue.push(entry);
    this.#pending++;
    if (entry.deadline < this.#armedFor) this.#arm(timeoutMs, entry.deadline);
    else if (this.#pending === 1) this.#timer?.ref?.();
  }

  settle(entry: Expirable): void {
    if (!entry.pending) return;
    entry.pending = false;
    if (--this.#pending === 0) this.#timer?.unref?.();
    this.#dropSettledHead();
  }

  #arm(delayMs: number, at: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#armedFor = at;
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, delayMs));
    if (this.#pending === 0) this.#timer.unref?.();
  }

  #fire(): void {
    this.#timer = undefined;
    this.#armedFor = Number.POSITIVE_INFINITY;
    const now = performance.now();
    const due: Expirable[] = [];
    let next = Number.POSITIVE_INFINITY;
    const kept: Expirable[] = [];
    for (let i = this.#head; i < this.#queue.length; i++) {
      const entry = this.#queue[i]!;
      if (!entry.pending) continue;
      if (entry.deadline <= now) {
        entry.pending = false;
        this.#pending--;
        due.push(entry);
      } else {
        kept.push(entry);
        if (entry.deadline < next) next = entry.deadline;
      }
    }
    this.#queue = kept;
    this.#head = 0;
    if (kept.length > 0) this.#arm(next - now, next);
    for (const entry of due) entry.expire();
  }

  #dropSettledHead(): void {
    const queue = this.#queue;
    while (this.#head < queue.length && !queue[this.#head]!.pending) this.#head++;
    if (this.#head === queue.length) {
      this.#queue = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > queue.length) {
      this.#queue = queue.slice(this.#head);
      this.#head = 0;
    }
  }
}
