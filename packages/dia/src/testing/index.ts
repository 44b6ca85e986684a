export * from '../simulator/index.js';
export { type DiaHandlersOptions, diaHandlers } from './handlers.js';
