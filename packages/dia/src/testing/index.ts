export { DIA_DEMO } from './demo.js';
export { type DiaHandlersOptions, diaHandlers } from './handlers.js';
export {
  type DiaSimulator,
  type DiaSimulatorOptions,
  type DiaSimulatorStats,
  type DiaSimulatorUser,
  createDiaSimulator,
} from './simulator.js';
