import { isSsoError } from '@sso/core';
import { maskAll } from './mask.js';
import type { PortalUser } from './sessions.js';

export type ProviderKey = 'beyondvisit' | 'faxmax' | 'gittigidiyor' | 'euromsg' | 'dia';

export const PROVIDER_TITLES: Record<ProviderKey, string> = {
  beyondvisit: 'BeyondVisit',
  faxmax: 'FaxMAX',
  gittigidiyor: 'GittiGidiyor',
  euromsg: 'Euromsg',
  dia: 'DIA',
};

/** One step of a server-side session run (login, a call, logout). */
export interface FlowStep {
  name: string;
  ok: boolean;
  /** What happened, with every secret masked. */
  detail: string;
  ms: number;
}

export interface FlowReport {
  provider: ProviderKey;
  ok: boolean;
  startedAt: number;
  steps: FlowStep[];
}

/** What the portal needs of BeyondVisit: a fresh single-use login URL for one user. */
export interface BeyondVisitPort {
  readonly baseUrl: string;
  loginRedirect(userToken: string): Promise<{ url: string; loginToken: string; userCode: string }>;
}

/** FaxMAX: a login URL carrying an encrypted token valid for at most 3 seconds. */
export interface FaxmaxPort {
  readonly baseUrl: string;
  readonly pages: readonly string[];
  loginRedirect(input: { username: string; remoteIp: string; page?: string }): Promise<{ url: string }>;
}

/** GittiGidiyor: createToken, then the login page that sends the user back with a session. */
export interface GittiGidiyorPort {
  readonly baseUrl: string;
  startLogin(redirectUrl: string): Promise<{ url: string; tokenId: string }>;
}

/** Euromsg and DIA: a server-side session — log in, make a call, log out. */
export interface ServerSessionPort {
  readonly baseUrl: string;
  /** What the run's call does, shown on the status page. */
  readonly callLabel: string;
  /** One full session for the signed-in portal user; never throws, failures are in the report. */
  run(user: PortalUser): Promise<FlowReport>;
}

export interface PortalProviders {
  beyondvisit?: BeyondVisitPort;
  faxmax?: FaxmaxPort;
  gittigidiyor?: GittiGidiyorPort;
  euromsg?: ServerSessionPort;
  dia?: ServerSessionPort;
}

/** A readable one-line description of a failure, secrets masked. */
export function describeError(error: unknown, secrets: Iterable<string | undefined> = []): string {
  if (isSsoError(error)) {
    const parts = [`${error.code}`];
    if (error.providerCode !== undefined) parts.push(`provider code ${error.providerCode}`);
    if (error.status !== undefined) parts.push(`HTTP ${error.status}`);
    const message =
      error.providerMessage && !error.message.includes(error.providerMessage)
        ? `${error.message} — ${error.providerMessage}`
        : error.message;
    return maskAll(`${message} (${parts.join(', ')})`, secrets);
  }
  const message = error instanceof Error ? error.message : String(error);
  return maskAll(message, secrets);
}

/** What a refused or failed provider call means for the person using the portal, in one sentence. */
export function explainError(provider: ProviderKey, error: unknown): string {
  const title = PROVIDER_TITLES[provider];
  const code = isSsoError(error) ? error.code : undefined;
  switch (code) {
    case 'AUTHENTICATION_FAILED':
    case 'NOT_FOUND':
      return `${title} does not recognise the account linked to yours. Ask your administrator to check the link.`;
    case 'NETWORK':
    case 'TIMEOUT':
    case 'HTTP_ERROR':
    case 'MALFORMED_RESPONSE':
      return `${title} did not answer properly. Try again in a minute.`;
    case 'INVALID_CONFIG':
      return `The portal's ${title} settings are incomplete. Tell the portal's administrator.`;
    default:
      return `${title} could not sign you in. Try again; if it keeps happening, tell the portal's administrator.`;
  }
}

/**
 * Runs the steps of a server-side session in order and records each one; a failing step stops the
 * run, but a `finally` step (logout) still runs once the login succeeded.
 */
export class StepRecorder {
  readonly steps: FlowStep[] = [];
  private readonly startedAt = Date.now();

  constructor(
    private readonly provider: ProviderKey,
    private readonly secrets: Set<string>,
  ) {}

  /** Adds a secret learnt during the run (a ticket, a session id) so no detail shows it. */
  secret(value: string | undefined): void {
    if (value) this.secrets.add(value);
  }

  /**
   * Runs one step. `learn` names a secret the result carries (a ticket, a session id); it is masked
   * in this step's detail and in every later one.
   */
  async step<T>(
    name: string,
    fn: () => Promise<T>,
    describe: (value: T) => string,
    learn?: (value: T) => string | undefined,
  ): Promise<T> {
    const started = performance.now();
    try {
      const value = await fn();
      if (learn) this.secret(learn(value));
      this.steps.push({
        name,
        ok: true,
        detail: maskAll(describe(value), this.secrets),
        ms: Math.round(performance.now() - started),
      });
      return value;
    } catch (error) {
      this.steps.push({
        name,
        ok: false,
        detail: describeError(error, this.secrets),
        ms: Math.round(performance.now() - started),
      });
      throw error;
    }
  }

  report(): FlowReport {
    return {
      provider: this.provider,
      ok: this.steps.length > 0 && this.steps.every((step) => step.ok),
      startedAt: this.startedAt,
      steps: this.steps,
    };
  }
}
