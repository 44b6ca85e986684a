import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  describeError,
  explainError,
  type PortalProviders,
  PROVIDER_TITLES,
  type ProviderKey,
} from './flows.js';
import { mask } from './mask.js';
import {
  type PortalSession,
  type PortalUser,
  parseCookies,
  SESSION_COOKIE,
  SessionStore,
  safeEqual,
} from './sessions.js';
import { dashboardPage, errorPage, loginPage, statusPage } from './views.js';

export interface PortalOptions {
  providers: PortalProviders;
  users: readonly PortalUser[];
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** The URL browsers reach the portal at (GittiGidiyor's redirectUrl is built from it). */
  publicUrl?: string;
  /** Take the browser's IP from the first X-Forwarded-For entry (only behind a trusted proxy). */
  trustProxy?: boolean;
  /** One line per request and per provider event; secrets are masked before they get here. */
  log?: (line: string) => void;
  /** Shown at the bottom of every page, e.g. where the provider settings came from. */
  footer?: string;
  /** Shown under the sign-in form (e.g. the demo credentials). */
  loginHint?: string;
  /** How long a started GittiGidiyor sign-in may take before its callback is refused. */
  gittigidiyorPendingMs?: number;
  /**
   * Browser-redirect providers whose pages offer a way back to the portal from a `return` query
   * parameter (the sandbox's simulators do). Real providers are sent their URLs unchanged.
   */
  returnLinks?: ReadonlyArray<ProviderKey>;
}

export interface RunningPortal {
  url: string;
  port: number;
  sessions: SessionStore;
  close(): Promise<void>;
}

const MAX_FORM_BYTES = 16 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new HttpError(415, 'Forms must be URL-encoded.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new HttpError(413, 'Form too large.');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** The browser's IP as the providers will see it (IPv4-mapped IPv6 unwrapped). */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const raw =
    (typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined) ||
    req.socket.remoteAddress ||
    '';
  return raw.startsWith('::ffff:') ? raw.slice(7) : raw;
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    ...headers,
  });
  res.end(body);
}

function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  res.writeHead(303, {
    location,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    ...headers,
  });
  res.end();
}

export async function startPortal(options: PortalOptions): Promise<RunningPortal> {
  const sessions = new SessionStore();
  const users = new Map(options.users.map((user) => [user.username, user]));
  const providers = options.providers;
  const log = options.log ?? (() => {});
  const pendingMs = options.gittigidiyorPendingMs ?? 10 * 60_000;
  let publicUrl = options.publicUrl?.replace(/\/+$/, '') ?? '';
  const footer = options.footer ?? '';
  const returnLinks = new Set(options.returnLinks ?? []);

  /** The provider URL, with `return=<portal>/` when the provider's page links back with it. */
  function withReturn(provider: ProviderKey, target: string): string {
    if (!returnLinks.has(provider)) return target;
    const url = new URL(target);
    url.searchParams.set('return', `${publicUrl}/`);
    return url.href;
  }

  function cookie(session: PortalSession | undefined): string {
    return session
      ? `${SESSION_COOKIE}=${session.id}; Path=/; HttpOnly; SameSite=Lax`
      : `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
  }

  function current(req: IncomingMessage): { session: PortalSession; user: PortalUser } | undefined {
    const session = sessions.get(parseCookies(req.headers.cookie).get(SESSION_COOKIE));
    const user = session ? users.get(session.username) : undefined;
    return session && user ? { session, user } : undefined;
  }

  async function postedForm(req: IncomingMessage, session: PortalSession): Promise<URLSearchParams> {
    const form = await readForm(req);
    if (!safeEqual(form.get('csrf') ?? '', session.csrf))
      throw new HttpError(403, 'The form expired; reload the page.');
    return form;
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<string> {
    const method = req.method ?? 'GET';
    const path = url.pathname;

    if (method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, providers: Object.keys(providers) }));
      return '';
    }
    if (path === '/login') {
      if (method === 'GET') {
        const failed = url.searchParams.get('error') === 'credentials';
        send(
          res,
          200,
          loginPage({
            ...(failed
              ? { error: 'Wrong user name or password.', username: url.searchParams.get('username') ?? '' }
              : {}),
            ...(options.loginHint ? { hint: options.loginHint } : {}),
          }),
        );
        return '';
      }
      if (method === 'POST') {
        const form = await readForm(req);
        const username = (form.get('username') ?? '').trim();
        const user = users.get(username);
        // Compare against something even for an unknown user so timing does not tell names apart.
        const ok = safeEqual(form.get('password') ?? '', user?.password ?? '\u0000') && user !== undefined;
        if (!ok) {
          // Post/Redirect/Get: a refresh shows the message again without posting the password again.
          redirect(res, `/login?${new URLSearchParams({ error: 'credentials', username })}`);
          return 'login refused';
        }
        const previous = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
        if (previous) sessions.delete(previous);
        const session = sessions.create(user.username);
        redirect(res, '/', { 'set-cookie': cookie(session) });
        return `signed in ${user.username}`;
      }
    }

    const who = current(req);
    if (!who) {
      if (method === 'GET') redirect(res, '/login');
      else send(res, 401, errorPage({ status: 401, title: 'Signed out', message: 'Sign in first.' }));
      return 'not signed in';
    }
    const { session, user } = who;

    if (method === 'POST' && path === '/logout') {
      await postedForm(req, session);
      sessions.delete(session.id);
      redirect(res, '/login', { 'set-cookie': cookie(undefined) });
      return `signed out ${user.username}`;
    }
    if (method === 'GET' && path === '/') {
      send(res, 200, dashboardPage({ session, user, providers, footer }));
      return '';
    }
    if (method === 'GET' && path === '/status') {
      send(res, 200, statusPage({ session, user, providers, footer }));
      return '';
    }

    // A refusal is a flash on the provider list (Post/Redirect/Get): a sentence for the user, the
    // provider's code and message folded away for developers.
    const fail = (provider: ProviderKey, what: string, error: unknown, secrets: string[]) => {
      const message = `${PROVIDER_TITLES[provider]} ${what}: ${describeError(error, secrets)}`;
      session.flash = { kind: 'error', text: explainError(provider, error), details: message };
      redirect(res, '/');
      return message;
    };
    const notLinked = (provider: ProviderKey) => {
      session.flash = {
        kind: 'error',
        text: `No ${PROVIDER_TITLES[provider]} account is linked to yours. Ask your administrator to link one.`,
      };
      redirect(res, '/');
      return `${provider} not linked for ${user.username}`;
    };

    if (method === 'POST' && path === '/open/beyondvisit' && providers.beyondvisit) {
      await postedForm(req, session);
      if (!user.beyondvisitUserToken) return notLinked('beyondvisit');
      try {
        const { url: target, loginToken } = await providers.beyondvisit.loginRedirect(
          user.beyondvisitUserToken,
        );
        redirect(res, withReturn('beyondvisit', target));
        return `beyondvisit login token ${mask(loginToken)} for ${user.username}`;
      } catch (error) {
        return fail('beyondvisit', 'did not issue a login token', error, [user.beyondvisitUserToken]);
      }
    }
    if (method === 'POST' && path === '/open/faxmax' && providers.faxmax) {
      const form = await postedForm(req, session);
      if (!user.faxmaxUsername) return notLinked('faxmax');
      const page = form.get('page') || undefined;
      if (page !== undefined && !providers.faxmax.pages.includes(page))
        throw new HttpError(400, 'Unknown FaxMAX page.');
      try {
        // Minted now, right before the redirect: the token is valid for at most 3 seconds.
        const { url: target } = await providers.faxmax.loginRedirect({
          username: user.faxmaxUsername,
          remoteIp: clientIp(req, options.trustProxy ?? false),
          ...(page ? { page } : {}),
        });
        redirect(res, withReturn('faxmax', target));
        return `faxmax token for ${user.username}${page ? ` (page ${page})` : ''}`;
      } catch (error) {
        return fail('faxmax', 'login link failed', error, []);
      }
    }
    if (method === 'POST' && path === '/open/gittigidiyor' && providers.gittigidiyor) {
      await postedForm(req, session);
      try {
        const { url: target, tokenId } = await providers.gittigidiyor.startLogin(
          `${publicUrl}/callback/gittigidiyor`,
        );
        session.gittigidiyor.pendingTokenId = tokenId;
        session.gittigidiyor.pendingSince = Date.now();
        redirect(res, target);
        return `gittigidiyor token ${mask(tokenId)} for ${user.username}`;
      } catch (error) {
        return fail('gittigidiyor', 'did not create a token', error, []);
      }
    }
    if (method === 'GET' && path === '/callback/gittigidiyor' && providers.gittigidiyor) {
      const link = session.gittigidiyor;
      const tokenId = url.searchParams.get('tokenId') ?? '';
      const sessionId = url.searchParams.get('sessionId') ?? '';
      const pending = link.pendingTokenId;
      const fresh = link.pendingSince !== undefined && Date.now() - link.pendingSince <= pendingMs;
      link.pendingTokenId = undefined;
      link.pendingSince = undefined;
      if (!pending || !safeEqual(tokenId, pending) || !fresh) {
        session.flash = {
          kind: 'error',
          text: 'GittiGidiyor sign-in refused: this callback does not match a sign-in you started.',
        };
        redirect(res, '/');
        return `gittigidiyor callback refused for ${user.username}`;
      }
      if (!sessionId) {
        session.flash = { kind: 'error', text: 'GittiGidiyor sign-in was not approved.' };
        redirect(res, '/');
        return `gittigidiyor not approved for ${user.username}`;
      }
      link.sessionId = sessionId;
      link.connectedAt = Date.now();
      session.flash = { kind: 'ok', text: `GittiGidiyor connected: session ${mask(sessionId)}.` };
      // Redirect so the session id leaves the address bar and the history.
      redirect(res, '/');
      return `gittigidiyor session ${mask(sessionId)} for ${user.username}`;
    }
    for (const key of ['euromsg', 'dia'] as const) {
      const port = providers[key];
      if (method === 'POST' && path === `/status/${key}` && port) {
        await postedForm(req, session);
        const report = await port.run(user);
        session.runs[key] = report;
        session.flash = report.ok
          ? { kind: 'ok', text: `${PROVIDER_TITLES[key]} session: ${report.steps.length} steps ok.` }
          : { kind: 'error', text: `${PROVIDER_TITLES[key]} session failed.` };
        redirect(res, '/status');
        return `${key} run ${report.ok ? 'ok' : 'failed'} (${report.steps.map((s) => `${s.name}:${s.ok ? 'ok' : 'failed'}`).join(', ')})`;
      }
    }
    send(
      res,
      404,
      errorPage({ status: 404, title: 'Not found', message: `Nothing at ${path}.`, session, user }),
    );
    return '';
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://portal.invalid');
    route(req, res, url)
      .then((event) => {
        // Only the path is logged: query strings may carry session ids (GittiGidiyor's callback).
        log(
          `${req.method} ${url.pathname} ${res.statusCode} ${Math.round(performance.now() - started)}ms${event ? ` ${event}` : ''}`,
        );
      })
      .catch((error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        const message = error instanceof HttpError ? error.message : 'Unexpected error.';
        if (!res.headersSent) send(res, status, errorPage({ status, title: 'Request refused', message }));
        else res.end();
        log(
          `${req.method} ${url.pathname} ${status} ${error instanceof HttpError ? error.message : describeError(error)}`,
        );
      });
  });
  server.keepAliveTimeout = 2_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  if (!publicUrl) publicUrl = url;

  return {
    url,
    port: address.port,
    sessions,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
