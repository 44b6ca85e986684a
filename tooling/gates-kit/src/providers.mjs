// One descriptor per provider: how to load it, build its client, and make its main call. Every gate
// (bench, hostile responses, faults under load, consumers) is driven by this table. What a provider
// *is* (package, main call, demo credentials, which options are secret) comes from its manifest;
// this table adds only how a gate drives it.

import { BEYONDVISIT_MANIFEST } from '@sso/beyondvisit/simulator';
import { secretOptionKeys } from '@sso/core/simulator';
import { DIA_MANIFEST } from '@sso/dia/simulator';
import { EUROMSG_MANIFEST } from '@sso/euromsg-soap/simulator';
import { FAXMAX_MANIFEST } from '@sso/faxmax-rpc/simulator';
import { GITTIGIDIYOR_MANIFEST } from '@sso/gittigidiyor/simulator';

const isNonEmptyString = (v) => typeof v === 'string' && v.length > 0;

/** The descriptor fields a provider's manifest answers. */
const fromManifest = (manifest) => ({
  id: manifest.id,
  pkg: manifest.package,
  operation: manifest.mainCall.operation,
  clientOptions: () => ({ ...manifest.demoOptions }),
  secretOptions: secretOptionKeys(manifest),
});

/**
 * @typedef {object} ProviderDescriptor
 * @property {string} id            ProviderId of @sso/core
 * @property {string} pkg           package name
 * @property {string} operation     the main call, for reports
 * @property {() => Promise<any>} load
 * @property {(loaded: any) => any} simulator
 * @property {(loaded: any) => any} demo
 * @property {(demo: any) => Record<string, unknown>} clientOptions   credentials from the demo account
 * @property {string[]} secretOptions  the client options whose values are secrets (never shown anywhere)
 * @property {(loaded: any, options: Record<string, unknown>) => any} create
 * @property {(client: any, demo: any) => Promise<any>} [prepare]    one-off setup (not measured)
 * @property {(client: any, demo: any, context: any) => Promise<void>} [warm]  per-client setup, e.g. login
 * @property {(client: any, demo: any, context: any) => Promise<any>} call
 * @property {(result: unknown) => boolean} isResult  shape of a successful typed result
 * @property {{ loginOperation: string, call: (client: any, demo: any, context: any) => Promise<any>, isResult: (r: unknown) => boolean }} [session]
 *   a call that runs inside the client's managed session (one login shared by every caller)
 */

/** @type {ProviderDescriptor[]} */
export const PROVIDERS = [
  {
    ...fromManifest(BEYONDVISIT_MANIFEST),
    load: async () => ({
      main: await import('@sso/beyondvisit'),
      testing: await import('@sso/beyondvisit/testing'),
    }),
    simulator: ({ testing }) => testing.createBeyondVisitSimulator(),
    demo: ({ testing }) => testing.BEYONDVISIT_DEMO,
    create: ({ main }, options) => main.createBeyondVisitClient(options),
    prepare: async (client, demo) =>
      demo.userToken
        ? { userToken: demo.userToken }
        : client.createUser({ name: 'Ayşe', surname: 'Yılmaz', email: 'ayse@example.com.tr', site: 'bench' }),
    call: (client, _demo, ctx) => client.createLoginToken({ userToken: ctx.userToken }),
    isResult: (r) => isNonEmptyString(r?.loginToken),
  },
  {
    ...fromManifest(FAXMAX_MANIFEST),
    load: async () => ({
      main: await import('@sso/faxmax-rpc'),
      testing: await import('@sso/faxmax-rpc/testing'),
    }),
    simulator: ({ testing }) => testing.createFaxmaxSimulator(),
    demo: ({ testing }) => testing.FAXMAX_DEMO,
    create: ({ main }, options) => main.createFaxmaxClient(options),
    call: (client, demo) => client.tokenLogin({ username: demo.username, remoteIp: '127.0.0.1' }),
    isResult: (r) => isNonEmptyString(r?.token),
  },
  {
    ...fromManifest(EUROMSG_MANIFEST),
    load: async () => ({
      main: await import('@sso/euromsg-soap'),
      testing: await import('@sso/euromsg-soap/testing'),
    }),
    simulator: ({ testing }) => testing.createEuromsgSimulator(),
    demo: ({ testing }) => testing.EUROMSG_DEMO,
    create: ({ main }, options) => main.createEuromsgClient(options),
    call: (client) => client.login(),
    isResult: (r) => isNonEmptyString(r?.serviceTicket),
    session: {
      // @sso/soap names transport operations after the WSDL operation.
      loginOperation: 'Login',
      call: (client) => client.withSession(async (serviceTicket) => ({ serviceTicket })),
      isResult: (r) => isNonEmptyString(r?.serviceTicket),
    },
  },
  {
    ...fromManifest(GITTIGIDIYOR_MANIFEST),
    load: async () => ({
      main: await import('@sso/gittigidiyor'),
      testing: await import('@sso/gittigidiyor/testing'),
    }),
    simulator: ({ testing }) => testing.createGittiGidiyorSimulator(),
    demo: ({ testing }) => testing.GITTIGIDIYOR_DEMO,
    create: ({ main }, options) => main.createGittiGidiyorClient(options),
    call: (client) => client.createToken(),
    isResult: (r) => isNonEmptyString(r?.tokenId),
  },
  {
    ...fromManifest(DIA_MANIFEST),
    load: async () => ({ main: await import('@sso/dia'), testing: await import('@sso/dia/testing') }),
    simulator: ({ testing }) => testing.createDiaSimulator(),
    demo: ({ testing }) => testing.DIA_DEMO,
    create: ({ main }, options) => main.createDiaClient(options),
    warm: async (client) => {
      await client.login();
    },
    call: (client) => client.call('sis', 'sis_kontor_sorgula', {}),
    isResult: (r) => r !== undefined && r !== null,
    session: {
      loginOperation: 'login',
      call: (client) => client.call('sis', 'sis_kontor_sorgula', {}),
      isResult: (r) => r !== undefined && r !== null,
    },
  },
];

export const providerById = (id) => PROVIDERS.find((p) => p.id === id);

/** Loads a provider; `undefined` when its package (or its /testing entry) is not built yet. */
export async function tryLoad(provider) {
  try {
    return await provider.load();
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' || error?.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED')
      return undefined;
    throw error;
  }
}
