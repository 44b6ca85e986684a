import { type BeyondVisitClientOptions, createBeyondVisitClient } from '@sso/beyondvisit';
import type { BeyondVisitPort } from '../flows.js';

/** BeyondVisit: a fresh LoginToken for the user, then the browser goes to `/external/Login/{token}`. */
export function beyondVisitPort(options: BeyondVisitClientOptions): BeyondVisitPort {
  const client = createBeyondVisitClient(options);
  return {
    baseUrl: client.baseUrl,
    async loginRedirect(userToken) {
      const { loginToken, userCode } = await client.createLoginToken({ userToken });
      return { url: client.loginUrl(loginToken), loginToken, userCode };
    },
  };
}
