#!/usr/bin/env node
// `pnpm test`: every gate CI runs, in order, then one closing line summed over every vitest run:
//   prerequisites (Chromium, redis-server, python3-zeep; installed from Debian when missing)
//   → biome (format + lint) → codegen drift → turbo build, typecheck, lint (publint + attw), test
//   → the root commands as a user types them (tooling/user-commands).
// Later steps still run after a failure so one run reports everything; the exit code is non-zero
// if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const workspaceDirs = ['packages', 'tooling', 'examples'].flatMap((group) => {
  const dir = join(root, group);
  return existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : [];
});

for (const dir of workspaceDirs) rmSync(join(dir, '.vitest-report.json'), { force: true });

const steps = [
  ['prerequisites', ['node', 'tooling/scripts/prerequisites.mjs']],
  ['biome', ['pnpm', 'exec', 'biome', 'check', '.']],
  ['codegen drift', ['node', 'tooling/scripts/codegen-check.mjs']],
  [
    'build, typecheck, lint, test',
    // Two tasks at a time: the machines have two cores, and the real-socket, Redis, browser and
    // fault suites measure time; more parallel work only makes them wait on the CPU.
    ['pnpm', 'exec', 'turbo', 'run', 'build', 'typecheck', 'lint', 'test', '--continue', '--concurrency=2'],
  ],
  // Last and outside turbo: these run `pnpm sandbox`, `pnpm demo` and `pnpm sso`, which start turbo.
  ['root commands', ['pnpm', '--filter', '@sso/user-commands', 'run', 'test:user-commands']],
];
const failedSteps = [];
for (const [name, [cmd, ...args]] of steps) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) failedSteps.push(name);
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of workspaceDirs) {
  const report = join(dir, '.vitest-report.json');
  if (!existsSync(report)) continue;
  const data = JSON.parse(readFileSync(report, 'utf8'));
  passed += data.numPassedTests;
  failed += data.numFailedTests;
  skipped += data.numPendingTests + data.numTodoTests;
  // A suite that failed to load counts as a failure even though it has no failed test.
  failed += data.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  ).length;
}
if (failedSteps.length > 0) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(
  `${passed} passed, ${failed + (failedSteps.length > 0 && failed === 0 ? 1 : 0)} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0);
