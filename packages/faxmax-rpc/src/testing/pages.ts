import { randomToken } from '@sso/core/provider';
import {
  backLink,
  escapeHtml,
  formatInstant,
  type PageLink,
  respond,
  simulatorPage,
  timeElement,
} from '@sso/core/simulator';
import type { FaxmaxState, SsoRefusalReason } from './state.js';
import type { SsoVerification } from './verify.js';

/** What the provider-side page shows after a sign-in attempt (also the JSON of `POST /sso/verify`). */
export interface PageResult {
  ok: boolean;
  headline: string;
  /** Signed in: the welcome line. Refused: the raw reason, for developers. */
  detail: string;
  /** Refused: a plain sentence for the person signing in, saying what to do next. */
  advice?: string;
  /** The deep-link page (`#inboxes?…`), when there was one. */
  page?: string;
  username?: string;
  reason?: string;
  /** Refused: the simulator's error code (`FAXMAX_SIMULATOR_ERRORS`). */
  code?: number;
  /** Signed in: the token's `exp` (Unix seconds) and the same instant in words. */
  exp?: number;
  validUntil?: string;
  secondsLate?: number;
  expectedIp?: string;
  actualIp?: string;
}

export interface RenderPageOptions {
  /** A link back to the site that sent the user (the `return` parameter). */
  back?: PageLink;
}

const ADVICE: Record<SsoRefusalReason | 'incomplete', string> = {
  expired: 'The sign-in link was too old when it arrived. Go back and open FaxMAX again.',
  replayed: 'This sign-in link was already used. Go back and open FaxMAX again for a new one.',
  ip_mismatch:
    'The sign-in link was made for another network address. Open FaxMAX again from the same network.',
  unknown_user: 'Your account is not known on this FaxMAX domain. Ask your administrator to create it.',
  wrong_code: 'The site that sent you here is not set up for this FaxMAX domain. Tell its support team.',
  undecryptable: 'The site that sent you here is not set up for this FaxMAX domain. Tell its support team.',
  malformed: 'The site that sent you here made a sign-in link FaxMAX cannot read. Tell its support team.',
  lifetime_too_long:
    'The site that sent you here made a sign-in link valid for too long. Tell its support team.',
  incomplete: 'The sign-in link is incomplete. Go back and open FaxMAX again.',
};

// Runs in the browser. The fragment (`#inboxes?token=…&code=…`) never reaches the server, so the
// page reads it, asks the simulator to verify the token and renders the answer with textContent.
const DEEP_LINK_SCRIPT = `
(function () {
  var hash = window.location.hash;
  var q = hash.indexOf('?');
  if (!hash || q < 0) return;
  var page = decodeURIComponent(hash.slice(1, q));
  var params = new URLSearchParams(hash.slice(q + 1));
  var token = params.get('token');
  var code = params.get('code');
  if (!token || !code) return;
  var set = function (id, text) { document.getElementById(id).textContent = text; };
  set('headline', 'Signing in…');
  history.replaceState(null, '', window.location.pathname + '#' + page);
  fetch('sso/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: token, code: code, page: page })
  })
    .then(function (r) { return r.json(); })
    .then(function (result) {
      document.getElementById('result').setAttribute('data-status', result.ok ? 'signed-in' : 'refused');
      set('headline', result.headline);
      set('advice', result.ok ? result.detail : result.advice || '');
      set('detail', result.ok ? 'Token valid until ' + (result.validUntil || '') : result.detail);
      set('page', result.page ? 'Page: ' + result.page : '');
    })
    .catch(function () { set('headline', 'Sign-in failed'); set('advice', 'FaxMAX did not answer. Try again.'); });
})();
`;

/** The FaxMAX browser page: idle, signed in or refused, in the simulators' shared look. */
export function renderPage(
  domain: string,
  result: PageResult | undefined,
  options: RenderPageOptions = {},
): string {
  const status = result === undefined ? 'idle' : result.ok ? 'signed-in' : 'refused';
  const headline = result?.headline ?? 'Not signed in';
  const advice = !result
    ? 'Open this page with ?token=…&code=… (or #page?token=…&code=…) to try a FaxMAX SSO sign-in.'
    : result.ok
      ? result.detail
      : (result.advice ?? '');
  const rows: string[] = [];
  if (result?.ok) {
    if (result.exp !== undefined)
      rows.push(`<dt>Token valid until</dt><dd>${timeElement(result.exp * 1000)}</dd>`);
    if (result.username) rows.push(`<dt>User name</dt><dd><code>${escapeHtml(result.username)}</code></dd>`);
  }
  if (result && !result.ok) {
    if (result.reason) rows.push(`<dt>Reason</dt><dd><code>${escapeHtml(result.reason)}</code></dd>`);
    if (result.code !== undefined) rows.push(`<dt>Error code</dt><dd><code>${result.code}</code></dd>`);
  }
  const detailRow = result && !result.ok ? result.detail : '';
  return simulatorPage({
    provider: 'FaxMAX',
    title: `${headline} · ${domain}`,
    ...(options.back ? { back: options.back } : {}),
    body: `<div id="result" data-status="${status}">
<h1 id="headline">${escapeHtml(headline)}</h1>
<p id="advice" class="next">${escapeHtml(advice)}</p>
<p id="page">${escapeHtml(result?.page ? `Page: ${result.page}` : '')}</p>
<details class="developer"><summary>Details for developers</summary><dl>
<dt>Domain</dt><dd><code>${escapeHtml(domain)}</code></dd>
<dt>Message</dt><dd id="detail">${escapeHtml(detailRow)}</dd>
${rows.join('\n')}
</dl></details>
</div>`,
    script: DEEP_LINK_SCRIPT,
  });
}

function pageResult(state: FaxmaxState, verdict: SsoVerification, page: string | undefined): PageResult {
  if (verdict.ok) {
    state.issueSession(verdict.username);
    return {
      ok: true,
      headline: `Signed in as ${verdict.displayName} (${verdict.username})`,
      detail: `Welcome to ${state.domain}.`,
      page,
      username: verdict.username,
      exp: verdict.exp,
      validUntil: formatInstant(verdict.exp * 1000),
    };
  }
  return {
    ok: false,
    reason: verdict.reason,
    code: verdict.code,
    headline: 'Sign-in refused',
    detail: verdict.message,
    advice: ADVICE[verdict.reason],
    page,
    ...(verdict.secondsLate === undefined ? {} : { secondsLate: verdict.secondsLate }),
    ...(verdict.expectedIp === undefined
      ? {}
      : { expectedIp: verdict.expectedIp, actualIp: verdict.actualIp }),
  };
}

const RESULT_TTL_MS = 10 * 60 * 1000;
const MAX_RESULTS = 1000;

/**
 * The browser side: `GET /?token&code` checks the token, keeps the verdict under a random id and
 * answers 303 to `/?result=<id>`, so the token leaves the address bar and the history and a refresh
 * shows the same verdict without reusing the token; `POST /sso/verify` answers the deep-link script.
 */
export function createPages(
  state: FaxmaxState,
  verifySsoToken: (token: string, code: string, remoteIp: string) => Promise<SsoVerification>,
) {
  const results = new Map<string, { result: PageResult; back?: PageLink; at: number }>();

  const keep = (result: PageResult, back: PageLink | undefined): string => {
    const at = state.now();
    for (const [id, kept] of results) {
      if (kept.at + RESULT_TTL_MS < at || results.size >= MAX_RESULTS) results.delete(id);
      else break;
    }
    const id = randomToken(12, 'base64url');
    results.set(id, { result, ...(back ? { back } : {}), at });
    return id;
  };

  async function page(request: Request, remoteIp: string): Promise<Response> {
    const url = new URL(request.url);
    const back = backLink(url.searchParams.get('return'));
    const resultId = url.searchParams.get('result');
    if (resultId !== null) {
      const kept = results.get(resultId);
      if (!kept || kept.at + RESULT_TTL_MS < state.now()) {
        return render(
          {
            ok: false,
            headline: 'Sign-in result expired',
            detail: 'The result of this sign-in is no longer kept (10 minutes).',
            advice: 'Go back and open FaxMAX again.',
          },
          back,
          404,
        );
      }
      return render(kept.result, kept.back ?? back);
    }
    const token = url.searchParams.get('token');
    const code = url.searchParams.get('code');
    if (token === null && code === null) return render(undefined, back);
    const result: PageResult =
      token && code
        ? pageResult(state, await verifySsoToken(token, code, remoteIp), undefined)
        : {
            ok: false,
            headline: 'Sign-in refused',
            detail: 'Both token and code are required',
            advice: ADVICE.incomplete,
          };
    const id = keep(result, back);
    return new Response(null, {
      status: 303,
      headers: { location: `/?result=${id}`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
    });
  }

  function render(result: PageResult | undefined, back: PageLink | undefined, status?: number): Response {
    state.counters.pages++;
    return respond.html(
      renderPage(state.domain, result, back ? { back } : {}),
      status ?? (result && !result.ok ? 403 : 200),
      { 'cache-control': 'no-store' },
    );
  }

  async function verify(request: Request, remoteIp: string): Promise<Response> {
    state.counters.verifies++;
    let body: { token?: unknown; code?: unknown; page?: unknown };
    try {
      body = (await request.json()) as typeof body;
    } catch {
      return respond.json({ ok: false, headline: 'Sign-in refused', detail: 'The request is not JSON' }, 400);
    }
    const page = typeof body?.page === 'string' && body.page !== '' ? body.page : undefined;
    if (typeof body?.token !== 'string' || typeof body?.code !== 'string') {
      return respond.json(
        { ok: false, headline: 'Sign-in refused', detail: 'token and code are required', page },
        400,
      );
    }
    const result = pageResult(state, await verifySsoToken(body.token, body.code, remoteIp), page);
    return respond.json(result, result.ok ? 200 : 403);
  }

  return { page, verify };
}
