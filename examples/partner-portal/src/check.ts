import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { PROVIDER_TITLES, type ProviderKey } from './flows.js';

export interface CheckResult {
  provider: ProviderKey;
  flow: string;
  ok: boolean;
  /** What was seen (the signed-in user, the steps) or why it failed. */
  detail: string;
  ms: number;
}

export interface CheckOptions {
  /** The portal's URL, e.g. `http://127.0.0.1:3000`. */
  portalUrl: string;
  username?: string;
  password?: string;
  /** Save one screenshot per flow here (`<provider>.png`). */
  screenshotDir?: string;
  /** Use this browser context instead of launching Chromium. */
  context?: BrowserContext;
}

export const FLOW_NAMES: Record<ProviderKey, string> = {
  beyondvisit: 'browser redirect → /external/Login/{token}',
  faxmax: 'browser redirect → /?token&code (3 s token)',
  gittigidiyor: 'createToken → login page → approve → callback',
  euromsg: 'server session: Login, PostHtml, GetPostResult, Logout',
  dia: 'server session: login, sis_kontor_sorgula, logout',
};

/** Signs in to the portal as `username` in this page; resolves on the provider list. */
export async function signIn(
  page: Page,
  portalUrl: string,
  username = 'ayse',
  password = 'demo',
): Promise<void> {
  await page.goto(`${portalUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${portalUrl}/`), page.click('button[type=submit]')]);
}

async function text(page: Page, selector: string): Promise<string> {
  return ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ').trim();
}

/** Fails at once when the portal shows no such button (the provider is not configured). */
async function requireButton(page: Page, testId: string): Promise<string> {
  const selector = `[data-testid=${testId}]`;
  if (!(await page.$(selector))) throw new Error(`no "${testId}" button: the provider is not configured`);
  return selector;
}

/** Clicks "Open BeyondVisit panel" and reads the panel's page. */
export async function beyondVisitFlow(page: Page, portalUrl: string): Promise<string> {
  await page.goto(`${portalUrl}/`);
  const button = await requireButton(page, 'open-beyondvisit');
  await Promise.all([page.waitForURL(/\/external\/Login\//), page.click(button)]);
  const result = await page.getAttribute('main[data-result]', 'data-result');
  if (result !== 'signed-in') throw new Error(`BeyondVisit page says ${result}: ${await text(page, 'main')}`);
  return `signed in as ${await text(page, '[data-field=name]')}`;
}

/** Clicks "Open FaxMAX" and waits for the FaxMAX page's verdict. */
export async function faxmaxFlow(page: Page, portalUrl: string, faxmaxPage = ''): Promise<string> {
  await page.goto(`${portalUrl}/`);
  if (faxmaxPage) await page.selectOption('select[name=page]', faxmaxPage);
  const button = await requireButton(page, 'open-faxmax');
  await Promise.all([page.waitForURL((url) => !url.href.startsWith(portalUrl)), page.click(button)]);
  await page.waitForSelector('#result[data-status=signed-in], #result[data-status=refused]');
  const status = await page.getAttribute('#result', 'data-status');
  const headline = await text(page, '#headline');
  if (status !== 'signed-in') throw new Error(`FaxMAX page says ${headline}: ${await text(page, '#detail')}`);
  return headline;
}

/** Connects GittiGidiyor: the login page, Approve, and back to the portal with a session. */
export async function gittiGidiyorFlow(page: Page, portalUrl: string): Promise<string> {
  await page.goto(`${portalUrl}/`);
  const button = await requireButton(page, 'open-gittigidiyor');
  await Promise.all([page.waitForURL((url) => !url.href.startsWith(portalUrl)), page.click(button)]);
  const refusal = await page.$('[data-testid=refusal]');
  if (refusal)
    throw new Error(`GittiGidiyor login page refused: ${await text(page, '[data-testid=refusal]')}`);
  const nick = await text(page, '[data-testid=user]');
  await Promise.all([
    page.waitForURL(`${portalUrl}/`),
    page.getByRole('button', { name: 'Approve' }).click(),
  ]);
  const session = await text(page, '[data-testid=gittigidiyor-session]');
  if (!session.startsWith('connected'))
    throw new Error(`GittiGidiyor not connected: ${await text(page, 'main')}`);
  return `approved as ${nick}, ${session}`;
}

/** Runs a server-side session from the status page and reads its steps. */
export async function serverSessionFlow(
  page: Page,
  portalUrl: string,
  provider: 'euromsg' | 'dia',
): Promise<string> {
  await page.goto(`${portalUrl}/status`);
  const button = await requireButton(page, `run-${provider}`);
  await Promise.all([page.waitForURL(`${portalUrl}/status`), page.click(button)]);
  const rows = await page.$$eval(`[data-testid=${provider}-steps] tbody tr`, (trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())),
  );
  if (rows.length === 0) throw new Error(`no ${provider} steps shown`);
  const failed = rows.filter((row) => row[1] !== 'ok');
  if (failed.length > 0) throw new Error(failed.map((row) => `${row[0]}: ${row[2]}`).join('; '));
  return rows.map((row) => row[0]).join(' → ');
}

const FLOWS: Record<ProviderKey, (page: Page, portalUrl: string) => Promise<string>> = {
  beyondvisit: beyondVisitFlow,
  faxmax: (page, url) => faxmaxFlow(page, url),
  gittigidiyor: gittiGidiyorFlow,
  euromsg: (page, url) => serverSessionFlow(page, url, 'euromsg'),
  dia: (page, url) => serverSessionFlow(page, url, 'dia'),
};

/** Runs the five flows headless against a running portal, one after the other. */
export async function runChecks(options: CheckOptions): Promise<CheckResult[]> {
  const portalUrl = options.portalUrl.replace(/\/+$/, '');
  const browser = options.context ? undefined : await launchBrowser();
  const context = options.context ?? browser!.context;
  const results: CheckResult[] = [];
  try {
    if (options.screenshotDir) await mkdir(options.screenshotDir, { recursive: true });
    const login = await context.newPage();
    await signIn(login, portalUrl, options.username, options.password);
    await login.close();
    for (const provider of Object.keys(FLOWS) as ProviderKey[]) {
      const page = await context.newPage();
      const started = performance.now();
      let ok = false;
      let detail: string;
      try {
        detail = await FLOWS[provider](page, portalUrl);
        ok = true;
      } catch (error) {
        detail = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'failed';
      }
      const ms = Math.round(performance.now() - started);
      if (options.screenshotDir) {
        await page
          .screenshot({ path: join(options.screenshotDir, `${provider}.png`), fullPage: true })
          .catch(() => {});
      }
      await page.close();
      results.push({ provider, flow: FLOW_NAMES[provider], ok, detail, ms });
    }
  } finally {
    await browser?.close();
  }
  return results;
}

/** The result table `pnpm demo --check` prints. */
export function formatTable(results: readonly CheckResult[]): string {
  const rows = [
    ['provider', 'flow', 'result', 'ms', 'detail'],
    ...results.map((r) => [
      PROVIDER_TITLES[r.provider],
      r.flow,
      r.ok ? 'PASS' : 'FAIL',
      String(r.ms),
      r.detail,
    ]),
  ];
  const widths = [0, 1, 2, 3].map((col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, col) =>
        col === 3 ? cell.padStart(widths[col] ?? 0) : col < 4 ? cell.padEnd(widths[col] ?? 0) : cell,
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ') + '  ------';
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}
