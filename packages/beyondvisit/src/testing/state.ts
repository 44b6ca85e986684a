import { randomToken, timingSafeEqual } from '@sso/core/provider';
import { beyondVisitSign } from '../sign.js';
import { BEYONDVISIT_DEMO } from './demo.js';

export interface BeyondVisitPartnerSeed {
  apiKey: string;
  secretKey: string;
}

export interface BeyondVisitUserSeed {
  /** The partner the user belongs to. Default: the first partner (the demo partner unless excluded). */
  apiKey?: string;
  userToken: string;
  userCode: string;
  name: string;
  surname: string;
  email: string;
  site: string;
}

export interface BeyondVisitSimulatorOptions {
  /** Clock in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Seed the demo partner and demo users (`BEYONDVISIT_DEMO`). Default true. */
  includeDemo?: boolean;
  /** More partners. */
  partners?: readonly BeyondVisitPartnerSeed[];
  /** More users. */
  users?: readonly BeyondVisitUserSeed[];
  /** Lifetime of a login token (the provider does not document one). Default 5 minutes. */
  loginTokenTtlMs?: number;
  /**
   * HTTP status of `{ status: false }` answers. The provider does not document it; 200 (the usual
   * ASP.NET MVC behaviour) by default, set e.g. 400 to test a client against the other reading.
   */
  failureStatus?: number;
  /** Token generator, for deterministic tests. Default: 16 random bytes as hex (32 characters). */
  token?: () => string;
}

export interface BeyondVisitSimulatedUser extends Required<BeyondVisitUserSeed> {
  createdAt: number;
}

export interface BeyondVisitLoginTokenRecord {
  loginToken: string;
  userToken: string;
  issuedAt: number;
  expiresAt: number;
  /** When the browser page consumed it. */
  usedAt?: number;
}

export interface BeyondVisitSignIn {
  userToken: string;
  userCode: string;
  at: number;
}

export interface BeyondVisitSimulatorCounters {
  /** Every request handled. */
  requests: number;
  /** CreateUser calls, successful or not. */
  createUser: number;
  usersCreated: number;
  /** LoginToken calls, successful or not. */
  loginToken: number;
  loginTokensIssued: number;
  /** Browser page loads of /external/Login/{loginToken}. */
  loginPage: number;
  signIns: number;
  /** Answers with `status: false`. */
  failures: number;
}

// Expired and used tokens are kept this long after expiry, so the page can say why it refuses them.
const TOKEN_RETENTION_MS = 60 * 60 * 1000;

/** Partners, users, login tokens and sign-ins of one simulator, and the operations on them. */
export interface BeyondVisitState {
  readonly now: () => number;
  readonly ttl: number;
  readonly newToken: () => string;
  readonly users: Map<string, BeyondVisitSimulatedUser>;
  readonly loginTokens: Map<string, BeyondVisitLoginTokenRecord>;
  readonly signIns: BeyondVisitSignIn[];
  readonly counters: BeyondVisitSimulatorCounters;
  addPartner(partner: BeyondVisitPartnerSeed): void;
  addUser(user: BeyondVisitUserSeed): BeyondVisitSimulatedUser;
  issueLoginToken(userToken: string): BeyondVisitLoginTokenRecord;
  /** The partner whose key and sign match, or why not. */
  authenticate(apiKey: unknown, sign: unknown): { apiKey: string } | 'no-key' | 'bad-sign';
}

export function createBeyondVisitState(options: BeyondVisitSimulatorOptions): BeyondVisitState {
  const now = options.now ?? Date.now;
  const ttl = options.loginTokenTtlMs ?? 5 * 60 * 1000;
  const newToken = options.token ?? (() => randomToken(16));
  const partners = new Map<string, { apiKey: string; sign: string }>();
  const users = new Map<string, BeyondVisitSimulatedUser>();
  const loginTokens = new Map<string, BeyondVisitLoginTokenRecord>();
  const counters: BeyondVisitSimulatorCounters = {
    requests: 0,
    createUser: 0,
    usersCreated: 0,
    loginToken: 0,
    loginTokensIssued: 0,
    loginPage: 0,
    signIns: 0,
    failures: 0,
  };

  function addPartner(partner: BeyondVisitPartnerSeed): void {
    partners.set(partner.apiKey, {
      apiKey: partner.apiKey,
      sign: beyondVisitSign(partner.apiKey, partner.secretKey),
    });
  }

  function addUser(seed: BeyondVisitUserSeed): BeyondVisitSimulatedUser {
    const apiKey = seed.apiKey ?? partners.keys().next().value;
    if (apiKey === undefined || !partners.has(apiKey)) {
      throw new Error('createBeyondVisitSimulator: a user needs a known partner apiKey');
    }
    const user = { ...seed, apiKey, createdAt: now() };
    users.set(user.userToken, user);
    return user;
  }

  function issueLoginToken(userToken: string): BeyondVisitLoginTokenRecord {
    if (!users.has(userToken)) throw new Error('issueLoginToken: unknown userToken');
    const issuedAt = now();
    for (const [token, record] of loginTokens) {
      if (record.expiresAt + TOKEN_RETENTION_MS < issuedAt) loginTokens.delete(token);
    }
    const record: BeyondVisitLoginTokenRecord = {
      loginToken: newToken(),
      userToken,
      issuedAt,
      expiresAt: issuedAt + ttl,
    };
    loginTokens.set(record.loginToken, record);
    counters.loginTokensIssued++;
    return record;
  }

  function authenticate(apiKey: unknown, sign: unknown): { apiKey: string } | 'no-key' | 'bad-sign' {
    if (typeof apiKey !== 'string') return 'no-key';
    const partner = partners.get(apiKey);
    if (!partner) return 'no-key';
    if (typeof sign !== 'string' || !timingSafeEqual(sign, partner.sign)) return 'bad-sign';
    return partner;
  }

  if (options.includeDemo !== false) {
    addPartner(BEYONDVISIT_DEMO);
    for (const user of BEYONDVISIT_DEMO.users) addUser({ ...user, apiKey: BEYONDVISIT_DEMO.apiKey });
  }
  for (const partner of options.partners ?? []) addPartner(partner);
  for (const user of options.users ?? []) addUser(user);

  return {
    now,
    ttl,
    newToken,
    users,
    loginTokens,
    signIns: [],
    counters,
    addPartner,
    addUser,
    issueLoginToken,
    authenticate,
  };
}
