// JSON-RPC 2.0 framing over the core transport: the request body (form field `data` or raw JSON),
// the reply read inside the call (id check, error object -> the error table), and which values
// of a reply are credentials.
import {
  constantHeaders,
  describeBody,
  formEncode,
  httpError,
  jsonResponseRedactor,
  jsonSecretValues,
  malformedResponse,
  type ResponseContext,
  type ResponseRedactor,
  readJsonResponse,
  SsoError,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from '@sso/core/provider';
// Types only: the client frames its JSON-RPC 2.0 requests and replies itself (see README, "JSON-RPC").
import type { JSONRPCResponse } from 'json-rpc-2.0';
import { rpcError } from './errors.js';
import {
  checkJsonRpcErrorReply,
  checkJsonRpcSuccessReply,
  type JsonRpcErrorReply,
  type JsonRpcSuccessReply,
} from './generated/model.js';
import type { FaxmaxEncoding, RequestOptions } from './types.js';

/** A generated params check: the first problem, or undefined. */
export type Check = (value: unknown, at?: string) => string | undefined;

/** The body that carries a JSON-RPC request text: form field `data`, or the JSON itself. */
const bodyOf = (encoding: FaxmaxEncoding, json: string) =>
  encoding === 'form' ? `data=${formEncode(json)}` : json;

/** Keys whose string values are credentials, anywhere in a reply. */
const isCredentialKey = (key: string) => /token|session|password|secret/i.test(key);
/** The credentials a reply issues, kept out of the `onResponse` payload of that very reply. */
const issuedCredentials = jsonResponseRedactor(isCredentialKey);
/**
 * A login method's reply may carry the session token as the bare `result` string (which
 * `login()` accepts), so there the top-level `result` is a credential too.
 */
const issuedLoginCredentials = jsonResponseRedactor(
  (key, depth) => isCredentialKey(key) || (key === 'result' && depth === 0),
);
const LOGIN_METHOD = /login/i;

/**
 * One JSON-RPC call (a POST, the transport's default method).
 */
class RpcRequest implements TransportRequest {
  readonly redactResponse: ResponseRedactor;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;

  constructor(
    readonly operation: string,
    method: string,
    readonly url: string,
    readonly headers: Record<string, string>,
    readonly body: string,
    readonly idempotent: boolean,
    /** The call's own secret values (password, SSO token, session token). */
    private readonly callSecrets: readonly unknown[],
    options: RequestOptions | undefined,
  ) {
    this.redactResponse = LOGIN_METHOD.test(method) ? issuedLoginCredentials : issuedCredentials;
    this.signal = options?.signal;
    this.timeoutMs = options?.timeoutMs;
  }

  // Read only by hooks and errors; the transport adds the forms the values take on the wire.
  get secrets(): string[] {
    return this.callSecrets.filter((secret): secret is string => typeof secret === 'string');
  }
}

export interface RpcChannelOptions {
  provider: string;
  /** `{base}api/v1`. */
  endpoint: string;
  encoding: FaxmaxEncoding;
  transport: Transport;
  /** Told the credential values every reply carries (to redact them from later payloads). */
  learn: (values: string[]) => void;
}

export interface RpcChannel {
  /**
   * Checks `params` (INVALID_INPUT before any I/O), frames a JSON-RPC request with a fresh UUID
   * (ids never repeat, across calls or clients), sends it and returns its result.
   */
  invoke(
    operation: string,
    method: string,
    params: Record<string, unknown>,
    idempotent: boolean,
    secrets: readonly unknown[],
    options: RequestOptions | undefined,
    check?: Check,
  ): Promise<unknown>;
}

export function createRpcChannel({
  provider,
  endpoint,
  encoding,
  transport,
  learn,
}: RpcChannelOptions): RpcChannel {
  const headers = constantHeaders({
    'content-type':
      encoding === 'form' ? 'application/x-www-form-urlencoded;charset=UTF-8' : 'application/json',
    accept: 'application/json',
  });

  /** What error messages about a reply need; built only when one is thrown. */
  const replyContext = (request: RpcRequest): ResponseContext => ({
    provider,
    operation: request.operation,
    redact: (text: string) => transport.redact(text, request),
  });

  function readReply(response: TransportResponse, id: string, request: RpcRequest): JSONRPCResponse {
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      // Not JSON: readJsonResponse parses it again and throws the error that says what came instead.
      body = readJsonResponse(response, { ...replyContext(request), expected: 'a JSON-RPC reply' });
    }
    learn(jsonSecretValues(body, isCredentialKey));
    if (Array.isArray(body)) {
      throw malformed(request, response, 'the server sent a batch reply to a single request');
    }
    const ok = response.status >= 200 && response.status < 300;
    // Only a body with an `error` member can be an error reply: skip that parse for the rest.
    const hasError = typeof body === 'object' && body !== null && 'error' in body;
    if (hasError && checkJsonRpcErrorReply(body) === undefined) {
      const reply = body as JsonRpcErrorReply;
      const error = { code: reply.error.code, message: reply.error.message, data: reply.error.data };
      if (reply.id === id || reply.id === null) {
        // JSON-RPC servers answer with id null when they could not read the request's id.
        return { jsonrpc: '2.0', id, error } as JSONRPCResponse;
      }
      throw malformed(request, response, 'the reply id does not match the request id');
    }
    if (!ok) throw httpError(response, replyContext(request));
    if (hasError || checkJsonRpcSuccessReply(body) !== undefined) {
      throw malformed(
        request,
        response,
        `the reply is not a JSON-RPC 2.0 response (${describeBody(response.text, replyContext(request).redact)})`,
      );
    }
    const reply = body as JsonRpcSuccessReply;
    if (reply.id !== id) throw malformed(request, response, 'the reply id does not match the request id');
    return { jsonrpc: '2.0', id, result: reply.result } as JSONRPCResponse;
  }

  const malformed = (request: RpcRequest, response: TransportResponse, detail: string): SsoError =>
    malformedResponse(response, replyContext(request), detail);

  /** Sends JSON-RPC request `id` (`method`, framed in `body`) and returns its result. */
  function send(
    operation: string,
    method: string,
    id: string,
    body: string,
    idempotent: boolean,
    secrets: readonly unknown[],
    options: RequestOptions | undefined,
  ): Promise<unknown> {
    const request = new RpcRequest(operation, method, endpoint, headers, body, idempotent, secrets, options);
    return transport.call(request, (response, redact) => {
      const reply = readReply(response, id, request);
      if (reply.error) {
        // The row comes from the operation (FaxMAX publishes no codes) or the reserved JSON-RPC code.
        throw rpcError(reply.error, { operation, method, status: response.status, redact });
      }
      return reply.result;
    });
  }

  return {
    invoke(operation, method, params, idempotent, secrets, options, check) {
      const problem = check?.(params, 'params');
      if (problem !== undefined) {
        return Promise.reject(
          new SsoError('INVALID_INPUT', `${operation}: ${problem}`, { provider, operation }),
        );
      }
      const id = crypto.randomUUID();
      const body = bodyOf(encoding, JSON.stringify({ jsonrpc: '2.0', id, method, params }));
      return send(operation, method, id, body, idempotent, secrets, options);
    },
  };
}
