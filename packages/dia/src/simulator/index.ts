// `@sso/dia/simulator`: the simulator without msw (what the sandbox serves); `./testing` adds the
// MSW handlers.

export { DIA_MANIFEST } from '../manifest.js';
export { DIA_DEMO } from '../testing/demo.js';
export {
  createDiaSimulator,
  DIA_SIMULATED_ERRORS,
  type DiaErrorForm,
  type DiaSimulatedError,
  type DiaSimulator,
  type DiaSimulatorOptions,
  type DiaSimulatorStats,
  type DiaSimulatorUser,
} from '../testing/simulator.js';
