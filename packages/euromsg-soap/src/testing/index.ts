export {
  createEuromsgSimulator,
  EUROMSG_DEMO,
  type EuromsgHandlerOptions,
  type EuromsgSimulator,
  type EuromsgSimulatorAccount,
  type EuromsgSimulatorCounters,
  type EuromsgSimulatorOptions,
  euromsgHandlers,
  type SimulatedPost,
} from './simulator.js';
