import { BUILTIN_PROVIDERS, runSandboxCli, type Sandbox, startSandbox } from '@sso/sandbox';
import { parseFlags, sandboxUrlGiven, takeCommandWords } from './args.js';
import { type CliIo, envName, Redactor, UsageError } from './framework.js';
import { actionHelp, GLOBAL_FLAGS, providerHelp, ROOT_HELP } from './help.js';
import { cliWorded, type Printer, printFailure, printResult } from './output.js';
import { PROVIDERS } from './providers/index.js';
import { resolveSettings, sandboxOptions } from './settings.js';
import { VERSION } from './version.js';

export type { CliErrorInfo } from './output.js';
export { VERSION };

/**
 * Runs the CLI with `argv` (without `node` and the script). Never throws; returns the exit code.
 * All output goes through `io`, with every secret masked unless `--show-secrets`.
 */
export async function main(argv: ReadonlyArray<string>, io: CliIo): Promise<number> {
  const args = [...argv];
  const redactor = new Redactor(args.includes('--show-secrets'));
  const printer: Printer = {
    json: args.includes('--json'),
    out: (text: string) => io.stdout(redactor.apply(text)),
    err: (text: string) => io.stderr(redactor.apply(text)),
  };
  const { out } = printer;
  const fail = (error: unknown, prov: string | undefined, act: string | undefined) =>
    printFailure(printer, error, prov, act);

  const [providerId, actionName] = takeCommandWords(args);
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
    const { values, positionals } = parseFlags(args, flagSpecs, provider.id);
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

    const sandboxUrl = typeof values['sandbox-url'] === 'string' ? values['sandbox-url'] : undefined;
    const useSandbox = values.sandbox === true || sandboxUrl !== undefined;
    if (values.sandbox === true) sandbox = await startSandbox({ port: 0 });
    const { clientOptions, flags } = resolveSettings(
      provider,
      action,
      values,
      sandboxOptions(provider.id, sandbox, sandboxUrl),
      useSandbox,
      io,
      redactor,
    );

    const { result, secretFields = [] } = await action.run({
      options: clientOptions,
      flags,
      positionals,
      secret: (v) => redactor.add(v),
      sandbox: useSandbox,
    });
    for (const key of secretFields) redactor.add(result[key] as string | undefined);
    printResult(printer, redactor, provider.id, action.name, result);
    return 0;
  } catch (error) {
    return fail(cliWorded(error, provider, sandboxUrlGiven(args)), provider.id, action.name);
  } finally {
    await sandbox?.close();
  }
}
