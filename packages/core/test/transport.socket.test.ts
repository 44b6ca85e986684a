import { describe, expect, it, vi } from 'vitest';
import { createTransport, isSsoError } from '../src/provider.js';
import { loopbackServer } from './loopback.js';

// Real sockets on 127.0.0.1, no MSW: what the network actually does. Without a `fetch` option the
// transport sends through node:http; `viaFetch` pins a test to Node's fetch.
const viaFetch = (input: string | URL | Request, init?: RequestInit) => globalThis.fetch(input, init);
const { listen, close } = loopbackServer();

describe('transport over real sockets', () => {
  it('maps a refused connection to NETWORK with the system error code', async () => {
    const url = await listen((_req, res) => res.end('x'));
    await close();
    const transport = createTransport({ provider: 'core', retry: false });
    const error = await transport.send({ operation: 'login', url }).catch((e) => e);
    expect(isSsoError(error, 'NETWORK')).toBe(true);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('maps a connection reset in the middle of the body to NETWORK, not a crash', async () => {
    const url = await listen((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('partial');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const transport = createTransport({ provider: 'core' });
    const error = await transport.send({ operation: 'login', url }).catch((e) => e);
    expect(isSsoError(error, 'NETWORK')).toBe(true);
  });

  it('times out a server that never answers and leaves no timer behind', async () => {
    const url = await listen(() => {});
    const transport = createTransport({ provider: 'core', timeoutMs: 150 });
    const started = Date.now();
    const error = await transport.send({ operation: 'login', url }).catch((e) => e);
    expect(isSsoError(error, 'TIMEOUT')).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('through fetch: after a timeout, tears the next calls down at their deadline (the server sees them closed)', async () => {
    const closedAfter: number[] = [];
    const url = await listen((req) => {
      const arrived = Date.now();
      req.socket.once('close', () => closedAfter.push(Date.now() - arrived));
    });
    const transport = createTransport({ provider: 'core', timeoutMs: 150, retry: false, fetch: viaFetch });
    // The first call of a healthy transport races its deadline without an AbortSignal: the caller
    // gets TIMEOUT on time, the request itself stays open until the server answers.
    expect(isSsoError(await transport.send({ operation: 'a', url }).catch((e) => e), 'TIMEOUT')).toBe(true);
    expect(closedAfter).toEqual([]);
    // From then on calls carry a signal: the connection is closed at the deadline.
    const started = Date.now();
    expect(isSsoError(await transport.send({ operation: 'b', url }).catch((e) => e), 'TIMEOUT')).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
    await vi.waitFor(() => expect(closedAfter).toHaveLength(1), { timeout: 1_000 });
    expect(closedAfter[0]).toBeLessThan(1_000);
  });

  it('through fetch: releases a request that timed out without a signal once the server answers late', async () => {
    let answerLate: (() => void) | undefined;
    let served = 0;
    const url = await listen((_req, res) => {
      served++;
      if (served === 1) {
        answerLate = () => res.writeHead(200, { 'content-length': '4' }).end('late');
        return;
      }
      res.writeHead(200, { 'content-length': '2' }).end('ok');
    });
    const transport = createTransport({ provider: 'core', timeoutMs: 150, retry: false, fetch: viaFetch });
    expect(isSsoError(await transport.send({ operation: 'a', url }).catch((e) => e), 'TIMEOUT')).toBe(true);
    answerLate?.();
    // The late answer is discarded, never surfaced; the transport keeps working.
    const response = await transport.send({ operation: 'b', url, timeoutMs: 2_000 });
    expect(response.text).toBe('ok');
  });
});
