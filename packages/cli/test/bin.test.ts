import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BEYONDVISIT_DEMO } from '@sso/beyondvisit/testing';
import { DIA_DEMO } from '@sso/dia/testing';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

function run(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the sso bin', () => {
  it('exits 0 on success and prints the masked result', async () => {
    const r = await run(['--sandbox', 'dia', 'login']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('sessionId: [masked]\n');
    expect(r.stderr).toContain('--show-secrets');
  });

  it('exits 1 when the provider refuses, with code, provider code and message on stderr', async () => {
    const r = await run(['--sandbox', 'dia', 'login', '--password', 'yanlis-parola-1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^sso: AUTHENTICATION_FAILED \(provider dia, provider code 401, HTTP 200\): /);
    expect(r.stderr).toContain('provider message: NOUSER');
    expect(r.stdout + r.stderr).not.toContain('yanlis-parola-1');
  });

  it('exits 2 for an unknown command, an unknown flag and missing credentials', async () => {
    expect((await run(['nope'])).code).toBe(2);
    expect((await run(['--sandbox', 'dia', 'login', '--nope'])).code).toBe(2);
    const missing = await run(['beyondvisit', 'sign']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing --api-key (or SSO_BEYONDVISIT_API_KEY)');
  });

  it('reads credentials from the environment and never prints them', async () => {
    const r = await run(['--json', 'beyondvisit', 'sign'], {
      SSO_BEYONDVISIT_API_KEY: BEYONDVISIT_DEMO.apiKey,
      SSO_BEYONDVISIT_SECRET_KEY: BEYONDVISIT_DEMO.secretKey,
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: true,
      provider: 'beyondvisit',
      action: 'sign',
      result: { sign: '[masked]' },
      masked: ['sign'],
    });
    expect(r.stdout + r.stderr).not.toContain(BEYONDVISIT_DEMO.secretKey);
  });

  it('--json failures are one JSON object on stdout with the exit code', async () => {
    const r = await run(['--sandbox', '--json', 'dia', 'login', '--api-key', 'not-a-known-key']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { ok: boolean; exitCode: number; error: { code: string } };
    expect(doc).toMatchObject({ ok: false, exitCode: 1, error: { code: 'AUTHENTICATION_FAILED' } });
    expect(r.stdout + r.stderr).not.toContain(DIA_DEMO.password);
    expect(r.stdout + r.stderr).not.toContain('not-a-known-key');
  });

  it('`sso sandbox` runs the sandbox in the foreground and stops on SIGTERM with exit 0', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const deadline = Date.now() + 10_000;
    while (!/press Ctrl\+C/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    const url = /listening on (\S+)/.exec(out)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const login = await run(['--sandbox-url', url as string, '--json', 'dia', 'login']);
    expect(login.code).toBe(0);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

describe('running sso from the repository', () => {
  it('the committed bin shim (what pnpm links at install, before any build) runs the built CLI', async () => {
    const shim = fileURLToPath(new URL('../bin/sso.js', import.meta.url));
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
      bin: Record<string, string>;
    };
    expect(pkg.bin.sso).toBe('./bin/sso.js');
    const r = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [shim, '-V'], { stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
      });
      child.once('exit', (code) => resolve({ code, stdout }));
    });
    expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('`pnpm sso`, `pnpm sandbox` and `pnpm demo` build on demand, then exec node (no shell left to turn Ctrl-C into a failure)', () => {
    const root = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    for (const name of ['sso', 'sandbox', 'demo']) {
      expect(root.scripts[name], name).toMatch(/^turbo run build --filter=\S+\.\.\. .*&& exec node \S+$/);
    }
  });
});
