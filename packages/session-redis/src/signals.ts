import type { Redis } from 'ioredis';
import type { Connection } from './connection.js';

/** What a lock holder tells the instances waiting for its login, on the account's channel. */
export interface Signal {
  /** Session name (the key suffix) the signal is about. */
  k: string;
  r: 'ready' | 'failed';
  /** SsoError code of a failed login. */
  c?: string;
}

/** Pub/sub between the instances of a fleet: a holder's login result reaches waiters at once. */
export interface Signals {
  /** Subscribes (once) to the channel; false when that failed, and waiters then poll. */
  subscribe(): Promise<boolean>;
  /** Resolves with the next signal about `suffix`, or undefined after `delayMs` (or on close). */
  next(suffix: string, delayMs: number): Promise<Signal | undefined>;
  publish(suffix: string, signal: Omit<Signal, 'k'>): Promise<void>;
  /** Wakes every waiter; returns the subscriber connection to quit, if one was opened. */
  close(): Redis | undefined;
}

export function createSignals(connection: Connection, channel: string, operationTimeoutMs: number): Signals {
  const listeners = new Set<(signal: Signal) => void>();
  const wakeOnClose = new Set<() => void>();
  let subscriber: Redis | undefined;
  let subscribed: Promise<boolean> | undefined;

  function openSubscriber(): Redis {
    // A subscribed connection can do nothing else, so signals get their own. Its offline
    // queue is on: a SUBSCRIBE sent while it connects is delivered once it is up.
    const sub = connection.redis.duplicate({
      enableOfflineQueue: true,
      lazyConnect: false,
      maxRetriesPerRequest: null,
    });
    sub.on('error', () => {});
    sub.on('message', (from: string, message: string) => {
      if (from !== channel) return;
      let signal: Signal;
      try {
        signal = JSON.parse(message) as Signal;
      } catch {
        return;
      }
      for (const listener of [...listeners]) listener(signal);
    });
    return sub;
  }

  return {
    subscribe() {
      if (subscribed) return subscribed;
      const attempt = (async () => {
        subscriber ??= openSubscriber();
        const sub = subscriber;
        let timer: ReturnType<typeof setTimeout> | undefined;
        try {
          await Promise.race([
            sub.subscribe(channel),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error('subscribe timed out')), operationTimeoutMs);
            }),
          ]);
          return true;
        } catch {
          return false;
        } finally {
          clearTimeout(timer);
        }
      })();
      subscribed = attempt;
      // Without a subscription waiters poll; the next wait tries to subscribe again.
      attempt.then((ok) => {
        if (!ok && subscribed === attempt) subscribed = undefined;
      });
      return attempt;
    },
    next(suffix, delayMs) {
      return new Promise((resolve) => {
        const timer = setTimeout(() => finish(undefined), delayMs);
        const listener = (signal: Signal) => {
          if (signal.k === suffix) finish(signal);
        };
        const wake = () => finish(undefined);
        function finish(signal: Signal | undefined) {
          clearTimeout(timer);
          listeners.delete(listener);
          wakeOnClose.delete(wake);
          resolve(signal);
        }
        listeners.add(listener);
        wakeOnClose.add(wake);
      });
    },
    async publish(suffix, signal) {
      await connection
        .command('redis.publish', (r) => r.publish(channel, JSON.stringify({ k: suffix, ...signal })))
        .catch(() => {});
    },
    close() {
      for (const wake of [...wakeOnClose]) wake();
      return subscriber;
    },
  };
}
