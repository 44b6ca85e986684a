import { randomToken } from '@sso/core/provider';
import { backLink, escapeHtml, type PageLink, pageResponse, refusalBody } from '@sso/core/simulator';
import type { GittiGidiyorSimulatorApp, GittiGidiyorState, TokenState } from './state.js';

type RefusalKind = 'invalid_request' | 'expired' | 'used' | 'unknown';

/** What the member reads on a refused sign-in, by kind. */
const SENTENCES: Record<RefusalKind, { text: string; next: string }> = {
  invalid_request: {
    text: 'The site that sent you here made a sign-in request GittiGidiyor cannot accept.',
    next: 'Go back and try again; if it keeps happening, tell the site’s support team.',
  },
  expired: {
    text: 'This sign-in request has expired.',
    next: 'Go back to the site and start the GittiGidiyor sign-in again.',
  },
  used: {
    text: 'This sign-in request has already been used.',
    next: 'Go back to the site and start the GittiGidiyor sign-in again.',
  },
  unknown: {
    text: 'This sign-in request is not known to GittiGidiyor.',
    next: 'Go back to the site and start the GittiGidiyor sign-in again.',
  },
};

/** Why a sign-in is refused: a stable code, its kind, and the message for developers. */
const REFUSALS = {
  missing_parameter: { kind: 'invalid_request', message: 'A required parameter is missing.' },
  unknown_app: { kind: 'invalid_request', message: 'The application (apiKey) is unknown.' },
  bad_sign: { kind: 'invalid_request', message: 'The sign does not match md5(apiKey + secretKey + time).' },
  bad_time: { kind: 'expired', message: 'The time has expired (or is too far from the server clock).' },
  unknown_token: { kind: 'unknown', message: 'The tokenId is unknown.' },
  used_token: { kind: 'used', message: 'The tokenId has already been used.' },
  foreign_token: { kind: 'unknown', message: 'The tokenId belongs to another application.' },
  expired_token: { kind: 'expired', message: 'The tokenId has expired.' },
  relative_redirect: { kind: 'invalid_request', message: 'The redirectUrl is not an absolute URL.' },
  bad_redirect: { kind: 'invalid_request', message: 'The redirectUrl must be an http(s) address.' },
} as const satisfies Record<string, { kind: RefusalKind; message: string }>;

type RefusalCode = keyof typeof REFUSALS;
type Refusal = { code: RefusalCode; message: string };

const PARAMETERS = ['apiKey', 'sign', 'time', 'tokenId', 'redirectUrl'] as const;

const refused = (code: RefusalCode, message: string = REFUSALS[code].message): { refusal: Refusal } => ({
  refusal: { code, message },
});

/**
 * `/login`: the page where a member approves an application's sign-in (GET), and the approval
 * (POST), which answers 303 — to the application's redirectUrl, or to the refusal page — so a
 * refresh never posts again. Pages link back to the application's site (the redirectUrl's origin).
 */
export function createLoginPages(state: GittiGidiyorState) {
  const { counters, tokens, now } = state;

  /** Why a login-page request must be refused, or the token it may use. */
  const checkLogin = (
    params: URLSearchParams,
  ): { refusal: Refusal } | { token: TokenState; app: GittiGidiyorSimulatorApp } => {
    const get = (name: string) => params.get(name) ?? '';
    for (const name of PARAMETERS) {
      if (!get(name)) return refused('missing_parameter', `The ${name} parameter is missing.`);
    }
    const problem = state.checkSigned(get('apiKey'), get('sign'), get('time'));
    if (problem === 'unknownApiKey') return refused('unknown_app');
    if (problem === 'badSign') return refused('bad_sign');
    if (problem === 'badTime') return refused('bad_time');
    const token = tokens.get(get('tokenId'));
    if (!token) return refused('unknown_token');
    if (token.used) return refused('used_token');
    if (token.apiKey !== get('apiKey')) return refused('foreign_token');
    if (now() - token.createdAt > state.tokenTtl) return refused('expired_token');
    let redirect: URL;
    try {
      redirect = new URL(get('redirectUrl'));
    } catch {
      return refused('relative_redirect');
    }
    if (redirect.protocol !== 'https:' && redirect.protocol !== 'http:') return refused('bad_redirect');
    return { token, app: state.apps.get(get('apiKey'))! };
  };

  /** The application's site: the origin of its redirectUrl, when that is an http(s) URL. */
  const siteOf = (redirectUrl: string | null): PageLink | undefined => {
    const link = backLink(redirectUrl);
    return link && backLink(`${new URL(link.href).origin}/`);
  };

  const page = (status: number, title: string, body: string, back: PageLink | undefined) =>
    pageResponse({ provider: 'GittiGidiyor', title, body, lang: 'en', ...(back ? { back } : {}) }, status);

  function refusalPage(refusal: Refusal, back: PageLink | undefined): Response {
    const sentence = SENTENCES[REFUSALS[refusal.code].kind];
    return page(
      400,
      'GittiGidiyor sign-in refused',
      refusalBody({
        sentence: sentence.text,
        next: sentence.next,
        details: [
          ['Reason', refusal.code],
          ['Message', refusal.message],
        ],
        sentenceAttributes: `role="alert" data-testid="refusal" data-code="${escapeHtml(refusal.code)}"`,
      }),
      back,
    );
  }

  function loginPage(request: Request): Response {
    const params = new URL(request.url).searchParams;
    const shown = params.get('refused');
    if (shown !== null) {
      // Where a refused approval lands (Post/Redirect/Get); already counted when it was posted.
      const code: RefusalCode = Object.hasOwn(REFUSALS, shown) ? (shown as RefusalCode) : 'missing_parameter';
      return refusalPage({ code, message: REFUSALS[code].message }, backLink(params.get('return')));
    }
    counters.loginPages++;
    const back = siteOf(params.get('redirectUrl'));
    const checked = checkLogin(params);
    if ('refusal' in checked) {
      counters.refusedLogins++;
      return refusalPage(checked.refusal, back);
    }
    const hidden = PARAMETERS.map(
      (n) => `<input type="hidden" name="${n}" value="${escapeHtml(params.get(n) ?? '')}">`,
    ).join('');
    return page(
      200,
      'GittiGidiyor sign-in',
      `<h1>Sign in to GittiGidiyor</h1>
<p><strong data-testid="app">${escapeHtml(checked.app.name ?? checked.app.apiKey)}</strong> wants to sign you in to GittiGidiyor as <strong data-testid="user">${escapeHtml(state.nick)}</strong>.</p>
<p>After approval you return to <code>${escapeHtml(new URL(params.get('redirectUrl')!).origin)}</code>.</p>
<form method="post" action="login">${hidden}<button type="submit">Approve</button></form>`,
      back,
    );
  }

  async function approve(request: Request): Promise<Response> {
    const params = new URLSearchParams(await request.text());
    const checked = checkLogin(params);
    if ('refusal' in checked) {
      counters.refusedLogins++;
      const target = new URLSearchParams({ refused: checked.refusal.code });
      const back = siteOf(params.get('redirectUrl'));
      if (back) target.set('return', back.href);
      return new Response(null, {
        status: 303,
        headers: { location: `login?${target}`, 'cache-control': 'no-store' },
      });
    }
    checked.token.used = true;
    const tokenId = params.get('tokenId')!;
    const sessionId = randomToken(16);
    state.sessions.push({ sessionId, tokenId, apiKey: checked.token.apiKey, nick: state.nick });
    counters.sessions++;
    const target = new URL(params.get('redirectUrl')!);
    // The real parameter name of the returned session is not documented; the simulator uses sessionId.
    target.searchParams.set('sessionId', sessionId);
    target.searchParams.set('tokenId', tokenId);
    return new Response(null, {
      status: 303,
      headers: { location: target.href, 'cache-control': 'no-store' },
    });
  }

  return { loginPage, approve };
}
