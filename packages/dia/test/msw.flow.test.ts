import { isSsoError } from '@sso/core/provider';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDiaClient } from '../src/index.js';
import { createDiaSimulator, DIA_DEMO, type DiaSimulator, diaHandlers } from '../src/testing/index.js';

const BASE = 'https://demo.ws.dia.com.tr/api/v3/';
let sim: DiaSimulator = createDiaSimulator();
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function fresh(options: Parameters<typeof createDiaSimulator>[0] = {}) {
  sim = createDiaSimulator(options);
  server.use(...diaHandlers(sim, { baseUrl: BASE }));
  // No fetch option: the client looks up globalThis.fetch at call time, which MSW patches.
  return createDiaClient({
    server: DIA_DEMO.server,
    username: DIA_DEMO.username,
    password: DIA_DEMO.password,
    apiKey: DIA_DEMO.apiKey,
  });
}

describe('DIA flows through MSW (onUnhandledRequest: error)', () => {
  it('login -> kontör -> invoices -> filtered invoices -> close', async () => {
    const client = fresh();
    const { sessionId } = await client.login();
    expect(sessionId).toMatch(/^[0-9a-f]{32}$/);

    const kontor = await client.sisKontorSorgula();
    expect(typeof kontor.kontorsayisi).toBe('number');

    const all = await client.scfFaturaListele({
      firma_kodu: DIA_DEMO.firmaKodu,
      donem_kodu: DIA_DEMO.donemKodu,
    });
    expect(all.length).toBeGreaterThan(2);
    expect(all.every((row) => Number.isInteger(row._key) && typeof row.net === 'string')).toBe(true);

    const c001 = await client.scfFaturaListele({
      firma_kodu: DIA_DEMO.firmaKodu,
      donem_kodu: DIA_DEMO.donemKodu,
      filters: [{ field: '__carikartkodu', operator: '=', value: 'C001' }],
      sorts: [{ field: 'tarih', sorttype: 'DESC' }],
      limit: 1,
    });
    expect(c001).toHaveLength(1);
    expect(c001[0]).toMatchObject({ __carikartkodu: 'C001', belgeno2: 'FTR2026000003' });

    const cari = await client.call<Array<{ carikartkodu: string }>>('scf', 'scf_carikart_listele', {
      firma_kodu: 1,
      donem_kodu: 1,
    });
    expect(cari.result.map((c) => c.carikartkodu)).toEqual(['C001', 'C002', 'C003']);

    await client.close();
    expect(sim.stats).toMatchObject({ logins: 1, logouts: 1, calls: 4 });
    expect(sim.activeSessions()).toBe(0);
  });

  it('unknown period and wrong module come back as PROVIDER_ERROR with DIA code 400', async () => {
    const client = fresh();
    const badPeriod = await client
      .call('scf', 'scf_fatura_listele', { firma_kodu: 1, donem_kodu: 9 })
      .catch((e) => e);
    expect(badPeriod).toMatchObject({
      code: 'PROVIDER_ERROR',
      providerCode: '400',
      providerMessage: 'Dönem bulunamadı: 9',
    });
    const wrongModule = await client
      .call('sis', 'scf_fatura_listele', { firma_kodu: 1, donem_kodu: 1 })
      .catch((e) => e);
    expect(wrongModule).toMatchObject({ code: 'PROVIDER_ERROR', providerCode: '400' });
  });

  it('bad selectedcolumns: HTTP 500 "Hatalı Veri" surfaces with status 500', async () => {
    const client = fresh();
    const error = await client
      .call('scf', 'scf_fatura_listele', { firma_kodu: 1, donem_kodu: 1, selectedcolumns: 'tarih' })
      .catch((e) => e);
    expect(error).toMatchObject({
      code: 'PROVIDER_ERROR',
      providerCode: '500',
      providerMessage: 'Hatalı Veri',
      status: 500,
    });
  });

  it('a user granted scf_fatura_ekle creates a record per call (why call() is not retried by default)', async () => {
    const client = fresh({
      users: [
        {
          username: DIA_DEMO.username,
          password: DIA_DEMO.password,
          permissions: ['scf_fatura_ekle', 'scf_fatura_listele'],
        },
      ],
    });
    const kart = { __carikartkodu: 'C002', belgeno2: 'FTR2026000100', tarih: '2026-03-01', net: '100.00' };
    const first = await client.call('scf', 'scf_fatura_ekle', { firma_kodu: 1, donem_kodu: 1, kart });
    const second = await client.call('scf', 'scf_fatura_ekle', { firma_kodu: 1, donem_kodu: 1, kart });
    expect(first.key).not.toBe(second.key);
    const rows = await client.scfFaturaListele({
      firma_kodu: 1,
      donem_kodu: 1,
      filters: [{ field: 'belgeno2', operator: '=', value: 'FTR2026000100' }],
    });
    expect(rows).toHaveLength(2);
  });

  it('session dropped on the server mid-flow: one transparent re-login', async () => {
    const client = fresh();
    await client.sisKontorSorgula();
    sim.dropSessions();
    await client.sisKontorSorgula();
    expect(sim.stats.logins).toBe(2);
  });

  it('licence off: 405 -> PERMISSION_DENIED', async () => {
    const client = fresh({ licensed: false });
    const error = await client.login().catch((e) => e);
    expect(isSsoError(error, 'PERMISSION_DENIED')).toBe(true);
  });

  it('the status page at GET / lists the active sessions', async () => {
    const client = fresh();
    await client.login();
    const page = await fetch(BASE);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<strong id="active-sessions">1</strong>');
  });

  it('a request outside the handlers fails loudly (proves onUnhandledRequest: error is on)', async () => {
    fresh();
    const client = createDiaClient({
      server: 'other',
      username: 'ws',
      password: 'p-123',
      apiKey: 'k-123',
      retry: false,
    });
    await expect(client.login()).rejects.toMatchObject({ code: 'NETWORK' });
  });
});
