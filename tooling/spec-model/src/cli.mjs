#!/usr/bin/env node
// spec-model <spec> <out.ts>: writes the generated model of one spec (run by a package's `codegen`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { generateModel, readSpec } from './index.mjs';

const [spec, out] = process.argv.slice(2);
if (!spec || !out) {
  console.error('usage: spec-model <spec.yaml|spec.json> <out.ts>');
  process.exit(2);
}
const root = resolve(import.meta.dirname, '../../..');
const text = generateModel(readSpec(spec), relative(root, resolve(spec)));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, text);
