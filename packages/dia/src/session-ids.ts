// DIA session ids in answers: a login issues one in `msg`; hooks and errors must never show it.
import {
  jsonResponseRedactor,
  patternMatches,
  patternResponseRedactor,
  type RedactedBody,
} from '@sso/core/provider';

const SESSION_ID_ANYWHERE = /[0-9a-fA-F]{32}/g;
const sessionIdRuns = patternResponseRedactor(SESSION_ID_ANYWHERE);
const loginMessage = jsonResponseRedactor((key, depth) => key === 'msg' && depth === 0);

/**
 * The `redactResponse` of a login: the session id in `msg` is hidden from the parsed body (so a
 * JSON escape in it does not matter), then any 32-hex run anywhere, for bodies that are not JSON.
 */
export function issuedSessionIds(body: string): RedactedBody {
  const parsed = isSuccessBody(body) ? loginMessage(body) : { body, hidden: [] };
  const runs = sessionIdRuns(parsed.body);
  return { body: runs.body, hidden: [...parsed.hidden, ...runs.hidden] };
}

/** Every 32-hex run of a text: what a login answer may have issued, even in a broken body. */
export function issuedSessionIdsIn(text: string): string[] {
  return patternMatches(SESSION_ID_ANYWHERE, text);
}

function isSuccessBody(body: string): boolean {
  try {
    const code = (JSON.parse(body) as { code?: unknown } | null)?.code;
    return code === '200' || code === 200;
  } catch {
    return false;
  }
}
