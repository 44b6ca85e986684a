export { type SimulatorHandlerOptions, simulatorHandler } from './msw.js';
export * from './simulator-entry.js';
