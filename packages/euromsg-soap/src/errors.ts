import { SsoError } from '@sso/core';

/** The codes the Euromsg documentation gives (auth.asmx). Codes are strings: "00" keeps its zero. */
export const EUROMSG_CODES = {
  success: '00',
  /** Login refused: "Invalid IP" (caller's IP not allowed) or "No such user/password!". */
  loginRefused: '99',
  /** "Unauthorized User!": the ServiceTicket is unknown or expired. */
  unauthorized: '9998',
} as const;

export interface EuromsgResultFields {
  Code?: string;
  Message?: string;
  DetailedMessage?: string;
}

const INVALID_IP = /\binvali[dp]?\s*ip\b/i;

/** True when a Code 99 message says the caller's IP address is not allowed. */
export function isInvalidIpMessage(message: string | undefined): boolean {
  return message !== undefined && INVALID_IP.test(message);
}

/**
 * The SsoError for a result whose Code is not "00". `redact` removes secrets from the provider's
 * texts before they are put on the error.
 */
export function euromsgError(
  operation: string,
  result: EuromsgResultFields,
  redact: (text: string) => string,
  status?: number,
): SsoError {
  const code = result.Code ?? '';
  const providerMessage =
    redact([result.Message, result.DetailedMessage].filter((m) => m !== undefined && m !== '').join(' — ')) ||
    undefined;
  const base = { provider: 'euromsg' as const, operation, providerCode: code, providerMessage, status };
  if (code === EUROMSG_CODES.loginRefused && operation === 'login') {
    return new SsoError(
      'AUTHENTICATION_FAILED',
      isInvalidIpMessage(result.Message)
        ? 'login: Euromsg refused the login because this IP address is not allowed for the web-service user (Code 99 "Invalid IP"); ask Euromsg to allow it'
        : 'login: Euromsg refused the username or password (Code 99); also check that baseUrl is the platform the account belongs to',
      base,
    );
  }
  if (code === EUROMSG_CODES.unauthorized) {
    return new SsoError(
      'SESSION_EXPIRED',
      `${operation}: Euromsg no longer accepts the service ticket (Code 9998 "Unauthorized User!")`,
      base,
    );
  }
  if (code === EUROMSG_CODES.loginRefused) {
    return new SsoError('PERMISSION_DENIED', `${operation}: Euromsg refused the call (Code 99)`, base);
  }
  return new SsoError('PROVIDER_ERROR', `${operation}: Euromsg answered Code ${JSON.stringify(code)}`, base);
}
