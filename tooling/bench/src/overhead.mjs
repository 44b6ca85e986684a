#!/usr/bin/env node
// `pnpm --filter @sso/bench overhead [provider…]`: where a client's cost per call goes, layer by
// layer, against the same loopback server as `pnpm bench`. In one process, in alternating blocks:
//   rawHttp    a bare node:http request (keep-alive agent) of the same bytes
//   transport  the same bytes through @sso/core's transport (deadline, size cap, hooks off), which
//              on Node sends through node:http
//   client     the provider client's main call
// client − transport is the provider package's own work (validation, signing, framing, parsing,
// session); transport − rawHttp is the core transport's on the same stack. Prints calls/s, CPU µs and GC µs per call.
// Global fetch is left to `pnpm bench`, which measures it in a process of its own: its garbage
// (several times ours per call) is collected on whichever lane allocates next and would be
// counted against the client.
// Env: SSO_OVERHEAD_IN_FLIGHT (16), SSO_OVERHEAD_CALLS (10000 per mode), SSO_OVERHEAD_BLOCKS (20).
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createTransport } from '@sso/core/provider';
import { PROVIDERS, recordMainCall } from '@sso/gates-kit';
import { rawHttpCall, runCalls } from './lanes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const IN_FLIGHT = Number(process.env.SSO_OVERHEAD_IN_FLIGHT ?? 16);
const CALLS = Number(process.env.SSO_OVERHEAD_CALLS ?? 10_000);
const BLOCKS = Number(process.env.SSO_OVERHEAD_BLOCKS ?? 20);
const ids = process.argv.slice(2);
const providers = PROVIDERS.filter((p) => ids.length === 0 || ids.includes(p.id));

let gcMicros = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMicros += entry.duration * 1000;
}).observe({ entryTypes: ['gc'] });

async function measure(call, count) {
  const gcBefore = gcMicros;
  const run = await runCalls(call, count, IN_FLIGHT);
  await new Promise((resolve) => setImmediate(resolve)); // let the GC observer report
  return { ...run, gcMicros: gcMicros - gcBefore };
}

const work = mkdtempSync(join(tmpdir(), 'sso-overhead-'));
try {
  for (const provider of providers) {
    const { loaded, demo, context, setupExchanges, exchanges } = await recordMainCall(provider);
    const routesFile = join(work, `${provider.id}.json`);
    writeFileSync(routesFile, JSON.stringify({ [provider.id]: [...setupExchanges, ...exchanges] }));
    const server = fork(join(here, 'server.mjs'), [routesFile], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const port = await new Promise((resolve) => server.once('message', (m) => resolve(m.port)));
    try {
      const baseUrl = `http://127.0.0.1:${port}/${provider.id}/`;
      const last = exchanges.at(-1);
      const url = `${baseUrl}${new URL(last.url).pathname.slice(1)}`;
      const { host: _host, 'content-length': _length, ...headers } = last.headers;
      const client = provider.create(loaded, {
        ...provider.clientOptions(demo),
        baseUrl,
        allowInsecureHttp: true,
      });
      if (provider.warm) await provider.warm(client, demo, context);
      const transport = createTransport({ provider: 'core' });
      const modes = {
        rawHttp: rawHttpCall({ url, method: last.method, headers, body: last.body }),
        transport: async () =>
          (await transport.send({ operation: 'bench', url, method: last.method, headers, body: last.body }))
            .text,
        client: () => provider.call(client, demo, context),
      };
      const names = Object.keys(modes);
      for (const name of names) await measure(modes[name], 2_000);
      const totals = Object.fromEntries(names.map((n) => [n, { seconds: 0, cpuMicros: 0, gcMicros: 0 }]));
      const perBlock = Math.max(1, Math.round(CALLS / BLOCKS));
      for (let block = 0; block < BLOCKS; block++) {
        for (const name of block % 2 === 0 ? names : [...names].reverse()) {
          const run = await measure(modes[name], perBlock);
          for (const key of Object.keys(run)) totals[name][key] += run[key];
        }
      }
      const calls = perBlock * BLOCKS;
      const line = names.map((n) => {
        const t = totals[n];
        return `${n} ${Math.round(calls / t.seconds)}/s cpu ${(t.cpuMicros / calls).toFixed(1)} gc ${(t.gcMicros / calls).toFixed(1)} µs`;
      });
      const cpu = (n) => totals[n].cpuMicros / calls;
      const signed = (micros) => `${micros < 0 ? '−' : '+'}${Math.abs(micros).toFixed(1)} µs`;
      console.log(
        `${provider.id.padEnd(13)} ${line.join(' | ')} || transport ${signed(cpu('transport') - cpu('rawHttp'))}, client ${signed(cpu('client') - cpu('transport'))}, ratio to node:http ${(totals.rawHttp.seconds / totals.client.seconds).toFixed(3)}`,
      );
    } finally {
      server.disconnect();
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
