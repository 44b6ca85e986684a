// The simulator refuses what ASP.NET's ASMX stack refuses, so it catches namespace and SOAPAction
// bugs in any client, and speaks SOAP 1.2 where the WSDL binds it.
import { describe, expect, it } from 'vitest';
import { createEuromsgSimulator, EUROMSG_DEMO } from '../src/testing/index.js';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
const AUTH = 'http://ws.euromsg.com/auth';

function login(
  options: {
    envelopeNs?: string;
    loginNs?: string;
    childNs?: string;
    version?: '1.1' | '1.2';
    action?: string;
  } = {},
) {
  const version = options.version ?? '1.1';
  const envelopeNs = options.envelopeNs ?? (version === '1.1' ? SOAP11 : SOAP12);
  const childNs = options.childNs === undefined ? '' : ` xmlns="${options.childNs}"`;
  const body = `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${envelopeNs}"><s:Body><Login xmlns="${options.loginNs ?? AUTH}"><Username${childNs}>${EUROMSG_DEMO.username}</Username><Password${childNs}>${EUROMSG_DEMO.password}</Password></Login></s:Body></s:Envelope>`;
  const action = options.action ?? `${AUTH}/Login`;
  const headers: Record<string, string> =
    version === '1.1'
      ? { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${action}"` }
      : { 'content-type': `application/soap+xml; charset=utf-8; action="${action}"` };
  return new Request('http://simulator/auth.asmx', { method: 'POST', headers, body });
}

async function send(request: Request) {
  const simulator = createEuromsgSimulator();
  const response = await simulator.handle(request);
  return {
    simulator,
    status: response.status,
    type: response.headers.get('content-type'),
    text: await response.text(),
  };
}

describe('SOAP 1.1', () => {
  it('a correct Login gets a ticket', async () => {
    const { status, text, simulator } = await send(login());
    expect(status).toBe(200);
    expect(text).toContain('<Code>00</Code>');
    expect(simulator.liveTickets()).toHaveLength(1);
  });

  it('Login in a wrong namespace is a soap:Client fault, not a ticket', async () => {
    const { status, text, simulator } = await send(login({ loginNs: 'urn:wrong' }));
    expect(status).toBe(500);
    expect(text).toContain('<faultcode>soap:Client</faultcode>');
    expect(text).toContain('&lt;Login xmlns=&apos;urn:wrong&apos;&gt; was not expected.');
    expect(simulator.liveTickets()).toHaveLength(0);
  });

  it('an envelope in a non-SOAP namespace is soap:VersionMismatch', async () => {
    const { status, text } = await send(login({ envelopeNs: 'urn:not-soap' }));
    expect(status).toBe(500);
    expect(text).toContain('<faultcode>soap:VersionMismatch</faultcode>');
    expect(text).toContain('Envelope namespace urn:not-soap was unexpected');
  });

  it('an unknown SOAPAction is a soap:Client fault', async () => {
    const { status, text } = await send(login({ action: 'http://ws.euromsg.com/auth/LogIn' }));
    expect(status).toBe(500);
    expect(text).toContain('<faultcode>soap:Client</faultcode>');
    expect(text).toContain(
      'Server did not recognize the value of HTTP Header SOAPAction: http://ws.euromsg.com/auth/LogIn.',
    );
  });

  it('child elements in another namespace are skipped, so the login fails like on ASMX', async () => {
    const { status, text, simulator } = await send(login({ childNs: 'urn:wrong' }));
    expect(status).toBe(200);
    expect(text).toContain('<Code>99</Code>');
    expect(simulator.liveTickets()).toHaveLength(0);
  });

  it('a SOAP 1.2 envelope sent as text/xml is a version mismatch', async () => {
    const request = login({ envelopeNs: SOAP12 });
    const { text } = await send(request);
    expect(text).toContain('<faultcode>soap:VersionMismatch</faultcode>');
  });
});

describe('SOAP 1.2 (the WSDL binds AuthSoap12 and PostSoap12)', () => {
  it('a 1.2 Login gets a 1.2 answer with application/soap+xml', async () => {
    const { status, type, text, simulator } = await send(login({ version: '1.2' }));
    expect(status).toBe(200);
    expect(type).toBe('application/soap+xml; charset=utf-8');
    expect(text).toContain(`xmlns:soap="${SOAP12}"`);
    expect(text).not.toContain(SOAP11);
    expect(text).toContain('<Code>00</Code>');
    expect(simulator.liveTickets()).toHaveLength(1);
  });

  it('1.2 faults use Code/Value soap:Sender and Reason/Text', async () => {
    const { status, type, text } = await send(login({ version: '1.2', loginNs: 'urn:wrong' }));
    expect(status).toBe(500);
    expect(type).toBe('application/soap+xml; charset=utf-8');
    expect(text).toContain(`xmlns:soap="${SOAP12}"`);
    expect(text).toContain('<soap:Code><soap:Value>soap:Sender</soap:Value></soap:Code>');
    expect(text).toContain('<soap:Reason><soap:Text xml:lang="en">');
  });

  it('an unknown action in the 1.2 content type is a soap:Sender fault', async () => {
    const { text } = await send(login({ version: '1.2', action: 'urn:nope' }));
    expect(text).toContain('soap:Sender');
    expect(text).toContain('SOAPAction: urn:nope.');
  });

  it('post.asmx answers PostHtml in 1.2 as well', async () => {
    const simulator = createEuromsgSimulator();
    const loginAnswer = await (await simulator.handle(login({ version: '1.2' }))).text();
    const ticket = /<ServiceTicket>([^<]+)<\/ServiceTicket>/.exec(loginAnswer)![1]!;
    const response = await simulator.handle(
      new Request('http://simulator/post.asmx', {
        method: 'POST',
        headers: {
          'content-type': 'application/soap+xml; charset=utf-8; action="http://ws.euromsg.com/post/PostHtml"',
        },
        body: `<?xml version="1.0" encoding="utf-8"?><soap12:Envelope xmlns:soap12="${SOAP12}"><soap12:Body><PostHtml xmlns="http://ws.euromsg.com/post"><ServiceTicket>${ticket}</ServiceTicket><Subject>Merhaba &amp; &lt;hoş geldiniz&gt;</Subject><ToEmailAddress>a@example.com</ToEmailAddress></PostHtml></soap12:Body></soap12:Envelope>`,
      }),
    );
    expect(response.headers.get('content-type')).toBe('application/soap+xml; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('<Code>00</Code>');
    expect(simulator.posts[0]!.input.Subject).toBe('Merhaba & <hoş geldiniz>');
  });
});

it('a content type neither binding accepts is 415', async () => {
  const request = new Request('http://simulator/auth.asmx', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect((await send(request)).status).toBe(415);
});
