// The client's options and call inputs as schemas (INVALID_CONFIG / INVALID_INPUT before any I/O),
// and the base URL rule: exactly one of `server` and `baseUrl`.
import { commonOptionsShape, requestOptionsShape, SsoError, sessionStoreSchema } from '@sso/core/provider';
import * as s from '@sso/core/schema';
import { checkServiceParams, isModuleName } from './generated/model.js';
import type { DiaSession } from './types.js';

/**
 * The server code of DIA's public demo host, `https://diademo.ws.dia.com.tr/api/v3/`: pass it as
 * `server` to try the client against DIA's own demo (seen in public code; not documented by DIA).
 */
export const DIA_DEMO_SERVER = 'diademo';

// The session id DIA requires in every service's parameters is the client's to add; a well-formed
// stand-in takes its place so the spec's other rules (firma_kodu, donem_kodu) are checked as the
// generated model states them.
const SESSION_STAND_IN = '0'.repeat(32);
function checkParams(params: Record<string, unknown>, at: string): string | undefined {
  const probe: Record<string, unknown> = Object.assign({}, params);
  probe.session_id = SESSION_STAND_IN;
  return checkServiceParams(probe, at);
}

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const RESERVED_SERVICES: ReadonlySet<string> = new Set(['login', 'logout']);
export const optionsSchema = s.strictObject({
  ...commonOptionsShape,
  server: s.optional(s.string().check(s.regex(HOST_LABEL, 'must be a single host label such as "acme"'))),
  username: s.string().check(s.minLength(1)),
  password: s.string().check(s.minLength(1)),
  apiKey: s.string().check(s.minLength(1)),
  disconnectSameUser: s.optional(s.boolean()),
  lang: s.optional(
    s.string().check(s.regex(/^[a-z]{2}$/, 'must be a two-letter language code such as "tr"')),
  ),
  store: s.optional(sessionStoreSchema<DiaSession>()),
});

export const callOptionsSchema = s.optional(s.strictObject(requestOptionsShape()));

export const callSchema = s.strictObject({
  module: s.string().check(s.refine(isModuleName, 'must be a DIA module code such as "scf"')),
  service: s.string().check(
    s.refine(isModuleName, 'must be a DIA service name such as "scf_fatura_listele"'),
    s.refine((s) => !RESERVED_SERVICES.has(s), 'must not be login or logout (use login() / logout())'),
  ),
  params: s.spec(
    s.looseObject({ session_id: s.optional(s.never('must not be given: the client adds the session id')) }),
    checkParams,
  ),
  options: callOptionsSchema,
});

const exactlyOne = () =>
  new SsoError('INVALID_CONFIG', 'createDiaClient: give exactly one of options.server and options.baseUrl', {
    provider: 'dia',
  });

/** The base URL for `server`; an error unless exactly one of `server` and `baseUrl` is given. */
export function diaBaseUrl(o: { server?: string; baseUrl?: string }): string {
  if (o.server === undefined || o.baseUrl !== undefined) throw exactlyOne();
  return `https://${o.server.toLowerCase()}.ws.dia.com.tr/api/v3/`;
}

/** Refuses options that give both `server` and `baseUrl` (`diaBaseUrl` runs only without `baseUrl`). */
export function checkOneBase(o: { server?: string; baseUrl?: string }): void {
  if (o.server !== undefined && o.baseUrl !== undefined) throw exactlyOne();
}
