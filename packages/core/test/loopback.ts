import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/**
 * One HTTP server on 127.0.0.1 per test, closed (open connections included) after each test.
 * `listen(handler)` resolves to the server's base URL; `close()` stops it early (a refused port).
 */
export function loopbackServer() {
  let server: Server | undefined;
  const close = async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  };
  afterEach(close);
  const listen = async (handler: Parameters<typeof createServer>[1]): Promise<string> => {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  };
  return { listen, close };
}
