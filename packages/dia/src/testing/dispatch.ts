import type { Service } from './services.js';
import {
  type Answer,
  type DiaErrorForm,
  type DiaState,
  fail,
  INSUFFICIENT_PRIVILEGES,
  NO_CREDIT,
  SIMULATED_ERRORS,
} from './state.js';

const CALL_COST = 0.0125;

/**
 * Answers one `POST /{module}/json` body: the `{ "<service>": {…} }` envelope, login and logout in
 * `sis`, then for business calls the session, injected errors, the service, permission and credit.
 */
export function createDispatcher(state: DiaState, services: Record<string, Service>) {
  return async function dispatch(module: string, text: string): Promise<Answer> {
    if (!state.licensed) return fail('405', 'Web servis lisansı bulunmuyor');
    let envelope: unknown;
    try {
      envelope = JSON.parse(text);
    } catch {
      return fail('500', 'Hatalı Veri', 500);
    }
    if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
      return fail('400', 'Geçersiz istek');
    }
    const names = Object.keys(envelope);
    if (names.length !== 1) return fail('400', 'İstek tek bir servis içermelidir');
    const service = names[0]!;
    const params = (envelope as Record<string, unknown>)[service];
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      return fail('400', 'Servis parametreleri bir nesne olmalıdır');
    }
    const p = params as Record<string, unknown>;
    if (service === 'login' || service === 'logout') {
      if (module !== 'sis') return fail('400', `Servis bulunamadı: ${module}/${service}`);
      if (service === 'login') return state.login(p);
      return state.logout(p);
    }
    state.stats.calls++;
    const session = state.lookup(p.session_id);
    if (!('username' in session)) return session;
    const refusal = state.injected.shift() ?? state.users.get(session.username)?.failWith;
    if (refusal !== undefined) {
      if (refusal === '419' || refusal === 'INVALID_SESSION') state.sessions.delete(p.session_id as string);
      return SIMULATED_ERRORS[refusal];
    }
    session.lastSeen = state.now();
    const impl = service.startsWith(`${module}_`) ? services[service] : undefined;
    if (!impl) return fail('400', `Servis bulunamadı: ${module}/${service}`);
    const user = state.users.get(session.username);
    if (!user?.permissions.includes(service)) return INSUFFICIENT_PRIVILEGES;
    if (state.kontor < CALL_COST) return NO_CREDIT;
    state.kontor -= CALL_COST;
    return impl(p, session.username);
  };
}

/** Rewrites an error body in the requested form; success bodies always keep the string "200". */
export function inForm(body: Record<string, unknown>, form: DiaErrorForm): Record<string, unknown> {
  if (form === 'string' || body.code === '200') return body;
  if (form === 'number') return { ...body, code: Number(body.code) };
  const { code, msg, ...rest } = body;
  return { ...rest, faultcode: code, faultstring: msg };
}
