// Building DIA's requests: the module URL `{base}{module}/json`, the JSON headers, and the body of
// a login, a logout and a service call (session id first, as DIA documents).
import { constantHeaders, SsoError, type TransportRequest } from '@sso/core/provider';
import {
  checkLoginRequest,
  type LoginRequest,
  type LogoutRequest,
  operations,
  services,
} from './generated/model.js';
import { issuedSessionIds } from './session-ids.js';
import type { DiaCallOptions, DiaParams } from './types.js';
import type { DiaServiceRequest } from './wire-types.js';

const JSON_HEADERS = constantHeaders({
  'content-type': 'application/json;charset=UTF-8',
  accept: 'application/json',
});

/** `{base}{module}/json` for each module, built once per module. */
export function moduleUrls(base: string): (module: string) => string {
  const urls = new Map<string, string>();
  return (module: string) => {
    let url = urls.get(module);
    if (url === undefined) {
      url = base + operations.callService.path.slice(1).replace('{module}', module);
      urls.set(module, url);
    }
    return url;
  };
}

export interface LoginFields {
  username: string;
  password: string;
  apiKey: string;
  disconnectSameUser?: boolean;
  lang?: string;
}

/**
 * The login request, built once per client (its body never changes); checked with the generated
 * model, so a value DIA would refuse is INVALID_CONFIG when the client is made.
 */
export function loginRequest(url: string, fields: LoginFields): TransportRequest {
  const login: LoginRequest = {
    login: {
      username: fields.username,
      password: fields.password,
      disconnect_same_user: fields.disconnectSameUser ? 'True' : 'False',
      ...(fields.lang === undefined ? {} : { lang: fields.lang }),
      params: { apikey: fields.apiKey },
    },
  };
  const loginProblem = checkLoginRequest(login, 'request');
  if (loginProblem !== undefined) {
    throw new SsoError('INVALID_CONFIG', `createDiaClient: ${loginProblem}`, { provider: 'dia' });
  }
  return Object.freeze({
    operation: 'login',
    url,
    headers: JSON_HEADERS,
    body: JSON.stringify(login),
    idempotent: services.login.idempotent,
    redactResponse: issuedSessionIds,
  });
}

export function logoutRequest(url: string, sessionId: string): TransportRequest {
  const body: LogoutRequest = { logout: { session_id: sessionId } };
  return {
    operation: 'logout',
    url,
    headers: JSON_HEADERS,
    body: JSON.stringify(body),
    secrets: [sessionId],
    idempotent: services.logout.idempotent,
  };
}

/** A service call on `sessionId`, bounded by the call's `deadline` (epoch ms). */
export function serviceRequest(
  url: string,
  sessionId: string,
  operation: string,
  service: string,
  params: DiaParams,
  options: DiaCallOptions | undefined,
  deadline: number,
): TransportRequest {
  // session_id first, as DIA documents.
  const body: DiaServiceRequest = { [service]: { session_id: sessionId, ...params } };
  // No spread in this literal: on Node 20 it turns a plain object literal into a slow copy.
  return {
    operation,
    url,
    headers: JSON_HEADERS,
    body: JSON.stringify(body),
    secrets: [sessionId],
    idempotent: options?.idempotent === true,
    signal: options?.signal,
    timeoutMs: Math.max(1, deadline - Date.now()),
    // One span name for every service (`dia.call`); the service is the span's operation.
    spanName: 'call',
  };
}
