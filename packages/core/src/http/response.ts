import { type ProviderId, SsoError } from '../errors.js';
import { RETRYABLE_STATUSES } from './retry.js';
import type { TransportResponse } from './transport.js';

export interface ResponseContext {
  provider: ProviderId;
  operation: string;
  /** Removes secrets from body snippets quoted in messages (usually `transport.redact`). */
  redact?: (text: string) => string;
}

const SNIPPET = 80;

/** A short, printable description of a body for error messages (no secrets: callers redact first). */
export function describeBody(text: string, redact: (text: string) => string = (t) => t): string {
  const trimmed = redact(text.slice(0, 4 * SNIPPET)).trim();
  if (trimmed === '') return 'an empty body';
  if (/^<!doctype html|^<html/i.test(trimmed)) return 'an HTML page';
  const head = trimmed.slice(0, SNIPPET).replace(/\s+/g, ' ');
  return `"${head}${trimmed.length > SNIPPET ? '…' : ''}"`;
}

/** Parses a JSON body; anything that is not JSON is MALFORMED_RESPONSE. */
export function parseJsonBody(response: TransportResponse, context: ResponseContext): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    // The SyntaxError is deliberately not kept as the cause: V8 quotes the body in its message,
    // unredacted, and util.inspect(error) would print it.
    throw new SsoError(
      'MALFORMED_RESPONSE',
      `${context.operation}: expected JSON but the server sent ${describeBody(response.text, context.redact)}`,
      { provider: context.provider, operation: context.operation, status: response.status },
    );
  }
}

/** MALFORMED_RESPONSE `<operation>: <detail>` carrying the response status (the detail must be redacted). */
export function malformedResponse(
  response: Pick<TransportResponse, 'status'>,
  context: ResponseContext,
  detail: string,
): SsoError {
  return new SsoError('MALFORMED_RESPONSE', `${context.operation}: ${detail}`, {
    provider: context.provider,
    operation: context.operation,
    status: response.status,
  });
}

export interface JsonResponseContext extends ResponseContext {
  /** What the body should have been, for the message. Default `JSON`. */
  expected?: string;
  /** Who sent the body, for the message. Default `the server`. */
  sender?: string;
  /** Statuses a success may come with. Default: any 2xx. */
  isOk?: (status: number) => boolean;
}

const is2xx = (status: number) => status >= 200 && status < 300;

/**
 * Parses the JSON body of a provider answer. A body that is not JSON is HTTP_ERROR when the status
 * is not a success status (the status says more than the body), MALFORMED_RESPONSE otherwise.
 * The SyntaxError is never kept as the cause: V8 quotes the body in it, unredacted.
 */
export function readJsonResponse(response: TransportResponse, context: JsonResponseContext): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    if (!(context.isOk ?? is2xx)(response.status)) throw httpError(response, context);
    throw malformedResponse(
      response,
      context,
      `expected ${context.expected ?? 'JSON'} but ${context.sender ?? 'the server'} sent ${describeBody(response.text, context.redact)}`,
    );
  }
}

/** HTTP_ERROR for a status the provider does not answer with on success. */
export function httpError(response: TransportResponse, context: ResponseContext): SsoError {
  return new SsoError(
    'HTTP_ERROR',
    `${context.operation}: the server answered HTTP ${response.status} with ${describeBody(response.text, context.redact)}`,
    {
      provider: context.provider,
      operation: context.operation,
      status: response.status,
      retryable: RETRYABLE_STATUSES.has(response.status),
    },
  );
}

/** `Authorization: Basic …` for a user and password (UTF-8). */
export function basicAuthHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}
