import { randomToken } from '@sso/core/provider';
import { createMessageWriter } from '@sso/soap';
import { createSoapEndpoint } from '@sso/soap/testing';
import * as communityAuth from '../generated/community-auth.js';
import type { GittiGidiyorState } from './state.js';

/**
 * The simulator's own error codes. GittiGidiyor never published its catalogue; these names are
 * the simulator's, chosen to say what went wrong.
 */
export const GITTIGIDIYOR_SIMULATOR_ERRORS = {
  unknownApiKey: {
    errorId: '101',
    errorCode: 'INVALID_API_KEY',
    tr: 'Geçersiz uygulama anahtarı.',
    en: 'Invalid API key.',
  },
  badSign: {
    errorId: '102',
    errorCode: 'INVALID_SIGN',
    tr: 'İmza doğrulanamadı.',
    en: 'The request signature is invalid.',
  },
  badTime: {
    errorId: '103',
    errorCode: 'INVALID_TIME',
    tr: 'İstek zamanı geçerli aralığın dışında.',
    en: 'The request time is outside the accepted window.',
  },
} as const;

// A JAX-WS service: SOAP 1.1 only, the operation found by its body element (the soapAction is empty).
const endpoint = createSoapEndpoint(communityAuth.service, { routing: 'element' });

function formatResponseTime(ms: number): string {
  const d = new Date(ms + 3 * 60 * 60 * 1000); // Turkey, UTC+3
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** `/CommunityAuthService`: HTTP Basic, then the SOAP `createToken` operation. */
export function createCommunityAuthService(
  state: GittiGidiyorState,
): (request: Request) => Promise<Response> {
  const { counters, now } = state;
  const operation = communityAuth.service.operations.createToken;
  const writeResponse = createMessageWriter(communityAuth.service, operation.output, {
    operation: 'createToken',
    provider: 'gittigidiyor',
  });

  function createToken(input: Record<string, unknown>) {
    const started = now();
    const lang = input.lang === 'en' ? 'en' : 'tr';
    const problem = state.checkSigned(
      String(input.apiKey ?? ''),
      String(input.sign ?? ''),
      String(input.time ?? ''),
    );
    const base = {
      responseTime: formatResponseTime(started),
      timeElapsed: `${Math.max(0, now() - started)} ms`,
    };
    if (problem) {
      counters.failures++;
      const e = GITTIGIDIYOR_SIMULATOR_ERRORS[problem];
      return {
        return: {
          ackCode: 'failure',
          ...base,
          error: { errorId: e.errorId, errorCode: e.errorCode, message: e[lang], viewMessage: e[lang] },
        },
      };
    }
    const tokenId = randomToken(12, 'base64url').slice(0, 16);
    state.tokens.set(tokenId, { apiKey: String(input.apiKey), createdAt: started, used: false });
    counters.tokens++;
    return { return: { ackCode: 'success', ...base, tokenId } };
  }

  // HTTP Basic is checked before the method, as the servlet container does.
  return async function service(request: Request): Promise<Response> {
    if (!state.authorized(request.headers.get('authorization'))) {
      counters.unauthorized++;
      return new Response(
        '<html><head><title>401 Unauthorized</title></head><body><h1>HTTP Status 401 - Unauthorized</h1></body></html>',
        {
          status: 401,
          headers: {
            'content-type': 'text/html;charset=utf-8',
            'www-authenticate': 'Basic realm="listingapi"',
          },
        },
      );
    }
    if (request.method !== 'POST') {
      return new Response('Method Not Allowed', { status: 405, headers: { allow: 'POST' } });
    }
    const call = await endpoint.read(request);
    if ('refused' in call) return call.refused;
    return call.reply(writeResponse(createToken(call.input)));
  };
}
