export { type DiaHandlersOptions, diaHandlers } from './handlers.js';
export * from './simulator-entry.js';
