import { createTestClock } from '@sso/core/testing';
import { describe, expect, it } from 'vitest';
import { createGittiGidiyorClient } from '../src/index.js';
import { createGittiGidiyorSimulator, GITTIGIDIYOR_DEMO } from '../src/testing/index.js';

const TIME = 1262265344531;
const basic = `Basic ${Buffer.from(`${GITTIGIDIYOR_DEMO.roleName}:${GITTIGIDIYOR_DEMO.rolePassword}`).toString('base64')}`;

function createTokenRequest(sign: string, namespace = 'http://auth.community.ws.listingapi.gg.com') {
  return new Request('http://simulator/CommunityAuthService', {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""', authorization: basic },
    body: `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><tns:createToken xmlns:tns="${namespace}"><apiKey>${GITTIGIDIYOR_DEMO.apiKey}</apiKey><sign>${sign}</sign><time>${TIME}</time><lang>en</lang></tns:createToken></soap:Body></soap:Envelope>`,
  });
}

describe('hex case of sign (GittiGidiyor 2020 corporate docs show upper case)', () => {
  const client = createGittiGidiyorClient({ ...GITTIGIDIYOR_DEMO, now: () => TIME });
  const sign = client.sign(TIME);

  it('the client signs in lower-case hex', () => {
    expect(sign).toMatch(/^[0-9a-f]{32}$/);
  });

  it.each([
    ['lower', sign],
    ['upper', sign.toUpperCase()],
  ])('the simulator accepts a %s-case sign', async (_case, value) => {
    const simulator = createGittiGidiyorSimulator({ now: createTestClock(TIME).now });
    const response = await simulator.handle(createTokenRequest(value));
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toContain('<ackCode>success</ackCode>');
  });

  it('a sign that differs in more than case is still refused', async () => {
    const simulator = createGittiGidiyorSimulator({ now: createTestClock(TIME).now });
    const text = await (await simulator.handle(createTokenRequest('0'.repeat(32)))).text();
    expect(text).toContain('<ackCode>failure</ackCode>');
  });
});

describe('the simulator refuses what JAX-WS refuses', () => {
  it('createToken in another namespace is a soap:Client fault', async () => {
    const simulator = createGittiGidiyorSimulator({ now: createTestClock(TIME).now });
    const response = await simulator.handle(createTokenRequest('x', 'urn:wrong'));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).toContain('<faultcode>soap:Client</faultcode>');
    expect(text).toContain('{urn:wrong}createToken');
  });

  it('a SOAP 1.2 request gets 415: the WSDL binds SOAP 1.1 only', async () => {
    const simulator = createGittiGidiyorSimulator({ now: createTestClock(TIME).now });
    const request = createTokenRequest('x');
    const soap12 = new Request(request, {
      headers: { 'content-type': 'application/soap+xml; charset=utf-8', authorization: basic },
    });
    expect((await simulator.handle(soap12)).status).toBe(415);
  });
});
