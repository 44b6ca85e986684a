import { inspect } from 'node:util';
import { createLeakDetector } from '@sso/core/testing';
import { describe, expect, it } from 'vitest';
import { createDiaClient } from '../src/index.js';
import { type Answer, type Recorded, recordingFetch } from './helpers.js';

const PASSWORD = 'Gizli-Parola-7391';
const API_KEY = 'apikey-5e0c4b7d9a1f';
const SESSION = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const account = { server: 'acme', username: 'ws', password: PASSWORD, apiKey: API_KEY };

/** Scenarios in which a careless client would print a secret; the server echoes secrets on purpose. */
const scenarios: Array<[string, (r: Recorded, i: number) => Answer]> = [
  [
    'successful login and call',
    (r) =>
      r.body.startsWith('{"login"')
        ? { body: { code: '200', msg: SESSION } }
        : { body: { code: '200', result: [] } },
  ],
  ['NOUSER echoing the password', () => ({ body: { code: '401', msg: `NOUSER ${PASSWORD}` } })],
  [
    'HTML error page quoting the API key',
    () => ({ status: 500, body: `<html><body>apikey=${API_KEY} failed</body></html>` }),
  ],
  ['truncated login answer holding the session id', () => ({ body: `{"code":"200","msg":"${SESSION}` })],
  ['login answer with a malformed session id', () => ({ body: { code: '200', msg: `${SESSION}-x` } })],
  ['plain text naming the password', () => ({ body: `bad password ${PASSWORD}` })],
  [
    'call error echoing the session id',
    (r) =>
      r.body.startsWith('{"login"')
        ? { body: { code: '200', msg: SESSION } }
        : { body: { code: '400', msg: `session ${SESSION} bad param` } },
  ],
  [
    'INVALID_SESSION twice with the session id in the message',
    (r) =>
      r.body.startsWith('{"login"')
        ? { body: { code: '200', msg: SESSION } }
        : { body: { code: '401', msg: `INVALID_SESSION ${SESSION}` } },
  ],
  [
    'call answer not JSON, quoting the session id',
    (r) =>
      r.body.startsWith('{"login"')
        ? { body: { code: '200', msg: SESSION } }
        : { body: `{"code":"500","msg":"${SESSION}` },
  ],
  [
    'HTTP 500 DIA body quoting password and key',
    (r) =>
      r.body.startsWith('{"login"')
        ? { body: { code: '200', msg: SESSION } }
        : { status: 500, body: { code: '500', msg: `${PASSWORD} ${API_KEY}` } },
  ],
];

describe('no secret (password, apiKey, session id) reaches an error, a hook payload or inspect(client)', () => {
  it.each(scenarios)('%s', async (_name, respond) => {
    const detector = createLeakDetector([PASSWORD, API_KEY, SESSION]);
    const { fetch } = recordingFetch(respond);
    const client = createDiaClient({ ...account, fetch, hooks: detector.hooks, retry: false });
    for (const act of [
      () => client.call('scf', 'scf_fatura_listele', { firma_kodu: 1, donem_kodu: 1 }),
      () => client.login(),
      () => client.close(),
    ]) {
      await act().then(
        (value) => detector.record(inspect(value === undefined ? {} : { ok: true })),
        (error: unknown) => detector.record(error),
      );
    }
    detector.record(inspect(client, { depth: 10, showHidden: true }));
    detector.record(JSON.stringify(client));
    expect(detector.recorded).toBeGreaterThan(3);
    expect(detector.leaks()).toEqual([]);
  });

  it('network failure with the session id in the URL-free cause', async () => {
    const detector = createLeakDetector([PASSWORD, API_KEY, SESSION]);
    let n = 0;
    const client = createDiaClient({
      ...account,
      hooks: detector.hooks,
      retry: false,
      fetch: async () => {
        n++;
        if (n === 1) return new Response(JSON.stringify({ code: '200', msg: SESSION }));
        throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
      },
    });
    await client.sisKontorSorgula().catch((e: unknown) => detector.record(e));
    expect(detector.recorded).toBeGreaterThan(3);
    expect(detector.leaks()).toEqual([]);
  });

  it('control: the detector does report a leaked value', () => {
    const detector = createLeakDetector([PASSWORD, SESSION]);
    detector.record(new Error(`oops ${SESSION}`));
    expect(detector.leaks()).toEqual([SESSION]);
  });

  it('control: hooks really saw the login request and its answer (redacted)', async () => {
    const seen: string[] = [];
    const { fetch } = recordingFetch(() => ({ body: { code: '200', msg: SESSION } }));
    const client = createDiaClient({
      ...account,
      fetch,
      hooks: { onRequest: (r) => seen.push(r.body ?? ''), onResponse: (r) => seen.push(r.body) },
    });
    await client.login();
    expect(seen).toEqual([
      '{"login":{"username":"ws","password":"[redacted]","disconnect_same_user":"False","params":{"apikey":"[redacted]"}}}',
      '{"code":"200","msg":"[redacted]"}',
    ]);
  });
});
