import type { ProviderManifest } from '@sso/core/simulator';
import type { EuromsgClientOptions } from './index.js';
import { EUROMSG_DEMO } from './testing/simulator.js';

/** Euromsg for the CLI, the sandbox, the gates and the portal. */
export const EUROMSG_MANIFEST: ProviderManifest<
  typeof EUROMSG_DEMO,
  Omit<EuromsgClientOptions, 'baseUrl'>
> = {
  id: 'euromsg',
  title: 'Euromsg (Related Digital)',
  package: '@sso/euromsg-soap',
  options: [
    {
      key: 'baseUrl',
      env: true,
      required: true,
      description: "the account's platform, e.g. https://ws.euromsg.com/live/",
    },
    { key: 'username', env: true, required: true, description: 'web-service user' },
    { key: 'password', env: true, required: true, secret: true, description: 'its password' },
  ],
  demo: EUROMSG_DEMO,
  demoOptions: { username: EUROMSG_DEMO.username, password: EUROMSG_DEMO.password },
  mainCall: { operation: 'login', description: 'auth.asmx Login: a new service ticket' },
  pages: [],
};
