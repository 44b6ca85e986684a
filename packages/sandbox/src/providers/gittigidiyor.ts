import { secretOptionKeys } from '@sso/core/simulator';
import type { GittiGidiyorClientOptions } from '@sso/gittigidiyor';
import {
  createGittiGidiyorSimulator,
  GITTIGIDIYOR_DEMO,
  GITTIGIDIYOR_MANIFEST,
  type GittiGidiyorSimulator,
} from '@sso/gittigidiyor/simulator';
import { GITTIGIDIYOR_COMMUNITY_AUTH_WSDL } from '../generated/wsdl.js';
import { checkSeedFields } from '../seed.js';
import type { SandboxAccount, SandboxProviderDefinition } from '../types.js';
import { pageLinks } from './manifest-links.js';

/**
 * GittiGidiyor under `/gittigidiyor` (SOAP at `/gittigidiyor/CommunityAuthService`, login page at
 * `/gittigidiyor/login`; WSDL at `/gittigidiyor/CommunityAuthService?wsdl`). Seed entries are applications with their role user:
 * `{ apiKey, secretKey, roleName, rolePassword, name? }`.
 */
export const gittiGidiyorDefinition: SandboxProviderDefinition<GittiGidiyorSimulator> = {
  id: 'gittigidiyor',
  title: GITTIGIDIYOR_MANIFEST.title,
  prefix: '/gittigidiyor',
  create: (seed, now) =>
    createGittiGidiyorSimulator({
      ...(now ? { now } : {}),
      apps: [
        {
          apiKey: GITTIGIDIYOR_DEMO.apiKey,
          secretKey: GITTIGIDIYOR_DEMO.secretKey,
          name: 'Demo Partner Portal',
        },
        ...seed.map((e) => ({
          apiKey: String(e.apiKey),
          secretKey: String(e.secretKey),
          ...(typeof e.name === 'string' ? { name: e.name } : {}),
        })),
      ],
      roles: [
        { roleName: GITTIGIDIYOR_DEMO.roleName, rolePassword: GITTIGIDIYOR_DEMO.rolePassword },
        ...seed.map((e) => ({ roleName: String(e.roleName), rolePassword: String(e.rolePassword) })),
      ],
    }),
  validateSeed: (entry) =>
    checkSeedFields(entry, ['apiKey', 'secretKey', 'roleName', 'rolePassword'], ['name']),
  accounts: (seed) => {
    const account = (e: Record<string, unknown>, source: 'demo' | 'seed'): SandboxAccount => ({
      provider: 'gittigidiyor',
      source,
      fields: {
        apiKey: String(e.apiKey),
        secretKey: String(e.secretKey),
        roleName: String(e.roleName),
        rolePassword: String(e.rolePassword),
      },
      secretFields: secretOptionKeys(GITTIGIDIYOR_MANIFEST),
    });
    return [account({ ...GITTIGIDIYOR_DEMO }, 'demo'), ...seed.map((e) => account(e, 'seed'))];
  },
  clientOptions: ({ mountUrl }): GittiGidiyorClientOptions => ({
    ...GITTIGIDIYOR_MANIFEST.demoOptions,
    baseUrl: mountUrl,
    loginPageUrl: `${mountUrl}login`,
    allowInsecureHttp: true,
  }),
  links: () => pageLinks(GITTIGIDIYOR_MANIFEST),
  wsdl: { '/CommunityAuthService': GITTIGIDIYOR_COMMUNITY_AUTH_WSDL },
};
