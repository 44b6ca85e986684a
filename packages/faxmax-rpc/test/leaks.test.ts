import { inspect } from 'node:util';
import type { Hooks } from '@sso/core/provider';
import { createLeakDetector } from '@sso/core/testing';
import { describe, expect, it } from 'vitest';
import { createFaxmaxClient } from '../src/index.js';
import { createFaxmaxSimulator, FAXMAX_DEMO } from '../src/testing/index.js';
import { BASE_OPTIONS, type Captured, recordingFetch, rpcOf, strictLeaks } from './helpers.js';

// Characters that JSON-escape and form-encode differently from encodeURIComponent: " \ ! ~ ' ( ) space.
const API_PASSWORD = 'api "pass" \\ word!~';
const USER_PASSWORD = 'user pass!~\'(x)"';

describe('secrets never reach errors, hook payloads or util.inspect', () => {
  it('login, tokenLogin, call and their failures leak no API password, user password, SSO token or session token', async () => {
    const sessionToken = 'SESSION-TOKEN-abc123';
    // The detector reads this list when asked, so the SSO token minted during the test is scanned for too.
    const secrets = [API_PASSWORD, USER_PASSWORD, sessionToken];
    const { fetch, requests } = recordingFetch((request: Captured, index) => {
      const rpc = rpcOf(request);
      if (rpc.method === 'Core.token_login') secrets.push(rpc.params.token_ as string);
      const quoted = JSON.stringify(rpc.params);
      const bodies = [
        // login fails with a message that quotes everything it was sent (password included)
        { jsonrpc: '2.0', id: rpc.id, error: { code: 1001, message: `wrong password in ${quoted}` } },
        // login succeeds and returns the session token
        { jsonrpc: '2.0', id: rpc.id, result: { token: sessionToken, user_id: 1 } },
        // tokenLogin fails quoting the SSO token it was sent
        { jsonrpc: '2.0', id: rpc.id, error: { code: 1006, message: `bad token in ${quoted}` } },
        // call fails quoting the session token and the API password
        {
          jsonrpc: '2.0',
          id: rpc.id,
          error: { code: 1010, message: `${quoted} invalid for ${API_PASSWORD}` },
        },
        // a malformed reply echoing the session token
        { id: rpc.id, result: { token: sessionToken } },
      ];
      return Response.json(bodies[index]);
    });
    const detector = createLeakDetector(secrets);
    const seen: string[] = [];
    const keep = (value: unknown) => seen.push(JSON.stringify(value), inspect(value, { depth: 8 }));
    const hooks: Hooks = {
      onRequest: (r: Parameters<Required<Hooks>['onRequest']>[0]) => {
        keep(r);
        detector.hooks.onRequest(r);
      },
      onResponse: (r: Parameters<Required<Hooks>['onResponse']>[0]) => {
        keep(r);
        detector.hooks.onResponse(r);
      },
      onError: (r: Parameters<Required<Hooks>['onError']>[0]) => {
        keep(r);
        detector.hooks.onError(r);
      },
    };
    const client = createFaxmaxClient({ ...BASE_OPTIONS, apiPassword: API_PASSWORD, fetch, hooks });

    for (const act of [
      () => client.login({ username: 'u', password: USER_PASSWORD }),
      () => client.login({ username: 'u', password: USER_PASSWORD }),
      () => client.tokenLogin({ username: 'u', remoteIp: '10.0.0.1' }),
      () => client.call('X.y'),
      () => client.call('X.y'),
    ]) {
      const outcome = await act().catch((e) => e);
      if (outcome instanceof Error) {
        expect((outcome as { code?: string }).code).toMatch(
          /RPC_ERROR|AUTHENTICATION_FAILED|MALFORMED_RESPONSE/,
        );
        detector.record(outcome);
        keep(outcome);
        seen.push(outcome.message);
      }
    }
    detector.record(inspect(client, { depth: 6, showHidden: true }));
    keep(client);

    expect(requests).toHaveLength(5);
    expect(secrets).toHaveLength(4); // the SSO token joined the list
    // The secrets really were on the wire, so the absence below is redaction, not luck.
    expect(
      strictLeaks(
        requests.map((r) => r.body),
        secrets,
      ),
    ).toEqual([USER_PASSWORD, sessionToken, secrets[3]]);
    expect(detector.recorded).toBeGreaterThan(20);
    expect(detector.leaks()).toEqual([]);
    expect(strictLeaks(seen, secrets)).toEqual([]);
    expect(seen.join('\n')).toContain('[redacted]');
  });

  it('the strict scan catches encoded leaks that a raw search misses', () => {
    const body = new URLSearchParams([['data', JSON.stringify({ password: USER_PASSWORD })]]).toString();
    expect(body).not.toContain(USER_PASSWORD);
    expect(strictLeaks([body], [USER_PASSWORD])).toEqual([USER_PASSWORD]);
    expect(strictLeaks([JSON.stringify({ p: USER_PASSWORD })], [USER_PASSWORD])).toEqual([USER_PASSWORD]);
  });

  it('the SSO token sent by tokenLogin and the session token it returns are redacted in hook payloads', async () => {
    const simulator = createFaxmaxSimulator();
    const payloads: string[] = [];
    const hooks: Hooks = {
      onRequest: (r: unknown) => payloads.push(JSON.stringify(r)),
      onResponse: (r: unknown) => payloads.push(JSON.stringify(r)),
      onError: (r: unknown) => payloads.push(JSON.stringify(r)),
    };
    const sent: string[] = [];
    const client = createFaxmaxClient({
      domain: FAXMAX_DEMO.domain,
      apiCode: FAXMAX_DEMO.apiCode,
      apiPassword: FAXMAX_DEMO.apiPassword,
      cipher: FAXMAX_DEMO.cipher,
      hooks,
      fetch: async (url, init) => {
        sent.push(String(init?.body));
        const path = new URL(String(url)).pathname;
        return simulator.handle(new Request(`http://simulator${path}`, init), { remoteAddress: '10.1.1.1' });
      },
    });
    const { token } = await client.tokenLogin({ username: 'demo', remoteIp: '10.1.1.1' });
    const ssoToken = JSON.parse(new URLSearchParams(sent[0]).get('data')!).params.token_ as string;
    expect(payloads.length).toBe(2);
    const text = payloads.join('\n');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain(token);
    expect(ssoToken.length).toBeGreaterThan(40);
    expect(text).not.toContain(ssoToken);
    expect(text).not.toContain(FAXMAX_DEMO.apiPassword);
  });
});

describe('a session token issued as a bare string result', () => {
  for (const [label, result] of [
    ['plain', '"FXSESSION-0123456789"'],
    ['with JSON escapes', '"\\u0046XSESSION-0123456789"'],
  ] as const) {
    it(`login() accepts it and onResponse never sees it (${label})`, async () => {
      const bodies: string[] = [];
      const { fetch } = recordingFetch(
        (request) =>
          new Response(`{"jsonrpc":"2.0","id":${JSON.stringify(rpcOf(request).id)},"result":${result}}`, {
            headers: { 'content-type': 'application/json' },
          }),
      );
      const client = createFaxmaxClient({
        ...BASE_OPTIONS,
        fetch,
        hooks: { onResponse: (r) => bodies.push(r.body) },
      });
      expect(await client.login({ username: 'u', password: 'p4ssword' })).toEqual({
        token: 'FXSESSION-0123456789',
      });
      expect(bodies).toHaveLength(1);
      expect(bodies[0]).toContain('[redacted]');
      expect(bodies[0]).not.toContain('0123456789');
    });
  }

  it('a string result of an ordinary call is not a credential and stays visible', async () => {
    const bodies: string[] = [];
    const { fetch } = recordingFetch(
      (request) =>
        new Response(`{"jsonrpc":"2.0","id":${JSON.stringify(rpcOf(request).id)},"result":"queued-42"}`),
    );
    const client = createFaxmaxClient({
      ...BASE_OPTIONS,
      fetch,
      hooks: { onResponse: (r) => bodies.push(r.body) },
    });
    await client.call('Fax.status', { token_: 'SESSION-explicit' });
    expect(bodies[0]).toContain('queued-42');
  });
});
