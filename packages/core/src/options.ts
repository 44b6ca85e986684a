import type { FetchLike } from './http/fetch-stack.js';
import type { Hooks } from './http/hooks.js';
import type { RetryOptions } from './http/retry.js';
import * as s from './schema.js';
import { isSessionStore, type SessionStore } from './session/store.js';

const positiveMs = s.number().check(s.positive(), s.lte(24 * 60 * 60 * 1000));
const optionalFunction = <F>() =>
  s.optional(s.custom<F>((v) => typeof v === 'function', 'must be a function'));

/**
 * The options every `create<Provider>Client` accepts. Provider schemas spread this shape into a
 * `s.strictObject`, so unknown keys are rejected everywhere.
 */
export const commonOptionsShape = {
  fetch: optionalFunction<FetchLike>(),
  timeoutMs: s.optional(positiveMs),
  maxResponseBytes: s.optional(s.int().check(s.positive())),
  retry: s.optional(
    s.union([
      s.literal(false),
      s.strictObject({
        maxAttempts: s.optional(s.int().check(s.gte(1), s.lte(10))),
        baseDelayMs: s.optional(s.number().check(s.gte(0))),
        maxDelayMs: s.optional(s.number().check(s.gte(0))),
      }),
    ]),
  ),
  baseUrl: s.optional(s.string()),
  allowInsecureHttp: s.optional(s.boolean()),
  hooks: s.optional(
    s.strictObject({
      onRequest: optionalFunction<(v: never) => void>(),
      onResponse: optionalFunction<(v: never) => void>(),
      onError: optionalFunction<(v: never) => void>(),
    }),
  ),
  now: optionalFunction<() => number>(),
};

/** A required, non-empty string without surrounding whitespace — for keys, users and passwords. */
export const credential = () =>
  s.string().check(
    s.minLength(1),
    s.refine((v) => v.trim() === v, 'must not start or end with whitespace'),
  );

/** Schema of a `store` option: anything with `get`, `set` and `delete`. */
export const sessionStoreSchema = <S = unknown>() =>
  s.custom<SessionStore<S>>(isSessionStore, 'must be a SessionStore (get, set, delete)');

/**
 * The per-call options of client methods (`signal`, `timeoutMs`, `idempotent`), for a
 * `s.strictObject`. Built on first use: most programs never validate call options.
 */
export const requestOptionsShape = () => ({
  signal: s.optional(s.custom<AbortSignal>((v) => v instanceof AbortSignal, 'must be an AbortSignal')),
  timeoutMs: s.optional(positiveMs),
  idempotent: s.optional(s.boolean()),
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
