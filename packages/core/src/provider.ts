// `@sso/core/provider`: what a provider package builds its client from — the transport, the
// provider kit, the error-table reader, response readers and redactors, validation and the
// session manager — on top of everything the root entry exports.

export { type ErrorRow, type ErrorTable, type ProviderFailure, rowOf, tableError } from './error-table.js';
export { formEncode } from './http/form.js';
export { constantHeaders } from './http/headers.js';
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
  type RetryPolicy,
  resolveRetryPolicy,
} from './http/retry.js';
export {
  createTransport,
  DEFAULT_TIMEOUT_MS,
  type ResponseReader,
  type Transport,
  type TransportOptions,
  type TransportRequest,
  type TransportResponse,
} from './http/transport.js';
export { type BaseUrlOptions, joinUrl, pathSegment, resolveBaseUrl } from './http/url.js';
export * from './index.js';
export {
  commonOptionsShape,
  credential,
  requestOptionsShape,
  sessionStoreSchema,
} from './options.js';
export { type ProviderSetup, type ProviderSpec, setupProvider } from './provider-kit.js';
export { expandSecrets, redactHeaders, SECRET_HEADER_NAMES } from './redact.js';
export {
  createSessionManager,
  type SessionManager,
  type SessionManagerOptions,
  type UseBounds,
} from './session/manager.js';
export { describeIssue, parseInput, parseOptions, type ValidationContext } from './validation.js';
export { escapeXml } from './xml-escape.js';
