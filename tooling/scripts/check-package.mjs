#!/usr/bin/env node
// Packaging gate for one publishable package (run from its folder): publint on the package and
// @arethetypeswrong/cli on the tarball pnpm would publish (workspace: and catalog: specifiers
// resolved, exactly what users install).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
run('publint', ['--strict', '--level', 'suggestion']);
const dir = mkdtempSync(join(tmpdir(), 'sso-pack-'));
try {
  execFileSync('pnpm', ['pack', '--pack-destination', dir], { stdio: 'ignore' });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('pnpm pack produced no tarball');
  run('attw', [join(dir, tarball), '--format', 'table-flipped']);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
