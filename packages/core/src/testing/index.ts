export * from '../simulator/index.js';
export { type SimulatorHandlerOptions, simulatorHandler } from './handlers.js';
