import { readdirSync, readFileSync } from 'node:fs';
import { isSsoError } from '@sso/core/provider';
import { describe, expect, it } from 'vitest';
import { createDiaClient, type DiaClient, type DiaClientOptions } from '../src/index.js';
import { isLogin, type Recorded, recordingFetch } from './helpers.js';

interface WireFixture {
  description: string;
  operation: 'login' | 'logout' | 'call' | 'sisKontorSorgula' | 'scfFaturaListele';
  options: Record<string, unknown>;
  session?: { url: string; body: unknown; response: { status: number; body: unknown } };
  input?: { module?: string; service?: string; params?: Record<string, unknown> };
  request: { url: string; body: unknown };
  response: { status: number; body: unknown };
  expect: {
    output?: unknown;
    error?: { code: string; providerCode?: string; providerMessage?: string; status?: number };
    logins?: number;
  };
}

const dir = new URL('./fixtures/', import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as WireFixture] as const);

function run(client: DiaClient, f: WireFixture): Promise<unknown> {
  switch (f.operation) {
    case 'login':
      return client.login();
    case 'logout':
      return client.login().then(() => client.logout());
    case 'call':
      return client.call(f.input!.module!, f.input!.service!, f.input!.params);
    case 'sisKontorSorgula':
      return client.sisKontorSorgula();
    case 'scfFaturaListele':
      return client.scfFaturaListele(f.input!.params as never);
  }
}

describe('wire fixtures (test/fixtures/*.json): input -> exact URL and JSON body, response -> typed output', () => {
  it('covers every operation and every documented error code', () => {
    const ops = new Set(fixtures.map(([, f]) => f.operation));
    expect([...ops].sort()).toEqual(['call', 'login', 'logout', 'scfFaturaListele', 'sisKontorSorgula']);
    const providerCodes = new Set(fixtures.map(([, f]) => f.expect.error?.providerCode).filter(Boolean));
    for (const code of ['400', '401', '405', '500', 'INVALID_SESSION']) expect(providerCodes).toContain(code);
    const messages = new Set(fixtures.map(([, f]) => f.expect.error?.providerMessage));
    for (const msg of ['NOUSER', 'INVALID_SESSION', 'INSUFFICIENT_PRIVILEGES'])
      expect(messages).toContain(msg);
  });

  it.each(fixtures)('%s', async (_file, f) => {
    const { fetch, requests } = recordingFetch((r: Recorded) =>
      f.operation !== 'login' && isLogin(r) && f.session ? f.session.response : f.response,
    );
    const client = createDiaClient({ ...(f.options as object), fetch, retry: false } as DiaClientOptions);
    const outcome = await run(client, f).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );

    const exchanges = requests.filter((r) => !isLogin(r) || f.operation === 'login');
    expect(exchanges.length).toBeGreaterThan(0);
    for (const r of exchanges) {
      expect(r.method).toBe('POST');
      expect(r.url).toBe(f.request.url);
      expect(r.body).toBe(JSON.stringify(f.request.body));
      expect(r.headers['content-type']).toBe('application/json;charset=UTF-8');
    }
    if (f.session) {
      const logins = requests.filter(isLogin);
      for (const r of logins) {
        expect(r.url).toBe(f.session.url);
        expect(r.body).toBe(JSON.stringify(f.session.body));
      }
      expect(logins.length).toBe(f.expect.logins ?? 1);
    }

    if (f.expect.error) {
      expect('error' in outcome, 'expected the call to fail').toBe(true);
      const error = (outcome as { error: unknown }).error;
      expect(isSsoError(error)).toBe(true);
      expect(error).toMatchObject({ provider: 'dia', ...f.expect.error });
      if (!('providerMessage' in f.expect.error)) {
        expect((error as { providerMessage?: string }).providerMessage).toBeUndefined();
      }
    } else {
      expect('value' in outcome ? outcome.value : outcome).toEqual(f.expect.output ?? undefined);
    }
  });
});
