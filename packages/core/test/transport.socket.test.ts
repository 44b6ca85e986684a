import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTransport, isSsoError } from '../src/index.js';

// Real sockets on 127.0.0.1, no MSW: what the network actually does.
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('transport over real sockets', () => {
  it('maps a refused connection to NETWORK with the system error code', async () => {
    const url = await listen((_req, res) => res.end('x'));
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
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
});
