import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bleedFindings, bundle, measureAll, packageOfInput, readBudgets } from '../src/measure.mjs';

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

  it("splits a provider's minified bytes into its own code and the packages it pulls in", () => {
    const dia = rows.find((r) => r.name === '@sso/dia');
    const names = dia.minBytesByPackage.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['@sso/dia', '@sso/core']));
    expect(names).not.toContain('(entry)');
    const counted = dia.minBytesByPackage.reduce((sum, p) => sum + p.bytes, 0);
    // esbuild's per-input byte counts leave out only the module glue (export list, wrappers).
    expect(counted).toBeLessThanOrEqual(dia.minBytes);
    expect(counted).toBeGreaterThan(dia.minBytes * 0.97);
  });

  it('names the package of a bundled file: a workspace folder, a dependency, or the entry', () => {
    expect(packageOfInput('packages/soap/dist/index.js')).toBe('@sso/soap');
    expect(
      packageOfInput(
        'node_modules/.pnpm/@opentelemetry+api@1.9.0/node_modules/@opentelemetry/api/build/x.js',
      ),
    ).toBe('@opentelemetry/api');
    expect(packageOfInput('node_modules/.pnpm/soap@1.3.0/node_modules/soap/lib/soap.js')).toBe('soap');
    expect(packageOfInput('../../../tmp/sso-size-x/entry.mjs')).toBe('(entry)');
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
