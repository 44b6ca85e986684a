// `@sso/gittigidiyor/simulator`: the simulator without msw (what the sandbox serves); `./testing` adds the
// MSW handlers.

export { GITTIGIDIYOR_MANIFEST } from '../manifest.js';
export {
  createGittiGidiyorSimulator,
  GITTIGIDIYOR_DEMO,
  GITTIGIDIYOR_SIMULATOR_ERRORS,
  type GittiGidiyorSimulatedSession,
  type GittiGidiyorSimulator,
  type GittiGidiyorSimulatorApp,
  type GittiGidiyorSimulatorCounters,
  type GittiGidiyorSimulatorOptions,
} from '../testing/simulator.js';
