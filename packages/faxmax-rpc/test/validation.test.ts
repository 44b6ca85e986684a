import { describe, expect, it } from 'vitest';
import { createFaxmaxClient, type FaxmaxClient } from '../src/index.js';
import { answer, BASE_OPTIONS, recordingFetch } from './helpers.js';

describe('bad input is INVALID_INPUT before any request', () => {
  const cases: Array<[string, (client: FaxmaxClient) => Promise<unknown>, RegExp]> = [
    [
      'ssoToken: empty username',
      (c) => c.ssoToken({ username: '', remoteIp: '10.0.0.1' }),
      /input\.username/,
    ],
    [
      'ssoToken: username with spaces around it',
      (c) => c.ssoToken({ username: ' u ', remoteIp: '10.0.0.1' }),
      /username/,
    ],
    [
      'ssoToken: ttlSeconds 4',
      (c) => c.ssoToken({ username: 'u', remoteIp: '10.0.0.1', ttlSeconds: 4 }),
      /at most 3/,
    ],
    [
      'ssoToken: ttlSeconds 0',
      (c) => c.ssoToken({ username: 'u', remoteIp: '10.0.0.1', ttlSeconds: 0 }),
      /at least 1/,
    ],
    [
      'ssoToken: ttlSeconds 2.5',
      (c) => c.ssoToken({ username: 'u', remoteIp: '10.0.0.1', ttlSeconds: 2.5 }),
      /integer/,
    ],
    [
      'ssoToken: remoteIp a host name',
      (c) => c.ssoToken({ username: 'u', remoteIp: 'localhost' }),
      /IPv4 or IPv6/,
    ],
    [
      'ssoToken: remoteIp 256.1.1.1',
      (c) => c.ssoToken({ username: 'u', remoteIp: '256.1.1.1' }),
      /IPv4 or IPv6/,
    ],
    [
      'ssoToken: remoteIp with a port',
      (c) => c.ssoToken({ username: 'u', remoteIp: '10.0.0.1:80' }),
      /IPv4 or IPv6/,
    ],
    [
      'ssoToken: unknown key',
      (c) => c.ssoToken({ username: 'u', remoteIp: '10.0.0.1', exp: 1 } as never),
      /unknown key/,
    ],
    [
      'loginUrl: page with a query',
      (c) => c.loginUrl({ username: 'u', remoteIp: '10.0.0.1', page: 'a?b=c' }),
      /page/,
    ],
    [
      'loginUrl: page with a hash',
      (c) => c.loginUrl({ username: 'u', remoteIp: '10.0.0.1', page: '#inboxes' }),
      /page/,
    ],
    ['login: empty password', (c) => c.login({ username: 'u', password: '' }), /input\.password/],
    ['login: missing username', (c) => c.login({ password: 'p' } as never), /input\.username is required/],
    ['tokenLogin: remoteIp missing', (c) => c.tokenLogin({ username: 'u' } as never), /remoteIp/],
    [
      'tokenLogin: ttlSeconds 10',
      (c) => c.tokenLogin({ username: 'u', remoteIp: '::1', ttlSeconds: 10 }),
      /at most 3/,
    ],
    ['call: empty method', (c) => c.call('', { token_: 't' }), /method/],
    ['call: method with a space', (c) => c.call('Core login', { token_: 't' }), /method/],
    ['call: params an array', (c) => c.call('X.y', ['a'] as never), /params/],
    ['call: unknown option', (c) => c.call('X.y', { token_: 't' }, { retries: 3 } as never), /unknown key/],
  ];

  it.each(cases)('%s', async (_name, act, message) => {
    const { fetch, requests } = recordingFetch(answer({ token: 'S' }));
    const client = createFaxmaxClient({ ...BASE_OPTIONS, fetch });
    const error = (await act(client).catch((e) => e)) as Error;
    expect(error).toMatchObject({ code: 'INVALID_INPUT', provider: 'faxmax' });
    expect(error.message).toMatch(message);
    expect(requests).toHaveLength(0);
  });

  it('has at least ten cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });
});

describe('bad options are INVALID_CONFIG', () => {
  it.each([
    ['a domain with a scheme', { domain: 'https://firma.faxmax.net' }],
    ['a domain with a path', { domain: 'firma.faxmax.net/api' }],
    ['a domain with a query', { domain: 'firma.faxmax.net?x=1' }],
    ['a domain with user info', { domain: 'user@firma.faxmax.net' }],
    ['a domain with a port', { domain: 'firma.faxmax.net:8443' }],
    ['an empty domain', { domain: '' }],
    ['a domain label starting with a hyphen', { domain: '-firma.faxmax.net' }],
    ['an empty apiCode', { apiCode: '' }],
    ['a missing apiPassword', { apiPassword: undefined }],
    ['a cipher without decrypt', { cipher: { encrypt: () => '' } }],
    ['an unknown encoding', { encoding: 'multipart' }],
    ['an unknown option', { apiKey: 'x' }],
    ['an http baseUrl without allowInsecureHttp', { baseUrl: 'http://127.0.0.1:4010' }],
    ['a bad tokenLoginMethod', { tokenLoginMethod: 'Core token_login' }],
  ])('%s', (_name, override) => {
    expect(() => createFaxmaxClient({ ...BASE_OPTIONS, ...override } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', provider: 'faxmax' }),
    );
  });

  it('names the rule broken but never quotes the secret value', () => {
    const error = (() => {
      try {
        createFaxmaxClient({ ...BASE_OPTIONS, apiPassword: ' padded-secret ' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/options\.apiPassword must not start or end with whitespace/);
    expect(error?.message).not.toContain('padded-secret');
  });
});
