import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, '..', 'scripts', 'demo.mjs');

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // An empty provider environment: the demo must run against its own sandbox on free ports.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SSO_')));
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('pnpm demo --check', () => {
  it('runs the five flows against a fresh sandbox and portal, prints the table and exits 0', async () => {
    const { code, stdout, stderr } = await run(['--check']);
    expect(stdout).toMatch(/^sandbox {2}http:\/\/127\.0\.0\.1:\d+\/$/m);
    expect(stdout).toMatch(/^portal {3}http:\/\/127\.0\.0\.1:\d+\//m);
    const rows = stdout
      .split('\n')
      .filter((line) => /^(BeyondVisit|FaxMAX|GittiGidiyor|Euromsg|DIA) /.test(line));
    expect(rows.map((row) => row.split(/\s{2,}/)[0])).toEqual([
      'BeyondVisit',
      'FaxMAX',
      'GittiGidiyor',
      'Euromsg',
      'DIA',
    ]);
    for (const row of rows) expect(row.split(/\s{2,}/)[2]).toBe('PASS');
    expect(stdout).toContain('5/5 flows passed');
    expect({ code, stderr }).toEqual({ code: 0, stderr: expect.any(String) });
  }, 120_000);
});

describe('pnpm demo', () => {
  it('prints both URLs, serves both until SIGINT, then stops cleanly with exit 0 and frees the ports', async () => {
    const env = {
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SSO_'))),
      SSO_PORTAL_PORT: '0',
      SSO_SANDBOX_PORT: '0',
    };
    const child = spawn(process.execPath, [script, '--quiet'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    try {
      let stdout = '';
      const urls = await new Promise<{ sandbox: string; portal: string }>((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          stdout += chunk;
          const sandbox = /^sandbox {2}(http:\/\/\S+?)\/$/m.exec(stdout)?.[1];
          const portal = /^portal {3}(http:\/\/\S+?)\/ /m.exec(stdout)?.[1];
          if (sandbox && portal && stdout.includes('Press Ctrl-C to stop.')) resolve({ sandbox, portal });
        });
        child.on('close', (code) => reject(new Error(`demo exited early (${code}): ${stdout}`)));
      });
      expect((await fetch(`${urls.sandbox}/health`)).status).toBe(200);
      const health = await (await fetch(`${urls.portal}/healthz`)).json();
      expect(health.providers).toEqual(['beyondvisit', 'faxmax', 'gittigidiyor', 'euromsg', 'dia']);

      const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
      child.kill('SIGINT');
      expect(await exit).toBe(0);
      expect(stdout).toContain('stopped');
      await expect(fetch(`${urls.portal}/healthz`)).rejects.toThrow();
      await expect(fetch(`${urls.sandbox}/health`)).rejects.toThrow();
    } finally {
      clearTimeout(killer);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});

describe('pnpm demo: setup problems and stopping', () => {
  function start(args: string[], extraEnv: Record<string, string>) {
    const env = {
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SSO_'))),
      ...extraEnv,
    };
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const done = new Promise<number | null>((resolve) =>
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      }),
    );
    return { child, done, out: () => stdout, err: () => stderr };
  }

  it('a missing browser for --check is one line naming apt and CHROMIUM_PATH, not a stack trace', async () => {
    const run = start(['--check'], { CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(await run.done).toBe(1);
    expect(run.err()).toBe(
      'demo: no Chromium at /nonexistent/chromium: install it (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary\n',
    );
  });

  it('Ctrl-C (SIGINT) stops the portal and the sandbox quietly with exit code 0', async () => {
    const run = start([], { SSO_PORTAL_PORT: '0', SSO_SANDBOX_PORT: '0' });
    await expect.poll(() => run.out(), { timeout: 30_000 }).toContain('Press Ctrl-C to stop.');
    run.child.kill('SIGINT');
    expect(await run.done).toBe(0);
    expect(run.err()).toBe('');
    expect(run.out().trimEnd().split('\n').at(-1)).toBe('stopped');
  });
});
