import type { BeyondVisitClientOptions } from '@sso/beyondvisit';
import type { BeyondVisitSimulator } from '@sso/beyondvisit/simulator';
import type { DiaClientOptions } from '@sso/dia';
import type { DiaSimulator } from '@sso/dia/simulator';
import type { EuromsgClientOptions } from '@sso/euromsg-soap';
import type { EuromsgSimulator } from '@sso/euromsg-soap/simulator';
import type { FaxmaxClientOptions } from '@sso/faxmax-rpc';
import type { FaxmaxSimulator } from '@sso/faxmax-rpc/simulator';
import type { GittiGidiyorClientOptions } from '@sso/gittigidiyor';
import type { GittiGidiyorSimulator } from '@sso/gittigidiyor/simulator';
import { beyondVisitDefinition } from './providers/beyondvisit.js';
import { diaDefinition } from './providers/dia.js';
import { euromsgDefinition } from './providers/euromsg.js';
import { faxmaxDefinition } from './providers/faxmax.js';
import { gittiGidiyorDefinition } from './providers/gittigidiyor.js';
import { type SandboxBase, type StartSandboxOptions, startSandboxWith } from './sandbox.js';
import type { SandboxProviderDefinition } from './types.js';

/** The five providers in mount order. */
export const BUILTIN_PROVIDERS: ReadonlyArray<SandboxProviderDefinition> = [
  beyondVisitDefinition,
  faxmaxDefinition,
  euromsgDefinition,
  gittiGidiyorDefinition,
  diaDefinition,
] as ReadonlyArray<SandboxProviderDefinition>;

/** Complete options for each provider's `create…Client`, pointing at the sandbox with the demo accounts. */
export interface SandboxClientOptions {
  beyondvisit: BeyondVisitClientOptions;
  faxmax: FaxmaxClientOptions;
  euromsg: EuromsgClientOptions;
  gittigidiyor: GittiGidiyorClientOptions;
  dia: DiaClientOptions;
}

/** The simulators behind the sandbox, for inspecting counters and state in tests. */
export interface SandboxSimulators {
  beyondvisit: BeyondVisitSimulator;
  faxmax: FaxmaxSimulator;
  euromsg: EuromsgSimulator;
  gittigidiyor: GittiGidiyorSimulator;
  dia: DiaSimulator;
}

export interface Sandbox extends SandboxBase {
  readonly clientOptions: SandboxClientOptions;
  readonly simulators: SandboxSimulators;
}

export type SandboxOptions = Omit<StartSandboxOptions<ReadonlyArray<SandboxProviderDefinition>>, 'providers'>;

/**
 * Starts the sandbox: one HTTP server on 127.0.0.1 serving every provider's simulator under
 * `/beyondvisit`, `/faxmax`, `/euromsg`, `/gittigidiyor` and `/dia`, with an index page at `/`.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const started = await startSandboxWith(BUILTIN_PROVIDERS, options);
  return started as unknown as Sandbox;
}

/**
 * Client options for a sandbox that already runs elsewhere (e.g. `sso-sandbox` in another
 * terminal), using the demo accounts. `url` is its root, e.g. `http://127.0.0.1:4010`.
 */
export function sandboxClientOptions(url: string): SandboxClientOptions {
  const root = url.replace(/\/+$/, '');
  const out: Record<string, object> = {};
  for (const def of BUILTIN_PROVIDERS)
    out[def.id] = def.clientOptions({ url: root, mountUrl: `${root}${def.prefix}/` });
  return out as unknown as SandboxClientOptions;
}
