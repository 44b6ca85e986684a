import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProviderSimulator } from '@sso/core/testing';
import { build } from 'esbuild';
import type { Outcomes, WorkerCommand, WorkerConfig, WorkerMessage } from '../fleet/worker.js';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Bundles the worker with the store's current sources (packages stay external and resolve from
 * this package's node_modules), so the fleet runs exactly the code under test, not a stale build.
 */
export async function bundleWorker(): Promise<string> {
  const outDir = join(packageRoot, 'test-artifacts');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'fleet-worker.mjs');
  await build({
    entryPoints: [join(packageRoot, 'test', 'fleet', 'worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}

/** Serves a provider simulator over node:http on 127.0.0.1 (a free port). */
export async function serveSimulator(
  simulator: ProviderSimulator,
): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        try {
          const headers = new Headers();
          for (const [name, value] of Object.entries(req.headers)) {
            if (typeof value === 'string') headers.set(name, value);
          }
          const request = new Request(`http://simulator${req.url ?? '/'}`, {
            method: req.method ?? 'GET',
            headers,
            ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
          });
          const response = await simulator.handle(request, {
            remoteAddress: req.socket.remoteAddress ?? '127.0.0.1',
          });
          const body = Buffer.from(await response.arrayBuffer());
          if (res.destroyed) return;
          res.writeHead(response.status, Object.fromEntries(response.headers));
          res.end(body);
        } catch (error) {
          if (!res.destroyed) {
            res.writeHead(500, { 'content-type': 'text/plain' });
            res.end(error instanceof Error ? error.message : 'simulator error');
          }
        }
      })();
    });
    // A caller killed mid-request must not take the server down.
    req.on('error', () => {});
    res.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('simulator server has no address');
  return {
    baseUrl: `http://127.0.0.1:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface FleetWorker {
  readonly index: number;
  readonly pid: number;
  readonly events: { event: string; at: number }[];
  run(command: DistributiveOmit<WorkerCommand, 'id'>, timeoutMs?: number): Promise<Outcomes>;
  kill(): void;
  stop(): Promise<void>;
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** Starts `count` worker processes and waits until each has created its client. */
export async function startFleet(
  workerPath: string,
  count: number,
  config: WorkerConfig,
): Promise<FleetWorker[]> {
  const started = await Promise.allSettled(
    Array.from({ length: count }, (_, index) => startWorker(workerPath, index, config)),
  );
  const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = started.find((s) => s.status === 'rejected');
  if (failure) {
    await Promise.all(workers.map((w) => w.stop()));
    throw (failure as PromiseRejectedResult).reason;
  }
  return workers;
}

function startWorker(workerPath: string, index: number, config: WorkerConfig): Promise<FleetWorker> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(workerPath, [JSON.stringify(config)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      cwd: packageRoot,
    });
    const events: { event: string; at: number }[] = [];
    const pending = new Map<number, { resolve(o: Outcomes): void; reject(e: Error): void }>();
    let nextId = 1;
    let exited = false;
    const bootTimer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`fleet worker ${index} did not start within 15 s`));
    }, 15_000);

    child.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'ready':
          clearTimeout(bootTimer);
          resolve(worker);
          break;
        case 'event':
          events.push({ event: message.event, at: message.at });
          break;
        case 'result':
          pending.get(message.id)?.resolve(message.outcomes);
          pending.delete(message.id);
          break;
        case 'fatal':
          for (const p of pending.values()) p.reject(new Error(`worker ${index}: ${message.message}`));
          pending.clear();
          break;
      }
    });
    child.on('exit', (code, signal) => {
      exited = true;
      clearTimeout(bootTimer);
      reject(new Error(`fleet worker ${index} exited during start (${code ?? signal})`));
      for (const p of pending.values()) p.reject(new Error(`worker ${index} exited (${code ?? signal})`));
      pending.clear();
    });

    const worker: FleetWorker = {
      index,
      get pid() {
        return child.pid ?? -1;
      },
      events,
      run(command, timeoutMs = 120_000) {
        return new Promise<Outcomes>((res, rej) => {
          if (exited) return rej(new Error(`worker ${index} has exited`));
          const id = nextId++;
          const timer = setTimeout(() => {
            pending.delete(id);
            rej(new Error(`worker ${index}: ${command.cmd} did not finish within ${timeoutMs} ms`));
          }, timeoutMs);
          pending.set(id, {
            resolve: (o) => {
              clearTimeout(timer);
              res(o);
            },
            reject: (e) => {
              clearTimeout(timer);
              rej(e);
            },
          });
          child.send({ ...command, id } as WorkerCommand);
        });
      },
      kill() {
        child.kill('SIGKILL');
      },
      stop() {
        return new Promise<void>((res) => {
          if (exited || child.exitCode !== null || child.signalCode !== null) return res();
          const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
          child.once('exit', () => {
            clearTimeout(timer);
            res();
          });
          if (child.connected) child.send({ cmd: 'exit', id: 0 });
          else child.kill('SIGTERM');
        });
      },
    };
  });
}

export function totalOutcomes(all: Outcomes[]): Outcomes {
  const total: Outcomes = { ok: 0, errors: {}, lateErrors: 0 };
  // samples are only attached when there were errors, so `errors` alone is compared in tests
  for (const o of all) {
    total.ok += o.ok;
    total.lateErrors = (total.lateErrors ?? 0) + (o.lateErrors ?? 0);
    for (const [code, n] of Object.entries(o.errors)) total.errors[code] = (total.errors[code] ?? 0) + n;
    if (o.samples) total.samples = { ...o.samples, ...total.samples };
  }
  return total;
}
