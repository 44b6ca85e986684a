// `@sso/euromsg-soap/simulator`: the simulator without msw (what the sandbox serves); `./testing` adds the
// MSW handlers.

export { EUROMSG_MANIFEST } from '../manifest.js';
export {
  createEuromsgSimulator,
  EUROMSG_DEMO,
  type EuromsgSimulator,
  type EuromsgSimulatorAccount,
  type EuromsgSimulatorCounters,
  type EuromsgSimulatorOptions,
  type SimulatedPost,
} from '../testing/simulator.js';
