export {
  type ActionContext,
  type ActionResult,
  type ActionSpec,
  type CliIo,
  envName,
  exitCodeFor,
  type FlagSpec,
  MASKED,
  type ProviderSpec,
  UsageError,
} from './framework.js';
export { type CliErrorInfo, main, VERSION } from './main.js';
export { PROVIDERS } from './providers/index.js';
