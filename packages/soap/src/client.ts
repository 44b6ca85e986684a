import {
  constantHeaders,
  describeBody,
  httpError,
  type ResponseRedactor,
  SsoError,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from '@sso/core/provider';
import type { SoapOperationDescriptor, SoapServiceDescriptor } from './descriptor.js';
import { faultOf, type ReadContext, readMessage, readSoapBody } from './reader.js';
import { responseElementRedactor } from './response-redaction.js';
import { createRequestWriter, type MessageWriter } from './writer.js';

/** `{ [operation]: { input; output } }`, as generated next to each service descriptor. */
export type SoapOperationMap<Ops = Record<string, { input: object; output: object }>> = {
  [K in keyof Ops]: { input: object; output: object };
};

export interface SoapClientOptions {
  service: SoapServiceDescriptor;
  /** The endpoint the envelopes are POSTed to. */
  url: string;
  transport: Transport;
  /** Overrides the service's target namespace (and the SOAPAction URIs built from it). */
  namespace?: string;
  /** Extra request headers sent on every call (e.g. HTTP Basic auth). Computed once. */
  headers?: Readonly<Record<string, string>>;
  /**
   * Response elements whose text is a secret the response issues (e.g. `ServiceTicket`, `tokenId`):
   * removed from what `onResponse` sees, on every call.
   */
  secretResponseElements?: readonly string[];
  /**
   * Response elements that no field of their type declares: `'error'` (default) fails the call with
   * MALFORMED_RESPONSE naming the element; `'ignore'` drops them.
   */
  unknownElements?: 'error' | 'ignore';
}

export interface SoapCallOptions {
  /** Secret values in this request (tickets, signs) to redact from hooks and errors. */
  secrets?: ReadonlyArray<string | undefined>;
  /**
   * Checks the decoded output for a provider-level failure (a result code) and throws its
   * SsoError; it runs inside the transport's call, so hooks see that error once, with the request.
   */
  check?: (output: never, redact: (text: string) => string) => void;
  /** Removes the secrets this call's response issues from its body (see `TransportRequest`). */
  redactResponse?: ResponseRedactor;
  signal?: AbortSignal;
  /** Only operations that are safe to repeat may be retried by the transport. Default false. */
  idempotent?: boolean;
  timeoutMs?: number;
}

export interface SoapClient<Ops extends SoapOperationMap<Ops>> {
  readonly url: string;
  readonly namespace: string;
  call<K extends keyof Ops & string>(
    operation: K,
    input: Ops[K]['input'],
    options?: SoapCallOptions,
  ): Promise<Ops[K]['output']>;
}

interface PreparedOperation {
  descriptor: SoapOperationDescriptor;
  write: MessageWriter;
  headers: Readonly<Record<string, string>>;
}

/** Replaces the descriptor namespace at the start of a SOAPAction when the namespace is overridden. */
export function soapActionFor(action: string, from: string, to: string): string {
  if (from === to || action === '') return action;
  const base = from.endsWith('/') ? from : `${from}/`;
  const target = to.endsWith('/') ? to : `${to}/`;
  return action.startsWith(base) ? target + action.slice(base.length) : action;
}

/**
 * A client for one SOAP 1.1 document/literal service, driven by its generated descriptor. Every
 * per-operation string (envelope prefix and suffix, SOAPAction header) is prepared on first use
 * and reused; a call validates and writes the fields, sends through the core transport and
 * converts the response.
 */
export function createSoapClient<Ops extends SoapOperationMap<Ops>>(
  options: SoapClientOptions,
): SoapClient<Ops> {
  const { service, url, transport } = options;
  const namespace = options.namespace ?? service.namespace;
  const provider = transport.provider;
  const prepared = new Map<string, PreparedOperation>();
  const issued = options.secretResponseElements?.length
    ? responseElementRedactor(options.secretResponseElements)
    : undefined;

  const prepare = (name: string): PreparedOperation => {
    let entry = prepared.get(name);
    if (entry) return entry;
    const descriptor = Object.hasOwn(service.operations, name) ? service.operations[name] : undefined;
    if (!descriptor) {
      throw new SsoError('INVALID_INPUT', `${name} is not an operation of the ${service.name} service`, {
        provider,
      });
    }
    entry = {
      descriptor,
      write: createRequestWriter(service, descriptor, { namespace, provider }),
      headers: constantHeaders({
        ...soapHeaders(service, soapActionFor(descriptor.soapAction, service.namespace, namespace)),
        ...options.headers,
      }),
    };
    prepared.set(name, entry);
    return entry;
  };

  return {
    url,
    namespace,
    call(operation, input, callOptions = {}) {
      let op: PreparedOperation;
      let body: string;
      try {
        op = prepare(operation);
        body = op.write(input); // INVALID_INPUT before any I/O
      } catch (error) {
        return Promise.reject(error);
      }
      const request: TransportRequest = {
        operation,
        method: 'POST',
        url,
        headers: op.headers,
        body,
        idempotent: callOptions.idempotent ?? false,
        secrets: callOptions.secrets,
        redactResponse: bothOf(issued, callOptions.redactResponse),
        signal: callOptions.signal,
        timeoutMs: callOptions.timeoutMs,
      };
      return transport.call(request, (response, redact) => {
        const output = interpret(service, op.descriptor, response, {
          provider,
          operation,
          status: response.status,
          redact,
          unknownElements: options.unknownElements,
        });
        callOptions.check?.(output as never, redact);
        return output as Ops[typeof operation]['output'];
      });
    },
  };
}

/** SOAP 1.1 names the action in a SOAPAction header, SOAP 1.2 in the content type. */
function soapHeaders(service: SoapServiceDescriptor, action: string): Record<string, string> {
  if (service.soapVersion !== '1.2') {
    return { 'content-type': 'text/xml; charset=utf-8', accept: 'text/xml', soapaction: `"${action}"` };
  }
  return {
    'content-type': `application/soap+xml; charset=utf-8${action ? `; action="${action}"` : ''}`,
    accept: 'application/soap+xml',
  };
}

function bothOf(
  a: ResponseRedactor | undefined,
  b: ResponseRedactor | undefined,
): ResponseRedactor | undefined {
  if (!a || !b) return a ?? b;
  return (body) => {
    const first = a(body);
    const second = b(first.body);
    return { body: second.body, hidden: [...first.hidden, ...second.hidden] };
  };
}

// A comment's body is matched one character at a time, never across "-->": each text has one way
// to match, so a body of many comments cannot make the regex backtrack exponentially.
const XML_START =
  /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--(?:[^-]|-(?!->))*-->\s*)*<(?:[A-Za-z_][\w.-]*:)?Envelope[\s>/]/;

/** Turns an HTTP response into the operation's output, or the right SsoError. */
export function interpret(
  service: SoapServiceDescriptor,
  operation: SoapOperationDescriptor,
  response: TransportResponse,
  context: ReadContext,
): Record<string, unknown> {
  const { status, text } = response;
  const ok = status >= 200 && status < 300;
  if (status === 401 || status === 403) {
    throw new SsoError(
      status === 401 ? 'AUTHENTICATION_FAILED' : 'PERMISSION_DENIED',
      `${context.operation}: the server refused the request with HTTP ${status} (check the HTTP credentials)`,
      { provider: context.provider, operation: context.operation, status, providerCode: String(status) },
    );
  }
  // A one-way operation (or one with an empty output message) may be answered by 202 and no body.
  if (
    ok &&
    operation.output.element === undefined &&
    operation.output.fields.length === 0 &&
    text.trim() === ''
  ) {
    return {};
  }
  if (!XML_START.test(text)) {
    if (!ok) throw httpError(response, context);
    throw new SsoError(
      'MALFORMED_RESPONSE',
      `${context.operation}: expected a SOAP envelope but the server sent ${describeBody(text, context.redact)}`,
      { provider: context.provider, operation: context.operation, status },
    );
  }
  let body: ReturnType<typeof readSoapBody>;
  try {
    body = readSoapBody(text, context, operation.output.element === undefined);
  } catch (error) {
    // A broken body on an error status is first of all an HTTP error.
    if (!ok) throw httpError(response, context);
    throw error;
  }
  const fault = faultOf(body);
  if (fault) {
    const redact = context.redact ?? ((t: string) => t);
    const faultstring = redact(fault.faultstring);
    throw new SsoError('SOAP_FAULT', `${context.operation}: SOAP fault ${fault.faultcode}: ${faultstring}`, {
      provider: context.provider,
      operation: context.operation,
      status,
      providerCode: fault.faultcode,
      providerMessage: faultstring,
      retryable: false,
    });
  }
  if (!ok) throw httpError(response, context);
  return readMessage(service, operation.output, body, context);
}
