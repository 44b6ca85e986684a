import { type ProviderSimulator, respond } from '@sso/core/simulator';
import type { FaultConfig, FaultStats } from './faults.js';
import { renderIndexPage } from './index-page.js';
import { readSeedFile, type SandboxSeed, validateSeed } from './seed.js';
import { listenSandboxServer } from './server.js';
import type { ProviderInfo, SandboxAccount, SandboxProviderDefinition } from './types.js';
import { withWsdl } from './wsdl.js';

export interface StartSandboxOptions<Defs extends ReadonlyArray<SandboxProviderDefinition>> {
  /** Port on 127.0.0.1; 0 picks a free one. Default 4010. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** Extra accounts: an object or the path of a JSON file. */
  seed?: SandboxSeed | string;
  /** Fault injection, as a config or a spec string (`latency=200ms,reset=5%,500=5%,truncate=2%`). */
  faults?: FaultConfig | string;
  /** One line per request (secrets masked). Default: silent. */
  log?: (line: string) => void;
  /** Show secrets on the index page. Default false. */
  showSecrets?: boolean;
  /** Clock for every simulator (epoch ms). */
  now?: () => number;
  /** The providers to mount. Default: all five. */
  providers?: Defs;
}

export interface SandboxBase {
  /** Root URL, e.g. `http://127.0.0.1:4010` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Every account of every provider, demo accounts first. */
  readonly accounts: SandboxAccount[];
  readonly providers: ProviderInfo[];
  /** Fault injection control: counts since the last configure, and live reconfiguration. */
  readonly faults: {
    stats(): FaultStats;
    config(): FaultConfig;
    configure(config: FaultConfig | string | undefined): void;
  };
  /** Stops listening, ends open connections and resolves when the port is free. */
  close(): Promise<void>;
}

/** Starts a sandbox with the given provider definitions (the generic engine under `startSandbox`). */
export async function startSandboxWith<Defs extends ReadonlyArray<SandboxProviderDefinition>>(
  providers: Defs,
  options: Omit<StartSandboxOptions<Defs>, 'providers'> = {},
): Promise<
  SandboxBase & {
    simulators: Record<string, ProviderSimulator>;
    clientOptions: Record<string, object>;
  }
> {
  const seedInput = typeof options.seed === 'string' ? await readSeedFile(options.seed) : options.seed;
  const seed = validateSeed(seedInput, providers);
  const simulators: Record<string, ProviderSimulator> = {};
  for (const def of providers) simulators[def.id] = def.create(seed.get(def.id) ?? [], options.now);

  let infos: ProviderInfo[] = [];
  const running = await listenSandboxServer({
    port: options.port ?? 4010,
    host: options.host ?? '127.0.0.1',
    mounts: providers.map((def) => {
      const simulator = simulators[def.id] as ProviderSimulator;
      return {
        prefix: def.prefix,
        simulator: def.wsdl ? withWsdl(simulator, def.wsdl, def.prefix) : simulator,
      };
    }),
    ...(options.faults !== undefined ? { faults: options.faults } : {}),
    ...(options.log ? { log: options.log } : {}),
    fallback: (request) => {
      const { pathname } = new URL(request.url);
      if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
      if (pathname === '/' || pathname === '/index.html') {
        return respond.html(renderIndexPage(running.url, infos, options.showSecrets ?? false), 200, {
          'cache-control': 'no-store',
        });
      }
      if (pathname === '/health') return Response.json({ ok: true });
      return undefined;
    },
  });

  const clientOptions: Record<string, object> = {};
  infos = providers.map((def) => {
    const context = { url: running.url, mountUrl: `${running.url}${def.prefix}/` };
    clientOptions[def.id] = def.clientOptions(context);
    return {
      id: def.id,
      title: def.title,
      url: context.mountUrl,
      accounts: def.accounts(seed.get(def.id) ?? []),
      links: def.links(context),
    };
  });

  return {
    url: running.url,
    port: running.port,
    host: running.host,
    accounts: infos.flatMap((info) => info.accounts),
    providers: infos,
    simulators,
    clientOptions,
    faults: {
      stats: () => running.faults.stats(),
      config: () => running.faults.config(),
      configure: (config) => running.faults.configure(config),
    },
    close: () => running.close(),
  };
}
