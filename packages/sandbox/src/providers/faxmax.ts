import { secretOptionKeys } from '@sso/core/simulator';
import type { FaxmaxClientOptions } from '@sso/faxmax-rpc';
import {
  createFaxmaxSimulator,
  FAXMAX_DEMO,
  FAXMAX_MANIFEST,
  type FaxmaxSimulator,
} from '@sso/faxmax-rpc/simulator';
import { checkSeedFields } from '../seed.js';
import type { SandboxAccount, SandboxProviderDefinition } from '../types.js';
import { pageLinks } from './manifest-links.js';

/**
 * FaxMAX under `/faxmax` (RPC at `/faxmax/api/v1`, browser page at `/faxmax/?token=…&code=…`).
 * The sandbox plays the demo domain; seed entries are users of it: `{ username, password, displayName? }`.
 */
export const faxmaxDefinition: SandboxProviderDefinition<FaxmaxSimulator> = {
  id: 'faxmax',
  title: FAXMAX_MANIFEST.title,
  prefix: '/faxmax',
  create: (seed, now) =>
    createFaxmaxSimulator({
      ...(now ? { now } : {}),
      users: [
        ...FAXMAX_DEMO.users.map((u) => ({ ...u })),
        ...seed.map((e) => ({
          username: String(e.username),
          password: String(e.password),
          ...(typeof e.displayName === 'string' ? { displayName: e.displayName } : {}),
        })),
      ],
    }),
  validateSeed: (entry) => checkSeedFields(entry, ['username', 'password'], ['displayName']),
  accounts: (seed) => {
    const user = (u: { username: string; password: string }, source: 'demo' | 'seed'): SandboxAccount => ({
      provider: 'faxmax',
      source,
      fields: { username: u.username, password: u.password },
      secretFields: ['password'],
    });
    return [
      {
        provider: 'faxmax',
        source: 'demo',
        fields: {
          domain: FAXMAX_DEMO.domain,
          apiCode: FAXMAX_DEMO.apiCode,
          apiPassword: FAXMAX_DEMO.apiPassword,
          cipher: FAXMAX_DEMO.cipher.name,
        },
        secretFields: secretOptionKeys(FAXMAX_MANIFEST),
      },
      ...FAXMAX_DEMO.users.map((u) => user(u, 'demo')),
      ...seed.map((e) => user({ username: String(e.username), password: String(e.password) }, 'seed')),
    ];
  },
  clientOptions: ({ mountUrl }): FaxmaxClientOptions => ({
    ...FAXMAX_MANIFEST.demoOptions,
    baseUrl: mountUrl,
    allowInsecureHttp: true,
  }),
  links: () => pageLinks(FAXMAX_MANIFEST),
};
