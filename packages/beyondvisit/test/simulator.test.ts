import { createTestClock } from '@sso/core/testing';
import { describe, expect, it } from 'vitest';
import { beyondVisitSign } from '../src/index.js';
import { BEYONDVISIT_DEMO, createBeyondVisitSimulator } from '../src/testing/index.js';

const SIGN = beyondVisitSign(BEYONDVISIT_DEMO.apiKey, BEYONDVISIT_DEMO.secretKey);
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const post = (path: string, body: unknown, headers: Record<string, string> = JSON_TYPE) =>
  new Request(`http://simulator${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const user = { Name: 'John', Surname: 'Doe', Email: 'johndoe@example.com', Site: 'http://www.example.com' };
const createUser = (u: Record<string, unknown>, auth = { apikey: BEYONDVISIT_DEMO.apiKey, sign: SIGN }) =>
  post('/external/CreateUser', { ...auth, user: u });

async function answer(response: Response) {
  return { status: response.status, body: JSON.parse(await response.text()) as Record<string, unknown> };
}

describe('simulator: CreateUser codes in the documented wording', () => {
  it.each([
    [
      1,
      { ...user, Site: 'www.example.com' },
      "The 'user.Site' property should start with 'http://' or 'https://'",
    ],
    [2, { ...user, Name: ' ' }, "The'user.Name' property should not be empty"],
    [3, { ...user, Surname: undefined }, "The 'user.Surname' property should not be empty"],
    [4, { ...user, Email: '' }, "The 'user.Email' property should not be empty"],
  ])('code %i', async (code, fields, message) => {
    const sim = createBeyondVisitSimulator();
    expect(await answer(await sim.handle(createUser(fields)))).toStrictEqual({
      status: 200,
      body: { status: false, code, message },
    });
    expect(sim.counters).toMatchObject({ createUser: 1, usersCreated: 0, failures: 1 });
  });

  it('code 5 for a wrong sign, code 6 for an unknown key, checked before the fields', async () => {
    const sim = createBeyondVisitSimulator();
    const wrongSign = await answer(
      await sim.handle(createUser({}, { apikey: BEYONDVISIT_DEMO.apiKey, sign: 'x' })),
    );
    expect(wrongSign.body).toStrictEqual({ status: false, code: 5, message: 'Authentication failed' });
    const unknown = await answer(await sim.handle(createUser(user, { apikey: 'nope', sign: SIGN })));
    expect(unknown.body).toStrictEqual({ status: false, code: 6, message: 'ApiKey not found' });
  });

  it('CreateUser reads lower-case "apikey": the LoginToken spelling "apiKey" is an unknown key', async () => {
    const sim = createBeyondVisitSimulator();
    const response = await sim.handle(
      post('/external/CreateUser', { apiKey: BEYONDVISIT_DEMO.apiKey, sign: SIGN, user }),
    );
    expect((await answer(response)).body).toMatchObject({ code: 6 });
  });

  it('a body without a JSON content type binds to nothing (ApiKey not found)', async () => {
    const sim = createBeyondVisitSimulator();
    const body = { apikey: BEYONDVISIT_DEMO.apiKey, sign: SIGN, user };
    const response = await sim.handle(post('/external/CreateUser', body, { 'content-type': 'text/plain' }));
    expect((await answer(response)).body).toMatchObject({ code: 6 });
  });

  it('upper-case hex in the sign is refused', async () => {
    const sim = createBeyondVisitSimulator();
    const response = await sim.handle(
      createUser(user, { apikey: BEYONDVISIT_DEMO.apiKey, sign: SIGN.toUpperCase() }),
    );
    expect((await answer(response)).body).toMatchObject({ code: 5 });
  });

  it('fields over the documented MaxLength are refused with HTTP 400', async () => {
    const sim = createBeyondVisitSimulator();
    const response = await sim.handle(createUser({ ...user, Name: 'n'.repeat(51) }));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/user\.Name is longer than 50/);
  });
});

describe('simulator: LoginToken', () => {
  it('reads camel-case "apiKey" and answers codes 3, 2 and 1', async () => {
    const sim = createBeyondVisitSimulator();
    const lt = (body: unknown) => sim.handle(post('/external/LoginToken', body)).then(answer);
    expect(
      (await lt({ apikey: BEYONDVISIT_DEMO.apiKey, sign: SIGN, userToken: BEYONDVISIT_DEMO.userToken })).body,
    ).toMatchObject({ code: 3 });
    expect(
      (await lt({ apiKey: BEYONDVISIT_DEMO.apiKey, sign: 'bad', userToken: BEYONDVISIT_DEMO.userToken }))
        .body,
    ).toMatchObject({ code: 2 });
    expect((await lt({ apiKey: BEYONDVISIT_DEMO.apiKey, sign: SIGN, userToken: 'zzz' })).body).toStrictEqual({
      status: false,
      code: 1,
      message: 'User not found with token: zzz',
    });
    const ok = await lt({
      apiKey: BEYONDVISIT_DEMO.apiKey,
      sign: SIGN,
      userToken: BEYONDVISIT_DEMO.userToken,
    });
    expect(ok.body).toMatchObject({ status: true, message: 'Success', userCode: 'bvdemo0001' });
    expect(sim.counters).toMatchObject({ loginToken: 4, loginTokensIssued: 1, failures: 3 });
  });

  it('issues tokens with the configured TTL from the injected clock and generator', async () => {
    const clock = createTestClock(Date.UTC(2026, 4, 1));
    let n = 0;
    const sim = createBeyondVisitSimulator({
      now: clock.now,
      loginTokenTtlMs: 1000,
      token: () => `tok-${++n}`,
    });
    const record = sim.issueLoginToken(BEYONDVISIT_DEMO.userToken);
    expect(record).toStrictEqual({
      loginToken: 'tok-1',
      userToken: BEYONDVISIT_DEMO.userToken,
      issuedAt: clock.now(),
      expiresAt: clock.now() + 1000,
    });
    clock.advance(999);
    const page = await sim.handle(new Request('http://simulator/external/Login/tok-1'));
    expect(page.status).toBe(200);
    expect(sim.loginTokenRecord('tok-1')?.usedAt).toBe(clock.now());
  });
});

describe('simulator: the browser page and routing', () => {
  it('escapes user data in the page', async () => {
    const sim = createBeyondVisitSimulator();
    sim.addUser({
      userToken: 'xss-user',
      userCode: 'bv"><b>',
      name: '<script>alert(1)</script>',
      surname: "O'Neil & Co",
      email: 'x@example.com',
      site: 'https://example.com',
    });
    const { loginToken } = sim.issueLoginToken('xss-user');
    const html = await (
      await sim.handle(new Request(`http://simulator/external/Login/${loginToken}`))
    ).text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; O&#39;Neil &#38; Co');
    expect(html).toContain('data-user-code="bv&#34;&#62;&#60;b&#62;"');
  });

  it('answers 405 for wrong methods and 404 for unknown paths', async () => {
    const sim = createBeyondVisitSimulator();
    expect((await sim.handle(new Request('http://simulator/external/CreateUser'))).status).toBe(405);
    expect((await sim.handle(post('/external/Login/abc', {}))).status).toBe(405);
    expect((await sim.handle(new Request('http://simulator/external/Logout'))).status).toBe(404);
    const { loginToken } = sim.issueLoginToken(BEYONDVISIT_DEMO.userToken);
    const head = await sim.handle(
      new Request(`http://simulator/external/Login/${loginToken}`, { method: 'HEAD' }),
    );
    expect(head.status).toBe(405);
    expect(sim.loginTokenRecord(loginToken)?.usedAt).toBeUndefined();
    expect(sim.counters.requests).toBe(4);
  });

  it('without the demo seed only the given partners and users exist', async () => {
    const sim = createBeyondVisitSimulator({
      includeDemo: false,
      partners: [{ apiKey: 'p1', secretKey: 's1' }],
      users: [{ userToken: 'u1', userCode: 'c1', name: 'N', surname: 'S', email: 'e@x', site: 'https://x' }],
    });
    expect(sim.users().map((u) => [u.userToken, u.apiKey])).toStrictEqual([['u1', 'p1']]);
    const demo = await sim.handle(
      post('/external/LoginToken', {
        apiKey: BEYONDVISIT_DEMO.apiKey,
        sign: SIGN,
        userToken: BEYONDVISIT_DEMO.userToken,
      }),
    );
    expect((await answer(demo)).body).toMatchObject({ code: 3 });
  });

  it('a successful CreateUser stores the user under the calling partner', async () => {
    const sim = createBeyondVisitSimulator();
    const { body } = await answer(await sim.handle(createUser(user)));
    expect(body).toMatchObject({ status: true, message: 'Success' });
    expect(sim.user(body.userToken as string)).toMatchObject({
      name: 'John',
      email: 'johndoe@example.com',
      apiKey: BEYONDVISIT_DEMO.apiKey,
    });
  });
});
