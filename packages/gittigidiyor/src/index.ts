export {
  type CreateTokenResult,
  createGittiGidiyorClient,
  GITTIGIDIYOR_BASE_URL,
  type GittiGidiyorClient,
  type GittiGidiyorClientOptions,
  type GittiGidiyorLang,
  type LoginUrlInput,
} from './client.js';
export { type GittiGidiyorErrorFields, gittigidiyorError } from './errors.js';
export type * as CommunityAuthTypes from './generated/community-auth.js';
