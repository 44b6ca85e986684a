export {
  BUILTIN_PROVIDERS,
  type Sandbox,
  type SandboxClientOptions,
  type SandboxOptions,
  type SandboxSimulators,
  sandboxClientOptions,
  startSandbox,
} from './builtin.js';
export {
  createFaultInjector,
  describeFaults,
  type FaultConfig,
  type FaultDecision,
  type FaultInjector,
  type FaultKind,
  FaultSpecError,
  type FaultStats,
  parseFaultSpec,
  seededRandom,
} from './faults.js';
export { MASK, maskSecret, maskUrlForLog } from './mask.js';
export { renderBanner, runSandboxCli, SANDBOX_USAGE, type SandboxCliIo } from './run.js';
export {
  type SandboxBase,
  type StartSandboxOptions,
  startSandboxWith,
} from './sandbox.js';
export { type SandboxSeed, SandboxSeedError } from './seed.js';
export { listenSandboxServer, type Mount, type RunningServer, SandboxListenError } from './server.js';
export { stopSignal } from './signals.js';
export type {
  ProviderContext,
  ProviderInfo,
  SandboxAccount,
  SandboxLink,
  SandboxProviderDefinition,
} from './types.js';
export { rewriteAddresses, withWsdl } from './wsdl.js';
