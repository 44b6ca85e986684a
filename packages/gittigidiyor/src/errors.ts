import { type ErrorRow, type ErrorTable, rowOf, type SsoError, tableError } from '@sso/core/provider';

/** The `error` block of a GittiGidiyor response whose ackCode is `failure`. */
export interface GittiGidiyorErrorFields {
  errorId?: string;
  errorCode?: string;
  message?: string;
  viewMessage?: string;
}

/**
 * GittiGidiyor never published its error-code catalogue, so the rows are keyed by operation: what
 * a refusal means follows from what the operation sends. createToken carries nothing but the API
 * key, the sign and the time (all checked by the client first), so its refusal is a refused sign,
 * AUTHENTICATION_FAILED as for every provider [inferred].
 */
export const GITTIGIDIYOR_ERRORS: ErrorTable = Object.freeze({
  createToken: {
    code: 'AUTHENTICATION_FAILED',
    meaning: 'GittiGidiyor refused the API key, sign or time (check the keys and the clock)',
  },
});

const UNDOCUMENTED: ErrorRow = { code: 'PROVIDER_ERROR', meaning: 'GittiGidiyor answered ackCode "failure"' };

/**
 * The SsoError for `ackCode: failure`: `providerCode` is the `errorCode` verbatim (or `errorId`),
 * `providerMessage` the (redacted) message in the requested `lang`.
 */
export function gittigidiyorError(
  operation: string,
  error: GittiGidiyorErrorFields | undefined,
  redact: (text: string) => string,
): SsoError {
  const code = error?.errorCode ?? error?.errorId ?? '';
  const text = [error?.message, error?.viewMessage !== error?.message ? error?.viewMessage : undefined]
    .filter((m): m is string => typeof m === 'string' && m !== '')
    .join(' — ');
  return tableError(rowOf(GITTIGIDIYOR_ERRORS, operation) ?? UNDOCUMENTED, {
    provider: 'gittigidiyor',
    providerName: 'GittiGidiyor',
    operation,
    providerCode: code,
    ...(text ? { providerMessage: redact(text) } : {}),
  });
}
