import { isSsoError } from '@sso/core/provider';
import { describe, expect, it } from 'vitest';
import { createDiaClient, type DiaClient } from '../src/index.js';
import { recordingFetch, SID } from './helpers.js';

const account = { server: 'acme', username: 'ws', password: 'ws-parola', apiKey: 'xxx-api-key' };

function fresh() {
  const rec = recordingFetch(() => ({ body: { code: '200', msg: SID } }));
  return { client: createDiaClient({ ...account, fetch: rec.fetch }), requests: rec.requests };
}

const badInputs: Array<[string, (c: DiaClient) => Promise<unknown>, RegExp]> = [
  ['module with a slash', (c) => c.call('scf/../sis', 'scf_fatura_listele', {}), /input\.module/],
  ['module in upper case', (c) => c.call('SCF', 'scf_fatura_listele', {}), /input\.module/],
  ['empty module', (c) => c.call('', 'scf_fatura_listele', {}), /input\.module/],
  [
    'service with a quote (would break the JSON envelope)',
    (c) => c.call('scf', 'scf"x', {}),
    /input\.service/,
  ],
  ['service with a space', (c) => c.call('scf', 'scf fatura', {}), /input\.service/],
  ['service "login" through call()', (c) => c.call('sis', 'login', {}), /login or logout/],
  ['service "logout" through call()', (c) => c.call('sis', 'logout', {}), /login or logout/],
  ['params with session_id', (c) => c.call('scf', 'scf_fatura_listele', { session_id: SID }), /session_id/],
  [
    'firma_kodu as a string',
    (c) => c.call('scf', 'scf_fatura_listele', { firma_kodu: '1', donem_kodu: 1 } as never),
    /input\.params\.firma_kodu must be/,
  ],
  [
    'donem_kodu as a fraction',
    (c) => c.call('scf', 'scf_fatura_listele', { firma_kodu: 1, donem_kodu: 1.5 }),
    /donem_kodu must be an integer/,
  ],
  [
    'firma_kodu negative',
    (c) => c.call('scf', 'scf_fatura_listele', { firma_kodu: -1, donem_kodu: 1 }),
    /firma_kodu must be at least 0/,
  ],
  [
    'donem_kodu NaN',
    (c) => c.call('scf', 'scf_fatura_listele', { firma_kodu: 1, donem_kodu: Number.NaN }),
    /donem_kodu/,
  ],
  ['params is an array', (c) => c.call('scf', 'scf_fatura_listele', [] as never), /input\.params/],
  ['params is a string', (c) => c.call('scf', 'scf_fatura_listele', 'x' as never), /input\.params/],
  [
    'params not JSON-serialisable (bigint)',
    (c) => c.call('scf', 'scf_fatura_listele', { limit: 10n }),
    /JSON-serialisable/,
  ],
  ['module is not a string', (c) => c.call(7 as never, 'scf_fatura_listele', {}), /input\.module/],
  [
    'unknown call option',
    (c) => c.call('scf', 'scf_fatura_listele', {}, { retry: true } as never),
    /input\.options has unknown key "retry"/,
  ],
  [
    'negative timeout',
    (c) => c.call('scf', 'scf_fatura_listele', {}, { timeoutMs: -5 }),
    /input\.options\.timeoutMs/,
  ],
  [
    'scfFaturaListele without donem_kodu',
    (c) => c.scfFaturaListele({ firma_kodu: 1 } as never),
    /input\.donem_kodu is required/,
  ],
  [
    'scfFaturaListele firma_kodu as a string',
    (c) => c.scfFaturaListele({ firma_kodu: '1', donem_kodu: 1 } as never),
    /input\.firma_kodu must be/,
  ],
  [
    'scfFaturaListele bad sorttype',
    (c) =>
      c.scfFaturaListele({
        firma_kodu: 1,
        donem_kodu: 1,
        sorts: [{ field: 'tarih', sorttype: 'down' as never }],
      }),
    /sorttype/,
  ],
  [
    'scfFaturaListele negative limit',
    (c) => c.scfFaturaListele({ firma_kodu: 1, donem_kodu: 1, limit: -1 }),
    /input\.limit/,
  ],
  [
    'scfFaturaListele unknown key',
    (c) => c.scfFaturaListele({ firma_kodu: 1, donem_kodu: 1, sayfa: 2 } as never),
    /unknown key "sayfa"/,
  ],
  [
    'scfFaturaListele filter without value',
    (c) =>
      c.scfFaturaListele({ firma_kodu: 1, donem_kodu: 1, filters: [{ field: 'x', operator: '=' }] as never }),
    /input\.filters\.0\.value/,
  ],
  [
    'sisKontorSorgula unknown option',
    (c) => c.sisKontorSorgula({ retries: 2 } as never),
    /unknown key "retries"/,
  ],
];

describe('bad input is INVALID_INPUT before any request', () => {
  it(`has at least 15 cases (${badInputs.length})`, () => {
    expect(badInputs.length).toBeGreaterThanOrEqual(15);
  });

  it.each(badInputs)('%s', async (_name, act, message) => {
    const { client, requests } = fresh();
    const error = await act(client).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isSsoError(error, 'INVALID_INPUT')).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect(requests).toHaveLength(0);
  });

  it('the same client still works after rejected input (control: one login, one call)', async () => {
    const rec = recordingFetch((r) =>
      r.body.startsWith('{"login"')
        ? { body: { code: '200', msg: SID } }
        : { body: { code: '200', result: [] } },
    );
    const client = createDiaClient({ ...account, fetch: rec.fetch });
    await expect(client.call('scf', 'scf_fatura_listele', { firma_kodu: '1' } as never)).rejects.toThrow();
    await expect(
      client.call('scf', 'scf_fatura_listele', { firma_kodu: 1, donem_kodu: 1 }),
    ).resolves.toBeTruthy();
    expect(rec.requests).toHaveLength(2);
  });
});

const badOptions: Array<[string, Record<string, unknown>, RegExp]> = [
  ['server with dots (not one host label)', { ...account, server: 'acme.evil.example' }, /options\.server/],
  ['server with a slash', { ...account, server: 'acme/x' }, /options\.server/],
  ['server and baseUrl together', { ...account, baseUrl: 'https://x.example/api/v3/' }, /exactly one of/],
  ['neither server nor baseUrl', { username: 'ws', password: 'p-123', apiKey: 'k-123' }, /exactly one of/],
  [
    'plain http baseUrl without opt-in',
    { username: 'ws', password: 'p-123', apiKey: 'k-123', baseUrl: 'http://localhost:1/api/v3/' },
    /allowInsecureHttp/,
  ],
  ['empty password', { ...account, password: '' }, /options\.password/],
  ['missing apiKey', { server: 'acme', username: 'ws', password: 'p-123' }, /options\.apiKey is required/],
  [
    'disconnectSameUser as the string "True"',
    { ...account, disconnectSameUser: 'True' },
    /options\.disconnectSameUser/,
  ],
  ['lang not a two-letter code', { ...account, lang: 'turkish' }, /options\.lang/],
  ['store without methods', { ...account, store: {} }, /options\.store/],
  ['unknown option', { ...account, sessionId: 'x' }, /unknown key "sessionId"/],
];

describe('bad options are INVALID_CONFIG', () => {
  it.each(badOptions)('%s', (_name, options, message) => {
    let error: unknown;
    try {
      createDiaClient(options as never);
    } catch (e) {
      error = e;
    }
    expect(isSsoError(error, 'INVALID_CONFIG')).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('ws-parola');
  });

  it('server becomes https://{server}.ws.dia.com.tr/api/v3/, baseUrl is used as given', async () => {
    const rec = recordingFetch(() => ({ body: { code: '200', msg: SID } }));
    await createDiaClient({ ...account, server: 'Acme-01', fetch: rec.fetch }).login();
    await createDiaClient({
      username: 'ws',
      password: 'p-123',
      apiKey: 'k-123',
      baseUrl: 'http://127.0.0.1:8080/dia/api/v3',
      allowInsecureHttp: true,
      fetch: rec.fetch,
    }).login();
    expect(rec.requests.map((r) => r.url)).toEqual([
      'https://acme-01.ws.dia.com.tr/api/v3/sis/json',
      'http://127.0.0.1:8080/dia/api/v3/sis/json',
    ]);
  });
});
