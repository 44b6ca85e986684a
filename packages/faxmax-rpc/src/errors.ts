import { SsoError } from '@sso/core';
import { JSON_RPC_ERROR_NAMES } from './methods.js';

export interface RpcErrorContext {
  operation: string;
  method: string;
  status?: number;
  /** Removes secrets from the provider's message (the transport's `redact`). */
  redact: (text: string) => string;
}

/**
 * FaxMAX publishes no error-code table, so every JSON-RPC error object becomes `RPC_ERROR` with the
 * code verbatim in `providerCode` and the (redacted) message in `providerMessage`. The reserved
 * JSON-RPC codes get a readable name in the message.
 */
export function rpcError(error: { code: number; message: string }, context: RpcErrorContext): SsoError {
  const providerMessage = context.redact(String(error.message ?? '')).slice(0, 500);
  const known = JSON_RPC_ERROR_NAMES[error.code];
  const label = known ? `${error.code} (${known})` : String(error.code);
  return new SsoError(
    'RPC_ERROR',
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
