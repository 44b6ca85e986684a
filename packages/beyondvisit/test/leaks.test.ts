import { inspect } from 'node:util';
import { createLeakDetector } from '@sso/core/testing';
import { describe, expect, it } from 'vitest';
import { createBeyondVisitClient } from '../src/index.js';
import { rejectionOf, type ScriptedReply, scriptedFetch } from './helpers.js';

const API_KEY = 'leak-test-api-key';
const SECRET_KEY = 'leak-test-secret-key-ÇĞ';
const USER_TOKEN = 'usertoken-0123456789abcdef012345';
const LOGIN_TOKEN = 'logintoken-fedcba9876543210';
const USER = { name: 'Zeynep', surname: 'Kaya', email: 'zeynep@example.com', site: 'https://example.com' };

function setup(tokens: readonly string[], ...replies: Array<ScriptedReply | Error>) {
  const { fetch, requests } = scriptedFetch(...replies);
  const probe = createBeyondVisitClient({ apiKey: API_KEY, secretKey: SECRET_KEY });
  const sign = probe.sign();
  const detector = createLeakDetector([SECRET_KEY, sign, ...tokens]);
  const client = createBeyondVisitClient({
    apiKey: API_KEY,
    secretKey: SECRET_KEY,
    fetch,
    hooks: detector.hooks,
    retry: { maxAttempts: 2, baseDelayMs: 0, maxDelayMs: 1 },
  });
  return { client, detector, sign, requests };
}

/** Replies that echo secrets back, in every shape the client handles. */
const echoing = (sign: string): Array<[string, ScriptedReply | Error]> => [
  [
    'LoginToken code 1 echoing the userToken',
    { body: `{"status":false,"code":1,"message":"User not found with token: ${USER_TOKEN}"}` },
  ],
  [
    'auth failure quoting the sign',
    { body: `{"status":false,"code":2,"message":"Authentication failed: sign ${sign}"}` },
  ],
  [
    'auth failure quoting the secret key, HTTP 401',
    { status: 401, body: `{"status":false,"code":5,"message":"bad secret ${SECRET_KEY}"}` },
  ],
  [
    'HTML 500 page quoting the sign',
    { status: 500, body: `<html><body>sign=${sign} secret=${SECRET_KEY}</body></html>` },
  ],
  ['truncated JSON starting with the sign', { body: `{"sign":"${sign}","secret":"${SECRET_KEY}` }],
  ['non-JSON text starting with the sign', { body: `${sign} ${SECRET_KEY} ${USER_TOKEN}` }],
  [
    'a success body without userCode (malformed)',
    { body: `{"status":true,"message":"Success","loginToken":"${LOGIN_TOKEN}"}` },
  ],
  [
    'undocumented code quoting everything',
    { body: `{"status":false,"code":77,"message":"${sign}/${SECRET_KEY}/${USER_TOKEN}"}` },
  ],
  ['short non-JSON body that is the secret key', { body: `x${SECRET_KEY}` }],
  ['network failure', new TypeError('fetch failed')],
];

describe('no secret key, sign or token reaches errors or hook payloads', () => {
  it('successful calls: request bodies are redacted, issued tokens are removed from response bodies', async () => {
    const { client, detector } = setup(
      [USER_TOKEN, LOGIN_TOKEN],
      { body: `{"status":true,"message":"Success","userToken":"${USER_TOKEN}"}` },
      { body: `{"status":true,"message":"Success","loginToken":"${LOGIN_TOKEN}","userCode":"bv1"}` },
    );
    // The second reply is used for every later request.
    await expect(client.createUser(USER)).resolves.toStrictEqual({ userToken: USER_TOKEN });
    await expect(client.createLoginToken({ userToken: USER_TOKEN })).resolves.toMatchObject({
      loginToken: LOGIN_TOKEN,
    });
    expect(detector.recorded).toBeGreaterThanOrEqual(4);
    expect(detector.leaks()).toStrictEqual([]);
  });

  it.each(['createUser', 'createLoginToken'] as const)('%s failures that echo secrets', async (op) => {
    const probe = setup([]);
    // The tokens a call knows: createUser sends none; createLoginToken sends the userToken.
    const tokens = op === 'createUser' ? [] : [USER_TOKEN];
    for (const [label, reply] of echoing(probe.sign)) {
      const { client, detector } = setup(tokens, reply);
      const error = await rejectionOf(
        op === 'createUser' ? client.createUser(USER) : client.createLoginToken({ userToken: USER_TOKEN }),
      );
      detector.record(error);
      detector.record(JSON.stringify(error));
      detector.record(inspect(error, { depth: 10 }));
      expect(detector.recorded).toBeGreaterThan(0);
      expect(detector.leaks(), label).toStrictEqual([]);
    }
  });

  it('the client object shows neither the secret key nor the sign', () => {
    const { client, sign } = setup([]);
    const views = [inspect(client, { depth: 10, showHidden: true }), JSON.stringify(client), String(client)];
    for (const view of views) {
      expect(view).not.toContain(SECRET_KEY);
      expect(view).not.toContain(sign);
    }
    expect(sign).toMatch(/^[0-9a-f]{32}$/);
  });

  it('the detector does catch a leak (control)', () => {
    const { detector, sign } = setup([]);
    detector.record(new Error(`oops ${sign}`));
    expect(detector.leaks()).toStrictEqual([sign]);
  });
});
