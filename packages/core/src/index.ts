// What applications use: errors, crypto helpers, redaction, hook and session-store types. What
// provider packages need to build a client is in `@sso/core/provider`.
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
export type { FetchLike } from './http/fetch-stack.js';
export type { Hooks, RedactedError, RedactedRequest, RedactedResponse } from './http/hooks.js';
export type { RetryOptions } from './http/retry.js';
export type { CommonClientOptions } from './options.js';
export { REDACTED, redactText } from './redact.js';
export {
  createMemorySessionStore,
  isSessionStore,
  MemorySessionStore,
  type SessionEntry,
  type SessionStore,
} from './session/store.js';
