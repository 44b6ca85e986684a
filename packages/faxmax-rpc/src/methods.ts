/**
 * The FaxMAX JSON-RPC methods this client calls, with their parameter names. The same facts are in
 * `specs/faxmax/openrpc.json`; a test keeps the two in step.
 */
export interface FaxmaxMethod {
  /** The JSON-RPC method name on the wire. */
  readonly name: string;
  /** Named parameters: `true` when required. */
  readonly params: Readonly<Record<string, boolean>>;
  /** Whether the client lets the core transport retry it (see README, "Retries"). */
  readonly idempotent: boolean;
}

export const FAXMAX_METHODS = {
  /** Password login; the result carries the token used as `token_` in later calls. */
  login: { name: 'Core.login', params: { username: true, password: true }, idempotent: true },
  /**
   * With `code_`: password-less login from an encrypted SSO token (`token_`). Without it: checks an
   * earlier session token and logs in again. The document also calls it `Core.login_token` once; the
   * client option `tokenLoginMethod` overrides the name.
   */
  tokenLogin: { name: 'Core.token_login', params: { token_: true, code_: false }, idempotent: false },
} as const satisfies Record<string, FaxmaxMethod>;

/** The other spelling the FaxMAX document uses once for the token login. */
export const TOKEN_LOGIN_ALIAS = 'Core.login_token';

/** JSON-RPC 2.0 reserved error codes (FaxMAX's own codes are not published). */
export const JSON_RPC_ERROR_NAMES: Readonly<Record<number, string>> = {
  [-32700]: 'parse error',
  [-32600]: 'invalid request',
  [-32601]: 'method not found',
  [-32602]: 'invalid params',
  [-32603]: 'internal error',
};
