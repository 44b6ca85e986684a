import type { ProviderManifest } from '@sso/core/simulator';
import type { FaxmaxClientOptions } from './index.js';
import { FAXMAX_DEMO } from './testing/demo.js';

/** FaxMAX for the CLI, the sandbox, the gates and the portal. */
export const FAXMAX_MANIFEST: ProviderManifest<typeof FAXMAX_DEMO, FaxmaxClientOptions> = {
  id: 'faxmax',
  title: 'FaxMAX',
  package: '@sso/faxmax-rpc',
  options: [
    { key: 'domain', env: true, required: true, description: 'your FaxMAX domain, e.g. firma.faxmax.net' },
    { key: 'apiCode', env: true, required: true, description: 'API code of the domain' },
    {
      key: 'apiPassword',
      env: true,
      required: true,
      secret: true,
      description: 'API password of the domain (the token key)',
    },
    { key: 'cipher', type: 'object', required: true, description: 'the token cipher (an AES candidate)' },
    { key: 'encoding', env: true, description: 'RPC body: form (default) or json' },
    { key: 'baseUrl', env: true, description: 'base URL; default https://{domain}/' },
  ],
  demo: FAXMAX_DEMO,
  demoOptions: {
    domain: FAXMAX_DEMO.domain,
    apiCode: FAXMAX_DEMO.apiCode,
    apiPassword: FAXMAX_DEMO.apiPassword,
    cipher: FAXMAX_DEMO.cipher,
  },
  mainCall: { operation: 'tokenLogin', description: 'Core.token_login with a fresh SSO token' },
  pages: [
    {
      label: 'Web UI without a token',
      path: '',
      note: 'a real sign-in opens the URL from sso --sandbox faxmax login-url --username demo --ip 127.0.0.1',
    },
  ],
};
