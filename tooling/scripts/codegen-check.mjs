#!/usr/bin/env node
// Regenerates every src/generated/ folder and fails if any file changed, appeared or vanished:
// generated code must always be what `pnpm codegen` writes from specs/.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

function generatedFiles() {
  const out = new Map();
  const packages = join(root, 'packages');
  for (const name of readdirSync(packages)) {
    const dir = join(packages, name, 'src', 'generated');
    if (existsSync(dir)) walk(dir, out);
  }
  return out;
}
function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.set(relative(root, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
  }
}

const before = generatedFiles();
const result = spawnSync('pnpm', ['exec', 'turbo', 'run', 'codegen', '--output-logs=errors-only'], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);
const after = generatedFiles();
const drift = [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f));
if (drift.length > 0) {
  console.error(
    `Generated code is out of date with specs/ (run \`pnpm codegen\` and commit):\n  ${drift.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(`codegen: ${after.size} generated files match specs/`);
