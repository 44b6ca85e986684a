import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateModel, readSpec } from '../../../tooling/spec-model/src/index.mjs';
import { createBeyondVisitClient } from '../src/index.js';
import { rejectionOf, scriptedFetch } from './helpers.js';

// A spec change reaches the client through `pnpm codegen` alone: the spec below requires one more
// field in LoginToken's success body, and the client built on its generated model refuses an answer
// without it, while today's client (built on the committed model) accepts the same answer.
const spec = readSpec(new URL('../../../specs/beyondvisit/openapi.yaml', import.meta.url).pathname);
const success = spec.components.schemas.LoginTokenSuccess;
success.required.push('expiresIn');
success.properties.expiresIn = { type: 'integer' };

const dir = mkdtempSync(join(import.meta.dirname, '.tmp-bv-spec-'));
const modelPath = join(dir, 'model.ts');
writeFileSync(modelPath, generateModel(spec, 'a fixture'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const answer = {
  status: 200,
  body: '{"status":true,"message":"Success","loginToken":"t0k3n","userCode":"u1"}',
};
const options = { apiKey: 'fixture-api-key', secretKey: 'fixture-secret' };

describe('a spec change drives the client with no hand edit', () => {
  it('the committed model accepts the answer', async () => {
    const { fetch } = scriptedFetch(answer);
    const client = createBeyondVisitClient({ ...options, fetch });
    await expect(client.createLoginToken({ userToken: 'u' })).resolves.toEqual({
      loginToken: 't0k3n',
      userCode: 'u1',
    });
  });

  it('a model generated from the changed spec makes the client reject it', async () => {
    vi.resetModules();
    vi.doMock('../src/generated/model.js', () => import(/* @vite-ignore */ modelPath));
    const changed = await import('../src/client.js');
    const { fetch } = scriptedFetch(answer);
    const client = changed.createBeyondVisitClient({ ...options, fetch });
    expect(await rejectionOf(client.createLoginToken({ userToken: 'u' }))).toMatchObject({
      code: 'MALFORMED_RESPONSE',
      message: expect.stringMatching(/response\.expiresIn is required/),
    });
    const { fetch: withField } = scriptedFetch({
      ...answer,
      body: answer.body.replace('}', ',"expiresIn":60}'),
    });
    const ok = changed.createBeyondVisitClient({ ...options, fetch: withField });
    await expect(ok.createLoginToken({ userToken: 'u' })).resolves.toMatchObject({ loginToken: 't0k3n' });
    vi.doUnmock('../src/generated/model.js');
  });
});
