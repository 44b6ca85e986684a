import { type ErrorRow, type ErrorTable, rowOf, type SsoError, tableError } from '@sso/core/provider';
import type { components } from './generated/openapi.js';

export type CreateUserErrorCode = components['schemas']['CreateUserErrorCode'];
export type LoginTokenErrorCode = components['schemas']['LoginTokenErrorCode'];

/** One row of a BeyondVisit error-code table (core's row shape; every code has its documented message). */
export interface BeyondVisitErrorEntry extends ErrorRow {
  readonly documented: string;
}

/**
 * CreateUser's codes (documented until partner.md dd997c7). 1–4 are the provider's own field checks,
 * which the client runs before sending, so they only appear when the provider's rules are stricter
 * than documented. 6 is an API key the provider does not know: a configuration problem, like
 * LoginToken's 3.
 */
export const CREATE_USER_ERRORS: Readonly<Record<CreateUserErrorCode, BeyondVisitErrorEntry>> = Object.freeze(
  {
    1: {
      code: 'INVALID_INPUT',
      documented: "The 'user.Site' property should start with 'http://' or 'https://'",
      meaning: 'the provider rejected the site URL',
    },
    2: {
      code: 'INVALID_INPUT',
      documented: "The'user.Name' property should not be empty",
      meaning: 'the provider rejected the name',
    },
    3: {
      code: 'INVALID_INPUT',
      documented: "The 'user.Surname' property should not be empty",
      meaning: 'the provider rejected the surname',
    },
    4: {
      code: 'INVALID_INPUT',
      documented: "The 'user.Email' property should not be empty",
      meaning: 'the provider rejected the e-mail address',
    },
    5: {
      code: 'AUTHENTICATION_FAILED',
      documented: 'Authentication failed',
      meaning: 'the sign did not match: check the secret key',
    },
    6: {
      code: 'INVALID_CONFIG',
      documented: 'ApiKey not found',
      meaning: 'the provider does not know this API key: check the apiKey option',
    },
  },
);

/** LoginToken's codes (partner.md HEAD). Code 1 here is not code 1 of CreateUser. */
export const LOGIN_TOKEN_ERRORS: Readonly<Record<LoginTokenErrorCode, BeyondVisitErrorEntry>> = Object.freeze(
  {
    1: {
      code: 'NOT_FOUND',
      documented: 'User not found with token: [userToken]',
      meaning: 'no user of this partner has this userToken',
    },
    2: {
      code: 'AUTHENTICATION_FAILED',
      documented: 'Authentication failed',
      meaning: 'the sign did not match: check the secret key',
    },
    3: {
      code: 'INVALID_CONFIG',
      documented: 'ApiKey not found',
      meaning: 'the provider does not know this API key: check the apiKey option',
    },
  },
);

export interface ProviderFailure {
  code: number;
  message: string;
}

const UNDOCUMENTED: ErrorRow = {
  code: 'PROVIDER_ERROR',
  meaning: 'the provider refused the request with an undocumented code',
};

/**
 * Turns a `{ status: false, code, message }` body into an SsoError through the operation's own
 * table. Codes outside the table are PROVIDER_ERROR. The provider message is redacted first: code 1
 * of LoginToken echoes the userToken.
 */
export function providerError(
  operation: string,
  table: Readonly<Record<number, BeyondVisitErrorEntry>>,
  failure: ProviderFailure,
  context: { status: number; redact: (text: string) => string },
): SsoError {
  const providerCode = String(failure.code);
  return tableError(rowOf(table as ErrorTable, providerCode) ?? UNDOCUMENTED, {
    provider: 'beyondvisit',
    providerName: 'BeyondVisit',
    operation,
    providerCode,
    providerMessage: context.redact(failure.message),
    status: context.status,
  });
}
