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
 * the code follows from what the operation sends: createToken carries nothing but the API key, the
 * sign and the time (all checked by the client first), so its refusal is AUTHENTICATION_FAILED, as
 * a refused sign is for every provider [inferred]. Any other operation's refusal is PROVIDER_ERROR.
 * `providerCode` is the `errorCode` verbatim, `providerMessage` the (redacted) message in `lang`.
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
    operation === 'createToken' ? 'AUTHENTICATION_FAILED' : 'PROVIDER_ERROR',
    `${operation}: GittiGidiyor answered ackCode "failure"${code ? ` with errorCode ${JSON.stringify(code)}` : ''}${providerMessage ? `: ${providerMessage}` : ''}`,
    { provider: 'gittigidiyor', operation, providerCode: code || undefined, providerMessage },
  );
}
