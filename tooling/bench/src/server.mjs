// The loopback server of the benchmark, run in its own process (`node server.mjs <routes.json>`):
// answers each provider's requests with the fixed, valid bodies recorded from its simulator, so the
// client and not the server is measured. Binds 127.0.0.1 on a free port and reports it over IPC;
// exits when its parent disconnects, or after 15 minutes at the latest.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { answerFor, exchangeKey } from '@sso/gates-kit';

const routes = JSON.parse(readFileSync(process.argv[2], 'utf8'));
// provider prefix -> { byKey: Map<key, exchange>, byPath: Map<path, exchange> }
const table = new Map();
for (const [provider, exchanges] of Object.entries(routes)) {
  const byKey = new Map();
  const byPath = new Map();
  for (const x of exchanges) {
    byKey.set(x.key, x);
    const path = new URL(x.url).pathname;
    if (!byPath.has(path)) byPath.set(path, x);
  }
  table.set(provider, { byKey, byPath });
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const [, provider, ...rest] = req.url.split('/');
    const entry = table.get(provider);
    const path = `/${rest.join('/')}`;
    const url = `https://provider.sso.test${path}`;
    const exchange =
      entry?.byKey.get(exchangeKey(req.method, url, new Headers(req.headers), body)) ??
      entry?.byPath.get(new URL(url).pathname);
    if (!exchange) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no route');
      return;
    }
    const text = answerFor(exchange, body);
    res.writeHead(exchange.response.status, {
      'content-type': exchange.response.headers['content-type'] ?? 'text/plain',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  });
});
server.keepAliveTimeout = 30_000;

const lifetime = setTimeout(() => process.exit(0), 15 * 60_000);
process.on('disconnect', () => {
  clearTimeout(lifetime);
  server.close();
  server.closeAllConnections();
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
