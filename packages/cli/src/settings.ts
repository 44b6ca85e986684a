// Where a command's client options and action flags come from: the sandbox's demo account (with
// --sandbox / --sandbox-url), then environment variables (not with a sandbox), then flags. Every
// problem is reported at once; every secret is registered with the redactor before use.
import { SsoError } from '@sso/core/provider';
import { type Sandbox, sandboxClientOptions } from '@sso/sandbox';
import type { FlagValues } from './args.js';
import {
  type ActionSpec,
  type CliIo,
  envName,
  type ProviderSpec,
  type Redactor,
  UsageError,
} from './framework.js';

/** The demo account's client options for `providerId`: from the embedded sandbox, or a running one. */
export function sandboxOptions(
  providerId: string,
  sandbox: Sandbox | undefined,
  sandboxUrl: string | undefined,
): Record<string, unknown> {
  if (sandbox) {
    return { ...(sandbox.clientOptions as unknown as Record<string, Record<string, unknown>>)[providerId] };
  }
  if (sandboxUrl !== undefined) {
    const all = sandboxClientOptions(sandboxUrl) as unknown as Record<string, Record<string, unknown>>;
    return { ...all[providerId] };
  }
  return {};
}

export interface Settings {
  /** The options the provider's client is made with. */
  clientOptions: Record<string, unknown>;
  /** The action's flags, with environment and sandbox defaults filled in. */
  flags: FlagValues;
}

export function resolveSettings(
  provider: ProviderSpec,
  action: ActionSpec,
  values: FlagValues,
  base: Record<string, unknown>,
  useSandbox: boolean,
  io: CliIo,
  redactor: Redactor,
): Settings {
  let clientOptions = base;
  // Every problem is reported at once, not one per run.
  const problems: string[] = [];
  const invalid: string[] = [];
  for (const f of provider.connection) {
    const fromFlag = values[f.flag];
    const fromEnv = !useSandbox && f.env ? io.env[envName(provider.id, f.flag)] : undefined;
    const raw = fromFlag ?? (fromEnv === '' ? undefined : fromEnv);
    if (raw === undefined) continue;
    try {
      clientOptions[f.key] = typeof raw === 'string' && f.parse ? f.parse(raw) : raw;
    } catch (error) {
      invalid.push((error as Error).message);
    }
  }
  for (const f of provider.connection) {
    if (
      f.required &&
      clientOptions[f.key] === undefined &&
      !invalid.some((p) => p.startsWith(`--${f.flag} `))
    ) {
      problems.push(`missing --${f.flag} (or ${envName(provider.id, f.flag)})`);
    }
  }
  // Credentials from the sandbox are demo secrets: never print them either.
  for (const f of provider.connection) if (f.secret) redactor.add(clientOptions[f.key] as string | undefined);
  const flags: FlagValues = { ...values };
  for (const f of action.flags ?? []) {
    if (flags[f.flag] === undefined && f.env && !useSandbox) {
      const fromEnv = io.env[envName(provider.id, f.flag)];
      if (fromEnv !== undefined && fromEnv !== '') flags[f.flag] = fromEnv;
    }
    if (flags[f.flag] === undefined && useSandbox && f.sandboxDefault !== undefined) {
      flags[f.flag] = f.sandboxDefault;
      if (f.secret) redactor.add(f.sandboxDefault);
    }
    if (f.required && flags[f.flag] === undefined) problems.push(`missing --${f.flag}`);
  }
  if (problems.length > 0) throw new UsageError([...problems, ...invalid].join('; '), provider.id);
  if (invalid.length > 0) throw new SsoError('INVALID_CONFIG', invalid.join('; '), { provider: provider.id });
  if (provider.finish) clientOptions = provider.finish(clientOptions, useSandbox);
  return { clientOptions, flags };
}
