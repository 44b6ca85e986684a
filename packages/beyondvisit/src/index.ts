export { isSsoError, SsoError, type SsoErrorCode } from '@sso/core/provider';
export {
  BEYONDVISIT_BASE_URL,
  type BeyondVisitClient,
  type BeyondVisitClientOptions,
  type CallOptions,
  type CreateLoginTokenInput,
  type CreateLoginTokenResult,
  type CreateUserInput,
  type CreateUserResult,
  createBeyondVisitClient,
} from './client.js';
export {
  type BeyondVisitErrorEntry,
  CREATE_USER_ERRORS,
  type CreateUserErrorCode,
  LOGIN_TOKEN_ERRORS,
  type LoginTokenErrorCode,
} from './errors.js';
export type { components as BeyondVisitComponents, paths as BeyondVisitPaths } from './generated/openapi.js';
export { beyondVisitSign } from './sign.js';
