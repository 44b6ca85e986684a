// Schema constructs and bindings carried end to end: WSDL -> generated module -> @sso/soap.
import { createRequestWriter, interpret, readMessage, readSoapBody } from '@sso/soap';
import { canonicalXml } from '@sso/soap/testing';
import { describe, expect, it } from 'vitest';
import { generated } from './support/generated.js';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const bodyOf = (xml: string) =>
  canonicalXml(xml).children.find((c) => typeof c !== 'string' && c.name.endsWith('}Body'));
const envelope = (inner: string, ns = SOAP) =>
  `<soap:Envelope xmlns:soap="${ns}" xmlns:xsi="${XSI}"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
const context = { provider: 'core' as const, operation: 'test' };

describe('coverage.wsdl', async () => {
  const cover = await generated('coverage.wsdl');
  const { service } = cover;
  const write = (op: string, input: unknown) =>
    createRequestWriter(service, service.operations[op]!, { provider: 'core' })(input);
  const read = (op: string, inner: string, policy = {}) =>
    readMessage(
      service,
      service.operations[op]!.output,
      readSoapBody(envelope(inner), context, op === 'Reset'),
      {
        ...context,
        ...policy,
      },
    );

  it('typechecks under --strict and lists what it skipped, per operation, naming construct, file and place', () => {
    expect(cover.typeErrors()).toBeUndefined();
    expect(cover.skipped).toEqual([
      'operation OldAdd: rpc/encoded (SOAP encoding) (at coverage.wsdl: wsdl:binding Soap11, operation OldAdd, input)',
      'service CoverToo (generate it with --service CoverToo)',
    ]);
    expect(Object.keys(service.operations)).toEqual(['Put', 'Ping', 'Reset', 'GetData', 'Add']);
    expect(cover.text).toContain("export type Size = 'S' | 'L';");
  });

  it('writes enumerations, simpleContent with an attribute, xsi:nil, a choice branch, opaque XML and recursion', () => {
    const xml = write('Put', {
      size: 'L',
      price: { $value: 9.5, currency: 'TRY' },
      note: null,
      byName: 'x',
      extra: { xml: '<k:raw xmlns:k="urn:k">1</k:raw>' },
      tree: { label: 'a', child: [{ label: 'b', child: [{ label: 'c' }] }] },
    });
    expect(bodyOf(xml)).toEqual(
      bodyOf(
        envelope(
          '<c:Put xmlns:c="urn:test:cover"><c:size>L</c:size><c:price currency="TRY">9.5</c:price><c:note xsi:nil="true"/>' +
            '<c:byName>x</c:byName><c:extra><k:raw xmlns:k="urn:k">1</k:raw></c:extra>' +
            '<c:tree><c:label>a</c:label><c:child><c:label>b</c:label><c:child><c:label>c</c:label></c:child></c:child></c:tree></c:Put>',
        ),
      ),
    );
    expect(() => write('Put', { size: 'M', price: { currency: 'x' }, note: '' })).toThrow(
      /must be one of "S", "L"/,
    );
    expect(() =>
      write('Put', { size: 'S', price: { currency: 'x' }, note: '', extra: { xml: '</c:extra><evil/>' } }),
    ).toThrow(/extra is not well-formed XML content/);
    expect(() =>
      write('Put', {
        size: 'S',
        price: { currency: 'x' },
        note: '',
        extra: { xml: 'x'.repeat(2 ** 20 + 1) },
      }),
    ).toThrow(/is larger than/);
    expect(() =>
      write('Put', { size: 'S', price: { currency: 'x' }, note: '', extra: { xml: '<a>\u0001</a>' } }),
    ).toThrow(/extra contains a control character/);
    expect(() =>
      write('Put', {
        size: 'S',
        price: { currency: 'x' },
        note: '',
        extra: { xml: '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>' },
      }),
    ).toThrow(/extra is not well-formed XML content/);
  });

  it('reads attributes, xsi:type subtypes, xs:any as opaque XML, and xsi:nil', () => {
    const out = read(
      'Put',
      '<PutResponse xmlns="urn:test:cover" xmlns:t="urn:test:cover">' +
        '<pet id="3"><name>Rex</name></pet>' +
        '<pet id="4" xsi:type="t:Dog"><name>Fido</name><barks>true</barks></pet>' +
        '<other xmlns="urn:x"><deep>1</deep></other></PutResponse>',
    );
    expect(out).toEqual({
      pet: [
        { id: 3, name: 'Rex' },
        { id: 4, name: 'Fido', barks: true },
      ],
      $any: [{ xml: '<other xmlns="urn:x"><deep>1</deep></other>' }],
    });
  });

  it('refuses an undeclared response element by name (strict by default), drops it when told to', () => {
    const inner = '<PingResponse xmlns="urn:test:cover">1<stray/></PingResponse>';
    expect(() => read('Ping', inner)).toThrow(
      /PingResponse holds an element <stray> its type does not declare/,
    );
    const animal =
      '<PutResponse xmlns="urn:test:cover"><pet><name>a</name><color>red</color></pet></PutResponse>';
    expect(() => read('Put', animal)).toThrow(/PutResponse\.pet\[0\] holds an element <color>/);
    expect(read('Put', animal, { unknownElements: 'ignore' })).toEqual({ pet: [{ name: 'a' }], $any: [] });
  });

  it('reads an ASMX DataSet (an inline xs:schema and xs:any) as opaque XML', () => {
    const out = read(
      'GetData',
      '<GetDataResponse xmlns="urn:test:cover"><GetDataResult>' +
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" id="NewDataSet"><xs:element name="T"/></xs:schema>' +
        '<diffgr:diffgram xmlns:diffgr="urn:schemas-microsoft-com:xml-diffgram-v1"><NewDataSet xmlns=""><T>1</T></NewDataSet></diffgr:diffgram>' +
        '</GetDataResult></GetDataResponse>',
    );
    expect(out).toEqual({
      GetDataResult: {
        schema: { xml: '<xs:element name="T"></xs:element>' },
        $any: {
          xml: '<diffgr:diffgram xmlns:diffgr="urn:schemas-microsoft-com:xml-diffgram-v1"><NewDataSet xmlns=""><T>1</T></NewDataSet></diffgr:diffgram>',
        },
      },
    });
  });

  it('writes and reads body elements of a built-in type', () => {
    expect(bodyOf(write('Ping', { $value: 'hi' }))).toEqual(
      bodyOf(envelope('<Ping xmlns="urn:test:cover">hi</Ping>')),
    );
    expect(read('Ping', '<PingResponse xmlns="urn:test:cover"> 42 </PingResponse>')).toEqual({ $value: 42 });
  });

  it('writes an empty Body for a message without parts and accepts an empty response Body', () => {
    expect(bodyOf(write('Reset', {}))).toEqual(bodyOf(envelope('')));
    const response = { status: 200, headers: {}, text: envelope('') };
    expect(interpret(service, service.operations.Reset!, response as never, context)).toEqual({});
  });

  it('writes rpc/literal: the operation wrapper in the soap:body namespace, unqualified parts', () => {
    expect(bodyOf(write('Add', { a: 1, b: 2 }))).toEqual(
      bodyOf(envelope('<r:Add xmlns:r="urn:test:rpc"><a>1</a><b>2</b></r:Add>')),
    );
    expect(read('Add', '<r:AddResponse xmlns:r="urn:test:rpc"><sum>3</sum></r:AddResponse>')).toEqual({
      sum: 3,
    });
  });

  it('chooses the SOAP 1.1 port by default, a SOAP 1.2 port or another service on request', async () => {
    expect(cover.model.portName).toBe('Cover11');
    const twelve = await generated('coverage.wsdl', { port: 'Cover12' });
    expect(twelve.service.soapVersion).toBe('1.2');
    expect(twelve.typeErrors()).toBeUndefined();
    const xml = createRequestWriter(twelve.service, twelve.service.operations.Ping!, { provider: 'core' })({
      $value: 'hi',
    });
    expect(canonicalXml(xml).name).toBe(`{${SOAP12}}Envelope`);
    const other = await generated('coverage.wsdl', { service: 'CoverToo' });
    expect(other.model.portName).toBe('Only12');
  });
});
