// One look for every browser page a simulator (or the sandbox) serves: a header naming the provider,
// a card with the content, an optional way back to where the user came from, and folded details for
// developers. Providers pass markup they built with `escapeHtml`; the shell never sees raw input.
import { escapeHtml, respond } from './kit.js';

/** The id of the shell's one `<style>` element: present on every page built with `simulatorPage`. */
export const SIMULATOR_PAGE_STYLE_ID = 'sso-simulator-page';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f5f9;color:#1d2433}
header.shell{background:#17324d;color:#fff;padding:12px 24px;display:flex;align-items:center;gap:12px}
header.shell .provider{font-size:17px;font-weight:600}
header.shell .tag{font-size:11px;font-weight:600;text-transform:uppercase;letter-spacing:.6px;background:#2b4d70;border-radius:20px;padding:2px 8px}
header.shell a{margin-left:auto;color:#cfe0f3}
main{max-width:44rem;margin:28px auto;padding:22px 26px;background:#fff;border:1px solid #dde3ec;border-radius:12px}
main.wide{max-width:64rem}
h1{font-size:22px;margin:0 0 10px}
h2{font-size:18px;margin:18px 0 6px}
h3{font-size:15px;margin:12px 0 4px}
[data-result=signed-in] h1,[data-status=signed-in] h1{color:#17672f}
[data-result=refused] h1,[data-status=refused] h1{color:#a11d1d}
p.next{color:#4a5568}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:8px 0}
dt{color:#5a6b82}
dd{margin:0;word-break:break-word}
code{font-family:ui-monospace,Menlo,monospace;font-size:.92em;background:#edf1f7;border-radius:4px;padding:0 4px}
button{background:#1f6feb;color:#fff;border:0;border-radius:6px;padding:8px 16px;font:inherit;font-weight:600;cursor:pointer}
details.developer{margin-top:18px;border-top:1px solid #edf1f7;padding-top:10px;font-size:13px;color:#4a5568}
details.developer summary{cursor:pointer;color:#5a6b82}
a.back{display:inline-block;margin-top:16px}
section{border-top:1px solid #edf1f7;padding:6px 0}
ul.plain{list-style:none;padding:0}
.tag{font-size:11px;background:#edf1f7;color:#5a6b82;border-radius:20px;padding:1px 7px}
`;

/** A link back to the site the user came from. */
export interface PageLink {
  href: string;
  label: string;
}

export interface SimulatorPageOptions {
  /** Who serves the page, shown in the header and the title: `BeyondVisit`, `FaxMAX`, `sso sandbox`. */
  provider: string;
  /** The page's own title (plain text). */
  title: string;
  /** The content of `<main>`: markup built with `escapeHtml`. */
  body: string;
  /** Attributes of `<main>` (markup), e.g. `data-result="refused"`. */
  mainAttributes?: string;
  /** Document language. Default `en`. */
  lang?: string;
  /** Shown in the header and under the content. */
  back?: PageLink;
  /** Inline script run at the end of the body. */
  script?: string;
  /** Wider content area (tables, lists of accounts). */
  wide?: boolean;
}

/** A complete HTML document in the shared look. */
export function simulatorPage(options: SimulatorPageOptions): string {
  const back = options.back
    ? { href: escapeHtml(options.back.href), label: escapeHtml(options.back.label) }
    : undefined;
  const mainAttributes = [options.wide ? 'class="wide"' : '', options.mainAttributes ?? '']
    .filter(Boolean)
    .join(' ');
  return `<!doctype html>
<html lang="${escapeHtml(options.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(options.title)} · ${escapeHtml(options.provider)}</title>
<style id="${SIMULATOR_PAGE_STYLE_ID}">${STYLE}</style>
</head>
<body>
<header class="shell"><span class="provider">${escapeHtml(options.provider)}</span><span class="tag">simulator</span>${
    back ? `<a href="${back.href}" data-back="header">${back.label}</a>` : ''
  }</header>
<main${mainAttributes ? ` ${mainAttributes}` : ''}>
${options.body}
${back ? `<a class="back" href="${back.href}" data-back="main">${back.label}</a>` : ''}
</main>
${options.script ? `<script>${options.script}</script>\n` : ''}</body>
</html>
`;
}

/** A page in the shared look as a response; pages are never cached (they show one moment's state). */
export function pageResponse(
  options: SimulatorPageOptions,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return respond.html(simulatorPage(options), status, { 'cache-control': 'no-store', ...headers });
}

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
  timeZone: 'UTC',
});

/** An instant in words, e.g. `6 December 2026 at 16:40:45 UTC`. */
export function formatInstant(epochMs: number): string {
  return `${DATE_FORMAT.format(new Date(epochMs))} UTC`;
}

/**
 * A `<time>` element showing an instant in words; the machine value stays in `datetime` (ISO 8601)
 * and the Unix seconds in the tooltip, for developers.
 */
export function timeElement(epochMs: number): string {
  const date = new Date(epochMs);
  return `<time datetime="${date.toISOString()}" title="Unix time ${Math.floor(epochMs / 1000)}">${escapeHtml(
    formatInstant(epochMs),
  )}</time>`;
}

/** Developer details folded away under a summary: rows of label and plain-text value. */
export function developerDetails(rows: ReadonlyArray<readonly [label: string, value: string]>): string {
  const items = rows
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd><code>${escapeHtml(value)}</code></dd>`)
    .join('');
  return `<details class="developer"><summary>Details for developers</summary><dl>${items}</dl></details>`;
}

/** A simulator's `GET /` at a glance: counters as of a moment, and how to begin. */
export interface StatusOverview {
  provider: string;
  title: string;
  lang?: string;
  /** Markup between the title and the counters. */
  lead?: string;
  rows: ReadonlyArray<readonly [label: string, value: string | number]>;
  at: number;
  /** Markup: what to send to begin. */
  next: string;
}

/** A simulator's status page, the same on every simulator that has one. */
export function statusPage(status: StatusOverview): Response {
  const rows = status.rows
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(String(value))}</dd>`)
    .join('');
  const lead = status.lead ? `${status.lead}\n` : '';
  return pageResponse({
    provider: status.provider,
    title: status.title,
    ...(status.lang ? { lang: status.lang } : {}),
    body: `<h1>${escapeHtml(status.title)}</h1>
${lead}<dl>${rows}
<dt>As of</dt><dd>${timeElement(status.at)}</dd></dl>
<p class="next">${status.next}</p>`,
  });
}

/** What a refused sign-in page says: the sentence, what to do next, and the folded details. */
export interface Refusal {
  sentence: string;
  next: string;
  details: ReadonlyArray<readonly [label: string, value: string]>;
  /** Attributes of the sentence's `<p>` (markup), e.g. `role="alert"`. */
  sentenceAttributes?: string;
}

/** The body of a refused sign-in, the same on every simulator. */
export function refusalBody(refusal: Refusal): string {
  const attributes = refusal.sentenceAttributes ? ` ${refusal.sentenceAttributes}` : '';
  return `<h1>Sign-in refused</h1>
<p${attributes}>${escapeHtml(refusal.sentence)}</p>
<p class="next">${escapeHtml(refusal.next)}</p>
${developerDetails(refusal.details)}`;
}

/**
 * The link back to a site named by a request parameter (`return`, a redirect URL): only absolute
 * http(s) URLs are accepted, and the label names the site's origin.
 */
export function backLink(target: string | null | undefined): PageLink | undefined {
  if (!target) return undefined;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return { href: url.href, label: `Back to ${url.host}` };
}
