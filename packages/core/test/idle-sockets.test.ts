import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTransport } from '../src/provider.js';

// The node:http stack keeps sockets alive between calls and closes the ones left unused (see
// src/http/idle-sockets.ts). A real server on 127.0.0.1 that never closes idle connections itself
// (keepAliveTimeout 0) shows when the client lets go of them.
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

interface Connection {
  closedAt?: number;
}

async function listen(headers: Record<string, string> = {}) {
  const connections: Connection[] = [];
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain', ...headers });
      res.end('ok');
    });
  });
  server.keepAliveTimeout = 0;
  server.on('connection', (socket: Socket) => {
    const connection: Connection = {};
    connections.push(connection);
    socket.on('close', () => {
      connection.closedAt = performance.now();
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}/svc`;
  return { url, connections };
}

async function closed(connection: Connection, withinMs: number): Promise<number> {
  const until = performance.now() + withinMs;
  while (connection.closedAt === undefined && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (connection.closedAt === undefined)
    throw new Error(`the connection was still open after ${withinMs} ms`);
  return connection.closedAt;
}

describe('idle keep-alive sockets', () => {
  it('reuses one socket for calls in a row and closes it 4.0-4.5 s after its last use, before the usual 5 s server limit', async () => {
    const { url, connections } = await listen();
    const transport = createTransport({ provider: 'core' });
    await transport.send({ operation: 'first', url, method: 'GET' });
    await transport.send({ operation: 'second', url, method: 'GET' });
    const lastUse = performance.now();
    expect(connections).toHaveLength(1);
    const at = await closed(connections[0]!, 7_000);
    expect(at - lastUse).toBeGreaterThanOrEqual(3_950);
    // 4.5 s by design; the margin is for a loaded test machine.
    expect(at - lastUse).toBeLessThan(5_500);
  }, 10_000);

  it('closes sooner when the server announces a shorter Keep-Alive timeout (N - 1 s, as Node does)', async () => {
    const { url, connections } = await listen({ 'keep-alive': 'timeout=2' });
    const transport = createTransport({ provider: 'core' });
    await transport.send({ operation: 'only', url, method: 'GET' });
    const lastUse = performance.now();
    const at = await closed(connections[0]!, 4_000);
    expect(at - lastUse).toBeGreaterThanOrEqual(950);
    expect(at - lastUse).toBeLessThan(2_500);
  }, 10_000);

  it('does not pool a socket when the server announces Keep-Alive: timeout=1 (it may close before the next write)', async () => {
    const { url, connections } = await listen({ 'keep-alive': 'timeout=1' });
    const transport = createTransport({ provider: 'core' });
    await transport.send({ operation: 'first', url, method: 'GET' });
    await closed(connections[0]!, 1_000);
    await transport.send({ operation: 'second', url, method: 'GET' });
    expect(connections).toHaveLength(2);
  }, 10_000);

  it('keeps a socket that is used again within the limit', async () => {
    const { url, connections } = await listen({ 'keep-alive': 'timeout=2' });
    const transport = createTransport({ provider: 'core' });
    for (let i = 0; i < 4; i++) {
      await transport.send({ operation: 'again', url, method: 'GET' });
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    expect(connections).toHaveLength(1);
    expect(connections[0]!.closedAt).toBeUndefined();
  }, 10_000);
});
