import { isSsoError } from '@sso/core/provider';
import { describe, expect, it } from 'vitest';
import { checkCreateUserRequest, checkLoginTokenRequest } from '../src/generated/model.js';
import { createBeyondVisitClient } from '../src/index.js';
import createUserFixture from './fixtures/createUser.json' with { type: 'json' };
import loginTokenFixture from './fixtures/loginToken.json' with { type: 'json' };
import loginUrlFixture from './fixtures/loginUrl.json' with { type: 'json' };
import { rejectionOf, scriptedFetch } from './helpers.js';

describe('createUser wire format (fixtures/createUser.json)', () => {
  it.each(createUserFixture.success)('$name: exact request, typed result', async (fixture) => {
    const { fetch, requests } = scriptedFetch(fixture.response);
    const client = createBeyondVisitClient({ ...createUserFixture.options, fetch });
    await expect(client.createUser(fixture.input)).resolves.toStrictEqual(fixture.output);
    expect(requests).toStrictEqual([fixture.request]);
    // The body is also what the spec's request schema describes.
    expect(checkCreateUserRequest(JSON.parse(requests[0]!.body!))).toBeUndefined();
  });

  it.each(createUserFixture.errors)('$name → $error.code', async (fixture) => {
    const { fetch, requests } = scriptedFetch(fixture.response);
    const client = createBeyondVisitClient({ ...createUserFixture.options, fetch });
    const error = await rejectionOf(client.createUser(fixture.input));
    expect(isSsoError(error)).toBe(true);
    expect(error).toMatchObject({
      ...fixture.error,
      provider: 'beyondvisit',
      operation: 'createUser',
      retryable: false,
    });
    expect(requests).toHaveLength(1);
  });
});

describe('createLoginToken wire format (fixtures/loginToken.json)', () => {
  it.each(loginTokenFixture.success)('$name: exact request, typed result', async (fixture) => {
    const { fetch, requests } = scriptedFetch(fixture.response);
    const client = createBeyondVisitClient({ ...loginTokenFixture.options, fetch });
    await expect(client.createLoginToken(fixture.input)).resolves.toStrictEqual(fixture.output);
    expect(requests).toStrictEqual([fixture.request]);
    expect(checkLoginTokenRequest(JSON.parse(requests[0]!.body!))).toBeUndefined();
  });

  it.each(loginTokenFixture.errors)('$name → $error.code', async (fixture) => {
    const { fetch, requests } = scriptedFetch(fixture.response);
    const client = createBeyondVisitClient({ ...loginTokenFixture.options, fetch });
    const error = await rejectionOf(client.createLoginToken(fixture.input));
    expect(isSsoError(error)).toBe(true);
    expect(error).toMatchObject({
      ...fixture.error,
      provider: 'beyondvisit',
      operation: 'createLoginToken',
      retryable: false,
    });
    expect(requests).toHaveLength(1);
  });
});

describe('loginUrl (fixtures/loginUrl.json)', () => {
  it.each(loginUrlFixture.cases)('$name', (fixture) => {
    const { baseUrl, allowInsecureHttp } = fixture as { baseUrl?: string; allowInsecureHttp?: boolean };
    const client = createBeyondVisitClient({
      ...loginUrlFixture.options,
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...(allowInsecureHttp === undefined ? {} : { allowInsecureHttp }),
    });
    const url = client.loginUrl(fixture.loginToken);
    expect(url).toBe(fixture.url);
    // The token survives as exactly one path segment.
    expect(decodeURIComponent(new URL(url).pathname.split('/').pop()!)).toBe(fixture.loginToken);
  });
});

describe('endpoints and base URL', () => {
  it('sends both operations to the sandbox base URL path prefix', async () => {
    const { fetch, requests } = scriptedFetch({
      body: '{"status":false,"code":6,"message":"ApiKey not found"}',
    });
    const client = createBeyondVisitClient({
      ...createUserFixture.options,
      baseUrl: 'http://127.0.0.1:4010/beyondvisit/',
      allowInsecureHttp: true,
      fetch,
    });
    await rejectionOf(client.createUser(createUserFixture.success[0]!.input));
    await rejectionOf(client.createLoginToken({ userToken: 'abc' }));
    expect(requests.map((r) => r.url)).toStrictEqual([
      'http://127.0.0.1:4010/beyondvisit/external/CreateUser',
      'http://127.0.0.1:4010/beyondvisit/external/LoginToken',
    ]);
  });
});
