import { createGittiGidiyorClient, type GittiGidiyorClientOptions } from '@sso/gittigidiyor';
import type { GittiGidiyorPort } from '../flows.js';

/** GittiGidiyor: createToken, then the API login page, which sends the user back with a sessionId. */
export function gittiGidiyorPort(options: GittiGidiyorClientOptions): GittiGidiyorPort {
  const client = createGittiGidiyorClient(options);
  return {
    baseUrl: options.baseUrl ?? 'https://dev.gittigidiyor.com:8443/listingapi/ws/',
    async startLogin(redirectUrl) {
      const { tokenId } = await client.createToken();
      return { url: await client.loginUrl({ tokenId, redirectUrl }), tokenId };
    },
  };
}
