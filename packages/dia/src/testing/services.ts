import { type Answer, fail, ok } from './state.js';

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

export type Service = (params: Record<string, unknown>, user: string) => Answer;

/** The business services of the demo company (firma 1, dönem 1 and 2), keyed by service name. */
export function createServices(credit: () => number): Record<string, Service> {
  const invoices = seedInvoices();
  let nextKey = 250001;
  return {
    sis_kontor_sorgula: () => ok({ result: { kontorsayisi: Math.round(credit() * 10_000) / 10_000 } }),
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
        rows = rows.filter((r) => compare(String(get(r, field) ?? ''), op, value));
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
