import { createTransport } from '@sso/core/provider';
import { ssoErrorOf } from '@sso/core/testing';
import { describe, expect, it, vi } from 'vitest';
import {
  createMessageWriter,
  createSoapClient,
  escapeXml,
  readSoapRequest,
  type SoapServiceDescriptor,
} from '../src/index.js';

// A small service exercising every field kind the engine handles.
const service = {
  name: 'Test',
  namespace: 'urn:test',
  qualified: true,
  types: {
    Base: { fields: [{ name: 'Code', type: 'string', min: 0, max: 1 }] },
    Result: {
      base: 'Base',
      fields: [
        { name: 'Code', type: 'string', min: 0, max: 1 },
        { name: 'Count', type: 'int', min: 1, max: 1 },
        { name: 'Big', type: 'long', min: 0, max: 1 },
        { name: 'Ok', type: 'boolean', min: 0, max: 1 },
        { name: 'When', type: 'dateTime', min: 0, max: 1, nillable: true },
        { name: 'Tags', type: 'string', min: 0, max: 'unbounded' },
      ],
    },
  },
  operations: {
    Echo: {
      name: 'Echo',
      soapAction: 'urn:test/Echo',
      input: {
        element: 'Echo',
        fields: [
          { name: 'Text', type: 'string', min: 0, max: 1 },
          { name: 'Level', type: 'string', enum: ['low', 'high'], min: 0, max: 1 },
          { name: 'Count', type: 'int', min: 0, max: 1 },
          { name: 'At', type: 'dateTime', min: 0, max: 1, nillable: true },
          { name: 'Items', type: 'complex', ref: 'Base', min: 0, max: 'unbounded' },
        ],
      },
      output: {
        element: 'EchoResponse',
        fields: [{ name: 'EchoResult', type: 'complex', ref: 'Result', min: 0, max: 1 }],
      },
    },
  },
} as const satisfies SoapServiceDescriptor;

type Ops = { Echo: { input: Record<string, unknown>; output: { EchoResult?: Record<string, unknown> } } };

const envelope = (inner: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body>${inner}</soap:Body></soap:Envelope>`;

function clientAnswering(body: string | (() => Response), status = 200, maxResponseBytes?: number) {
  const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
    typeof body === 'function'
      ? body()
      : new Response(body, { status, headers: { 'content-type': 'text/xml' } }),
  );
  const transport = createTransport({ provider: 'euromsg', fetch, maxResponseBytes });
  return {
    fetch,
    client: createSoapClient<Ops>({ service, url: 'https://soap.example/svc.asmx', transport }),
  };
}

describe('envelope writer', () => {
  const write = createMessageWriter(service, service.operations.Echo.input, {
    operation: 'Echo',
    provider: 'core',
  });

  it('writes the fields in WSDL order whatever the key order, with the namespace on the body element', () => {
    expect(write({ Count: 3, Text: 'a' })).toBe(
      envelope('<Echo xmlns="urn:test"><Text>a</Text><Count>3</Count></Echo>').replace(
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"',
      ),
    );
  });

  it('escapes & < > " \' and keeps Turkish text as is', () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
    expect(write({ Text: 'İğüşöç ı & <b>' })).toContain('<Text>İğüşöç ı &amp; &lt;b&gt;</Text>');
  });

  it('writes nil, dates, repeated complex items', () => {
    const xml = write({ At: null, Items: [{ Code: '1' }, { Code: '2' }] });
    expect(xml).toContain('<At xsi:nil="true"/><Items><Code>1</Code></Items><Items><Code>2</Code></Items>');
    expect(write({ At: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) })).toContain(
      '<At>2024-01-02T03:04:05.000Z</At>',
    );
  });

  it.each([
    [{ Text: 'nul \u0000' }, 'control character'],
    [{ Text: 'esc \u001b' }, 'control character'],
    [{ Text: 'lone \ud800 surrogate' }, 'control character'],
    [{ Level: 'medium' }, 'must be one of'],
    [{ Count: 1.5 }, 'integer'],
    [{ Count: 2 ** 31 }, 'int range'],
    [{ Items: { Code: 'x' } }, 'array'],
    [{ Other: 1 }, 'unknown key'],
  ])('rejects %j as INVALID_INPUT (%s)', (input, rule) => {
    expect(() => write(input)).toThrowError(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(rule) }),
    );
  });

  it('round-trips through the server-side reader', () => {
    const { operation, input } = readSoapRequest(
      service,
      write({ Text: 'x & y', Count: 7, Items: [{ Code: 'a' }] }),
    );
    expect(operation.name).toBe('Echo');
    expect(input).toEqual({ Text: 'x & y', Count: 7, Items: [{ Code: 'a' }] });
  });
});

describe('response reader', () => {
  it('converts types: leading zeros kept, int/long/boolean parsed, nil is null, arrays always arrays', async () => {
    const { client, fetch } = clientAnswering(
      envelope(
        '<EchoResponse xmlns="urn:test"><EchoResult><Code>00</Code><Count>12</Count><Big>1262265344531</Big><Ok>true</Ok><When xsi:nil="true"/><Tags>one</Tags></EchoResult></EchoResponse>',
      ),
    );
    await expect(client.call('Echo', { Text: 'hi' })).resolves.toEqual({
      EchoResult: { Code: '00', Count: 12, Big: 1262265344531, Ok: true, When: null, Tags: ['one'] },
    });
    const init = fetch.mock.calls[0]![1]!;
    expect((init.headers as Record<string, string>).soapaction).toBe('"urn:test/Echo"');
  });

  it('decodes entities and character references in text', async () => {
    const { client } = clientAnswering(
      envelope(
        '<EchoResponse xmlns="urn:test"><EchoResult><Code>a&amp;b &#304;&#x131; &lt;x&gt;</Code><Count>1</Count></EchoResult></EchoResponse>',
      ),
    );
    const out = await client.call('Echo', {});
    expect(out.EchoResult?.Code).toBe('a&b İı <x>');
  });
});

describe('hostile and broken responses', () => {
  it('maps a SOAP Fault to SOAP_FAULT with faultcode and faultstring', async () => {
    const { client } = clientAnswering(
      envelope(
        '<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Server was unable to process request.</faultstring></soap:Fault>',
      ),
      500,
    );
    const error = await ssoErrorOf(client.call('Echo', {}));
    expect(error.code).toBe('SOAP_FAULT');
    expect(error.providerCode).toBe('soap:Server');
    expect(error.providerMessage).toBe('Server was unable to process request.');
    expect(error.status).toBe(500);
  });

  it('maps an HTML 503 page to HTTP_ERROR (retryable)', async () => {
    const { client } = clientAnswering(
      '<!DOCTYPE html><html><body><h1>503 Service Unavailable</h1></body></html>',
      503,
    );
    const error = await ssoErrorOf(client.call('Echo', {}));
    expect(error.code).toBe('HTTP_ERROR');
    expect(error.status).toBe(503);
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('an HTML page');
  });

  it('maps truncated XML to MALFORMED_RESPONSE', async () => {
    const full = envelope(
      '<EchoResponse xmlns="urn:test"><EchoResult><Code>00</Code><Count>1</Count></EchoResult></EchoResponse>',
    );
    const { client } = clientAnswering(full.slice(0, full.length - 40));
    expect((await ssoErrorOf(client.call('Echo', {}))).code).toBe('MALFORMED_RESPONSE');
  });

  it('refuses a billion-laughs DOCTYPE without expanding it, in well under a second', async () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
      ']>',
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><EchoResponse xmlns="urn:test"><EchoResult><Code>&lol9;</Code></EchoResult></EchoResponse></soap:Body></soap:Envelope>',
    ].join('\n');
    const { client } = clientAnswering(lol);
    const started = performance.now();
    const error = await ssoErrorOf(client.call('Echo', {}));
    expect(performance.now() - started).toBeLessThan(250);
    expect(error.code).toBe('MALFORMED_RESPONSE');
    expect(error.message).toMatch(/DOCTYPE/);
  });

  it('stops reading a 10 MiB body at the transport cap', async () => {
    const chunk = new TextEncoder().encode(`<x>${'a'.repeat(64 * 1024 - 7)}</x>`);
    let sent = 0;
    const { client } = clientAnswering(
      () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              if (sent >= 10 * 1024 * 1024) return controller.close();
              sent += chunk.byteLength;
              controller.enqueue(chunk);
            },
          }),
          { headers: { 'content-type': 'text/xml' } },
        ),
    );
    const error = await ssoErrorOf(client.call('Echo', {}));
    expect(error.code).toBe('MALFORMED_RESPONSE');
    expect(error.message).toMatch(/limit/);
    expect(sent).toBeLessThan(2 * 1024 * 1024);
  });

  it('maps HTTP 401 to AUTHENTICATION_FAILED and a wrong body element to MALFORMED_RESPONSE', async () => {
    expect((await ssoErrorOf(clientAnswering('Unauthorized', 401).client.call('Echo', {}))).code).toBe(
      'AUTHENTICATION_FAILED',
    );
    const wrong = clientAnswering(envelope('<OtherResponse xmlns="urn:test"/>'));
    expect((await ssoErrorOf(wrong.client.call('Echo', {}))).message).toMatch(/expected <EchoResponse>/);
  });

  it('maps a 200 that is not XML to MALFORMED_RESPONSE', async () => {
    expect((await ssoErrorOf(clientAnswering('{"ok":true}').client.call('Echo', {}))).code).toBe(
      'MALFORMED_RESPONSE',
    );
  });

  it('sends nothing when the input is invalid', async () => {
    const { client, fetch } = clientAnswering('');
    expect((await ssoErrorOf(client.call('Echo', { Text: '\u0001' }))).code).toBe('INVALID_INPUT');
    expect(fetch).not.toHaveBeenCalled();
  });
});
