import {
  backLink,
  escapeHtml,
  formatInstant,
  type PageLink,
  pageResponse,
  refusalBody,
  timeElement,
} from '@sso/core/simulator';
import type { BeyondVisitState } from './state.js';

export type BeyondVisitRefusal = 'unknown' | 'expired' | 'used';

/** What the person who followed the link reads, and what to do next. */
const REFUSALS: Record<BeyondVisitRefusal, { headline: string; next: string }> = {
  unknown: {
    headline: 'This sign-in link is not valid.',
    next: 'Go back to the site you came from and open BeyondVisit again.',
  },
  used: {
    headline: 'This sign-in link has already been used.',
    next: 'Each link works once. Go back to the site you came from and open BeyondVisit again.',
  },
  expired: {
    headline: 'This sign-in link has expired.',
    next: 'Go back to the site you came from and open BeyondVisit again for a fresh link.',
  },
};

/** The browser page `GET /external/Login/{loginToken}`: consumes the token and signs the user in. */
export function createLoginPage(state: BeyondVisitState) {
  const { counters, loginTokens, users } = state;

  function refusal(
    reason: BeyondVisitRefusal,
    status: number,
    explanation: string,
    back: PageLink | undefined,
    rows: ReadonlyArray<readonly [string, string]> = [],
  ): Response {
    const text = REFUSALS[reason];
    return pageResponse(
      {
        provider: 'BeyondVisit',
        title: 'Sign-in refused',
        mainAttributes: `data-result="refused" data-reason="${reason}"`,
        ...(back ? { back } : {}),
        body: refusalBody({
          sentence: text.headline,
          next: text.next,
          details: [['Reason', reason], ['HTTP status', String(status)], ['Message', explanation], ...rows],
        }),
      },
      status,
    );
  }

  return function loginPage(rawToken: string, request: Request): Response {
    counters.loginPage++;
    const back = backLink(new URL(request.url).searchParams.get('return'));
    let token: string;
    try {
      token = decodeURIComponent(rawToken);
    } catch {
      token = rawToken;
    }
    const record = loginTokens.get(token);
    const at = state.now();
    if (!record) {
      return refusal(
        'unknown',
        404,
        'This login token is not known. Ask the partner site for a new sign-in.',
        back,
      );
    }
    if (record.usedAt !== undefined) {
      return refusal(
        'used',
        410,
        `This login token was already used at ${formatInstant(record.usedAt)}. Login tokens are single-use: sign in again from the partner site.`,
        back,
        [['Used at (ISO 8601)', new Date(record.usedAt).toISOString()]],
      );
    }
    if (at >= record.expiresAt) {
      return refusal(
        'expired',
        410,
        `This login token expired at ${formatInstant(record.expiresAt)} (login tokens are valid for ${Math.round(state.ttl / 1000)} seconds).`,
        back,
        [['Expired at (ISO 8601)', new Date(record.expiresAt).toISOString()]],
      );
    }
    const user = users.get(record.userToken);
    if (!user) return refusal('unknown', 404, 'The user of this login token no longer exists.', back);
    record.usedAt = at;
    state.signIns.push({ userToken: user.userToken, userCode: user.userCode, at });
    counters.signIns++;
    const fullName = escapeHtml(`${user.name} ${user.surname}`);
    return pageResponse(
      {
        provider: 'BeyondVisit',
        title: 'Signed in',
        mainAttributes: `data-result="signed-in" data-user-code="${escapeHtml(user.userCode)}"`,
        ...(back ? { back } : {}),
        body: `<h1>Signed in</h1>
<p>You are signed in to the BeyondVisit panel as <strong>${fullName}</strong>.</p>
<dl>
<dt>Name</dt><dd data-field="name">${fullName}</dd>
<dt>E-mail</dt><dd data-field="email">${escapeHtml(user.email)}</dd>
<dt>User code</dt><dd data-field="userCode">${escapeHtml(user.userCode)}</dd>
<dt>Site</dt><dd data-field="site">${escapeHtml(user.site)}</dd>
<dt>Signed in at</dt><dd data-field="signedInAt">${timeElement(at)}</dd>
</dl>`,
      },
      200,
    );
  };
}
