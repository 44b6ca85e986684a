import { randomToken, timingSafeEqual } from '@sso/core/provider';
import {
  type CallerInfo,
  escapeHtml,
  type ProviderSimulator,
  readCappedText,
  respond,
  routeTable,
} from '@sso/core/simulator';
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

export type BeyondVisitRefusal = 'unknown' | 'expired' | 'used';

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

const CREATE_USER_MESSAGES = {
  1: "The 'user.Site' property should start with 'http://' or 'https://'",
  2: "The'user.Name' property should not be empty",
  3: "The 'user.Surname' property should not be empty",
  4: "The 'user.Email' property should not be empty",
  5: 'Authentication failed',
  6: 'ApiKey not found',
} as const;

const LOGIN_TOKEN_MESSAGES = {
  2: 'Authentication failed',
  3: 'ApiKey not found',
} as const;

const LIMITS = { Name: 50, Surname: 50, Email: 254, Site: 2000 } as const;
const MAX_BODY = 64 * 1024;
// Expired and used tokens are kept this long after expiry, so the page can say why it refuses them.
const TOKEN_RETENTION_MS = 60 * 60 * 1000;

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
 * documented MaxLength are answered with HTTP 400 (the real answer is unknown).
 */
export function createBeyondVisitSimulator(options: BeyondVisitSimulatorOptions = {}): BeyondVisitSimulator {
  const now = options.now ?? Date.now;
  const ttl = options.loginTokenTtlMs ?? 5 * 60 * 1000;
  const failureStatus = options.failureStatus ?? 200;
  const newToken = options.token ?? (() => randomToken(16));
  const partners = new Map<string, { apiKey: string; sign: string }>();
  const users = new Map<string, BeyondVisitSimulatedUser>();
  const loginTokens = new Map<string, BeyondVisitLoginTokenRecord>();
  const signIns: BeyondVisitSignIn[] = [];
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

  if (options.includeDemo !== false) {
    addPartner(BEYONDVISIT_DEMO);
    for (const user of BEYONDVISIT_DEMO.users) addUser({ ...user, apiKey: BEYONDVISIT_DEMO.apiKey });
  }
  for (const partner of options.partners ?? []) addPartner(partner);
  for (const user of options.users ?? []) addUser(user);

  const { json, text } = respond;

  const failure = (code: number, message: string) => {
    counters.failures++;
    return json({ status: false, code, message }, failureStatus);
  };

  /** The partner whose key and sign match, or the failure code to answer with. */
  function authenticate(apiKey: unknown, sign: unknown): { apiKey: string } | 'no-key' | 'bad-sign' {
    if (typeof apiKey !== 'string') return 'no-key';
    const partner = partners.get(apiKey);
    if (!partner) return 'no-key';
    if (typeof sign !== 'string' || !timingSafeEqual(sign, partner.sign)) return 'bad-sign';
    return partner;
  }

  async function readBody(request: Request): Promise<Record<string, unknown> | Response> {
    const raw = await readCappedText(request, MAX_BODY);
    if (raw === undefined) return text('Request body too large', 413);
    const type = request.headers.get('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) return {};
    try {
      const parsed: unknown = JSON.parse(raw);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {};
    } catch {
      return text('Bad Request: the body is not valid JSON', 400);
    }
  }

  async function createUser(request: Request): Promise<Response> {
    counters.createUser++;
    const body = await readBody(request);
    if (body instanceof Response) return body;
    const partner = authenticate(body.apikey, body.sign);
    if (partner === 'no-key') return failure(6, CREATE_USER_MESSAGES[6]);
    if (partner === 'bad-sign') return failure(5, CREATE_USER_MESSAGES[5]);
    const user = (typeof body.user === 'object' && body.user !== null ? body.user : {}) as Record<
      string,
      unknown
    >;
    const field = (name: keyof typeof LIMITS) =>
      typeof user[name] === 'string' ? (user[name] as string) : '';
    const values = {
      Name: field('Name'),
      Surname: field('Surname'),
      Email: field('Email'),
      Site: field('Site'),
    };
    if (values.Name.trim() === '') return failure(2, CREATE_USER_MESSAGES[2]);
    if (values.Surname.trim() === '') return failure(3, CREATE_USER_MESSAGES[3]);
    if (values.Email.trim() === '') return failure(4, CREATE_USER_MESSAGES[4]);
    if (!/^https?:\/\//.test(values.Site)) return failure(1, CREATE_USER_MESSAGES[1]);
    for (const name of Object.keys(LIMITS) as Array<keyof typeof LIMITS>) {
      if (values[name].length > LIMITS[name]) {
        return text(`Bad Request: user.${name} is longer than ${LIMITS[name]} characters`, 400);
      }
    }
    let userToken = newToken();
    while (users.has(userToken)) userToken = newToken();
    addUser({
      apiKey: partner.apiKey,
      userToken,
      userCode: `bv${newToken().slice(0, 8)}`,
      name: values.Name,
      surname: values.Surname,
      email: values.Email,
      site: values.Site,
    });
    counters.usersCreated++;
    return json({ status: true, message: 'Success', userToken });
  }

  async function loginToken(request: Request): Promise<Response> {
    counters.loginToken++;
    const body = await readBody(request);
    if (body instanceof Response) return body;
    const partner = authenticate(body.apiKey, body.sign);
    if (partner === 'no-key') return failure(3, LOGIN_TOKEN_MESSAGES[3]);
    if (partner === 'bad-sign') return failure(2, LOGIN_TOKEN_MESSAGES[2]);
    const userToken = typeof body.userToken === 'string' ? body.userToken : '';
    const user = users.get(userToken);
    if (!user || user.apiKey !== partner.apiKey) return failure(1, `User not found with token: ${userToken}`);
    const record = issueLoginToken(userToken);
    return json({ status: true, message: 'Success', loginToken: record.loginToken, userCode: user.userCode });
  }

  function loginPage(rawToken: string): Response {
    counters.loginPage++;
    let token: string;
    try {
      token = decodeURIComponent(rawToken);
    } catch {
      token = rawToken;
    }
    const record = loginTokens.get(token);
    const at = now();
    if (!record)
      return refusal(
        'unknown',
        404,
        'This login token is not known. Ask the partner site for a new sign-in.',
      );
    if (record.usedAt !== undefined) {
      return refusal(
        'used',
        410,
        `This login token was already used at ${iso(record.usedAt)}. Login tokens are single-use: sign in again from the partner site.`,
      );
    }
    if (at >= record.expiresAt) {
      return refusal(
        'expired',
        410,
        `This login token expired at ${iso(record.expiresAt)} (login tokens are valid for ${Math.round(ttl / 1000)} seconds).`,
      );
    }
    const user = users.get(record.userToken);
    if (!user) return refusal('unknown', 404, 'The user of this login token no longer exists.');
    record.usedAt = at;
    signIns.push({ userToken: user.userToken, userCode: user.userCode, at });
    counters.signIns++;
    return html(
      200,
      'Signed in',
      `<main data-result="signed-in" data-user-code="${escapeHtml(user.userCode)}">
<h1>Signed in</h1>
<p>You are signed in to the BeyondVisit panel as <strong>${escapeHtml(`${user.name} ${user.surname}`)}</strong>.</p>
<dl>
<dt>Name</dt><dd data-field="name">${escapeHtml(`${user.name} ${user.surname}`)}</dd>
<dt>E-mail</dt><dd data-field="email">${escapeHtml(user.email)}</dd>
<dt>User code</dt><dd data-field="userCode">${escapeHtml(user.userCode)}</dd>
<dt>Site</dt><dd data-field="site">${escapeHtml(user.site)}</dd>
</dl>
</main>`,
    );
  }

  function refusal(reason: BeyondVisitRefusal, status: number, explanation: string): Response {
    return html(
      status,
      'Sign-in refused',
      `<main data-result="refused" data-reason="${reason}">
<h1>Sign-in refused</h1>
<p data-field="reason">${escapeHtml(explanation)}</p>
</main>`,
    );
  }

  // IIS paths are case-insensitive. The sign-in page is GET only: a HEAD (link preview, prefetch)
  // must not consume a single-use token.
  const route = routeTable<[caller?: CallerInfo]>(
    [
      { path: /^\/external\/createuser$/i, methods: { POST: createUser } },
      { path: /^\/external\/logintoken$/i, methods: { POST: loginToken } },
      { path: /^\/external\/login\/([^/]+)$/i, methods: { GET: (_request, match) => loginPage(match[1]!) } },
    ],
    {
      notFound: () => text('Not Found', 404),
      methodNotAllowed: (allow) => text('Method Not Allowed', 405, { allow }),
    },
  );

  async function handle(request: Request, caller?: CallerInfo): Promise<Response> {
    counters.requests++;
    return route(request, caller);
  }

  return {
    provider: 'beyondvisit',
    counters,
    loginTokenTtlMs: ttl,
    handle,
    addPartner,
    addUser,
    user: (userToken) => {
      const user = users.get(userToken);
      return user && { ...user };
    },
    users: () => [...users.values()].map((user) => ({ ...user })),
    issueLoginToken: (userToken) => ({ ...issueLoginToken(userToken) }),
    loginTokenRecord: (token) => {
      const record = loginTokens.get(token);
      return record && { ...record };
    },
    signIns: () => signIns.map((entry) => ({ ...entry })),
  };
}

function html(status: number, title: string, main: string): Response {
  const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title} · BeyondVisit (simulator)</title></head>
<body>
${main}
</body>
</html>
`;
  return respond.html(page, status);
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
