import { startSandbox } from '@sso/sandbox';

const faults =
  process.argv[2] === 'none'
    ? undefined
    : { latencyMs: [0, 40], reset: 0.07, http500: 0.07, truncate: 0.06, seed: 4242 };
const sb = await startSandbox({ port: 0, ...(faults ? { faults } : {}) });
const { spawn } = await import('node:child_process');
const t0 = Date.now();
const child = spawn(
  process.execPath,
  ['src/load.mjs', JSON.stringify({ sandboxUrl: sb.url, calls: 200, concurrency: 16, timeoutMs: 300 })],
  { stdio: ['ignore', 'pipe', 'ignore'] },
);
let out = '';
child.stdout.on('data', (c) => (out += c));
await new Promise((r) => child.on('exit', r));
const rep = JSON.parse(out);
for (const [id, e] of Object.entries(rep.providers))
  console.log(id, JSON.stringify({ ...e.main, violations: undefined }));
console.log(Date.now() - t0, 'ms', sb.faults.stats());
await sb.close();
