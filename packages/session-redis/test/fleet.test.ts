import { createDiaSimulator, DIA_DEMO, type DiaSimulator } from '@sso/dia/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerConfig } from './fleet/worker.js';
import {
  bundleWorker,
  type FleetWorker,
  serveSimulator,
  startFleet,
  totalOutcomes,
} from './helpers/fleet.js';
import { type RedisServer, startRedisServer } from './helpers/redis-server.js';

// A fleet of 8 app processes, each a DIA client whose session store is Redis, against the DIA
// simulator served over HTTP from this process and a real redis-server.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const WORKERS = 8;
const CALLS = 100;

let redisServer: RedisServer;
let admin: Redis;
let workerPath: string;
const cleanups: (() => Promise<void>)[] = [];

function configFor(diaBaseUrl: string, lockTtlMs: number): WorkerConfig {
  return {
    redisUrl: redisServer.url,
    diaBaseUrl,
    username: DIA_DEMO.username,
    password: DIA_DEMO.password,
    apiKey: DIA_DEMO.apiKey,
    lockTtlMs,
  };
}

async function launch(simulator: DiaSimulator, count: number, lockTtlMs: number): Promise<FleetWorker[]> {
  const served = await serveSimulator(simulator);
  cleanups.push(served.close);
  const workers = await startFleet(workerPath, count, configFor(served.baseUrl, lockTtlMs));
  cleanups.push(() => Promise.all(workers.map((w) => w.stop())).then(() => {}));
  return workers;
}

async function redisDump(): Promise<string> {
  const parts: string[] = [];
  for (const key of await admin.keys('*')) {
    parts.push(key);
    const type = await admin.type(key);
    if (type === 'hash') parts.push(JSON.stringify(await admin.hgetall(key)));
    if (type === 'string') parts.push(String(await admin.get(key)));
  }
  return parts.join('\n');
}

beforeAll(async () => {
  redisServer = await startRedisServer();
  admin = new Redis(redisServer.url, { maxRetriesPerRequest: 1 });
  admin.on('error', () => {});
  workerPath = await bundleWorker();
}, 60_000);

afterAll(async () => {
  // Workers first (they exit with their store closed), then servers.
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  admin?.disconnect();
  await redisServer?.stop();
}, 60_000);

describe('a fleet of 8 processes sharing one DIA session through Redis', () => {
  let simulator: DiaSimulator;
  let fleet: FleetWorker[];

  beforeAll(async () => {
    await admin.flushall();
    simulator = createDiaSimulator({ loginLatencyMs: 200 });
    fleet = await launch(simulator, WORKERS, 2_000);
  }, 180_000);

  it('8 workers x 100 concurrent calls on a cold fleet make exactly 1 login', async () => {
    const results = await Promise.all(fleet.map((w) => w.run({ cmd: 'burst', calls: CALLS })));
    const total = totalOutcomes(results);
    expect(total.errors, JSON.stringify(total.samples)).toEqual({});
    expect(total.ok).toBe(WORKERS * CALLS);
    expect(simulator.stats.logins).toBe(1);
    expect(simulator.stats.calls).toBe(WORKERS * CALLS);
  }, 180_000);

  it('the simulator drops the session: exactly 1 re-login fleet-wide', async () => {
    const before = simulator.stats.logins;
    simulator.dropSessions();
    const results = await Promise.all(fleet.map((w) => w.run({ cmd: 'burst', calls: CALLS })));
    const total = totalOutcomes(results);
    expect(total.errors, JSON.stringify(total.samples)).toEqual({});
    expect(total.ok).toBe(WORKERS * CALLS);
    expect(simulator.stats.logins - before).toBe(1);
  }, 180_000);

  it('stored values contain neither the password nor the API key', async () => {
    const dump = await redisDump();
    expect(dump).toMatch(/sso:dia:[0-9a-f]{32}:s:/);
    expect(dump).not.toContain(DIA_DEMO.password);
    expect(dump).not.toContain(DIA_DEMO.apiKey);
    // The key names the account by hash only.
    expect((await admin.keys('*')).join('\n')).not.toContain(DIA_DEMO.username);
  });

  it('Redis restarted mid-run: calls fail with typed NETWORK errors, then recover on their own', async () => {
    const loginsBefore = simulator.stats.logins;
    const soak = Promise.all(
      fleet.map((w) => w.run({ cmd: 'soak', durationMs: 16_000, concurrency: 4, pauseMs: 20 }, 60_000)),
    );
    await sleep(700);
    await redisServer.stop();
    // Keep Redis down until every worker has noticed (a fixed pause races on a loaded machine),
    // bounded so a worker that never notices fails the assertions below instead of hanging.
    const outageEnds = Date.now() + 8_000;
    while (
      Date.now() < outageEnds &&
      !fleet.every((w) => w.events.some((e) => e.event === 'redis-unavailable'))
    ) {
      await sleep(50);
    }
    await redisServer.start();
    const total = totalOutcomes(await soak);

    // Every failure is a typed SsoError NETWORK; nothing untyped, nothing else.
    expect(Object.keys(total.errors)).toEqual(['NETWORK']);
    expect(total.errors.NETWORK).toBeGreaterThan(0);
    expect(total.ok).toBeGreaterThan(0);
    // Recovered: the last quarter of the run (seconds after the restart) had no failure.
    expect(total.lateErrors).toBe(0);
    for (const w of fleet) {
      expect(w.events.map((e) => e.event)).toContain('redis-unavailable');
      expect(w.events.map((e) => e.event)).toContain('redis-recovered');
    }
    // The restarted Redis was empty: the fleet made one new login, not one per process.
    expect(simulator.stats.logins - loginsBefore).toBe(1);
  }, 180_000);
});

describe('a lock holder killed mid-login', () => {
  it('another instance logs in after the lock TTL and the fleet shares its session', async () => {
    await admin.flushall();
    const lockTtlMs = 1_500;
    const simulator = createDiaSimulator({ loginLatencyMs: 2_000 });
    const [holder, ...others] = await launch(simulator, 3, lockTtlMs);
    if (!holder) throw new Error('no holder');

    const holderLogin = holder.run({ cmd: 'login' }).catch(() => undefined);
    for (let i = 0; i < 100 && !holder.events.some((e) => e.event === 'lock-acquired'); i++) await sleep(20);
    expect(holder.events.map((e) => e.event)).toContain('lock-acquired');

    const waiting = others.map((w) => w.run({ cmd: 'login' }, 20_000));
    await sleep(200);
    const killedAt = Date.now();
    holder.kill();
    await holderLogin;

    const results = await Promise.all(waiting);
    expect(results.every((r) => r.ok === 1)).toBe(true);

    const events = others.flatMap((w) => w.events);
    const acquisitions = events.filter((e) => e.event === 'lock-acquired').sort((a, b) => a.at - b.at);
    // Exactly one survivor took over and logged in. The other may still take the lock after the
    // first released it (its poll can land between the release and its next look at the store);
    // it then finds the stored session and reuses it, so every further acquisition is a reuse.
    const reuses = events.filter((e) => e.event === 'login-reused');
    expect(acquisitions.length).toBeGreaterThanOrEqual(1);
    expect(acquisitions.length - reuses.length).toBe(1);
    // The takeover came only once the dead holder's lock had run out: the holder extended it
    // every lockTtlMs / 3 while alive, so it lapsed 2/3 TTL to 1 TTL after the kill.
    const waited = acquisitions[0]!.at - killedAt;
    expect(waited).toBeGreaterThanOrEqual((lockTtlMs * 2) / 3 - 150);
    expect(waited).toBeLessThan(lockTtlMs + 1_500);

    // The dead holder's request still reached DIA (it counts its login); the survivor made the
    // only other one, and both survivors hold the same session: one more call each, no login.
    expect(simulator.stats.logins).toBe(2);
    const after = totalOutcomes(await Promise.all(others.map((w) => w.run({ cmd: 'burst', calls: 10 }))));
    expect(after.errors).toEqual({});
    expect(simulator.stats.logins).toBe(2);
  }, 180_000);
});
