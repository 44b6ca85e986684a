import { createDiaClient } from '@sso/dia';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    seed: {
      dia: [
        { username: 'lisanssiz', password: 'Lisanssiz-1', failWith: '405' },
        { username: 'kontorsuz', password: 'Kontorsuz-1', failWith: '406' },
      ],
    },
  });
});
afterAll(() => sandbox.close());

describe('DIA errors through the sandbox', () => {
  it.each([
    ['lisanssiz', 'Lisanssiz-1', 'PERMISSION_DENIED', '405'],
    ['kontorsuz', 'Kontorsuz-1', 'QUOTA_EXCEEDED', '406'],
  ])(
    'a seeded account with failWith answers every call with it (%s)',
    async (username, password, code, providerCode) => {
      const client = createDiaClient({ ...sandbox.clientOptions.dia, username, password });
      const error = await client.sisKontorSorgula().catch((e: unknown) => e);
      expect(error).toMatchObject({ code, providerCode, provider: 'dia' });
      await client.close();
    },
  );

  it('failNext on the sandbox simulator: 419 costs the demo client one re-login', async () => {
    const client = createDiaClient(sandbox.clientOptions.dia);
    await client.sisKontorSorgula();
    const logins = sandbox.simulators.dia.stats.logins;
    sandbox.simulators.dia.failNext('419');
    await client.sisKontorSorgula();
    expect(sandbox.simulators.dia.stats.logins).toBe(logins + 1);
    await client.close();
  });

  it('the seed refuses an error the simulator cannot produce', async () => {
    await expect(
      startSandbox({ port: 0, seed: { dia: [{ username: 'a', password: 'b', failWith: '999' }] } }),
    ).rejects.toThrow(/"failWith" must be one of 400, 401, 402, 405, 406, 419, 500, 501, INVALID_SESSION/);
  });
});
