import { access, constants, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Flags for Debian's Chromium on a machine without outside network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface HeadlessBrowser {
  context: BrowserContext;
  /** Closes the browser and deletes its profile directory. */
  close(): Promise<void>;
}

/** No Chromium where the portal looks for one; the message says how to get one, in one line. */
export class BrowserMissingError extends Error {
  override readonly name = 'BrowserMissingError';
}

/** Launches headless Chromium (`CHROMIUM_PATH` or `/usr/bin/chromium`) with a fresh temporary profile. */
export async function launchBrowser(): Promise<HeadlessBrowser> {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  try {
    await access(executablePath, constants.X_OK);
  } catch {
    throw new BrowserMissingError(
      `no Chromium at ${executablePath}: install it (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary`,
    );
  }
  const profile = await mkdtemp(join(tmpdir(), 'partner-portal-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1180, height: 760 },
      timeout: 30_000,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(15_000);
  return {
    context,
    async close() {
      try {
        await context.close();
      } finally {
        await rm(profile, { recursive: true, force: true, maxRetries: 3 });
      }
    },
  };
}
