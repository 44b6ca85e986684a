export { DIA_DEMO } from './demo.js';
export { type DiaHandlersOptions, diaHandlers } from './handlers.js';
export {
  createDiaSimulator,
  type DiaSimulator,
  type DiaSimulatorOptions,
  type DiaSimulatorStats,
  type DiaSimulatorUser,
} from './simulator.js';
