export * from '../simulator/index.js';
export { type BeyondVisitHandlersOptions, beyondVisitHandlers } from './handlers.js';
