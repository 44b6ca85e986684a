export { type EuromsgHandlerOptions, euromsgHandlers } from './handlers.js';
export * from './simulator-entry.js';
