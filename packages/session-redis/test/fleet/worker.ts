// One app instance of the fleet: a DIA client whose session lives in the shared Redis store.
// Bundled by the fleet test with esbuild (the store from src/, packages external) and run as a
// child process; it is driven over IPC and answers with outcome counts only (never session ids).
import { isSsoError } from '@sso/core/provider';
import { createDiaClient } from '@sso/dia';
import { createRedisSessionStore } from '../../src/index.js';

export interface WorkerConfig {
  redisUrl: string;
  diaBaseUrl: string;
  username: string;
  password: string;
  apiKey: string;
  lockTtlMs: number;
}

export type WorkerCommand =
  | { id: number; cmd: 'burst'; calls: number }
  | { id: number; cmd: 'soak'; durationMs: number; concurrency: number; pauseMs: number }
  | { id: number; cmd: 'login' }
  | { id: number; cmd: 'exit' };

export interface Outcomes {
  ok: number;
  /** Failures by SsoError code; anything else is counted under `UNTYPED:<name>`. */
  errors: Record<string, number>;
  /** Errors of the last quarter of a soak, when recovery must be complete. */
  lateErrors?: number;
  /** The first message seen per error code (messages carry no secrets), for failure output. */
  samples?: Record<string, string>;
}

export type WorkerMessage =
  | { type: 'ready'; pid: number }
  | { type: 'event'; event: string; at: number }
  | { type: 'result'; id: number; outcomes: Outcomes }
  | { type: 'fatal'; message: string };

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
const send = (message: WorkerMessage) => process.send?.(message);

const store = createRedisSessionStore<{ sessionId: string }>({
  redis: config.redisUrl,
  provider: 'dia',
  account: { baseUrl: config.diaBaseUrl, username: config.username },
  lockTtlMs: config.lockTtlMs,
  // Generous: CI runs this beside other suites on 2 cores; an outage is still seen at once
  // (a refused connection fails fast), only a slow answer waits this long.
  operationTimeoutMs: 5_000,
  onEvent: (event) => {
    if (
      event.type === 'lock-acquired' ||
      event.type === 'redis-unavailable' ||
      event.type === 'redis-recovered'
    ) {
      send({ type: 'event', event: event.type, at: Date.now() });
    }
  },
});

const client = createDiaClient({
  baseUrl: config.diaBaseUrl,
  allowInsecureHttp: true,
  username: config.username,
  password: config.password,
  apiKey: config.apiKey,
  store,
  // Each login evicts the user's other DIA sessions: a second login anywhere in the fleet would
  // break the session the others are using, so the counts below also prove there was none.
  disconnectSameUser: true,
  retry: false,
  // Generous: 800 concurrent requests share two busy cores; a slow answer is not what is tested.
  timeoutMs: 60_000,
});

function record(outcomes: Outcomes, error: unknown) {
  const code = isSsoError(error)
    ? error.code
    : `UNTYPED:${error instanceof Error ? error.name : typeof error}`;
  outcomes.errors[code] = (outcomes.errors[code] ?? 0) + 1;
  outcomes.samples ??= {};
  outcomes.samples[code] ??=
    error instanceof Error
      ? `${error.message} [${(error as { operation?: string }).operation}]`
      : String(error);
}

async function burst(calls: number): Promise<Outcomes> {
  const outcomes: Outcomes = { ok: 0, errors: {} };
  await Promise.all(
    Array.from({ length: calls }, () =>
      client.sisKontorSorgula().then(
        () => {
          outcomes.ok++;
        },
        (error: unknown) => record(outcomes, error),
      ),
    ),
  );
  return outcomes;
}

async function soak(durationMs: number, concurrency: number, pauseMs: number): Promise<Outcomes> {
  const outcomes: Outcomes = { ok: 0, errors: {}, lateErrors: 0 };
  const started = Date.now();
  const end = started + durationMs;
  const lateFrom = started + durationMs * 0.75;
  const loop = async () => {
    while (Date.now() < end) {
      const at = Date.now();
      try {
        await client.sisKontorSorgula();
        outcomes.ok++;
      } catch (error) {
        record(outcomes, error);
        if (at >= lateFrom) outcomes.lateErrors = (outcomes.lateErrors ?? 0) + 1;
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return outcomes;
}

process.on('message', (message: WorkerCommand) => {
  void (async () => {
    switch (message.cmd) {
      case 'burst':
        send({ type: 'result', id: message.id, outcomes: await burst(message.calls) });
        break;
      case 'soak':
        send({
          type: 'result',
          id: message.id,
          outcomes: await soak(message.durationMs, message.concurrency, message.pauseMs),
        });
        break;
      case 'login': {
        const outcomes: Outcomes = { ok: 0, errors: {} };
        await client.login().then(
          () => {
            outcomes.ok++;
          },
          (error: unknown) => record(outcomes, error),
        );
        send({ type: 'result', id: message.id, outcomes });
        break;
      }
      case 'exit':
        // The client is not closed: closing logs the fleet's shared session out at DIA.
        await store.close();
        process.exit(0);
    }
  })().catch((error: unknown) => {
    send({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
  });
});

// Exit with the parent, whatever happens to it.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready', pid: process.pid });
