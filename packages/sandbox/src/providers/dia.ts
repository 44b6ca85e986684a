import type { DiaClientOptions } from '@sso/dia';
import { createDiaSimulator, DIA_DEMO, type DiaSimulator } from '@sso/dia/simulator';
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
  validateSeed: (entry) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'must be an object';
    const e = entry as Record<string, unknown>;
    for (const key of ['username', 'password']) {
      if (typeof e[key] !== 'string' || (e[key] as string).trim() === '')
        return `"${key}" must be a non-empty string`;
    }
    if (e.apiKey !== undefined && (typeof e.apiKey !== 'string' || e.apiKey === '')) {
      return '"apiKey" must be a non-empty string';
    }
    if (
      e.permissions !== undefined &&
      !(Array.isArray(e.permissions) && e.permissions.every((p) => typeof p === 'string'))
    ) {
      return '"permissions" must be an array of service names';
    }
    const unknown = Object.keys(e).find(
      (k) => !['username', 'password', 'apiKey', 'permissions'].includes(k),
    );
    return unknown
      ? `unknown field "${unknown}" (allowed: username, password, apiKey, permissions)`
      : undefined;
  },
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
