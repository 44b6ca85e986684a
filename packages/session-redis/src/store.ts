import { parseOptions, type SessionEntry } from '@sso/core/provider';
import { entryCodec, jsonCodec } from './codec.js';
import { openConnection } from './connection.js';
import { emitter } from './events.js';
import { memoryFallback } from './fallback.js';
import { accountHash, sessionSuffix } from './keys.js';
import { loginLock } from './lock.js';
import { optionsSchema } from './options.js';
import { COMPARE_AND_DELETE, SET_SESSION, TOUCH_SESSION } from './scripts.js';
import { createSignals } from './signals.js';
import type { RedisSessionStore, RedisSessionStoreOptions, SessionCodec } from './types.js';

/**
 * A `SessionStore` on Redis, shared by every instance of an app: one login for the whole fleet,
 * sliding expiry kept in Redis, and compare-and-delete invalidation, so one expiry costs one login.
 */
export function createRedisSessionStore<S = unknown>(
  options: RedisSessionStoreOptions<S>,
): RedisSessionStore<S> {
  const parsed = parseOptions(optionsSchema, options, {
    provider: 'core',
    operation: 'createRedisSessionStore',
  });
  const base = `${parsed.prefix ?? 'sso'}:${parsed.provider}:${accountHash(parsed.provider, parsed.account)}`;
  const codec = entryCodec((parsed.codec ?? jsonCodec) as SessionCodec<S>, parsed.encryptionKey);
  const now = parsed.now ?? Date.now;
  const lockTtlMs = Math.ceil(parsed.lockTtlMs ?? 10_000);
  const pollIntervalMs = parsed.pollIntervalMs ?? 100;
  const operationTimeoutMs = parsed.operationTimeoutMs ?? 2_000;
  const emit = emitter(parsed.onEvent);

  const connection = openConnection(parsed.redis, operationTimeoutMs);
  const command = connection.command.bind(connection);
  const fallback = memoryFallback<S>(parsed.fallback ?? 'none', emit);
  const signals = createSignals(connection, `${base}:events`, operationTimeoutMs);
  const touched = new Map<string, { id: string; at: number }>();

  const keyFor = (key: string) => `${base}:s:${sessionSuffix(key)}`;
  const ttlOf = (expiresAt: number) =>
    Number.isFinite(expiresAt) ? Math.max(1, Math.ceil(expiresAt - now())) : 0;
  const isLive = (entry: SessionEntry<S> | undefined): entry is SessionEntry<S> =>
    entry !== undefined && entry.expiresAt > now();

  async function get(key: string): Promise<SessionEntry<S> | undefined> {
    const rkey = keyFor(key);
    return fallback.run(
      rkey,
      async () => {
        const hash = await command('redis.get', (r) => r.hgetall(rkey));
        if (Object.keys(hash).length === 0) return undefined;
        const entry = codec.decode(rkey, hash);
        if (!entry) emit('unreadable-entry', rkey);
        return entry;
      },
      (memory) => memory.get(key),
    );
  }

  async function set(key: string, entry: SessionEntry<S>): Promise<void> {
    const rkey = keyFor(key);
    const { value, encrypted } = codec.encode(rkey, entry);
    const expires = Number.isFinite(entry.expiresAt) ? String(entry.expiresAt) : 'inf';
    await fallback.run(
      rkey,
      async () => {
        await command('redis.set', (r) =>
          r.eval(
            SET_SESSION,
            1,
            rkey,
            entry.id,
            String(entry.createdAt),
            expires,
            value,
            encrypted,
            String(ttlOf(entry.expiresAt)),
          ),
        );
        touched.set(rkey, { id: entry.id, at: now() });
      },
      (memory) => memory.set(key, entry),
    );
  }

  async function remove(key: string, expected?: SessionEntry<S>): Promise<void> {
    const rkey = keyFor(key);
    await fallback.run(
      rkey,
      async () => {
        const removed = expected
          ? await command('redis.delete', (r) => r.eval(COMPARE_AND_DELETE, 1, rkey, expected.id))
          : await command('redis.delete', (r) => r.del(rkey));
        if (removed === 1) emit('invalidated', rkey);
        await fallback.memory.delete(key, expected);
      },
      (memory) => memory.delete(key, expected),
    );
  }

  async function touch(key: string, entry: SessionEntry<S>): Promise<void> {
    if (!Number.isFinite(entry.expiresAt)) return;
    const rkey = keyFor(key);
    const at = now();
    const interval = parsed.touchIntervalMs ?? Math.min(60_000, Math.max(0, (entry.expiresAt - at) / 10));
    const last = touched.get(rkey);
    if (last && last.id === entry.id && at - last.at < interval) {
      emit('touch-skipped', rkey);
      return;
    }
    touched.set(rkey, { id: entry.id, at });
    await fallback.run(
      rkey,
      async () => {
        await command('redis.touch', (r) =>
          r.eval(TOUCH_SESSION, 1, rkey, entry.id, String(entry.expiresAt), String(ttlOf(entry.expiresAt))),
        );
        emit('touched', rkey);
      },
      (memory) => memory.touch?.(key, entry),
    );
  }

  const singleFlight = loginLock<S>({
    connection,
    signals,
    fallback,
    emit,
    keyFor,
    get,
    isLive,
    lockTtlMs,
    waitTimeoutMs: parsed.waitTimeoutMs ?? Math.max(30_000, 3 * lockTtlMs),
    pollIntervalMs,
  });

  return {
    shared: true,
    get,
    set,
    delete: remove,
    touch,
    singleFlight,
    keyFor,
    get mode() {
      return fallback.mode;
    },
    async close() {
      if (connection.closed) return;
      const subscriber = signals.close();
      await connection.close(subscriber ? [subscriber] : []);
    },
  };
}
