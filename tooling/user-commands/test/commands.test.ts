// The root scripts the README tells users to type, run through pnpm exactly so. A terminal's Ctrl-C
// signals the whole foreground process group: pnpm, the shell it starts and our process all get
// SIGINT, which is what `process.kill(-pid, 'SIGINT')` does to a detached child here.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** The exit code, or the signal that ended the process. */
  exited: Promise<number | NodeJS.Signals | null>;
}

// What a user's shell has: this suite itself runs under `pnpm run`, whose npm_* / PNPM_* variables
// would tell the inner pnpm and turbo that they are nested scripts.
const shellEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) => !/^(npm_|pnpm_|PNPM_|INIT_CWD$|VITEST|TURBO_(?!TELEMETRY_DISABLED))/.test(name),
  ),
);

function pnpm(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn('pnpm', args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...shellEnv, ...env, FORCE_COLOR: '0' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function waitFor(run: Run, pattern: RegExp, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  while (!pattern.test(run.stdout())) {
    if (Date.now() > until || run.child.exitCode !== null) {
      process.kill(-run.child.pid!, 'SIGKILL');
      throw new Error(`no ${pattern} in:\n${run.stdout()}\n${run.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * What a user sees after Ctrl-C: our process stopped cleanly and nothing was printed as an error.
 * pnpm itself also gets the SIGINT; depending on when, it exits 0 after our process or re-raises the
 * signal on itself (a shell shows exit status 130, silently), so both count as quiet.
 */
const QUIET_EXIT = [0, 'SIGINT'];

/** Ctrl-C in a terminal: SIGINT to every process of the command's group. */
const ctrlC = (run: Run) => process.kill(-run.child.pid!, 'SIGINT');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('Ctrl-C on the long-running root commands', () => {
  it('`pnpm sandbox`: "stopped", nothing on stderr (no ELIFECYCLE, no stack trace), a quiet exit', async () => {
    const run = pnpm(['sandbox', '--port', '0', '--quiet']);
    await waitFor(run, /press Ctrl\+C to stop/);
    ctrlC(run);
    expect(QUIET_EXIT).toContain(await run.exited);
    expect(run.stdout()).toContain('sso-sandbox: stopped');
    expect(run.stderr()).toBe('');
  });

  it('`pnpm demo`: "stopped", nothing on stderr, a quiet exit, and both ports free again', async () => {
    const [portal, sandbox] = [await freePort(), await freePort()];
    const run = pnpm(['demo', '--quiet'], {
      SSO_PORTAL_PORT: String(portal),
      SSO_SANDBOX_PORT: String(sandbox),
    });
    await waitFor(run, /Press Ctrl-C to stop/);
    expect(run.stdout()).toContain(`portal   http://127.0.0.1:${portal}/`);
    ctrlC(run);
    expect(QUIET_EXIT).toContain(await run.exited);
    expect(run.stdout()).toMatch(/\nstopped\n/);
    expect(run.stderr()).toBe('');
    for (const port of [portal, sandbox]) {
      const server = createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', resolve);
      });
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('`pnpm sso` from the clone', () => {
  it('prints the version and the usage, exit 0', async () => {
    const version = pnpm(['sso', '--version']);
    expect(await version.exited).toBe(0);
    expect(version.stdout().trim().split('\n').at(-1)).toMatch(/^\d+\.\d+\.\d+/);
    const help = pnpm(['sso', '--help']);
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toMatch(/Usage/i);
  });
});
