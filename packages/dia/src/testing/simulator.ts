import { type CallerInfo, type ProviderSimulator, respond, routeTable } from '@sso/core/simulator';
import { DIA_DEMO } from './demo.js';

/** A DIA user of the simulator (DIA's user list, sis3100). */
export interface DiaSimulatorUser {
  username: string;
  password: string;
  /** Service names the user may call, e.g. `scf_fatura_listele`. */
  permissions: readonly string[];
  /** Every business call of this user is refused with this error (login still works). */
  failWith?: DiaSimulatedError;
}

/**
 * The errors the simulator can be told to answer with: a code of DIA's v3 table, or
 * INVALID_SESSION (code 401, the session was ended by another login).
 */
export type DiaSimulatedError =
  | '400'
  | '401'
  | '402'
  | '405'
  | '406'
  | '419'
  | '500'
  | '501'
  | 'INVALID_SESSION';

/** How an error answer is written: `{ code: "406" }` (default), `{ code: 406 }`, or faultcode/faultstring. */
export type DiaErrorForm = 'string' | 'number' | 'fault';

export interface DiaSimulatorOptions {
  /** Clock (epoch ms) for session expiry. Default `Date.now`. */
  now?: () => number;
  /** The users; default the demo user (DIA_DEMO). */
  users?: readonly DiaSimulatorUser[];
  /** Accepted API keys; default DIA_DEMO.apiKey. */
  apiKeys?: readonly string[];
  /** Extra delay before each login answer (real timers). Default 0. */
  loginLatencyMs?: number;
  /** false: the server has no web-service licence and answers every call with code 405. Default true. */
  licensed?: boolean;
  /** Idle timeout of a session. Default one hour, as DIA documents. */
  sessionTimeoutMs?: number;
  /** Starting credit (kontör). Default 1000. A call with less credit left answers 406. */
  kontor?: number;
  /** How error answers are written. Default `string`. */
  errorForm?: DiaErrorForm;
}

export interface DiaSimulatorStats {
  /** Successful logins. */
  logins: number;
  /** Refused logins (NOUSER, bad API key, licence). */
  failedLogins: number;
  logouts: number;
  /** Business calls received (login and logout excluded), answered or refused. */
  calls: number;
}

export interface DiaSimulator extends ProviderSimulator {
  readonly provider: 'dia';
  readonly stats: DiaSimulatorStats;
  /** Forgets every session: each one now answers INVALID_SESSION (e.g. a DIA restart). */
  dropSessions(): void;
  /** Sessions not yet idle for the timeout. */
  activeSessions(username?: string): number;
  /** The remaining credit. */
  readonly kontor: number;
  /**
   * The next `count` business calls (default 1) are refused with `error`. 419 and
   * INVALID_SESSION also end the caller's session, as the real ones mean.
   */
  failNext(error: DiaSimulatedError, count?: number): void;
}

interface SessionState {
  username: string;
  lastSeen: number;
}

interface InvoiceRow {
  _key: number;
  firma_kodu: number;
  donem_kodu: number;
  belgeno2: string;
  tarih: string;
  turu: string;
  unvan: string;
  __carikartkodu: string;
  net: string;
  dovizturu: string;
}

const CALL_COST = 0.0125;
const HOUR = 60 * 60 * 1000;
const DEMO_FIRMS: ReadonlyMap<number, readonly number[]> = new Map([[1, [1, 2]]]);

const CARILER = [
  {
    _key: 501,
    carikartkodu: 'C001',
    unvan: 'Anadolu Gıda Ltd. Şti.',
    dovizturu: 'TL',
    bakiye: '12450.00',
    ba: '(B)',
  },
  {
    _key: 502,
    carikartkodu: 'C002',
    unvan: 'Ege Tekstil A.Ş.',
    dovizturu: 'TL',
    bakiye: '3120.50',
    ba: '(A)',
  },
  {
    _key: 503,
    carikartkodu: 'C003',
    unvan: 'Karadeniz Lojistik',
    dovizturu: 'USD',
    bakiye: '780.00',
    ba: '(B)',
  },
] as const;

function seedInvoices(): InvoiceRow[] {
  const rows: Array<[string, string, string, number, string]> = [
    ['FTR2026000001', '2026-01-05', 'C001', 1, '11800.00'],
    ['FTR2026000002', '2026-01-09', 'C002', 1, '2360.00'],
    ['FTR2026000003', '2026-01-14', 'C001', 1, '590.00'],
    ['FTR2026000004', '2026-02-02', 'C003', 1, '35400.00'],
    ['FTR2026000005', '2026-02-11', 'C002', 1, '4720.00'],
    ['FTR2025000091', '2025-12-29', 'C001', 2, '1180.00'],
  ];
  return rows.map(([belgeno2, tarih, cari, donem, net], i) => ({
    _key: 240401 + i,
    firma_kodu: 1,
    donem_kodu: donem,
    belgeno2,
    tarih,
    turu: 'Satış Faturası',
    unvan: CARILER.find((c) => c.carikartkodu === cari)!.unvan,
    __carikartkodu: cari,
    net,
    dovizturu: 'TL',
  }));
}

type Answer = { status: number; body: Record<string, unknown> };
const ok = (extra: Record<string, unknown>): Answer => ({ status: 200, body: { code: '200', ...extra } });
const fail = (code: string, msg: string, status = 200): Answer => ({ status, body: { code, msg } });
const INVALID_SESSION = fail('401', 'INVALID_SESSION');
const INSUFFICIENT_PRIVILEGES = fail('401', 'INSUFFICIENT_PRIVILEGES');
const LOGIN_TIMEOUT = fail('419', 'LOGIN_TIMEOUT');
const NO_CREDIT = fail('406', 'Yetersiz kontör');

/** The answer for each error the simulator can be told to give. */
const SIMULATED_ERRORS: Readonly<Record<DiaSimulatedError, Answer>> = Object.freeze({
  '400': fail('400', 'Geçersiz parametre'),
  '401': fail('401', 'UNAUTHORIZED'),
  '402': fail('402', 'Kullanıcının web servis lisansı bulunmuyor'),
  '405': fail('405', 'Web servis lisansı bulunmuyor'),
  '406': NO_CREDIT,
  '419': LOGIN_TIMEOUT,
  '500': fail('500', 'Geçersiz işlem'),
  '501': fail('501', 'Beklenmeyen bir hata oluştu'),
  INVALID_SESSION,
});

/** Every error `failWith` / `failNext` accept. */
export const DIA_SIMULATED_ERRORS = Object.freeze(Object.keys(SIMULATED_ERRORS) as DiaSimulatedError[]);

/**
 * A stateful fake of a DIA v3 server: `POST /{module}/json` with the `{ "<service>": {…} }`
 * envelope, login / logout in `sis`, one-hour sliding idle timeout on its own clock,
 * `disconnect_same_user`, per-user permissions, firma / dönem checks, credit accounting, and a
 * plain HTML status page at `GET /`. Pure Fetch API: it serves MSW, a node:http server or direct
 * calls alike, and keeps all state in memory (safe for any number of concurrent requests).
 */
export function createDiaSimulator(options: DiaSimulatorOptions = {}): DiaSimulator {
  const now = options.now ?? Date.now;
  const users = new Map<string, DiaSimulatorUser>(
    (
      options.users ?? [
        { username: DIA_DEMO.username, password: DIA_DEMO.password, permissions: DIA_DEMO.permissions },
      ]
    ).map((u) => [u.username, u]),
  );
  const apiKeys = new Set(options.apiKeys ?? [DIA_DEMO.apiKey]);
  const timeout = options.sessionTimeoutMs ?? HOUR;
  const licensed = options.licensed ?? true;
  const loginLatency = options.loginLatencyMs ?? 0;
  const sessions = new Map<string, SessionState>();
  const invoices = seedInvoices();
  let kontor = options.kontor ?? 1000;
  const errorForm = options.errorForm ?? 'string';
  const injected: DiaSimulatedError[] = [];
  let nextKey = 250001;
  const stats: DiaSimulatorStats = { logins: 0, failedLogins: 0, logouts: 0, calls: 0 };

  /** The session, or the answer for a missing one: 419 when it idled out, INVALID_SESSION otherwise. */
  const lookup = (id: unknown): SessionState | Answer => {
    const state = typeof id === 'string' ? sessions.get(id) : undefined;
    if (!state) return INVALID_SESSION;
    if (now() - state.lastSeen >= timeout) {
      sessions.delete(id as string);
      return LOGIN_TIMEOUT;
    }
    return state;
  };
  const live = (id: unknown): SessionState | undefined => {
    const found = lookup(id);
    return 'username' in found ? found : undefined;
  };

  const sweep = () => {
    const t = now();
    for (const [id, s] of sessions) if (t - s.lastSeen >= timeout) sessions.delete(id);
  };

  async function login(params: Record<string, unknown>): Promise<Answer> {
    if (loginLatency > 0) await new Promise((r) => setTimeout(r, loginLatency));
    const user = typeof params.username === 'string' ? users.get(params.username) : undefined;
    if (!user || params.password !== user.password) {
      stats.failedLogins++;
      return fail('401', 'NOUSER');
    }
    const apikey = (params.params as Record<string, unknown> | undefined)?.apikey;
    if (typeof apikey !== 'string' || !apiKeys.has(apikey)) {
      // The real answer to a bad API key is not documented; the simulator refuses it like this.
      stats.failedLogins++;
      return fail('401', 'INVALID_APIKEY');
    }
    if (isTrue(params.disconnect_same_user)) {
      for (const [id, s] of sessions) if (s.username === user.username) sessions.delete(id);
    }
    if (sessions.size > 10_000) sweep();
    const id = sessionId();
    sessions.set(id, { username: user.username, lastSeen: now() });
    stats.logins++;
    return ok({ msg: id, warnings: [] });
  }

  function logout(params: Record<string, unknown>): Answer {
    const id = params.session_id;
    if (!live(id)) return INVALID_SESSION;
    sessions.delete(id as string);
    stats.logouts++;
    return ok({ msg: '' });
  }

  function firmaDonem(params: Record<string, unknown>, needDonem: boolean): Answer | undefined {
    const firma = params.firma_kodu;
    const donem = params.donem_kodu;
    if (!Number.isInteger(firma)) return fail('400', 'firma_kodu tamsayı olmalıdır');
    if (needDonem && !Number.isInteger(donem)) return fail('400', 'donem_kodu tamsayı olmalıdır');
    const donemler = DEMO_FIRMS.get(firma as number);
    if (!donemler) return fail('400', `Firma bulunamadı: ${firma}`);
    if (needDonem && !donemler.includes(donem as number)) return fail('400', `Dönem bulunamadı: ${donem}`);
    return undefined;
  }

  const services: Record<string, (p: Record<string, unknown>, user: string) => Answer> = {
    sis_kontor_sorgula: () => ok({ result: { kontorsayisi: Math.round(kontor * 10_000) / 10_000 } }),
    scf_carikart_listele: (p) => firmaDonem(p, true) ?? ok({ result: CARILER.map((c) => ({ ...c })) }),
    scf_fatura_listele: (p) => {
      const bad = firmaDonem(p, true);
      if (bad) return bad;
      if (p.selectedcolumns !== undefined && !Array.isArray(p.selectedcolumns))
        return fail('500', 'Hatalı Veri', 500);
      let rows = invoices.filter((r) => r.firma_kodu === p.firma_kodu && r.donem_kodu === p.donem_kodu);
      const filters = Array.isArray(p.filters) ? p.filters : [];
      for (const f of filters as Array<Record<string, unknown>>) {
        const field = String(f.field);
        const value = String(f.value);
        const op = String(f.operator ?? '=');
        rows = rows.filter((r) =>
          compare(String((r as unknown as Record<string, unknown>)[field] ?? ''), op, value),
        );
      }
      const sorts = Array.isArray(p.sorts) ? (p.sorts as Array<Record<string, unknown>>) : [];
      for (const s of [...sorts].reverse()) {
        const field = String(s.field);
        const dir = s.sorttype === 'DESC' ? -1 : 1;
        rows = [...rows].sort((a, b) => dir * String(get(a, field)).localeCompare(String(get(b, field))));
      }
      const offset = Number.isInteger(p.offset) ? (p.offset as number) : 0;
      const limit = Number.isInteger(p.limit) && (p.limit as number) > 0 ? (p.limit as number) : rows.length;
      return ok({
        result: rows.slice(offset, offset + limit).map(({ firma_kodu: _f, donem_kodu: _d, ...row }) => row),
      });
    },
    // Creates a record: calling it twice makes two invoices (why business calls are not retried).
    scf_fatura_ekle: (p) => {
      const bad = firmaDonem(p, true);
      if (bad) return bad;
      const kart = (p.kart ?? {}) as Record<string, unknown>;
      const cari = CARILER.find((c) => c.carikartkodu === kart.__carikartkodu);
      if (!cari) return fail('400', 'Cari kart bulunamadı');
      const key = nextKey++;
      invoices.push({
        _key: key,
        firma_kodu: p.firma_kodu as number,
        donem_kodu: p.donem_kodu as number,
        belgeno2: String(kart.belgeno2 ?? `FTR${key}`),
        tarih: String(kart.tarih ?? '2026-01-01'),
        turu: 'Satış Faturası',
        unvan: cari.unvan,
        __carikartkodu: cari.carikartkodu,
        net: String(kart.net ?? '0.00'),
        dovizturu: 'TL',
      });
      return ok({ key: String(key), msg: '' });
    },
  };

  async function route(module: string, text: string): Promise<Answer> {
    if (!licensed) return fail('405', 'Web servis lisansı bulunmuyor');
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
      if (service === 'login') return login(p);
      return logout(p);
    }
    stats.calls++;
    const session = lookup(p.session_id);
    if (!('username' in session)) return session;
    const refusal = injected.shift() ?? users.get(session.username)?.failWith;
    if (refusal !== undefined) {
      if (refusal === '419' || refusal === 'INVALID_SESSION') sessions.delete(p.session_id as string);
      return SIMULATED_ERRORS[refusal];
    }
    session.lastSeen = now();
    const impl = service.startsWith(`${module}_`) ? services[service] : undefined;
    if (!impl) return fail('400', `Servis bulunamadı: ${module}/${service}`);
    const user = users.get(session.username);
    if (!user?.permissions.includes(service)) return INSUFFICIENT_PRIVILEGES;
    if (kontor < CALL_COST) return NO_CREDIT;
    kontor -= CALL_COST;
    return impl(p, session.username);
  }

  function statusPage(): Response {
    sweep();
    const html = `<!doctype html>
<html lang="tr"><head><meta charset="utf-8"><title>DIA simulator</title></head>
<body><h1>DIA web service v3 simulator</h1>
<p>Active sessions: <strong id="active-sessions">${sessions.size}</strong></p>
<ul><li>Logins: ${stats.logins}</li><li>Failed logins: ${stats.failedLogins}</li><li>Logouts: ${stats.logouts}</li><li>Calls: ${stats.calls}</li><li>Kontör: ${kontor.toFixed(4)}</li><li>Licensed: ${licensed ? 'yes' : 'no'}</li></ul>
<p>POST <code>/{module}/json</code> with <code>{"login":{…}}</code> in module <code>sis</code> to begin.</p>
</body></html>`;
    return respond.html(html);
  }

  const notFound = () =>
    new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } });
  const handle = routeTable<[caller?: CallerInfo]>(
    [
      { path: /^\/?$/, methods: { GET: statusPage, '*': notFound } },
      {
        path: /^\/([a-z][a-z0-9_]*)\/json$/,
        methods: {
          async POST(request, match) {
            const answer = await route(match[1]!, await request.text());
            return respond.json(inForm(answer.body, errorForm), answer.status);
          },
        },
      },
    ],
    {
      notFound,
      methodNotAllowed: (allow) =>
        new Response('Method Not Allowed', { status: 405, headers: { allow, 'content-type': 'text/plain' } }),
    },
  );

  return {
    provider: 'dia',
    stats,
    handle,
    dropSessions() {
      sessions.clear();
    },
    activeSessions(username?: string) {
      let n = 0;
      const t = now();
      for (const s of sessions.values()) {
        if (t - s.lastSeen < timeout && (username === undefined || s.username === username)) n++;
      }
      return n;
    },
    get kontor() {
      return kontor;
    },
    failNext(error, count = 1) {
      if (!Object.hasOwn(SIMULATED_ERRORS, error)) throw new TypeError(`unknown DIA error ${error}`);
      for (let i = 0; i < count; i++) injected.push(error);
    },
  };
}

/** Rewrites an error body in the requested form; success bodies always keep the string "200". */
function inForm(body: Record<string, unknown>, form: DiaErrorForm): Record<string, unknown> {
  if (form === 'string' || body.code === '200') return body;
  if (form === 'number') return { ...body, code: Number(body.code) };
  const { code, msg, ...rest } = body;
  return { ...rest, faultcode: code, faultstring: msg };
}

/** DIA documents the strings "True" / "False"; real clients also send true and "true". */
function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

function sessionId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

function get(row: InvoiceRow, field: string): unknown {
  return (row as unknown as Record<string, unknown>)[field];
}

function compare(actual: string, op: string, expected: string): boolean {
  switch (op) {
    case '!=':
    case '<>':
      return actual !== expected;
    case '>=':
      return actual >= expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '<':
      return actual < expected;
    default:
      return actual === expected;
  }
}
