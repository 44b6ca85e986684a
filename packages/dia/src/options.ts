// The client's options and call inputs as zod/mini schemas (INVALID_CONFIG / INVALID_INPUT before
// any I/O), and the base URL rule: exactly one of `server` and `baseUrl`.
import { commonOptionsShape, requestOptionsShape, SsoError, sessionStoreSchema } from '@sso/core/provider';
import * as z from '@sso/core/zod';
import { isModuleName } from './generated/model.js';
import type { DiaSession } from './types.js';

/**
 * The server code of DIA's public demo host, `https://diademo.ws.dia.com.tr/api/v3/`: pass it as
 * `server` to try the client against DIA's own demo (seen in public code; not documented by DIA).
 */
export const DIA_DEMO_SERVER = 'diademo';

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const RESERVED_SERVICES: ReadonlySet<string> = new Set(['login', 'logout']);
export const optionsSchema = z.strictObject({
  ...commonOptionsShape,
  server: z.optional(z.string().check(z.regex(HOST_LABEL, 'must be a single host label such as "acme"'))),
  username: z.string().check(z.minLength(1)),
  password: z.string().check(z.minLength(1)),
  apiKey: z.string().check(z.minLength(1)),
  disconnectSameUser: z.optional(z.boolean()),
  lang: z.optional(
    z.string().check(z.regex(/^[a-z]{2}$/, 'must be a two-letter language code such as "tr"')),
  ),
  store: z.optional(sessionStoreSchema<DiaSession>()),
});

export const callOptionsSchema = z.optional(z.strictObject(requestOptionsShape()));

export const callSchema = z.strictObject({
  module: z.string().check(z.refine(isModuleName, 'must be a DIA module code such as "scf"')),
  service: z.string().check(
    z.refine(isModuleName, 'must be a DIA service name such as "scf_fatura_listele"'),
    z.refine((s) => !RESERVED_SERVICES.has(s), 'must not be login or logout (use login() / logout())'),
  ),
  params: z.looseObject({
    session_id: z.optional(z.never('must not be given: the client adds the session id')),
    firma_kodu: z.optional(z.int().check(z.gte(0))),
    donem_kodu: z.optional(z.int().check(z.gte(0))),
  }),
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
