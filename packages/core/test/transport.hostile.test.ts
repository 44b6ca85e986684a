import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createTransport, type FetchLike, isSsoError } from '../src/provider.js';
import { loopbackServer } from './loopback.js';

// Defects a hostile server or a misbehaving fetch found (issue 13): each test fails on the
// transport as it was before the fix.

const { listen } = loopbackServer();

const MiB = 1024 * 1024;
// 64 MiB of zeros gzip to about 64 KB: a truthful Content-Length far under any cap.
const gzipBomb = gzipSync(Buffer.alloc(64 * MiB));

/** A fetch that hands back the real response with a body that counts the decoded bytes pulled. */
function countingFetch(counter: { bytes: number }): FetchLike {
  return async (input, init) => {
    const response = await globalThis.fetch(input, init);
    const counted = response.body!.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          counter.bytes += chunk.byteLength;
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, { status: response.status, headers: response.headers });
  };
}

describe('the body cap bounds decoded bytes on every stack', () => {
  it('through fetch: a gzip bomb with a truthful Content-Length is refused after about the cap, not decoded whole', async () => {
    const url = await listen((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(gzipBomb.length) });
      res.end(gzipBomb);
    });
    const counter = { bytes: 0 };
    const transport = createTransport({
      provider: 'core',
      retry: false,
      maxResponseBytes: MiB,
      fetch: countingFetch(counter),
    });
    const error = await transport.send({ operation: 'login', url }).catch((e) => e);
    expect(isSsoError(error, 'MALFORMED_RESPONSE')).toBe(true);
    expect(error.message).toContain(`${MiB}-byte limit`);
    // Reading stops within a few chunks of the cap; the whole bomb is 64 MiB.
    expect(counter.bytes).toBeLessThan(4 * MiB);
  });

  it('through node:http: the same bomb is refused as MALFORMED_RESPONSE', async () => {
    const url = await listen((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(gzipBomb.length) });
      res.end(gzipBomb);
    });
    const transport = createTransport({ provider: 'core', retry: false, maxResponseBytes: MiB });
    const error = await transport.send({ operation: 'login', url }).catch((e) => e);
    expect(isSsoError(error, 'MALFORMED_RESPONSE')).toBe(true);
  });

  it('through fetch: a small gzip body within the cap is still read and decoded', async () => {
    const body = gzipSync(Buffer.from('{"ok":true}'));
    const url = await listen((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(body.length) });
      res.end(body);
    });
    const transport = createTransport({ provider: 'core', retry: false, fetch: (i, n) => fetch(i, n) });
    expect((await transport.send({ operation: 'login', url })).text).toBe('{"ok":true}');
  });
});

describe('every call settles by its deadline whatever the fetch does', () => {
  const neverSettles: FetchLike = () => new Promise<Response>(() => {});

  it('a fetch that ignores AbortSignal: every call times out, not only the first', async () => {
    const transport = createTransport({
      provider: 'core',
      retry: false,
      timeoutMs: 150,
      fetch: neverSettles,
    });
    for (const operation of ['first', 'second', 'third']) {
      const started = Date.now();
      const error = await transport.send({ operation, url: 'http://127.0.0.1:9/' }).catch((e) => e);
      expect(isSsoError(error, 'TIMEOUT')).toBe(true);
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });

  it('a fetch that ignores AbortSignal: a call with a caller signal times out at its deadline', async () => {
    const transport = createTransport({
      provider: 'core',
      retry: false,
      timeoutMs: 150,
      fetch: neverSettles,
    });
    const controller = new AbortController();
    const error = await transport
      .send({ operation: 'login', url: 'http://127.0.0.1:9/', signal: controller.signal })
      .catch((e) => e);
    expect(isSsoError(error, 'TIMEOUT')).toBe(true);
  });

  it('a fetch that ignores AbortSignal: aborting the caller signal ends the call at once with ABORTED', async () => {
    const transport = createTransport({
      provider: 'core',
      retry: false,
      timeoutMs: 60_000,
      fetch: neverSettles,
    });
    const controller = new AbortController();
    const pending = transport
      .send({ operation: 'login', url: 'http://127.0.0.1:9/', signal: controller.signal })
      .catch((e) => e);
    setTimeout(() => controller.abort(), 50);
    const error = await pending;
    expect(isSsoError(error, 'ABORTED')).toBe(true);
  });
});
