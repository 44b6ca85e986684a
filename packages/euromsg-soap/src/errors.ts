import { type ErrorRow, type ErrorTable, rowOf, type SsoError, tableError } from '@sso/core/provider';

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

/**
 * Euromsg's result codes. A row keyed `<operation> <code>` applies to that operation only and
 * wins over the row of the code alone: Code 99 at login is a refused login, after it a refused call.
 */
export const EUROMSG_ERRORS: ErrorTable = Object.freeze({
  'login 99': {
    code: 'AUTHENTICATION_FAILED',
    documented: 'No such user/password!',
    meaning:
      'Euromsg refused the username or password; also check that baseUrl is the platform the account belongs to',
  },
  'login 99 Invalid IP': {
    code: 'AUTHENTICATION_FAILED',
    documented: 'Invalid IP',
    meaning:
      'Euromsg refused the login because this IP address is not allowed for the web-service user; ask Euromsg to allow it',
  },
  '99': { code: 'PERMISSION_DENIED', meaning: 'Euromsg refused the call' },
  '9998': {
    code: 'SESSION_EXPIRED',
    documented: 'Unauthorized User!',
    meaning: 'Euromsg no longer accepts the service ticket',
  },
});

const UNDOCUMENTED: ErrorRow = { code: 'PROVIDER_ERROR', meaning: 'Euromsg answered an undocumented code' };

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
  const providerMessage = redact(
    [result.Message, result.DetailedMessage].filter((m) => m !== undefined && m !== '').join(' — '),
  );
  const ipRefused = isInvalidIpMessage(result.Message)
    ? rowOf(EUROMSG_ERRORS, `${operation} ${code} Invalid IP`)
    : undefined;
  const row =
    ipRefused ?? rowOf(EUROMSG_ERRORS, `${operation} ${code}`) ?? rowOf(EUROMSG_ERRORS, code) ?? UNDOCUMENTED;
  return tableError(row, {
    provider: 'euromsg',
    providerName: 'Euromsg',
    operation,
    providerCode: code,
    ...(providerMessage ? { providerMessage } : {}),
    ...(status === undefined ? {} : { status }),
  });
}
