import { createFaxmaxClient, type FaxmaxClientOptions } from '@sso/faxmax-rpc';
import type { FaxmaxPort } from '../flows.js';

/** Pages of the FaxMAX web app a login link can open (`https://{domain}/#page?token=…&code=…`). */
export const FAXMAX_PAGES = ['inboxes', 'outboxes'] as const;

/** FaxMAX: an encrypted token valid ≤ 3 s, minted when the user clicks, never cached. */
export function faxmaxPort(options: FaxmaxClientOptions): FaxmaxPort {
  const client = createFaxmaxClient(options);
  return {
    baseUrl: client.baseUrl,
    pages: FAXMAX_PAGES,
    async loginRedirect({ username, remoteIp, page }) {
      return { url: await client.loginUrl({ username, remoteIp, ...(page ? { page } : {}) }) };
    },
  };
}
