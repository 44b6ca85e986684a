import { createAesTokenCipher } from '../src/index.js';

export interface Captured {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** A fetch that records every request and answers with `reply(request, index)`. */
export function recordingFetch(reply: (request: Captured, index: number) => Response | Promise<Response>) {
  const requests: Captured[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const captured: Captured = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? init.body : '',
    };
    requests.push(captured);
    return reply(captured, requests.length - 1);
  };
  return { fetch, requests };
}

/** The JSON-RPC request inside a captured body, whichever encoding it used. */
export function rpcOf(request: Captured): {
  jsonrpc: string;
  id: string;
  method: string;
  params: Record<string, unknown>;
} {
  const text = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
    ? new URLSearchParams(request.body).get('data')!
    : request.body;
  return JSON.parse(text);
}

/** Echoes a JSON-RPC success with the request's id. */
export const answer = (result: unknown) => (request: Captured) =>
  Response.json({ jsonrpc: '2.0', id: rpcOf(request).id, result });

export const TEST_CIPHER = createAesTokenCipher({ mode: 'gcm' });

export const BASE_OPTIONS = {
  domain: 'firma.faxmax.net',
  apiCode: 'API-CODE-42',
  apiPassword: 'api-password-secret',
  cipher: TEST_CIPHER,
};

/** Every form a secret can take in our traffic: raw, JSON-escaped, URI- and form-encoded (and both). */
export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const form = (s: string) => new URLSearchParams([['', s]]).toString().slice(1);
  return [
    ...new Set([
      secret,
      json,
      encodeURIComponent(secret),
      encodeURIComponent(json),
      form(secret),
      form(json),
    ]),
  ];
}

/**
 * Stricter than core's detector (which only reports forms that still contain the raw secret): the
 * secrets found in any text in any of their encoded forms.
 */
export function strictLeaks(texts: readonly string[], secrets: readonly string[]): string[] {
  return secrets.filter((secret) =>
    secretForms(secret).some((form) => texts.some((text) => text.includes(form))),
  );
}
