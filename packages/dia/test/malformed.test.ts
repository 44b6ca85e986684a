import { isSsoError } from '@sso/core/provider';
import { describe, expect, it } from 'vitest';
import { createDiaClient } from '../src/index.js';
import { type Answer, recordingFetch, SID } from './helpers.js';

const account = { server: 'acme', username: 'ws', password: 'ws-parola', apiKey: 'xxx-api-key' };
const HTML = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';

// [name, answer, expected code, expected status]
const bodies: Array<[string, Answer, string, number]> = [
  [
    'HTML page with HTTP 200',
    { body: HTML, headers: { 'content-type': 'text/html' } },
    'MALFORMED_RESPONSE',
    200,
  ],
  [
    'HTML page with HTTP 502',
    { status: 502, body: HTML, headers: { 'content-type': 'text/html' } },
    'HTTP_ERROR',
    502,
  ],
  [
    'HTML page with HTTP 500',
    { status: 500, body: HTML, headers: { 'content-type': 'text/html' } },
    'HTTP_ERROR',
    500,
  ],
  ['empty body', { body: '' }, 'MALFORMED_RESPONSE', 200],
  ['whitespace body', { body: '  \n' }, 'MALFORMED_RESPONSE', 200],
  ['truncated JSON', { body: '{"code":"200","result":[{"_key":1' }, 'MALFORMED_RESPONSE', 200],
  ['JSON null', { body: 'null' }, 'MALFORMED_RESPONSE', 200],
  ['JSON array', { body: '[{"code":"200"}]' }, 'MALFORMED_RESPONSE', 200],
  ['code as a fraction', { body: { code: 200.5, result: [] } }, 'MALFORMED_RESPONSE', 200],
  ['no code at all', { body: { result: [] } }, 'MALFORMED_RESPONSE', 200],
  ['msg of the wrong type', { body: { code: '400', msg: { tr: 'hata' } } }, 'MALFORMED_RESPONSE', 200],
  [
    'code 200 with HTTP 500 (status and body disagree)',
    { status: 500, body: { code: '200', result: [] } },
    'HTTP_ERROR',
    500,
  ],
  ['non-DIA JSON with HTTP 404', { status: 404, body: { error: 'not found' } }, 'HTTP_ERROR', 404],
];

describe('bodies that are not a DIA answer become typed errors (business call)', () => {
  it.each(bodies)('%s', async (_name, answer, code, status) => {
    const { fetch } = recordingFetch((r) =>
      r.body.startsWith('{"login"') ? { body: { code: '200', msg: SID } } : answer,
    );
    const client = createDiaClient({ ...account, fetch, retry: false });
    const error = await client
      .call('scf', 'scf_fatura_listele', { firma_kodu: 1, donem_kodu: 1 })
      .catch((e: unknown) => e);
    expect(isSsoError(error, code as never)).toBe(true);
    expect(error).toMatchObject({ provider: 'dia', operation: 'scf_fatura_listele', status });
  });
});

describe('bodies that are not a DIA answer become typed errors (login)', () => {
  const loginBodies: Array<[string, Answer, string]> = [
    ...bodies.map(([n, a, c]) => [n, a, c] as [string, Answer, string]),
    ['session id too short', { body: { code: '200', msg: SID.slice(1) } }, 'MALFORMED_RESPONSE'],
    ['session id in upper case', { body: { code: '200', msg: SID.toUpperCase() } }, 'MALFORMED_RESPONSE'],
    ['no msg', { body: { code: '200' } }, 'MALFORMED_RESPONSE'],
  ];
  it.each(loginBodies)('%s', async (_name, answer, code) => {
    const { fetch } = recordingFetch(() => answer);
    const client = createDiaClient({ ...account, fetch, retry: false });
    const error = await client.login().catch((e: unknown) => e);
    expect(isSsoError(error, code as never)).toBe(true);
    expect(error).toMatchObject({ provider: 'dia', operation: 'login' });
  });
});

describe('typed helpers check the result shape', () => {
  it('sisKontorSorgula with a result of the wrong type is MALFORMED_RESPONSE', async () => {
    const { fetch } = recordingFetch((r) =>
      r.body.startsWith('{"login"')
        ? { body: { code: '200', msg: SID } }
        : { body: { code: '200', result: 'çok' } },
    );
    const client = createDiaClient({ ...account, fetch });
    await expect(client.sisKontorSorgula()).rejects.toMatchObject({ code: 'MALFORMED_RESPONSE' });
  });

  it('scfFaturaListele with rows lacking _key is MALFORMED_RESPONSE', async () => {
    const { fetch } = recordingFetch((r) =>
      r.body.startsWith('{"login"')
        ? { body: { code: '200', msg: SID } }
        : { body: { code: '200', result: [{ belgeno2: 'X' }] } },
    );
    const client = createDiaClient({ ...account, fetch });
    await expect(client.scfFaturaListele({ firma_kodu: 1, donem_kodu: 1 })).rejects.toMatchObject({
      code: 'MALFORMED_RESPONSE',
    });
  });

  it('a body over maxResponseBytes is MALFORMED_RESPONSE', async () => {
    const big = {
      code: '200',
      result: Array.from({ length: 2000 }, (_, i) => ({ _key: i, unvan: 'x'.repeat(50) })),
    };
    const { fetch } = recordingFetch((r) =>
      r.body.startsWith('{"login"') ? { body: { code: '200', msg: SID } } : { body: big },
    );
    const client = createDiaClient({ ...account, fetch, maxResponseBytes: 10_000 });
    await expect(client.call('scf', 'scf_fatura_listele', {})).rejects.toMatchObject({
      code: 'MALFORMED_RESPONSE',
    });
  });
});
