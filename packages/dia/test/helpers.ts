import type { FetchLike } from '@sso/core/provider';

export interface Recorded {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

export type Answer = { status?: number; body: unknown; headers?: Record<string, string> };

/**
 * A fetch fake that records every request and answers with `respond(request, index)`; a string body
 * is sent verbatim, anything else as JSON.
 */
export function recordingFetch(respond: (request: Recorded, index: number) => Answer | Promise<Answer>) {
  const requests: Recorded[] = [];
  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    const recorded: Recorded = {
      url: request.url,
      method: request.method,
      headers: Object.fromEntries(request.headers.entries()),
      body: await request.text(),
    };
    requests.push(recorded);
    const answer = await respond(recorded, requests.length - 1);
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return new Response(text, {
      status: answer.status ?? 200,
      headers: answer.headers ?? { 'content-type': 'application/json' },
    });
  };
  return { fetch, requests };
}

export const SID = 'b2d4820cc43f4d98a8c6698686b6d386';
export const SID2 = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
export const isLogin = (r: Recorded) => r.body.startsWith('{"login"');

import { rebaseRequest } from '@sso/core/testing';
import type { DiaSimulator } from '../src/testing/index.js';

export const DEMO_BASE = 'https://demo.ws.dia.com.tr/api/v3/';

/** A fetch that hands every request straight to the simulator (no MSW), optionally observing it. */
export function simulatorFetch(
  simulator: DiaSimulator,
  before?: (request: Request) => void | Promise<void>,
): FetchLike & { count: () => number } {
  let n = 0;
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    n++;
    const request = new Request(input, init);
    if (before) await before(request.clone());
    const rebased = rebaseRequest(request, DEMO_BASE);
    if (!rebased) throw new TypeError(`unexpected URL ${request.url}`);
    return simulator.handle(rebased);
  };
  return Object.assign(fetch, { count: () => n });
}
