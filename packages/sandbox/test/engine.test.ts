import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFaultInjector, describeFaults, FaultSpecError, parseFaultSpec } from '../src/faults.js';
import { maskUrlForLog } from '../src/mask.js';
import { startSandboxWith } from '../src/sandbox.js';
import { SandboxSeedError } from '../src/seed.js';
import { SandboxListenError } from '../src/server.js';
import { echoDefinition } from './fake-provider.js';

type Started = Awaited<ReturnType<typeof startSandboxWith>>;
const running: Started[] = [];
async function start(options: Parameters<typeof startSandboxWith>[1] = {}): Promise<Started> {
  const sandbox = await startSandboxWith([echoDefinition], { port: 0, ...options });
  running.push(sandbox);
  return sandbox;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** One request on a fresh connection, reporting what happened at the socket level. */
function rawGet(
  url: string,
): Promise<{ kind: 'ok'; status: number; body: string } | { kind: 'error'; code: string }> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ kind: 'ok', status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ kind: 'error', code: e.code ?? e.message }));
      res.on('aborted', () => resolve({ kind: 'error', code: 'aborted' }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ kind: 'error', code: e.code ?? e.message }));
    req.end();
  });
}

describe('mounting simulators', () => {
  it('forwards a request under the prefix with the path relative to the provider root, the query and the caller address', async () => {
    const sandbox = await start();
    const res = await fetch(`${sandbox.url}/echo/page/a/b?x=1&y=2`, { headers: { 'user-agent': 'probe/1' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<p>path=/page/a/b query=?x=1&y=2 from=127.0.0.1 ua=probe/1</p>');
  });

  it('passes POST bodies through and returns the simulator status and body', async () => {
    const sandbox = await start();
    const ok = await fetch(`${sandbox.url}/echo/login`, {
      method: 'POST',
      body: JSON.stringify({ user: 'demo', password: 'demo-password-123' }),
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { ok: boolean }).ok).toBe(true);
    const bad = await fetch(`${sandbox.url}/echo/login`, {
      method: 'POST',
      body: JSON.stringify({ user: 'demo', password: 'wrong' }),
    });
    expect(bad.status).toBe(401);
  });

  it('answers 404 outside every mount and does not reach a simulator', async () => {
    const sandbox = await start();
    const res = await fetch(`${sandbox.url}/nowhere/login`);
    expect(res.status).toBe(404);
    expect((sandbox.simulators.dia as unknown as { calls: number }).calls).toBe(0);
  });

  it('rewrites root-relative redirects of a simulator to stay under its mount', async () => {
    const sandbox = await start();
    const res = await fetch(`${sandbox.url}/echo/go`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/echo/page/landed');
  });

  it('refuses a request body over the size cap with 413', async () => {
    const sandbox = await start();
    const res = await fetch(`${sandbox.url}/echo/login`, {
      method: 'POST',
      body: 'x'.repeat(1024 * 1024 + 10),
    });
    expect(res.status).toBe(413);
  });
});

describe('index page and accounts', () => {
  it('lists providers, base URLs, accounts with masked secrets and browser links', async () => {
    const sandbox = await start();
    const html = await (await fetch(`${sandbox.url}/`)).text();
    expect(html).toContain('Echo');
    expect(html).toContain(`${sandbox.url}/echo/`);
    expect(html).toContain('href="/echo/page/start?x=1"');
    expect(html).toContain('demo');
    expect(html).not.toContain('demo-password-123');
  });

  it('shows secrets on the index page only with showSecrets', async () => {
    const sandbox = await start({ showSecrets: true });
    const html = await (await fetch(`${sandbox.url}/`)).text();
    expect(html).toContain('demo-password-123');
  });

  it('adds accounts from a seed object and the simulator accepts them', async () => {
    const sandbox = await start({ seed: { dia: [{ user: 'ayse', password: 'ayse-pass-1' }] } });
    expect(sandbox.accounts.map((a) => `${a.source}:${a.fields.user}`)).toEqual(['demo:demo', 'seed:ayse']);
    const res = await fetch(`${sandbox.url}/echo/login`, {
      method: 'POST',
      body: JSON.stringify({ user: 'ayse', password: 'ayse-pass-1' }),
    });
    expect(res.status).toBe(200);
  });

  it('reads a seed file and rejects bad seeds with a SandboxSeedError naming the problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sso-seed-'));
    try {
      const file = join(dir, 'seed.json');
      writeFileSync(file, JSON.stringify({ dia: [{ user: 'mehmet', password: 'm-pass-1' }] }));
      const sandbox = await start({ seed: file });
      expect(sandbox.accounts.some((a) => a.fields.user === 'mehmet')).toBe(true);

      writeFileSync(file, '{not json');
      await expect(start({ seed: file })).rejects.toThrow(/not valid JSON/);
      await expect(start({ seed: { nope: [] } })).rejects.toThrow(/unknown provider "nope"/);
      await expect(start({ seed: { dia: [{ user: 'x' }] } })).rejects.toThrow(SandboxSeedError);
      await expect(start({ seed: { dia: [{ user: 'x', password: 'y', extra: 'z' }] } })).rejects.toThrow(
        /unknown field "extra"/,
      );
      await expect(start({ seed: join(dir, 'missing.json') })).rejects.toThrow(/cannot read seed file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('port handling', () => {
  it('starts again on the same port right after close', async () => {
    const first = await startSandboxWith([echoDefinition], { port: 0 });
    const port = first.port;
    // A kept-alive connection must not hold the port open.
    await (await fetch(`${first.url}/echo/page/x`)).text();
    await first.close();
    const second = await start({ port });
    expect(second.port).toBe(port);
    expect((await fetch(`${second.url}/echo/page/y`)).status).toBe(200);
  });

  it('rejects with PORT_IN_USE when the port is taken', async () => {
    const first = await start();
    const error = await startSandboxWith([echoDefinition], { port: first.port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxListenError);
    expect((error as SandboxListenError).code).toBe('PORT_IN_USE');
    expect((error as SandboxListenError).message).toBe(`port ${first.port} on 127.0.0.1 is already in use`);
  });

  it('close() is idempotent and frees connections in flight', async () => {
    const sandbox = await startSandboxWith([echoDefinition], { port: 0, faults: 'latency=5s' });
    const pending = rawGet(`${sandbox.url}/echo/page/slow`);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await Promise.all([sandbox.close(), sandbox.close()]);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect((await pending).kind).toBe('error');
  });
});

describe('fault injection', () => {
  it('latency does not pile up close listeners on a keep-alive socket', async () => {
    const sandbox = await startSandboxWith([echoDefinition], { port: 0, faults: 'latency=1ms' });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      // fetch keeps the connection alive, so all of these reach the server on one socket.
      for (let i = 0; i < 15; i++) await (await fetch(`${sandbox.url}/echo/page/${i}`)).text();
      await new Promise((r) => setTimeout(r, 20));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
      await sandbox.close();
    }
  });

  it('parses a fault spec into probabilities and latency', () => {
    expect(parseFaultSpec('latency=200ms,reset=5%,500=5%,truncate=2%', 7)).toEqual({
      seed: 7,
      latencyMs: 200,
      reset: 0.05,
      http500: 0.05,
      truncate: 0.02,
    });
    expect(parseFaultSpec('latency=1s').latencyMs).toBe(1000);
    expect(parseFaultSpec('latency=50-250ms').latencyMs).toEqual([50, 250]);
    expect(parseFaultSpec('reset=0.25').reset).toBe(0.25);
    expect(describeFaults(parseFaultSpec('latency=200ms,500=5%', 3))).toBe('latency=200ms,500=5% (seed 3)');
  });

  it('rejects malformed fault specs', () => {
    for (const bad of [
      'reset',
      'boom=5%',
      'reset=abc',
      'reset=60%,500=50%',
      'latency=fast',
      'latency=300-100ms',
    ]) {
      expect(() => parseFaultSpec(bad), bad).toThrow(FaultSpecError);
    }
  });

  it('with a seed, fails exactly the requests the seeded sequence picks, and counts them', async () => {
    const spec = 'reset=10%,500=10%,truncate=10%';
    const expected = createFaultInjector(parseFaultSpec(spec, 42));
    const plan = Array.from({ length: 60 }, () => expected.next().kind);
    const planned = expected.stats();
    // The seeded plan must contain every kind, or the test would not prove much.
    expect(planned.reset).toBeGreaterThan(0);
    expect(planned.http500).toBeGreaterThan(0);
    expect(planned.truncate).toBeGreaterThan(0);

    const sandbox = await start({ faults: parseFaultSpec(spec, 42) });
    const outcomes: string[] = [];
    for (let i = 0; i < plan.length; i++) {
      const r = await rawGet(`${sandbox.url}/echo/big`);
      if (r.kind === 'error') outcomes.push(r.code === 'aborted' ? 'truncate' : 'reset');
      else if (r.status === 500)
        outcomes.push(r.body.includes('<h1>Internal Server Error</h1>') ? 'http500' : 'other500');
      else if (r.body.length < 10_000) outcomes.push('truncate');
      else outcomes.push('ok');
    }
    expect(outcomes).toEqual(plan.map((k) => k ?? 'ok'));
    expect(sandbox.faults.stats()).toEqual(planned);
  });

  it('gives the same fault counts for the same seed on a new sandbox, and different ones for another seed', async () => {
    const run = async (seed: number) => {
      const sandbox = await start({ faults: { reset: 0.2, http500: 0.2, seed } });
      for (let i = 0; i < 40; i++) await rawGet(`${sandbox.url}/echo/page/x`);
      return sandbox.faults.stats();
    };
    const a = await run(5);
    const b = await run(5);
    const c = await run(6);
    expect(a).toEqual(b);
    expect(a.requests).toBe(40);
    expect(a.reset + a.http500).toBeGreaterThan(0);
    expect([a.reset, a.http500]).not.toEqual([c.reset, c.http500]);
  });

  it('truncated answers announce the full length and end the connection half way', async () => {
    const sandbox = await start({ faults: { truncate: 1, seed: 1 } });
    const res = await fetch(`${sandbox.url}/echo/big`);
    expect(res.headers.get('content-length')).toBe('10000');
    await expect(res.text()).rejects.toThrow();
    expect(sandbox.faults.stats().truncate).toBe(1);
  });

  it('reset destroys the socket without an answer and the simulator is not reached', async () => {
    const sandbox = await start({ faults: { reset: 1, seed: 1 } });
    await expect(fetch(`${sandbox.url}/echo/page/x`)).rejects.toThrow(TypeError);
    expect((sandbox.simulators.dia as unknown as { calls: number }).calls).toBe(0);
  });

  it('500 answers an HTML error page', async () => {
    const sandbox = await start({ faults: '500=100%' });
    const res = await fetch(`${sandbox.url}/echo/page/x`);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('latency delays every answer by the configured time; the index page is never faulted', async () => {
    const sandbox = await start({ faults: 'latency=150ms,reset=100%' });
    expect((await fetch(`${sandbox.url}/`)).status).toBe(200);
    sandbox.faults.configure('latency=150ms');
    const t0 = performance.now();
    expect((await fetch(`${sandbox.url}/echo/page/x`)).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(145);
    expect(sandbox.faults.stats()).toMatchObject({ requests: 1, delayed: 1, reset: 0 });
  });
});

describe('request log', () => {
  it('logs method, status and time with query values and token-like path segments masked', async () => {
    const lines: string[] = [];
    const sandbox = await start({ log: (l) => lines.push(l) });
    await (
      await fetch(`${sandbox.url}/echo/page/Login/ab12cd34ef56ab12cd34?token=SECRET-TOKEN-1&code=C0DE`)
    ).text();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^GET \/echo\/page\/Login\/•+\?token=•+&code=•+ 200 \d+ms$/);
    expect(lines.join('\n')).not.toContain('SECRET-TOKEN-1');
    expect(maskUrlForLog('/dia/sis/json')).toBe('/dia/sis/json');
  });
});

describe('seed entry checks', () => {
  it('name the field and the rule for every provider shape', async () => {
    const { checkSeedFields } = await import('../src/seed.js');
    const lists = { permissions: 'an array of service names' };
    expect(
      checkSeedFields(
        { username: 'u', password: 'p', permissions: ['a'] },
        ['username', 'password'],
        ['apiKey'],
        lists,
      ),
    ).toBeUndefined();
    expect(
      checkSeedFields(
        { username: 'u', password: 'p', permissions: 'a' },
        ['username', 'password'],
        [],
        lists,
      ),
    ).toBe('"permissions" must be an array of service names');
    expect(
      checkSeedFields({ username: 'u', password: 'p', apiKey: '' }, ['username', 'password'], ['apiKey']),
    ).toBe('"apiKey" must be a non-empty string');
    expect(checkSeedFields({ username: ' ', password: 'p' }, ['username', 'password'])).toBe(
      '"username" must be a non-empty string',
    );
    expect(
      checkSeedFields({ username: 'u', password: 'p', role: 'x' }, ['username', 'password'], [], lists),
    ).toBe('unknown field "role" (allowed: username, password, permissions)');
    expect(checkSeedFields([], ['username'])).toBe('must be an object');
  });
});
