export {
  createMemorySessionStore,
  isSsoError,
  type SessionEntry,
  type SessionStore,
  SsoError,
  type SsoErrorCode,
} from '@sso/core/provider';
export { createDiaClient } from './client.js';
export {
  DIA_ERRORS,
  DIA_MESSAGE_ERRORS,
  type DiaErrorEntry,
  type DiaRecovery,
  isSessionProblem,
} from './errors.js';
export type { components as DiaOpenApiComponents, paths as DiaOpenApiPaths } from './generated/openapi.js';
export { DIA_DEMO_SERVER } from './options.js';
export { DIA_SESSION_SAFETY_MARGIN_MS, DIA_SESSION_TIMEOUT_MS, DIA_SESSION_TTL_MS } from './session.js';
export type {
  DiaCallOptions,
  DiaClient,
  DiaClientOptions,
  DiaKontorBalance,
  DiaParams,
  DiaServiceResponse,
  DiaSession,
} from './types.js';
export type {
  DiaErrorResponse,
  DiaInvoice,
  DiaKontorResult,
  DiaListFilter,
  DiaListSort,
  DiaLoginRequest,
  DiaLoginSuccess,
  DiaLogoutRequest,
  DiaServiceParams,
  DiaServiceRequest,
  DiaServiceSuccess,
  ScfFaturaListeleParams,
} from './wire-types.js';
