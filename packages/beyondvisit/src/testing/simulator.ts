import { type CallerInfo, type ProviderSimulator, respond, routeTable } from '@sso/core/simulator';
import { createPartnerApi } from './api.js';
import { createLoginPage } from './pages.js';
import {
  type BeyondVisitLoginTokenRecord,
  type BeyondVisitPartnerSeed,
  type BeyondVisitSignIn,
  type BeyondVisitSimulatedUser,
  type BeyondVisitSimulatorCounters,
  type BeyondVisitSimulatorOptions,
  type BeyondVisitUserSeed,
  createBeyondVisitState,
} from './state.js';

export type { BeyondVisitRefusal } from './pages.js';
export type {
  BeyondVisitLoginTokenRecord,
  BeyondVisitPartnerSeed,
  BeyondVisitSignIn,
  BeyondVisitSimulatedUser,
  BeyondVisitSimulatorCounters,
  BeyondVisitSimulatorOptions,
  BeyondVisitUserSeed,
} from './state.js';

export interface BeyondVisitSimulator extends ProviderSimulator {
  readonly provider: 'beyondvisit';
  /** Live counters (read them, do not write them). */
  readonly counters: Readonly<BeyondVisitSimulatorCounters>;
  readonly loginTokenTtlMs: number;
  addPartner(partner: BeyondVisitPartnerSeed): void;
  addUser(user: BeyondVisitUserSeed): BeyondVisitSimulatedUser;
  user(userToken: string): BeyondVisitSimulatedUser | undefined;
  users(): BeyondVisitSimulatedUser[];
  /** Issues a login token directly, as a successful LoginToken call would. */
  issueLoginToken(userToken: string): BeyondVisitLoginTokenRecord;
  loginTokenRecord(loginToken: string): BeyondVisitLoginTokenRecord | undefined;
  /** Successful browser sign-ins, oldest first. */
  signIns(): BeyondVisitSignIn[];
}

/**
 * A stateful fake of BeyondVisit's partner API and its browser sign-in page.
 *
 * Behaviour that follows the document: the two POST endpoints with their own code tables, lower-case
 * `apikey` in CreateUser and `apiKey` in LoginToken, `sign = md5(apiKey + secretKey)`, a userToken
 * per created user, a fresh single-use loginToken per LoginToken call.
 * Choices where the document is silent (documented here so tests can rely on them): credentials are
 * checked before fields (6, then 5, then Name 2, Surname 3, Email 4, Site 1); a body sent without a
 * JSON content type binds to nothing, like ASP.NET model binding, so it fails with "ApiKey not
 * found"; the sign is compared as lower-case hex; a user belongs to the partner that created it;
 * login tokens live `loginTokenTtlMs` and several may be valid at once; fields longer than the
 * documented MaxLength are answered with HTTP 400 (the real answer is unknown). The sign-in page
 * takes an optional `return` parameter (a simulator addition) and links back to it.
 */
export function createBeyondVisitSimulator(options: BeyondVisitSimulatorOptions = {}): BeyondVisitSimulator {
  const state = createBeyondVisitState(options);
  const api = createPartnerApi(state, options.failureStatus ?? 200);
  const loginPage = createLoginPage(state);
  const { text } = respond;

  // IIS paths are case-insensitive. The sign-in page is GET only: a HEAD (link preview, prefetch)
  // must not consume a single-use token.
  const route = routeTable<[caller?: CallerInfo]>(
    [
      { path: /^\/external\/createuser$/i, methods: { POST: api.createUser } },
      { path: /^\/external\/logintoken$/i, methods: { POST: api.loginToken } },
      {
        path: /^\/external\/login\/([^/]+)$/i,
        methods: { GET: (request, match) => loginPage(match[1]!, request) },
      },
    ],
    {
      notFound: () => text('Not Found', 404),
      methodNotAllowed: (allow) => text('Method Not Allowed', 405, { allow }),
    },
  );

  async function handle(request: Request, caller?: CallerInfo): Promise<Response> {
    state.counters.requests++;
    return route(request, caller);
  }

  return {
    provider: 'beyondvisit',
    counters: state.counters,
    loginTokenTtlMs: state.ttl,
    handle,
    addPartner: state.addPartner,
    addUser: state.addUser,
    user: (userToken) => {
      const user = state.users.get(userToken);
      return user && { ...user };
    },
    users: () => [...state.users.values()].map((user) => ({ ...user })),
    issueLoginToken: (userToken) => ({ ...state.issueLoginToken(userToken) }),
    loginTokenRecord: (token) => {
      const record = state.loginTokens.get(token);
      return record && { ...record };
    },
    signIns: () => state.signIns.map((entry) => ({ ...entry })),
  };
}
