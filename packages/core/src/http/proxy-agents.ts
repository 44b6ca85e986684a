// Keep-alive agents that reach servers through a forward proxy: plain http in absolute form, https
// through a CONNECT tunnel with TLS end to end (the proxy sees only the host and port).
import type { Agent, ClientRequestArgs, RequestOptions } from 'node:http';
import type { Duplex } from 'node:stream';
import { nodeBuiltin } from '../node-builtin.js';
import { closeIdleSockets } from './idle-sockets.js';
import type { NodeHttpStack, NodeRequestInit } from './node-types.js';
import type { ProxyTarget } from './proxy.js';

/** An agent whose connections go to the proxy; requests through it are written in absolute form. */
export function httpProxyAgent(): Agent {
  const http = nodeBuiltin('node:http');
  return closeIdleSockets(new http.Agent({ keepAlive: true }));
}

/** An https agent whose connections are CONNECT tunnels through `proxy`. */
export function httpsTunnelAgent(proxy: ProxyTarget): Agent {
  const https = nodeBuiltin('node:https');
  const http = nodeBuiltin('node:http');
  const tls = nodeBuiltin('node:tls');
  class TunnelAgent extends https.Agent {
    override createConnection(
      options: ClientRequestArgs & { servername?: string },
      callback?: (error: Error | null, stream: Duplex) => void,
    ): undefined {
      // Node's agent always passes the callback when it creates a socket.
      const done = callback as (error: Error | null, stream?: Duplex) => void;
      const host = options.host ?? 'localhost';
      const target = `${host.includes(':') ? `[${host}]` : host}:${options.port ?? 443}`;
      const connect = http.request({
        host: proxy.url.hostname,
        port: proxy.url.port || 80,
        method: 'CONNECT',
        path: target,
        headers: {
          host: target,
          ...(proxy.authorization ? { 'proxy-authorization': proxy.authorization } : {}),
        },
        agent: false,
      });
      connect.once('connect', (response, socket) => {
        if (response.statusCode !== 200) {
          socket.destroy();
          done(
            Object.assign(new Error(`the proxy refused the tunnel (HTTP ${response.statusCode})`), {
              code: 'EPROXY',
            }),
          );
          return;
        }
        // SNI carries host names only, never an IP address.
        const servername = options.servername ?? (/^[\d.]+$|:/.test(host) ? undefined : host);
        const secure = tls.connect({ ...(options as object), socket, ...(servername ? { servername } : {}) });
        done(null, secure);
      });
      connect.once('error', (error) => done(error));
      connect.end();
      return undefined;
    }
  }
  return closeIdleSockets(new TunnelAgent({ keepAlive: true }));
}

// One keep-alive stack per proxy and protocol.
const proxied = new Map<string, NodeHttpStack>();

export function proxiedStack(proxy: ProxyTarget, https: boolean): NodeHttpStack {
  const key = `${https ? 'https' : 'http'}|${proxy.key}`;
  let stack = proxied.get(key);
  if (!stack) {
    stack = https
      ? {
          request: nodeBuiltin('node:https').request as typeof import('node:http').request,
          agent: httpsTunnelAgent(proxy),
        }
      : { request: nodeBuiltin('node:http').request, agent: httpProxyAgent(), proxy };
    proxied.set(key, stack);
  }
  return stack;
}

/** A plain-http request to a forward proxy: the whole target URL as the path, the target as Host. */
export function absoluteForm(
  proxy: ProxyTarget,
  url: string,
  init: NodeRequestInit,
  headers: Record<string, string | number>,
  agent: Agent,
): RequestOptions {
  const target = new URL(url);
  return {
    host: proxy.url.hostname,
    port: proxy.url.port || 80,
    path: target.href,
    method: init.method,
    headers: {
      ...headers,
      host: target.host,
      ...(proxy.authorization ? { 'proxy-authorization': proxy.authorization } : {}),
    },
    agent,
    signal: init.signal,
  };
}
