export { type PageResult, renderPage } from './html.js';
export { faxmaxHandlers } from './msw.js';
export {
  createFaxmaxSimulator,
  FAXMAX_DEMO,
  FAXMAX_SIMULATOR_ERRORS,
  type FaxmaxSimulator,
  type FaxmaxSimulatorCounters,
  type FaxmaxSimulatorOptions,
  type FaxmaxSimulatorUser,
  type MethodContext,
  normalizeIp,
  type SsoRefusalReason,
  type SsoVerification,
} from './simulator.js';
