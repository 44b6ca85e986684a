import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bypassed, proxyFor, proxyResolver } from '../src/http/proxy.js';
import { createTransport } from '../src/provider.js';

const run = promisify(execFile);

// A real forward proxy on loopback: CONNECT tunnels for https, absolute-form requests for http.
// It records what it was asked, so a test can tell a proxied request from a direct one.
interface ProxyLog {
  connects: string[];
  forwards: string[];
  authorizations: Array<string | undefined>;
}

async function startProxy(log: ProxyLog): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    log.forwards.push(req.url ?? '');
    log.authorizations.push(req.headers['proxy-authorization']);
    const target = new URL(req.url ?? '');
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: req.method,
        headers: req.headers,
      },
      (answer: IncomingMessage) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    log.connects.push(req.url ?? '');
    log.authorizations.push(req.headers['proxy-authorization']);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const close = (server: Server | HttpsServer | undefined) =>
  new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.closeAllConnections();
    server.close(() => resolve());
  });

describe('NO_PROXY rules', () => {
  const url = (href: string) => new URL(href);
  it('matches host names, domain suffixes (with or without a leading dot), ports, IPs and *', () => {
    expect(bypassed(url('http://api.corp.example/x'), 'corp.example')).toBe(true);
    expect(bypassed(url('http://api.corp.example/x'), '.corp.example')).toBe(true);
    expect(bypassed(url('http://corp.example/x'), '.corp.example')).toBe(true);
    expect(bypassed(url('http://notcorp.example/x'), 'corp.example')).toBe(false);
    expect(bypassed(url('http://10.0.0.7:8080/x'), '10.0.0.7:8080')).toBe(true);
    expect(bypassed(url('http://10.0.0.7:8081/x'), '10.0.0.7:8080')).toBe(false);
    expect(bypassed(url('https://h.example/x'), 'h.example:443')).toBe(true);
    expect(bypassed(url('http://[::1]:80/x'), '[::1]')).toBe(true);
    expect(bypassed(url('http://any.example/x'), 'a.example, *')).toBe(true);
    expect(bypassed(url('http://any.example/x'), '')).toBe(false);
  });

  it('proxyFor reads HTTPS_PROXY for https, HTTP_PROXY for http, either case, with credentials', () => {
    const env = { HTTPS_PROXY: 'http://u%40corp:p%3Ass@proxy.corp:3128', http_proxy: 'proxy.corp:8080' };
    const https = proxyFor(url('https://ws.dia.com.tr/'), env);
    expect(https?.url.host).toBe('proxy.corp:3128');
    expect(https?.authorization).toBe(`Basic ${Buffer.from('u@corp:p:ss').toString('base64')}`);
    expect(proxyFor(url('http://sandbox.example/'), env)?.url.host).toBe('proxy.corp:8080');
    expect(proxyFor(url('https://ws.dia.com.tr/'), { ...env, no_proxy: 'dia.com.tr' })).toBeUndefined();
    expect(proxyFor(url('https://ws.dia.com.tr/'), {})).toBeUndefined();
  });

  it('a client reads the variables once, when it is made, and decides once per origin', () => {
    const env: Record<string, string | undefined> = {
      HTTPS_PROXY: 'http://proxy.corp:3128',
      NO_PROXY: 'internal.corp',
    };
    const proxyOf = proxyResolver(env);
    env.HTTPS_PROXY = 'http://other.corp:1';
    const first = proxyOf('https://ws.dia.com.tr/api/v3/sis/json');
    expect(first?.url.host).toBe('proxy.corp:3128');
    expect(proxyOf('https://ws.dia.com.tr/api/v3/scf/json')).toBe(first);
    expect(proxyOf('https://api.internal.corp/x')).toBeUndefined();
    expect(proxyOf('http://sandbox.example/')).toBeUndefined();
    expect(proxyResolver(env)('https://ws.dia.com.tr/')?.url.host).toBe('other.corp:1');
    expect(proxyResolver({})('https://ws.dia.com.tr/')).toBeUndefined();
  });
});

describe('the node:http stack through a forward proxy', () => {
  let proxy: { server: Server; url: string } | undefined;
  let target: Server | undefined;
  let log: ProxyLog;
  const saved = { ...process.env };
  beforeEach(async () => {
    log = { connects: [], forwards: [], authorizations: [] };
    proxy = await startProxy(log);
  });
  afterEach(async () => {
    process.env = { ...saved };
    await close(target);
    await close(proxy?.server);
    target = undefined;
  });

  async function listenTarget(): Promise<string> {
    target = createServer((req, res) => res.end(`direct ${req.method} ${req.url}`));
    await new Promise<void>((resolve) => target!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(target!.address() as AddressInfo).port}/svc?q=1`;
  }

  it('sends plain http in absolute form through HTTP_PROXY, with Proxy-Authorization from its userinfo', async () => {
    const url = await listenTarget();
    process.env.HTTP_PROXY = proxy!.url.replace('http://', 'http://user:pa%24s@');
    delete process.env.NO_PROXY;
    delete process.env.no_proxy;
    const response = await createTransport({ provider: 'core' }).send({ operation: 'op', url, body: 'x' });
    expect(response.text).toBe('direct POST /svc?q=1');
    expect(log.forwards).toEqual([url]);
    expect(log.authorizations).toEqual([`Basic ${Buffer.from('user:pa$s').toString('base64')}`]);
  });

  it('goes direct for a host NO_PROXY names', async () => {
    const url = await listenTarget();
    process.env.HTTP_PROXY = proxy!.url;
    process.env.NO_PROXY = 'localhost,127.0.0.1';
    const response = await createTransport({ provider: 'core' }).send({ operation: 'op', url });
    expect(response.text).toBe('direct POST /svc?q=1');
    expect(log.forwards).toEqual([]);
  });

  it('a proxy that refuses the connection is NETWORK, not a crash', async () => {
    const url = await listenTarget();
    process.env.HTTP_PROXY = 'http://127.0.0.1:9';
    delete process.env.NO_PROXY;
    const error = await createTransport({ provider: 'core', retry: false })
      .send({ operation: 'op', url })
      .catch((e) => e);
    expect(error.code).toBe('NETWORK');
  });

  it('tunnels https through CONNECT with TLS end to end (built package, child process; the CA trusted through NODE_EXTRA_CA_CERTS)', async () => {
    const tls = (name: string) => readFileSync(new URL(`./fixtures/tls/${name}`, import.meta.url));
    const secure: HttpsServer = createHttpsServer(
      { key: tls('key.pem'), cert: tls('cert.pem') },
      (_req, res) => res.end('secret page'),
    );
    await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
    try {
      const port = (secure.address() as AddressInfo).port;
      const url = `https://127.0.0.1:${port}/svc`;
      const dist = fileURLToPath(new URL('../dist/provider.js', import.meta.url));
      const script = `
        const { createTransport } = await import(${JSON.stringify(dist)});
        const response = await createTransport({ provider: 'core' }).send({ operation: 'op', url: ${JSON.stringify(url)} });
        console.log(response.status + ' ' + response.text);`;
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        HTTPS_PROXY: proxy!.url,
        NODE_EXTRA_CA_CERTS: fileURLToPath(new URL('./fixtures/tls/cert.pem', import.meta.url)),
      };
      for (const name of ['NO_PROXY', 'no_proxy', 'https_proxy']) delete env[name];
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env });
      expect(stdout.trim()).toBe('200 secret page');
      expect(log.connects).toEqual([`127.0.0.1:${port}`]);
    } finally {
      await close(secure);
    }
  });
});
