/** The id of a provider (`'dia'`, `'euromsg'`, …): whatever a provider package names itself. */
export type ProviderId = string;

export const SSO_ERROR_CODES = [
  'INVALID_INPUT',
  'INVALID_CONFIG',
  'NETWORK',
  'TIMEOUT',
  'ABORTED',
  'HTTP_ERROR',
  'MALFORMED_RESPONSE',
  'AUTHENTICATION_FAILED',
  'NOT_FOUND',
  'SESSION_EXPIRED',
  'PERMISSION_DENIED',
  /** The account has run out of credit or quota (e.g. DIA's kontör); never retried. */
  'QUOTA_EXCEEDED',
  'SOAP_FAULT',
  'RPC_ERROR',
  'PROVIDER_ERROR',
  'CLOSED',
] as const;

export type SsoErrorCode = (typeof SSO_ERROR_CODES)[number];

export interface SsoErrorOptions {
  provider?: ProviderId;
  /** The provider's own code, verbatim (`"99"`, `"401"`, `"3"`). */
  providerCode?: string;
  /** The provider's own message, with every known secret value removed. */
  providerMessage?: string;
  /** HTTP status of the response that caused the error, when there was one. */
  status?: number;
  /** Defaults by code: NETWORK and TIMEOUT are retryable, everything else is not. */
  retryable?: boolean;
  /** The client operation that failed, e.g. `createLoginToken`. */
  operation?: string;
  cause?: unknown;
}

// Symbol.for is shared by every copy of this module in a process, so the brand survives
// duplicate installs (ESM + CJS, or two versions) where `instanceof` would not.
const BRAND = Symbol.for('@sso/core/SsoError');

const RETRYABLE_BY_DEFAULT: ReadonlySet<SsoErrorCode> = new Set(['NETWORK', 'TIMEOUT']);

export class SsoError extends Error {
  override readonly name = 'SsoError';
  readonly code: SsoErrorCode;
  /** The provider package that failed, or `'core'`. */
  readonly provider: ProviderId;
  readonly providerCode?: string;
  readonly providerMessage?: string;
  readonly status?: number;
  readonly retryable: boolean;
  readonly operation?: string;

  constructor(code: SsoErrorCode, message: string, options: SsoErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.provider = options.provider ?? 'core';
    if (options.providerCode !== undefined) this.providerCode = options.providerCode;
    if (options.providerMessage !== undefined) this.providerMessage = options.providerMessage;
    if (options.status !== undefined) this.status = options.status;
    if (options.operation !== undefined) this.operation = options.operation;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT.has(code);
    Object.defineProperty(this, BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return isSsoError(value);
  }

  /** What `JSON.stringify(error)` prints: the public fields, never the cause chain. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      provider: this.provider,
      operation: this.operation,
      message: this.message,
      providerCode: this.providerCode,
      providerMessage: this.providerMessage,
      status: this.status,
      retryable: this.retryable,
    };
  }
}

/**
 * True for any SsoError, including one thrown by another copy of `@sso/core`; with `code`, only
 * for that code, and `error.code` is narrowed to it.
 */
export function isSsoError<C extends SsoErrorCode>(
  value: unknown,
  code: C,
): value is SsoError & { readonly code: C };
export function isSsoError(value: unknown, code?: SsoErrorCode): value is SsoError;
export function isSsoError(value: unknown, code?: SsoErrorCode): value is SsoError {
  if (typeof value !== 'object' || value === null) return false;
  if ((value as Record<symbol, unknown>)[BRAND] !== true) return false;
  return code === undefined || (value as SsoError).code === code;
}
