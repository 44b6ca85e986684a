export { faxmaxHandlers } from './msw.js';
export * from './simulator-entry.js';
