import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodeHttpFor } from '../src/http/node-http.js';
import { createTransport, isSsoError, type RedactedResponse } from '../src/provider.js';
import { createLeakDetector } from '../src/testing/index.js';

// Without an injected fetch, calls on Node go through node:http (see src/http/node-http.ts).
// These tests run against a real server on 127.0.0.1 and check that path behaves like fetch did.
const run = promisify(execFile);
let server: Server | undefined;
const sockets = new Set<unknown>();
afterEach(async () => {
  vi.unstubAllGlobals();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  sockets.clear();
});

interface Seen {
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
}

async function listen(handler: (seen: Seen, res: ServerResponse) => void): Promise<string> {
  server = createServer((req, res) => {
    sockets.add(req.socket);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () =>
      handler(
        { method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') },
        res,
      ),
    );
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/svc`;
}

describe('transport over node:http', () => {
  it('sends method, headers, a Content-Length and the body, and reads status, headers and text', async () => {
    let seen: Seen | undefined;
    const url = await listen((s, res) => {
      seen = s;
      res.writeHead(201, { 'content-type': 'text/plain; charset=utf-8', 'x-trace': 'a1' });
      res.end('Merhaba dünya — ğüşıöç');
    });
    const transport = createTransport({ provider: 'core' });
    const body = '{"ad":"Çağla Şıkoğlu"}';
    const response = await transport.send({
      operation: 'op',
      url,
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(seen?.method).toBe('POST');
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(seen?.headers['transfer-encoding']).toBeUndefined();
    expect(seen?.headers['user-agent']).toBe('node');
    // Node's fetch adds these; their absence shows the call did not go through fetch.
    expect(seen?.headers['sec-fetch-mode']).toBeUndefined();
    expect(seen?.headers['accept-language']).toBeUndefined();
    expect(seen?.body).toBe(body);
    expect(response.status).toBe(201);
    expect(response.text).toBe('Merhaba dünya — ğüşıöç');
    expect(response.headers.get('x-trace')).toBe('a1');
    expect(response.attempts).toBe(1);
  });

  it('sends a GET without a body and keeps a caller-set User-Agent', async () => {
    let seen: Seen | undefined;
    const url = await listen((s, res) => {
      seen = s;
      res.end('ok');
    });
    const transport = createTransport({ provider: 'core' });
    await transport.send({ operation: 'op', url, method: 'GET', headers: { 'User-Agent': 'partner/1.0' } });
    expect(seen?.method).toBe('GET');
    expect(seen?.headers['content-length']).toBeUndefined();
    expect(seen?.headers['user-agent']).toBe('partner/1.0');
  });

  it('reads a 204 as an empty body and keeps repeated headers apart (Set-Cookie)', async () => {
    const url = await listen((_s, res) => {
      res.writeHead(204, [
        ['set-cookie', 'a=1; Path=/'],
        ['set-cookie', 'b=2; Path=/'],
        ['x-one', 'x'],
      ]);
      res.end();
    });
    const response = await createTransport({ provider: 'core' }).send({ operation: 'op', url });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(response.headers.get('x-one')).toBe('x');
  });

  it('gives hooks a redacted view: no secret in the request, the response headers or the body', async () => {
    const detector = createLeakDetector(['s3cret-password', 'TICKET-123456']);
    const url = await listen((s, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-ticket': 'TICKET-123456' });
      res.end(JSON.stringify({ ticket: 'TICKET-123456', echo: s.body }));
    });
    const responses: RedactedResponse[] = [];
    const transport = createTransport({
      provider: 'euromsg',
      secrets: () => ['s3cret-password'],
      hooks: {
        ...detector.hooks,
        onResponse: (r) => {
          responses.push(r);
          detector.hooks.onResponse(r);
        },
      },
    });
    await transport.send({
      operation: 'login',
      url,
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
      body: 'password=s3cret-password',
      secrets: ['TICKET-123456'],
    });
    expect(responses).toHaveLength(1);
    expect(responses[0]?.headers['x-ticket']).toBe('[redacted]');
    expect(detector.recorded).toBeGreaterThanOrEqual(2);
    expect(detector.leaks()).toEqual([]);
  });

  it('decodes a UTF-8 character split across chunks and drops a byte order mark, as fetch does', async () => {
    const bytes = Buffer.from('\uFEFF<a>ş</a>', 'utf8');
    const url = await listen((_s, res) => {
      res.writeHead(200);
      const split = bytes.indexOf(0xc5) + 1; // inside the two bytes of "ş"
      res.write(bytes.subarray(0, split));
      setTimeout(() => res.end(bytes.subarray(split)), 5);
    });
    const response = await createTransport({ provider: 'core' }).send({ operation: 'op', url });
    expect(response.text).toBe('<a>ş</a>');
  });

  it('sends the path and query of each URL, and the credentials a URL carries, as requesting the URL with node:http does', async () => {
    const seen: Array<{ url: string | undefined; authorization: string | undefined }> = [];
    server = createServer((req, res) => {
      seen.push({ url: req.url, authorization: req.headers.authorization });
      res.end('ok');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const transport = createTransport({ provider: 'core' });
    for (const url of [
      `http://127.0.0.1:${port}/a/json?x=1&y=%C3%A7`,
      `http://127.0.0.1:${port}/b/json`,
      `http://127.0.0.1:${port}/a/json?x=1&y=%C3%A7`,
      `http://kullanici:gizli%40parola@127.0.0.1:${port}/c`,
    ]) {
      await transport.send({ operation: 'op', url, method: 'GET' });
    }
    expect(seen).toEqual([
      { url: '/a/json?x=1&y=%C3%A7', authorization: undefined },
      { url: '/b/json', authorization: undefined },
      { url: '/a/json?x=1&y=%C3%A7', authorization: undefined },
      { url: '/c', authorization: `Basic ${Buffer.from('kullanici:gizli@parola').toString('base64')}` },
    ]);
  });

  it('reuses one keep-alive connection for calls one after another', async () => {
    const url = await listen((_s, res) => res.end('ok'));
    const transport = createTransport({ provider: 'core' });
    for (let i = 0; i < 5; i++) await transport.send({ operation: 'op', url });
    expect(sockets.size).toBe(1);
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['deflate', deflateRawSync],
    ['br', brotliCompressSync],
  ] as const)('undoes content coding %s (%o)', async (coding, compress) => {
    const text = 'İstanbul '.repeat(200);
    const url = await listen((_s, res) => {
      res.writeHead(200, { 'content-encoding': coding });
      res.end(compress(Buffer.from(text)));
    });
    const response = await createTransport({ provider: 'core' }).send({ operation: 'op', url });
    expect(response.text).toBe(text);
  });

  it('refuses a compressed body that inflates past the cap, without inflating it all', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    const url = await listen((_s, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    const transport = createTransport({ provider: 'core', maxResponseBytes: 64 * 1024 });
    const error = await transport.send({ operation: 'op', url }).catch((e) => e);
    expect(isSsoError(error, 'MALFORMED_RESPONSE')).toBe(true);
    expect(error.message).toContain('65536-byte limit');
  });

  it.each([
    ['declared', true],
    ['chunked', false],
  ])('refuses a %s body over the size cap with MALFORMED_RESPONSE', async (_name, declared) => {
    const url = await listen((_s, res) => {
      const body = Buffer.alloc(200_000, 'a');
      res.writeHead(200, declared ? { 'content-length': String(body.byteLength) } : {});
      res.end(body);
    });
    const transport = createTransport({ provider: 'core', maxResponseBytes: 100_000 });
    const error = await transport.send({ operation: 'op', url }).catch((e) => e);
    expect(isSsoError(error, 'MALFORMED_RESPONSE')).toBe(true);
    expect(error.status).toBe(200);
  });

  it('retries an idempotent call answered 503 with Retry-After, then returns the answer', async () => {
    let calls = 0;
    const url = await listen((_s, res) => {
      calls++;
      if (calls === 1) res.writeHead(503, { 'retry-after': '0' }).end('busy');
      else res.end('done');
    });
    const transport = createTransport({ provider: 'core', retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const response = await transport.send({ operation: 'op', url, idempotent: true });
    expect(response.text).toBe('done');
    expect(response.attempts).toBe(2);
  });

  it("turns the caller's AbortSignal into ABORTED and closes the request", async () => {
    let closed = false;
    server = undefined;
    const url = await listen(() => {});
    server!.on('request', (req: IncomingMessage) => req.socket.once('close', () => (closed = true)));
    const controller = new AbortController();
    const pending = createTransport({ provider: 'core' })
      .send({ operation: 'op', url, signal: controller.signal })
      .catch((e) => e);
    setTimeout(() => controller.abort(), 30);
    expect(isSsoError(await pending, 'ABORTED')).toBe(true);
    await vi.waitFor(() => expect(closed).toBe(true));
  });

  it('tears a request down at its deadline, the first one included, without an AbortSignal', async () => {
    const closedAfter: number[] = [];
    server = createServer((req) => {
      const arrived = Date.now();
      req.socket.once('close', () => closedAfter.push(Date.now() - arrived));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}/svc`;
    const transport = createTransport({ provider: 'core', timeoutMs: 150, retry: false });
    const started = Date.now();
    const error = await transport.send({ operation: 'op', url }).catch((e) => e);
    expect(isSsoError(error, 'TIMEOUT')).toBe(true);
    expect(error.message).toContain('timed out after 150 ms');
    expect(Date.now() - started).toBeLessThan(1_000);
    await vi.waitFor(() => expect(closedAfter).toHaveLength(1), { timeout: 1_000 });
    expect(closedAfter[0]).toBeLessThan(1_000);
    // The transport keeps working afterwards.
    server.removeAllListeners('request');
    server.on('request', (_req, res) => res.end('ok'));
    expect((await transport.send({ operation: 'op', url })).text).toBe('ok');
  });

  it('uses a global fetch that replaced the platform one (a spy, a polyfill) instead of node:http', async () => {
    const url = await listen((_s, res) => res.end('from the server'));
    const replaced = vi.fn(async () => new Response('from the replaced fetch'));
    vi.stubGlobal('fetch', replaced);
    const response = await createTransport({ provider: 'core' }).send({ operation: 'op', url });
    expect(replaced).toHaveBeenCalledOnce();
    expect(response.text).toBe('from the replaced fetch');
  });

  it('leaves calls to fetch while a global undici dispatcher other than the default agent is installed (a proxy)', async () => {
    const url = await listen((_s, res) => res.end('from the server'));
    const key = Symbol.for('undici.globalDispatcher.1');
    const holder = globalThis as unknown as Record<symbol, unknown>;
    const before = holder[key];
    class ProxyAgent {}
    class Agent {}
    const direct = () => undefined;
    try {
      holder[key] = new ProxyAgent();
      expect(nodeHttpFor(url, direct)).toBeUndefined();
      holder[key] = new Agent();
      expect(nodeHttpFor(url, direct)).toBeDefined();
      holder[key] = undefined;
      expect(nodeHttpFor(url, direct)).toBeDefined();
    } finally {
      holder[key] = before;
    }
    expect((await createTransport({ provider: 'core' }).send({ operation: 'op', url })).text).toBe(
      'from the server',
    );
  });

  it('stays on fetch in a process started with NODE_USE_ENV_PROXY (built package, child process)', async () => {
    const seen: Seen[] = [];
    const url = await listen((s, res) => {
      seen.push(s);
      res.end('ok');
    });
    const dist = fileURLToPath(new URL('../dist/provider.js', import.meta.url));
    const script = `
      const { createTransport } = await import(${JSON.stringify(dist)});
      await createTransport({ provider: 'core' }).send({ operation: 'op', url: ${JSON.stringify(url)} });`;
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_USE_ENV_PROXY: '1' };
    for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) delete env[name];
    await run(process.execPath, ['--input-type=module', '-e', script], { env });
    expect(seen).toHaveLength(1);
    // Node's fetch sends this header; node:http does not.
    expect(seen[0]?.headers['sec-fetch-mode']).toBe('cors');
  });

  it('uses the injected fetch when one is given', async () => {
    const url = await listen((_s, res) => res.end('from the server'));
    const injected = vi.fn(async () => new Response('injected'));
    const response = await createTransport({ provider: 'core', fetch: injected }).send({
      operation: 'op',
      url,
    });
    expect(injected).toHaveBeenCalledOnce();
    expect(response.text).toBe('injected');
  });

  it('maps a body cut short by the server to NETWORK with the status', async () => {
    const url = await listen((_s, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('partial');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const error = await createTransport({ provider: 'core' })
      .send({ operation: 'op', url })
      .catch((e) => e);
    expect(isSsoError(error, 'NETWORK')).toBe(true);
    expect(error.status).toBe(200);
  });
});

describe('MSW and the node:http path', () => {
  it('MSW handlers answer calls that go through node:http (core loaded after MSW started)', async () => {
    const { setupServer } = await import('msw/node');
    const { http, HttpResponse } = await import('msw');
    const mock = setupServer(
      http.post('https://provider.sso.test/svc', async ({ request }) =>
        HttpResponse.text(`echo ${await request.text()}`, { headers: { 'x-from': 'msw' } }),
      ),
    );
    mock.listen({ onUnhandledRequest: 'error' });
    try {
      vi.resetModules();
      const fresh = await import('../src/provider.js');
      const { nodeHttpFor: freshNodeHttpFor } = await import('../src/http/node-http.js');
      // Loaded after MSW patched fetch, the patched fetch is the platform one: node:http is used.
      expect(freshNodeHttpFor('https://provider.sso.test/svc', () => undefined)).toBeDefined();
      const response = await fresh
        .createTransport({ provider: 'core' })
        .send({ operation: 'op', url: 'https://provider.sso.test/svc', body: 'ping' });
      expect(response.text).toBe('echo ping');
      expect(response.headers.get('x-from')).toBe('msw');
    } finally {
      mock.close();
    }
  });
});

describe('TLS on the node:https path', () => {
  const tls = (name: string) => readFileSync(new URL(`./fixtures/tls/${name}`, import.meta.url));
  let secure: HttpsServer | undefined;
  afterEach(async () => {
    secure?.closeAllConnections();
    await new Promise<void>((resolve) => (secure ? secure.close(() => resolve()) : resolve()));
    secure = undefined;
  });
  async function listenTls(): Promise<string> {
    secure = createHttpsServer({ key: tls('key.pem'), cert: tls('cert.pem') }, (_req, res) =>
      res.end('secret page'),
    );
    await new Promise<void>((resolve) => secure!.listen(0, '127.0.0.1', resolve));
    return `https://127.0.0.1:${(secure!.address() as AddressInfo).port}/svc`;
  }

  it('refuses a certificate the process does not trust (NETWORK, with the TLS error code)', async () => {
    const url = await listenTls();
    const error = await createTransport({ provider: 'core', retry: false })
      .send({ operation: 'op', url })
      .catch((e) => e);
    expect(isSsoError(error, 'NETWORK')).toBe(true);
    expect(error.message).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('accepts it once trusted through NODE_EXTRA_CA_CERTS, as fetch did (built package, child process)', async () => {
    const url = await listenTls();
    const dist = fileURLToPath(new URL('../dist/provider.js', import.meta.url));
    const script = `
      const { createTransport } = await import(${JSON.stringify(dist)});
      const response = await createTransport({ provider: 'core' }).send({ operation: 'op', url: ${JSON.stringify(url)} });
      console.log(response.status + ' ' + response.text);`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      env: {
        ...process.env,
        NODE_EXTRA_CA_CERTS: fileURLToPath(new URL('./fixtures/tls/cert.pem', import.meta.url)),
      },
    });
    expect(stdout.trim()).toBe('200 secret page');
  });
});
