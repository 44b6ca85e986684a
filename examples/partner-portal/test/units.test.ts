import { SsoError } from '@sso/core';
import { describe, expect, it } from 'vitest';
import { formatTable } from '../src/check.js';
import { ConfigError, faxmaxCipherFromSpec, readEnvConfig } from '../src/config.js';
import { describeError } from '../src/flows.js';
import { escapeHtml, html } from '../src/html.js';
import { mask, maskAll } from '../src/mask.js';
import { parseCookies, SessionStore, safeEqual } from '../src/sessions.js';

describe('mask', () => {
  it('shows the first four characters of a long secret and hides short ones entirely', () => {
    expect(mask('EDE0F9A1B2C3D4E5')).toBe('EDE0…');
    expect(mask('short')).toBe('…');
    expect(mask(undefined)).toBe('—');
    expect(maskAll('ticket EDE0F9A1B2C3D4E5 ended', ['EDE0F9A1B2C3D4E5'])).toBe('ticket EDE0… ended');
  });
});

describe('html', () => {
  it('escapes interpolated values, keeps nested templates', () => {
    const name = '<script>alert("x")</script>';
    expect(html`<p>${name}</p>`.value).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
    expect(html`<ul>${['a&b', 'c'].map((v) => html`<li>${v}</li>`)}</ul>`.value).toBe(
      '<ul><li>a&amp;b</li><li>c</li></ul>',
    );
    expect(escapeHtml("it's")).toBe('it&#39;s');
  });
});

describe('sessions', () => {
  it('drops the least recently used session beyond the cap and expires idle ones', () => {
    let now = 0;
    const store = new SessionStore({ idleMs: 1000, maxSessions: 2, now: () => now });
    const a = store.create('ayse');
    const b = store.create('can');
    now = 500;
    expect(store.get(a.id)?.username).toBe('ayse'); // a is now the most recently used
    const c = store.create('ayse');
    expect(store.get(b.id)).toBeUndefined();
    expect(store.get(a.id)?.username).toBe('ayse');
    now = 1400;
    expect(store.get(c.id)?.username).toBe('ayse'); // idle 900 ms: still alive
    now = 2500;
    expect(store.get(a.id)).toBeUndefined(); // idle 2000 ms
    expect(store.size).toBe(1);
  });

  it('parses cookies, ignoring bad encodings, and compares in constant time', () => {
    const cookies = parseCookies('a=1; portal_sid=abc%20d; bad=%E0%A4%A; a=2');
    expect(cookies.get('a')).toBe('1');
    expect(cookies.get('portal_sid')).toBe('abc d');
    expect(cookies.has('bad')).toBe(false);
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('readEnvConfig', () => {
  it('uses the sandbox for every provider when no SSO_<PROVIDER>_* variable is set', () => {
    const config = readEnvConfig({ SSO_PORTAL_PORT: '3100' }, { port: 0 });
    expect(config.providers).toEqual({});
    expect(config.port).toBe(3100);
    expect(config.host).toBe('127.0.0.1');
    expect(config.password).toBe('demo');
  });

  it('reads a complete provider from the environment', () => {
    const config = readEnvConfig(
      {
        SSO_DIA_SERVER: 'acme',
        SSO_DIA_USERNAME: 'ws',
        SSO_DIA_PASSWORD: 'p',
        SSO_DIA_API_KEY: 'k',
        SSO_EUROMSG_BASE_URL: 'https://ws.euromsg.com/live/',
        SSO_EUROMSG_USERNAME: 'u',
        SSO_EUROMSG_PASSWORD: 'p',
        SSO_ALLOW_INSECURE_HTTP: '1',
      },
      { port: 0 },
    );
    expect(config.providers.dia).toEqual({
      server: 'acme',
      username: 'ws',
      password: 'p',
      apiKey: 'k',
      allowInsecureHttp: true,
    });
    expect(config.providers.euromsg).toMatchObject({
      baseUrl: 'https://ws.euromsg.com/live/',
      username: 'u',
    });
    expect(config.providers.beyondvisit).toBeUndefined();
  });

  it('names the missing variable of a half-configured provider', () => {
    expect(() => readEnvConfig({ SSO_BEYONDVISIT_API_KEY: 'k' }, { port: 0 })).toThrow(
      new ConfigError(
        'SSO_BEYONDVISIT_SECRET_KEY is required when other SSO_BEYONDVISIT_* variables are set.',
      ),
    );
    expect(() => readEnvConfig({ SSO_PORTAL_PORT: '70000' }, { port: 0 })).toThrow(ConfigError);
  });

  it('builds the FaxMAX cipher from its spec and rejects unknown schemes', () => {
    expect(faxmaxCipherFromSpec('gcm/sha256/base64url').name).toBe('aes-256-gcm/sha256/base64url');
    const cbc = faxmaxCipherFromSpec('aes-256-cbc/sha256/hex');
    expect(cbc.decrypt(cbc.encrypt('{"a":1}', 'key'), 'key')).toBe('{"a":1}');
    expect(() => faxmaxCipherFromSpec('ecb/sha256/hex')).toThrow(ConfigError);
    expect(() => faxmaxCipherFromSpec('gcm/md5/hex')).toThrow(ConfigError);
  });
});

describe('describeError', () => {
  it('names the code, the provider code and status, and masks secrets', () => {
    const error = new SsoError('NOT_FOUND', 'no user with SECRETTOKEN123456', {
      provider: 'beyondvisit',
      providerCode: '1',
      status: 200,
    });
    expect(describeError(error, ['SECRETTOKEN123456'])).toBe(
      'no user with SECR… (NOT_FOUND, provider code 1, HTTP 200)',
    );
  });
});

describe('formatTable', () => {
  it('prints aligned columns with PASS/FAIL', () => {
    const table = formatTable([
      { provider: 'dia', flow: 'server session', ok: true, detail: 'login → logout', ms: 12 },
      { provider: 'faxmax', flow: 'redirect', ok: false, detail: 'expired', ms: 1234 },
    ]);
    expect(table.split('\n')).toEqual([
      'provider  flow            result    ms  detail',
      '--------  --------------  ------  ----  ------',
      'DIA       server session  PASS      12  login → logout',
      'FaxMAX    redirect        FAIL    1234  expired',
    ]);
  });
});
