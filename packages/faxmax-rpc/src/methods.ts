import { errors, methods } from './generated/model.js';

/** A FaxMAX JSON-RPC method the client calls, as `specs/faxmax/openrpc.json` describes it. */
export interface FaxmaxMethod {
  /** The JSON-RPC method name on the wire. */
  readonly name: string;
  /** Other names the document uses for the method. */
  readonly aliases: readonly string[];
  /** Named parameters: `true` when required. */
  readonly params: Readonly<Record<string, boolean>>;
  /** Whether the client lets the core transport retry it (see README, "Retries"). */
  readonly idempotent: boolean;
  /** Parameters whose values are credentials (kept out of hooks and errors). */
  readonly paramSecrets: readonly string[];
  /** Keys of the result whose values are credentials. */
  readonly resultSecrets: readonly string[];
}

/**
 * The methods this client calls, generated from the spec: `login` (`Core.login`, password) and
 * `tokenLogin` (`Core.token_login`: with `code_`, a password-less login from an encrypted SSO token;
 * the client option `tokenLoginMethod` overrides the name).
 */
export const FAXMAX_METHODS: { readonly login: FaxmaxMethod; readonly tokenLogin: FaxmaxMethod } = methods;

/** The other spelling the FaxMAX document uses once for the token login. */
export const TOKEN_LOGIN_ALIAS: string = methods.tokenLogin.aliases[0];

/**
 * Names of the JSON-RPC 2.0 reserved error codes, generated from `components.errors` of the spec
 * (FaxMAX's own codes are not published). The error table's protocol rows are made from these.
 */
export const JSON_RPC_ERROR_NAMES: Readonly<Record<number, string>> = errors;
