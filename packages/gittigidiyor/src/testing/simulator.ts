import { type CallerInfo, type ProviderSimulator, routeTable } from '@sso/core/simulator';
import { createLoginPages } from './pages.js';
import { createCommunityAuthService } from './service.js';
import {
  createGittiGidiyorState,
  type GittiGidiyorSimulatedSession,
  type GittiGidiyorSimulatorCounters,
  type GittiGidiyorSimulatorOptions,
} from './state.js';

export { GITTIGIDIYOR_SIMULATOR_ERRORS } from './service.js';
export {
  GITTIGIDIYOR_DEMO,
  type GittiGidiyorSimulatedSession,
  type GittiGidiyorSimulatorApp,
  type GittiGidiyorSimulatorCounters,
  type GittiGidiyorSimulatorOptions,
} from './state.js';

export interface GittiGidiyorSimulator extends ProviderSimulator {
  readonly provider: 'gittigidiyor';
  readonly counters: Readonly<GittiGidiyorSimulatorCounters>;
  /** Sessions created by approving the login page. */
  readonly sessions: readonly GittiGidiyorSimulatedSession[];
  /** tokenIds issued and not yet used. */
  openTokens(): string[];
}

/**
 * A stateful fake of GittiGidiyor's CommunityAuthService (`createToken` over SOAP behind HTTP
 * Basic) and the login page where a member approves an application's sign-in.
 */
export function createGittiGidiyorSimulator(
  options: GittiGidiyorSimulatorOptions = {},
): GittiGidiyorSimulator {
  const state = createGittiGidiyorState(options);
  const pages = createLoginPages(state);
  const service = createCommunityAuthService(state);

  const handle = routeTable<[caller?: CallerInfo]>([
    { path: '/login', methods: { GET: pages.loginPage, POST: pages.approve } },
    // HTTP Basic is checked before the method, as the servlet container does: `*` takes every method.
    { path: '/CommunityAuthService', methods: { '*': service } },
  ]);

  return {
    provider: 'gittigidiyor',
    handle,
    counters: state.counters,
    sessions: state.sessions,
    openTokens: () => [...state.tokens.entries()].filter(([, t]) => !t.used).map(([id]) => id),
  };
}
