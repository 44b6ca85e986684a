import { describe, expect, it } from 'vitest';
import { createMessageWriter, type SoapServiceDescriptor } from '../src/index.js';
import { canonicalXml } from '../src/testing/index.js';

// Per-field namespaces in the writer: qualified attributes, unqualified children under a default
// namespace, and the namespace override of the client option.
const service = {
  name: 'Ns',
  namespace: 'urn:a',
  qualified: true,
  types: {
    Item: {
      fields: [
        { name: 'lang', ns: 'urn:attrs', type: 'string', min: 0, max: 1, attribute: true },
        { name: 'id', type: 'string', min: 0, max: 1, attribute: true },
        { name: 'code', type: 'string', min: 1, max: 1 },
        { name: 'local', ns: '', type: 'string', min: 0, max: 1 },
        { name: 'other', ns: 'urn:b', type: 'string', min: 0, max: 1 },
      ],
    },
  },
  operations: {
    Put: {
      name: 'Put',
      soapAction: 'urn:a/Put',
      input: { element: 'Put', fields: [{ name: 'item', type: 'complex', ref: 'Item', min: 1, max: 1 }] },
      output: { element: 'PutResponse', fields: [] },
    },
  },
} as const satisfies SoapServiceDescriptor;

const body = (xml: string) => canonicalXml(xml).children.find((c) => typeof c !== 'string');

describe('writer namespaces', () => {
  const input = { item: { lang: 'tr', id: '7', code: 'c', local: 'l', other: 'o' } };
  const expected = (ns: string) =>
    `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><p:Put xmlns:p="${ns}"><p:item xmlns:at="urn:attrs" at:lang="tr" id="7"><p:code>c</p:code><local>l</local><b:other xmlns:b="urn:b">o</b:other></p:item></p:Put></e:Body></e:Envelope>`;

  it('writes qualified attributes with a prefix, unqualified ones bare, and each child in its namespace', () => {
    const write = createMessageWriter(service, service.operations.Put.input, {
      operation: 'Put',
      provider: 'core',
    });
    const xml = write(input);
    expect(body(xml)).toEqual(body(expected('urn:a')));
    // An unqualified child under a default namespace must undeclare it.
    expect(xml).toContain('<local xmlns="">l</local>');
  });

  it('moves the service namespace, and only it, when the client overrides it', () => {
    const write = createMessageWriter(service, service.operations.Put.input, {
      operation: 'Put',
      provider: 'core',
      namespace: 'urn:a2',
    });
    expect(body(write(input))).toEqual(body(expected('urn:a2')));
  });
});
