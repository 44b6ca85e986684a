// Clients nobody here wrote, built from the WSDL the sandbox serves: node-soap here, zeep in
// zeep.test.ts. Both must reach the sandbox through the rewritten soap:address.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EUROMSG_DEMO } from '@sso/euromsg-soap/testing';
import { GITTIGIDIYOR_DEMO } from '@sso/gittigidiyor/testing';
import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rewriteAddresses, type Sandbox, startSandbox } from '../src/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const SUBJECT = 'Şifre sıfırlama — İstanbul & Ağrı <özel> "çift"';
const HTML = '<p>Merhaba ığüşöç & <b>kalın</b></p>';

describe('GET …?wsdl', () => {
  it.each([
    ['/euromsg/auth.asmx', 'AuthSoap12'],
    ['/euromsg/post.asmx', 'PostSoap12'],
    ['/gittigidiyor/CommunityAuthService', 'CommunityAuthServicePort'],
  ])('%s?wsdl is the WSDL from specs/ pointing at the sandbox', async (path, port) => {
    const response = await fetch(`${sandbox.url}${path}?wsdl`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
    const wsdl = await response.text();
    expect(wsdl).toContain(port);
    const locations = [...wsdl.matchAll(/address location="([^"]*)"/g)].map((m) => m[1]);
    expect(locations.length).toBeGreaterThan(0);
    expect(new Set(locations)).toEqual(new Set([`${sandbox.url}${path}`]));
  });

  it('?WSDL works in any case; other GETs still reach the simulator', async () => {
    expect((await fetch(`${sandbox.url}/euromsg/Auth.asmx?WSDL`)).status).toBe(200);
    expect((await fetch(`${sandbox.url}/euromsg/auth.asmx`)).status).toBe(405);
  });

  it('rewriteAddresses replaces every address location and escapes the new one', () => {
    const wsdl =
      '<soap:address location="https://x/a.asmx"/><soap12:address location=\'https://x/a.asmx\'/><http:address location="https://x"/>';
    expect(rewriteAddresses(wsdl, 'http://h/a&b')).toBe(
      '<soap:address location="http://h/a&amp;b"/><soap12:address location="http://h/a&amp;b"/><http:address location="http://h/a&amp;b"/>',
    );
  });
});

type Result = Record<string, Record<string, string | undefined>>;
type Call = (args: object) => Promise<[Result, string]>;
type PortMethod = (args: object, callback: (error: unknown, result: Result) => void) => void;

/** A port's method (callback style in node-soap) as a promise, like the client's `…Async` methods. */
const viaPort =
  (method: PortMethod): Call =>
  (args) =>
    new Promise((resolve, reject) =>
      method(args, (error, result) => (error ? reject(error) : resolve([result, '']))),
    );

async function euromsgRun(soap12: boolean) {
  const options = soap12 ? { forceSoap12Headers: true } : {};
  const auth = await soap.createClientAsync(`${sandbox.url}/euromsg/auth.asmx?wsdl`, options);
  const post = await soap.createClientAsync(`${sandbox.url}/euromsg/post.asmx?wsdl`, options);
  // The port is chosen by hand: each WSDL binds SOAP 1.1, SOAP 1.2 and two HTTP ports.
  const authPort = (auth as unknown as Record<string, Record<string, Record<string, PortMethod>>>).Auth![
    soap12 ? 'AuthSoap12' : 'AuthSoap'
  ]!;
  const postPort = (post as unknown as Record<string, Record<string, Record<string, PortMethod>>>).Post![
    soap12 ? 'PostSoap12' : 'PostSoap'
  ]!;
  const [login] = await viaPort(authPort.Login!)({
    Username: EUROMSG_DEMO.username,
    Password: EUROMSG_DEMO.password,
  });
  const ticket = login.LoginResult!.ServiceTicket!;
  const [posted] = await viaPort(postPort.PostHtml!)({
    ServiceTicket: ticket,
    FromName: 'Çağrı Ünlü',
    FromAddress: 'bilgi@example.com.tr',
    Subject: SUBJECT,
    HtmlBody: HTML,
    Charset: 'UTF-8',
    ToEmailAddress: 'musteri@example.com',
  });
  const [logout] = await viaPort(authPort.Logout!)({ ServiceTicket: ticket });
  const [again] = await viaPort(authPort.Logout!)({ ServiceTicket: ticket });
  return { login, posted, logout, again, lastRequest: auth.lastRequest ?? '' };
}

describe('node-soap against the sandbox', () => {
  for (const version of ['1.1', '1.2'] as const) {
    it(`Euromsg over SOAP ${version}: Login, PostHtml (Turkish, & < >), Logout, Logout again → 9998`, async () => {
      const before = sandbox.simulators.euromsg.posts.length;
      const run = await euromsgRun(version === '1.2');
      expect(run.login.LoginResult).toMatchObject({ Code: '00' });
      expect(run.posted.PostHtmlResult).toMatchObject({ Code: '00', Subject: SUBJECT });
      expect(run.logout.LogoutResult).toMatchObject({ Code: '00' });
      expect(run.again.LogoutResult).toMatchObject({ Code: '9998', Message: 'Unauthorized User!' });
      const accepted = sandbox.simulators.euromsg.posts[before]!;
      expect(accepted.input).toMatchObject({ Subject: SUBJECT, HtmlBody: HTML, FromName: 'Çağrı Ünlü' });
      if (version === '1.2') expect(run.lastRequest).toContain('http://www.w3.org/2003/05/soap-envelope');
    });
  }

  it('a client built from a WSDL with the wrong namespace gets the soap:Client fault ASMX gives', async () => {
    const wsdl = await (await fetch(`${sandbox.url}/euromsg/auth.asmx?wsdl`)).text();
    const dir = mkdtempSync(join(tmpdir(), 'sso-wsdl-'));
    const file = join(dir, 'auth.wsdl');
    // The namespace moves, the SOAPActions stay: ASMX routes by SOAPAction, then refuses the element.
    writeFileSync(file, wsdl.replaceAll('="http://ws.euromsg.com/auth"', '="urn:wrong"'));
    try {
      const auth = await soap.createClientAsync(file);
      const login = (auth as unknown as Record<string, Record<string, Record<string, PortMethod>>>).Auth!
        .AuthSoap!.Login!;
      const error = await viaPort(login)({ Username: 'u', Password: 'p' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ root: { Envelope: { Body: { Fault: { faultcode: 'soap:Client' } } } } });
      expect(String((error as Error).message)).toContain("<Login xmlns='urn:wrong'> was not expected");
      expect(sandbox.simulators.euromsg.liveTickets()).toHaveLength(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('GittiGidiyor createToken with HTTP Basic auth', async () => {
    const client = await soap.createClientAsync(`${sandbox.url}/gittigidiyor/CommunityAuthService?wsdl`);
    client.setSecurity(
      new soap.BasicAuthSecurity(GITTIGIDIYOR_DEMO.roleName, GITTIGIDIYOR_DEMO.rolePassword),
    );
    const time = String(Date.now());
    const sign = createHash('md5')
      .update(GITTIGIDIYOR_DEMO.apiKey + GITTIGIDIYOR_DEMO.secretKey + time)
      .digest('hex');
    const [result] = await (client as unknown as Record<string, Call>).createTokenAsync!({
      apiKey: GITTIGIDIYOR_DEMO.apiKey,
      sign,
      time,
      lang: 'tr',
    });
    const out = (result.return ?? result) as unknown as Record<string, unknown>;
    expect(out.ackCode).toBe('success');
    expect(typeof out.tokenId).toBe('string');
    expect(sandbox.simulators.gittigidiyor.openTokens()).toContain(out.tokenId);
  });

  it('without Basic auth the same call is refused (HTTP 401)', async () => {
    const client = await soap.createClientAsync(`${sandbox.url}/gittigidiyor/CommunityAuthService?wsdl`);
    const call = (client as unknown as Record<string, Call>).createTokenAsync!({
      apiKey: 'x',
      sign: 'y',
      time: '1',
      lang: 'tr',
    });
    await expect(call).rejects.toMatchObject({ response: { status: 401 } });
  });
});
