// Wire fixtures, one folder per case under test/fixtures/<Operation>/<case>/:
//   input.json   -> the exact request.xml the client sends
//   response.xml -> the exact output.json the client returns (or the error it throws)
// Set SSO_UPDATE_FIXTURES=1 to write a missing request.xml (then review it before committing).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSsoError } from '@sso/core/provider';
import { describe, expect, it } from 'vitest';
import { createEuromsgClient, EUROMSG_PLATFORMS, type PostOperationName } from '../src/index.js';

const root = new URL('./fixtures/', import.meta.url).pathname;
const cases = readdirSync(root).flatMap((op) => readdirSync(join(root, op)).map((name) => `${op}/${name}`));

interface Input {
  call: 'login' | 'logout' | 'callPost';
  serviceTicket?: string;
  operation?: PostOperationName;
  input?: Record<string, unknown>;
  responseStatus?: number;
}

describe('golden wire fixtures', () => {
  it('has fixtures for auth.asmx and post.asmx, errors included', () => {
    expect(cases.length).toBeGreaterThanOrEqual(9);
  });

  it.each(cases)('%s', async (name) => {
    const dir = join(root, name);
    const input = JSON.parse(readFileSync(join(dir, 'input.json'), 'utf8')) as Input;
    const response = readFileSync(join(dir, 'response.xml'), 'utf8');
    const requests: Array<{ url: string; headers: Record<string, string>; body: string }> = [];
    const client = createEuromsgClient({
      baseUrl: EUROMSG_PLATFORMS.live,
      username: 'demo-ws-user',
      password: 'demo-ws-password',
      fetch: async (url, init) => {
        requests.push({
          url: String(url),
          headers: init?.headers as Record<string, string>,
          body: String(init?.body),
        });
        return new Response(response, {
          status: input.responseStatus ?? 200,
          headers: { 'content-type': 'text/xml; charset=utf-8' },
        });
      },
    });
    let outcome: unknown;
    try {
      if (input.call === 'login') outcome = await client.login();
      else if (input.call === 'logout')
        outcome = { result: (await client.logout(input.serviceTicket!)) ?? null };
      else
        outcome = {
          result: await client.callPost(input.operation!, input.input as never, input.serviceTicket!),
        };
    } catch (error) {
      if (!isSsoError(error)) throw error;
      outcome = { error: JSON.parse(JSON.stringify(error)) };
    }
    expect(requests).toHaveLength(1);
    const requestFile = join(dir, 'request.xml');
    if (!existsSync(requestFile) && process.env.SSO_UPDATE_FIXTURES === '1') {
      writeFileSync(requestFile, `${requests[0]!.body}\n`);
    }
    expect(`${requests[0]!.body}\n`).toBe(readFileSync(requestFile, 'utf8'));
    const service = input.call === 'callPost' ? 'post' : 'auth';
    expect(requests[0]!.url).toBe(`https://ws.euromsg.com/live/${service}.asmx`);
    expect(outcome).toEqual(JSON.parse(readFileSync(join(dir, 'output.json'), 'utf8')));
  });
});
