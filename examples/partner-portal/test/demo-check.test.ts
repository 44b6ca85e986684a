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
