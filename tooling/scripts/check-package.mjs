#!/usr/bin/env node
// Packaging gate for one publishable package (run from its folder): publint on the package and
// @arethetypeswrong/cli on the tarball pnpm would publish (workspace: and catalog: specifiers
// resolved, exactly what users install). attw uses the node16 profile: node10 resolution
// predates `exports` and cannot see subpaths such as `./testing`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => new URL(`../../node_modules/.bin/${name}`, import.meta.url).pathname;
const run = (cmd, args) => execFileSync(bin(cmd), args, { stdio: 'inherit' });
const dir = mkdtempSync(join(tmpdir(), 'sso-pack-'));
try {
  run('publint', ['--strict', '--level', 'suggestion']);
  execFileSync('pnpm', ['pack', '--pack-destination', dir], { stdio: 'ignore' });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('pnpm pack produced no tarball');
  run('attw', [join(dir, tarball), '--profile', 'node16', '--format', 'table-flipped']);
} catch (error) {
  console.error(`package check failed: ${error.message.split('\n')[0]}`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
