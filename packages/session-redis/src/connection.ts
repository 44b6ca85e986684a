import { SsoError } from '@sso/core/provider';
import { Redis, type RedisOptions } from 'ioredis';
import { redisError, timedOut, unavailable } from './errors.js';

/** The store's Redis connection: fail-fast commands with a deadline, and closing what it opened. */
export interface Connection {
  readonly redis: Redis;
  /** Runs one Redis command under the operation timeout; every failure becomes an SsoError. */
  command<T>(operation: string, run: (client: Redis) => Promise<T>): Promise<T>;
  assertOpen(): void;
  readonly closed: boolean;
  /** Marks the store closed; quits the clients it opened (and `extra`, e.g. the subscriber). */
  close(extra: ReadonlyArray<Redis>): Promise<void>;
}

export function openConnection(
  config: Redis | string | RedisOptions,
  operationTimeoutMs: number,
): Connection {
  const owned = !isRedisClient(config);
  const redis: Redis = owned ? createClient(config as string | RedisOptions, operationTimeoutMs) : config;

  let everReady = redis.status === 'ready';
  let initialWaitOver = everReady;
  let closed = false;
  const onReady = () => {
    everReady = true;
  };
  redis.on('ready', onReady);
  // An owned client reports connection failures through the store's errors; without a listener
  // ioredis would print each reconnect failure.
  if (owned) redis.on('error', () => {});

  // The first connection gets one operation timeout, shared by every call made meanwhile; after
  // that a connection that is not ready fails the call at once.
  let firstConnection: Promise<boolean> | undefined;
  function awaitFirstConnection(): Promise<boolean> {
    firstConnection ??= new Promise<boolean>((resolve) => {
      if (redis.status === 'wait') redis.connect().catch(() => {});
      const timer = setTimeout(() => finish(false), operationTimeoutMs);
      const onceReady = () => finish(true);
      function finish(value: boolean) {
        clearTimeout(timer);
        redis.off('ready', onceReady);
        initialWaitOver = true;
        resolve(value);
      }
      redis.on('ready', onceReady);
    });
    return firstConnection;
  }

  async function ready(operation: string): Promise<void> {
    if (redis.status === 'ready') return;
    if (!initialWaitOver && redis.status !== 'end' && redis.status !== 'close') {
      if ((await awaitFirstConnection()) || (redis.status as string) === 'ready') return;
    }
    throw unavailable(operation, everReady ? 'lost' : 'not established');
  }

  function assertOpen() {
    if (closed) throw new SsoError('CLOSED', 'The Redis session store was closed');
  }

  return {
    redis,
    assertOpen,
    get closed() {
      return closed;
    },
    async command<T>(operation: string, run: (client: Redis) => Promise<T>): Promise<T> {
      assertOpen();
      await ready(operation);
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        return await Promise.race([
          run(redis),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(timedOut(operation, operationTimeoutMs)), operationTimeoutMs);
          }),
        ]);
      } catch (error) {
        throw redisError(operation, error);
      } finally {
        clearTimeout(timer);
      }
    },
    async close(extra) {
      closed = true;
      redis.off('ready', onReady);
      const quits = extra.map(quit);
      if (owned) quits.push(quit(redis));
      // The no-op error listener stays: a late socket error must not become an unhandled 'error'.
      await Promise.all(quits);
    },
  };
}

/** An ioredis client, also one from another copy of ioredis than this package's. */
export function isRedisClient(value: unknown): value is Redis {
  if (value instanceof Redis) return true;
  const candidate = value as Partial<Record<'hgetall' | 'eval' | 'duplicate' | 'on', unknown>> & {
    status?: unknown;
  };
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof candidate.status === 'string' &&
    typeof candidate.hgetall === 'function' &&
    typeof candidate.eval === 'function' &&
    typeof candidate.duplicate === 'function' &&
    typeof candidate.on === 'function'
  );
}

function createClient(config: string | RedisOptions, operationTimeoutMs: number): Redis {
  const failFast: RedisOptions = {
    // Commands while disconnected fail at once instead of piling up until a reconnect.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: Math.max(operationTimeoutMs, 1_000),
    // Reconnect for ever, backing off to one attempt a second: recovery needs no restart.
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** Math.min(attempt, 5), 1_000),
  };
  return typeof config === 'string' ? new Redis(config, failFast) : new Redis({ ...failFast, ...config });
}

async function quit(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  await client.quit().catch(() => client.disconnect());
}
