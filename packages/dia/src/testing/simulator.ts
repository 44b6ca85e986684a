import { type CallerInfo, type ProviderSimulator, respond, routeTable } from '@sso/core/simulator';
import { createDispatcher, inForm } from './dispatch.js';
import { statusPage } from './pages.js';
import { createServices } from './services.js';
import {
  createDiaState,
  type DiaSimulatedError,
  type DiaSimulatorOptions,
  type DiaSimulatorStats,
  SIMULATED_ERRORS,
} from './state.js';

export {
  DIA_SIMULATED_ERRORS,
  type DiaErrorForm,
  type DiaSimulatedError,
  type DiaSimulatorOptions,
  type DiaSimulatorStats,
  type DiaSimulatorUser,
} from './state.js';

export interface DiaSimulator extends ProviderSimulator {
  readonly provider: 'dia';
  readonly stats: DiaSimulatorStats;
  /** Forgets every session: each one now answers INVALID_SESSION (e.g. a DIA restart). */
  dropSessions(): void;
  /** Sessions not yet idle for the timeout. */
  activeSessions(username?: string): number;
  /** The remaining credit. */
  readonly kontor: number;
  /**
   * The next `count` business calls (default 1) are refused with `error`. 419 and
   * INVALID_SESSION also end the caller's session, as the real ones mean.
   */
  failNext(error: DiaSimulatedError, count?: number): void;
}

/**
 * A stateful fake of a DIA v3 server: `POST /{module}/json` with the `{ "<service>": {…} }`
 * envelope, login / logout in `sis`, one-hour sliding idle timeout on its own clock,
 * `disconnect_same_user`, per-user permissions, firma / dönem checks, credit accounting, and an
 * HTML status page at `GET /`. Pure Fetch API: it serves MSW, a node:http server or direct
 * calls alike, and keeps all state in memory (safe for any number of concurrent requests).
 */
export function createDiaSimulator(options: DiaSimulatorOptions = {}): DiaSimulator {
  const state = createDiaState(options);
  const dispatch = createDispatcher(
    state,
    createServices(() => state.kontor),
  );

  const notFound = () =>
    new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } });
  const handle = routeTable<[caller?: CallerInfo]>(
    [
      { path: /^\/?$/, methods: { GET: () => statusPage(state), '*': notFound } },
      {
        path: /^\/([a-z][a-z0-9_]*)\/json$/,
        methods: {
          async POST(request, match) {
            const answer = await dispatch(match[1]!, await request.text());
            return respond.json(inForm(answer.body, state.errorForm), answer.status);
          },
        },
      },
    ],
    {
      notFound,
      methodNotAllowed: (allow) =>
        new Response('Method Not Allowed', { status: 405, headers: { allow, 'content-type': 'text/plain' } }),
    },
  );

  return {
    provider: 'dia',
    stats: state.stats,
    handle,
    dropSessions() {
      state.sessions.clear();
    },
    activeSessions: state.activeSessions,
    get kontor() {
      return state.kontor;
    },
    failNext(error, count = 1) {
      if (!Object.hasOwn(SIMULATED_ERRORS, error)) throw new TypeError(`unknown DIA error ${error}`);
      for (let i = 0; i < count; i++) state.injected.push(error);
    },
  };
}
