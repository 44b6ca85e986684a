// Against node-soap built from specs/gittigidiyor/CommunityAuthService.wsdl: the same envelope as
// its client (differential), and a soap.listen server with HTTP Basic auth answering our client.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { md5Hex } from '@sso/core/provider';
import { createRequestWriter } from '@sso/soap';
import { canonicalXml } from '@sso/soap/testing';
import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as communityAuth from '../src/generated/community-auth.js';
import { createGittiGidiyorClient } from '../src/index.js';
import { GITTIGIDIYOR_DEMO } from '../src/testing/index.js';

const wsdlPath = new URL('../../../specs/gittigidiyor/CommunityAuthService.wsdl', import.meta.url).pathname;
const wsdl = readFileSync(wsdlPath, 'utf8');
const expectedAuth = `Basic ${Buffer.from(`${GITTIGIDIYOR_DEMO.roleName}:${GITTIGIDIYOR_DEMO.rolePassword}`).toString('base64')}`;
const received: Array<{ apiKey: string; sign: string; time: string; lang?: string }> = [];

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer();
  const listener = soap.listen(
    server,
    '/listingapi/ws/CommunityAuthService',
    {
      CommunityAuthService: {
        CommunityAuthServicePort: {
          createToken(args: { apiKey: string; sign: string; time: string; lang?: string }) {
            received.push(args);
            const ok =
              args.sign ===
              md5Hex(GITTIGIDIYOR_DEMO.apiKey + GITTIGIDIYOR_DEMO.secretKey + String(args.time));
            return ok
              ? {
                  return: {
                    ackCode: 'success',
                    responseTime: '01/01/2026 03:00:00',
                    timeElapsed: '1 ms',
                    tokenId: `TOK${received.length}`,
                  },
                }
              : {
                  return: {
                    ackCode: 'failure',
                    responseTime: '01/01/2026 03:00:00',
                    timeElapsed: '1 ms',
                    error: {
                      errorId: '7',
                      errorCode: 'SIGN',
                      message: 'İmza hatalı',
                      viewMessage: 'İmza hatalı',
                    },
                  },
                };
          },
        },
      },
    },
    wsdl,
  );
  // node-soap ends a refused connection with an empty 200; answer 401 the way the real server did.
  listener.authorizeConnection = (req: IncomingMessage, res?: ServerResponse) => {
    if (req.headers.authorization === expectedAuth) return true;
    if (res) {
      res.statusCode = 401;
      res.setHeader('www-authenticate', 'Basic realm="listingapi"');
    }
    return false;
  };
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/listingapi/ws/`;
});

afterAll(async () => {
  server.close();
  await once(server, 'close');
});

describe('differential: createToken envelope equals node-soap', () => {
  it.each([
    [
      'tr',
      {
        apiKey: 'Xzy47VNZwcujRGcujrztCTqNBzgdZRSk',
        sign: '2d1fc028e908d60cac3446ceda19d74a',
        time: 1262265344531,
        lang: 'tr',
      },
    ],
    ['en, special characters', { apiKey: 'k&<>"\'ş', sign: 'abc', time: 1, lang: 'en' }],
    ['without lang', { apiKey: 'k', sign: 's', time: 1700000000000 }],
  ])('%s', async (_label, input) => {
    const client = await soap.createClientAsync(wsdlPath, { endpoint: `${base}CommunityAuthService` });
    await client.createTokenAsync(input).catch(() => undefined); // no Basic header here: 401; the envelope is what counts
    const ours = createRequestWriter(communityAuth.service, communityAuth.service.operations.createToken, {
      provider: 'gittigidiyor',
    })(input);
    expect(canonicalXml(ours)).toEqual(canonicalXml(client.lastRequest!));
  });
});

describe('integration: our client against soap.listen with Basic auth', () => {
  it('creates a token; the server got the signed millisecond time', async () => {
    const now = Date.UTC(2026, 0, 1);
    const client = createGittiGidiyorClient({
      ...GITTIGIDIYOR_DEMO,
      baseUrl: base,
      allowInsecureHttp: true,
      now: () => now,
    });
    const token = await client.createToken();
    expect(token.tokenId).toMatch(/^TOK\d+$/);
    const last = received.at(-1)!;
    expect(String(last.time)).toBe(String(now));
    expect(last.sign).toBe(token.sign);
    expect(last.lang).toBe('tr');
  });

  it('maps the server failure and a wrong role password', async () => {
    const badSecret = createGittiGidiyorClient({
      ...GITTIGIDIYOR_DEMO,
      secretKey: 'other',
      baseUrl: base,
      allowInsecureHttp: true,
    });
    await expect(badSecret.createToken()).rejects.toMatchObject({
      code: 'AUTHENTICATION_FAILED',
      providerCode: 'SIGN',
      providerMessage: 'İmza hatalı',
    });
    const badRole = createGittiGidiyorClient({
      ...GITTIGIDIYOR_DEMO,
      rolePassword: 'wrong',
      baseUrl: base,
      allowInsecureHttp: true,
    });
    await expect(badRole.createToken()).rejects.toMatchObject({ code: 'AUTHENTICATION_FAILED', status: 401 });
  });
});
