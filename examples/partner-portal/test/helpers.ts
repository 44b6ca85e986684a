import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '@sso/sandbox';
import { type PartnerPortal, type Sandbox, startPartnerPortal } from '../src/app.js';

export const ARTIFACTS = join(import.meta.dirname, '..', 'test-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export interface Stack {
  sandbox: Sandbox;
  portal: PartnerPortal;
  /** Every line the portal and the sandbox logged. */
  logs: string[];
  /** Moves the sandbox clock (every simulator) forward. */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** A sandbox on a free port with a clock the test can move, and the portal in front of it (no env). */
export async function startStack(): Promise<Stack> {
  let skew = 0;
  const logs: string[] = [];
  const sandbox = await startSandbox({
    port: 0,
    now: () => Date.now() + skew,
    log: (line) => logs.push(`sandbox ${line}`),
  });
  let portal: PartnerPortal;
  try {
    portal = await startPartnerPortal({ env: {}, sandbox, log: (line) => logs.push(`portal ${line}`) });
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  return {
    sandbox,
    portal,
    logs,
    advance: (ms) => {
      skew += ms;
    },
    async close() {
      await portal.close();
      await sandbox.close();
    },
  };
}

/** fetch with a cookie jar and no automatic redirects, for HTTP-level tests of the portal. */
export class Browserless {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const url = path.startsWith('http') ? path : `${this.base}${path}`;
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (attributes.some((a) => /max-age=0/i.test(a.trim())) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  get(path: string): Promise<Response> {
    return this.request(path);
  }

  post(path: string, form: Record<string, string>): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  /** Signs in and returns the CSRF token of the new session (read from the provider page). */
  async signIn(username = 'ayse', password = 'demo'): Promise<string> {
    const response = await this.post('/login', { username, password });
    if (response.status !== 303) throw new Error(`sign-in answered ${response.status}`);
    const page = await (await this.get('/')).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
    if (!csrf) throw new Error('no CSRF token on the provider page');
    return csrf;
  }
}
