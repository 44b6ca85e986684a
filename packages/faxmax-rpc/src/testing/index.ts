export * from '../simulator/index.js';
export { faxmaxHandlers } from './handlers.js';
