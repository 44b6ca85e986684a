import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ProviderSimulator } from '@sso/core/simulator';
import { createFaultInjector, type FaultConfig, type FaultInjector } from './faults.js';
import { maskUrlForLog } from './mask.js';

/** One simulator served under a path prefix such as `/dia`. */
export interface Mount {
  prefix: string;
  simulator: ProviderSimulator;
}

export interface SandboxServerOptions {
  mounts: ReadonlyArray<Mount>;
  /** Answers requests outside every mount (the index page); return undefined for a 404. */
  fallback?: (request: Request) => Response | undefined | Promise<Response | undefined>;
  faults?: FaultConfig | string;
  /** One line per request (method, masked path, status, ms). */
  log?: (line: string) => void;
  /** Largest request body accepted, in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
}

export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  readonly host: string;
  readonly url: string;
  readonly faults: FaultInjector;
  close(): Promise<void>;
}

/** Thrown when the sandbox cannot listen; `code` is `PORT_IN_USE` or `LISTEN_FAILED`. */
export class SandboxListenError extends Error {
  override readonly name = 'SandboxListenError';
  constructor(
    readonly code: 'PORT_IN_USE' | 'LISTEN_FAILED',
    message: string,
    readonly port: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const DEFAULT_MAX_BODY = 1024 * 1024;

export function createSandboxHandler(options: SandboxServerOptions, faults: FaultInjector) {
  const mounts = [...options.mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const log = options.log;
  const pendingTimers = new Set<NodeJS.Timeout>();

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    const rawUrl = req.url ?? '/';
    const path = rawUrl.split('?')[0] ?? '/';
    const mount = mounts.find((m) => path === m.prefix || path.startsWith(`${m.prefix}/`));
    const done = (status: number | string) =>
      log?.(`${req.method} ${maskUrlForLog(rawUrl)} ${status} ${Date.now() - started}ms`);
    try {
      if (!mount) {
        const request = await toFetchRequest(req, rawUrl, maxBody);
        const response = request && (await options.fallback?.(request));
        await writeResponse(res, response ?? notFound(), req.method === 'HEAD');
        done(res.statusCode);
        return;
      }

      const decision = faults.next();
      if (decision.latencyMs > 0) {
        await new Promise<void>((resolve) => {
          // A client that gives up during the delay frees the timer at once. The listener is
          // removed when the delay ends: keep-alive sockets carry many requests.
          const onClose = () => {
            clearTimeout(timer);
            pendingTimers.delete(timer);
            resolve();
          };
          const timer = setTimeout(() => {
            pendingTimers.delete(timer);
            req.socket.off('close', onClose);
            resolve();
          }, decision.latencyMs);
          pendingTimers.add(timer);
          req.socket.once('close', onClose);
        });
        if (req.socket.destroyed) {
          done('aborted');
          return;
        }
      }
      if (decision.kind === 'reset') {
        req.socket.destroy();
        done('reset');
        return;
      }
      if (decision.kind === 'http500') {
        await writeResponse(res, internalErrorPage(), req.method === 'HEAD');
        done('500 (fault)');
        return;
      }

      const rest = path === mount.prefix ? '/' : path.slice(mount.prefix.length);
      const query = rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?')) : '';
      const request = await toFetchRequest(req, rest + query, maxBody);
      if (!request) {
        await writeResponse(res, new Response('request body too large', { status: 413 }), false);
        done(413);
        return;
      }
      const remoteAddress = normaliseAddress(req.socket.remoteAddress);
      let response = await mount.simulator.handle(request, remoteAddress ? { remoteAddress } : {});
      response = prefixRedirect(response, mount.prefix);

      if (decision.kind === 'truncate') {
        await writeTruncated(res, response);
        done('truncated');
        return;
      }
      await writeResponse(res, response, req.method === 'HEAD');
      done(res.statusCode);
    } catch (error) {
      if (!res.headersSent && !res.destroyed) {
        await writeResponse(res, new Response('sandbox error', { status: 500 }), false).catch(
          () => undefined,
        );
      } else {
        res.destroy();
      }
      done(`error ${error instanceof Error ? error.name : 'unknown'}`);
    }
  };

  const cancelTimers = () => {
    for (const timer of pendingTimers) clearTimeout(timer);
    pendingTimers.clear();
  };
  return { handler, cancelTimers };
}

/** Starts the HTTP server; rejects with SandboxListenError when the port is taken. */
export async function listenSandboxServer(
  options: SandboxServerOptions & { port?: number; host?: string },
): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  const faults = createFaultInjector(options.faults);
  const { handler, cancelTimers } = createSandboxHandler(options, faults);
  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    void handler(req, res);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        reject(
          new SandboxListenError('PORT_IN_USE', `port ${port} on ${host} is already in use`, port, {
            cause: error,
          }),
        );
      } else {
        reject(
          new SandboxListenError(
            'LISTEN_FAILED',
            `cannot listen on ${host}:${port}: ${error.message}`,
            port,
            {
              cause: error,
            },
          ),
        );
      }
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    // Node sets SO_REUSEADDR on listening sockets, so a port freed by close() is usable again at
    // once (no TIME_WAIT wait); `exclusive` keeps cluster workers from sharing it silently.
    server.listen({ port, host, exclusive: true });
  });

  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    server,
    port: address.port,
    host,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    faults,
    close() {
      closing ??= new Promise<void>((resolve) => {
        cancelTimers();
        server.close(() => resolve());
        server.closeIdleConnections();
        // In-flight requests get a moment to finish; then everything left is cut.
        const force = setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, 250);
        force.unref();
        server.once('close', () => clearTimeout(force));
      });
      return closing;
    },
  };
}

function normaliseAddress(address: string | undefined): string | undefined {
  if (!address) return undefined;
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

async function toFetchRequest(req: IncomingMessage, pathAndQuery: string, maxBody: number) {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string;
    // Hop-by-hop headers belong to this connection, not to the simulated provider.
    if (/^(connection|keep-alive|transfer-encoding|upgrade)$/i.test(name)) continue;
    headers.append(name, req.rawHeaders[i + 1] as string);
  }
  const method = req.method ?? 'GET';
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBody) return undefined;
      chunks.push(chunk);
    }
    body = new Uint8Array(Buffer.concat(chunks));
  }
  const url = new URL(pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`, 'http://simulator');
  return new Request(url, { method, headers, ...(body ? { body } : {}) });
}

async function writeResponse(res: ServerResponse, response: Response, head: boolean) {
  const body = head ? undefined : Buffer.from(await response.arrayBuffer());
  writeHead(res, response, body?.length);
  res.end(body);
}

function writeHead(res: ServerResponse, response: Response, length: number | undefined) {
  const setCookies = response.headers.getSetCookie();
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie' || name === 'content-length' || name === 'transfer-encoding') return;
    res.setHeader(name, value);
  });
  if (setCookies.length > 0) res.setHeader('set-cookie', setCookies);
  if (length !== undefined) res.setHeader('content-length', length);
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
}

async function writeTruncated(res: ServerResponse, response: Response) {
  const body = Buffer.from(await response.arrayBuffer());
  // Announce the full length, send half, then end the connection: the client sees a body that
  // stops early, as when a proxy or the network drops a connection mid-answer.
  writeHead(res, response, body.length);
  res.flushHeaders();
  const half = body.subarray(0, Math.floor(body.length / 2));
  await new Promise<void>((resolve) => {
    if (half.length === 0) resolve();
    else res.write(half, () => resolve());
  });
  res.socket?.destroySoon?.();
  res.destroy();
}

function prefixRedirect(response: Response, prefix: string): Response {
  const location = response.headers.get('location');
  if (!location?.startsWith('/') || location.startsWith('//')) return response;
  const headers = new Headers(response.headers);
  headers.set('location', prefix + location);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function notFound(): Response {
  return new Response('not found\n', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}

function internalErrorPage(): Response {
  return new Response(
    '<!doctype html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1><p>The sandbox injected this fault.</p></body></html>',
    { status: 500, headers: { 'content-type': 'text/html; charset=utf-8' } },
  );
}
