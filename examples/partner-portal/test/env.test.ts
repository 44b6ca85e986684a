import { startSandbox } from '@sso/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startPartnerPortal } from '../src/app.js';
import { Browserless } from './helpers.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox?.close();
});

function diaEnv(password: string): Record<string, string> {
  const dia = sandbox.clientOptions.dia as unknown as Record<string, string>;
  return {
    SSO_DIA_BASE_URL: dia.baseUrl!,
    SSO_DIA_USERNAME: dia.username!,
    SSO_DIA_PASSWORD: password,
    SSO_DIA_API_KEY: dia.apiKey!,
    SSO_ALLOW_INSECURE_HTTP: '1',
  };
}

async function runDia(env: Record<string, string>): Promise<string> {
  const portal = await startPartnerPortal({ env, sandbox });
  try {
    expect(portal.sources.dia).toBe('env');
    expect(portal.sources.beyondvisit).toBe('sandbox');
    const client = new Browserless(portal.url);
    const csrf = await client.signIn();
    await client.post('/status/dia', { csrf });
    return await (await client.get('/status')).text();
  } finally {
    await portal.close();
  }
}

describe('provider settings from the environment', () => {
  it('uses SSO_DIA_* instead of the sandbox defaults and completes a DIA session with them', async () => {
    const password = (sandbox.clientOptions.dia as unknown as { password: string }).password;
    const page = await runDia(diaEnv(password));
    expect(page).toContain('DIA: environment');
    expect(page).toMatch(/<tr data-step="logout"><td>logout<\/td><td><span class="badge ok">/);
  });

  it('shows DIA’s refusal of a wrong password from the environment, without the password', async () => {
    const page = await runDia(diaEnv('wrong-password-from-env'));
    expect(page).toMatch(
      /<tr data-step="login"><td>login<\/td><td><span class="badge fail">failed<\/span><\/td><td>[^<]*401/,
    );
    expect(page).not.toContain('wrong-password-from-env');
    expect(page).not.toContain('data-step="sis_kontor_sorgula"');
  });

  it('refuses to start with a half-configured provider, naming the missing variable', async () => {
    await expect(
      startPartnerPortal({ env: { SSO_FAXMAX_DOMAIN: 'firma.faxmax.net' }, sandbox }),
    ).rejects.toThrow('SSO_FAXMAX_API_CODE is required');
  });

  it('starts its own sandbox on a free port when none is given, and stops it on close', async () => {
    const portal = await startPartnerPortal({ env: {} });
    const own = portal.sandbox!;
    expect(own).toBeDefined();
    expect(own.url).not.toBe(sandbox.url);
    expect((await fetch(`${own.url}/health`)).status).toBe(200);
    await portal.close();
    await expect(fetch(`${own.url}/health`)).rejects.toThrow();
  });
});
