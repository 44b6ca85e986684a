import { type ErrorRow, rowOf, type SsoError, tableError } from '@sso/core/provider';

/** What the client does after a DIA error, beyond throwing it. */
export type DiaRecovery =
  /** Log in again once and repeat the call once (the session is gone). */
  | 'relogin'
  /** Repeat the call once, but only when it is marked idempotent (reads, login, logout). */
  | 'retry-if-idempotent'
  /** Throw at once: repeating cannot help, or would cost credit for nothing. */
  | 'none';

/** One row of DIA's error table: core's row shape, with what the client does after the error. */
export interface DiaErrorEntry extends ErrorRow {
  /** DIA's own name for it, as documented (or the `msg` keyword as observed). */
  readonly documented: string;
  readonly recovery: DiaRecovery;
}

/**
 * DIA v3's "Hata Takibi" table, keyed by `code`. A v3 500 is a logical failure (bad operation or
 * parameter), not a server crash: every call costs credit, so it is never repeated; 501 is the
 * unexpected server error.
 */
export const DIA_ERRORS: Readonly<Record<string, DiaErrorEntry>> = Object.freeze({
  '400': {
    code: 'PROVIDER_ERROR',
    documented: 'INVALID',
    meaning: 'DIA rejected the parameters',
    recovery: 'none',
  },
  '401': {
    code: 'AUTHENTICATION_FAILED',
    documented: 'UNAUTHORIZED',
    meaning: 'DIA refused the credentials (user, password, API key or IP allow-list)',
    recovery: 'none',
  },
  '402': {
    code: 'PERMISSION_DENIED',
    documented: 'UNAUTHORIZED_LICENSE_ERROR',
    meaning: 'DIA reported a licence problem for this user or call',
    recovery: 'none',
  },
  '405': {
    code: 'PERMISSION_DENIED',
    documented: 'LICENSE_ERROR',
    meaning: 'the DIA server has no web-service licence',
    recovery: 'none',
  },
  '406': {
    code: 'QUOTA_EXCEEDED',
    documented: 'CREDIT_ERROR',
    meaning: 'the DIA account has no credit (kontör) left for this call',
    recovery: 'none',
  },
  '419': {
    code: 'SESSION_EXPIRED',
    documented: 'LOGIN_TIMEOUT',
    meaning: 'the DIA session timed out',
    recovery: 'relogin',
  },
  '500': {
    code: 'PROVIDER_ERROR',
    documented: 'FAILURE',
    meaning: 'DIA refused the operation or its parameters',
    recovery: 'none',
  },
  '501': {
    code: 'PROVIDER_ERROR',
    documented: 'ERROR',
    meaning: 'DIA had an unexpected server error',
    recovery: 'retry-if-idempotent',
  },
});

/**
 * Keywords DIA sends in `msg` (or, from some servers, in `code`). A keyword decides before the
 * code: INVALID_SESSION comes with code 401, yet means the session was ended by another login.
 */
export const DIA_MESSAGE_ERRORS: Readonly<Record<string, DiaErrorEntry>> = Object.freeze({
  INVALID_SESSION: {
    code: 'SESSION_EXPIRED',
    documented: 'INVALID_SESSION',
    meaning: 'the DIA session is unknown or was ended by another login',
    recovery: 'relogin',
  },
  SESSION_EXPIRED: {
    code: 'SESSION_EXPIRED',
    documented: 'SESSION_EXPIRED',
    meaning: 'the DIA session expired',
    recovery: 'relogin',
  },
  INSUFFICIENT_PRIVILEGES: {
    code: 'PERMISSION_DENIED',
    documented: 'INSUFFICIENT_PRIVILEGES',
    meaning: 'the DIA user is not allowed to call this service',
    recovery: 'none',
  },
  NOUSER: {
    code: 'AUTHENTICATION_FAILED',
    documented: 'NOUSER',
    meaning: 'DIA rejected the user name or password',
    recovery: 'none',
  },
});

const UNDOCUMENTED: DiaErrorEntry = Object.freeze({
  code: 'PROVIDER_ERROR',
  documented: '',
  meaning: 'DIA reported an undocumented error',
  recovery: 'none',
});

const MAX_MESSAGE = 200;

export interface DiaErrorContext {
  operation: string;
  status: number;
  /** Removes secrets from the provider's message (the transport's redact). */
  redact: (text: string) => string;
}

/** The table row for a DIA `{ code, msg }` failure: the `msg` keyword first, then the code. */
export function diaErrorEntry(code: string, msg: string | undefined): DiaErrorEntry {
  return (
    rowOf(DIA_MESSAGE_ERRORS, msg?.trim()) ??
    rowOf(DIA_MESSAGE_ERRORS, code) ??
    rowOf(DIA_ERRORS, code) ??
    UNDOCUMENTED
  );
}

/** Whether a DIA answer means "this session is gone" (the only answers that trigger a re-login). */
export function isSessionProblem(code: string, msg: string | undefined): boolean {
  return diaErrorEntry(code, msg).recovery === 'relogin';
}

/**
 * Maps a DIA `{ code, msg }` failure to an SsoError. `retryable` is true only for errors worth one
 * more try of an idempotent call (501).
 */
export function diaError(code: string, msg: string | undefined, context: DiaErrorContext): SsoError {
  const entry = diaErrorEntry(code, msg);
  const providerMessage = msg === undefined ? undefined : context.redact(msg).slice(0, MAX_MESSAGE);
  return tableError(
    { ...entry, retryable: entry.recovery === 'retry-if-idempotent' },
    {
      provider: 'dia',
      providerName: 'DIA',
      operation: context.operation,
      providerCode: code,
      ...(providerMessage === undefined ? {} : { providerMessage }),
      status: context.status,
    },
  );
}

/** A DIA failure answer reduced to `code` and `msg`, whatever form it came in. */
export interface DiaFailure {
  code: string;
  msg?: string;
}

/**
 * Reads the failure fields of a DIA body: `code` as a string or a number, `msg`, or the
 * `faultcode` / `faultstring` pair some answers carry instead. Undefined when there is no code, or
 * the message is not text.
 */
export function failureOf(body: unknown): DiaFailure | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const fields = body as Record<string, unknown>;
  const code = codeText(fields.code) ?? codeText(fields.faultcode);
  if (code === undefined) return undefined;
  const msg = fields.msg ?? fields.faultstring;
  if (msg === undefined) return { code };
  return typeof msg === 'string' ? { code, msg } : undefined;
}

function codeText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  return undefined;
}
