import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PROVIDERS } from '@sso/gates-kit';
import { startSandbox } from '@sso/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CALLS = Number(process.env.SSO_LOAD_CALLS ?? 2_000);
const CONCURRENCY = 16;
const TIMEOUT_MS = 1_000;
const GRACE_MS = 100;
// 20 % of requests fail: 7 % connection reset, 7 % HTTP 500 page, 6 % truncated body; plus latency.
const FAULTS = { latencyMs: [0, 40], reset: 0.07, http500: 0.07, truncate: 0.06, seed: 4242 };
// Time the child may take to exit after its last call (keep-alive sockets close on their own).
const EXIT_AFTER_REPORT_MS = 8_000;
const loadScript = fileURLToPath(new URL('../src/load.mjs', import.meta.url));

/** Runs the load in a child; resolves with its report and how it ended. Kills it (by pid) only on a deadline. */
function runLoad(config, deadlineMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [loadScript, JSON.stringify(config)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let reportAt;
    let killedBy;
    const kill = (why) => {
      killedBy = why;
      child.kill('SIGKILL');
    };
    const overall = setTimeout(() => kill(`no exit within ${deadlineMs} ms`), deadlineMs);
    let afterReport;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (reportAt === undefined && stdout.includes('\n')) {
        reportAt = Date.now();
        afterReport = setTimeout(
          () => kill(`still running ${EXIT_AFTER_REPORT_MS} ms after its last call`),
          EXIT_AFTER_REPORT_MS,
        );
      }
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(overall);
      clearTimeout(afterReport);
      let report;
      try {
        report = JSON.parse(stdout.split('\n')[0]);
      } catch {}
      resolve({
        code,
        signal,
        killedBy,
        report,
        stderr,
        exitMs: reportAt === undefined ? undefined : Date.now() - reportAt,
      });
    });
  });
}

describe(`faults under load: ${CALLS} calls per provider, ${CONCURRENCY} in flight, 20 % faults`, () => {
  let sandbox;
  let outcome;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, faults: FAULTS });
    outcome = await runLoad(
      {
        sandboxUrl: sandbox.url,
        calls: CALLS,
        concurrency: CONCURRENCY,
        timeoutMs: TIMEOUT_MS,
        graceMs: GRACE_MS,
      },
      150_000,
    );
  }, 170_000);

  afterAll(async () => {
    await sandbox?.close();
  });

  it('the load process finishes and exits on its own (no leaked sockets or timers), with no unhandled rejection', () => {
    expect(outcome.killedBy, outcome.stderr.slice(-2000)).toBeUndefined();
    expect(outcome.code, outcome.stderr.slice(-2000)).toBe(0);
    expect(outcome.report.unhandled).toEqual([]);
  });

  it('the sandbox really injected about 20 % faults', () => {
    const stats = sandbox.faults.stats();
    const faulted = stats.reset + stats.http500 + stats.truncate;
    expect(stats.requests).toBeGreaterThanOrEqual(CALLS * 4);
    expect(faulted / stats.requests).toBeGreaterThan(0.15);
    expect(faulted / stats.requests).toBeLessThan(0.25);
  });

  for (const provider of PROVIDERS) {
    describe(provider.pkg, () => {
      it(`every ${provider.operation} call settles within ${TIMEOUT_MS} + ${GRACE_MS} ms with a typed result or an SsoError`, () => {
        const main = outcome.report?.providers[provider.id]?.main;
        expect(main, `${provider.id} is not served by the sandbox or did not run`).toBeDefined();
        expect(main.calls).toBe(CALLS);
        const stall = `process stalled ${outcome.report.stalledMs} ms in all, at most ${outcome.report.maxStallMs} ms at once`;
        expect(main.violations, stall).toEqual([]);
        expect(main.late, stall).toBe(0);
        expect(main.results).toBeGreaterThan(CALLS / 2);
        expect(Object.values(main.errors).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      });

      if (provider.session) {
        it('a managed session is logged in once for all callers, faults notwithstanding (no expiry during the run)', () => {
          const { main, session } = outcome.report.providers[provider.id];
          const managed = provider.id === 'dia' ? main : session;
          expect(managed.violations).toEqual([]);
          expect(managed.late).toBe(0);
          expect(managed.acceptedLogins).toBe(1);
        });
      }
    });
  }
});
