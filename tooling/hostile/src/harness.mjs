// The hostile-response property for one provider descriptor: every scenario (one exchange of the
// flow answered with a hostile response, the others with their recorded valid answers) must end in
// a typed result or an SsoError within the client's timeout plus a grace period.
import { isSsoError, SSO_ERROR_CODES } from '@sso/core';
import { answerFor, exchangeKey, SIM_BASE_URL } from '@sso/gates-kit';
import fc from 'fast-check';
import { hostileResponse, toResponse } from './arbitraries.mjs';

export const CLIENT_TIMEOUT_MS = 150;
// A call that has not settled this long after it started counts as a hang.
export const HANG_MS = CLIENT_TIMEOUT_MS + 1_000;

/** Settles `promise` into an outcome, or `{ kind: 'hang' }` after `ms`. */
async function settle(promise, ms) {
  let timer;
  const hang = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'hang' }), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        (value) => ({ kind: 'result', value }),
        (error) => ({ kind: 'error', error }),
      ),
      hang,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const describeError = (error) =>
  `${error?.constructor?.name ?? typeof error}: ${String(error?.message ?? error).slice(0, 300)}`;

/**
 * @param {object} args
 * @param {import('@sso/gates-kit').PROVIDERS[number]} args.provider
 * @param {any} args.loaded  what provider.load() returned
 * @param {any} args.demo
 * @param {any} args.context
 * @param {Array<any>} args.flow  recorded exchanges (setup and main call)
 * @param {{ result: number, error: number, codes: Map<string, number> }} args.counts  filled in
 */
export function hostileProperty({ provider, loaded, demo, context, flow, counts }) {
  const exchangeByKey = new Map(flow.map((x) => [x.key, x]));
  const scenario = fc.nat({ max: flow.length - 1 }).chain((target) =>
    hostileResponse({
      body: flow[target].response.body,
      contentType: flow[target].response.headers['content-type'],
    }).map((hostile) => ({ target, hostile })),
  );
  return fc.asyncProperty(scenario, async ({ target, hostile }) => {
    const targetKey = flow[target].key;
    const fetch = async (input, init) => {
      const request = new Request(input, init);
      const body = request.method === 'GET' ? '' : await request.text();
      const key = exchangeKey(request.method, request.url, request.headers, body);
      const recorded = exchangeByKey.get(key);
      if (key !== targetKey && recorded) {
        const { status, headers } = recorded.response;
        return new Response(answerFor(recorded, body), { status, headers });
      }
      if (hostile.throwError) throw hostile.throwError;
      const answer =
        recorded && typeof hostile.body === 'string'
          ? { ...hostile, body: answerFor(recorded, body, hostile.body) }
          : hostile;
      return toResponse(answer, init?.signal ?? undefined);
    };
    const client = provider.create(loaded, {
      ...provider.clientOptions(demo),
      baseUrl: SIM_BASE_URL,
      fetch,
      timeoutMs: CLIENT_TIMEOUT_MS,
      retry: { maxAttempts: 2, baseDelayMs: 0, maxDelayMs: 0 },
    });
    const outcome = await settle(
      (async () => {
        if (provider.warm) await provider.warm(client, demo, context);
        return provider.call(client, demo, context);
      })(),
      HANG_MS,
    );
    if (outcome.kind === 'hang') throw new Error(`no outcome ${HANG_MS} ms after the call started`);
    if (outcome.kind === 'error') {
      if (!isSsoError(outcome.error))
        throw new Error(`threw a non-SsoError: ${describeError(outcome.error)}`);
      if (!SSO_ERROR_CODES.includes(outcome.error.code))
        throw new Error(`unknown SsoError code ${outcome.error.code}`);
      counts.error += 1;
      counts.codes.set(outcome.error.code, (counts.codes.get(outcome.error.code) ?? 0) + 1);
      return;
    }
    if (!provider.isResult(outcome.value)) {
      throw new Error(
        `resolved with a value that is not a typed result: ${JSON.stringify(outcome.value)?.slice(0, 200)}`,
      );
    }
    counts.result += 1;
  });
}

export const newCounts = () => ({ result: 0, error: 0, codes: new Map() });
