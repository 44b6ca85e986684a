import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FlowReport } from './flows.js';

/** A person who can sign in to the portal, and the provider accounts linked to them. */
export interface PortalUser {
  /** Login name. */
  username: string;
  password: string;
  displayName: string;
  /** Where Euromsg's test e-mail goes. */
  email: string;
  /** BeyondVisit `userToken` (from CreateUser) of this user, if linked. */
  beyondvisitUserToken?: string;
  /** FaxMAX user name on the partner's FaxMAX domain, if linked. */
  faxmaxUsername?: string;
}

export interface GittiGidiyorLink {
  /** The tokenId of a sign-in in progress, until the login page sends the user back. */
  pendingTokenId?: string;
  pendingSince?: number;
  sessionId?: string;
  connectedAt?: number;
}

export interface PortalSession {
  id: string;
  username: string;
  /** Sent back in every form; a POST without it is refused. */
  csrf: string;
  createdAt: number;
  lastSeen: number;
  gittigidiyor: GittiGidiyorLink;
  runs: Partial<Record<'euromsg' | 'dia', FlowReport>>;
  /** One-shot message shown on the next page. */
  flash?: {
    kind: 'ok' | 'error';
    /** A plain sentence for the user. */
    text: string;
    /** The provider's code and raw message, secrets masked: shown folded, for developers. */
    details?: string;
  };
}

export const SESSION_COOKIE = 'portal_sid';

export function newId(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface SessionStoreOptions {
  idleMs?: number;
  maxSessions?: number;
  now?: () => number;
}

/** In-memory portal sessions with an idle timeout and a size cap (least recently used dropped first). */
export class SessionStore {
  private readonly sessions = new Map<string, PortalSession>();
  private readonly idleMs: number;
  private readonly maxSessions: number;
  private readonly now: () => number;

  constructor(options: SessionStoreOptions = {}) {
    this.idleMs = options.idleMs ?? 30 * 60_000;
    this.maxSessions = options.maxSessions ?? 1000;
    this.now = options.now ?? Date.now;
  }

  create(username: string): PortalSession {
    while (this.sessions.size >= this.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    const at = this.now();
    const session: PortalSession = {
      id: newId(),
      username,
      csrf: newId(18),
      createdAt: at,
      lastSeen: at,
      gittigidiyor: {},
      runs: {},
    };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string | undefined): PortalSession | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const at = this.now();
    if (at - session.lastSeen > this.idleMs) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastSeen = at;
    // Re-insert so the map stays ordered by last use: the cap drops the least recently used.
    this.sessions.delete(id);
    this.sessions.set(id, session);
    return session;
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!name || out.has(name)) continue;
    try {
      out.set(name, decodeURIComponent(value));
    } catch {
      // A cookie that is not valid percent-encoding is ignored.
    }
  }
  return out;
}
