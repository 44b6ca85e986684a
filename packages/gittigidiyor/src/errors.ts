import { SsoError } from '@sso/core';

/** The `error` block of a GittiGidiyor response whose ackCode is `failure`. */
export interface GittiGidiyorErrorFields {
  errorId?: string;
  errorCode?: string;
  message?: string;
  viewMessage?: string;
}

/**
 * The SsoError for `ackCode: failure`. GittiGidiyor never published its error-code catalogue, so
 * every code is a PROVIDER_ERROR whose `providerCode` is the `errorCode` verbatim and whose
 * `providerMessage` is the (redacted) message in the requested `lang`.
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
  const providerMessage = text ? redact(text) : undefined;
  return new SsoError(
    'PROVIDER_ERROR',
    `${operation}: GittiGidiyor answered ackCode "failure"${code ? ` with errorCode ${JSON.stringify(code)}` : ''}${providerMessage ? `: ${providerMessage}` : ''}`,
    { provider: 'gittigidiyor', operation, providerCode: code || undefined, providerMessage },
  );
}
