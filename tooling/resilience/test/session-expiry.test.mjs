// "Never logged in twice for one expiry": after the provider drops a session, any number of
// concurrent callers cause exactly one new login, counted at the provider (the sandbox's simulator).
import { createDiaClient } from '@sso/dia';
import { startSandbox } from '@sso/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('@sso/dia session: one login per expiry for 16 concurrent callers', () => {
  let clock = Date.UTC(2026, 0, 1, 9);
  let sandbox;
  let client;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, now: () => clock });
    client = createDiaClient({ ...sandbox.clientOptions.dia, timeoutMs: 5_000 });
  });
  afterAll(async () => {
    await client?.close();
    await sandbox?.close();
  });

  const burst = () =>
    Promise.all(Array.from({ length: 16 }, () => client.call('sis', 'sis_kontor_sorgula', {})));

  it('logs in once for the first burst, not again while the session lives, once after it expires', async () => {
    const stats = sandbox.simulators.dia.stats;
    await burst();
    expect(stats.logins).toBe(1);
    await burst();
    expect(stats.logins).toBe(1);
    clock += 3 * 60 * 60_000; // past DIA's one-hour idle timeout, on the provider's clock only
    const results = await burst();
    expect(results).toHaveLength(16);
    expect(stats.logins).toBe(2);
    clock += 3 * 60 * 60_000;
    await burst();
    expect(stats.logins).toBe(3);
  });
});
