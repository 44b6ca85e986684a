import { describe, expect, it } from 'vitest';
import { createFaxmaxClient } from '../src/index.js';
import { answer, BASE_OPTIONS, recordingFetch, rpcOf, TEST_CIPHER } from './helpers.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('request encoding on the wire', () => {
  it('form (default): POST {base}/api/v1, body is exactly data=<urlencoded JSON-RPC text>', async () => {
    const { fetch, requests } = recordingFetch(answer({ token: 'S1', user_id: 7 }));
    const client = createFaxmaxClient({ ...BASE_OPTIONS, fetch });
    await expect(client.login({ username: 'KULLANICIKODU', password: 'ŞİFRE & co' })).resolves.toEqual({
      token: 'S1',
      userId: 7,
    });
    const [request] = requests;
    expect(request!.url).toBe('https://firma.faxmax.net/api/v1');
    expect(request!.method).toBe('POST');
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    const id = rpcOf(request!).id;
    const json = `{"jsonrpc":"2.0","id":"${id}","method":"Core.login","params":{"username":"KULLANICIKODU","password":"ŞİFRE & co"}}`;
    expect(request!.body).toBe(`data=${encodeURIComponent(json).replace(/%20/g, '+')}`);
    expect(request!.body).toContain('%C5%9E%C4%B0FRE+%26+co');
  });

  it('json: the body is exactly the raw JSON-RPC text with application/json', async () => {
    const { fetch, requests } = recordingFetch(answer({ token: 'S1' }));
    const client = createFaxmaxClient({ ...BASE_OPTIONS, encoding: 'json', fetch });
    await client.login({ username: 'u', password: 'p' });
    const [request] = requests;
    expect(request!.headers['content-type']).toBe('application/json');
    const id = rpcOf(request!).id;
    expect(request!.body).toBe(
      `{"jsonrpc":"2.0","id":"${id}","method":"Core.login","params":{"username":"u","password":"p"}}`,
    );
  });

  it('tokenLogin sends token_ = the encrypted JSON and code_ = the API code (not the swapped published example)', async () => {
    const { fetch, requests } = recordingFetch(answer({ token: 'SESSION' }));
    const client = createFaxmaxClient({ ...BASE_OPTIONS, fetch, now: () => T0 });
    await expect(client.tokenLogin({ username: 'u', remoteIp: '198.51.100.4' })).resolves.toEqual({
      token: 'SESSION',
    });
    const rpc = rpcOf(requests[0]!);
    expect(rpc.method).toBe('Core.token_login');
    expect(Object.keys(rpc.params)).toEqual(['token_', 'code_']);
    expect(rpc.params.code_).toBe('API-CODE-42');
    expect(TEST_CIPHER.decrypt(rpc.params.token_ as string, BASE_OPTIONS.apiPassword)).toBe(
      `{"username":"u","exp":${T0 / 1000 + 3},"remote_ip":"198.51.100.4"}`,
    );
  });

  it('tokenLoginMethod overrides the method name (the document once says Core.login_token)', async () => {
    const { fetch, requests } = recordingFetch(answer('BARE-TOKEN'));
    const client = createFaxmaxClient({ ...BASE_OPTIONS, fetch, tokenLoginMethod: 'Core.login_token' });
    await expect(client.tokenLogin({ username: 'u', remoteIp: '10.0.0.1' })).resolves.toEqual({
      token: 'BARE-TOKEN',
    });
    expect(rpcOf(requests[0]!).method).toBe('Core.login_token');
  });

  it('call adds token_ from the last login, and uses a new id on every call', async () => {
    const { fetch, requests } = recordingFetch((request, index) =>
      index === 0 ? answer({ token: 'SESSION-1' })(request) : answer({ ok: index })(request),
    );
    const client = createFaxmaxClient({ ...BASE_OPTIONS, fetch });
    expect(client.hasSession).toBe(false);
    await client.login({ username: 'u', password: 'p' });
    expect(client.hasSession).toBe(true);
    await expect(client.call('Fax.list', { folder: 'inbox' })).resolves.toEqual({ ok: 1 });
    await expect(client.call('Fax.list')).resolves.toEqual({ ok: 2 });
    expect(rpcOf(requests[1]!).params).toEqual({ folder: 'inbox', token_: 'SESSION-1' });
    expect(rpcOf(requests[2]!).params).toEqual({ token_: 'SESSION-1' });
    const ids = requests.map((r) => rpcOf(r).id);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('call without a login is AUTHENTICATION_FAILED before any request; explicit token_ works without one', async () => {
    const { fetch, requests } = recordingFetch(answer(true));
    const client = createFaxmaxClient({ ...BASE_OPTIONS, fetch });
    await expect(client.call('Fax.list')).rejects.toMatchObject({
      code: 'AUTHENTICATION_FAILED',
      operation: 'call',
    });
    expect(requests).toHaveLength(0);
    await expect(client.call('Fax.list', { token_: 'MINE' })).resolves.toBe(true);
    expect(rpcOf(requests[0]!).params).toEqual({ token_: 'MINE' });
  });

  it('clearSession forgets the token', async () => {
    const { fetch } = recordingFetch(answer({ token: 'S' }));
    const client = createFaxmaxClient({ ...BASE_OPTIONS, fetch });
    await client.login({ username: 'u', password: 'p' });
    client.clearSession();
    expect(client.hasSession).toBe(false);
    await expect(client.call('X.y')).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED' });
  });
});

describe('replies', () => {
  const reply = (body: unknown, status = 200) =>
    recordingFetch((request) => {
      const id = rpcOf(request).id;
      const value = typeof body === 'function' ? body(id) : body;
      return new Response(typeof value === 'string' ? value : JSON.stringify(value), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    });

  it('an application error of login() is AUTHENTICATION_FAILED with providerCode and providerMessage', async () => {
    const { fetch } = reply((id: string) => ({
      jsonrpc: '2.0',
      id,
      error: { code: 401, message: 'Kullanıcı adı veya şifre hatalı' },
    }));
    const client = createFaxmaxClient({ ...BASE_OPTIONS, fetch });
    await expect(client.login({ username: 'u', password: 'p' })).rejects.toMatchObject({
      code: 'AUTHENTICATION_FAILED',
      provider: 'faxmax',
      operation: 'login',
      providerCode: '401',
      providerMessage: 'Kullanıcı adı veya şifre hatalı',
      status: 200,
      retryable: false,
    });
  });

  it('names reserved JSON-RPC codes, and accepts an error with id null (server could not read the id)', async () => {
    const { fetch } = reply({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
    const client = createFaxmaxClient({ ...BASE_OPTIONS, fetch });
    const error = await client.login({ username: 'u', password: 'p' }).catch((e) => e);
    expect(error).toMatchObject({ code: 'RPC_ERROR', providerCode: '-32700' });
    expect(error.message).toBe(
      'login: Core.login: FaxMAX could not process the JSON-RPC request (FaxMAX code -32700 parse error: Parse error)',
    );
  });

  it('a JSON-RPC error with HTTP 500 keeps the status', async () => {
    const { fetch } = reply(
      (id: string) => ({ jsonrpc: '2.0', id, error: { code: -32603, message: 'boom' } }),
      500,
    );
    const client = createFaxmaxClient({ ...BASE_OPTIONS, fetch });
    await expect(client.login({ username: 'u', password: 'p' })).rejects.toMatchObject({
      code: 'RPC_ERROR',
      status: 500,
    });
  });

  it.each([
    ['an HTML page', '<html><body>Bakımdayız</body></html>'],
    ['JSON without jsonrpc', (id: string) => ({ id, result: { token: 'x' } })],
    ['jsonrpc 1.0', (id: string) => ({ jsonrpc: '1.0', id, result: {} })],
    ['neither result nor error', (id: string) => ({ jsonrpc: '2.0', id })],
    ['an error object without a code', (id: string) => ({ jsonrpc: '2.0', id, error: { message: 'x' } })],
    ['a batch reply', (id: string) => [{ jsonrpc: '2.0', id, result: { token: 'x' } }]],
    ['a reply to another id', { jsonrpc: '2.0', id: 'someone-else', result: { token: 'x' } }],
    ['a result without a token', (id: string) => ({ jsonrpc: '2.0', id, result: { ok: true } })],
    ['an empty body', ''],
  ])('%s is MALFORMED_RESPONSE', async (_name, body) => {
    const { fetch } = reply(body);
    const client = createFaxmaxClient({ ...BASE_OPTIONS, fetch });
    await expect(client.login({ username: 'u', password: 'p' })).rejects.toMatchObject({
      code: 'MALFORMED_RESPONSE',
      provider: 'faxmax',
    });
    expect(client.hasSession).toBe(false);
  });

  it('a non-2xx status with a body that is not JSON-RPC is HTTP_ERROR', async () => {
    const { fetch } = reply('Bad Gateway', 502);
    const client = createFaxmaxClient({ ...BASE_OPTIONS, fetch, retry: false });
    await expect(client.login({ username: 'u', password: 'p' })).rejects.toMatchObject({
      code: 'HTTP_ERROR',
      status: 502,
    });
  });

  it('never sends notifications: every request carries an id', async () => {
    const { fetch, requests } = recordingFetch(answer({ token: 'S' }));
    const client = createFaxmaxClient({ ...BASE_OPTIONS, fetch });
    await client.login({ username: 'u', password: 'p' });
    await client.tokenLogin({ username: 'u', remoteIp: '10.0.0.1' });
    await client.call('X.y');
    for (const request of requests) expect(rpcOf(request).id).toEqual(expect.any(String));
  });
});

describe('retries (only what is safe to repeat)', () => {
  const flaky = () =>
    recordingFetch((request, index) =>
      index === 0 ? new Response('busy', { status: 503 }) : answer({ token: 'S' })(request),
    );
  const fast = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };

  it('login is retried after a 503 (a second password login only issues another token)', async () => {
    const { fetch, requests } = flaky();
    const client = createFaxmaxClient({ ...BASE_OPTIONS, ...fast, fetch });
    await expect(client.login({ username: 'u', password: 'p' })).resolves.toEqual({ token: 'S' });
    expect(requests).toHaveLength(2);
  });

  it('tokenLogin is not retried (FaxMAX may refuse a replayed SSO token)', async () => {
    const { fetch, requests } = flaky();
    const client = createFaxmaxClient({ ...BASE_OPTIONS, ...fast, fetch });
    await expect(client.tokenLogin({ username: 'u', remoteIp: '10.0.0.1' })).rejects.toMatchObject({
      code: 'HTTP_ERROR',
      status: 503,
    });
    expect(requests).toHaveLength(1);
  });

  it('call is retried only with { idempotent: true }', async () => {
    const once = flaky();
    const client = createFaxmaxClient({ ...BASE_OPTIONS, ...fast, fetch: once.fetch });
    await expect(client.call('X.get', { token_: 'T' })).rejects.toMatchObject({ code: 'HTTP_ERROR' });
    expect(once.requests).toHaveLength(1);
    const twice = flaky();
    const retrying = createFaxmaxClient({ ...BASE_OPTIONS, ...fast, fetch: twice.fetch });
    await expect(retrying.call('X.get', { token_: 'T' }, { idempotent: true })).resolves.toEqual({
      token: 'S',
    });
    expect(twice.requests).toHaveLength(2);
  });

  it('replies outside the common shape get the same answers as before (schema fallback)', async () => {
    const reply = (body: (id: unknown) => unknown) => (request: Parameters<typeof rpcOf>[0]) =>
      Response.json(body(rpcOf(request).id));
    const login = (fetch: ReturnType<typeof recordingFetch>['fetch']) =>
      createFaxmaxClient({ ...BASE_OPTIONS, fetch }).login({ username: 'u', password: 'p' });
    const malformed = { name: 'SsoError', code: 'MALFORMED_RESPONSE' };
    // Not JSON-RPC 2.0: wrong version, id of a wrong type, missing id.
    for (const body of [
      (id: unknown) => ({ jsonrpc: '1.0', id, result: 'T' }),
      () => ({ jsonrpc: '2.0', id: { x: 1 }, result: 'T' }),
      () => ({ jsonrpc: '2.0', result: 'T' }),
    ]) {
      await expect(login(recordingFetch(reply(body)).fetch)).rejects.toMatchObject(malformed);
    }
    // Token results: user_id of a wrong type or an empty token carry no session token.
    for (const result of [{ token: 'T', user_id: true }, { token: '' }, { user_id: 1 }, ['T']]) {
      await expect(login(recordingFetch(answer(result)).fetch)).rejects.toMatchObject({
        ...malformed,
        message: expect.stringContaining('carries no session token'),
      });
    }
    // Extra members are fine; a string user_id is kept as is.
    await expect(
      login(recordingFetch(answer({ token: 'T', user_id: 'u-9', extra: 1 })).fetch),
    ).resolves.toEqual({
      token: 'T',
      userId: 'u-9',
    });
  });
});

describe('which code a JSON-RPC error gets', () => {
  const errorReply = (code: number) => async (_input: string | URL | Request, init?: RequestInit) => {
    const body = String(init?.body);
    const text = body.startsWith('{') ? body : (new URLSearchParams(body).get('data') ?? body);
    const id = (JSON.parse(text) as { id: string }).id;
    return Response.json({ jsonrpc: '2.0', id, error: { code, message: 'no' } });
  };

  it('call() errors stay RPC_ERROR, reserved codes stay RPC_ERROR even for login()', async () => {
    const app = createFaxmaxClient({ ...BASE_OPTIONS, fetch: errorReply(1010) });
    await expect(app.call('Fax.send', { token_: 'SESSION-x' })).rejects.toMatchObject({ code: 'RPC_ERROR' });
    const reserved = createFaxmaxClient({ ...BASE_OPTIONS, fetch: errorReply(-32601) });
    await expect(reserved.login({ username: 'u', password: 'p' })).rejects.toMatchObject({
      code: 'RPC_ERROR',
    });
  });
});
