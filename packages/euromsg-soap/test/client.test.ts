import { createMemorySessionStore } from '@sso/core/provider';
import { createLeakDetector, createTestClock, ssoErrorOf } from '@sso/core/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { createEuromsgClient, EUROMSG_PLATFORMS } from '../src/index.js';
import { createEuromsgSimulator, EUROMSG_DEMO, euromsgHandlers } from '../src/testing/index.js';

const baseUrl = EUROMSG_PLATFORMS.live;
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function setup(simOptions: Parameters<typeof createEuromsgSimulator>[0] = {}, remoteAddress?: string) {
  const simulator = createEuromsgSimulator(simOptions);
  server.use(...euromsgHandlers(simulator, { baseUrl, remoteAddress }));
  return simulator;
}

describe('login / logout', () => {
  it('logs in with the demo account and gets a service ticket the simulator knows', async () => {
    const simulator = setup();
    const client = createEuromsgClient({ baseUrl, ...EUROMSG_DEMO });
    const { serviceTicket } = await client.login();
    expect(simulator.liveTickets()).toEqual([serviceTicket]);
    expect(simulator.counters.logins).toBe(1);
  });

  it('sends a quoted SOAPAction and text/xml to {base}auth.asmx', async () => {
    const fetch = vi.fn(
      async (_url: string | URL | Request, _init?: RequestInit) =>
        new Response(
          '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><LoginResponse xmlns="http://ws.euromsg.com/auth"><LoginResult><Code>00</Code><ServiceTicket>T1234</ServiceTicket></LoginResult></LoginResponse></soap:Body></soap:Envelope>',
        ),
    );
    const client = createEuromsgClient({ baseUrl, ...EUROMSG_DEMO, fetch });
    await client.login();
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('https://ws.euromsg.com/live/auth.asmx');
    const headers = init?.headers as Record<string, string>;
    expect(headers.soapaction).toBe('"http://ws.euromsg.com/auth/Login"');
    expect(headers['content-type']).toBe('text/xml; charset=utf-8');
  });

  it('refuses a login response with an element the WSDL does not declare, naming it (strict reading)', async () => {
    const fetch = vi.fn(
      async (_url: string | URL | Request, _init?: RequestInit) =>
        new Response(
          '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><LoginResponse xmlns="http://ws.euromsg.com/auth"><LoginResult><Code>00</Code><ServiceTicket>T1234</ServiceTicket><Ticket>T1234</Ticket></LoginResult></LoginResponse></soap:Body></soap:Envelope>',
        ),
    );
    const client = createEuromsgClient({ baseUrl, ...EUROMSG_DEMO, fetch });
    const error = await ssoErrorOf(client.login());
    expect(error.code).toBe('MALFORMED_RESPONSE');
    expect(error.message).toContain(
      'LoginResponse.LoginResult holds an element <Ticket> its type does not declare',
    );
    expect(error.message).not.toContain('T1234');
  });

  it('tells "Invalid IP" from wrong credentials on Code 99, keeping the provider text', async () => {
    setup({ allowedIps: ['10.0.0.1'] }, '192.0.2.7');
    const client = createEuromsgClient({ baseUrl, ...EUROMSG_DEMO });
    const ipError = await ssoErrorOf(client.login());
    expect(ipError.code).toBe('AUTHENTICATION_FAILED');
    expect(ipError.providerCode).toBe('99');
    expect(ipError.providerMessage).toBe('Invalid IP');
    expect(ipError.message).toMatch(/IP address is not allowed/);

    setup();
    const wrong = createEuromsgClient({
      baseUrl,
      username: EUROMSG_DEMO.username,
      password: 'not-the-password',
    });
    const credError = await ssoErrorOf(wrong.login());
    expect(credError.code).toBe('AUTHENTICATION_FAILED');
    expect(credError.providerMessage).toBe('No such user/password!');
    expect(credError.message).toMatch(/username or password/);
    expect(credError.message).not.toMatch(/IP/);
  });

  it('maps Logout Code 9998 to SESSION_EXPIRED and a good logout ends the ticket', async () => {
    const simulator = setup();
    const client = createEuromsgClient({ baseUrl, ...EUROMSG_DEMO });
    const { serviceTicket } = await client.login();
    await client.logout(serviceTicket);
    expect(simulator.liveTickets()).toEqual([]);
    const again = await ssoErrorOf(client.logout(serviceTicket));
    expect(again.code).toBe('SESSION_EXPIRED');
    expect(again.providerCode).toBe('9998');
    expect(again.providerMessage).toContain('Unauthorized User!');
  });
});

describe('withSession', () => {
  it('shares one login between concurrent callers', async () => {
    const simulator = setup();
    const client = createEuromsgClient({ baseUrl, ...EUROMSG_DEMO });
    const tickets = await Promise.all(Array.from({ length: 8 }, () => client.withSession(async (t) => t)));
    expect(new Set(tickets).size).toBe(1);
    expect(simulator.counters.logins).toBe(1);
  });

  it('re-logs in once and retries when a post call answers 9998', async () => {
    const simulator = setup();
    const client = createEuromsgClient({ baseUrl, ...EUROMSG_DEMO });
    await client.post.PostHtml({ Subject: 'one', ToEmailAddress: 'a@example.com' });
    simulator.dropAllTickets();
    const results = await Promise.all([
      client.post.PostHtml({ Subject: 'two', ToEmailAddress: 'a@example.com' }),
      client.post.PostHtml({ Subject: 'three', ToEmailAddress: 'a@example.com' }),
    ]);
    expect(results.map((r) => r.PostHtmlResult?.Code)).toEqual(['00', '00']);
    expect(simulator.counters.logins).toBe(2);
    expect(simulator.counters.unauthorized).toBe(2);
    expect(simulator.posts.map((p) => p.input.Subject)).toEqual(['one', 'two', 'three']);
  });

  it('gives up after one retry when the new ticket is refused too', async () => {
    const simulator = setup();
    const client = createEuromsgClient({ baseUrl, ...EUROMSG_DEMO });
    let calls = 0;
    const error = await ssoErrorOf(
      client.withSession(async (ticket) => {
        calls++;
        simulator.dropTicket(ticket);
        return client.callPost('GetPostResult', { PostID: 'x' }, ticket);
      }),
    );
    expect(error.code).toBe('SESSION_EXPIRED');
    expect(calls).toBe(2);
    expect(simulator.counters.logins).toBe(2);
  });

  it('logs the shared ticket out on close()', async () => {
    const simulator = setup();
    const client = createEuromsgClient({ baseUrl, ...EUROMSG_DEMO });
    await client.withSession(async () => undefined);
    await client.close();
    expect(simulator.counters.logouts).toBe(1);
    expect(simulator.liveTickets()).toEqual([]);
    const closed = await ssoErrorOf(client.withSession(async () => undefined));
    expect(closed.code).toBe('CLOSED');
  });

  it('keeps the ticket in the given SessionStore', async () => {
    setup();
    const store = createMemorySessionStore<string>();
    const setSpy = vi.spyOn(store, 'set');
    const client = createEuromsgClient({ baseUrl, ...EUROMSG_DEMO, store });
    const ticket = await client.withSession(async (t) => t);
    expect(setSpy).toHaveBeenCalledTimes(1);
    expect(setSpy.mock.calls[0]![1].session).toBe(ticket);
  });

  it('treats an idle ticket as gone after sessionTtlMs and logs in again', async () => {
    const clock = createTestClock();
    const simulator = setup({ now: clock.now });
    const client = createEuromsgClient({ baseUrl, ...EUROMSG_DEMO, now: clock.now, sessionTtlMs: 60_000 });
    const first = await client.withSession(async (t) => t);
    clock.advance(61_000);
    const second = await client.withSession(async (t) => t);
    expect(second).not.toBe(first);
    expect(simulator.counters.logins).toBe(2);
  });
});

describe('post.asmx', () => {
  it('carries Turkish text and XML specials intact', async () => {
    const simulator = setup();
    const client = createEuromsgClient({ baseUrl, ...EUROMSG_DEMO });
    const subject = 'Şifre sıfırlama — İstanbul & Ağrı <özel> "çift" \'tek\'';
    const result = await client.post.PostHtml({
      FromName: 'Çağrı Ünlü',
      Subject: subject,
      HtmlBody: '<p>Merhaba ığüşöç</p>',
      Charset: 'UTF-8',
      ToEmailAddress: 'user@example.com',
    });
    expect(result.PostHtmlResult?.Code).toBe('00');
    expect(result.PostHtmlResult?.Subject).toBe(subject);
    expect(simulator.posts[0]!.input).toMatchObject({ FromName: 'Çağrı Ünlü', Subject: subject });
    const status = await client.post.GetPostResult({ PostID: result.PostHtmlResult!.PostID! });
    expect(status.GetPostResultResult?.DeliveryStatus).toBe('Delivered');
  });

  it('sends arrays of complex types (ArrayOfEmKeyValue) in order', async () => {
    const simulator = setup();
    const client = createEuromsgClient({ baseUrl, ...EUROMSG_DEMO });
    await client.post.PostTransactionalEmailWithHtmlTemplate({
      TemplateName: 'welcome',
      BodyVariables: {
        EmKeyValue: [
          { Key: 'ad', Value: 'Ayşe' },
          { Key: 'şehir', Value: 'İzmir' },
        ],
      },
      ToEmailAddress: 'ayse@example.com',
    });
    expect(simulator.posts[0]!.input.BodyVariables).toEqual({
      EmKeyValue: [
        { Key: 'ad', Value: 'Ayşe' },
        { Key: 'şehir', Value: 'İzmir' },
      ],
    });
  });

  it('overrides the namespace and the SOAPAction with it', async () => {
    const fetch = vi.fn(
      async (_url: string | URL | Request, _init?: RequestInit) =>
        new Response(
          '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><LoginResponse xmlns="http://api.relateddigital.com/auth"><LoginResult><Code>00</Code><ServiceTicket>T1234</ServiceTicket></LoginResult></LoginResponse></soap:Body></soap:Envelope>',
        ),
    );
    const client = createEuromsgClient({
      baseUrl,
      ...EUROMSG_DEMO,
      fetch,
      namespaces: { auth: 'http://api.relateddigital.com/auth' },
    });
    await client.login();
    const init = fetch.mock.calls[0]![1]!;
    expect((init.headers as Record<string, string>).soapaction).toBe(
      '"http://api.relateddigital.com/auth/Login"',
    );
    expect(String(init.body)).toContain('<Login xmlns="http://api.relateddigital.com/auth">');
  });
});

describe('validation before I/O', () => {
  it('rejects bad options with INVALID_CONFIG', () => {
    const bad: unknown[] = [
      { ...EUROMSG_DEMO },
      { baseUrl: 'http://ws.euromsg.com/live/', ...EUROMSG_DEMO },
      { baseUrl, username: '', password: 'x' },
      { baseUrl, ...EUROMSG_DEMO, unknownOption: 1 },
      { baseUrl, ...EUROMSG_DEMO, store: {} },
    ];
    for (const options of bad) {
      expect(() => createEuromsgClient(options as never)).toThrowError(
        expect.objectContaining({ code: 'INVALID_CONFIG' }),
      );
    }
  });

  it('rejects bad input with INVALID_INPUT and sends nothing', async () => {
    const fetch = vi.fn(async () => new Response(''));
    const client = createEuromsgClient({ baseUrl, ...EUROMSG_DEMO, fetch });
    const inputs: unknown[] = [
      { Subject: 'bell \u0007 character' },
      { Subject: 42 },
      { NotAField: 'x' },
      { ServiceTicket: 'mine' },
      { Attachments: { EmAttachment: { Name: 'not an array' } } },
    ];
    for (const input of inputs) {
      const error = await ssoErrorOf(client.callPost('PostHtml', input as never, 'TICKET-1'));
      expect(error.code).toBe('INVALID_INPUT');
    }
    expect((await ssoErrorOf(client.logout(''))).code).toBe('INVALID_INPUT');
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('secrets', () => {
  it('never shows the password or a ticket in hooks, errors, JSON or util.inspect', async () => {
    const simulator = setup();
    const seen: unknown[] = [];
    const hooks = {
      onRequest: (r: unknown) => seen.push(r),
      onResponse: (r: unknown) => seen.push(r),
      onError: (e: unknown) => seen.push(e),
    };
    const client = createEuromsgClient({ baseUrl, ...EUROMSG_DEMO, hooks });
    const tickets = [await client.withSession(async (t) => t)];
    await client.post.PostHtml({ Subject: 'x' });
    simulator.dropAllTickets();
    await client.post.PostHtml({ Subject: 'y' }); // 9998, one re-login, retry
    tickets.push(await client.withSession(async (t) => t));
    expect(tickets[1]).not.toBe(tickets[0]);
    seen.push(await ssoErrorOf(client.logout('TICKET-THAT-DOES-NOT-EXIST')));
    const wrong = createEuromsgClient({
      baseUrl,
      username: 'demo-ws-user',
      password: 'Wr0ngPassw0rd',
      hooks,
    });
    seen.push(await ssoErrorOf(wrong.login()));
    seen.push(client, wrong);
    await client.close();

    const detector = createLeakDetector([
      EUROMSG_DEMO.password,
      'Wr0ngPassw0rd',
      'TICKET-THAT-DOES-NOT-EXIST',
      ...tickets,
    ]);
    for (const value of seen) detector.record(value);
    expect(detector.recorded).toBeGreaterThan(20);
    expect(detector.leaks()).toEqual([]);

    // The scan is able to fail: the raw ticket in a payload is reported.
    const control = createLeakDetector([tickets[0]!]);
    control.record({ body: `<ServiceTicket>${tickets[0]}</ServiceTicket>` });
    expect(control.leaks()).toEqual([tickets[0]]);
  });

  it('a password with XML-special characters is hidden in every escaped form, even when an error page echoes the envelope', async () => {
    const password = `Tr0ub4dor&3-secret<"'>`;
    const echo = vi.fn(
      async (_url: string | URL | Request, init?: RequestInit) =>
        new Response(`<html><body><h1>500</h1><pre>${String(init?.body)}</pre></body></html>`, {
          status: 500,
          headers: { 'content-type': 'text/html' },
        }),
    );
    const detector = createLeakDetector([password]);
    const client = createEuromsgClient({
      baseUrl,
      username: 'demo-ws-user',
      password,
      fetch: echo,
      retry: false,
      hooks: detector.hooks,
    });
    const error = await ssoErrorOf(client.login());
    detector.record(error);
    // The request really carried the escaped form (so there was something to hide).
    expect(String(echo.mock.calls[0]![1]?.body)).toContain('Tr0ub4dor&amp;3-secret');
    expect(detector.recorded).toBeGreaterThan(3);
    expect(detector.leaks()).toEqual([]);
    expect(error.message).not.toContain('Tr0ub4dor');
  });

  const ticketForms: Record<string, string> = {
    CDATA: '<![CDATA[T-CDATA-0123456789]]>',
    'split CDATA': '<![CDATA[T-CDATA-01234]]><![CDATA[56789]]>',
    'character references': '&#84;-CDATA-0123456789',
    whitespace: '<![CDATA[T-CDATA-0123456789]]>\n  ',
  };
  for (const [form, written] of Object.entries(ticketForms)) {
    it(`a ServiceTicket written as ${form} is returned by login() but hidden from onResponse`, async () => {
      const fetch = async () =>
        new Response(
          `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><LoginResponse xmlns="http://ws.euromsg.com/auth"><LoginResult><Code>00</Code><ServiceTicket>${written}</ServiceTicket></LoginResult></LoginResponse></soap:Body></soap:Envelope>`,
        );
      const bodies: string[] = [];
      const client = createEuromsgClient({
        baseUrl,
        ...EUROMSG_DEMO,
        fetch,
        hooks: { onResponse: (r) => bodies.push(r.body) },
      });
      const { serviceTicket } = await client.login();
      expect(serviceTicket.trim()).toBe('T-CDATA-0123456789');
      expect(bodies).toHaveLength(1);
      for (const piece of ['CDATA-01234', '56789', '&#84;']) expect(bodies[0]).not.toContain(piece);
    });
  }
});

describe("a call's signal and deadline bound the wait for the shared login", () => {
  const loginAnswer =
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><LoginResponse xmlns="http://ws.euromsg.com/auth"><LoginResult><Code>00</Code><ServiceTicket>T-SLOW-0123456789</ServiceTicket></LoginResult></LoginResponse></soap:Body></soap:Envelope>';
  const slowFetch = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    return new Response(loginAnswer, { headers: { 'content-type': 'text/xml' } });
  };

  it('withSession: ABORTED when the signal fires and TIMEOUT when timeoutMs passes while the login is pending', async () => {
    const client = createEuromsgClient({ baseUrl, ...EUROMSG_DEMO, fetch: slowFetch, timeoutMs: 10_000 });
    const patient = client.withSession(async (ticket) => ticket);
    const controller = new AbortController();
    const started = Date.now();
    const aborted = ssoErrorOf(client.withSession(async (t) => t, { signal: controller.signal }));
    const timedOut = ssoErrorOf(client.withSession(async (t) => t, { timeoutMs: 300 }));
    setTimeout(() => controller.abort(), 100);
    expect((await aborted).code).toBe('ABORTED');
    expect((await timedOut).code).toBe('TIMEOUT');
    expect((await timedOut).provider).toBe('euromsg');
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(patient).resolves.toBe('T-SLOW-0123456789');
  });

  it('post operations take the same options, checked before any I/O', async () => {
    const fetch = vi.fn(slowFetch);
    const client = createEuromsgClient({ baseUrl, ...EUROMSG_DEMO, fetch });
    const error = await ssoErrorOf(client.post.PostHtml({ Subject: 'x' }, { timeoutMs: -1 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('types that guide', () => {
  it('a successful post operation has its Result block and Code "00" in the type, not optional', async () => {
    setup();
    const client = createEuromsgClient({ baseUrl, ...EUROMSG_DEMO });
    const output = await client.post.PostHtml({ Subject: 'x' });
    expectTypeOf(output.PostHtmlResult.Code).toEqualTypeOf<'00'>();
    expect(output.PostHtmlResult.Code).toBe('00');
    await client.close();
  });
});
