// `@sso/core/simulator`: everything a provider simulator needs, without msw. Importing msw
// keeps some runtimes alive (Deno) and drags its types into TypeScript projects that only want a
// simulator (the sandbox); the MSW handler helper lives in `@sso/core/testing` alone.
export { ssoErrorOf } from '../testing/errors.js';
export {
  escapeHtml,
  type Route,
  type RouteHandler,
  type RouteTableOptions,
  readCappedText,
  respond,
  routeTable,
} from '../testing/kit.js';
export { createLeakDetector, type LeakDetector } from '../testing/leaks.js';
export {
  envVariable,
  type ManifestOption,
  type ManifestPage,
  optionFlag,
  type ProviderManifest,
  secretOptionKeys,
} from '../testing/manifest.js';
export {
  backLink,
  developerDetails,
  formatInstant,
  type PageLink,
  pageResponse,
  type Refusal,
  refusalBody,
  SIMULATOR_PAGE_STYLE_ID,
  type SimulatorPageOptions,
  type StatusOverview,
  simulatorPage,
  statusPage,
  timeElement,
} from '../testing/page.js';
export {
  type CallerInfo,
  createTestClock,
  type ProviderSimulator,
  rebaseRequest,
  type TestClock,
} from '../testing/simulator.js';
