// Our engine against node-soap, the reference SOAP stack, built from the same WSDLs:
// - differential: node-soap's client envelope and ours are the same XML tree for the same input;
// - integration: a soap.listen server on 127.0.0.1 answers our client (login, post call, logout).
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestWriter } from '@sso/soap';
import { canonicalXml } from '@sso/soap/testing';
import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as auth from '../src/generated/auth.js';
import * as post from '../src/generated/post.js';
import { createEuromsgClient } from '../src/index.js';

const specs = new URL('../../../specs/euromsg/', import.meta.url).pathname;
const authWsdl = readFileSync(`${specs}auth.wsdl`, 'utf8');
const postWsdl = readFileSync(`${specs}post.wsdl`, 'utf8');

const USER = { username: 'entegrasyon', password: 'p@ss & <word>' };
const tickets = new Set<string>();
const seenActions: string[] = [];
let issued = 0;

function emResult(code: string, message = '') {
  return { Code: code, Message: message, DetailedMessage: '' };
}

const authImpl = {
  Auth: {
    AuthSoap: {
      Login(
        args: { Username?: string; Password?: string },
        _cb: unknown,
        _headers: unknown,
        req?: IncomingMessage,
      ) {
        seenActions.push(String(req?.headers.soapaction));
        if (args.Username !== USER.username || args.Password !== USER.password) {
          return { LoginResult: emResult('99', 'No such user/password!') };
        }
        const ticket = `TICKET${++issued}`;
        tickets.add(ticket);
        return { LoginResult: { ...emResult('00'), ServiceTicket: ticket } };
      },
      Logout(args: { ServiceTicket?: string }) {
        if (!args.ServiceTicket || !tickets.delete(args.ServiceTicket)) {
          return { LogoutResult: emResult('9998', 'Unauthorized User!') };
        }
        return { LogoutResult: emResult('00') };
      },
    },
  },
};

const postImpl = {
  Post: {
    PostSoap: {
      PostHtml(
        args: { ServiceTicket?: string; Subject?: string; ToEmailAddress?: string },
        _cb: unknown,
        _headers: unknown,
        req?: IncomingMessage,
      ) {
        seenActions.push(String(req?.headers.soapaction));
        if (!args.ServiceTicket || !tickets.has(args.ServiceTicket)) {
          return { PostHtmlResult: { ...emResult('9998', 'Unauthorized User!'), MarkedSpam: false } };
        }
        return {
          PostHtmlResult: {
            ...emResult('00', 'Success'),
            PostID: 'P-1',
            MarkedSpam: false,
            Subject: args.Subject,
            ToAddress: args.ToEmailAddress,
          },
        };
      },
    },
  },
};

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer();
  soap.listen(server, '/live/auth.asmx', authImpl, authWsdl);
  soap.listen(server, '/live/post.asmx', postImpl, postWsdl);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/live/`;
});

afterAll(async () => {
  server.close();
  await once(server, 'close');
});

describe('differential: same envelope as node-soap', () => {
  const cases: Array<[string, 'auth' | 'post', string, Record<string, unknown>]> = [
    ['Login', 'auth', 'Login', { Username: 'kullanıcı', Password: 'şifre & <"x">' }],
    ['Logout', 'auth', 'Logout', { ServiceTicket: '3C860EC9BFF1B14BBF801' }],
    [
      'PostHtml (Turkish text, escaping)',
      'post',
      'PostHtml',
      {
        ServiceTicket: 'T',
        FromName: 'Çağrı',
        Subject: 'İndirim & "fırsat" <b>',
        HtmlBody: '<p>ığüşöç</p>',
        Charset: 'UTF-8',
        ToEmailAddress: 'a@example.com',
      },
    ],
    [
      'PostTransactionalEmailWithHtmlTemplate (arrays of complex types)',
      'post',
      'PostTransactionalEmailWithHtmlTemplate',
      {
        ServiceTicket: 'T',
        TemplateName: 'hoşgeldin',
        BodyVariables: {
          EmKeyValue: [
            { Key: 'ad', Value: 'Ayşe' },
            { Key: 'il', Value: 'İzmir' },
          ],
        },
        ToEmailAddress: 'a@example.com',
      },
    ],
    [
      'GetPostBulkResultByPostId (ArrayOfString)',
      'post',
      'GetPostBulkResultByPostId',
      {
        serviceTicket: 'T',
        postIds: { string: ['p1', 'p2', 'p3'] },
      },
    ],
  ];

  it.each(cases)('%s', async (_label, which, operation, input) => {
    const wsdlPath = `${specs}${which}.wsdl`;
    const client = await soap.createClientAsync(wsdlPath, { endpoint: `${base}${which}.asmx` });
    const method = (client as unknown as Record<string, (args: unknown) => Promise<unknown>>)[
      `${operation}Async`
    ]!;
    // The server implements only some operations; the envelope node-soap sent is what is compared.
    await method.call(client, input).catch(() => undefined);
    const theirs = client.lastRequest!;
    const service = which === 'auth' ? auth.service : post.service;
    const ours = createRequestWriter(
      service,
      service.operations[operation as keyof typeof service.operations],
      {
        provider: 'euromsg',
      },
    )(input);
    expect(canonicalXml(ours)).toEqual(canonicalXml(theirs));
  });

  it('the comparison sees a difference in field order', () => {
    const a = '<a xmlns="urn:x"><b>1</b><c>2</c></a>';
    const b = '<p:a xmlns:p="urn:x"><p:c>2</p:c><p:b>1</p:b></p:a>';
    expect(canonicalXml(a)).not.toEqual(canonicalXml(b));
    expect(canonicalXml(a)).toEqual(canonicalXml('<p:a xmlns:p="urn:x"><p:b>1</p:b><p:c>2</p:c></p:a>'));
  });
});

describe('integration: our client against a soap.listen server from the same WSDLs', () => {
  it('logs in, posts with the ticket, logs out; the server sees quoted SOAPActions', async () => {
    const client = createEuromsgClient({ baseUrl: base, ...USER, allowInsecureHttp: true });
    const { serviceTicket } = await client.login();
    expect(tickets.has(serviceTicket)).toBe(true);
    const sent = await client.callPost(
      'PostHtml',
      { Subject: 'Sipariş onayı — №42', ToEmailAddress: 'b@example.com' },
      serviceTicket,
    );
    expect(sent.PostHtmlResult).toMatchObject({ Code: '00', PostID: 'P-1', Subject: 'Sipariş onayı — №42' });
    await client.logout(serviceTicket);
    expect(tickets.has(serviceTicket)).toBe(false);
    expect(seenActions).toContain('"http://ws.euromsg.com/auth/Login"');
    expect(seenActions).toContain('"http://ws.euromsg.com/post/PostHtml"');
  });

  it('runs post calls through withSession and re-logs in when the server drops the ticket', async () => {
    const client = createEuromsgClient({ baseUrl: base, ...USER, allowInsecureHttp: true });
    await client.post.PostHtml({ Subject: 'bir' });
    const before = issued;
    tickets.clear(); // the server forgets every ticket: the next call answers 9998
    const result = await client.post.PostHtml({ Subject: 'iki' });
    expect(result.PostHtmlResult?.Code).toBe('00');
    expect(issued).toBe(before + 1);
    await client.close();
    expect(tickets.size).toBe(0);
  });

  it('reports wrong credentials from the real stack as AUTHENTICATION_FAILED', async () => {
    const client = createEuromsgClient({
      baseUrl: base,
      username: USER.username,
      password: 'wrong',
      allowInsecureHttp: true,
    });
    await expect(client.login()).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED', providerCode: '99' });
  });
});
