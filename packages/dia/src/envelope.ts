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
import { diaError, failureOf } from './errors.js';
import { checkErrorResponse, checkLoginSuccess, checkServiceSuccess } from './generated/model.js';
import { issuedSessionIdsIn } from './session-ids.js';
import type { DiaServiceResponse, DiaSession } from './types.js';

type Redact = (text: string) => string;
type Check = (value: unknown, at?: string) => string | undefined;

const isOk = (status: number) => status === 200;

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
  const context = { provider: 'dia', operation, redact } as const;
  const body = readJsonResponse(response, { provider: 'dia', operation, redact, sender: 'DIA', isOk });
  // The usual answer: HTTP 200 and the spec's `{ code, msg }` envelope with code "200".
  if (response.status === 200 && checkErrorResponse(body) === undefined) {
    const envelope = body as Record<string, unknown>;
    if (envelope.code === '200') return envelope;
  }
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
  if (checkLoginSuccess(body) !== undefined) {
    throw malformedResponse(
      response,
      { provider: 'dia', operation: 'login' },
      'DIA answered code 200 without a 32-hex-character session id in msg',
    );
  }
  return { sessionId: body.msg as string };
}

/** A service's success answer (`code` "200", its `result` and any other keys). */
export function readServiceAnswer<T>(
  operation: string,
  response: TransportResponse,
  redact: Redact,
): DiaServiceResponse<T> {
  const body = readEnvelope(operation, response, redact);
  if (checkServiceSuccess(body) !== undefined) {
    throw malformedResponse(
      response,
      { provider: 'dia', operation },
      'DIA answered code 200 with an unexpected shape',
    );
  }
  return body as DiaServiceResponse<T>;
}

/** A service's `result` in its documented shape, or MALFORMED_RESPONSE. */
export function typedResult<T>(operation: string, check: Check, value: unknown): T {
  const problem = check(value, 'result');
  if (problem === undefined) return value as T;
  throw new SsoError(
    'MALFORMED_RESPONSE',
    `${operation}: DIA's result does not have the documented shape (${problem})`,
    { provider: 'dia', operation },
  );
}
