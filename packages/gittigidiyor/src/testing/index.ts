export * from '../simulator/index.js';
export { type GittiGidiyorHandlerOptions, gittigidiyorHandlers } from './handlers.js';
