import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFaxmaxClient, FAXMAX_METHODS, TOKEN_LOGIN_ALIAS } from '../src/index.js';
import { createFaxmaxSimulator } from '../src/testing/index.js';
import { answer, BASE_OPTIONS, recordingFetch, rpcOf } from './helpers.js';

interface SpecMethod {
  name: string;
  paramStructure?: string;
  params: Array<{ name: string; required?: boolean }>;
  'x-aliases'?: string[];
}
const spec = JSON.parse(
  readFileSync(new URL('../../../specs/faxmax/openrpc.json', import.meta.url), 'utf8'),
) as {
  openrpc: string;
  methods: SpecMethod[];
};

describe('specs/faxmax/openrpc.json and the client method table agree', () => {
  it('is an OpenRPC 1.x document', () => {
    expect(spec.openrpc).toMatch(/^1\.\d+\.\d+$/);
  });

  it('lists exactly the methods the client calls', () => {
    expect(spec.methods.map((m) => m.name).sort()).toEqual(
      Object.values(FAXMAX_METHODS)
        .map((m) => m.name)
        .sort(),
    );
  });

  for (const method of Object.values(FAXMAX_METHODS)) {
    it(`${method.name}: same parameter names and required flags, named parameters`, () => {
      const entry = spec.methods.find((m) => m.name === method.name)!;
      expect(entry.paramStructure).toBe('by-name');
      expect(Object.fromEntries(entry.params.map((p) => [p.name, p.required === true]))).toEqual(
        method.params,
      );
    });
  }

  it('records the alias the document also uses for the token login', () => {
    expect(spec.methods.find((m) => m.name === FAXMAX_METHODS.tokenLogin.name)?.['x-aliases']).toEqual([
      TOKEN_LOGIN_ALIAS,
    ]);
  });

  it('what the client sends matches the table (method names and parameter keys)', async () => {
    const { fetch, requests } = recordingFetch(answer({ token: 'S' }));
    const client = createFaxmaxClient({ ...BASE_OPTIONS, fetch });
    await client.login({ username: 'u', password: 'p' });
    await client.tokenLogin({ username: 'u', remoteIp: '10.0.0.1' });
    const sent = requests.map(rpcOf);
    for (const [rpc, method] of [
      [sent[0]!, FAXMAX_METHODS.login],
      [sent[1]!, FAXMAX_METHODS.tokenLogin],
    ] as const) {
      expect(rpc.method).toBe(method.name);
      expect(Object.keys(rpc.params).sort()).toEqual(Object.keys(method.params).sort());
    }
  });

  it('the simulator answers every method of the spec (none is "method not found")', async () => {
    const simulator = createFaxmaxSimulator();
    for (const method of spec.methods) {
      const response = await simulator.handle(
        new Request('http://simulator/api/v1', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: method.name, params: {} }),
        }),
      );
      const reply = (await response.json()) as { error?: { code: number } };
      expect(reply.error?.code).toBe(-32602); // known method, missing params
    }
  });
});
