import { SsoError, type SsoErrorCode } from '@sso/core/provider';
import { JSON_RPC_ERROR_NAMES } from './methods.js';

export interface RpcErrorContext {
  operation: string;
  method: string;
  status?: number;
  /** Removes secrets from the provider's message (the transport's `redact`). */
  redact: (text: string) => string;
  /**
   * What an application error (a code outside JSON-RPC's reserved range) means for this method:
   * a login method's error can only be a refused login, so there it is AUTHENTICATION_FAILED.
   */
  refusal?: SsoErrorCode;
}

/** JSON-RPC 2.0 reserves -32768..-32000 for protocol errors (parse, method not found, …). */
const isReserved = (code: number) => code >= -32768 && code <= -32000;

/**
 * FaxMAX publishes no error-code table, so a JSON-RPC error object becomes `RPC_ERROR` with the
 * code verbatim in `providerCode` and the (redacted) message in `providerMessage` — except an
 * application error of a login method, which is AUTHENTICATION_FAILED (`refusal`), as a refused
 * login is for every provider. The reserved JSON-RPC codes get a readable name in the message.
 */
export function rpcError(error: { code: number; message: string }, context: RpcErrorContext): SsoError {
  const providerMessage = context.redact(String(error.message ?? '')).slice(0, 500);
  const known = JSON_RPC_ERROR_NAMES[error.code];
  const label = known ? `${error.code} (${known})` : String(error.code);
  const code = context.refusal && !isReserved(error.code) ? context.refusal : 'RPC_ERROR';
  return new SsoError(
    code,
    `${context.operation}: FaxMAX answered ${context.method} with JSON-RPC error ${label}${providerMessage ? `: ${providerMessage}` : ''}`,
    {
      provider: 'faxmax',
      operation: context.operation,
      providerCode: String(error.code),
      providerMessage,
      status: context.status,
      retryable: false,
    },
  );
}
