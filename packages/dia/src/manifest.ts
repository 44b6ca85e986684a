import type { ProviderManifest } from '@sso/core/simulator';
import type { DiaClientOptions } from './index.js';
import { DIA_DEMO } from './testing/demo.js';

/** DIA for the CLI, the sandbox, the gates and the portal. */
export const DIA_MANIFEST: ProviderManifest<typeof DIA_DEMO, DiaClientOptions> = {
  id: 'dia',
  title: 'DIA',
  package: '@sso/dia',
  options: [
    { key: 'server', env: true, description: 'server code: https://{server}.ws.dia.com.tr/api/v3/' },
    { key: 'baseUrl', env: true, description: 'base URL; overrides the one of --server' },
    { key: 'username', env: true, required: true, description: 'DIA web-service user' },
    { key: 'password', env: true, required: true, secret: true, description: 'its password' },
    { key: 'apiKey', env: true, required: true, secret: true, description: 'API key DIA issued' },
    { key: 'disconnectSameUser', type: 'boolean', description: "end the user's other sessions at login" },
    { key: 'lang', env: true, description: 'login language, e.g. tr' },
  ],
  demo: DIA_DEMO,
  demoOptions: { username: DIA_DEMO.username, password: DIA_DEMO.password, apiKey: DIA_DEMO.apiKey },
  mainCall: {
    operation: 'call',
    description: 'a service call inside the managed session (sis_kontor_sorgula)',
  },
  pages: [],
};
