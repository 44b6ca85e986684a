export {
  createEuromsgClient,
  type EuromsgCallOptions,
  type EuromsgClient,
  type EuromsgClientOptions,
  type EuromsgPostApi,
  type PostInput,
  type PostOperationName,
  type PostOperations,
  type PostOutput,
} from './client.js';
export {
  EUROMSG_CODES,
  EUROMSG_ERRORS,
  type EuromsgResultFields,
  euromsgError,
  isInvalidIpMessage,
} from './errors.js';
export type * as AuthTypes from './generated/auth.js';
export type * as PostTypes from './generated/post.js';
export { EUROMSG_NAMESPACES, EUROMSG_PLATFORMS, type EuromsgPlatform } from './platforms.js';
