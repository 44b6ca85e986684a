import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeadlineQueue, type Expirable } from '../src/http/deadlines.js';

const run = promisify(execFile);

function entry(name: string, expired: string[]): Expirable {
  return { deadline: 0, pending: false, expire: () => expired.push(name) };
}

describe('DeadlineQueue', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('expires what is still pending at its deadline, and nothing that settled', () => {
    const queue = new DeadlineQueue();
    const expired: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((n) => entry(n, expired));
    queue.add(a!, 100);
    vi.advanceTimersByTime(10);
    queue.add(b!, 100);
    queue.add(c!, 100);
    queue.settle(b!);
    vi.advanceTimersByTime(89);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['a']);
    vi.advanceTimersByTime(10);
    expect(expired).toEqual(['a', 'c']);
    expect(a!.pending || c!.pending).toBe(false);
  });

  it('expires a shorter timeout added later first', () => {
    const queue = new DeadlineQueue();
    const expired: string[] = [];
    queue.add(entry('slow', expired), 1_000);
    queue.add(entry('fast', expired), 50);
    vi.advanceTimersByTime(50);
    expect(expired).toEqual(['fast']);
    vi.advanceTimersByTime(950);
    expect(expired).toEqual(['fast', 'slow']);
  });

  it('settling twice, or after expiry, changes nothing', () => {
    const queue = new DeadlineQueue();
    const expired: string[] = [];
    const a = entry('a', expired);
    queue.add(a, 10);
    vi.advanceTimersByTime(10);
    queue.settle(a);
    queue.settle(a);
    const b = entry('b', expired);
    queue.add(b, 10);
    vi.advanceTimersByTime(10);
    expect(expired).toEqual(['a', 'b']);
  });

  it('keeps up with many calls that settle in any order', () => {
    const queue = new DeadlineQueue();
    const expired: string[] = [];
    const entries = Array.from({ length: 5_000 }, (_, i) => entry(String(i), expired));
    for (const e of entries) queue.add(e, 1_000);
    for (let i = entries.length - 1; i >= 0; i--) if (i % 1_000 !== 7) queue.settle(entries[i]!);
    vi.advanceTimersByTime(1_000);
    expect(expired).toEqual(['7', '1007', '2007', '3007', '4007']);
  });
});

describe('a transport with nothing in flight', () => {
  it('does not hold the process open until the default 10 s deadline', async () => {
    const dist = fileURLToPath(new URL('../dist/provider.js', import.meta.url));
    const script = `
      const { createTransport } = await import(${JSON.stringify(dist)});
      const transport = createTransport({ provider: 'core', fetch: async () => new Response('ok') });
      const { text } = await transport.send({ operation: 'x', url: 'https://example.test/' });
      console.log(text);`;
    const started = Date.now();
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { timeout: 8_000 });
    expect(stdout.trim()).toBe('ok');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('still answers a call that never settles with TIMEOUT (the deadline keeps the process alive)', async () => {
    const dist = fileURLToPath(new URL('../dist/provider.js', import.meta.url));
    const script = `
      const { createTransport } = await import(${JSON.stringify(dist)});
      const transport = createTransport({ provider: 'core', timeoutMs: 200, fetch: () => new Promise(() => {}) });
      await transport.send({ operation: 'x', url: 'https://example.test/' }).catch((e) => console.log(e.code));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { timeout: 8_000 });
    expect(stdout.trim()).toBe('TIMEOUT');
  });
});
