import { timingSafeEqual } from '@sso/core/provider';
import { gittigidiyorSigner } from '../sign.js';

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

export interface TokenState {
  apiKey: string;
  createdAt: number;
  used: boolean;
}

/** Applications, roles, tokens and sessions of one simulator. */
export interface GittiGidiyorState {
  readonly now: () => number;
  readonly nick: string;
  readonly tokenTtl: number;
  readonly apps: Map<string, GittiGidiyorSimulatorApp>;
  readonly tokens: Map<string, TokenState>;
  readonly sessions: GittiGidiyorSimulatedSession[];
  readonly counters: GittiGidiyorSimulatorCounters;
  /** Whether an `Authorization: Basic` header names a known role. */
  authorized(header: string | null): boolean;
  /** The first problem with apiKey/sign/time, or undefined. */
  checkSigned(
    apiKey: string,
    sign: string,
    time: string,
  ): 'unknownApiKey' | 'badTime' | 'badSign' | undefined;
}

export function createGittiGidiyorState(options: GittiGidiyorSimulatorOptions): GittiGidiyorState {
  const now = options.now ?? Date.now;
  const skew = options.skewMs ?? 5 * 60_000;
  const apps = new Map<string, GittiGidiyorSimulatorApp>(
    (options.apps ?? [{ ...GITTIGIDIYOR_DEMO, name: 'Demo Partner Portal' }]).map((a) => [a.apiKey, a]),
  );
  const roles = options.roles ?? [GITTIGIDIYOR_DEMO];

  return {
    now,
    nick: options.userNick ?? 'demo-gg-user',
    tokenTtl: options.tokenTtlMs ?? 10 * 60_000,
    apps,
    tokens: new Map(),
    sessions: [],
    counters: { tokens: 0, failures: 0, unauthorized: 0, loginPages: 0, refusedLogins: 0, sessions: 0 },
    authorized(header) {
      const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
      if (!match) return false;
      const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return false;
      const user = decoded.slice(0, colon);
      const password = decoded.slice(colon + 1);
      return roles.some((r) => r.roleName === user && timingSafeEqual(r.rolePassword, password));
    },
    checkSigned(apiKey, sign, time) {
      const app = apps.get(apiKey);
      if (!app) return 'unknownApiKey';
      if (!/^\d{1,16}$/.test(time) || Math.abs(Number(time) - now()) > skew) return 'badTime';
      if (!timingSafeEqual(gittigidiyorSigner(app.apiKey, app.secretKey)(time), sign.toLowerCase()))
        return 'badSign';
      return undefined;
    },
  };
}
