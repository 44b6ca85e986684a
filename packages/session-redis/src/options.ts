import * as z from '@sso/core/zod';
import { Redis, type RedisOptions } from 'ioredis';
import type { RedisStoreEvent, SessionCodec } from './types.js';

const fn = <T>() => z.custom<T>((v) => typeof v === 'function', 'must be a function');
const ms = (max: number) => z.optional(z.number().check(z.positive(), z.lte(max)));

/** What `createRedisSessionStore` accepts; `parseOptions` turns a mismatch into INVALID_CONFIG. */
export const optionsSchema = z.strictObject({
  redis: z.union([
    z.string().check(z.regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')),
    z.custom<Redis>((v) => v instanceof Redis, 'must be an ioredis client'),
    z.custom<RedisOptions>(
      (v) => typeof v === 'object' && v !== null && !(v instanceof Redis),
      'must be options',
    ),
  ]),
  provider: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'must be a lower-case provider id')),
  account: z.union([
    z.string().check(z.minLength(1)),
    z.record(z.string(), z.union([z.string(), z.number()])),
  ]),
  prefix: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,32}$/, 'must be 1-32 letters, digits, _ . -')),
  ),
  encryptionKey: z.optional(z.string().check(z.minLength(16))),
  lockTtlMs: ms(10 * 60_000),
  waitTimeoutMs: ms(60 * 60_000),
  pollIntervalMs: ms(60_000),
  touchIntervalMs: z.optional(z.number().check(z.gte(0), z.lte(60 * 60_000))),
  operationTimeoutMs: ms(60_000),
  fallback: z.optional(z.enum(['none', 'memory'])),
  codec: z.optional(
    z.custom<SessionCodec<unknown>>(
      (v) =>
        typeof v === 'object' &&
        v !== null &&
        typeof (v as SessionCodec<unknown>).serialize === 'function' &&
        typeof (v as SessionCodec<unknown>).deserialize === 'function',
      'must have serialize and deserialize functions',
    ),
  ),
  now: z.optional(fn<() => number>()),
  onEvent: z.optional(fn<(event: RedisStoreEvent) => void>()),
});
