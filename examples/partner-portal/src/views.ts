import { formatInstant } from '@sso/core/simulator';
import { type FlowReport, type PortalProviders, PROVIDER_TITLES, type ProviderKey } from './flows.js';
import { html, SafeHtml } from './html.js';
import { mask } from './mask.js';
import type { PortalSession, PortalUser } from './sessions.js';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f5f9;color:#1d2433}
header{background:#17324d;color:#fff;padding:14px 28px;display:flex;align-items:center;gap:18px}
header h1{font-size:18px;margin:0;font-weight:600;letter-spacing:.2px}
header nav{display:flex;gap:14px;flex:1}
header nav a{color:#cfe0f3;text-decoration:none}
header nav a.active,header nav a:hover{color:#fff;text-decoration:underline}
header .who{font-size:14px;color:#cfe0f3}
header form{margin:0}
main{max-width:1040px;margin:24px auto;padding:0 24px}
h2{font-size:20px;margin:0 0 6px}
p.lead{color:#4a5568;margin:0 0 18px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:16px}
.card{background:#fff;border:1px solid #dde3ec;border-radius:10px;padding:16px 18px;display:flex;flex-direction:column;gap:8px}
.card h3{margin:0;font-size:16px;display:flex;justify-content:space-between;align-items:center}
.card .kind{font-size:11px;font-weight:600;text-transform:uppercase;letter-spacing:.6px;color:#5a6b82;background:#edf1f7;border-radius:20px;padding:2px 8px}
.card dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:2px 10px;font-size:13px;color:#4a5568}
.card dt{color:#7a879a}
.card dd{margin:0;font-family:ui-monospace,Menlo,monospace;word-break:break-all}
.card form{margin-top:auto;display:flex;gap:8px;align-items:center}
button{background:#1f6feb;color:#fff;border:0;border-radius:6px;padding:8px 14px;font:inherit;font-weight:600;cursor:pointer}
button.secondary{background:#e6ebf2;color:#1d2433}
header button{background:transparent;border:1px solid #8aa5c2;color:#fff;padding:4px 10px;font-weight:500}
select,input{font:inherit;padding:7px 9px;border:1px solid #c5cfdc;border-radius:6px}
.flash{padding:10px 14px;border-radius:8px;margin-bottom:16px}
.flash p{margin:0}
.flash.ok{background:#e3f6e8;border:1px solid #a6dcb5}
.flash.error{background:#fdecec;border:1px solid #f2b8b8}
.badge{font-size:12px;font-weight:600;padding:2px 8px;border-radius:20px}
.badge.ok{background:#e3f6e8;color:#17672f}
.badge.fail{background:#fdecec;color:#a11d1d}
.badge.none{background:#edf1f7;color:#5a6b82}
table{width:100%;table-layout:fixed;border-collapse:collapse;background:#fff;border:1px solid #dde3ec;border-radius:8px;overflow:hidden;font-size:14px}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid #edf1f7;vertical-align:top}
th{background:#f7f9fc;color:#5a6b82;font-weight:600}
th:nth-child(1){width:22%}th:nth-child(2){width:11%}th:nth-child(4){width:8%}
th.ms,td.ms{text-align:right;font-variant-numeric:tabular-nums}
section{margin-bottom:26px}
.login{max-width:380px;margin:70px auto;background:#fff;border:1px solid #dde3ec;border-radius:12px;padding:26px}
.login label{display:block;font-size:13px;color:#4a5568;margin:12px 0 4px}
.login input{width:100%}
.login button{width:100%;margin-top:18px}
.hint{font-size:13px;color:#6b7890}
details.developer{margin-top:6px;font-size:13px;color:#4a5568}
details.developer summary{cursor:pointer;color:#5a6b82}
details.developer code{font-family:ui-monospace,Menlo,monospace;word-break:break-word}
footer{max-width:1040px;margin:10px auto 30px;padding:0 24px;font-size:12px;color:#7a879a}
`;

export interface LayoutInput {
  title: string;
  session?: PortalSession;
  user?: PortalUser;
  active?: 'home' | 'status';
  body: SafeHtml;
  footer?: string;
}

export function layout(input: LayoutInput): string {
  const nav = input.user
    ? html`<nav>
        <a href="/" class="${input.active === 'home' ? 'active' : ''}">Providers</a>
        <a href="/status" class="${input.active === 'status' ? 'active' : ''}">Server sessions</a>
      </nav>
      <span class="who" data-testid="who">Signed in as ${input.user.displayName}</span>
      <form method="post" action="/logout">${csrfField(input.session)}<button type="submit">Sign out</button></form>`
    : html`<nav></nav>`;
  return `<!doctype html>${html`<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${input.title} · Partner Portal</title><style>${new SafeHtml(STYLE)}</style></head>
<body><header><h1>Partner Portal</h1>${nav}</header>
<main>${input.body}</main>
${input.footer ? html`<footer>${input.footer}</footer>` : ''}
</body></html>`}`;
}

/** An instant in words, with the machine value kept in `datetime` for developers and scripts. */
export function timeTag(epochMs: number): SafeHtml {
  return html`<time datetime="${new Date(epochMs).toISOString()}">${formatInstant(epochMs)}</time>`;
}

/** What went wrong in a provider's words (codes, raw message), folded away for developers. */
function developerDetails(text: string): SafeHtml {
  return html`<details class="developer"><summary>Details for developers</summary><code data-testid="developer-details">${text}</code></details>`;
}

function csrfField(session: PortalSession | undefined): SafeHtml {
  return session ? html`<input type="hidden" name="csrf" value="${session.csrf}">` : html``;
}

function flash(session: PortalSession | undefined): SafeHtml {
  const message = session?.flash;
  if (!session || !message) return html``;
  session.flash = undefined;
  return html`<div class="flash ${message.kind}" role="status" data-testid="flash"><p data-testid="flash-text">${message.text}</p>${
    message.details ? developerDetails(message.details) : ''
  }</div>`;
}

export function loginPage(options: { error?: string; username?: string; hint?: string }): string {
  return layout({
    title: 'Sign in',
    body: html`<form class="login" method="post" action="/login">
      <h2>Sign in</h2>
      <p class="hint">Sign in to your partner account to reach your linked provider services.</p>
      ${options.error ? html`<div class="flash error" role="alert">${options.error}</div>` : ''}
      <label for="username">User name</label>
      <input id="username" name="username" autocomplete="username" value="${options.username ?? ''}" required>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <button type="submit">Sign in</button>
      ${options.hint ? html`<p class="hint">${options.hint}</p>` : ''}
    </form>`,
  });
}

function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url;
  }
}

function unavailable(provider: ProviderKey): SafeHtml {
  return html`<div class="card" data-provider="${provider}">
    <h3>${PROVIDER_TITLES[provider]} <span class="kind">not configured</span></h3>
    <p class="hint">No settings for ${PROVIDER_TITLES[provider]}; see the README for its variables.</p>
  </div>`;
}

function runBadge(report: FlowReport | undefined): SafeHtml {
  if (!report) return html`<span class="badge none">not run</span>`;
  return report.ok ? html`<span class="badge ok">ok</span>` : html`<span class="badge fail">failed</span>`;
}

export function dashboardPage(input: {
  session: PortalSession;
  user: PortalUser;
  providers: PortalProviders;
  footer: string;
}): string {
  const { session, user, providers } = input;
  const csrf = csrfField(session);
  const bv = providers.beyondvisit;
  const fx = providers.faxmax;
  const gg = providers.gittigidiyor;
  const link = session.gittigidiyor;
  const cards = [
    bv
      ? html`<div class="card" data-provider="beyondvisit">
      <h3>BeyondVisit <span class="kind">browser sign-in</span></h3>
      <dl><dt>Panel</dt><dd>${originOf(bv.baseUrl)}</dd>
      <dt>Your user</dt><dd>${user.beyondvisitUserToken ? mask(user.beyondvisitUserToken) : 'not linked'}</dd></dl>
      <form method="post" action="/open/beyondvisit">${csrf}
        <button type="submit" data-testid="open-beyondvisit" ${user.beyondvisitUserToken ? '' : 'disabled'}>Open BeyondVisit panel</button></form>
    </div>`
      : unavailable('beyondvisit'),
    fx
      ? html`<div class="card" data-provider="faxmax">
      <h3>FaxMAX <span class="kind">browser sign-in</span></h3>
      <dl><dt>Domain</dt><dd>${originOf(fx.baseUrl)}</dd>
      <dt>Your user</dt><dd>${user.faxmaxUsername ?? 'not linked'}</dd></dl>
      <form method="post" action="/open/faxmax">${csrf}
        <select name="page" aria-label="FaxMAX page">
          <option value="">Home</option>
          ${fx.pages.map((page) => html`<option value="${page}">${page}</option>`)}
        </select>
        <button type="submit" data-testid="open-faxmax" ${user.faxmaxUsername ? '' : 'disabled'}>Open FaxMAX</button></form>
    </div>`
      : unavailable('faxmax'),
    gg
      ? html`<div class="card" data-provider="gittigidiyor">
      <h3>GittiGidiyor <span class="kind">browser sign-in</span></h3>
      <dl><dt>Service</dt><dd>${originOf(gg.baseUrl)}</dd>
      <dt>Session</dt><dd data-testid="gittigidiyor-session">${link.sessionId ? `connected (${mask(link.sessionId)})` : 'not connected'}</dd>
      ${link.connectedAt ? html`<dt>Connected</dt><dd data-testid="gittigidiyor-connected-at">${timeTag(link.connectedAt)}</dd>` : ''}</dl>
      <form method="post" action="/open/gittigidiyor">${csrf}
        <button type="submit" data-testid="open-gittigidiyor">${link.sessionId ? 'Reconnect' : 'Connect'} GittiGidiyor</button></form>
    </div>`
      : unavailable('gittigidiyor'),
    ...(['euromsg', 'dia'] as const).map((key) => {
      const port = providers[key];
      if (!port) return unavailable(key);
      return html`<div class="card" data-provider="${key}">
      <h3>${PROVIDER_TITLES[key]} <span class="kind">server session</span></h3>
      <dl><dt>Service</dt><dd>${originOf(port.baseUrl)}</dd>
      <dt>Last run</dt><dd>${runBadge(session.runs[key])}</dd></dl>
      <form method="get" action="/status"><button type="submit" class="secondary">Status page</button></form>
    </div>`;
    }),
  ];
  return layout({
    title: 'Providers',
    session,
    user,
    active: 'home',
    footer: input.footer,
    body: html`${flash(session)}<h2 data-testid="greeting">Welcome, ${user.displayName}</h2>
      <p class="lead">Signed in since ${timeTag(session.createdAt)}. Open a provider signed in as you, or run a server-side session.</p>
      <div class="grid">${cards}</div>`,
  });
}

export function statusPage(input: {
  session: PortalSession;
  user: PortalUser;
  providers: PortalProviders;
  footer: string;
}): string {
  const { session, user, providers } = input;
  const sections = (['euromsg', 'dia'] as const).map((key) => {
    const port = providers[key];
    const title = PROVIDER_TITLES[key];
    if (!port) return html`<section><h2>${title}</h2><p class="hint">Not configured.</p></section>`;
    const report = session.runs[key];
    return html`<section data-provider="${key}">
      <h2>${title} ${runBadge(report)}</h2>
      ${report ? html`<p class="hint" data-testid="${key}-run-at">Last run ${timeTag(report.startedAt)}</p>` : ''}
      <p class="lead">Log in at ${originOf(port.baseUrl)}, ${port.callLabel}, log out.</p>
      <form method="post" action="/status/${key}">${csrfField(session)}
        <button type="submit" data-testid="run-${key}">Run ${title} session</button></form>
      ${
        report
          ? html`<table data-testid="${key}-steps"><thead><tr><th>Step</th><th>Result</th><th>Detail</th><th class="ms">ms</th></tr></thead>
        <tbody>${report.steps.map(
          (step) =>
            html`<tr data-step="${step.name}"><td>${step.name}</td><td>${
              step.ok ? html`<span class="badge ok">ok</span>` : html`<span class="badge fail">failed</span>`
            }</td><td>${step.detail}</td><td class="ms">${step.ms}</td></tr>`,
        )}</tbody></table>`
          : ''
      }
    </section>`;
  });
  return layout({
    title: 'Server sessions',
    session,
    user,
    active: 'status',
    footer: input.footer,
    body: html`${flash(session)}${sections}`,
  });
}

export function errorPage(input: {
  status: number;
  title: string;
  message: string;
  session?: PortalSession;
  user?: PortalUser;
}): string {
  return layout({
    title: input.title,
    ...(input.session ? { session: input.session } : {}),
    ...(input.user ? { user: input.user } : {}),
    body: html`<section><h2>${input.title}</h2>
      <div class="flash error" role="alert" data-testid="error">${input.message}</div>
      <p><a href="/">Back to your providers</a></p></section>`,
  });
}
