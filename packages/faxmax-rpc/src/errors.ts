import { type ErrorRow, type ErrorTable, rowOf, type SsoError, tableError } from '@sso/core/provider';
import { JSON_RPC_ERROR_NAMES } from './methods.js';

export interface RpcErrorContext {
  /** The client operation (`login`, `tokenLogin`, `call`): the key of its row in `FAXMAX_ERRORS`. */
  operation: string;
  /** The JSON-RPC method that was called, named in the message. */
  method: string;
  status?: number;
  /** Removes secrets from the provider's message (the transport's `redact`). */
  redact: (text: string) => string;
}

/**
 * FaxMAX publishes no error-code catalogue, so its own (application) codes are read by operation,
 * as GittiGidiyor's are: a login method's error can only be a refused login, AUTHENTICATION_FAILED
 * as for every provider [inferred]. An error of `call()` is not classified (see `UNCLASSIFIED`).
 */
export const FAXMAX_ERRORS: ErrorTable = Object.freeze({
  login: {
    code: 'AUTHENTICATION_FAILED',
    meaning: 'FaxMAX refused the user name or password',
  },
  tokenLogin: {
    code: 'AUTHENTICATION_FAILED',
    meaning:
      'FaxMAX refused the SSO token (check the cipher, the API code and password, the remote IP and the clock)',
  },
});

const PROTOCOL_MEANING = 'FaxMAX could not process the JSON-RPC request';

/**
 * The codes JSON-RPC 2.0 reserves for protocol errors, keyed by code; their names come from the
 * spec (`JSON_RPC_ERROR_NAMES`, generated from `components.errors`). Whatever the operation, a
 * protocol error is RPC_ERROR: it says nothing about the credentials.
 */
export const JSON_RPC_ERRORS: ErrorTable = Object.freeze(
  Object.fromEntries(
    Object.entries(JSON_RPC_ERROR_NAMES).map(([code, name]): [string, ErrorRow] => [
      code,
      { code: 'RPC_ERROR', documented: name, meaning: PROTOCOL_MEANING },
    ]),
  ),
);

/** A reserved code the spec does not name (e.g. -32000..-32099, "server error" in JSON-RPC 2.0). */
const RESERVED: ErrorRow = { code: 'RPC_ERROR', meaning: PROTOCOL_MEANING };
/** An application error of a method the table has no row for (anything sent with `call()`). */
const UNCLASSIFIED: ErrorRow = { code: 'RPC_ERROR', meaning: 'FaxMAX answered with a JSON-RPC error' };

/** JSON-RPC 2.0 reserves -32768..-32000 for protocol errors (parse, method not found, …). */
const isReserved = (code: number) => code >= -32768 && code <= -32000;

const MAX_MESSAGE = 500;

/** The row for a JSON-RPC error code of `operation`: a reserved code first, then the operation. */
function faxmaxErrorRow(code: number, operation: string): ErrorRow {
  if (isReserved(code)) return rowOf(JSON_RPC_ERRORS, String(code)) ?? RESERVED;
  return rowOf(FAXMAX_ERRORS, operation) ?? UNCLASSIFIED;
}

/**
 * A JSON-RPC error object as an SsoError: the row's code, the FaxMAX code verbatim in
 * `providerCode` and the (redacted) message in `providerMessage`; the message names the method.
 */
export function rpcError(error: { code: number; message: string }, context: RpcErrorContext): SsoError {
  const row = faxmaxErrorRow(error.code, context.operation);
  const providerMessage = context.redact(String(error.message ?? '')).slice(0, MAX_MESSAGE);
  return tableError(
    { ...row, meaning: `${context.method}: ${row.meaning}` },
    {
      provider: 'faxmax',
      providerName: 'FaxMAX',
      operation: context.operation,
      providerCode: String(error.code),
      providerMessage,
      ...(context.status === undefined ? {} : { status: context.status }),
    },
  );
}
