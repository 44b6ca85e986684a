import { secretOptionKeys } from '@sso/core/simulator';
import type { EuromsgClientOptions } from '@sso/euromsg-soap';
import {
  createEuromsgSimulator,
  EUROMSG_DEMO,
  EUROMSG_MANIFEST,
  type EuromsgSimulator,
} from '@sso/euromsg-soap/simulator';
import { EUROMSG_AUTH_WSDL, EUROMSG_POST_WSDL } from '../generated/wsdl.js';
import { checkSeedFields } from '../seed.js';
import type { SandboxAccount, SandboxProviderDefinition } from '../types.js';
import { pageLinks } from './manifest-links.js';

/**
 * Euromsg under `/euromsg` (`/euromsg/auth.asmx`, `/euromsg/post.asmx`). Seed entries:
 * `{ username, password, allowedIps? }` — `allowedIps` makes logins from other addresses answer
 * Code 99 "Invalid IP" (the sandbox's callers come from 127.0.0.1). `…/auth.asmx?wsdl` and
 * `…/post.asmx?wsdl` serve the WSDLs with the sandbox's own address.
 */
export const euromsgDefinition: SandboxProviderDefinition<EuromsgSimulator> = {
  id: 'euromsg',
  title: EUROMSG_MANIFEST.title,
  prefix: '/euromsg',
  create: (seed, now) =>
    createEuromsgSimulator({
      ...(now ? { now } : {}),
      accounts: [
        { username: EUROMSG_DEMO.username, password: EUROMSG_DEMO.password },
        ...seed.map((e) => ({
          username: String(e.username),
          password: String(e.password),
          ...(Array.isArray(e.allowedIps) ? { allowedIps: e.allowedIps as string[] } : {}),
        })),
      ],
    }),
  validateSeed: (entry) =>
    checkSeedFields(entry, ['username', 'password'], [], { allowedIps: 'an array of IP addresses' }),
  accounts: (seed) => {
    const account = (e: Record<string, unknown>, source: 'demo' | 'seed'): SandboxAccount => ({
      provider: 'euromsg',
      source,
      fields: {
        username: String(e.username),
        password: String(e.password),
        ...(Array.isArray(e.allowedIps) ? { allowedIps: (e.allowedIps as string[]).join(' ') } : {}),
      },
      secretFields: secretOptionKeys(EUROMSG_MANIFEST),
    });
    return [account({ ...EUROMSG_DEMO }, 'demo'), ...seed.map((e) => account(e, 'seed'))];
  },
  clientOptions: ({ mountUrl }): EuromsgClientOptions => ({
    ...EUROMSG_MANIFEST.demoOptions,
    baseUrl: mountUrl,
    allowInsecureHttp: true,
  }),
  links: () => pageLinks(EUROMSG_MANIFEST),
  wsdl: { '/auth.asmx': EUROMSG_AUTH_WSDL, '/post.asmx': EUROMSG_POST_WSDL },
};
