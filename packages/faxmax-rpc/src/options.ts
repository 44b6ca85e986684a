// The client's options and inputs as zod/mini schemas (INVALID_CONFIG / INVALID_INPUT before any
// I/O), and the host, page, method and IP address checks they use.
import { commonOptionsShape, credential, requestOptionsShape } from '@sso/core/provider';
import * as z from '@sso/core/zod';
import { isTokenCipher, type TokenCipher } from './cipher.js';

const HOST_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST_PATTERN = new RegExp(`^(?=.{1,253}$)${HOST_LABEL}(?:\\.${HOST_LABEL})*$`, 'i');
const PAGE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_\-./]{0,127}$/;
const METHOD_PATTERN = /^[A-Za-z_][A-Za-z0-9_.]{0,127}$/;
export const MAX_TTL_SECONDS = 3;

// Exactly what z.union([z.ipv4(), z.ipv6()]) accepts (a test holds them together), without a schema
// pass: a dotted quad, or the IPv6 alphabet and an address the URL parser takes as a host.
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6_ALPHABET = /^[0-9a-fA-F:.]+$/;
export function isIpAddress(value: string): boolean {
  return (
    typeof value === 'string' &&
    (IPV4.test(value) || (IPV6_ALPHABET.test(value) && URL.canParse(`http://[${value}]`)))
  );
}

export const optionsSchema = z.strictObject({
  ...commonOptionsShape,
  domain: z
    .string()
    .check(
      z.refine(
        (v) => HOST_PATTERN.test(v),
        'must be a bare host name such as firma.faxmax.net (no scheme, port, path, query or user info)',
      ),
    ),
  apiCode: credential(),
  apiPassword: credential(),
  cipher: z.custom<TokenCipher>(
    isTokenCipher,
    'must be an object with encrypt(plaintext, key) and decrypt(token, key)',
  ),
  encoding: z.optional(z.enum(['form', 'json'])),
  tokenLoginMethod: z.optional(z.string().check(z.regex(METHOD_PATTERN, 'must be a JSON-RPC method name'))),
});

const username = credential();
const remoteIp = z.string().check(z.refine(isIpAddress, 'must be an IPv4 or IPv6 address'));
const ttlSeconds = z.optional(z.int().check(z.gte(1), z.lte(MAX_TTL_SECONDS)));
export const ssoTokenSchema = z.strictObject({ username, remoteIp, ttlSeconds });
export const loginUrlSchema = z.strictObject({
  username,
  remoteIp,
  ttlSeconds,
  page: z.optional(z.string().check(z.regex(PAGE_PATTERN, 'must be a page name such as "inboxes"'))),
});

export const loginSchema = z.strictObject({ username, password: z.string().check(z.minLength(1)) });
export const requestOptionsSchema = z.optional(z.strictObject(requestOptionsShape()));
export const methodSchema = z
  .string()
  .check(z.regex(METHOD_PATTERN, 'must be a JSON-RPC method name such as "Core.login"'));
export const paramsSchema = z.optional(
  z.custom<Record<string, unknown>>(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
    'must be an object of named parameters',
  ),
);
