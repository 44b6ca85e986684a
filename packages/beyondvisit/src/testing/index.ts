export { BEYONDVISIT_DEMO, type BeyondVisitDemoUser } from './demo.js';
export { type BeyondVisitHandlersOptions, beyondVisitHandlers } from './msw.js';
export {
  type BeyondVisitLoginTokenRecord,
  type BeyondVisitPartnerSeed,
  type BeyondVisitRefusal,
  type BeyondVisitSignIn,
  type BeyondVisitSimulatedUser,
  type BeyondVisitSimulator,
  type BeyondVisitSimulatorCounters,
  type BeyondVisitSimulatorOptions,
  type BeyondVisitUserSeed,
  createBeyondVisitSimulator,
} from './simulator.js';
