// The client's options and inputs as schemas (INVALID_CONFIG / INVALID_INPUT before any I/O), and
// the host, page, method and IP address checks they use.
import { commonOptionsShape, credential, requestOptionsShape } from '@sso/core/provider';
import * as s from '@sso/core/schema';
import { isObject } from '@sso/core/spec-checks';
import { isTokenCipher, type TokenCipher } from './cipher.js';
import { CoreLoginParamsLengths } from './generated/model.js';

const HOST_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST_PATTERN = new RegExp(`^(?=.{1,253}$)${HOST_LABEL}(?:\\.${HOST_LABEL})*$`, 'i');
const PAGE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_\-./]{0,127}$/;
const METHOD_PATTERN = /^[A-Za-z_][A-Za-z0-9_.]{0,127}$/;
export const MAX_TTL_SECONDS = 3;

// A dotted quad, or the IPv6 alphabet and an address the URL parser takes as a host: exactly what
// zod's z.union([z.ipv4(), z.ipv6()]) accepts, which a test (zod as its oracle) holds us to.
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6_ALPHABET = /^[0-9a-fA-F:.]+$/;
export function isIpAddress(value: string): boolean {
  return (
    typeof value === 'string' &&
    (IPV4.test(value) || (IPV6_ALPHABET.test(value) && URL.canParse(`http://[${value}]`)))
  );
}

export const optionsSchema = s.strictObject({
  ...commonOptionsShape,
  domain: s
    .string()
    .check(
      s.refine(
        (v) => HOST_PATTERN.test(v),
        'must be a bare host name such as firma.faxmax.net (no scheme, port, path, query or user info)',
      ),
    ),
  apiCode: credential(),
  apiPassword: credential(),
  cipher: s.custom<TokenCipher>(
    isTokenCipher,
    'must be an object with encrypt(plaintext, key) and decrypt(token, key)',
  ),
  encoding: s.optional(s.enum(['form', 'json'])),
  tokenLoginMethod: s.optional(s.string().check(s.regex(METHOD_PATTERN, 'must be a JSON-RPC method name'))),
});

const username = credential();
const remoteIp = s.string().check(s.refine(isIpAddress, 'must be an IPv4 or IPv6 address'));
const ttlSeconds = s.optional(s.int().check(s.gte(1), s.lte(MAX_TTL_SECONDS)));
export const ssoTokenSchema = s.strictObject({ username, remoteIp, ttlSeconds });
export const loginUrlSchema = s.strictObject({
  username,
  remoteIp,
  ttlSeconds,
  page: s.optional(s.string().check(s.regex(PAGE_PATTERN, 'must be a page name such as "inboxes"'))),
});

// The password's limit is the spec's (Core.login params), as the generated model states it.
export const loginSchema = s.strictObject({
  username,
  password: s.string().check(s.lengths(CoreLoginParamsLengths.password)),
});
export const requestOptionsSchema = s.optional(s.strictObject(requestOptionsShape()));
export const methodSchema = s
  .string()
  .check(s.regex(METHOD_PATTERN, 'must be a JSON-RPC method name such as "Core.login"'));
export const paramsSchema = s.optional(
  s.custom<Record<string, unknown>>(isObject, 'must be an object of named parameters'),
);
