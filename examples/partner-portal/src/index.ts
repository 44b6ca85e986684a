export {
  type PartnerPortal,
  type PartnerPortalOptions,
  type Sandbox,
  startPartnerPortal,
  UNKNOWN_BEYONDVISIT_USER_TOKEN,
  UNKNOWN_FAXMAX_USERNAME,
} from './app.js';
export { BrowserMissingError, CHROMIUM_ARGS, type HeadlessBrowser, launchBrowser } from './browser.js';
export {
  beyondVisitFlow,
  type CheckOptions,
  type CheckResult,
  FLOW_NAMES,
  faxmaxFlow,
  formatTable,
  gittiGidiyorFlow,
  runChecks,
  serverSessionFlow,
  signIn,
} from './check.js';
export { ConfigError, ENV_VARIABLES, type Env, faxmaxCipherFromSpec, readEnvConfig } from './config.js';
export {
  type FlowReport,
  type FlowStep,
  type PortalProviders,
  PROVIDER_TITLES,
  type ProviderKey,
} from './flows.js';
export { mask } from './mask.js';
export { clientIp, type PortalOptions, type RunningPortal, startPortal } from './server.js';
export type { PortalUser } from './sessions.js';
