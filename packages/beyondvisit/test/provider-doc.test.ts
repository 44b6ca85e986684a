import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBeyondVisitClient } from '../src/index.js';
import { rejectionOf, scriptedFetch } from './helpers.js';

// The document's own examples (test/fixtures/provider-doc), byte for byte as published.
const doc = (name: string) =>
  readFileSync(new URL(`./fixtures/provider-doc/beyondvisit.${name}.json`, import.meta.url), 'utf8');

// The document's placeholder values used as real values.
const API_KEY = '<api_key>';
const SECRET_KEY = '<secret_key>';

describe("the provider document's examples", () => {
  it('CreateUser: our body has the keys, nesting and order of the example, with the real sign', async () => {
    const example = JSON.parse(doc('CreateUser.request'));
    const { fetch, requests } = scriptedFetch({ body: doc('CreateUser.response.success') });
    const client = createBeyondVisitClient({ apiKey: API_KEY, secretKey: SECRET_KEY, fetch });
    const result = await client.createUser({
      name: example.user.Name,
      surname: example.user.Surname,
      email: example.user.Email,
      site: example.user.Site,
    });
    expect(requests[0]!.body).toBe(JSON.stringify({ ...example, sign: client.sign() }));
    expect(example.sign).toBe('<MD5(apikey+secretkey)>');
    expect(result).toStrictEqual({ userToken: '<user unique token>' });
  });

  it('LoginToken: our body has the keys and order of the example, with the real sign', async () => {
    const example = JSON.parse(doc('LoginToken.request'));
    const { fetch, requests } = scriptedFetch({ body: doc('LoginToken.response.success') });
    const client = createBeyondVisitClient({ apiKey: API_KEY, secretKey: SECRET_KEY, fetch });
    const result = await client.createLoginToken({ userToken: example.userToken });
    expect(requests[0]!.body).toBe(JSON.stringify({ ...example, sign: client.sign() }));
    expect(result).toStrictEqual({ loginToken: '[user_login_token]', userCode: '[user_code]' });
  });

  it('the CreateUser failure example (code 1, with the message of code 2) maps by its code', async () => {
    const { fetch } = scriptedFetch({ body: doc('CreateUser.response.error') });
    const client = createBeyondVisitClient({ apiKey: API_KEY, secretKey: SECRET_KEY, fetch });
    const error = await rejectionOf(
      client.createUser({
        name: 'John',
        surname: 'Doe',
        email: 'johndoe@example.com',
        site: 'http://www.example.com',
      }),
    );
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      providerCode: '1',
      providerMessage: "The 'user.Name' property should not be empty",
    });
  });

  it('the LoginToken failure example is NOT_FOUND', async () => {
    const { fetch } = scriptedFetch({ body: doc('LoginToken.response.error') });
    const client = createBeyondVisitClient({ apiKey: API_KEY, secretKey: SECRET_KEY, fetch });
    const error = await rejectionOf(client.createLoginToken({ userToken: '<userToken>' }));
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      providerCode: '1',
      providerMessage: 'User not found with token: [userToken]',
    });
  });
});
