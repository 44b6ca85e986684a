import { type ParseArgsConfig, parseArgs } from 'node:util';
import { isSsoError, SsoError } from '@sso/core/provider';
import {
  BUILTIN_PROVIDERS,
  runSandboxCli,
  type Sandbox,
  sandboxClientOptions,
  startSandbox,
} from '@sso/sandbox';
import {
  type ActionSpec,
  type CliIo,
  envName,
  exitCodeFor,
  type FlagSpec,
  inCliVocabulary,
  type ProviderSpec,
  Redactor,
  UsageError,
} from './framework.js';
import { PROVIDERS } from './providers/index.js';
import { VERSION } from './version.js';

export { VERSION };

/** Flags accepted on every command. */
const GLOBAL_FLAGS: FlagSpec[] = [
  { flag: 'json', type: 'boolean', description: 'print one JSON object (see README for the schema)' },
  { flag: 'sandbox', type: 'boolean', description: 'start an embedded sandbox and use its demo accounts' },
  { flag: 'sandbox-url', description: 'use a running sandbox (sso sandbox) and its demo accounts' },
  { flag: 'show-secrets', type: 'boolean', description: 'print tokens, tickets, signs and session ids' },
  { flag: 'help', type: 'boolean', description: 'show help' },
];
const GLOBAL_BOOLEANS = new Set(['--json', '--sandbox', '--show-secrets', '--help', '-h', '--version', '-V']);

function providerList(): string {
  return PROVIDERS.map(
    (p) => `  ${p.id.padEnd(14)}${p.title}: ${p.actions.map((a) => a.name).join(', ')}`,
  ).join('\n');
}

function flagLines(flags: ReadonlyArray<FlagSpec>, provider?: string): string {
  return flags
    .map((f) => {
      const name = `--${f.flag}${f.type === 'boolean' ? '' : ' VALUE'}`;
      const env = provider && f.env ? ` [env ${envName(provider, f.flag)}]` : '';
      const req = f.required ? ' (required)' : '';
      return `  ${name.padEnd(30)}${f.description}${req}${env}`;
    })
    .join('\n');
}

const ROOT_HELP = `Usage: sso <provider> <action> [flags]
       sso sandbox [--port N] [--seed FILE] [--faults SPEC] [--fault-seed N] [--show-secrets]

Calls the sign-in / session APIs of five Turkish services.

Providers and actions:
${providerList()}
  sandbox       run the local sandbox of all five providers in the foreground

Global flags:
${flagLines(GLOBAL_FLAGS)}
  -V, --version                 print the version

Credentials come from flags or SSO_<PROVIDER>_<FLAG> environment variables
(e.g. SSO_DIA_PASSWORD, SSO_BEYONDVISIT_SECRET_KEY). With --sandbox / --sandbox-url the demo
account is used, environment variables are ignored, and flags still override it.

Exit codes: 0 success, 1 the provider refused (or network failure), 2 bad usage or configuration.
Run \`sso <provider> --help\` or \`sso <provider> <action> --help\` for more.
`;

function providerHelp(p: ProviderSpec): string {
  const actions = p.actions
    .map((a) => `  ${[a.name, ...(a.args ?? []).map((x) => `<${x}>`)].join(' ').padEnd(28)}${a.summary}`)
    .join('\n');
  return `Usage: sso ${p.id} <action> [flags]

${p.title} actions:
${actions}

Connection flags:
${flagLines(p.connection, p.id)}
${p.notes ? `\n${p.notes}\n` : ''}
Global flags: --json, --sandbox, --sandbox-url URL, --show-secrets, --help
`;
}

function actionHelp(p: ProviderSpec, a: ActionSpec): string {
  const args = (a.args ?? []).map((x) => ` <${x}>`).join('');
  const own = a.flags?.length ? `\nFlags:\n${flagLines(a.flags, p.id)}\n` : '';
  return `Usage: sso ${p.id} ${a.name}${args} [flags]

${a.summary}
${own}
Connection flags (sso ${p.id} --help for details):
${flagLines(p.connection, p.id)}

Global flags: --json, --sandbox, --sandbox-url URL, --show-secrets, --help
`;
}

interface Outcome {
  ok: boolean;
  exitCode: number;
}

/**
 * Runs the CLI with `argv` (without `node` and the script). Never throws; returns the exit code.
 * All output goes through `io`, with every secret masked unless `--show-secrets`.
 */
export async function main(argv: ReadonlyArray<string>, io: CliIo): Promise<number> {
  const args = [...argv];
  const json = args.includes('--json');
  const redactor = new Redactor(args.includes('--show-secrets'));
  const out = (text: string) => io.stdout(redactor.apply(text));
  const err = (text: string) => io.stderr(redactor.apply(text));

  // The command words come first; only global switches may precede them.
  const words: string[] = [];
  let i = 0;
  while (i < args.length && words.length < 2) {
    const a = args[i] as string;
    if (a.startsWith('-')) {
      if (a === '--sandbox-url') i += 2;
      else if (GLOBAL_BOOLEANS.has(a) || a.startsWith('--sandbox-url=')) i++;
      else break;
      continue;
    }
    words.push(a);
    args.splice(i, 1);
  }
  const [providerId, actionName] = words;
  const wantsHelp = args.includes('--help') || args.includes('-h');

  if (providerId === undefined) {
    if (args.includes('--version') || args.includes('-V')) {
      out(`${VERSION}\n`);
      return 0;
    }
    // Bare `sso` (or only global flags): the usage is the answer.
    out(ROOT_HELP);
    return 0;
  }
  if (providerId === 'help') {
    const p = PROVIDERS.find((x) => x.id === actionName);
    out(p ? providerHelp(p) : ROOT_HELP);
    return 0;
  }
  if (providerId === 'sandbox') {
    if (actionName !== undefined) args.unshift(actionName);
    return runSandboxCli(
      args,
      { stdout: io.stdout, stderr: io.stderr, env: io.env, ...(io.signal ? { signal: io.signal } : {}) },
      BUILTIN_PROVIDERS,
    );
  }
  const provider = PROVIDERS.find((p) => p.id === providerId);
  if (!provider) return fail(new UsageError(`unknown provider "${providerId}"`), undefined, undefined);
  if (actionName === undefined) {
    if (wantsHelp) {
      out(providerHelp(provider));
      return 0;
    }
    return fail(new UsageError(`missing action for ${provider.id}`, provider.id), provider.id, undefined);
  }
  const action = provider.actions.find((a) => a.name === actionName);
  if (!action) {
    return fail(
      new UsageError(
        `unknown action "${actionName}" for ${provider.id} (known: ${provider.actions.map((a) => a.name).join(', ')})`,
        provider.id,
      ),
      provider.id,
      undefined,
    );
  }
  if (wantsHelp) {
    out(actionHelp(provider, action));
    return 0;
  }

  let sandbox: Sandbox | undefined;
  try {
    const flagSpecs = [...GLOBAL_FLAGS, ...provider.connection, ...(action.flags ?? [])];
    const options: NonNullable<ParseArgsConfig['options']> = { version: { type: 'boolean', short: 'V' } };
    for (const f of flagSpecs) options[f.flag] = { type: f.type ?? 'string' };
    options.help = { type: 'boolean', short: 'h' };
    let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
    try {
      parsed = parseArgs({
        args: joinNegativeValues(args, flagSpecs),
        options,
        strict: true,
        allowPositionals: true,
      }) as typeof parsed;
    } catch (error) {
      const text = (error as Error).message.split('\n')[0] ?? 'bad arguments';
      throw new UsageError(text.replace(/\. To specify a positional argument.*$/, ''), provider.id);
    }
    const { values, positionals } = parsed;
    // Register every secret given, before anything can echo it.
    for (const f of flagSpecs) {
      if (!f.secret) continue;
      redactor.add(values[f.flag] as string | undefined);
      if (f.env) redactor.add(io.env[envName(provider.id, f.flag)]);
    }
    const expected = action.args ?? [];
    if (positionals.length !== expected.length) {
      throw new UsageError(
        expected.length === 0
          ? `unexpected argument "${positionals[0]}"`
          : `expected ${expected.map((x) => `<${x}>`).join(' ')}, got ${positionals.length} argument(s)`,
        provider.id,
      );
    }

    const useSandbox = values.sandbox === true || typeof values['sandbox-url'] === 'string';
    let clientOptions: Record<string, unknown> = {};
    if (values.sandbox === true) {
      sandbox = await startSandbox({ port: 0 });
      clientOptions = {
        ...(sandbox.clientOptions as unknown as Record<string, Record<string, unknown>>)[provider.id],
      };
    } else if (typeof values['sandbox-url'] === 'string') {
      const all = sandboxClientOptions(values['sandbox-url']) as unknown as Record<
        string,
        Record<string, unknown>
      >;
      clientOptions = { ...all[provider.id] };
    }
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
    for (const f of provider.connection)
      if (f.secret) redactor.add(clientOptions[f.key] as string | undefined);
    const ctxFlags: Record<string, string | boolean | undefined> = { ...values };
    for (const f of action.flags ?? []) {
      if (ctxFlags[f.flag] === undefined && f.env && !useSandbox) {
        const fromEnv = io.env[envName(provider.id, f.flag)];
        if (fromEnv !== undefined && fromEnv !== '') ctxFlags[f.flag] = fromEnv;
      }
      if (ctxFlags[f.flag] === undefined && useSandbox && f.sandboxDefault !== undefined) {
        ctxFlags[f.flag] = f.sandboxDefault;
        if (f.secret) redactor.add(f.sandboxDefault);
      }
      if (f.required && ctxFlags[f.flag] === undefined) problems.push(`missing --${f.flag}`);
    }
    if (problems.length > 0) throw new UsageError([...problems, ...invalid].join('; '), provider.id);
    if (invalid.length > 0)
      throw new SsoError('INVALID_CONFIG', invalid.join('; '), { provider: provider.id });
    if (provider.finish) clientOptions = provider.finish(clientOptions, useSandbox);

    const { result, secretFields = [] } = await action.run({
      options: clientOptions,
      flags: ctxFlags,
      positionals,
      secret: (v) => redactor.add(v),
      sandbox: useSandbox,
    });
    for (const key of secretFields) redactor.add(result[key] as string | undefined);
    const masked = maskedFields(result, redactor);
    if (json) {
      out(`${JSON.stringify({ ok: true, provider: provider.id, action: action.name, result, masked })}\n`);
    } else {
      out(renderHuman(result));
      if (masked.length > 0 || (!redactor.show && redactor.size > 0 && containsSecrets(result, redactor))) {
        err('(secrets masked; add --show-secrets to print them)\n');
      }
    }
    return finish({ ok: true, exitCode: 0 });
  } catch (error) {
    return fail(cliWorded(error, provider, sandboxUrlGiven(args)), provider.id, action.name);
  } finally {
    await sandbox?.close();
  }

  function finish(outcome: Outcome): number {
    return outcome.exitCode;
  }

  function fail(error: unknown, prov: string | undefined, act: string | undefined): number {
    const exitCode = exitCodeFor(error);
    const info = describeError(error);
    if (json) {
      out(
        `${JSON.stringify({ ok: false, provider: prov ?? null, action: act ?? null, exitCode, error: info })}\n`,
      );
    } else {
      const codes = [info.provider && info.provider !== 'core' ? `provider ${info.provider}` : undefined]
        .concat(info.providerCode ? [`provider code ${info.providerCode}`] : [])
        .concat(info.status !== undefined ? [`HTTP ${info.status}`] : [])
        .filter(Boolean);
      err(`sso: ${info.code}${codes.length ? ` (${codes.join(', ')})` : ''}: ${info.message}\n`);
      if (info.providerMessage) err(`provider message: ${info.providerMessage}\n`);
      if (error instanceof UsageError) {
        const hint = error.helpFor ? `sso ${error.helpFor}${act ? ` ${act}` : ''} --help` : 'sso --help';
        err(`Run \`${hint}\` for usage.\n`);
      }
    }
    return exitCode;
  }
}

/** The result fields whose printed value had a secret masked in it. */
function maskedFields(result: Record<string, unknown>, redactor: Redactor): string[] {
  if (redactor.show) return [];
  return Object.keys(result).filter((key) => {
    const text = JSON.stringify(result[key]) ?? '';
    return redactor.apply(text) !== text;
  });
}

/** `--timeout-ms -5`: parseArgs would read `-5` as a flag; passed as `--timeout-ms=-5` it reaches the check. */
function joinNegativeValues(args: ReadonlyArray<string>, specs: ReadonlyArray<FlagSpec>): string[] {
  const valued = new Set(specs.filter((f) => f.type !== 'boolean').map((f) => `--${f.flag}`));
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    if (valued.has(arg) && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

function sandboxUrlGiven(args: ReadonlyArray<string>): boolean {
  return args.some((a) => a === '--sandbox-url' || a.startsWith('--sandbox-url='));
}

/** Configuration errors of a client name the flags that set the options, not the option keys. */
function cliWorded(error: unknown, provider: ProviderSpec, viaSandboxUrl: boolean): unknown {
  if (!isSsoError(error) || (error.code !== 'INVALID_CONFIG' && error.code !== 'INVALID_INPUT')) return error;
  const message = inCliVocabulary(
    error.message,
    provider.connection,
    viaSandboxUrl ? 'sandbox-url' : 'base-url',
  );
  if (message === error.message) return error;
  return new SsoError(error.code, message, {
    provider: error.provider,
    ...(error.operation !== undefined ? { operation: error.operation } : {}),
  });
}

function containsSecrets(result: Record<string, unknown>, redactor: Redactor): boolean {
  const text = JSON.stringify(result);
  return redactor.apply(text) !== text;
}

/** The error fields the CLI prints (and puts under `error` in --json output). */
export interface CliErrorInfo {
  code: string;
  message: string;
  provider?: string;
  providerCode?: string;
  providerMessage?: string;
  status?: number;
}

function describeError(error: unknown): CliErrorInfo {
  if (error instanceof UsageError) return { code: 'USAGE', message: error.message };
  if (isSsoError(error)) {
    return {
      code: error.code,
      message: error.message,
      provider: error.provider,
      ...(error.providerCode !== undefined ? { providerCode: error.providerCode } : {}),
      ...(error.providerMessage !== undefined ? { providerMessage: error.providerMessage } : {}),
      ...(error.status !== undefined ? { status: error.status } : {}),
    };
  }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

function renderHuman(result: Record<string, unknown>): string {
  const entries = Object.entries(result);
  const width = Math.max(0, ...entries.map(([k]) => k.length));
  return entries
    .map(([k, v]) => {
      const text = typeof v === 'string' ? v : JSON.stringify(v, null, 2);
      return `${`${k}:`.padEnd(width + 2)}${text}`;
    })
    .concat('')
    .join('\n');
}
