export * from '../simulator/index.js';
export { type EuromsgHandlerOptions, euromsgHandlers } from './handlers.js';
