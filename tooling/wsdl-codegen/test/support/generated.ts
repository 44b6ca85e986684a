// Generates a fixture's module, typechecks it and loads its service descriptor for the engine.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SoapServiceDescriptor } from '@sso/soap';
import { toJs, typecheck } from '../../src/corpus/typecheck.mjs';
import { emit, readWsdl } from '../../src/generate.mjs';

const dir = mkdtempSync(join(tmpdir(), 'sso-codegen-test-'));
let n = 0;

export const fixture = (name: string): string => new URL(`../fixtures/${name}`, import.meta.url).pathname;

export async function generated(name: string, options: { service?: string; port?: string } = {}) {
  const path = fixture(name);
  const model = await readWsdl(readFileSync(path, 'utf8'), path, options);
  const text = emit(model, { source: name });
  const base = join(dir, `m${n++}`);
  writeFileSync(`${base}.ts`, text);
  writeFileSync(`${base}.mjs`, toJs(text));
  const module = await import(pathToFileURL(`${base}.mjs`).href);
  return {
    model,
    text,
    service: module.service as SoapServiceDescriptor,
    skipped: module.skipped as string[],
    typeErrors: () => typecheck([`${base}.ts`]).get(`${base}.ts`),
  };
}
