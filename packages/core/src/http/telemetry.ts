// OpenTelemetry spans for transport calls, when the application has `@opentelemetry/api` (an
// optional peer dependency). Without it nothing is loaded and a call pays one comparison.
import type { SsoError } from '../errors.js';
import { nodeBuiltin } from '../node-builtin.js';

/** The part of an OpenTelemetry span the transport uses. */
interface OtelSpan {
  setAttribute(key: string, value: string | number): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
}

interface OtelApi {
  trace: {
    getTracer(name: string, version?: string): { startSpan(name: string, options?: object): OtelSpan };
  };
  SpanKind: { CLIENT: number };
  SpanStatusCode: { ERROR: number };
}

let api: OtelApi | null | undefined;

/** `@opentelemetry/api` if the application installed it, else null (looked up once). */
function otel(): OtelApi | null {
  if (api !== undefined) return api;
  api = null;
  try {
    const require = nodeBuiltin('node:module').createRequire(import.meta.url);
    const name = '@opentelemetry/api';
    api = require(name) as OtelApi;
  } catch {
    // Not installed (or not a Node runtime): no spans.
  }
  return api;
}

/** One call's span: attributes that are never secrets (no URL, body, ticket or session id). */
export interface CallSpan {
  end(outcome: { status?: number; attempts: number; error?: SsoError }): void;
}

/**
 * Starts `<provider>.<name>` (`dia.call`, `euromsg.login`) with the provider and operation as
 * attributes, or returns undefined when OpenTelemetry is not installed.
 */
// The API's tracer delegates to whichever provider is registered, also one registered later.
let tracer: ReturnType<OtelApi['trace']['getTracer']> | undefined;

export function startCallSpan(provider: string, name: string, operation: string): CallSpan | undefined {
  const api = otel();
  if (!api) return undefined;
  const spanName = `${provider}.${name.charAt(0).toLowerCase()}${name.slice(1)}`;
  tracer ??= api.trace.getTracer('@sso/core');
  const span = tracer.startSpan(spanName, {
    kind: api.SpanKind.CLIENT,
    attributes: { 'sso.provider': provider, 'sso.operation': operation },
  });
  return {
    end({ status, attempts, error }) {
      span.setAttribute('sso.attempts', attempts);
      if (status !== undefined) span.setAttribute('http.response.status_code', status);
      if (error) {
        span.setAttribute('sso.error.code', error.code);
        if (error.providerCode !== undefined) span.setAttribute('sso.provider_code', error.providerCode);
        span.setStatus({ code: api.SpanStatusCode.ERROR, message: error.code });
      }
      span.end();
    },
  };
}
