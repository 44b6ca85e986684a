import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxWith } from '../src/sandbox.js';
import { echoDefinition } from './fake-provider.js';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Proc {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  exited: Promise<number | null>;
}

function run(args: string[]): Proc {
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '' },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => ({ stdout, stderr }), exited };
}

async function waitFor(proc: Proc, pattern: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const m = proc.output().stdout.match(pattern);
    if (m) return m;
    if (proc.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${pattern}; output: ${JSON.stringify(proc.output())}`);
}

describe('sso-sandbox bin', () => {
  it('serves all five providers, prints masked demo accounts and exits 0 on SIGTERM', async () => {
    const proc = run(['--port', '0']);
    const [, url] = await waitFor(proc, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await waitFor(proc, /press Ctrl\+C/);
    const { stdout } = proc.output();
    for (const p of ['beyondvisit', 'faxmax', 'euromsg', 'gittigidiyor', 'dia'])
      expect(stdout).toContain(`${url}/${p}/`);
    for (const secret of [
      'demo-beyondvisit-secret-key',
      'demo-api-password',
      'Dia-Demo-Parola-2026',
      'demo-ws-password',
    ]) {
      expect(stdout).not.toContain(secret);
    }
    expect((await fetch(`${url}/`)).status).toBe(200);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.output().stdout).toContain('sso-sandbox: stopped');
    // The port is free again at once.
    const port = Number(new URL(url as string).port);
    const again = await startSandboxWith([echoDefinition], { port });
    await again.close();
  });

  it('exits 0 on SIGINT too', async () => {
    const proc = run(['--port', '0', '--quiet']);
    await waitFor(proc, /press Ctrl\+C/);
    proc.child.kill('SIGINT');
    expect(await proc.exited).toBe(0);
  });

  it('exits 2 with a clear message when the port is in use', async () => {
    const holder = await startSandboxWith([echoDefinition], { port: 0 });
    try {
      const proc = run(['--port', String(holder.port)]);
      expect(await proc.exited).toBe(2);
      expect(proc.output().stderr).toContain(`port ${holder.port} on 127.0.0.1 is already in use`);
    } finally {
      await holder.close();
    }
  });

  it('exits 2 for bad flags and fault specs, and prints secrets only with --show-secrets', async () => {
    for (const args of [['--bogus'], ['--port', 'abc'], ['--faults', 'explode=5%'], ['--fault-seed', 'x']]) {
      const proc = run(args);
      expect(await proc.exited, args.join(' ')).toBe(2);
    }
    const proc = run([
      '--port',
      '0',
      '--show-secrets',
      '--faults',
      'latency=10ms,500=5%',
      '--fault-seed',
      '9',
    ]);
    await waitFor(proc, /press Ctrl\+C/);
    expect(proc.output().stdout).toContain('Dia-Demo-Parola-2026');
    expect(proc.output().stdout).toContain('faults: latency=10ms,500=5% (seed 9)');
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });
});

describe('Ctrl-C under `pnpm sandbox`', () => {
  it('a second SIGINT during shutdown (pnpm forwards the one the terminal sent) still exits 0 after "stopped"', async () => {
    const proc = run(['--port', '0', '--quiet']);
    await waitFor(proc, /press Ctrl\+C/);
    proc.child.kill('SIGINT');
    proc.child.kill('SIGINT');
    expect(await proc.exited).toBe(0);
    expect(proc.output().stdout).toContain('sso-sandbox: stopped');
    expect(proc.output().stderr).toBe('');
  });
});
