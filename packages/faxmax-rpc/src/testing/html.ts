import { escapeHtml } from '@sso/core/simulator';
/** What the provider-side page shows after a sign-in attempt (also the JSON of `POST /sso/verify`). */
export interface PageResult {
  ok: boolean;
  headline: string;
  detail: string;
  /** The deep-link page (`#inboxes?…`), when there was one. */
  page?: string;
  username?: string;
  reason?: string;
  secondsLate?: number;
  expectedIp?: string;
  actualIp?: string;
}

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
  fetch('sso/verify', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: token, code: code, page: page })
  })
    .then(function (r) { return r.json(); })
    .then(function (result) {
      document.getElementById('result').setAttribute('data-status', result.ok ? 'signed-in' : 'refused');
      set('headline', result.headline);
      set('detail', result.detail);
      set('page', result.page ? 'Page: ' + result.page : '');
      history.replaceState(null, '', window.location.pathname + '#' + page);
    })
    .catch(function () { set('headline', 'Sign-in failed'); set('detail', 'The simulator did not answer'); });
})();
`;

export function renderPage(domain: string, result: PageResult | undefined): string {
  const status = result === undefined ? 'idle' : result.ok ? 'signed-in' : 'refused';
  const headline = result?.headline ?? 'Not signed in';
  const detail =
    result?.detail ??
    'Open this page with ?token=…&code=… (or #page?token=…&code=…) to try a FaxMAX SSO sign-in.';
  const page = result?.page ? `Page: ${result.page}` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>FaxMAX simulator — ${escapeHtml(domain)}</title>
<style>body{font-family:system-ui,sans-serif;margin:3rem;max-width:40rem}
[data-status=signed-in] h1{color:#176b2c}[data-status=refused] h1{color:#a4161a}
small{color:#666}</style>
</head>
<body>
<small>FaxMAX simulator · ${escapeHtml(domain)}</small>
<div id="result" data-status="${status}">
<h1 id="headline">${escapeHtml(headline)}</h1>
<p id="detail">${escapeHtml(detail)}</p>
<p id="page">${escapeHtml(page)}</p>
</div>
<script>${DEEP_LINK_SCRIPT}</script>
</body>
</html>
`;
}
