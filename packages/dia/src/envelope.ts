// Reading DIA's answers: the `{ code, msg }` envelope, a service's success body, a login's session
// id, and a typed result. Each reader throws the SsoError an answer means; the client runs them
// inside the transport's call.
import {
  describeBody,
  httpError,
  malformedResponse,
  readJsonResponse,
  redactText,
  SsoError,
  type TransportResponse,
} from '@sso/core/provider';
import * as z from '@sso/core/zod';
import { diaError, failureOf } from './errors.js';
import { loginSuccessSchema, serviceSuccessSchema } from './schemas.js';
import { issuedSessionIdsIn } from './session-ids.js';
import type { DiaServiceResponse, DiaSession } from './types.js';

type Redact = (text: string) => string;

/**
 * Reads a DIA answer: the `{ code, msg }` body decides whether it succeeded, and the HTTP status
 * is checked too (DIA answers most logical errors with 200, some with 500 and the same body).
 * Returns the body of a `code` "200" answer; throws the mapped SsoError otherwise.
 */
export function readEnvelope(
  operation: string,
  response: TransportResponse,
  redact: Redact,
): Record<string, unknown> {
  if (response.status === 200) {
    // The usual answer, `{"code":"200",…}` with HTTP 200, needs nothing but the parse.
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      body = undefined;
    }
    if (isPlainEnvelope(body) && body.code === '200') return body;
  }
  const context = { provider: 'dia', operation, redact } as const;
  const isOk = (status: number) => status === 200;
  const body = readJsonResponse(response, { ...context, sender: 'DIA', isOk });
  // A success body is validated in full by the caller: only the envelope is read here.
  const failure = failureOf(body);
  if (failure === undefined) {
    throw isOk(response.status)
      ? malformedResponse(
          response,
          context,
          `expected a DIA answer with a "code" but got ${describeBody(response.text, redact)}`,
        )
      : httpError(response, context);
  }
  const { code, msg } = failure;
  if (code === '200') {
    // `code` may have come as the number 200: callers see the documented string.
    if (response.status === 200) return { ...(body as Record<string, unknown>), code: '200' };
    throw httpError(response, context);
  }
  throw diaError(code, msg, { operation, status: response.status, redact });
}

/** A login answer: the new session id, kept out of any error message about this very answer. */
export function readLogin(response: TransportResponse, redact: Redact): DiaSession {
  // The transport does not know the new session id yet: redact what the answer issued too.
  const issued = issuedSessionIdsIn(response.text);
  const redactLogin = (text: string) => redactText(redact(text), issued);
  const body = readEnvelope('login', response, redactLogin);
  const ok = z.safeParse(loginSuccessSchema, body);
  if (!ok.success) {
    throw malformedResponse(
      response,
      { provider: 'dia', operation: 'login' },
      'DIA answered code 200 without a 32-hex-character session id in msg',
    );
  }
  return { sessionId: ok.data.msg };
}

/** A service's success answer (`code` "200", its `result` and any other keys). */
export function readServiceAnswer<T>(
  operation: string,
  response: TransportResponse,
  redact: Redact,
): DiaServiceResponse<T> {
  const body = readEnvelope(operation, response, redact);
  if (isServiceSuccess(body)) return body as DiaServiceResponse<T>;
  // Not the usual shape: serviceSuccessSchema decides (and may normalise what it accepts).
  const ok = z.safeParse(serviceSuccessSchema, body);
  if (!ok.success) {
    throw malformedResponse(
      response,
      { provider: 'dia', operation },
      'DIA answered code 200 with an unexpected shape',
    );
  }
  return ok.data as DiaServiceResponse<T>;
}

/** A service's `result` in its documented shape, or MALFORMED_RESPONSE. */
export function typedResult<S extends z.ZodMiniType>(
  operation: string,
  schema: S,
  value: unknown,
): z.infer<S> {
  const ok = z.safeParse(schema, value);
  if (ok.success) return ok.data;
  throw new SsoError('MALFORMED_RESPONSE', `${operation}: DIA's result does not have the documented shape`, {
    provider: 'dia',
    operation,
  });
}

/** What serviceSuccessSchema accepts unchanged: optional string `msg`, optional array `warnings`. */
function isServiceSuccess(body: Record<string, unknown>): boolean {
  const { msg, warnings } = body;
  return (
    (msg === undefined || typeof msg === 'string') && (warnings === undefined || Array.isArray(warnings))
  );
}

/** The usual DIA answer: a non-array object with a string `code` and an optional string `msg`. */
function isPlainEnvelope(body: unknown): body is { code: string; msg?: string } & Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { code, msg } = body as { code?: unknown; msg?: unknown };
  return typeof code === 'string' && (msg === undefined || typeof msg === 'string');
}
