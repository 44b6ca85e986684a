import type { DiaClientOptions } from '@sso/dia';
import { createDiaSimulator, DIA_DEMO, type DiaSimulator } from '@sso/dia/simulator';
import { checkSeedFields } from '../seed.js';
import type { SandboxAccount, SandboxProviderDefinition } from '../types.js';

/** DIA under `/dia` (`/dia/{module}/json`). Seed entries: `{ username, password, apiKey?, permissions? }`. */
export const diaDefinition: SandboxProviderDefinition<DiaSimulator> = {
  id: 'dia',
  title: 'DIA',
  prefix: '/dia',
  create: (seed, now) =>
    createDiaSimulator({
      ...(now ? { now } : {}),
      users: [
        { username: DIA_DEMO.username, password: DIA_DEMO.password, permissions: [...DIA_DEMO.permissions] },
        ...seed.map((e) => ({
          username: String(e.username),
          password: String(e.password),
          permissions: (e.permissions as string[] | undefined) ?? [...DIA_DEMO.permissions],
        })),
      ],
      apiKeys: [DIA_DEMO.apiKey, ...seed.flatMap((e) => (typeof e.apiKey === 'string' ? [e.apiKey] : []))],
    }),
  validateSeed: (entry) =>
    checkSeedFields(entry, ['username', 'password'], ['apiKey'], {
      permissions: 'an array of service names',
    }),
  accounts: (seed) => {
    const account = (e: Record<string, unknown>, source: 'demo' | 'seed'): SandboxAccount => ({
      provider: 'dia',
      source,
      fields: {
        username: String(e.username),
        password: String(e.password),
        ...(typeof e.apiKey === 'string' ? { apiKey: e.apiKey } : {}),
        permissions: ((e.permissions as string[] | undefined) ?? DIA_DEMO.permissions).join(' '),
      },
      secretFields: ['password', 'apiKey'],
    });
    return [account({ ...DIA_DEMO }, 'demo'), ...seed.map((e) => account(e, 'seed'))];
  },
  clientOptions: ({ mountUrl }): DiaClientOptions => ({
    baseUrl: mountUrl,
    allowInsecureHttp: true,
    username: DIA_DEMO.username,
    password: DIA_DEMO.password,
    apiKey: DIA_DEMO.apiKey,
  }),
  links: () => [],
};
