// Wire fixtures under test/fixtures/createToken/<case>/: input.json (clock and lang) -> the exact
// request.xml; response.xml -> the exact output.json (result or error). SSO_UPDATE_FIXTURES=1
// writes a missing request.xml for review.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSsoError } from '@sso/core/provider';
import { describe, expect, it } from 'vitest';
import { createGittiGidiyorClient } from '../src/index.js';
import { GITTIGIDIYOR_DEMO } from '../src/testing/index.js';

const root = new URL('./fixtures/createToken/', import.meta.url).pathname;
const cases = readdirSync(root);

describe('golden wire fixtures: createToken', () => {
  it.each(cases)('%s', async (name) => {
    const dir = join(root, name);
    const input = JSON.parse(readFileSync(join(dir, 'input.json'), 'utf8')) as {
      time: number;
      lang: 'tr' | 'en';
      responseStatus?: number;
    };
    const response = readFileSync(join(dir, 'response.xml'), 'utf8');
    const bodies: string[] = [];
    const client = createGittiGidiyorClient({
      ...GITTIGIDIYOR_DEMO,
      lang: input.lang,
      now: () => input.time,
      fetch: async (_url, init) => {
        bodies.push(String(init?.body));
        return new Response(response, {
          status: input.responseStatus ?? 200,
          headers: { 'content-type': 'text/xml' },
        });
      },
    });
    let outcome: unknown;
    try {
      outcome = { result: await client.createToken() };
    } catch (error) {
      if (!isSsoError(error)) throw error;
      outcome = { error: JSON.parse(JSON.stringify(error)) };
    }
    const requestFile = join(dir, 'request.xml');
    if (!existsSync(requestFile) && process.env.SSO_UPDATE_FIXTURES === '1')
      writeFileSync(requestFile, `${bodies[0]}\n`);
    expect(`${bodies[0]}\n`).toBe(readFileSync(requestFile, 'utf8'));
    expect(outcome).toEqual(JSON.parse(readFileSync(join(dir, 'output.json'), 'utf8')));
  });
});
