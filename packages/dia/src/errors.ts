import { SsoError, type SsoErrorCode } from '@sso/core';

/**
 * DIA's failure answers and what the client turns them into. DIA puts its code in `code` (a
 * string) and a keyword or free text in `msg`; the keyword decides first, the code second.
 * The v3 catalogue is not published: these are the documented and observed forms.
 */
export const DIA_ERROR_TABLE: ReadonlyArray<{
  match: string;
  code: SsoErrorCode;
  meaning: string;
}> = [
  {
    match: 'msg INVALID_SESSION (any code), or code INVALID_SESSION / SESSION_EXPIRED',
    code: 'SESSION_EXPIRED',
    meaning:
      'the session id is unknown, timed out (1 h idle) or was ended by another login; the client logs in again once and retries once',
  },
  {
    match: 'msg INSUFFICIENT_PRIVILEGES (any code)',
    code: 'PERMISSION_DENIED',
    meaning: 'the DIA user lacks the permission the service needs (never treated as a session problem)',
  },
  { match: 'msg NOUSER (code 401)', code: 'AUTHENTICATION_FAILED', meaning: 'wrong user name or password' },
  {
    match: 'code 401, other msg',
    code: 'AUTHENTICATION_FAILED',
    meaning: 'authentication refused (e.g. API key or IP allow-list)',
  },
  { match: 'code 405', code: 'PERMISSION_DENIED', meaning: 'the DIA server has no web-service licence' },
  { match: 'code 400', code: 'PROVIDER_ERROR', meaning: 'DIA rejected a parameter' },
  {
    match: 'code 500, or HTTP 500 with a DIA body',
    code: 'PROVIDER_ERROR',
    meaning: 'unexpected server error, e.g. "Hatalı Veri"',
  },
  {
    match: 'any other code',
    code: 'PROVIDER_ERROR',
    meaning: 'passed through with providerCode / providerMessage',
  },
];

const SESSION_WORDS: ReadonlySet<string> = new Set(['INVALID_SESSION', 'SESSION_EXPIRED']);
const MAX_MESSAGE = 200;

export interface DiaErrorContext {
  operation: string;
  status: number;
  /** Removes secrets from the provider's message (the transport's redact). */
  redact: (text: string) => string;
}

/** Whether a DIA answer means "this session is gone" (the only answer that triggers a re-login). */
export function isSessionProblem(code: string, msg: string | undefined): boolean {
  return SESSION_WORDS.has(code) || (msg !== undefined && SESSION_WORDS.has(msg.trim()));
}

/** Maps a DIA `{ code, msg }` failure to an SsoError. */
export function diaError(code: string, msg: string | undefined, context: DiaErrorContext): SsoError {
  const keyword = msg?.trim();
  const providerMessage = msg === undefined ? undefined : context.redact(msg).slice(0, MAX_MESSAGE);
  const [errorCode, what] = classify(code, keyword);
  const detail = providerMessage ? `: ${providerMessage}` : '';
  return new SsoError(errorCode, `${context.operation}: ${what} (DIA code ${code}${detail})`, {
    provider: 'dia',
    operation: context.operation,
    providerCode: code,
    ...(providerMessage === undefined ? {} : { providerMessage }),
    status: context.status,
    retryable: false,
  });
}

function classify(code: string, keyword: string | undefined): [SsoErrorCode, string] {
  if (isSessionProblem(code, keyword)) return ['SESSION_EXPIRED', 'the DIA session is no longer valid'];
  if (keyword === 'INSUFFICIENT_PRIVILEGES') {
    return ['PERMISSION_DENIED', 'the DIA user is not allowed to call this service'];
  }
  if (keyword === 'NOUSER') return ['AUTHENTICATION_FAILED', 'DIA rejected the user name or password'];
  switch (code) {
    case '401':
      return ['AUTHENTICATION_FAILED', 'DIA refused the credentials'];
    case '405':
      return ['PERMISSION_DENIED', 'the DIA server has no web-service licence'];
    case '400':
      return ['PROVIDER_ERROR', 'DIA rejected the parameters'];
    case '500':
      return ['PROVIDER_ERROR', 'DIA reported a server error'];
    default:
      return ['PROVIDER_ERROR', 'DIA reported an error'];
  }
}
