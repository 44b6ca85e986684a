// Classes of attack found by an independent hostile suite (issue 13), tried on every provider's
// main call: a compressed body far larger than the cap on both HTTP stacks, a fetch that ignores
// AbortSignal, secrets written in every encoding and echoed back, and issued secrets written in
// lexical forms a text search does not know.
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { isSsoError } from '@sso/core';
import { answerFor, exchangeKey, PROVIDERS, recordMainCall, SIM_BASE_URL, tryLoad } from '@sso/gates-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MiB = 1024 * 1024;
const TIMEOUT_MS = 150;
// A call that has not settled this long after its deadline counts as a hang.
const GRACE_MS = 1_000;

/** Settles a promise into `{ value }` / `{ error }`, or `{ hang: true }` after `ms`. */
async function settle(promise, ms) {
  let timer;
  const hang = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ hang: true }), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        (value) => ({ value }),
        (error) => ({ error }),
      ),
      hang,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// 64 MiB of zeros: about 64 KB gzipped, sent with a truthful Content-Length.
const bomb = gzipSync(Buffer.alloc(64 * MiB));
let bombServer;
let bombUrl;
beforeAll(async () => {
  bombServer = createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'text/xml; charset=utf-8',
      'content-encoding': 'gzip',
      'content-length': String(bomb.length),
    });
    res.end(bomb);
  });
  await new Promise((resolve) => bombServer.listen(0, '127.0.0.1', resolve));
  bombUrl = `http://127.0.0.1:${bombServer.address().port}/`;
});
afterAll(async () => {
  bombServer.closeAllConnections();
  await new Promise((resolve) => bombServer.close(resolve));
});

/** The spellings a secret takes on the wire, written here independently of the SDK's redaction. */
function wireForms(secret) {
  const xml = (s, table) => s.replace(/[&<>"']/g, (c) => table[c] ?? c);
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ x: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    xml(secret, { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }),
    xml(secret, { '&': '&amp;', '<': '&lt;', '>': '&gt;' }),
    xml(secret, { '&': '&amp;', '<': '&lt;' }),
    xml(secret, { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' }),
  ];
}

for (const provider of PROVIDERS) {
  describe(`${provider.pkg} ${provider.operation}: hostile classes`, () => {
    let loaded;
    let recorded;
    beforeAll(async () => {
      loaded = await tryLoad(provider);
      expect(loaded, `${provider.pkg} must be built`).toBeDefined();
      recorded = await recordMainCall(provider);
    });

    const create = (options) =>
      provider.create(loaded, { ...provider.clientOptions(recorded.demo), retry: false, ...options });
    const run = async (client) => {
      if (provider.warm) await provider.warm(client, recorded.demo, recorded.context);
      return provider.call(client, recorded.demo, recorded.context);
    };

    for (const stack of ['node:http', 'fetch']) {
      it(`a gzip bomb through ${stack} is MALFORMED_RESPONSE, decoded no further than about the cap`, async () => {
        let pulled = 0;
        const counting = async (input, init) => {
          const response = await globalThis.fetch(input, init);
          const body = response.body.pipeThrough(
            new TransformStream({
              transform(chunk, controller) {
                pulled += chunk.byteLength;
                controller.enqueue(chunk);
              },
            }),
          );
          return new Response(body, { status: response.status, headers: response.headers });
        };
        const client = create({
          baseUrl: bombUrl,
          allowInsecureHttp: true,
          maxResponseBytes: MiB,
          ...(stack === 'fetch' ? { fetch: counting } : {}),
        });
        const outcome = await settle(run(client), 10_000);
        expect(isSsoError(outcome.error, 'MALFORMED_RESPONSE'), String(outcome.error?.message)).toBe(true);
        expect(pulled).toBeLessThan(4 * MiB);
      });
    }

    it('a fetch that ignores AbortSignal: every call settles with TIMEOUT by its deadline', async () => {
      const client = create({
        baseUrl: SIM_BASE_URL,
        timeoutMs: TIMEOUT_MS,
        fetch: () => new Promise(() => {}),
      });
      for (let i = 0; i < 3; i++) {
        const outcome = await settle(run(client), TIMEOUT_MS + GRACE_MS);
        expect(outcome.hang, `call ${i + 1} hung`).toBeUndefined();
        expect(isSsoError(outcome.error, 'TIMEOUT'), String(outcome.error?.message)).toBe(true);
      }
    });

    it('secrets with characters every encoding escapes never reach hooks or errors, even when the server echoes the request', async () => {
      const secrets = provider.secretOptions.map((name, i) => `S${i}-Tr0ub4dor&3<"'> +%ü-${name}`);
      const overrides = Object.fromEntries(provider.secretOptions.map((name, i) => [name, secrets[i]]));
      const echoed = [];
      const seen = [];
      const echo = async (input, init) => {
        const request = new Request(input, init);
        const text = `${request.url}\n${[...request.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${await request.text()}`;
        echoed.push(text);
        return new Response(`<html><body><pre>${text}</pre></body></html>`, {
          status: 500,
          headers: { 'content-type': 'text/html' },
        });
      };
      const record = (payload) => seen.push(JSON.stringify(payload));
      const client = create({
        ...overrides,
        baseUrl: SIM_BASE_URL,
        fetch: echo,
        hooks: {
          onRequest: record,
          onResponse: record,
          onError: (e) => record({ ...e, error: e.error.message }),
        },
      });
      const outcome = await settle(run(client), 5_000);
      expect(isSsoError(outcome.error), String(outcome.error)).toBe(true);
      seen.push(outcome.error.message, JSON.stringify(outcome.error));
      expect(echoed.length).toBeGreaterThan(0);
      for (const secret of secrets) {
        for (const form of wireForms(secret)) {
          for (const text of seen) expect(text.includes(form), `${form} leaked`).toBe(false);
        }
      }
    });
  });
}

/** How each provider's main answer issues a secret, rewritten into forms a text search misses. */
const ISSUED = {
  euromsg: {
    value: (body) => /<ServiceTicket>([^<]+)<\/ServiceTicket>/.exec(body)?.[1],
    rewrite: (body, v) =>
      body.replace(
        `<ServiceTicket>${v}</ServiceTicket>`,
        `<ServiceTicket><![CDATA[${v.slice(0, 5)}]]>&#${v.charCodeAt(5)};<![CDATA[${v.slice(6)}]]></ServiceTicket>`,
      ),
    result: (r) => r.serviceTicket,
  },
  gittigidiyor: {
    value: (body) => /<tokenId>([^<]+)<\/tokenId>/.exec(body)?.[1],
    rewrite: (body, v) =>
      body.replace(
        `<tokenId>${v}</tokenId>`,
        `<tokenId><![CDATA[${v.slice(0, 4)}]]><![CDATA[${v.slice(4)}]]></tokenId>`,
      ),
    result: (r) => r.tokenId,
  },
  beyondvisit: {
    value: (body) => JSON.parse(body).loginToken,
    rewrite: (body, v) =>
      body.replace(JSON.stringify(v), `"\\u${v.charCodeAt(0).toString(16).padStart(4, '0')}${v.slice(1)}"`),
    result: (r) => r.loginToken,
  },
  dia: {
    value: (body) => {
      const { code, msg } = JSON.parse(body);
      return code === '200' && /^[0-9a-f]{32}$/.test(msg) ? msg : undefined;
    },
    // An escape in the middle splits the 32-hex run a text pattern looks for.
    rewrite: (body, v) =>
      body.replace(
        `"${v}"`,
        `"${v.slice(0, 16)}\\u${v.charCodeAt(16).toString(16).padStart(4, '0')}${v.slice(17)}"`,
      ),
  },
  faxmax: {
    value: (body) => JSON.parse(body).result?.token,
    rewrite: (body, v) =>
      body.replace(JSON.stringify(v), `"\\u${v.charCodeAt(0).toString(16).padStart(4, '0')}${v.slice(1)}"`),
    result: (r) => r.token,
  },
};

describe('issued secrets written in forms a text search does not know never reach onResponse', () => {
  for (const provider of PROVIDERS.filter((p) => ISSUED[p.id])) {
    it(`${provider.pkg} ${provider.operation}`, async () => {
      const issued = ISSUED[provider.id];
      const loaded = await tryLoad(provider);
      const { demo, context, setupExchanges, exchanges } = await recordMainCall(provider);
      const flow = [...setupExchanges, ...exchanges];
      // The recorded answers are replayed, so the value the client gets is the recorded one.
      const value = flow.map((x) => issued.value(x.response.body)).find(Boolean);
      expect(value, 'the recorded flow issues a secret').toBeTruthy();
      const main = exchanges.at(-1);
      const byKey = new Map(flow.map((x) => [x.key, x]));
      const bodies = [];
      const fetch = async (input, init) => {
        const request = new Request(input, init);
        const body = request.method === 'GET' ? '' : await request.text();
        const exchange = byKey.get(exchangeKey(request.method, request.url, request.headers, body)) ?? main;
        let text = answerFor(exchange, body);
        const own = issued.value(text);
        if (own) text = issued.rewrite(text, own);
        return new Response(text, { status: exchange.response.status, headers: exchange.response.headers });
      };
      const client = provider.create(loaded, {
        ...provider.clientOptions(demo),
        baseUrl: SIM_BASE_URL,
        fetch,
        hooks: { onResponse: (r) => bodies.push(r.body) },
      });
      if (provider.warm) await provider.warm(client, demo, context);
      const result = await provider.call(client, demo, context);
      if (issued.result) expect(issued.result(result)).toBe(value);
      expect(bodies.length).toBeGreaterThan(0);
      for (const body of bodies) {
        for (const piece of [value.slice(0, 8), value.slice(8, 16), value.slice(-8)]) {
          expect(body).not.toContain(piece);
        }
      }
    });
  }
});
