#!/usr/bin/env node
// `pnpm demo`: starts the @sso sandbox and the partner portal and prints both URLs (Ctrl-C stops both).
// `pnpm demo --check`: the same on free ports, then the five flows headless in Chromium; prints a
// table and exits 0 only if every flow passed.
// `pnpm demo --screenshot`: the same as --check, and saves the portal's provider page as docs/portal.png.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSandbox, stopSignal } from '@sso/sandbox';
import {
  BrowserMissingError,
  ENV_VARIABLES,
  formatTable,
  gittiGidiyorFlow,
  launchBrowser,
  runChecks,
  serverSessionFlow,
  signIn,
  startPartnerPortal,
} from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    screenshot: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('Usage: pnpm demo [--check] [--screenshot] [--quiet]\n\nEnvironment:');
  for (const [name, meaning] of ENV_VARIABLES) console.log(`  ${name.padEnd(32)} ${meaning}`);
  process.exit(0);
}

const headless = values.check || values.screenshot;
const log = values.quiet || headless ? undefined : (line) => console.log(`portal   ${line}`);
const sandboxLog = values.quiet || headless ? undefined : (line) => console.log(`sandbox  ${line}`);
const sandboxPort = process.env.SSO_SANDBOX_PORT ? Number(process.env.SSO_SANDBOX_PORT) : headless ? 0 : 4010;

let sandbox;
try {
  sandbox = await startSandbox({ port: sandboxPort, ...(sandboxLog ? { log: sandboxLog } : {}) });
} catch (error) {
  console.error(`demo: the sandbox did not start: ${error instanceof Error ? error.message : String(error)}`);
  console.error('demo: set SSO_SANDBOX_PORT (0 = any free port) to use another port.');
  process.exit(1);
}
let portal;
try {
  portal = await startPartnerPortal({ sandbox, port: headless ? 0 : 3000, ...(log ? { log } : {}) });
} catch (error) {
  await sandbox.close();
  console.error(`demo: the portal did not start: ${error instanceof Error ? error.message : String(error)}`);
  console.error('demo: set SSO_PORTAL_PORT (0 = any free port) to use another port.');
  process.exit(1);
}

let closing;
function shutdown() {
  closing ??= Promise.allSettled([portal.close(), sandbox.close()]);
  return closing;
}

console.log(`sandbox  ${sandbox.url}/`);
console.log(`portal   ${portal.url}/   (sign in as ayse / demo)`);
const sources = Object.entries(portal.sources)
  .map(([provider, source]) => `${provider}=${source}`)
  .join(' ');
console.log(`providers ${sources}`);

if (headless) {
  let exitCode = 1;
  try {
    if (values.check) {
      const results = await runChecks({
        portalUrl: portal.url,
        password: process.env.SSO_PORTAL_PASSWORD || 'demo',
        screenshotDir: join(root, 'test-artifacts', 'demo-check'),
      });
      console.log(`\n${formatTable(results)}\n`);
      const passed = results.filter((r) => r.ok).length;
      console.log(`${passed}/${results.length} flows passed`);
      exitCode = passed === results.length ? 0 : 1;
    }
    if (values.screenshot) {
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        await signIn(page, portal.url, 'ayse', process.env.SSO_PORTAL_PASSWORD || 'demo');
        // A lived-in provider page: GittiGidiyor connected, Euromsg and DIA run once.
        await gittiGidiyorFlow(page, portal.url);
        await serverSessionFlow(page, portal.url, 'euromsg');
        await serverSessionFlow(page, portal.url, 'dia');
        await page.goto(`${portal.url}/`);
        const file = join(root, 'docs', 'portal.png');
        await mkdir(dirname(file), { recursive: true });
        await page.screenshot({ path: file, fullPage: true });
        console.log(`screenshot ${file}`);
        if (!values.check) exitCode = 0;
      } finally {
        await browser.close();
      }
    }
  } catch (error) {
    // A missing browser is a setup step, not a bug: its one-line message says what to do.
    const text =
      error instanceof BrowserMissingError
        ? error.message
        : error instanceof Error
          ? error.stack
          : String(error);
    console.error(`demo: ${text}`);
    exitCode = 1;
  } finally {
    await shutdown();
  }
  process.exit(exitCode);
}

console.log('Press Ctrl-C to stop.');
stopSignal().signal.addEventListener('abort', () => {
  shutdown().then((results) => {
    const failed = results.filter((result) => result.status === 'rejected');
    for (const result of failed) console.error(`demo: ${result.reason}`);
    // After the terminal's ^C: one line, on a line of its own.
    console.log(failed.length === 0 ? '\nstopped' : '\nstopped with errors');
    process.exit(failed.length === 0 ? 0 : 1);
  });
});
