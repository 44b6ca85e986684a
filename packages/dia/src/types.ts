// The public types of the DIA client.
import type { CommonClientOptions, SessionStore } from '@sso/core/provider';
import type { DiaInvoice, DiaKontorResult, ScfFaturaListeleParams } from './wire-types.js';

/**
 * `sis_kontor_sorgula`'s result with the credit as a number: the spec allows DIA to send it as a
 * number or a numeric string (`"1250.5"`), and the client reads either.
 */
export type DiaKontorBalance = Omit<DiaKontorResult, 'kontorsayisi'> & { kontorsayisi: number };

/** What the client keeps of a DIA login (and what a shared `SessionStore` holds). */
export interface DiaSession {
  sessionId: string;
}

export interface DiaClientOptions extends CommonClientOptions {
  /** The customer's server code: the client calls `https://{server}.ws.dia.com.tr/api/v3/`. */
  server?: string;
  /** A user of DIA's user list (sis3100); its permissions decide which services work. */
  username: string;
  password: string;
  /** The application key DIA issued; sent only at login. */
  apiKey: string;
  /**
   * Sent as `disconnect_same_user`: "True" ends the user's other DIA sessions when this client
   * logs in. Default false, because with true two processes sharing one DIA user evict each other.
   */
  disconnectSameUser?: boolean;
  /** `lang` of the login request (e.g. `tr`); omitted unless given. */
  lang?: string;
  /** Where the session lives; default in memory. A shared store lets a fleet share one login. */
  store?: SessionStore<DiaSession>;
}

export interface DiaCallOptions {
  /**
   * Allows the transport to resend the request after a network error or HTTP 429/502/503/504.
   * Default false: many services change data (`*_ekle` creates a record), so only mark reads.
   */
  idempotent?: boolean;
  signal?: AbortSignal;
  /** Deadline for this request (retries included); default the client's `timeoutMs`. */
  timeoutMs?: number;
}

/** A successful business answer: `code` "200", the service's `result`, and any other keys it sent. */
export type DiaServiceResponse<T = unknown> = {
  code: '200';
  result: T;
  msg?: string;
  warnings?: unknown[];
} & { [key: string]: unknown };

/** Parameters of a business call, without `session_id` (the client adds it). */
export type DiaParams = { firma_kodu?: number; donem_kodu?: number } & { [key: string]: unknown };

export interface DiaClient {
  /** The session-store key of this account: a hash of the base URL and user name (never the password). */
  readonly sessionKey: string;
  /** The client's session, logging in when there is none (one login for any number of callers). */
  login(): Promise<DiaSession>;
  /**
   * Ends the current session at DIA (if there is one); the next call logs in again.
   * SESSION_EXPIRED when DIA had already dropped it.
   */
  logout(): Promise<void>;
  /**
   * Calls `service` of `module` (`POST {base}{module}/json`) with the session id added as the first
   * parameter. An INVALID_SESSION answer costs one new login and one retry; a second one is thrown.
   */
  call<T = unknown>(
    module: string,
    service: string,
    params?: DiaParams,
    options?: DiaCallOptions,
  ): Promise<DiaServiceResponse<T>>;
  /**
   * One call on a session the caller already holds (e.g. from another process): no login, no
   * retry. A session DIA no longer knows is SESSION_EXPIRED; an id that is not 32 hex characters
   * is INVALID_INPUT before any I/O.
   */
  callWithSession<T = unknown>(
    sessionId: string,
    module: string,
    service: string,
    params?: DiaParams,
    options?: DiaCallOptions,
  ): Promise<DiaServiceResponse<T>>;
  /**
   * Ends a session the caller holds. SESSION_EXPIRED when DIA no longer knows it; INVALID_INPUT
   * for an id that is not 32 hex characters (nothing is sent).
   */
  logoutSession(sessionId: string): Promise<void>;
  /** `sis_kontor_sorgula`: the remaining credit, as a number. */
  sisKontorSorgula(options?: Omit<DiaCallOptions, 'idempotent'>): Promise<DiaKontorBalance>;
  /** `scf_fatura_listele`: invoices of one company and period. */
  scfFaturaListele(
    params: ScfFaturaListeleParams,
    options?: Omit<DiaCallOptions, 'idempotent'>,
  ): Promise<DiaInvoice[]>;
  /** Logs out and refuses further use (CLOSED). */
  close(): Promise<void>;
}
