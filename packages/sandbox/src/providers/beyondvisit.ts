import type { BeyondVisitClientOptions } from '@sso/beyondvisit';
import {
  BEYONDVISIT_DEMO,
  type BeyondVisitPartnerSeed,
  type BeyondVisitSimulator,
  type BeyondVisitUserSeed,
  createBeyondVisitSimulator,
} from '@sso/beyondvisit/simulator';
import { checkSeedFields } from '../seed.js';
import type { SandboxAccount, SandboxProviderDefinition } from '../types.js';

const USER_FIELDS = ['userToken', 'userCode', 'name', 'surname', 'email', 'site'] as const;
const isUser = (entry: Record<string, unknown>) => 'userToken' in entry;

/**
 * BeyondVisit under `/beyondvisit`. Seed entries are partners `{ apiKey, secretKey }` or users
 * `{ userToken, userCode, name, surname, email, site, apiKey? }` (a user of the partner `apiKey`,
 * default the demo partner).
 */
export const beyondVisitDefinition: SandboxProviderDefinition<BeyondVisitSimulator> = {
  id: 'beyondvisit',
  title: 'BeyondVisit',
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
      secretFields: ['secretKey'],
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
    apiKey: BEYONDVISIT_DEMO.apiKey,
    secretKey: BEYONDVISIT_DEMO.secretKey,
    baseUrl: mountUrl,
    allowInsecureHttp: true,
  }),
  links: () => [
    {
      label: 'Sign-in page with an unknown login token',
      href: '/beyondvisit/external/Login/unknown-login-token',
      note: 'real sign-ins get a fresh token from LoginToken (sso --sandbox beyondvisit login-url --user-token …)',
    },
  ],
};
