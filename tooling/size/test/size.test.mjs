import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bleedFindings, bundle, measureAll, readBudgets } from '../src/measure.mjs';

const budgets = readBudgets();
const rows = await measureAll(budgets);

describe('bundle budgets (gzip, esbuild minified, platform node)', () => {
  for (const row of rows) {
    it(`${row.name} main entry is built and within its budget of ${row.spec.budgetBytes} B`, () => {
      expect(
        row.status === 'missing' || row.status === 'unbuilt' ? `${row.name}: ${row.status}` : 'built',
      ).toBe('built');
      expect(row.gzipBytes).toBeLessThanOrEqual(row.spec.budgetBytes);
    });
  }
});

describe('bleed check', () => {
  for (const row of rows.filter((r) => r.spec.provider)) {
    const what = row.spec.noXml ? 'no XML/SOAP code and no other provider' : "no other provider's code";
    it(`${row.name} bundle contains ${what}`, () => {
      expect(row.bleed ?? [`${row.name}: ${row.status}`]).toEqual([]);
    });
  }
});

describe('the checks themselves', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sso-size-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('flags a file of another provider package inside a bundle', () => {
    const findings = bleedFindings(
      '@sso/dia',
      { inputs: ['packages/faxmax-rpc/dist/index.js'], code: '' },
      budgets,
    );
    expect(findings).toEqual([
      '@sso/dia bundles packages/faxmax-rpc/dist/index.js, which belongs to @sso/faxmax-rpc',
    ]);
  });

  it('flags SOAP markers and XML inputs in a JSON-only package, and not in a SOAP package', async () => {
    const entry = join(dir, 'entry.mjs');
    writeFileSync(entry, "export const ns = 'http://schemas.xmlsoap.org/soap/envelope/';\n");
    const measured = await bundle(entry);
    expect(bleedFindings('@sso/beyondvisit', measured, budgets)).toHaveLength(1);
    expect(bleedFindings('@sso/euromsg-soap', measured, budgets)).toEqual([]);
    const xmlInput = {
      inputs: ['node_modules/.pnpm/fast-xml-parser@5.3.0/node_modules/fast-xml-parser/src/fxp.js'],
      code: '',
    };
    expect(bleedFindings('@sso/dia', xmlInput, budgets)).toHaveLength(1);
  });

  it('measures gzip smaller than minified and keeps node built-ins external', async () => {
    const entry = join(dir, 'builtin.mjs');
    writeFileSync(
      entry,
      "import { createHash } from 'node:crypto';\nexport const h = (s) => createHash('md5').update(s).digest('hex');\n",
    );
    const measured = await bundle(entry);
    expect(measured.inputs).toEqual([expect.stringMatching(/builtin\.mjs$/)]);
    expect(measured.gzipBytes).toBeLessThan(measured.minBytes + 40);
  });
});
