import type { FetchLike } from './http/fetch-stack.js';
import type { Hooks } from './http/hooks.js';
import type { RetryOptions } from './http/retry.js';
import { isSessionStore, type SessionStore } from './session/store.js';
import * as z from './zod.js';

const positiveMs = z.number().check(z.positive(), z.lte(24 * 60 * 60 * 1000));
const optionalFunction = <F>() =>
  z.optional(z.custom<F>((v) => typeof v === 'function', 'must be a function'));

/**
 * The options every `create<Provider>Client` accepts. Provider schemas spread this shape into a
 * `z.strictObject`, so unknown keys are rejected everywhere.
 */
export const commonOptionsShape = {
  fetch: optionalFunction<FetchLike>(),
  timeoutMs: z.optional(positiveMs),
  maxResponseBytes: z.optional(z.int().check(z.positive())),
  retry: z.optional(
    z.union([
      z.literal(false),
      z.strictObject({
        maxAttempts: z.optional(z.int().check(z.gte(1), z.lte(10))),
        baseDelayMs: z.optional(z.number().check(z.gte(0))),
        maxDelayMs: z.optional(z.number().check(z.gte(0))),
      }),
    ]),
  ),
  baseUrl: z.optional(z.string()),
  allowInsecureHttp: z.optional(z.boolean()),
  hooks: z.optional(
    z.strictObject({
      onRequest: optionalFunction<(v: never) => void>(),
      onResponse: optionalFunction<(v: never) => void>(),
      onError: optionalFunction<(v: never) => void>(),
    }),
  ),
  now: optionalFunction<() => number>(),
};

/** A required, non-empty string without surrounding whitespace — for keys, users and passwords. */
export const credential = () =>
  z.string().check(
    z.minLength(1),
    z.refine((v) => v.trim() === v, 'must not start or end with whitespace'),
  );

/** Schema of a `store` option: anything with `get`, `set` and `delete`. */
export const sessionStoreSchema = <S = unknown>() =>
  z.custom<SessionStore<S>>(isSessionStore, 'must be a SessionStore (get, set, delete)');

/**
 * The per-call options of client methods (`signal`, `timeoutMs`, `idempotent`), for a
 * `z.strictObject`. Built on first use: most programs never validate call options.
 */
export const requestOptionsShape = () => ({
  signal: z.optional(z.custom<AbortSignal>((v) => v instanceof AbortSignal, 'must be an AbortSignal')),
  timeoutMs: z.optional(positiveMs),
  idempotent: z.optional(z.boolean()),
});

/** The options shared by every client factory (see DESIGN.md, "Public contract"). */
export interface CommonClientOptions {
  /** A fetch implementation; by default `globalThis.fetch`, looked up at every call. */
  fetch?: FetchLike;
  /** Deadline for one call, retries included. Default 10 000 ms. */
  timeoutMs?: number;
  /** Larger response bodies are refused with MALFORMED_RESPONSE. Default 1 MiB. */
  maxResponseBytes?: number;
  /** Retry policy for operations that are safe to repeat, or `false` to never retry. */
  retry?: RetryOptions | false;
  /** Overrides the provider's host, e.g. to point at the sandbox. */
  baseUrl?: string;
  /** Allows an `http:` base URL (local sandboxes). Default false. */
  allowInsecureHttp?: boolean;
  /** Observers that receive a redacted view of every request, response and error. */
  hooks?: Hooks;
  /** Clock in epoch milliseconds, for tests. */
  now?: () => number;
}
