import { createTransport, type RedactedResponse } from '@sso/core/provider';
import { describe, expect, it } from 'vitest';
import { createSoapClient, responseElementRedactor, type SoapServiceDescriptor } from '../src/index.js';
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

const envelope = (inner: string) =>
  `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><LoginResponse xmlns="urn:auth">${inner}</LoginResponse></s:Body></s:Envelope>`;

// Every way the same ticket can be written: the reader returns TICKET for each.
const LEXICAL_FORMS: Record<string, string> = {
  escaped: '<Ticket>tk-&amp;-0123456789abcdef</Ticket>',
  cdata: '<Ticket><![CDATA[tk-&-0123456789abcdef]]></Ticket>',
  'split CDATA': '<Ticket><![CDATA[tk-&-01234]]><![CDATA[56789abcdef]]></Ticket>',
  'character references': '<Ticket>&#116;k-&#x26;-0123456789&#97;bcdef</Ticket>',
  'prefixed, with attributes': '<a:Ticket xmlns:a="urn:auth" note="x>y">tk-&amp;-0123456789abcdef</a:Ticket>',
  'comment inside': '<Ticket>tk-&amp;-012345<!-- </Ticket> -->6789abcdef</Ticket>',
};

describe('secrets a SOAP response issues', () => {
  it('responseElementRedactor replaces the whole content of the named elements, with any prefix', () => {
    const redact = responseElementRedactor(['Ticket', 'tokenId']);
    expect(redact(answer).body).toContain('<Ticket>[redacted]</Ticket>');
    expect(redact('<a:tokenId x="1">t-1</a:tokenId><tokenId>t-2</tokenId><other>keep</other>').body).toBe(
      '<a:tokenId x="1">[redacted]</a:tokenId><tokenId>[redacted]</tokenId><other>keep</other>',
    );
    expect(redact('<tokenId/><x>keep</x>').body).toBe('<tokenId/><x>keep</x>');
    // An end tag inside CDATA is text, not the end of the element.
    expect(redact('<tokenId><![CDATA[t-1</tokenId>t-2]]></tokenId><x>keep</x>').body).toBe(
      '<tokenId>[redacted]</tokenId><x>keep</x>',
    );
    expect(responseElementRedactor([])(answer)).toEqual({ body: answer, hidden: [] });
  });

  it('responseElementRedactor fails closed: an element that never ends hides the rest of the body', () => {
    const redact = responseElementRedactor(['Ticket']);
    expect(redact('<r><Ticket>tk-0123456789abcdef</r>').body).toBe('<r><Ticket>[redacted]');
    expect(redact('<r><Ticket><![CDATA[tk-0123456789abcdef').body).toBe('<r><Ticket>[redacted]');
  });

  for (const [form, element] of Object.entries(LEXICAL_FORMS)) {
    it(`the ticket written as ${form} is returned to the caller and never reaches onResponse`, async () => {
      const seen: RedactedResponse[] = [];
      const transport = createTransport({
        provider: 'euromsg',
        fetch: async () => new Response(envelope(element), { headers: { 'content-type': 'text/xml' } }),
        hooks: { onResponse: (r) => seen.push(r) },
      });
      const client = createSoapClient<Ops>({
        service,
        url: 'https://soap.example/auth.asmx',
        transport,
        secretResponseElements: ['Ticket'],
      });
      await expect(client.call('Login', { User: 'u' })).resolves.toEqual({ Ticket: TICKET });
      expect(seen).toHaveLength(1);
      expect(seen[0]!.body).toContain('[redacted]');
      for (const piece of ['tk-', '01234', '56789', 'abcdef', '&#97;'])
        expect(seen[0]!.body).not.toContain(piece);
    });
  }

  it('a per-call redactor runs after the client-wide elements', async () => {
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
    await client.call(
      'Login',
      { User: 'u' },
      { redactResponse: (body) => ({ body: body.replaceAll('LoginResponse', 'X'), hidden: [] }) },
    );
    expect(seen[0]!.body).toContain('<Ticket>[redacted]</Ticket>');
    expect(seen[0]!.body).not.toContain('LoginResponse');
  });

  it('a redactor that throws leaves no part of the body visible to onResponse', async () => {
    const seen: RedactedResponse[] = [];
    const transport = createTransport({
      provider: 'euromsg',
      fetch: async () => new Response(answer, { headers: { 'content-type': 'text/xml' } }),
      hooks: { onResponse: (r) => seen.push(r) },
    });
    const client = createSoapClient<Ops>({ service, url: 'https://soap.example/auth.asmx', transport });
    await client.call(
      'Login',
      { User: 'u' },
      {
        redactResponse: () => {
          throw new Error('cannot read');
        },
      },
    );
    expect(seen[0]!.body).not.toContain('Ticket');
    expect(seen[0]!.body).toContain('could not be checked');
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
