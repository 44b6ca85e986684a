import { createTransport, type RedactedResponse } from '@sso/core';
import { describe, expect, it } from 'vitest';
import { createSoapClient, responseElementSecrets, type SoapServiceDescriptor } from '../src/index.js';
import { canonicalXml } from '../src/testing/index.js';

const service = {
  name: 'Auth',
  namespace: 'urn:auth',
  qualified: true,
  types: {},
  operations: {
    Login: {
      name: 'Login',
      soapAction: 'urn:auth/Login',
      input: { element: 'Login', fields: [{ name: 'User', type: 'string', min: 0, max: 1 }] },
      output: {
        element: 'LoginResponse',
        fields: [{ name: 'Ticket', type: 'string', min: 0, max: 1 }],
      },
    },
  },
} as const satisfies SoapServiceDescriptor;

type Ops = { Login: { input: { User?: string }; output: { Ticket?: string } } };

const TICKET = 'tk-&-0123456789abcdef';
const answer = `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><LoginResponse xmlns="urn:auth"><Ticket>tk-&amp;-0123456789abcdef</Ticket></LoginResponse></s:Body></s:Envelope>`;

describe('secrets a SOAP response issues', () => {
  it('responseElementSecrets picks the element text, as written and decoded, with any prefix', () => {
    const pick = responseElementSecrets(['Ticket', 'tokenId']);
    expect(pick(answer)).toEqual(['tk-&amp;-0123456789abcdef', TICKET]);
    expect(pick('<a:tokenId x="1">t-1</a:tokenId><tokenId>t-2</tokenId>')).toEqual(['t-1', 't-2']);
    expect(responseElementSecrets([])(answer)).toEqual([]);
  });

  it('secretResponseElements keeps the issued value out of onResponse and returns it to the caller', async () => {
    const seen: RedactedResponse[] = [];
    const transport = createTransport({
      provider: 'euromsg',
      fetch: async () => new Response(answer, { headers: { 'content-type': 'text/xml' } }),
      hooks: { onResponse: (r) => seen.push(r) },
    });
    const client = createSoapClient<Ops>({
      service,
      url: 'https://soap.example/auth.asmx',
      transport,
      secretResponseElements: ['Ticket'],
    });
    // A per-call picker adds to the client's elements (here: a value that is in the body).
    const other = 'LoginResponse';
    await expect(client.call('Login', { User: 'u' }, { responseSecrets: () => [other] })).resolves.toEqual({
      Ticket: TICKET,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toContain('<Ticket>[redacted]</Ticket>');
    expect(seen[0]!.body).not.toContain('0123456789abcdef');
    expect(seen[0]!.body).not.toContain('LoginResponse');
  });
});

describe('@sso/soap/testing canonicalXml', () => {
  it('compares serialisations of the same infoset equal, whatever the prefixes and formatting', () => {
    const a = '<?xml version="1.0"?><p:A xmlns:p="urn:x" k="v">\n  <p:B>text</p:B>\n</p:A>';
    const b = '<A xmlns="urn:x" k="v"><B>text</B></A>';
    expect(canonicalXml(a)).toEqual(canonicalXml(b));
    expect(canonicalXml(b)).toEqual({
      name: '{urn:x}A',
      attributes: { k: 'v' },
      children: [{ name: '{urn:x}B', attributes: {}, children: ['text'] }],
    });
    expect(canonicalXml('<A xmlns="urn:y"><B>text</B></A>')).not.toEqual(canonicalXml(b));
  });
});
