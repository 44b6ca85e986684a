import { createLeakDetector, createTestClock, ssoErrorOf } from '@sso/core/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGittiGidiyorClient, GITTIGIDIYOR_BASE_URL } from '../src/index.js';
import {
  createGittiGidiyorSimulator,
  GITTIGIDIYOR_DEMO,
  gittigidiyorHandlers,
} from '../src/testing/index.js';

const baseUrl = GITTIGIDIYOR_BASE_URL;
const loginPageUrl = `${baseUrl}login`;
// 2009-12-31 13:15:44.531 UTC: the time of the documentation's example request.
const DOC_TIME = 1262265344531;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function setup(start = DOC_TIME) {
  const clock = createTestClock(start);
  const simulator = createGittiGidiyorSimulator({ now: clock.now });
  server.use(...gittigidiyorHandlers(simulator, { baseUrl }));
  return { clock, simulator };
}

describe('sign', () => {
  // Vectors computed with coreutils `printf %s … | md5sum`, independent of this code.
  it.each([
    [
      'Xzy47VNZwcujRGcujrztCTqNBzgdZRSk',
      'demo-secret-key-8c1f3b',
      DOC_TIME,
      '6b987596e6ef590f0b0878fb6de677a1',
    ],
    ['apikey', 'secret', 1700000000000, 'ba57e0c88870733ebff7381e74583bab'],
    ['ÇağrıAnahtarı', 'gizli-şifre', DOC_TIME, '1fe652bf12525b44a066ab94a0d7f362'],
  ])('md5(%s + %s + %d) is %s in lower-case hex', (apiKey, secretKey, time, expected) => {
    const client = createGittiGidiyorClient({ apiKey, secretKey, roleName: 'r', rolePassword: 'p' });
    expect(client.sign(time)).toBe(expected);
  });

  it('signs milliseconds, not seconds', () => {
    const client = createGittiGidiyorClient(GITTIGIDIYOR_DEMO);
    expect(client.sign(DOC_TIME)).not.toBe(client.sign(Math.floor(DOC_TIME / 1000)));
    // md5 of the same key with the time in seconds (1262265344), computed with md5sum.
    expect(client.sign(Math.floor(DOC_TIME / 1000))).toBe('bf876797d0d1de461365c09f3bee8904');
  });
});

describe('createToken', () => {
  it('sends Basic auth, apiKey, the signed time in ms and lang; returns the tokenId', async () => {
    const clock = createTestClock(DOC_TIME);
    const fetch = vi.fn(
      async (_url: string | URL | Request, _init?: RequestInit) =>
        new Response(
          '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><auth:createTokenResponse xmlns:auth="http://auth.community.ws.listingapi.gg.com"><return><ackCode>success</ackCode><responseTime>31/12/2009 15:16:34</responseTime><timeElapsed>22 ms</timeElapsed><tokenId>YG26egceQNyfw6FM</tokenId></return></auth:createTokenResponse></soap:Body></soap:Envelope>',
          { headers: { 'content-type': 'text/xml' } },
        ),
    );
    const client = createGittiGidiyorClient({ ...GITTIGIDIYOR_DEMO, fetch, now: clock.now, lang: 'en' });
    const result = await client.createToken();
    expect(result).toEqual({
      tokenId: 'YG26egceQNyfw6FM',
      time: DOC_TIME,
      sign: '6b987596e6ef590f0b0878fb6de677a1',
      responseTime: '31/12/2009 15:16:34',
      timeElapsed: '22 ms',
    });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('https://dev.gittigidiyor.com:8443/listingapi/ws/CommunityAuthService');
    const headers = init!.headers as Record<string, string>;
    expect(headers.authorization).toBe('Basic ZGVtby1yb2xlOmRlbW8tcm9sZS1wYXNzd29yZA==');
    expect(String(init!.body)).toContain(
      '<tns:createToken xmlns:tns="http://auth.community.ws.listingapi.gg.com"><apiKey>Xzy47VNZwcujRGcujrztCTqNBzgdZRSk</apiKey><sign>6b987596e6ef590f0b0878fb6de677a1</sign><time>1262265344531</time><lang>en</lang></tns:createToken>',
    );
  });

  it('gets a token from the simulator, which checks the sign against its own clock', async () => {
    const { simulator } = setup();
    const client = createGittiGidiyorClient({ ...GITTIGIDIYOR_DEMO, now: () => DOC_TIME + 1234 });
    const token = await client.createToken();
    expect(simulator.openTokens()).toEqual([token.tokenId]);
    expect(token.sign).toBe(client.sign(token.time));
  });

  it('turns ackCode failure into an error whose providerCode is the errorCode', async () => {
    setup();
    const skewed = createGittiGidiyorClient({
      ...GITTIGIDIYOR_DEMO,
      now: () => DOC_TIME - 60 * 60_000,
      lang: 'en',
    });
    const late = await ssoErrorOf(skewed.createToken());
    expect(late.code).toBe('AUTHENTICATION_FAILED');
    expect(late.providerCode).toBe('INVALID_TIME');
    expect(late.providerMessage).toBe('The request time is outside the accepted window.');

    const badKey = createGittiGidiyorClient({
      ...GITTIGIDIYOR_DEMO,
      secretKey: 'wrong-secret',
      now: () => DOC_TIME,
    });
    const sign = await ssoErrorOf(badKey.createToken());
    expect(sign.code).toBe('AUTHENTICATION_FAILED');
    expect(sign.providerCode).toBe('INVALID_SIGN');
    expect(sign.providerMessage).toBe('İmza doğrulanamadı.');
  });

  it('maps HTTP 401 (wrong role user) to AUTHENTICATION_FAILED', async () => {
    const { simulator } = setup();
    const client = createGittiGidiyorClient({
      ...GITTIGIDIYOR_DEMO,
      rolePassword: 'nope',
      now: () => DOC_TIME,
    });
    const error = await ssoErrorOf(client.createToken());
    expect(error.code).toBe('AUTHENTICATION_FAILED');
    expect(error.status).toBe(401);
    expect(simulator.counters.unauthorized).toBe(1);
  });
});

describe('loginUrl and the login page', () => {
  it('puts apiKey, sign, time, tokenId and redirectUrl on the page address, URL-encoded', () => {
    const client = createGittiGidiyorClient({ ...GITTIGIDIYOR_DEMO, loginPageUrl, now: () => DOC_TIME });
    const href = client.loginUrl({
      tokenId: 'YG26egce+/=',
      redirectUrl: 'https://shop.example/back?x=1&y=ş',
    });
    expect(href).toBe(
      `${loginPageUrl}?apiKey=Xzy47VNZwcujRGcujrztCTqNBzgdZRSk&sign=6b987596e6ef590f0b0878fb6de677a1&time=1262265344531&tokenId=YG26egce%2B%2F%3D&redirectUrl=https%3A%2F%2Fshop.example%2Fback%3Fx%3D1%26y%3D%C5%9F`,
    );
  });

  it('refuses to build a URL without loginPageUrl (the address is not public)', () => {
    const client = createGittiGidiyorClient(GITTIGIDIYOR_DEMO);
    expect(() => client.loginUrl({ tokenId: 't', redirectUrl: 'https://a.example/' })).toThrowError(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
  });

  it('walks the browser flow: page shows the app, Approve redirects with sessionId and tokenId', async () => {
    const { simulator, clock } = setup();
    const client = createGittiGidiyorClient({ ...GITTIGIDIYOR_DEMO, loginPageUrl, now: clock.now });
    const { tokenId } = await client.createToken();
    const href = client.loginUrl({ tokenId, redirectUrl: 'https://shop.example/gg/callback' });
    const pageResponse = await fetch(href);
    const html = await pageResponse.text();
    expect(pageResponse.status).toBe(200);
    expect(html).toContain('Demo Partner Portal');
    expect(html).toContain('demo-gg-user');
    expect(html).toContain('Approve');

    const form = new URLSearchParams(new URL(href).search);
    const approved = await fetch(loginPageUrl, { method: 'POST', body: form, redirect: 'manual' });
    expect(approved.status).toBe(303); // See Other: a refresh of the landing page never posts the approval again
    const back = new URL(approved.headers.get('location')!);
    expect(back.origin + back.pathname).toBe('https://shop.example/gg/callback');
    expect(back.searchParams.get('tokenId')).toBe(tokenId);
    expect(back.searchParams.get('sessionId')).toBe(simulator.sessions[0]!.sessionId);

    const reused = await fetch(href);
    expect(reused.status).toBe(400);
    expect(await reused.text()).toContain('already been used');
  });

  it('says exactly why a sign-in is refused', async () => {
    const { clock } = setup();
    const client = createGittiGidiyorClient({ ...GITTIGIDIYOR_DEMO, loginPageUrl, now: clock.now });
    const { tokenId } = await client.createToken();
    const good = new URL(client.loginUrl({ tokenId, redirectUrl: 'https://shop.example/cb' }));
    const variant = (edit: (p: URLSearchParams) => void) => {
      const url = new URL(good);
      edit(url.searchParams);
      return url.href;
    };
    const cases: Array<[string, string]> = [
      [variant((p) => p.set('tokenId', 'unknown-token')), 'tokenId is unknown'],
      [variant((p) => p.set('sign', '0'.repeat(32))), 'sign does not match'],
      [
        client.loginUrl({ tokenId, redirectUrl: 'https://shop.example/cb', time: DOC_TIME - 3_600_000 }),
        'time has expired',
      ],
    ];
    for (const [href, reason] of cases) {
      const response = await fetch(href);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(reason);
    }
  });
});

describe('validation and secrets', () => {
  it('rejects bad options and inputs before any request', async () => {
    const fetch = vi.fn(async () => new Response(''));
    expect(() => createGittiGidiyorClient({ ...GITTIGIDIYOR_DEMO, lang: 'de' as never })).toThrowError(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
    expect(() => createGittiGidiyorClient({ ...GITTIGIDIYOR_DEMO, rolePassword: '' })).toThrowError(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
    const client = createGittiGidiyorClient({
      ...GITTIGIDIYOR_DEMO,
      fetch,
      loginPageUrl,
      now: () => Number.NaN,
    });
    expect((await ssoErrorOf(client.createToken())).code).toBe('INVALID_INPUT');
    expect(() => client.loginUrl({ tokenId: '', redirectUrl: 'https://a.example/' })).toThrowError(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => client.loginUrl({ tokenId: 't', redirectUrl: 'javascript:alert(1)' })).toThrowError(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    for (const time of [1.5, -1, Number.MAX_SAFE_INTEGER + 2, '1262265344531' as never]) {
      expect(() => client.sign(time)).toThrowError(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
    for (const time of [-5, 1262265344531.5]) {
      const skewed = createGittiGidiyorClient({ ...GITTIGIDIYOR_DEMO, fetch, now: () => time });
      expect((await ssoErrorOf(skewed.createToken())).message).toMatch(/^createToken: time must be/);
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it('keeps secretKey, rolePassword, signs and tokenIds out of hooks, errors and inspect', async () => {
    const { clock } = setup();
    const seen: unknown[] = [];
    const hooks = {
      onRequest: (r: unknown) => seen.push(r),
      onResponse: (r: unknown) => seen.push(r),
      onError: (e: unknown) => seen.push(e),
    };
    const client = createGittiGidiyorClient({ ...GITTIGIDIYOR_DEMO, hooks, now: clock.now });
    const token = await client.createToken();
    const badSecret = createGittiGidiyorClient({
      ...GITTIGIDIYOR_DEMO,
      secretKey: 'Wr0ng-Secret',
      hooks,
      now: clock.now,
    });
    seen.push(await ssoErrorOf(badSecret.createToken()));
    const badRole = createGittiGidiyorClient({
      ...GITTIGIDIYOR_DEMO,
      rolePassword: 'Wr0ng-Role',
      hooks,
      now: clock.now,
    });
    seen.push(await ssoErrorOf(badRole.createToken()));
    seen.push(client, badSecret, badRole);
    const detector = createLeakDetector([
      GITTIGIDIYOR_DEMO.secretKey,
      GITTIGIDIYOR_DEMO.rolePassword,
      'Wr0ng-Secret',
      'Wr0ng-Role',
      token.sign,
      badSecret.sign(clock.now()),
      token.tokenId,
    ]);
    for (const value of seen) detector.record(value);
    expect(detector.recorded).toBeGreaterThan(10);
    expect(detector.leaks()).toEqual([]);
  });
});

describe('an issued tokenId in any lexical form', () => {
  for (const [form, written] of [
    ['CDATA', '<![CDATA[TOKEN-ID-0123456789]]>'],
    ['split CDATA', '<![CDATA[TOKEN-ID-01234]]><![CDATA[56789]]>'],
    ['character references', '&#84;OKEN-ID-0123456789'],
  ] as const) {
    it(`createToken returns a tokenId written as ${form}, and onResponse never sees it`, async () => {
      const bodies: string[] = [];
      const fetch = async () =>
        new Response(
          `<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:createTokenResponse xmlns:ns2="http://auth.community.ws.listingapi.gg.com"><return><ackCode>success</ackCode><tokenId>${written}</tokenId></return></ns2:createTokenResponse></S:Body></S:Envelope>`,
          { headers: { 'content-type': 'text/xml' } },
        );
      const client = createGittiGidiyorClient({
        ...GITTIGIDIYOR_DEMO,
        baseUrl,
        fetch,
        hooks: { onResponse: (r) => bodies.push(r.body) },
      });
      expect((await client.createToken()).tokenId).toBe('TOKEN-ID-0123456789');
      expect(bodies).toHaveLength(1);
      for (const piece of ['ID-01234', '56789', '&#84;']) expect(bodies[0]).not.toContain(piece);
    });
  }
});
