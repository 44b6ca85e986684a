import type { ProviderManifest } from '@sso/core/simulator';
import type { BeyondVisitClientOptions } from './index.js';
import { BEYONDVISIT_DEMO } from './testing/demo.js';

/** BeyondVisit for the CLI, the sandbox, the gates and the portal. */
export const BEYONDVISIT_MANIFEST: ProviderManifest<typeof BEYONDVISIT_DEMO, BeyondVisitClientOptions> = {
  id: 'beyondvisit',
  title: 'BeyondVisit',
  package: '@sso/beyondvisit',
  options: [
    { key: 'apiKey', env: true, required: true, description: 'partner API key' },
    { key: 'secretKey', env: true, required: true, secret: true, description: 'partner secret key' },
    { key: 'baseUrl', env: true, description: 'base URL; default https://panel.beyondvisit.com' },
  ],
  demo: BEYONDVISIT_DEMO,
  demoOptions: { apiKey: BEYONDVISIT_DEMO.apiKey, secretKey: BEYONDVISIT_DEMO.secretKey },
  mainCall: { operation: 'createLoginToken', description: 'a one-time login token for a user' },
  pages: [
    {
      label: 'Sign-in page with an unknown login token',
      path: 'external/Login/unknown-login-token',
      note: 'real sign-ins get a fresh token from LoginToken (sso --sandbox beyondvisit login-url)',
    },
  ],
};
