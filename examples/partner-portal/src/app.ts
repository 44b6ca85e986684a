import type { BeyondVisitClientOptions } from '@sso/beyondvisit';
import type { DiaClientOptions } from '@sso/dia';
import type { EuromsgClientOptions } from '@sso/euromsg-soap';
import type { FaxmaxClientOptions } from '@sso/faxmax-rpc';
import type { GittiGidiyorClientOptions } from '@sso/gittigidiyor';
import { startSandbox } from '@sso/sandbox';
import { type Env, readEnvConfig } from './config.js';
import { type PortalProviders, PROVIDER_TITLES, type ProviderKey } from './flows.js';
import { beyondVisitPort } from './providers/beyondvisit.js';
import { diaPort } from './providers/dia.js';
import { euromsgPort } from './providers/euromsg.js';
import { faxmaxPort } from './providers/faxmax.js';
import { gittiGidiyorPort } from './providers/gittigidiyor.js';
import { type RunningPortal, startPortal } from './server.js';
import type { PortalUser } from './sessions.js';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export interface PartnerPortalOptions {
  /** Where settings come from. Default `process.env`. */
  env?: Env;
  /**
   * A running sandbox for the providers the environment does not configure. Without one, the portal
   * starts its own on a free port when it needs it (and stops it on close).
   */
  sandbox?: Sandbox;
  /** Default: `SSO_PORTAL_PORT`, else 0 (a free port). */
  port?: number;
  log?: (line: string) => void;
}

export interface PartnerPortal extends RunningPortal {
  /** Where each provider's settings came from. */
  sources: Partial<Record<ProviderKey, 'env' | 'sandbox'>>;
  /** The sandbox in use (given or embedded), if any provider uses it. */
  sandbox?: Sandbox;
  users: readonly PortalUser[];
}

/** A userToken BeyondVisit has never issued (the shape of a real one): `can`'s stale link. */
export const UNKNOWN_BEYONDVISIT_USER_TOKEN = 'u0000000000000000000000000000000';
/** A FaxMAX user that does not exist on the domain: `can`'s stale link. */
export const UNKNOWN_FAXMAX_USERNAME = 'can.demir';

function demoField(sandbox: Sandbox, provider: ProviderKey, field: string): string | undefined {
  // The first demo account that has the field: the sandbox lists the partner account, then its users.
  const account = sandbox.accounts.find(
    (entry) => entry.provider === provider && entry.source === 'demo' && entry.fields[field] !== undefined,
  );
  return account?.fields[field];
}

/** Starts the portal with providers from the environment, the others from the (given or embedded) sandbox. */
export async function startPartnerPortal(options: PartnerPortalOptions = {}): Promise<PartnerPortal> {
  const env = options.env ?? process.env;
  const config = readEnvConfig(env, { port: options.port ?? 0 });
  const keys = Object.keys(PROVIDER_TITLES) as ProviderKey[];
  const fromSandbox = keys.filter((key) => config.providers[key] === undefined);

  let sandbox = options.sandbox;
  const ownSandbox = sandbox === undefined && fromSandbox.length > 0;
  if (ownSandbox) sandbox = await startSandbox({ port: 0 });

  const settings: Partial<Record<ProviderKey, Record<string, unknown>>> = {};
  const sources: Partial<Record<ProviderKey, 'env' | 'sandbox'>> = {};
  for (const key of keys) {
    const fromEnv = config.providers[key];
    const chosen =
      fromEnv ??
      (sandbox?.clientOptions as Partial<Record<ProviderKey, Record<string, unknown>>> | undefined)?.[key];
    // A provider neither the environment nor the sandbox knows is shown as "not configured".
    if (!chosen) continue;
    settings[key] = chosen;
    sources[key] = fromEnv ? 'env' : 'sandbox';
  }

  const euromsg = settings.euromsg && euromsgPort(settings.euromsg as unknown as EuromsgClientOptions);
  const dia = settings.dia && diaPort(settings.dia as unknown as DiaClientOptions);
  const providers: PortalProviders = {
    ...(settings.beyondvisit && {
      beyondvisit: beyondVisitPort(settings.beyondvisit as unknown as BeyondVisitClientOptions),
    }),
    ...(settings.faxmax && { faxmax: faxmaxPort(settings.faxmax as unknown as FaxmaxClientOptions) }),
    ...(settings.gittigidiyor && {
      gittigidiyor: gittiGidiyorPort(settings.gittigidiyor as unknown as GittiGidiyorClientOptions),
    }),
    ...(euromsg && { euromsg }),
    ...(dia && { dia }),
  };

  const bvToken =
    sources.beyondvisit === 'env'
      ? config.beyondvisitUserToken
      : sandbox && demoField(sandbox, 'beyondvisit', 'userToken');
  const faxUser =
    sources.faxmax === 'env' ? config.faxmaxUsername : sandbox && demoField(sandbox, 'faxmax', 'username');
  const users: PortalUser[] = [
    {
      username: 'ayse',
      password: config.password,
      displayName: 'Ayşe Yılmaz',
      email: 'ayse.yilmaz@example.com.tr',
      ...(bvToken ? { beyondvisitUserToken: bvToken } : {}),
      ...(faxUser ? { faxmaxUsername: faxUser } : {}),
    },
    {
      // Linked to accounts the providers do not know: shows how the portal reports a refusal.
      username: 'can',
      password: config.password,
      displayName: 'Can Demir',
      email: 'can.demir@example.com.tr',
      beyondvisitUserToken: UNKNOWN_BEYONDVISIT_USER_TOKEN,
      faxmaxUsername: UNKNOWN_FAXMAX_USERNAME,
    },
  ];

  const footer = keys
    .map((key) => {
      const source = sources[key];
      const where =
        source === 'env'
          ? 'environment'
          : source === 'sandbox'
            ? `sandbox ${sandbox?.url}`
            : 'not configured';
      return `${PROVIDER_TITLES[key]}: ${where}`;
    })
    .join(' · ');

  let portal: RunningPortal;
  try {
    portal = await startPortal({
      providers,
      users,
      host: config.host,
      port: config.port,
      ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      trustProxy: config.trustProxy,
      ...(options.log ? { log: options.log } : {}),
      footer,
      returnLinks: (['beyondvisit', 'faxmax'] as const).filter((key) => sources[key] === 'sandbox'),
      loginHint:
        config.password === 'demo'
          ? 'Demo users: ayse / demo (linked accounts), can / demo (stale links).'
          : undefined,
    });
  } catch (error) {
    if (ownSandbox) await sandbox?.close();
    throw error;
  }

  return {
    ...portal,
    sources,
    ...(sandbox ? { sandbox } : {}),
    users,
    async close() {
      await portal.close();
      await Promise.allSettled([dia?.close(), euromsg?.close()]);
      if (ownSandbox) await sandbox?.close();
    },
  };
}
