import type { ProviderId } from './errors.js';
import type { Hooks } from './http/hooks.js';
import { createTransport, type Transport } from './http/transport.js';
import { resolveBaseUrl } from './http/url.js';
import type { CommonClientOptions } from './options.js';
import type { Infer, Schema } from './schema.js';
import { parseOptions } from './validation.js';

/** What a provider package tells the kit about itself. */
export interface ProviderSpec<
  S extends Schema<unknown>,
  O extends CommonClientOptions = Infer<S> & CommonClientOptions,
> {
  provider: ProviderId;
  /** The factory's name, e.g. `createDiaClient`, in configuration errors. */
  factory: string;
  /** The options schema (a strict object spreading `commonOptionsShape`). */
  options: S;
  /**
   * The base URL when `baseUrl` is not given, from the parsed options; omit it when `baseUrl` is
   * required. May throw INVALID_CONFIG (e.g. "give exactly one of server and baseUrl").
   */
  defaultBaseUrl?: (options: O) => string;
  /** The secret values of the client, read at every redaction (they may change, e.g. a token). */
  secrets: (options: O) => () => ReadonlyArray<string | undefined>;
}

/** A provider client's starting point: its parsed options, base URL and transport. */
export interface ProviderSetup<O> {
  options: O;
  /** Absolute, with a trailing slash. */
  baseUrl: string;
  transport: Transport;
}

/**
 * Parses a client's options (INVALID_CONFIG before any I/O), resolves its base URL (https unless
 * `allowInsecureHttp`) and builds its transport with the client's secrets and hooks.
 */
export function setupProvider<
  S extends Schema<unknown>,
  O extends CommonClientOptions = Infer<S> & CommonClientOptions,
>(spec: ProviderSpec<S, O>, input: unknown): ProviderSetup<O> {
  const options = parseOptions(spec.options, input, {
    provider: spec.provider,
    operation: spec.factory,
  }) as O;
  const url = options.baseUrl ?? spec.defaultBaseUrl?.(options);
  const baseUrl = resolveBaseUrl(url ?? '', {
    provider: spec.provider,
    allowInsecureHttp: options.allowInsecureHttp,
  });
  // The caller's hook functions themselves: a parsed copy would be another object.
  const hooks = (input as { hooks?: Hooks } | null)?.hooks;
  const transport = createTransport({
    provider: spec.provider,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    maxResponseBytes: options.maxResponseBytes,
    retry: options.retry,
    hooks,
    secrets: spec.secrets(options),
  });
  return { options, baseUrl, transport };
}
