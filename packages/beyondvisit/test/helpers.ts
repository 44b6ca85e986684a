import type { FetchLike } from '@sso/core/provider';

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export interface ScriptedReply {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
}

/**
 * A fetch that records every request and answers from a script (the last reply repeats), or throws
 * when a reply is an Error (a network failure).
 */
export function scriptedFetch(...replies: Array<ScriptedReply | Error>): {
  fetch: FetchLike;
  requests: RecordedRequest[];
} {
  const requests: RecordedRequest[] = [];
  const fetch: FetchLike = async (input, init) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    requests.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    const reply = replies[Math.min(requests.length - 1, replies.length - 1)] ?? { body: '' };
    if (reply instanceof Error) throw reply;
    return new Response(reply.body ?? '', {
      status: reply.status ?? 200,
      headers: reply.headers ?? { 'content-type': 'application/json; charset=utf-8' },
    });
  };
  return { fetch, requests };
}

/** Runs a promise that must reject and returns the rejection. */
export async function rejectionOf(promise: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the call succeeded');
}
