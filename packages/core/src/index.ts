export {
  type AesMode,
  type AesScheme,
  aesDecrypt,
  aesEncrypt,
  deriveKey,
  type KeyDerivation,
} from './crypto/aes.js';
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
  isSsoError,
  type ProviderId,
  SSO_ERROR_CODES,
  SsoError,
  type SsoErrorCode,
  type SsoErrorOptions,
} from './errors.js';
export { formEncode } from './http/form.js';
export type { Hooks, RedactedError, RedactedRequest, RedactedResponse } from './http/hooks.js';
export { DEFAULT_MAX_RESPONSE_BYTES, readBodyCapped } from './http/read-body.js';
export {
  basicAuthHeader,
  describeBody,
  httpError,
  type JsonResponseContext,
  malformedResponse,
  parseJsonBody,
  type ResponseContext,
  readJsonResponse,
} from './http/response.js';
export {
  jsonResponseRedactor,
  jsonSecretValues,
  patternMatches,
  patternResponseRedactor,
  type RedactedBody,
  type ResponseRedactor,
  type SecretKeyMatch,
} from './http/response-secrets.js';
export {
  backoffDelay,
  DEFAULT_RETRY,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  type RetryOptions,
  type RetryPolicy,
  resolveRetryPolicy,
} from './http/retry.js';
export {
  createTransport,
  DEFAULT_TIMEOUT_MS,
  type FetchLike,
  type Transport,
  type TransportOptions,
  type TransportRequest,
  type TransportResponse,
} from './http/transport.js';
export { type BaseUrlOptions, joinUrl, pathSegment, resolveBaseUrl } from './http/url.js';
export {
  type CommonClientOptions,
  commonOptionsShape,
  credential,
  requestOptionsShape,
  sessionStoreSchema,
  transportFromOptions,
} from './options.js';
export { expandSecrets, REDACTED, redactHeaders, redactText, SECRET_HEADER_NAMES } from './redact.js';
export {
  createSessionManager,
  type SessionManager,
  type SessionManagerOptions,
  type UseBounds,
} from './session/manager.js';
export {
  createMemorySessionStore,
  isSessionStore,
  MemorySessionStore,
  type SessionEntry,
  type SessionStore,
} from './session/store.js';
export { describeIssue, parseInput, parseOptions, type ValidationContext } from './validation.js';
export { escapeXml } from './xml-escape.js';
