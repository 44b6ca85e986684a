import * as s from '@sso/core/schema';
import { Redis, type RedisOptions } from 'ioredis';
import type { RedisStoreEvent, SessionCodec } from './types.js';

const fn = <T>() => s.custom<T>((v) => typeof v === 'function', 'must be a function');
const ms = (max: number) => s.optional(s.number().check(s.positive(), s.lte(max)));

/** What `createRedisSessionStore` accepts; `parseOptions` turns a mismatch into INVALID_CONFIG. */
export const optionsSchema = s.strictObject({
  redis: s.union([
    s.string().check(s.regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')),
    s.custom<Redis>((v) => v instanceof Redis, 'must be an ioredis client'),
    s.custom<RedisOptions>(
      (v) => typeof v === 'object' && v !== null && !(v instanceof Redis),
      'must be options',
    ),
  ]),
  provider: s.string().check(s.regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'must be a lower-case provider id')),
  account: s.union([
    s.string().check(s.minLength(1)),
    s.record(s.string(), s.union([s.string(), s.number()])),
  ]),
  prefix: s.optional(
    s.string().check(s.regex(/^[A-Za-z0-9_.-]{1,32}$/, 'must be 1-32 letters, digits, _ . -')),
  ),
  encryptionKey: s.optional(s.string().check(s.minLength(16))),
  lockTtlMs: ms(10 * 60_000),
  waitTimeoutMs: ms(60 * 60_000),
  pollIntervalMs: ms(60_000),
  touchIntervalMs: s.optional(s.number().check(s.gte(0), s.lte(60 * 60_000))),
  operationTimeoutMs: ms(60_000),
  fallback: s.optional(s.enum(['none', 'memory'])),
  codec: s.optional(
    s.custom<SessionCodec<unknown>>(
      (v) =>
        typeof v === 'object' &&
        v !== null &&
        typeof (v as SessionCodec<unknown>).serialize === 'function' &&
        typeof (v as SessionCodec<unknown>).deserialize === 'function',
      'must have serialize and deserialize functions',
    ),
  ),
  now: s.optional(fn<() => number>()),
  onEvent: s.optional(fn<(event: RedisStoreEvent) => void>()),
});
