import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emit, readWsdl } from '../src/generate.mjs';

const fixture = readFileSync(new URL('./fixtures/kitchen-sink.wsdl', import.meta.url), 'utf8');
const specs = new URL('../../../specs/', import.meta.url).pathname;

describe('readWsdl + emit', () => {
  it('picks the SOAP 1.1 port even when a SOAP 1.2 port comes first', async () => {
    const model = await readWsdl(fixture);
    expect(model.portName).toBe('KitchenSoap');
    expect(model.operations[0]).toMatchObject({
      name: 'Do',
      soapAction: 'urn:kitchen/Do',
      input: { element: 'Do', ns: 'urn:kitchen' },
      output: { element: 'DoResponse', ns: 'urn:kitchen' },
    });
  });

  it('flattens complexContent extension (base fields first) and maps occurrence, nillable, enums and XSD types', async () => {
    const text = emit(await readWsdl(fixture), { source: 'kitchen-sink.wsdl' });
    expect(text).toContain("export type Color = 'red' | 'green';");
    expect(text).toContain('export interface Derived extends Base {');
    expect(text).toContain('  Count: number;\n  Ok: boolean;\n  At?: string | null;\n  Tag?: string[];');
    expect(text).toContain('  Id: number;\n  Color?: Color;\n  Item?: Derived[];');
    expect(text).toContain(
      [
        "        { name: 'Code', type: 'string', min: 0, max: 1 },",
        "        { name: 'Count', type: 'int', min: 1, max: 1 },",
        "        { name: 'Ok', type: 'boolean', min: 1, max: 1 },",
        "        { name: 'At', type: 'dateTime', min: 0, max: 1, nillable: true },",
        "        { name: 'Tag', type: 'string', min: 0, max: 'unbounded' },",
      ].join('\n'),
    );
    expect(text).toContain("          { name: 'Id', type: 'long', min: 1, max: 1 },");
    expect(text).toContain(
      "          { name: 'Color', type: 'string', enum: ['red', 'green'], min: 0, max: 1 },",
    );
    expect(text).toContain("          { name: 'Item', type: 'complex', ref: 'Derived', min: 0, max: 3 },");
    expect(text).toContain('export type DoSoapIn = Do;');
  });

  it('is deterministic: the same WSDL gives byte-identical output', async () => {
    const a = emit(await readWsdl(fixture), { source: 'x' });
    const b = emit(await readWsdl(fixture), { source: 'x' });
    expect(a).toBe(b);
  });

  it.each([
    ['euromsg/auth.wsdl', '../../packages/euromsg-soap/src/generated/auth.ts'],
    ['euromsg/post.wsdl', '../../packages/euromsg-soap/src/generated/post.ts'],
    ['gittigidiyor/CommunityAuthService.wsdl', '../../packages/gittigidiyor/src/generated/community-auth.ts'],
  ])('the checked-in output for specs/%s is what the generator writes', async (spec, out) => {
    const text = emit(await readWsdl(readFileSync(`${specs}${spec}`, 'utf8')), { source: `specs/${spec}` });
    expect(text).toBe(readFileSync(new URL(out, new URL('../', import.meta.url)), 'utf8'));
  });

  it('reads the Euromsg extension EmAuthResult extends EmResult and GittiGidiyor unqualified elements', async () => {
    const auth = await readWsdl(readFileSync(`${specs}euromsg/auth.wsdl`, 'utf8'));
    const key = '{http://ws.euromsg.com/auth}EmAuthResult';
    expect(auth.schema.types.get(key).base).toBe('{http://ws.euromsg.com/auth}EmResult');
    expect(auth.schema.flat(key).map((f: { name: string }) => f.name)).toEqual([
      'Code',
      'Message',
      'DetailedMessage',
      'ServiceTicket',
    ]);
    const gg = await readWsdl(readFileSync(`${specs}gittigidiyor/CommunityAuthService.wsdl`, 'utf8'));
    expect(gg.qualified).toBe(false);
    expect(gg.namespace).toBe('http://auth.community.ws.listingapi.gg.com');
  });
});
