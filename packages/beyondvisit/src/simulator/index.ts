// `@sso/beyondvisit/simulator`: the simulator without msw (what the sandbox serves); `./testing` adds the
// MSW handlers.

export { BEYONDVISIT_MANIFEST } from '../manifest.js';
export { BEYONDVISIT_DEMO, type BeyondVisitDemoUser } from '../testing/demo.js';
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
} from '../testing/simulator.js';
