import { isSsoError } from '@sso/core/provider';
import { describe, expect, it } from 'vitest';
import { type BeyondVisitClient, createBeyondVisitClient } from '../src/index.js';
import { rejectionOf, scriptedFetch } from './helpers.js';

const OPTIONS = { apiKey: 'fixture-api-key-0001', secretKey: 'fixture-secret-key-0001' };
const USER = { name: 'John', surname: 'Doe', email: 'johndoe@example.com', site: 'http://www.example.com' };

type Case = [name: string, call: (client: BeyondVisitClient) => unknown, field: RegExp];

const BAD_INPUT: Case[] = [
  ['createUser without input', (c) => c.createUser(undefined as never), /input/],
  ['createUser with null', (c) => c.createUser(null as never), /input/],
  [
    'empty name (provider code 2)',
    (c) => c.createUser({ ...USER, name: '' }),
    /input\.name must not be empty/,
  ],
  ['blank name', (c) => c.createUser({ ...USER, name: '   ' }), /input\.name must not be blank/],
  [
    'name of 51 characters',
    (c) => c.createUser({ ...USER, name: 'a'.repeat(51) }),
    /input\.name must be at most 50/,
  ],
  [
    'name that is a number',
    (c) => c.createUser({ ...USER, name: 42 as never }),
    /input\.name (is required|must be) .*string/,
  ],
  [
    'missing surname (provider code 3)',
    (c) => c.createUser({ ...USER, surname: undefined as never }),
    /input\.surname is required/,
  ],
  [
    'surname of 51 Turkish characters',
    (c) => c.createUser({ ...USER, surname: 'ş'.repeat(51) }),
    /input\.surname must be at most 50/,
  ],
  [
    'empty email (provider code 4)',
    (c) => c.createUser({ ...USER, email: '' }),
    /input\.email must not be empty/,
  ],
  [
    'email without @',
    (c) => c.createUser({ ...USER, email: 'johndoe.example.com' }),
    /input\.email must be an e-mail/,
  ],
  [
    'email of 255 characters',
    (c) => c.createUser({ ...USER, email: `${'a'.repeat(243)}@example.com` }),
    /input\.email must be at most 254/,
  ],
  [
    'site without scheme (provider code 1)',
    (c) => c.createUser({ ...USER, site: 'www.example.com' }),
    /input\.site must be an absolute URL/,
  ],
  ['site with ftp scheme', (c) => c.createUser({ ...USER, site: 'ftp://example.com' }), /input\.site/],
  [
    'site with upper-case scheme',
    (c) => c.createUser({ ...USER, site: 'HTTP://example.com' }),
    /input\.site/,
  ],
  ['site with only the scheme', (c) => c.createUser({ ...USER, site: 'https://' }), /input\.site/],
  ['site with a space', (c) => c.createUser({ ...USER, site: 'https://exa mple.com' }), /input\.site/],
  [
    'site of 2001 characters',
    (c) => c.createUser({ ...USER, site: `https://example.com/${'a'.repeat(1981)}` }),
    /input\.site must be at most 2000/,
  ],
  [
    'createUser with an unknown key',
    (c) => c.createUser({ ...USER, phone: '555' } as never),
    /unknown key "phone"/,
  ],
  [
    'createUser with provider-cased keys',
    (c) => c.createUser({ Name: 'John', Surname: 'Doe', Email: 'a@b', Site: 'http://x' } as never),
    /input/,
  ],
  [
    'createLoginToken without userToken',
    (c) => c.createLoginToken({} as never),
    /input\.userToken is required/,
  ],
  ['empty userToken', (c) => c.createLoginToken({ userToken: '' }), /input\.userToken must not be empty/],
  [
    'userToken of 33 characters',
    (c) => c.createLoginToken({ userToken: 'a'.repeat(33) }),
    /input\.userToken must be at most 32/,
  ],
  [
    'userToken with surrounding whitespace',
    (c) => c.createLoginToken({ userToken: ' abc ' }),
    /input\.userToken must not start or end with whitespace/,
  ],
  [
    'createLoginToken with an unknown key next to a valid userToken',
    (c) => c.createLoginToken({ userToken: 'abc', extra: 1 } as never),
    /unknown key "extra"/,
  ],
  ['createLoginToken with null input', (c) => c.createLoginToken(null as never), /input/],
  [
    'userToken with a trailing tab',
    (c) => c.createLoginToken({ userToken: 'abc\t' }),
    /input\.userToken must not start or end with whitespace/,
  ],
  [
    'userToken that is a number',
    (c) => c.createLoginToken({ userToken: 12345 as never }),
    /input\.userToken (is required|must be) .*string/,
  ],
];

describe('bad input is INVALID_INPUT before any request', () => {
  it.each(BAD_INPUT)('%s', async (_name, call, field) => {
    const { fetch, requests } = scriptedFetch({
      body: '{"status":true,"message":"Success","userToken":"x"}',
    });
    const client = createBeyondVisitClient({ ...OPTIONS, fetch });
    const error = await rejectionOf(async () => call(client));
    expect(isSsoError(error, 'INVALID_INPUT')).toBe(true);
    expect((error as Error).message).toMatch(field);
    expect(requests).toHaveLength(0);
  });

  it.each([
    ['empty', ''],
    ['surrounded by whitespace', ' tok '],
    ['not a string', 7 as never],
  ])('loginUrl refuses a token that is %s', (_name, token) => {
    const client = createBeyondVisitClient(OPTIONS);
    expect(() => client.loginUrl(token)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('bad options are INVALID_CONFIG', () => {
  it.each([
    ['no options', undefined],
    ['missing apiKey', { secretKey: 's3cret' }],
    ['missing secretKey', { apiKey: 'key' }],
    ['empty apiKey', { apiKey: '', secretKey: 's3cret' }],
    ['apiKey longer than the documented 32', { apiKey: 'k'.repeat(33), secretKey: 's3cret' }],
    ['secretKey with a trailing newline', { apiKey: 'key', secretKey: 's3cret\n' }],
    ['unknown option', { ...OPTIONS, secret: 'x' }],
    ['plain http base URL without opt-in', { ...OPTIONS, baseUrl: 'http://panel.beyondvisit.com' }],
    ['base URL that is not a URL', { ...OPTIONS, baseUrl: 'panel.beyondvisit.com' }],
    ['non-positive timeout', { ...OPTIONS, timeoutMs: 0 }],
  ])('%s', (_name, options) => {
    expect(() => createBeyondVisitClient(options as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', provider: 'beyondvisit' }),
    );
  });

  it('never quotes the secret key in the config error', () => {
    const error = (() => {
      try {
        createBeyondVisitClient({ apiKey: 'k'.repeat(33), secretKey: 'super-secret-value' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).not.toContain('super-secret-value');
    expect(error?.message).toMatch(/options\.apiKey must be at most 32/);
  });

  it('defaults to https://panel.beyondvisit.com and allows http only with allowInsecureHttp', () => {
    expect(createBeyondVisitClient(OPTIONS).baseUrl).toBe('https://panel.beyondvisit.com/');
    expect(
      createBeyondVisitClient({
        ...OPTIONS,
        baseUrl: 'http://panel.beyondvisit.com',
        allowInsecureHttp: true,
      }).baseUrl,
    ).toBe('http://panel.beyondvisit.com/');
  });
});

describe('loginUrl keeps the token inside external/Login/', () => {
  const client = createBeyondVisitClient({ ...OPTIONS, baseUrl: 'https://bv.example/' });

  for (const token of ['.', '..']) {
    it(`refuses the dot-segment ${JSON.stringify(token)} with INVALID_INPUT`, () => {
      let error: unknown;
      try {
        client.loginUrl(token);
      } catch (e) {
        error = e;
      }
      expect(isSsoError(error, 'INVALID_INPUT')).toBe(true);
    });
  }

  it('a token that looks like a path, a query or an encoded dot stays one segment', () => {
    for (const token of ['../admin', 'a/b', '?x=1', '#frag', '%2e%2e', '.hidden', '...']) {
      const url = new URL(client.loginUrl(token));
      expect(url.pathname.startsWith('/external/Login/')).toBe(true);
      expect(url.pathname.slice('/external/Login/'.length)).not.toContain('/');
      expect(url.search).toBe('');
      expect(url.hash).toBe('');
      expect(decodeURIComponent(url.pathname.slice('/external/Login/'.length))).toBe(token);
    }
  });

  it('a dot-segment minted by BeyondVisit is refused the same way', async () => {
    const fetch = scriptedFetch({
      body: JSON.stringify({ status: true, loginToken: '..', userCode: 'U1', message: 'ok' }),
    });
    const minted = createBeyondVisitClient({
      ...OPTIONS,
      baseUrl: 'https://bv.example/',
      fetch: fetch.fetch,
    });
    const { loginToken } = await minted.createLoginToken({ userToken: 'f'.repeat(32) });
    expect(() => minted.loginUrl(loginToken)).toThrow(/one URL path segment/);
  });
});
