export {
  type AesTokenCipher,
  type AesTokenCipherOptions,
  createAesTokenCipher,
  isTokenCipher,
  type TokenCipher,
} from './cipher.js';
export {
  type CallOptions,
  createFaxmaxClient,
  type FaxmaxClient,
  type FaxmaxClientOptions,
  type FaxmaxEncoding,
  isIpAddress,
  type LoginInput,
  type LoginResult,
  type LoginUrlInput,
  type RequestOptions,
  type SsoTokenInput,
  type TokenLoginResult,
} from './client.js';
export { FAXMAX_ERRORS, JSON_RPC_ERRORS, type RpcErrorContext, rpcError } from './errors.js';
export { FAXMAX_METHODS, type FaxmaxMethod, JSON_RPC_ERROR_NAMES, TOKEN_LOGIN_ALIAS } from './methods.js';
