import { createEuromsgClient } from '@sso/euromsg-soap';
import { createEuromsgSimulator, EUROMSG_DEMO } from '@sso/euromsg-soap/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisSessionStore, type RedisSessionStore } from '../src/index.js';
import { serveSimulator } from './helpers/fleet.js';
import { type RedisServer, startRedisServer } from './helpers/redis-server.js';

// The store as the `store` option of the Euromsg client (a SessionStore<string> of service
// tickets): four app instances in this process, each with its own Redis connection.

let redisServer: RedisServer;
let admin: Redis;
let served: { baseUrl: string; close(): Promise<void> };
const simulator = createEuromsgSimulator();
const stores: RedisSessionStore<string>[] = [];

beforeAll(async () => {
  redisServer = await startRedisServer();
  admin = new Redis(redisServer.url, { maxRetriesPerRequest: 1 });
  served = await serveSimulator(simulator);
});

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await served?.close();
  admin?.disconnect();
  await redisServer?.stop();
});

function instance() {
  const store = createRedisSessionStore<string>({
    redis: redisServer.url,
    provider: 'euromsg',
    account: { baseUrl: served.baseUrl, username: EUROMSG_DEMO.username },
  });
  stores.push(store);
  return createEuromsgClient({ baseUrl: served.baseUrl, allowInsecureHttp: true, ...EUROMSG_DEMO, store });
}

describe('Euromsg clients sharing a service ticket through Redis', () => {
  it('4 instances x 10 concurrent posts log in once; a dropped ticket is replaced once', async () => {
    const clients = Array.from({ length: 4 }, instance);
    const post = (i: number) =>
      Promise.all(
        clients.flatMap((client) =>
          Array.from({ length: 10 }, (_, n) =>
            client.post.PostHtml({ Subject: `s${i}-${n}`, ToEmailAddress: 'a@example.com' }),
          ),
        ),
      );

    const first = await post(1);
    expect(first.every((r) => r.PostHtmlResult?.Code === '00')).toBe(true);
    expect(simulator.counters.logins).toBe(1);

    simulator.dropAllTickets();
    const second = await post(2);
    expect(second.every((r) => r.PostHtmlResult?.Code === '00')).toBe(true);
    expect(simulator.counters.logins).toBe(2);

    const keys = await admin.keys('sso:euromsg:*');
    expect(keys.length).toBeGreaterThan(0);
    const values = JSON.stringify(
      await Promise.all(keys.filter((k) => !k.endsWith(':lock')).map((k) => admin.hgetall(k))),
    );
    expect(values).not.toContain(EUROMSG_DEMO.password);
    expect(keys.join('\n')).not.toContain(EUROMSG_DEMO.username);
  });

  it('closing one instance leaves the shared ticket to the others (no logout)', async () => {
    const [leaving, staying] = [instance(), instance()];
    await leaving.post.PostHtml({ Subject: 'warm', ToEmailAddress: 'a@example.com' });
    const { logins, logouts } = simulator.counters;
    await leaving.close();
    expect(simulator.counters.logouts).toBe(logouts);
    const after = await staying.post.PostHtml({ Subject: 'still here', ToEmailAddress: 'a@example.com' });
    expect(after.PostHtmlResult?.Code).toBe('00');
    expect(simulator.counters.logins).toBe(logins);
  });
});
