export { type GittiGidiyorHandlerOptions, gittigidiyorHandlers } from './handlers.js';
export * from './simulator-entry.js';
