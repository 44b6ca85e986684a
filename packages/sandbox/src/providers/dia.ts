import { secretOptionKeys } from '@sso/core/simulator';
import type { DiaClientOptions } from '@sso/dia';
import {
  createDiaSimulator,
  DIA_DEMO,
  DIA_MANIFEST,
  DIA_SIMULATED_ERRORS,
  type DiaSimulatedError,
  type DiaSimulator,
} from '@sso/dia/simulator';
import { checkSeedFields } from '../seed.js';
import type { SandboxAccount, SandboxProviderDefinition } from '../types.js';
import { pageLinks } from './manifest-links.js';

/**
 * DIA under `/dia` (`/dia/{module}/json`). Seed entries: `{ username, password, apiKey?, permissions?,
 * failWith? }`; `failWith` (`"405"`, `"406"`, `"419"`, … or `"INVALID_SESSION"`) makes every business
 * call of that user answer that DIA error.
 */
export const diaDefinition: SandboxProviderDefinition<DiaSimulator> = {
  id: 'dia',
  title: DIA_MANIFEST.title,
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
          ...(typeof e.failWith === 'string' ? { failWith: e.failWith as DiaSimulatedError } : {}),
        })),
      ],
      apiKeys: [DIA_DEMO.apiKey, ...seed.flatMap((e) => (typeof e.apiKey === 'string' ? [e.apiKey] : []))],
    }),
  validateSeed: (entry) => {
    const problem = checkSeedFields(entry, ['username', 'password'], ['apiKey', 'failWith'], {
      permissions: 'an array of service names',
    });
    const failWith = (entry as Record<string, unknown> | null)?.failWith;
    if (problem || failWith === undefined) return problem;
    return (DIA_SIMULATED_ERRORS as readonly unknown[]).includes(failWith)
      ? undefined
      : `"failWith" must be one of ${DIA_SIMULATED_ERRORS.join(', ')}`;
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
        ...(typeof e.failWith === 'string' ? { failWith: e.failWith } : {}),
      },
      secretFields: secretOptionKeys(DIA_MANIFEST),
    });
    return [account({ ...DIA_DEMO }, 'demo'), ...seed.map((e) => account(e, 'seed'))];
  },
  clientOptions: ({ mountUrl }): DiaClientOptions => ({
    ...DIA_MANIFEST.demoOptions,
    baseUrl: mountUrl,
    allowInsecureHttp: true,
  }),
  links: () => pageLinks(DIA_MANIFEST),
};
