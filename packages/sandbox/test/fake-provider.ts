import type { ProviderSimulator } from '@sso/core/testing';
import { checkSeedFields } from '../src/seed.js';
import type { SandboxProviderDefinition } from '../src/types.js';

export interface EchoSimulator extends ProviderSimulator {
  readonly calls: number;
  readonly users: ReadonlyArray<string>;
}

/**
 * A minimal provider for engine tests: `POST /login` with `{ user, password }` answers 200 or 401,
 * `GET /page/...` answers an HTML page echoing the path, query and caller address, `GET /go`
 * redirects to the root-relative `/page/landed`.
 */
export function createEchoSimulator(accounts: Record<string, string>): EchoSimulator {
  let calls = 0;
  return {
    provider: 'dia',
    get calls() {
      return calls;
    },
    get users() {
      return Object.keys(accounts);
    },
    async handle(request, caller) {
      calls += 1;
      const url = new URL(request.url);
      if (request.method === 'POST' && url.pathname === '/login') {
        const body = (await request.json()) as { user?: string; password?: string };
        const ok = body.user !== undefined && accounts[body.user] === body.password;
        return Response.json(ok ? { ok: true, session: `S-${body.user}-${'x'.repeat(40)}` } : { ok: false }, {
          status: ok ? 200 : 401,
        });
      }
      if (request.method === 'GET' && url.pathname.startsWith('/page')) {
        return new Response(
          `<p>path=${url.pathname} query=${url.search} from=${caller?.remoteAddress ?? '-'} ua=${request.headers.get('user-agent') ?? '-'}</p>`,
          { headers: { 'content-type': 'text/html; charset=utf-8' } },
        );
      }
      if (url.pathname === '/go')
        return new Response(null, { status: 302, headers: { location: '/page/landed' } });
      if (url.pathname === '/big') return new Response('0123456789'.repeat(1000), { status: 200 });
      return new Response('no such endpoint', { status: 404 });
    },
  };
}

export const echoDefinition: SandboxProviderDefinition<EchoSimulator> = {
  id: 'dia',
  title: 'Echo',
  prefix: '/echo',
  create: (seed) => {
    const accounts: Record<string, string> = { demo: 'demo-password-123' };
    for (const entry of seed) accounts[entry.user as string] = entry.password as string;
    return createEchoSimulator(accounts);
  },
  validateSeed: (entry) => checkSeedFields(entry, ['user', 'password']),
  accounts: (seed) => [
    {
      provider: 'dia',
      source: 'demo',
      fields: { user: 'demo', password: 'demo-password-123' },
      secretFields: ['password'],
    },
    ...seed.map((e) => ({
      provider: 'dia' as const,
      source: 'seed' as const,
      fields: { user: e.user as string, password: e.password as string },
      secretFields: ['password'],
    })),
  ],
  clientOptions: ({ mountUrl }) => ({
    baseUrl: mountUrl,
    allowInsecureHttp: true,
    user: 'demo',
    password: 'demo-password-123',
  }),
  links: () => [{ label: 'Echo page', href: '/echo/page/start?x=1' }],
};
