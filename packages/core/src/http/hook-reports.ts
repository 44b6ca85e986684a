// What the transport hands to `onRequest`, `onResponse` and `onError`: redacted views, and hooks
// that cannot change the outcome of a call by throwing.
import type { ProviderId, SsoError } from '../errors.js';
import { expandSecrets, redactHeaders, redactText } from '../redact.js';
import type { Exchange } from './call-state.js';
import type { Hooks, RedactedRequest } from './hooks.js';
import type { RedactedBody } from './response-secrets.js';
import type { TransportRequest } from './transport.js';

/** Fails closed: a redactor that cannot read the body leaves no part of it visible. */
const UNREADABLE_BODY = '[redacted: the body could not be checked for issued secrets]';

export interface HookReports {
  request(request: TransportRequest, attempt: number): void;
  response(request: TransportRequest, outcome: Exchange, attempt: number, started: number): void;
  error(request: TransportRequest, error: SsoError, attempt: number, started: number): void;
}

export function hookReports(
  provider: ProviderId,
  hooks: Hooks | undefined,
  secretsOf: (request: TransportRequest) => Array<string | undefined>,
): HookReports {
  const view = (request: TransportRequest, attempt: number): RedactedRequest => {
    const secrets = expandSecrets(secretsOf(request));
    return {
      provider,
      operation: request.operation,
      method: request.method ?? 'POST',
      url: redactText(request.url, secrets),
      headers: redactHeaders(request.headers, secrets),
      body: request.body === undefined ? undefined : redactText(request.body, secrets),
      attempt,
    };
  };
  return {
    request(request, attempt) {
      const onRequest = hooks?.onRequest;
      if (onRequest) safely(() => onRequest(view(request, attempt)));
    },
    response(request, outcome, attempt, started) {
      const onResponse = hooks?.onResponse;
      if (!onResponse) return;
      const issued = withoutIssuedSecrets(request, outcome.text);
      const secrets = expandSecrets([...secretsOf(request), ...issued.hidden]);
      safely(() =>
        onResponse({
          request: view(request, attempt),
          status: outcome.status,
          headers: redactHeaders(outcome.headers, secrets),
          body: redactText(issued.body, secrets),
          durationMs: Date.now() - started,
        }),
      );
    },
    error(request, error, attempt, started) {
      const onError = hooks?.onError;
      if (onError) {
        safely(() =>
          onError({ request: view(request, attempt || 1), error, durationMs: Date.now() - started }),
        );
      }
    },
  };
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // A throwing hook must not change the outcome of the call.
  }
}

function withoutIssuedSecrets(request: TransportRequest, body: string): RedactedBody {
  if (!request.redactResponse) return { body, hidden: [] };
  try {
    return request.redactResponse(body);
  } catch {
    return { body: UNREADABLE_BODY, hidden: [] };
  }
}
