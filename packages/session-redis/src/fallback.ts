import { createMemorySessionStore, type SessionStore } from '@sso/core/provider';
import { isUnavailable } from './errors.js';
import type { Emit } from './events.js';

/** Tracks whether Redis is reachable and, when the app opted in, serves from memory meanwhile. */
export interface Fallback<S> {
  /** Runs a Redis operation; while Redis is unreachable and the app opted in, the memory store serves. */
  run<T>(
    rkey: string,
    viaRedis: () => Promise<T>,
    viaMemory: (memory: SessionStore<S>) => T | Promise<T>,
  ): Promise<T>;
  /** Records that Redis was found unreachable (reported once per outage). */
  degrade(rkey: string): void;
  /** The in-process store of this outage (a fresh one after each recovery). */
  readonly memory: SessionStore<S>;
  readonly mode: 'redis' | 'memory';
  readonly enabled: boolean;
}

export function memoryFallback<S>(policy: 'none' | 'memory', emit: Emit): Fallback<S> {
  let memory = createMemorySessionStore<S>();
  let degraded = false;
  const degrade = (rkey: string) => {
    if (degraded) return;
    degraded = true;
    emit('redis-unavailable', rkey);
  };
  return {
    degrade,
    get memory() {
      return memory;
    },
    get mode() {
      return degraded && policy === 'memory' ? 'memory' : 'redis';
    },
    enabled: policy === 'memory',
    async run(rkey, viaRedis, viaMemory) {
      try {
        const result = await viaRedis();
        if (degraded) {
          degraded = false;
          // Sessions made while Redis was away are local to this instance; the fleet's is in Redis.
          memory = createMemorySessionStore<S>();
          emit('redis-recovered', rkey);
        }
        return result;
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        degrade(rkey);
        if (policy !== 'memory') throw error;
        return viaMemory(memory);
      }
    },
  };
}
