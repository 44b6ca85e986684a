import { timingSafeEqual } from '@sso/core/provider';
import { respond } from '@sso/core/simulator';
import {
  createJSONRPCErrorResponse,
  JSONRPCErrorCode,
  JSONRPCErrorException,
  type JSONRPCRequest,
  JSONRPCServer,
} from 'json-rpc-2.0';
import { FAXMAX_METHODS } from '../methods.js';
import type { FaxmaxSimulatorOptions, FaxmaxSimulatorUser, FaxmaxState } from './state.js';
import { FAXMAX_SIMULATOR_ERRORS, type SsoVerification } from './verify.js';

export interface MethodContext {
  /** The user the call is authenticated as (by `token_` or `username` + `password`). */
  username: string;
  userId: number;
  remoteIp: string;
}

export type MethodHandler = (params: Record<string, unknown>, context: MethodContext) => unknown;

interface ServerParams {
  remoteIp: string;
}

/** The JSON-RPC side of the simulator: `POST /api/v1` with FaxMAX's logins and added methods. */
export interface RpcEndpoint {
  handle(request: Request, remoteIp: string): Promise<Response>;
  addMethod(name: string, handler: MethodHandler): void;
}

const rpcFailure = (code: number, message: string) => new JSONRPCErrorException(message, code);

function stringParam(params: Record<string, unknown>, name: string, required = true): string | undefined {
  const value = params[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw rpcFailure(
      JSONRPCErrorCode.InvalidParams,
      `Parameter "${name}" is required and must be a non-empty string`,
    );
  }
  return value;
}

function asParams(params: unknown): Record<string, unknown> {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw rpcFailure(JSONRPCErrorCode.InvalidParams, 'params must be an object of named parameters');
  }
  return params as Record<string, unknown>;
}

export function createRpcEndpoint(
  state: FaxmaxState,
  verifySsoToken: (token: string, code: string, remoteIp: string) => Promise<SsoVerification>,
  options: FaxmaxSimulatorOptions,
): RpcEndpoint {
  const { counters, users } = state;
  const server = new JSONRPCServer<ServerParams>({ errorListener: () => {} });

  const checkPassword = (username: string, password: string) => {
    const user = users.get(username);
    // Compare against something even for unknown users, so timing does not reveal who exists.
    const ok = timingSafeEqual(password, user?.password ?? '\u0000no-such-user');
    if (!user || !ok) {
      throw rpcFailure(FAXMAX_SIMULATOR_ERRORS.INVALID_CREDENTIALS, 'Invalid username or password');
    }
    return user;
  };

  server.addMethod(FAXMAX_METHODS.login.name, (raw) => {
    const params = asParams(raw);
    const user = checkPassword(stringParam(params, 'username')!, stringParam(params, 'password')!);
    counters.logins++;
    return { token: state.issueSession(user.username), user_id: user.userId, username: user.username };
  });

  const tokenLogin = async (raw: unknown, { remoteIp }: ServerParams) => {
    const params = asParams(raw);
    const token = stringParam(params, 'token_')!;
    const code = stringParam(params, 'code_', false);
    if (code === undefined) {
      // Without code_: token_ is an earlier session token; check it and log in again.
      const username = state.sessionUser(token);
      if (!username)
        throw rpcFailure(FAXMAX_SIMULATOR_ERRORS.INVALID_SESSION, 'The session token is not valid');
      state.touchSession(token);
      return { token, user_id: users.get(username)?.userId, username };
    }
    const verdict = await verifySsoToken(token, code, remoteIp);
    if (!verdict.ok) throw rpcFailure(verdict.code, verdict.message);
    return {
      token: state.issueSession(verdict.username),
      user_id: verdict.userId,
      username: verdict.username,
    };
  };
  for (const name of options.tokenLoginMethods ?? [FAXMAX_METHODS.tokenLogin.name])
    server.addMethod(name, tokenLogin);

  const authenticate = (params: Record<string, unknown>): Required<FaxmaxSimulatorUser> => {
    if (typeof params.token_ === 'string') {
      const username = state.sessionUser(params.token_);
      if (!username)
        throw rpcFailure(FAXMAX_SIMULATOR_ERRORS.INVALID_SESSION, 'The session token is not valid');
      return users.get(username)!;
    }
    if (typeof params.username === 'string' && typeof params.password === 'string') {
      return checkPassword(params.username, params.password);
    }
    throw rpcFailure(
      FAXMAX_SIMULATOR_ERRORS.NOT_AUTHENTICATED,
      'Send token_ (from Core.login) or username and password with every call',
    );
  };

  const addMethod = (name: string, handler: MethodHandler) => {
    server.addMethod(name, async (raw, { remoteIp }) => {
      const params = asParams(raw ?? {});
      const user = authenticate(params);
      const { token_: _token, password: _password, ...rest } = params;
      return handler(rest, { username: user.username, userId: user.userId, remoteIp });
    });
  };
  // Not a FaxMAX method: a simulator-only probe so tests and the sandbox can exercise call().
  addMethod('Simulator.whoami', (_params, context) => ({
    username: context.username,
    user_id: context.userId,
    remote_ip: context.remoteIp,
  }));

  const errorReply = (id: JSONRPCRequest['id'], code: number, message: string) => {
    counters.rpcErrors++;
    return respond.json(createJSONRPCErrorResponse(id ?? null, code, message));
  };

  async function readRpcText(request: Request): Promise<string | undefined> {
    const type = (request.headers.get('content-type') ?? '').toLowerCase();
    const isForm = type.startsWith('application/x-www-form-urlencoded');
    const isMultipart = type.startsWith('multipart/form-data');
    if (!isForm && !isMultipart) {
      counters.encodings.json++;
      return request.text();
    }
    counters.encodings[isForm ? 'form' : 'multipart']++;
    const form = await request.formData();
    const data = form.get('data');
    if (data === null) return undefined;
    return typeof data === 'string' ? data : await data.text();
  }

  async function handle(request: Request, remoteIp: string): Promise<Response> {
    let text: string | undefined;
    try {
      text = await readRpcText(request);
    } catch {
      return errorReply(null, JSONRPCErrorCode.ParseError, 'The request body could not be read');
    }
    if (text === undefined) {
      return errorReply(null, JSONRPCErrorCode.InvalidRequest, 'The form has no "data" field');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      return errorReply(null, JSONRPCErrorCode.ParseError, 'The request is not valid JSON');
    }
    if (Array.isArray(payload)) {
      return errorReply(null, JSONRPCErrorCode.InvalidRequest, 'Batch requests are not supported');
    }
    if (typeof payload !== 'object' || payload === null) {
      return errorReply(null, JSONRPCErrorCode.InvalidRequest, 'The request must be a JSON-RPC object');
    }
    const rpcRequest = payload as JSONRPCRequest;
    if (typeof rpcRequest.method === 'string' && /^[A-Za-z][\w.]{0,127}$/.test(rpcRequest.method)) {
      counters.rpc[rpcRequest.method] = (counters.rpc[rpcRequest.method] ?? 0) + 1;
    }
    if (!('id' in rpcRequest) || rpcRequest.id === null || rpcRequest.id === undefined) {
      counters.notificationsRefused++;
      return errorReply(null, JSONRPCErrorCode.InvalidRequest, 'Notifications are not supported: send an id');
    }
    const reply = await server.receive(rpcRequest, { remoteIp });
    if (!reply) return new Response(null, { status: 204 });
    if (reply.error) counters.rpcErrors++;
    return respond.json(reply);
  }

  return { handle, addMethod };
}
