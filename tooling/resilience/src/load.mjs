#!/usr/bin/env node
// The load of the faults-under-load gate, meant to run as a child process:
//   node load.mjs '{"sandboxUrl": "...", "calls": 2000, "concurrency": 16, "timeoutMs": 300}'
// For every provider the sandbox serves it runs `calls` main calls (and, for providers with a
// managed session, `calls` session calls) at `concurrency` in flight, and records how each call
// ended and how long it took. It prints one JSON report line and then simply returns: the parent
// checks that the process exits on its own (nothing left open: sockets, timers, sessions).
import { isSsoError } from '@sso/core';
import { PROVIDERS } from '@sso/gates-kit';
import { sandboxClientOptions } from '@sso/sandbox';

const { sandboxUrl, calls, concurrency, timeoutMs, graceMs = 100 } = JSON.parse(process.argv[2]);

// Time this process could not run (event loop blocked, or the process descheduled on a loaded
// machine), summed from how late a 10 ms interval fires. A call's lateness is judged on its time
// minus the stall it lived through, so a busy CI machine does not count against the client.
const TICK_MS = 10;
let stalledMs = 0;
let maxStallMs = 0;
let lastTick = performance.now();
const ticker = setInterval(() => {
  const now = performance.now();
  const stall = Math.max(0, now - lastTick - TICK_MS);
  stalledMs += stall;
  maxStallMs = Math.max(maxStallMs, stall);
  lastTick = now;
}, TICK_MS);

const unhandled = [];
process.on('unhandledRejection', (reason) =>
  unhandled.push(`unhandledRejection: ${String(reason?.stack ?? reason)}`),
);
process.on('uncaughtException', (error) =>
  unhandled.push(`uncaughtException: ${String(error?.stack ?? error)}`),
);

async function runMany(count, once) {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      next += 1;
      await once();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

function newStats() {
  return { calls: 0, results: 0, errors: {}, late: 0, maxMs: 0, maxAdjustedMs: 0, violations: [] };
}

async function timedCall(stats, isResult, fn) {
  const start = performance.now();
  const stalledAtStart = stalledMs;
  let outcome;
  try {
    const value = await fn();
    outcome = isResult(value) ? 'result' : `not a typed result: ${JSON.stringify(value)?.slice(0, 120)}`;
  } catch (error) {
    outcome = isSsoError(error)
      ? `SsoError ${error.code}`
      : `non-SsoError ${error?.constructor?.name}: ${error?.message}`;
  }
  const ms = performance.now() - start;
  // The stall of the tick in progress is not summed yet; the next tick adds it, so wait for one.
  await new Promise((resolve) => setTimeout(resolve, TICK_MS + 1));
  const adjusted = ms - Math.max(0, stalledMs - stalledAtStart);
  stats.calls += 1;
  stats.maxMs = Math.max(stats.maxMs, Math.round(ms));
  stats.maxAdjustedMs = Math.max(stats.maxAdjustedMs, Math.round(adjusted));
  if (outcome === 'result') stats.results += 1;
  else if (outcome.startsWith('SsoError ')) {
    const code = outcome.slice(9);
    stats.errors[code] = (stats.errors[code] ?? 0) + 1;
  } else if (stats.violations.length < 10) stats.violations.push(outcome);
  if (adjusted > timeoutMs + graceMs) {
    stats.late += 1;
    if (stats.violations.length < 10) {
      stats.violations.push(
        `settled after ${Math.round(ms)} ms, ${Math.round(adjusted)} ms without stalls (${outcome})`,
      );
    }
  }
}

const allOptions = sandboxClientOptions(sandboxUrl);
const report = { providers: {}, unhandled };

for (const provider of PROVIDERS.filter((p) => allOptions[p.id])) {
  {
    const loaded = await provider.load();
    const demo = provider.demo(loaded);
    // Logins whose complete 200 answer reached this client, i.e. sessions it was given.
    const clientWithLoginCount = () => {
      const counter = { logins: 0 };
      const hooks = {
        onResponse: (r) => {
          if (r.request.operation === provider.session?.loginOperation && r.status === 200)
            counter.logins += 1;
        },
      };
      return { counter, client: provider.create(loaded, { ...allOptions[provider.id], timeoutMs, hooks }) };
    };
    const closeQuietly = async (client, stats) => {
      try {
        await client.close?.();
      } catch (error) {
        if (!isSsoError(error)) stats.violations.push(`close() threw a non-SsoError: ${error?.message}`);
      }
    };
    const { counter, client } = clientWithLoginCount();
    const context = provider.prepare ? await provider.prepare(client, demo) : {};
    const main = newStats();
    await runMany(calls, () =>
      timedCall(main, provider.isResult, () => provider.call(client, demo, context)),
    );
    main.acceptedLogins = counter.logins;
    await closeQuietly(client, main);
    const entry = { main };
    if (provider.session) {
      const sessionClient = clientWithLoginCount();
      const session = newStats();
      await runMany(calls, () =>
        timedCall(session, provider.session.isResult, () =>
          provider.session.call(sessionClient.client, demo, context),
        ),
      );
      session.acceptedLogins = sessionClient.counter.logins;
      await closeQuietly(sessionClient.client, session);
      entry.session = session;
    }
    report.providers[provider.id] = entry;
  }
}

clearInterval(ticker);
report.stalledMs = Math.round(stalledMs);
report.maxStallMs = Math.round(maxStallMs);
process.stdout.write(`${JSON.stringify(report)}\n`);
