// `@sso/faxmax-rpc/simulator`: the simulator without msw (what the sandbox serves); `./testing` adds the
// MSW handlers.

export { FAXMAX_MANIFEST } from '../manifest.js';
export { type PageResult, type RenderPageOptions, renderPage } from '../testing/pages.js';
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
} from '../testing/simulator.js';
