// Runs a provider's main call against its simulator through an injected fetch and records every
// HTTP exchange, so the gates get real, valid wire bytes without a server or hand-written bodies.
import { rebaseRequest } from '@sso/core/testing';

export const SIM_BASE_URL = 'https://provider.sso.test/';

/**
 * A stable key naming which request of a flow this is: method, path, SOAPAction, JSON-RPC method
 * or the first key of a JSON body. Responses are matched to requests by this key.
 */
export function exchangeKey(method, url, headers, body) {
  const path = new URL(url).pathname;
  const soapAction = headers.get('soapaction') ?? '';
  const text = decodeForm(body ?? '');
  const rpc = /"method"\s*:\s*"([^"]+)"/.exec(text);
  const firstKey = /^\s*\{\s*"([^"]+)"/.exec(text);
  const soapOp = /<(?:\w+:)?Body[^>]*>\s*<(?:\w+:)?(\w+)/.exec(text);
  return [method, path, soapAction, rpc?.[1] ?? soapOp?.[1] ?? firstKey?.[1] ?? ''].join(' ');
}

const decodeForm = (text) => {
  if (!text.startsWith('data=')) return text;
  try {
    return decodeURIComponent(text.slice(5).replace(/\+/g, ' '));
  } catch {
    return text;
  }
};

/** The JSON-RPC id of a request body (plain JSON or form field `data`), as its JSON text. */
export function rpcIdOf(body) {
  return /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)/.exec(decodeForm(body ?? ''))?.[1];
}

/**
 * A recorded response made to answer a new request: where the recorded request carried a JSON-RPC
 * id, the same id in the response text is replaced by the new request's id (clients match on it).
 */
export function answerFor(exchange, requestBody, responseText = exchange.response.body) {
  const recordedId = rpcIdOf(exchange.body);
  const newId = rpcIdOf(requestBody);
  if (!recordedId || !newId || recordedId === newId) return responseText;
  return responseText.split(`"id":${recordedId}`).join(`"id":${newId}`);
}

async function snapshotRequest(request) {
  const body = request.method === 'GET' ? '' : await request.clone().text();
  return {
    key: exchangeKey(request.method, request.url, request.headers, body),
    method: request.method,
    url: request.url,
    headers: Object.fromEntries(request.headers),
    body,
  };
}

/** A fetch that answers from a simulator mounted at `baseUrl`, recording each exchange into `log`. */
export function simulatorFetch(simulator, baseUrl, log) {
  return async (input, init) => {
    const request = new Request(input, init);
    const recorded = await snapshotRequest(request);
    const rebased = rebaseRequest(request, baseUrl);
    const response = rebased
      ? await simulator.handle(rebased, { remoteAddress: '127.0.0.1' })
      : new Response('not under the simulator base URL', { status: 404 });
    const text = await response.text();
    log?.push({
      ...recorded,
      response: { status: response.status, headers: Object.fromEntries(response.headers), body: text },
    });
    return new Response(text, { status: response.status, headers: response.headers });
  };
}

/**
 * Loads a provider, runs its `prepare` step and then its main call once against a fresh simulator.
 * Returns the exchanges of the per-client setup (`warm`, e.g. a login) and of the main call, its result, and what the gates need to build more
 * clients of the same kind.
 */
export async function recordMainCall(provider, { baseUrl = SIM_BASE_URL } = {}) {
  const loaded = await provider.load();
  const simulator = provider.simulator(loaded);
  const demo = provider.demo(loaded);
  const prepareLog = [];
  const prepClient = provider.create(loaded, {
    ...provider.clientOptions(demo),
    baseUrl,
    fetch: simulatorFetch(simulator, baseUrl, prepareLog),
  });
  const context = provider.prepare ? await provider.prepare(prepClient, demo) : {};
  const log = [];
  const client = provider.create(loaded, {
    ...provider.clientOptions(demo),
    baseUrl,
    fetch: simulatorFetch(simulator, baseUrl, log),
  });
  if (provider.warm) await provider.warm(client, demo, context);
  const setupExchanges = log.splice(0, log.length);
  const result = await provider.call(client, demo, context);
  return { loaded, demo, context, setupExchanges, exchanges: log, result };
}
