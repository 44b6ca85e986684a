import { createTestClock } from '@sso/core/testing';
import { describe, expect, it } from 'vitest';
import { createFaxmaxClient, type TokenCipher } from '../src/index.js';
import { createFaxmaxSimulator, FAXMAX_DEMO } from '../src/testing/index.js';
import { BASE_OPTIONS, TEST_CIPHER } from './helpers.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0, 250); // mid-second, to prove exp is floored
const T0_SECONDS = Math.floor(T0 / 1000);

describe('ssoToken', () => {
  it('encrypts {"username","exp","remote_ip"} in that order, exp = floor(now/1000) + 3 by default', async () => {
    const client = createFaxmaxClient({ ...BASE_OPTIONS, now: () => T0 });
    const token = await client.ssoToken({ username: 'KULLANICIKODU', remoteIp: '203.0.113.7' });
    expect(TEST_CIPHER.decrypt(token, BASE_OPTIONS.apiPassword)).toBe(
      `{"username":"KULLANICIKODU","exp":${T0_SECONDS + 3},"remote_ip":"203.0.113.7"}`,
    );
  });

  it.each([1, 2, 3])('ttlSeconds %i gives exp = now + %i', async (ttl) => {
    const client = createFaxmaxClient({ ...BASE_OPTIONS, now: () => T0 });
    const token = await client.ssoToken({ username: 'u', remoteIp: '2001:db8::1', ttlSeconds: ttl });
    expect(JSON.parse(TEST_CIPHER.decrypt(token, BASE_OPTIONS.apiPassword))).toEqual({
      username: 'u',
      exp: T0_SECONDS + ttl,
      remote_ip: '2001:db8::1',
    });
  });

  it('hands the plaintext and the API password to a custom cipher, and awaits an async one', async () => {
    const seen: Array<[string, string]> = [];
    const cipher: TokenCipher = {
      encrypt: async (plaintext, key) => {
        seen.push([plaintext, key]);
        return `custom:${Buffer.from(plaintext).toString('base64')}`;
      },
      decrypt: (token) => Buffer.from(token.slice(7), 'base64').toString(),
    };
    const client = createFaxmaxClient({ ...BASE_OPTIONS, cipher, now: () => T0 });
    const token = await client.ssoToken({ username: 'u', remoteIp: '10.0.0.1' });
    expect(seen).toEqual([
      [`{"username":"u","exp":${T0_SECONDS + 3},"remote_ip":"10.0.0.1"}`, 'api-password-secret'],
    ]);
    expect(token).toBe(`custom:${Buffer.from(seen[0]![0]).toString('base64')}`);
  });

  it('turns a throwing custom cipher into INVALID_CONFIG without its message (which might quote the key)', async () => {
    const cipher: TokenCipher = {
      encrypt: () => {
        throw new TypeError('bad key api-password-secret');
      },
      decrypt: () => '',
    };
    const client = createFaxmaxClient({ ...BASE_OPTIONS, cipher });
    const error = await client.ssoToken({ username: 'u', remoteIp: '10.0.0.1' }).catch((e) => e);
    expect(error).toMatchObject({
      code: 'INVALID_CONFIG',
      message: 'ssoToken: cipher.encrypt failed (TypeError)',
    });
    expect(JSON.stringify(error)).not.toContain('api-password-secret');
  });
});

describe('exp window at the simulator (own clock, now <= exp <= now + 3)', () => {
  // The client mints at T0 with the default ttl 3 (exp = T0+3); the simulator's clock moves on.
  it.each([
    [0, true],
    [3, true],
    [4, false],
  ])('a token presented %i s after minting is accepted: %s', async (delay, accepted) => {
    const clock = createTestClock(T0);
    const simulator = createFaxmaxSimulator({ now: clock.now });
    const client = createFaxmaxClient({ ...simulatorAccount(), now: () => T0 });
    const token = await client.ssoToken({ username: 'demo', remoteIp: '127.0.0.1' });
    clock.advance(delay * 1000);
    const verdict = await simulator.verifySsoToken(token, 'DEMO-API-CODE', '127.0.0.1');
    expect(verdict.ok).toBe(accepted);
    if (!verdict.ok) {
      expect(verdict).toMatchObject({
        reason: 'expired',
        secondsLate: 1,
        message: 'The token expired 1 second ago',
      });
    }
  });

  it('refuses an exp more than 3 s ahead of the simulator clock (a client clock running fast)', async () => {
    const simulator = createFaxmaxSimulator({ now: () => T0 });
    const client = createFaxmaxClient({ ...simulatorAccount(), now: () => T0 + 1000 }); // exp = T0 + 4
    const token = await client.ssoToken({ username: 'demo', remoteIp: '127.0.0.1' });
    const verdict = await simulator.verifySsoToken(token, 'DEMO-API-CODE', '127.0.0.1');
    expect(verdict).toMatchObject({ ok: false, reason: 'lifetime_too_long', secondsAhead: 4 });
  });
});

describe('loginUrl', () => {
  it('is https://{domain}/?token=…&code=… without a page', async () => {
    const client = createFaxmaxClient({ ...BASE_OPTIONS, now: () => T0 });
    const url = await client.loginUrl({ username: 'u', remoteIp: '10.0.0.1' });
    const match = /^https:\/\/firma\.faxmax\.net\/\?token=([^&#]+)&code=API-CODE-42$/.exec(url);
    expect(match).not.toBeNull();
    const token = decodeURIComponent(match![1]!);
    expect(JSON.parse(TEST_CIPHER.decrypt(token, BASE_OPTIONS.apiPassword))).toMatchObject({ username: 'u' });
  });

  it('is https://{domain}/#page?token=…&code=… with a page', async () => {
    const client = createFaxmaxClient({ ...BASE_OPTIONS, now: () => T0 });
    const url = await client.loginUrl({ username: 'u', remoteIp: '10.0.0.1', page: 'inboxes' });
    expect(url).toMatch(/^https:\/\/firma\.faxmax\.net\/#inboxes\?token=[^&#]+&code=API-CODE-42$/);
  });

  it('URL-encodes token and code that contain reserved characters (+ / = & # space)', async () => {
    const cipher: TokenCipher = { encrypt: () => 'a+b/c=d&e#f g', decrypt: () => '' };
    const client = createFaxmaxClient({ ...BASE_OPTIONS, apiCode: 'K&D=1+2#3', cipher });
    expect(await client.loginUrl({ username: 'u', remoteIp: '10.0.0.1' })).toBe(
      'https://firma.faxmax.net/?token=a%2Bb%2Fc%3Dd%26e%23f%20g&code=K%26D%3D1%2B2%233',
    );
    expect(await client.loginUrl({ username: 'u', remoteIp: '10.0.0.1', page: 'fax/list' })).toBe(
      'https://firma.faxmax.net/#fax/list?token=a%2Bb%2Fc%3Dd%26e%23f%20g&code=K%26D%3D1%2B2%233',
    );
    const parsed = new URL(
      'https://firma.faxmax.net/?token=a%2Bb%2Fc%3Dd%26e%23f%20g&code=K%26D%3D1%2B2%233',
    );
    expect(parsed.searchParams.get('token')).toBe('a+b/c=d&e#f g');
    expect(parsed.searchParams.get('code')).toBe('K&D=1+2#3');
  });

  it('keeps base64 tokens intact through URL decoding (+ would otherwise turn into a space)', async () => {
    const client = createFaxmaxClient({
      ...BASE_OPTIONS,
      cipher: { encrypt: () => 'ab+/cd==', decrypt: () => '' },
    });
    const url = new URL(await client.loginUrl({ username: 'u', remoteIp: '10.0.0.1' }));
    expect(url.searchParams.get('token')).toBe('ab+/cd==');
  });

  it('lower-cases the domain and uses baseUrl instead of https://{domain} when given (sandbox)', async () => {
    const client = createFaxmaxClient({ ...BASE_OPTIONS, domain: 'Firma.FaxMAX.net' });
    expect(client.baseUrl).toBe('https://firma.faxmax.net/');
    expect(client.endpoint).toBe('https://firma.faxmax.net/api/v1');
    const local = createFaxmaxClient({
      ...BASE_OPTIONS,
      baseUrl: 'http://127.0.0.1:4010/faxmax',
      allowInsecureHttp: true,
    });
    expect(local.endpoint).toBe('http://127.0.0.1:4010/faxmax/api/v1');
    expect(await local.loginUrl({ username: 'u', remoteIp: '10.0.0.1', page: 'inboxes' })).toMatch(
      /^http:\/\/127\.0\.0\.1:4010\/faxmax\/#inboxes\?token=[^&]+&code=API-CODE-42$/,
    );
  });
});

function simulatorAccount() {
  const { domain, apiCode, apiPassword, cipher } = FAXMAX_DEMO;
  return { domain, apiCode, apiPassword, cipher };
}
