export { createLeakDetector, type LeakDetector } from './leaks.js';
export { type SimulatorHandlerOptions, simulatorHandler } from './msw.js';
export {
  type CallerInfo,
  createTestClock,
  type ProviderSimulator,
  rebaseRequest,
  type TestClock,
} from './simulator.js';
