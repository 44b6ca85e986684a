import type { ProviderManifest } from '@sso/core/simulator';
import type { GittiGidiyorClientOptions } from './index.js';
import { GITTIGIDIYOR_DEMO } from './testing/state.js';

/** GittiGidiyor for the CLI, the sandbox, the gates and the portal. */
export const GITTIGIDIYOR_MANIFEST: ProviderManifest<typeof GITTIGIDIYOR_DEMO, GittiGidiyorClientOptions> = {
  id: 'gittigidiyor',
  title: 'GittiGidiyor',
  package: '@sso/gittigidiyor',
  options: [
    { key: 'apiKey', env: true, required: true, description: 'application API key' },
    { key: 'secretKey', env: true, required: true, secret: true, description: 'its secret key' },
    { key: 'roleName', env: true, required: true, description: 'role name (HTTP Basic user)' },
    {
      key: 'rolePassword',
      env: true,
      required: true,
      secret: true,
      description: 'role password (HTTP Basic password)',
    },
    { key: 'lang', env: true, description: 'tr (default) or en: language of error messages' },
    { key: 'loginPageUrl', env: true, description: 'address of the API login page' },
    {
      key: 'baseUrl',
      env: true,
      description: 'base URL; default https://dev.gittigidiyor.com:8443/listingapi/ws/',
    },
  ],
  demo: GITTIGIDIYOR_DEMO,
  demoOptions: {
    apiKey: GITTIGIDIYOR_DEMO.apiKey,
    secretKey: GITTIGIDIYOR_DEMO.secretKey,
    roleName: GITTIGIDIYOR_DEMO.roleName,
    rolePassword: GITTIGIDIYOR_DEMO.rolePassword,
  },
  mainCall: {
    operation: 'createToken',
    description: 'CommunityAuthService.createToken: tokenId, time and sign',
  },
  pages: [
    {
      label: 'Login page without a token',
      path: 'login',
      note: 'a real sign-in opens the URL from sso --sandbox gittigidiyor login-url --redirect-url …',
    },
  ],
};
