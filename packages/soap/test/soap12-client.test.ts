import { createTransport } from '@sso/core/provider';
import { ssoErrorOf } from '@sso/core/testing';
import { describe, expect, it, vi } from 'vitest';
import { createSoapClient, type SoapServiceDescriptor } from '../src/index.js';

// SOAP 1.2 through the client, and the strict reading policy as a client option.
const service = {
  name: 'Twelve',
  namespace: 'urn:twelve',
  qualified: true,
  soapVersion: '1.2',
  types: {},
  operations: {
    Notify: {
      name: 'Notify',
      soapAction: '',
      input: { element: 'Notify', fields: [] },
      output: { fields: [] },
    },
    Ping: {
      name: 'Ping',
      soapAction: 'urn:twelve/Ping',
      input: { element: 'Ping', fields: [{ name: 'Text', type: 'string', min: 0, max: 1 }] },
      output: { element: 'PingResponse', fields: [{ name: 'Echo', type: 'string', min: 0, max: 1 }] },
    },
  },
} as const satisfies SoapServiceDescriptor;

type Ops = {
  Ping: { input: { Text?: string }; output: { Echo?: string } };
  Notify: { input: Record<string, never>; output: Record<string, never> };
};
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const envelope = (inner: string) =>
  `<env:Envelope xmlns:env="${SOAP12}"><env:Body>${inner}</env:Body></env:Envelope>`;

function clientAnswering(body: string, options: { unknownElements?: 'error' | 'ignore' } = {}) {
  const fetch = vi.fn(
    async (_url: string | URL | Request, _init?: RequestInit) =>
      new Response(body, { status: 200, headers: { 'content-type': 'application/soap+xml' } }),
  );
  const transport = createTransport({ provider: 'euromsg', fetch });
  const client = createSoapClient<Ops>({ service, url: 'https://soap.example/12', transport, ...options });
  return { fetch, client };
}

describe('SOAP 1.2 client', () => {
  it('sends a SOAP 1.2 envelope with the action in the content type and no SOAPAction header', async () => {
    const { fetch, client } = clientAnswering(
      envelope('<PingResponse xmlns="urn:twelve"><Echo>hi</Echo></PingResponse>'),
    );
    await expect(client.call('Ping', { Text: 'hi' })).resolves.toEqual({ Echo: 'hi' });
    const init = fetch.mock.calls[0]![1]!;
    const headers = new Headers(init.headers);
    expect(headers.get('content-type')).toBe('application/soap+xml; charset=utf-8; action="urn:twelve/Ping"');
    expect(headers.has('soapaction')).toBe(false);
    expect(String(init.body)).toContain(`<soap:Envelope xmlns:soap="${SOAP12}"`);
  });

  it('maps a SOAP 1.2 fault (Code/Value, Reason/Text)', async () => {
    const { client } = clientAnswering(
      envelope(
        '<env:Fault><env:Code><env:Value>env:Sender</env:Value></env:Code><env:Reason><env:Text xml:lang="en">bad ticket</env:Text></env:Reason></env:Fault>',
      ),
    );
    const error = await ssoErrorOf(client.call('Ping', {}));
    expect(error).toMatchObject({
      code: 'SOAP_FAULT',
      providerCode: 'env:Sender',
      providerMessage: 'bad ticket',
    });
  });

  it('refuses an undeclared response element by default and drops it with unknownElements: ignore', async () => {
    const body = envelope('<PingResponse xmlns="urn:twelve"><Echo>hi</Echo><Extra>1</Extra></PingResponse>');
    const strict = await ssoErrorOf(clientAnswering(body).client.call('Ping', {}));
    expect(strict.code).toBe('MALFORMED_RESPONSE');
    expect(strict.message).toContain('PingResponse holds an element <Extra> its type does not declare');
    await expect(
      clientAnswering(body, { unknownElements: 'ignore' }).client.call('Ping', {}),
    ).resolves.toEqual({
      Echo: 'hi',
    });
  });

  it('accepts an empty 2xx answer to an operation without output (one-way), and sends no action when it has none', async () => {
    const { fetch, client } = clientAnswering('');
    await expect(client.call('Notify', {})).resolves.toEqual({});
    expect(new Headers(fetch.mock.calls[0]![1]!.headers).get('content-type')).toBe(
      'application/soap+xml; charset=utf-8',
    );
  });
});
