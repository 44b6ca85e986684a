export {
  createGittiGidiyorSimulator,
  GITTIGIDIYOR_DEMO,
  GITTIGIDIYOR_SIMULATOR_ERRORS,
  type GittiGidiyorHandlerOptions,
  type GittiGidiyorSimulatedSession,
  type GittiGidiyorSimulator,
  type GittiGidiyorSimulatorApp,
  type GittiGidiyorSimulatorCounters,
  type GittiGidiyorSimulatorOptions,
  gittigidiyorHandlers,
} from './simulator.js';
