import type { BeyondVisitClientOptions } from '@sso/beyondvisit';
import {
  BEYONDVISIT_DEMO,
  BEYONDVISIT_MANIFEST,
  type BeyondVisitPartnerSeed,
  type BeyondVisitSimulator,
  type BeyondVisitUserSeed,
  createBeyondVisitSimulator,
} from '@sso/beyondvisit/simulator';
import { secretOptionKeys } from '@sso/core/simulator';
import { checkSeedFields } from '../seed.js';
import type { SandboxAccount, SandboxProviderDefinition } from '../types.js';
import { pageLinks } from './manifest-links.js';

const USER_FIELDS = ['userToken', 'userCode', 'name', 'surname', 'email', 'site'] as const;
const isUser = (entry: Record<string, unknown>) => 'userToken' in entry;

/**
 * BeyondVisit under `/beyondvisit`. Seed entries are partners `{ apiKey, secretKey }` or users
 * `{ userToken, userCode, name, surname, email, site, apiKey? }` (a user of the partner `apiKey`,
 * default the demo partner).
 */
export const beyondVisitDefinition: SandboxProviderDefinition<BeyondVisitSimulator> = {
  id: 'beyondvisit',
  title: BEYONDVISIT_MANIFEST.title,
  prefix: '/beyondvisit',
  create: (seed, now) =>
    createBeyondVisitSimulator({
      ...(now ? { now } : {}),
      partners: seed.filter((e) => !isUser(e)) as unknown as BeyondVisitPartnerSeed[],
      users: seed.filter(isUser) as unknown as BeyondVisitUserSeed[],
    }),
  validateSeed: (entry) =>
    typeof entry === 'object' && entry !== null && 'userToken' in entry
      ? checkSeedFields(entry, USER_FIELDS, ['apiKey'])
      : checkSeedFields(entry, ['apiKey', 'secretKey']),
  accounts: (seed) => {
    const partner = (apiKey: string, secretKey: string, source: 'demo' | 'seed'): SandboxAccount => ({
      provider: 'beyondvisit',
      source,
      fields: { apiKey, secretKey },
      secretFields: secretOptionKeys(BEYONDVISIT_MANIFEST),
    });
    const user = (u: Record<string, unknown>, source: 'demo' | 'seed'): SandboxAccount => ({
      provider: 'beyondvisit',
      source,
      fields: {
        user: `${u.name} ${u.surname} <${u.email}>`,
        userToken: String(u.userToken),
        userCode: String(u.userCode),
      },
      secretFields: ['userToken'],
    });
    return [
      partner(BEYONDVISIT_DEMO.apiKey, BEYONDVISIT_DEMO.secretKey, 'demo'),
      ...BEYONDVISIT_DEMO.users.map((u) => user({ ...u }, 'demo')),
      ...seed.filter((e) => !isUser(e)).map((e) => partner(String(e.apiKey), String(e.secretKey), 'seed')),
      ...seed.filter(isUser).map((e) => user(e, 'seed')),
    ];
  },
  clientOptions: ({ mountUrl }): BeyondVisitClientOptions => ({
    ...BEYONDVISIT_MANIFEST.demoOptions,
    baseUrl: mountUrl,
    allowInsecureHttp: true,
  }),
  links: () => pageLinks(BEYONDVISIT_MANIFEST),
};
