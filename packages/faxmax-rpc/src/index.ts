export {
  type AesTokenCipher,
  type AesTokenCipherOptions,
  createAesTokenCipher,
  isTokenCipher,
  type TokenCipher,
} from './cipher.js';
export { createFaxmaxClient } from './client.js';
export { FAXMAX_ERRORS, JSON_RPC_ERRORS, type RpcErrorContext, rpcError } from './errors.js';
export { FAXMAX_METHODS, type FaxmaxMethod, JSON_RPC_ERROR_NAMES, TOKEN_LOGIN_ALIAS } from './methods.js';
export { isIpAddress } from './options.js';
export type {
  CallOptions,
  FaxmaxClient,
  FaxmaxClientOptions,
  FaxmaxEncoding,
  LoginInput,
  LoginResult,
  LoginUrlInput,
  RequestOptions,
  SsoTokenInput,
  TokenLoginResult,
} from './types.js';
