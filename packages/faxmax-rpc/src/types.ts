import type { CommonClientOptions } from '@sso/core/provider';
import type { TokenCipher } from './cipher.js';

export type FaxmaxEncoding = 'form' | 'json';

export interface FaxmaxClientOptions extends CommonClientOptions {
  /** Your FaxMAX domain as a bare host name, e.g. `firma.faxmax.net`. Base URL `https://{domain}`. */
  domain: string;
  /** The API code defined on the domain (sent as `code_` and as `code` in login URLs). */
  apiCode: string;
  /** The API password defined on the domain: the key the SSO token is encrypted with. */
  apiPassword: string;
  /** The token encryption scheme (confirm it with FaxMAX): a built-in AES candidate or your own. */
  cipher: TokenCipher;
  /** `form` (default): the JSON-RPC text in form field `data`; `json`: the raw JSON as the body. */
  encoding?: FaxmaxEncoding;
  /** JSON-RPC method of the token login. Default `Core.token_login` (the document once says `Core.login_token`). */
  tokenLoginMethod?: string;
}

export interface SsoTokenInput {
  /** The FaxMAX user code to sign in. */
  username: string;
  /** The IP address the request will come from: the browser's (redirect) or your server's (API). */
  remoteIp: string;
  /** Validity in seconds, 1–3 (FaxMAX allows at most 3). Default 3. */
  ttlSeconds?: number;
}

export interface LoginUrlInput extends SsoTokenInput {
  /** A page to open after the sign-in, e.g. `inboxes` → `https://{domain}/#inboxes?token=…&code=…`. */
  page?: string;
}

export interface LoginInput {
  username: string;
  password: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
}

export interface CallOptions extends RequestOptions {
  /**
   * Let the transport retry this call on network errors and 429/502/503/504. Only for methods that
   * are harmless to run twice. Default false.
   */
  idempotent?: boolean;
}

export interface LoginResult {
  /** The session token, sent as `token_` by `call`. */
  token: string;
  /** The user id, when FaxMAX returns one. */
  userId?: string | number;
}

export interface TokenLoginResult {
  token: string;
}

export interface FaxmaxClient {
  /** `https://{domain}/` or the `baseUrl` override. */
  readonly baseUrl: string;
  /** `{base}api/v1`. */
  readonly endpoint: string;
  /** Whether a login has stored a session token for `call`. */
  readonly hasSession: boolean;
  /** The encrypted SSO token for `{"username","exp","remote_ip"}`. No I/O. */
  ssoToken(input: SsoTokenInput): Promise<string>;
  /** The browser redirect URL `https://{domain}/[#page]?token=…&code=…`. No I/O. */
  loginUrl(input: LoginUrlInput): Promise<string>;
  /** `Core.login` with a password; stores the session token. */
  login(input: LoginInput, options?: RequestOptions): Promise<LoginResult>;
  /** `Core.token_login` with a fresh SSO token (`token_`) and the API code (`code_`); stores the session token. */
  tokenLogin(input: SsoTokenInput, options?: RequestOptions): Promise<TokenLoginResult>;
  /** Any JSON-RPC method, with `token_` from the last login added to the params. */
  call<T = unknown>(method: string, params?: Record<string, unknown>, options?: CallOptions): Promise<T>;
  /** Forgets the stored session token (FaxMAX documents no logout method). */
  clearSession(): void;
}
