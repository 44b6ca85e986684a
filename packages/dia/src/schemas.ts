/**
 * Runtime (zod/mini) twins of the OpenAPI schemas in specs/dia/openapi.yaml. Each one is checked
 * at compile time against the type openapi-typescript generated (test/schema-types.test.ts), so
 * the validators and the spec cannot drift apart.
 */
import * as z from '@sso/core/zod';

export const SESSION_ID_PATTERN = /^[0-9a-f]{32}$/;
export const MODULE_PATTERN = /^[a-z][a-z0-9_]*$/;

export const moduleNameSchema = z
  .string()
  .check(z.regex(MODULE_PATTERN, 'must be a DIA module code such as "sis"'));
export const sessionIdSchema = z
  .string()
  .check(z.regex(SESSION_ID_PATTERN, 'must be 32 lowercase hexadecimal characters'));
export const disconnectSameUserSchema = z.enum(['True', 'False']);

export const loginParamsSchema = z.strictObject({
  username: z.string(),
  password: z.string(),
  disconnect_same_user: disconnectSameUserSchema,
  lang: z.optional(z.string()),
  params: z.strictObject({ apikey: z.string() }),
});
export const loginRequestSchema = z.strictObject({ login: loginParamsSchema });
export const logoutRequestSchema = z.strictObject({
  logout: z.strictObject({ session_id: sessionIdSchema }),
});

/** DIA wants firma / dönem codes as integers (the internal code, not the displayed one). */
const diaInteger = () => z.int().check(z.gte(0));

export const serviceParamsSchema = z.looseObject({
  session_id: sessionIdSchema,
  firma_kodu: z.optional(diaInteger()),
  donem_kodu: z.optional(diaInteger()),
});
export const serviceRequestSchema = z.record(z.string(), serviceParamsSchema);

export const listFilterSchema = z.strictObject({
  field: z.string(),
  operator: z.string(),
  value: z.string(),
});
export const listSortSchema = z.strictObject({ field: z.string(), sorttype: z.enum(['ASC', 'DESC']) });

export const scfFaturaListeleParamsSchema = z.strictObject({
  firma_kodu: diaInteger(),
  donem_kodu: diaInteger(),
  filters: z.optional(z.array(listFilterSchema)),
  sorts: z.optional(z.array(listSortSchema)),
  params: z.optional(z.record(z.string(), z.unknown())),
  limit: z.optional(z.int().check(z.gte(0))),
  offset: z.optional(z.int().check(z.gte(0))),
});

export const invoiceSchema = z.looseObject({
  _key: z.int(),
  belgeno2: z.optional(z.string()),
  tarih: z.optional(z.string()),
  unvan: z.optional(z.string()),
  __carikartkodu: z.optional(z.string()),
  net: z.optional(z.string()),
});

export const kontorResultSchema = z.looseObject({ kontorsayisi: z.union([z.number(), z.string()]) });

export const loginSuccessSchema = z.looseObject({
  code: z.literal('200'),
  msg: sessionIdSchema,
  warnings: z.optional(z.array(z.unknown())),
});

export const serviceSuccessSchema = z.looseObject({
  code: z.literal('200'),
  result: z.optional(z.unknown()),
  msg: z.optional(z.string()),
  warnings: z.optional(z.array(z.unknown())),
});

export const errorResponseSchema = z.looseObject({
  code: z.string(),
  msg: z.optional(z.string()),
});
