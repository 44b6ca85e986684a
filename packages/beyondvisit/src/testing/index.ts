export { type BeyondVisitHandlersOptions, beyondVisitHandlers } from './msw.js';
export * from './simulator-entry.js';
