#!/usr/bin/env node
import { main } from './main.js';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => controller.abort());
}
main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  signal: controller.signal,
}).then(
  (code) => {
    process.exitCode = code;
    // Commands are done: signal handlers must not keep the process waiting.
    controller.abort();
  },
  (error: unknown) => {
    process.stderr.write(`sso: internal error: ${error instanceof Error ? error.name : 'unknown'}\n`);
    process.exitCode = 1;
  },
);
