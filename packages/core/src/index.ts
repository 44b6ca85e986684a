export { type AesMode, type AesScheme, type KeyDerivation, aesDecrypt, aesEncrypt, deriveKey } from './crypto/aes.js';
export {
  type BinaryEncoding,
  concatBytes,
  decodeBytes,
  encodeBytes,
  utf8Bytes,
  utf8Text,
} from './crypto/encoding.js';
export { md5Hex } from './crypto/md5.js';
export { randomBytes, randomToken } from './crypto/random.js';
export { sha256 } from './crypto/sha256.js';
export { timingSafeEqual } from './crypto/timing-safe-equal.js';
export {
  type ProviderId,
  SSO_ERROR_CODES,
  SsoError,
  type SsoErrorCode,
  type SsoErrorOptions,
  isSsoError,
} from './errors.js';
export type { Hooks, RedactedError, RedactedRequest, RedactedResponse } from './http/hooks.js';
export { DEFAULT_MAX_RESPONSE_BYTES, readBodyCapped } from './http/read-body.js';
export {
  type ResponseContext,
  basicAuthHeader,
  describeBody,
  httpError,
  parseJsonBody,
} from './http/response.js';
export {
  DEFAULT_RETRY,
  RETRYABLE_STATUSES,
  type RetryOptions,
  type RetryPolicy,
  backoffDelay,
  parseRetryAfter,
  resolveRetryPolicy,
} from './http/retry.js';
export {
  DEFAULT_TIMEOUT_MS,
  type FetchLike,
  type Transport,
  type TransportOptions,
  type TransportRequest,
  type TransportResponse,
  createTransport,
} from './http/transport.js';
export { type BaseUrlOptions, joinUrl, resolveBaseUrl } from './http/url.js';
export { type CommonClientOptions, commonOptionsShape, credential, transportFromOptions } from './options.js';
export { REDACTED, SECRET_HEADER_NAMES, expandSecrets, redactHeaders, redactText } from './redact.js';
export {
  type SessionManager,
  type SessionManagerOptions,
  createSessionManager,
} from './session/manager.js';
export {
  MemorySessionStore,
  type SessionEntry,
  type SessionStore,
  createMemorySessionStore,
} from './session/store.js';
export { type ValidationContext, describeIssue, parseInput, parseOptions } from './validation.js';
