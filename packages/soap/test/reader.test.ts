// readSoapBody / faultOf / readMessage on the hand-written reader: how its refusals become
// MALFORMED_RESPONSE errors, and what the element tree gives the typed output.
import { createTransport, SsoError } from '@sso/core/provider';
import { ssoErrorOf } from '@sso/core/testing';
import { describe, expect, it } from 'vitest';
import {
  createSoapClient,
  faultOf,
  type ReadContext,
  readMessage,
  readSoapBody,
  type SoapServiceDescriptor,
} from '../src/index.js';
import { XmlError } from '../src/xml-reader.js';

const context: ReadContext = { provider: 'euromsg', operation: 'Echo', status: 200 };
const envelope = (inner: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body>${inner}</soap:Body></soap:Envelope>`;

function malformedOf(text: string): SsoError {
  try {
    readSoapBody(text, context);
  } catch (error) {
    expect(error).toBeInstanceOf(SsoError);
    expect((error as SsoError).code).toBe('MALFORMED_RESPONSE');
    return error as SsoError;
  }
  throw new Error('read');
}

const service = {
  name: 'Test',
  namespace: 'urn:test',
  qualified: true,
  types: {
    Item: {
      fields: [
        { name: 'Code', type: 'string', min: 0, max: 1 },
        { name: 'Count', type: 'int', min: 0, max: 1 },
      ],
    },
    Result: {
      fields: [
        { name: 'Code', type: 'string', min: 0, max: 1 },
        { name: 'Items', type: 'complex', ref: 'Item', min: 0, max: 'unbounded', nillable: true },
        { name: 'Tags', type: 'string', min: 0, max: 'unbounded' },
        { name: 'Ok', type: 'boolean', min: 0, max: 1 },
      ],
    },
    Node: { fields: [{ name: 'Node', type: 'complex', ref: 'Node', min: 0, max: 1 }] },
  },
  operations: {
    Echo: {
      name: 'Echo',
      soapAction: 'urn:test/Echo',
      input: { element: 'Echo', fields: [] },
      output: {
        element: 'EchoResponse',
        fields: [
          { name: 'EchoResult', type: 'complex', ref: 'Result', min: 0, max: 1, nillable: true },
          { name: 'Node', type: 'complex', ref: 'Node', min: 0, max: 1 },
        ],
      },
    },
  },
} as const satisfies SoapServiceDescriptor;

const read = (inner: string, policy: Partial<ReadContext> = {}) =>
  readMessage(service, service.operations.Echo.output, readSoapBody(envelope(inner), context), {
    ...context,
    ...policy,
  });

describe('readSoapBody', () => {
  it('maps every refusal of the reader to the MALFORMED_RESPONSE message of old, with the XmlError as cause', () => {
    const full = envelope(
      '<EchoResponse xmlns="urn:test"><EchoResult><Code>00</Code></EchoResult></EchoResponse>',
    );
    for (const broken of [
      full.slice(0, -20),
      full.replace('</Code>', ''),
      full.replace('00', '0 & 0'),
      full.replace('<Code>', '<Code a="1" a="2">'),
      `${full}<second/>`,
    ]) {
      const error = malformedOf(broken);
      expect(error.message).toMatch(/^Echo: expected a SOAP envelope but the server sent "<\?xml/);
      expect(error.cause).toBeInstanceOf(XmlError);
      expect(error.status).toBe(200);
    }
  });

  it('keeps the early DOCTYPE refusal, before any reading', () => {
    expect(malformedOf(`<!DOCTYPE x [<!ENTITY e "e">]>${envelope('<x>&e;</x>')}`).message).toMatch(
      /declares a DOCTYPE or entities/,
    );
    expect(malformedOf(envelope('<x><!ENTITY e "e"></x>')).message).toMatch(/declares a DOCTYPE/);
  });

  it('names what is missing: the Envelope, the Body, a body element', () => {
    expect(malformedOf('<Other/>').message).toMatch(/has no SOAP Envelope/);
    expect(malformedOf('<s:Envelope xmlns:s="urn:s"><s:Header/></s:Envelope>').message).toMatch(
      /envelope has no Body/,
    );
    expect(malformedOf(envelope('  ')).message).toMatch(/SOAP Body is empty/);
    expect(malformedOf(envelope('text only')).message).toMatch(/SOAP Body is empty/);
  });

  it('finds the Body after a Header and the first element in it, whatever the prefixes', () => {
    const body = readSoapBody(
      '<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Header><h/></e:Header>\n<e:Body>\n<!-- c --><m:Resp xmlns:m="urn:m"/><Other/></e:Body></e:Envelope>',
      context,
    );
    expect(body.name).toBe('Resp');
  });
});

describe('faultOf', () => {
  it('reads faultcode, faultstring and detail text, references decoded once and trimmed', () => {
    const body = readSoapBody(
      envelope(
        '<soap:Fault><faultcode> soap:Server </faultcode><faultstring>a &amp;lt; b &#304;</faultstring><detail>\n  <x>1</x>\n</detail></soap:Fault>',
      ),
      context,
    );
    expect(faultOf(body)).toEqual({ faultcode: 'soap:Server', faultstring: 'a &lt; b İ' });
    const withDetail = readSoapBody(
      envelope(
        '<soap:Fault><faultcode>c</faultcode><faultstring>s</faultstring><detail> why </detail></soap:Fault>',
      ),
      context,
    );
    expect(faultOf(withDetail)).toEqual({ faultcode: 'c', faultstring: 's', detail: 'why' });
    expect(faultOf(readSoapBody(envelope('<soap:Fault/>'), context))).toEqual({
      faultcode: '',
      faultstring: '',
    });
    expect(faultOf(readSoapBody(envelope('<EchoResponse/>'), context))).toBeUndefined();
  });
});

describe('readMessage on the element tree', () => {
  it('keeps string text verbatim, CDATA included, and decodes references exactly once', () => {
    expect(
      read(
        '<EchoResponse><EchoResult><Code> 007 &amp;amp; <![CDATA[&amp; <b>]]></Code></EchoResult></EchoResponse>',
      ),
    ).toEqual({ EchoResult: { Code: ' 007 &amp; &amp; <b>', Items: [], Tags: [] } });
  });

  it('gives repeated fields as arrays in document order, nil items as null, [] when absent', () => {
    expect(
      read(
        '<EchoResponse><EchoResult><Tags>a</Tags><Items><Code>1</Code><Count> 2 </Count></Items><Tags>b</Tags><Items xsi:nil="true"/><Items/></EchoResult></EchoResponse>',
      ),
    ).toEqual({
      EchoResult: { Items: [{ Code: '1', Count: 2 }, null, {}], Tags: ['a', 'b'] },
    });
    // An empty complex element, with or without attributes: present, with its arrays empty.
    expect(read('<EchoResponse><EchoResult/></EchoResponse>')).toEqual({
      EchoResult: { Items: [], Tags: [] },
    });
    expect(read('<EchoResponse><EchoResult xmlns:x="urn:x"/></EchoResponse>')).toEqual({
      EchoResult: { Items: [], Tags: [] },
    });
    expect(read('<EchoResponse><EchoResult xsi:nil="1"/></EchoResponse>')).toEqual({ EchoResult: null });
  });

  it('takes nil from any prefix but never from a namespace declaration', () => {
    expect(read('<EchoResponse><EchoResult i:nil="true" xmlns:i="urn:i"/></EchoResponse>')).toEqual({
      EchoResult: null,
    });
    expect(read('<EchoResponse><EchoResult xmlns:nil="true"/></EchoResponse>')).toEqual({
      EchoResult: { Items: [], Tags: [] },
    });
  });

  it('refuses a repeated single field (reads the first when unknown elements are ignored), and elements where a simple value belongs', () => {
    const twice = '<EchoResponse><EchoResult><Code>1</Code><Code>2</Code></EchoResult></EchoResponse>';
    expect(() => read(twice)).toThrowError(/EchoResponse\.EchoResult\.Code appears more than once/);
    expect(read(twice, { unknownElements: 'ignore' })).toEqual({
      EchoResult: { Code: '1', Items: [], Tags: [] },
    });
    expect(() =>
      read('<EchoResponse><EchoResult><Code><x/></Code></EchoResult></EchoResponse>'),
    ).toThrowError(/EchoResponse\.EchoResult\.Code holds elements where a string was expected/);
    expect(() =>
      read(
        '<EchoResponse><EchoResult><Items><Count>x</Count></Items><Items><Count>y</Count></Items></EchoResult></EchoResponse>',
      ),
    ).toThrowError(/EchoResponse\.EchoResult\.Items\[0\]\.Count is not an xs:int/);
    expect(() => read('<EchoResponse><EchoResult><Ok>yes</Ok></EchoResult></EchoResponse>')).toThrowError(
      /EchoResponse\.EchoResult\.Ok is not an xs:boolean/,
    );
  });

  it('refuses a recursive type followed too deep instead of overflowing the stack', () => {
    const depth = 5_000;
    const xml = `<EchoResponse>${'<Node>'.repeat(depth)}${'</Node>'.repeat(depth)}</EchoResponse>`;
    expect(() => read(xml)).toThrowError(/nested too deeply/);
    expect(read('<EchoResponse><Node><Node/></Node></EchoResponse>')).toEqual({ Node: { Node: {} } });
  });
});

describe('the envelope sniff before reading', () => {
  it('answers a body of many empty comments at once (no exponential backtracking)', async () => {
    const transport = createTransport({
      provider: 'euromsg',
      fetch: async () =>
        new Response(`${'<!---->'.repeat(5_000)}<html/>`, { headers: { 'content-type': 'text/xml' } }),
    });
    const client = createSoapClient<{ Echo: { input: object; output: object } }>({
      service,
      url: 'https://soap.example/svc.asmx',
      transport,
    });
    const started = performance.now();
    const error = await ssoErrorOf(client.call('Echo', {}));
    expect(performance.now() - started).toBeLessThan(250);
    expect(error.code).toBe('MALFORMED_RESPONSE');
    expect(error.message).toMatch(/expected a SOAP envelope/);
  });
});
