export { type LeakDetector, createLeakDetector } from './leaks.js';
export { type SimulatorHandlerOptions, simulatorHandler } from './msw.js';
export {
  type CallerInfo,
  type ProviderSimulator,
  type TestClock,
  createTestClock,
  rebaseRequest,
} from './simulator.js';
