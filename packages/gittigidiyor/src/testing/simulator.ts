import { md5Hex, randomToken, timingSafeEqual } from '@sso/core/provider';
import { type CallerInfo, escapeHtml, type ProviderSimulator, routeTable } from '@sso/core/simulator';
import { createMessageWriter } from '@sso/soap';
import { createSoapEndpoint } from '@sso/soap/testing';
import * as communityAuth from '../generated/community-auth.js';

/** The demo application and role user every simulator starts with. */
export const GITTIGIDIYOR_DEMO = Object.freeze({
  apiKey: 'Xzy47VNZwcujRGcujrztCTqNBzgdZRSk',
  secretKey: 'demo-secret-key-8c1f3b',
  roleName: 'demo-role',
  rolePassword: 'demo-role-password',
});

export interface GittiGidiyorSimulatorApp {
  apiKey: string;
  secretKey: string;
  /** Shown on the login page. */
  name?: string;
}

export interface GittiGidiyorSimulatorOptions {
  now?: () => number;
  /** Applications (default: the demo application). */
  apps?: readonly GittiGidiyorSimulatorApp[];
  /** HTTP Basic users (default: the demo role). */
  roles?: ReadonlyArray<{ roleName: string; rolePassword: string }>;
  /** The member who signs in on the login page. Default `demo-gg-user`. */
  userNick?: string;
  /** Accepted difference between a request's `time` and the simulator clock. Default 5 minutes. */
  skewMs?: number;
  /** How long a tokenId can be used on the login page. Default 10 minutes. */
  tokenTtlMs?: number;
}

/**
 * The simulator's own error codes. GittiGidiyor never published its catalogue; these names are
 * the simulator's, chosen to say what went wrong.
 */
export const GITTIGIDIYOR_SIMULATOR_ERRORS = {
  unknownApiKey: {
    errorId: '101',
    errorCode: 'INVALID_API_KEY',
    tr: 'Geçersiz uygulama anahtarı.',
    en: 'Invalid API key.',
  },
  badSign: {
    errorId: '102',
    errorCode: 'INVALID_SIGN',
    tr: 'İmza doğrulanamadı.',
    en: 'The request signature is invalid.',
  },
  badTime: {
    errorId: '103',
    errorCode: 'INVALID_TIME',
    tr: 'İstek zamanı geçerli aralığın dışında.',
    en: 'The request time is outside the accepted window.',
  },
} as const;

export interface GittiGidiyorSimulatorCounters {
  tokens: number;
  failures: number;
  unauthorized: number;
  loginPages: number;
  refusedLogins: number;
  sessions: number;
}

export interface GittiGidiyorSimulatedSession {
  sessionId: string;
  tokenId: string;
  apiKey: string;
  nick: string;
}

export interface GittiGidiyorSimulator extends ProviderSimulator {
  readonly provider: 'gittigidiyor';
  readonly counters: Readonly<GittiGidiyorSimulatorCounters>;
  /** Sessions created by approving the login page. */
  readonly sessions: readonly GittiGidiyorSimulatedSession[];
  /** tokenIds issued and not yet used. */
  openTokens(): string[];
}

interface TokenState {
  apiKey: string;
  createdAt: number;
  used: boolean;
}

// A JAX-WS service: SOAP 1.1 only, the operation found by its body element (the soapAction is empty).
const endpoint = createSoapEndpoint(communityAuth.service, { routing: 'element' });

function formatResponseTime(ms: number): string {
  const d = new Date(ms + 3 * 60 * 60 * 1000); // Turkey, UTC+3
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export function createGittiGidiyorSimulator(
  options: GittiGidiyorSimulatorOptions = {},
): GittiGidiyorSimulator {
  const now = options.now ?? Date.now;
  const skew = options.skewMs ?? 5 * 60_000;
  const tokenTtl = options.tokenTtlMs ?? 10 * 60_000;
  const nick = options.userNick ?? 'demo-gg-user';
  const apps = new Map<string, GittiGidiyorSimulatorApp>(
    (options.apps ?? [{ ...GITTIGIDIYOR_DEMO, name: 'Demo Partner Portal' }]).map((a) => [a.apiKey, a]),
  );
  const roles = options.roles ?? [GITTIGIDIYOR_DEMO];
  const tokens = new Map<string, TokenState>();
  const sessions: GittiGidiyorSimulatedSession[] = [];
  const counters: GittiGidiyorSimulatorCounters = {
    tokens: 0,
    failures: 0,
    unauthorized: 0,
    loginPages: 0,
    refusedLogins: 0,
    sessions: 0,
  };
  const operation = communityAuth.service.operations.createToken;
  const writeResponse = createMessageWriter(communityAuth.service, operation.output, {
    operation: 'createToken',
    provider: 'gittigidiyor',
  });

  const authorized = (header: string | null) => {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
    if (!match) return false;
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    return roles.some((r) => r.roleName === user && timingSafeEqual(r.rolePassword, password));
  };

  /** The first problem with apiKey/sign/time, or undefined. */
  const checkSigned = (apiKey: string, sign: string, time: string) => {
    const app = apps.get(apiKey);
    if (!app) return 'unknownApiKey' as const;
    if (!/^\d{1,16}$/.test(time) || Math.abs(Number(time) - now()) > skew) return 'badTime' as const;
    if (!timingSafeEqual(md5Hex(app.apiKey + app.secretKey + time), sign.toLowerCase()))
      return 'badSign' as const;
    return undefined;
  };

  function createToken(input: Record<string, unknown>) {
    const started = now();
    const lang = input.lang === 'en' ? 'en' : 'tr';
    const problem = checkSigned(
      String(input.apiKey ?? ''),
      String(input.sign ?? ''),
      String(input.time ?? ''),
    );
    const base = {
      responseTime: formatResponseTime(started),
      timeElapsed: `${Math.max(0, now() - started)} ms`,
    };
    if (problem) {
      counters.failures++;
      const e = GITTIGIDIYOR_SIMULATOR_ERRORS[problem];
      return {
        return: {
          ackCode: 'failure',
          ...base,
          error: { errorId: e.errorId, errorCode: e.errorCode, message: e[lang], viewMessage: e[lang] },
        },
      };
    }
    const tokenId = randomToken(12, 'base64url').slice(0, 16);
    tokens.set(tokenId, { apiKey: String(input.apiKey), createdAt: started, used: false });
    counters.tokens++;
    return { return: { ackCode: 'success', ...base, tokenId } };
  }

  /** Why a login-page request must be refused, or the token it may use. */
  const checkLogin = (
    params: URLSearchParams,
  ): { refusal: string } | { token: TokenState; app: GittiGidiyorSimulatorApp } => {
    const get = (name: string) => params.get(name) ?? '';
    for (const name of ['apiKey', 'sign', 'time', 'tokenId', 'redirectUrl']) {
      if (!get(name)) return { refusal: `The ${name} parameter is missing.` };
    }
    const problem = checkSigned(get('apiKey'), get('sign'), get('time'));
    if (problem === 'unknownApiKey') return { refusal: 'The application (apiKey) is unknown.' };
    if (problem === 'badSign') return { refusal: 'The sign does not match md5(apiKey + secretKey + time).' };
    if (problem === 'badTime')
      return { refusal: 'The time has expired (or is too far from the server clock).' };
    const token = tokens.get(get('tokenId'));
    if (!token) return { refusal: 'The tokenId is unknown.' };
    if (token.used) return { refusal: 'The tokenId has already been used.' };
    if (token.apiKey !== get('apiKey')) return { refusal: 'The tokenId belongs to another application.' };
    if (now() - token.createdAt > tokenTtl) return { refusal: 'The tokenId has expired.' };
    let redirect: URL;
    try {
      redirect = new URL(get('redirectUrl'));
    } catch {
      return { refusal: 'The redirectUrl is not an absolute URL.' };
    }
    if (redirect.protocol !== 'https:' && redirect.protocol !== 'http:') {
      return { refusal: 'The redirectUrl must be an http(s) address.' };
    }
    return { token, app: apps.get(get('apiKey'))! };
  };

  const page = (status: number, title: string, body: string) =>
    new Response(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
      { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } },
    );

  function loginPage(params: URLSearchParams): Response {
    counters.loginPages++;
    const checked = checkLogin(params);
    if ('refusal' in checked) {
      counters.refusedLogins++;
      return page(
        400,
        'GittiGidiyor sign-in refused',
        `<p role="alert" data-testid="refusal">${escapeHtml(checked.refusal)}</p>`,
      );
    }
    const hidden = ['apiKey', 'sign', 'time', 'tokenId', 'redirectUrl']
      .map((n) => `<input type="hidden" name="${n}" value="${escapeHtml(params.get(n) ?? '')}">`)
      .join('');
    return page(
      200,
      'GittiGidiyor sign-in',
      `<p><strong data-testid="app">${escapeHtml(checked.app.name ?? checked.app.apiKey)}</strong> wants to sign you in to GittiGidiyor as <strong data-testid="user">${escapeHtml(nick)}</strong>.</p>` +
        `<p>After approval you return to <code>${escapeHtml(new URL(params.get('redirectUrl')!).origin)}</code>.</p>` +
        `<form method="post" action="login">${hidden}<button type="submit">Approve</button></form>`,
    );
  }

  async function approve(request: Request): Promise<Response> {
    const params = new URLSearchParams(await request.text());
    const checked = checkLogin(params);
    if ('refusal' in checked) {
      counters.refusedLogins++;
      return page(
        400,
        'GittiGidiyor sign-in refused',
        `<p role="alert" data-testid="refusal">${escapeHtml(checked.refusal)}</p>`,
      );
    }
    checked.token.used = true;
    const tokenId = params.get('tokenId')!;
    const sessionId = randomToken(16);
    sessions.push({ sessionId, tokenId, apiKey: checked.token.apiKey, nick });
    counters.sessions++;
    const target = new URL(params.get('redirectUrl')!);
    // The real parameter name of the returned session is not documented; the simulator uses sessionId.
    target.searchParams.set('sessionId', sessionId);
    target.searchParams.set('tokenId', tokenId);
    return new Response(null, {
      status: 302,
      headers: { location: target.href, 'cache-control': 'no-store' },
    });
  }

  // HTTP Basic is checked before the method, as the servlet container does: `*` takes every method.
  async function service(request: Request): Promise<Response> {
    if (!authorized(request.headers.get('authorization'))) {
      counters.unauthorized++;
      return new Response(
        '<html><head><title>401 Unauthorized</title></head><body><h1>HTTP Status 401 - Unauthorized</h1></body></html>',
        {
          status: 401,
          headers: {
            'content-type': 'text/html;charset=utf-8',
            'www-authenticate': 'Basic realm="listingapi"',
          },
        },
      );
    }
    if (request.method !== 'POST') {
      return new Response('Method Not Allowed', { status: 405, headers: { allow: 'POST' } });
    }
    const call = await endpoint.read(request);
    if ('refused' in call) return call.refused;
    return call.reply(writeResponse(createToken(call.input)));
  }

  const handle = routeTable<[caller?: CallerInfo]>([
    {
      path: '/login',
      methods: { GET: (request) => loginPage(new URL(request.url).searchParams), POST: approve },
    },
    { path: '/CommunityAuthService', methods: { '*': service } },
  ]);

  return {
    provider: 'gittigidiyor',
    handle,
    counters,
    sessions,
    openTokens: () => [...tokens.entries()].filter(([, t]) => !t.used).map(([id]) => id),
  };
}
