#!/usr/bin/env node
// `pnpm --filter @sso/bench overhead:memory [provider…]`: a client's own CPU cost per call with no
// network at all. Client and bare `fetch` + text() get the same in-memory fetch answering with the
// bytes recorded from the provider's simulator; the difference is the client's work (validation,
// signing, framing, parsing, session, transport). Measured as process CPU time, best of rounds, so
// it stays steady on a busy machine and shows 0.5 µs changes. Env: R (rounds, default 5).
import { answerFor, exchangeKey, PROVIDERS, recordMainCall } from '@sso/gates-kit';

const CALLS = 20000,
  ROUNDS = Number(process.env.R ?? 5);
const ONLY = process.argv.slice(2);
const BASE = 'https://bench.sso.test/';
function recordedFetch(exchanges) {
  const byKey = new Map(exchanges.map((x) => [x.key, x]));
  return async (input, init) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    const headers = new Headers(init?.headers);
    const url = typeof input === 'string' ? input : input.url;
    const path = new URL(url).pathname;
    const exchange = byKey.get(
      exchangeKey(init?.method ?? 'GET', `https://provider.sso.test${path}`, headers, body),
    );
    if (!exchange) return new Response('no route', { status: 404 });
    const text = answerFor(exchange, body);
    return new Response(text, {
      status: exchange.response.status,
      headers: {
        'content-type': exchange.response.headers['content-type'] ?? 'text/plain',
        'content-length': String(Buffer.byteLength(text)),
      },
    });
  };
}
async function perCall(call) {
  const c0 = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) await call();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / CALLS;
}
const best = (v) => Math.min(...v);
for (const provider of PROVIDERS.filter((p) => ONLY.length === 0 || ONLY.includes(p.id))) {
  const { loaded, demo, context, setupExchanges, exchanges } = await recordMainCall(provider, {
    baseUrl: BASE,
  });
  const fetch = recordedFetch([...setupExchanges, ...exchanges]);
  const client = provider.create(loaded, { ...provider.clientOptions(demo), baseUrl: BASE, fetch });
  if (provider.warm) await provider.warm(client, demo, context);
  const first = await provider.call(client, demo, context);
  if (!provider.isResult(first))
    throw new Error(`${provider.id}: unexpected result ${JSON.stringify(first)}`);
  const last = exchanges.at(-1);
  const { host: _h, 'content-length': _l, ...headers } = last.headers;
  const url = `${BASE.slice(0, -1)}${new URL(last.url).pathname}`;
  const raw = async () => (await fetch(url, { method: last.method, headers, body: last.body })).text();
  const ours = [],
    bare = [];
  for (let i = 0; i < 2; i++) {
    await perCall(raw);
    await perCall(() => provider.call(client, demo, context));
  }
  for (let round = 0; round < ROUNDS; round++) {
    bare.push(await perCall(raw));
    ours.push(await perCall(() => provider.call(client, demo, context)));
  }
  console.log(
    `${provider.id.padEnd(13)} client ${best(ours).toFixed(1)} µs, bare ${best(bare).toFixed(1)} µs, overhead ${(best(ours) - best(bare)).toFixed(1)} µs/call`,
  );
}
