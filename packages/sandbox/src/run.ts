import { parseArgs } from 'node:util';
import { describeFaults, FaultSpecError, parseFaultSpec } from './faults.js';
import { maskSecret } from './mask.js';
import { type SandboxBase, startSandboxWith } from './sandbox.js';
import { SandboxSeedError } from './seed.js';
import { SandboxListenError } from './server.js';
import type { SandboxProviderDefinition } from './types.js';

export interface SandboxCliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: Record<string, string | undefined>;
  /** Stops the sandbox when aborted (the bin wires SIGINT/SIGTERM to it). */
  signal?: AbortSignal;
  /** Called once the server listens (tests use it to learn the URL). */
  onListening?: (sandbox: SandboxBase) => void;
}

export const SANDBOX_USAGE = `Usage: sso-sandbox [options]

Serves local simulators of BeyondVisit, FaxMAX, Euromsg, GittiGidiyor and DIA on one HTTP server
under /beyondvisit, /faxmax, /euromsg, /gittigidiyor and /dia, with an index page at /.

Options:
  --port N            port on the host (default: $PORT or 4010; 0 picks a free port)
  --host ADDR         interface to bind (default 127.0.0.1)
  --seed FILE         JSON file with extra accounts: {"dia":[{"username":…,"password":…,"apiKey":…}], …}
  --faults SPEC       inject faults: latency=200ms,reset=5%,500=5%,truncate=2%
                      (latency also takes a range 50-250ms)
  --fault-seed N      seed for fault selection, for reproducible runs
  --show-secrets      print demo secrets instead of masking them
  --quiet             no request log
  -h, --help          this help

Exit codes: 0 stopped by SIGINT/SIGTERM, 2 bad usage or the port is in use.
`;

/** Runs the sandbox in the foreground until `io.signal` aborts. Resolves with the exit code. */
export async function runSandboxCli(
  argv: ReadonlyArray<string>,
  io: SandboxCliIo,
  providers: ReadonlyArray<SandboxProviderDefinition>,
): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        faults: { type: 'string' },
        'fault-seed': { type: 'string' },
        'show-secrets': { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.stderr(`sso-sandbox: ${(error as Error).message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(SANDBOX_USAGE);
    return 0;
  }

  const portText = (values.port as string | undefined) ?? io.env?.PORT ?? '4010';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    io.stderr(`sso-sandbox: --port must be a number from 0 to 65535, got "${portText}"\n`);
    return 2;
  }
  let faults: ReturnType<typeof parseFaultSpec> | undefined;
  try {
    const seedText = values['fault-seed'] as string | undefined;
    if (seedText !== undefined && !/^-?\d+$/.test(seedText))
      throw new FaultSpecError('--fault-seed must be an integer');
    const faultSeed = seedText === undefined ? undefined : Number(seedText);
    if (values.faults !== undefined || faultSeed !== undefined) {
      faults = parseFaultSpec((values.faults as string | undefined) ?? '', faultSeed);
    }
  } catch (error) {
    io.stderr(`sso-sandbox: ${(error as Error).message}\n`);
    return 2;
  }
  const showSecrets = Boolean(values['show-secrets']);

  let sandbox: SandboxBase;
  try {
    sandbox = await startSandboxWith(providers, {
      port,
      host: (values.host as string | undefined) ?? '127.0.0.1',
      ...(values.seed !== undefined ? { seed: values.seed as string } : {}),
      ...(faults ? { faults } : {}),
      showSecrets,
      ...(values.quiet ? {} : { log: (line: string) => io.stdout(`${line}\n`) }),
    });
  } catch (error) {
    if (error instanceof SandboxListenError) {
      const hint =
        error.code === 'PORT_IN_USE' ? ' (stop the other process or pick another with --port)' : '';
      io.stderr(`sso-sandbox: ${error.message}${hint}\n`);
      return 2;
    }
    if (error instanceof SandboxSeedError) {
      io.stderr(`sso-sandbox: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  io.stdout(renderBanner(sandbox, showSecrets, faults ? describeFaults(faults) : 'none'));
  io.onListening?.(sandbox);

  await new Promise<void>((resolve) => {
    if (!io.signal) return;
    if (io.signal.aborted) resolve();
    else io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await sandbox.close();
  io.stdout('sso-sandbox: stopped\n');
  return 0;
}

/** The start banner: URLs and accounts, secrets masked unless asked. */
export function renderBanner(sandbox: SandboxBase, showSecrets: boolean, faults: string): string {
  const lines = [`sso sandbox listening on ${sandbox.url}`, `index page: ${sandbox.url}/`, ''];
  for (const p of sandbox.providers) {
    lines.push(`${p.title}  ${p.url}`);
    for (const a of p.accounts) {
      const fields = Object.entries(a.fields)
        .map(([k, v]) => `${k}=${a.secretFields.includes(k) ? maskSecret(v, showSecrets) : v}`)
        .join('  ');
      lines.push(`  [${a.source}] ${fields}`);
    }
  }
  lines.push('', `faults: ${faults}`);
  if (!showSecrets) lines.push('secrets are masked; use --show-secrets to print them');
  lines.push('press Ctrl+C to stop', '');
  return lines.join('\n');
}
