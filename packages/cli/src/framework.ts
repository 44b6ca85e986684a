import { expandSecrets, type ProviderId, SsoError } from '@sso/core/provider';

/** Where the CLI writes and what it reads; `main` takes it so tests can run the CLI in process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Aborts long-running commands (`sso sandbox`); the bin wires SIGINT/SIGTERM to it. */
  signal?: AbortSignal;
}

export type FlagType = 'string' | 'boolean';

/** One flag of a command; credentials also read `SSO_<PROVIDER>_<FLAG>` from the environment. */
export interface FlagSpec {
  flag: string;
  type?: FlagType;
  description: string;
  /** Never printed: masked in every output unless --show-secrets. */
  secret?: boolean;
  /** Required unless --sandbox (or the environment) supplies it. */
  required?: boolean;
  /** Read from `SSO_<PROVIDER>_<FLAG>` when not given on the command line. */
  env?: boolean;
  /** The value with --sandbox / --sandbox-url when the flag is not given (the demo account's). */
  sandboxDefault?: string;
}

export interface ActionContext {
  /** Client options: the sandbox's (with --sandbox), then environment, then flags. */
  options: Record<string, unknown>;
  flags: Record<string, string | boolean | undefined>;
  positionals: string[];
  /** Registers a value that must never be printed. */
  secret(value: string | undefined): void;
  sandbox: boolean;
}

export interface ActionResult {
  result: Record<string, unknown>;
  /** Result fields whose values are secrets (masked unless --show-secrets). */
  secretFields?: string[];
}

export interface ActionSpec {
  name: string;
  summary: string;
  /** Positional argument names, e.g. `['method']`. */
  args?: string[];
  flags?: FlagSpec[];
  run(ctx: ActionContext): Promise<ActionResult>;
}

export interface ProviderSpec {
  id: ProviderId;
  title: string;
  /** Flags that become client options (credentials, base URL…), in `--flag` → option-key form. */
  connection: Array<FlagSpec & { key: string; parse?: (value: string) => unknown }>;
  /** Turns the resolved options into a client option object (e.g. builds the FaxMAX cipher). */
  finish?(options: Record<string, unknown>, sandbox: boolean): Record<string, unknown>;
  actions: ActionSpec[];
  /** Extra help text (e.g. the FaxMAX cipher choices). */
  notes?: string;
}

/** A usage problem: unknown command or flag, missing argument. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly helpFor?: string,
  ) {
    super(message);
  }
}

export function envName(provider: string, flag: string): string {
  return `SSO_${provider.toUpperCase()}_${flag.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * An option error of a client, worded for the command line: option names become the flags that
 * set them (`allowInsecureHttp: true` → `--allow-insecure-http`, `baseUrl` → `--base-url`, or
 * `--sandbox-url` when the base URL came from it).
 */
export function inCliVocabulary(
  message: string,
  connection: ReadonlyArray<{ flag: string; key: string }>,
  baseUrlFlag = 'base-url',
): string {
  const flagOf = (key: string) =>
    key === 'baseUrl' ? `--${baseUrlFlag}` : `--${connection.find((c) => c.key === key)?.flag ?? key}`;
  let text = message.replace(/\ballowInsecureHttp: true\b/g, '--allow-insecure-http');
  for (const { key } of connection) {
    text = text.replace(new RegExp(`\\boptions\\.${key}\\b`, 'g'), flagOf(key));
    // camelCase names cannot be ordinary words, so they are replaced wherever they stand.
    if (/[A-Z]/.test(key)) text = text.replace(new RegExp(`(?<![-\\w.])${key}\\b`, 'g'), flagOf(key));
  }
  return text;
}

/** Exit code of a failure: 2 for bad usage or configuration, 1 when the provider (or network) said no. */
export function exitCodeFor(error: unknown): 1 | 2 {
  if (error instanceof UsageError) return 2;
  if (error instanceof SsoError && (error.code === 'INVALID_INPUT' || error.code === 'INVALID_CONFIG'))
    return 2;
  return 1;
}

export const MASKED = '[masked]';

/** Replaces every registered secret (raw, URL- and JSON-encoded) in text. */
export class Redactor {
  readonly #secrets = new Set<string>();
  constructor(readonly show: boolean) {}
  add(value: string | undefined): void {
    if (typeof value === 'string' && value.length >= 3) this.#secrets.add(value);
  }
  get size(): number {
    return this.#secrets.size;
  }
  apply(text: string): string {
    if (this.show) return text;
    let out = text;
    for (const form of expandSecrets(this.#secrets)) {
      if (out.includes(form)) out = out.split(form).join(MASKED);
    }
    return out;
  }
}

/** Query parameters that carry tokens, signs or session ids in login URLs. */
const SECRET_QUERY = new Set(['token', 'sign', 'tokenid', 'sessionid', 'ticket', 'session_id']);

/** Registers the token-carrying query values of a URL as secrets. */
export function registerUrlSecrets(url: string, secret: (v: string) => void): void {
  try {
    const parsed = new URL(url);
    const query = parsed.hash.includes('?') ? parsed.hash.slice(parsed.hash.indexOf('?')) : parsed.search;
    for (const [name, value] of new URLSearchParams(query)) {
      if (SECRET_QUERY.has(name.toLowerCase())) secret(value);
    }
    for (const [name, value] of parsed.searchParams) {
      if (SECRET_QUERY.has(name.toLowerCase())) secret(value);
    }
  } catch {
    // Not a URL: nothing to register.
  }
}

export function parseJsonObject(flag: string, text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SsoError('INVALID_INPUT', `--${flag} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SsoError('INVALID_INPUT', `--${flag} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

export function requireFlag(ctx: ActionContext, flag: string): string {
  const value = ctx.flags[flag];
  if (typeof value !== 'string' || value === '') throw new UsageError(`missing --${flag}`);
  return value;
}
