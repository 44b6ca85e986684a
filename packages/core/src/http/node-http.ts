import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import type { SsoError } from '../errors.js';
import { nodeBuiltin } from '../node-builtin.js';
import type { Exchange } from './call-state.js';
import { withUserAgent } from './headers.js';
import { closeIdleSockets, noteKeepAliveHint } from './idle-sockets.js';
import type { NodeHttpStack, NodeRequestInit } from './node-types.js';
import type { ProxyTarget } from './proxy.js';
import { absoluteForm, proxiedStack } from './proxy-agents.js';
import { BodyReadFailure, bodyTooLarge, utf8 } from './read-body.js';
import type { HttpStack } from './stack.js';

/**
 * Node's own HTTP client, used by the transport when no `fetch` was injected. On Node 20 a fetch
 * of a small body costs 250–450 µs of CPU (most of it WHATWG stream machinery), node:http with a
 * keep-alive agent about a quarter of that. Anything that looks like a deliberate choice of fetch
 * keeps fetch: a replaced global fetch (a spy, a polyfill) or a global undici dispatcher other
 * than the default agent (a ProxyAgent, a MockAgent), or NODE_USE_ENV_PROXY. Other runtimes
 * (browsers, Bun, Deno, edge) always use fetch.
 */

/** A response whose body was read in full (within the cap). */
export class NodeAnswer {
  #headers: Headers | undefined;

  constructor(
    readonly status: number,
    // Node's raw list: its `response.headers` object would be built in full on first access.
    private readonly rawHeaders: string[],
    readonly text: string,
  ) {}

  /** As a WHATWG Headers object, built on first use. */
  get headers(): Headers {
    this.#headers ??= toHeaders(this.rawHeaders);
    return this.#headers;
  }
}

/**
 * A header of `response` read from its raw list: cheaper than `response.headers`, which Node
 * builds in full on first access. The first occurrence; for the single-valued headers read here.
 */
function rawHeader(response: IncomingMessage, name: string): string | undefined {
  const raw = response.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const key = raw[i]!;
    if (key.length === name.length && key.toLowerCase() === name) return raw[i + 1];
  }
  return undefined;
}

let stacks: { 'http:': NodeHttpStack; 'https:': NodeHttpStack } | null | undefined;
const platformFetch = globalThis.fetch;
const UNDICI_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

function isNode(): boolean {
  const scope = globalThis as {
    process?: { versions?: { node?: string; bun?: string }; env?: Record<string, string | undefined> };
    Deno?: unknown;
    navigator?: { userAgent?: string };
  };
  const versions = scope.process?.versions;
  if (typeof versions?.node !== 'string' || versions.bun !== undefined || scope.Deno !== undefined)
    return false;
  // Newer Node versions route fetch (and only their global http agents) through HTTP_PROXY and
  // friends when this is set: such processes stay on fetch so the proxy applies.
  const proxyFromEnv = scope.process?.env?.NODE_USE_ENV_PROXY;
  if (proxyFromEnv !== undefined && proxyFromEnv !== '' && proxyFromEnv !== '0') return false;
  const agent = scope.navigator?.userAgent;
  return agent === undefined || agent.startsWith('Node.js');
}

function loadStacks(): typeof stacks {
  if (!isNode()) return null;
  try {
    const over = (module: typeof import('node:http') | typeof import('node:https')): NodeHttpStack => ({
      request: module.request as NodeHttpStack['request'],
      agent: closeIdleSockets(new module.Agent({ keepAlive: true })),
    });
    return { 'http:': over(nodeBuiltin('node:http')), 'https:': over(nodeBuiltin('node:https')) };
  } catch {
    return null;
  }
}

/**
 * The node:http stack for `url`, or undefined when this call must go through fetch. The globals
 * are looked at on every call: a test may patch fetch after the client was made.
 */
export function nodeHttpFor(
  url: string,
  proxyOf: (url: string) => ProxyTarget | undefined,
): NodeHttpStack | undefined {
  if (globalThis.fetch !== platformFetch) return undefined;
  const dispatcher = (globalThis as Record<symbol, { constructor?: { name?: string } } | undefined>)[
    UNDICI_DISPATCHER
  ];
  if (dispatcher !== undefined && dispatcher.constructor?.name !== 'Agent') return undefined;
  if (stacks === undefined) stacks = loadStacks();
  if (!stacks) return undefined;
  const https = url.startsWith('https:');
  if (!https && !url.startsWith('http:')) return undefined;
  const proxy = proxyOf(url);
  if (proxy) return proxiedStack(proxy, https);
  return https ? stacks['https:'] : stacks['http:'];
}

// One HttpStack per node stack (protocol, proxy): nothing in it depends on the call.
const httpStacks = new WeakMap<NodeHttpStack, HttpStack>();

/**
 * The node:http stack, or undefined when a call must go through fetch (see `nodeHttpFor`). The
 * deadline tears the request down (through `state.cancel`), so no race is needed: a destroyed
 * socket costs node:http nothing.
 */
export function nodeHttpStack(
  url: string,
  proxyOf: (url: string) => ProxyTarget | undefined,
): HttpStack | undefined {
  const stack = nodeHttpFor(url, proxyOf);
  if (!stack) return undefined;
  let httpStack = httpStacks.get(stack);
  if (!httpStack) {
    httpStack = stackOver(stack);
    httpStacks.set(stack, httpStack);
  }
  return httpStack;
}

function stackOver(stack: NodeHttpStack): HttpStack {
  return {
    attempt(request, limits, state): Promise<Exchange> {
      const answer = nodeExchange(
        stack,
        request.url,
        request,
        limits.maxBytes,
        (status) => bodyTooLarge(limits.maxBytes, status, limits.errorBase),
        state,
      );
      const { retryDelay } = limits;
      if (!retryDelay) return answer;
      return answer.then((got) => {
        const retryAfterMs = retryDelay(got.status, () => got.headers.get('retry-after'));
        return retryAfterMs === undefined
          ? got
          : { status: got.status, headers: got.headers, text: '', retryAfterMs };
      });
    },
  };
}

/** Where a pending request hands out the means to tear it down (the transport's deadline). */
export interface Cancellable {
  cancel: ((reason: unknown) => void) | undefined;
}

/**
 * One request. Rejects with the request's error when no response arrived (refused, reset, aborted
 * through `signal`), with a BodyReadFailure once the status is known (a broken body, a body over
 * `maxBytes`, an undecodable content coding), and with the given reason when `watch.cancel` is
 * called while the request is pending (the request is then destroyed).
 */
export function nodeExchange(
  stack: NodeHttpStack,
  url: string,
  init: NodeRequestInit,
  maxBytes: number,
  tooLarge: (status: number) => SsoError,
  watch?: Cancellable,
): Promise<NodeAnswer> {
  return new Promise<NodeAnswer>((resolve, reject) => {
    // Node writes the Content-Length of a body given to `end` itself, so the headers are passed
    // as they are (for constant headers, one prepared object) instead of copied per call.
    const headers = withUserAgent(init.headers);
    // Once settled the request must not be torn down any more: its socket may already serve
    // another request from the keep-alive pool.
    const settle =
      watch === undefined
        ? { resolve, reject }
        : {
            resolve: (answer: NodeAnswer) => {
              watch.cancel = undefined;
              resolve(answer);
            },
            reject: (reason: unknown) => {
              watch.cancel = undefined;
              reject(reason);
            },
          };
    const onResponse = (response: IncomingMessage) =>
      readAnswer(response, maxBytes, tooLarge, settle.resolve, settle.reject);
    let request: ClientRequest;
    if (stack.proxy) {
      request = stack.request(absoluteForm(stack.proxy, url, init, headers, stack.agent), onResponse);
    } else {
      const { protocol, hostname, port, path, auth } = requestTarget(url);
      const { method, signal } = init;
      request = stack.request(
        { protocol, hostname, port, path, auth, method, headers, agent: stack.agent, signal },
        onResponse,
      );
    }
    request.on('error', settle.reject);
    // A bound function, not a closure: a closure here would put `request` in the context every
    // other closure of this exchange shares, and under load that kept whole exchanges alive
    // across young-generation collections (3-4x the scavenge time, old-space collections).
    if (watch) watch.cancel = tearDown.bind(undefined, request, settle.reject);
    request.end(init.body);
  });
}

/** The parts of a URL node:http sends to (see Node's `urlToHttpOptions`). */
type Target = Pick<RequestOptions, 'protocol' | 'hostname' | 'port' | 'path' | 'auth'>;

const targets = new Map<string, Target>();

/**
 * Where a request to `url` goes, kept per URL: a client sends to a few fixed URLs, and node:http
 * would otherwise parse the URL again on every request. A URL with a query or credentials is not
 * kept: it may carry a secret, and this map outlives the client.
 */
function requestTarget(url: string): Target {
  let target = targets.get(url);
  if (target === undefined) {
    const { protocol, hostname, port, path, auth } = nodeBuiltin('node:url').urlToHttpOptions(new URL(url));
    target = { protocol, hostname, port, path, auth };
    if (auth !== undefined || path?.includes('?')) return target;
    if (targets.size >= 256) targets.clear();
    targets.set(url, target);
  }
  return target;
}

function tearDown(request: ClientRequest, reject: (reason: unknown) => void, reason: unknown): void {
  reject(reason);
  request.destroy();
}

/** Reads the body of `response` within `maxBytes` and settles the exchange with it. */
function readAnswer(
  response: IncomingMessage,
  maxBytes: number,
  tooLarge: (status: number) => SsoError,
  resolve: (answer: NodeAnswer) => void,
  reject: (reason: unknown) => void,
): void {
  const status = response.statusCode ?? 0;
  noteKeepAliveHint(response.socket, rawHeader(response, 'keep-alive'));
  const fail = (cause: unknown) => {
    response.destroy();
    reject(new BodyReadFailure(status, cause));
  };
  const declared = Number(rawHeader(response, 'content-length'));
  if (declared > maxBytes) {
    fail(tooLarge(status));
    return;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  response.on('data', (chunk: Buffer) => {
    received += chunk.byteLength;
    if (received > maxBytes) fail(tooLarge(status));
    else chunks.push(chunk);
  });
  response.on('end', () => {
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received);
    let text: string;
    try {
      text = utf8.decode(decodeContent(bytes, rawHeader(response, 'content-encoding'), maxBytes));
    } catch (cause) {
      reject(new BodyReadFailure(status, isTooLarge(cause) ? tooLarge(status) : cause));
      return;
    }
    resolve(new NodeAnswer(status, response.rawHeaders, text));
  });
  response.on('error', (cause) => reject(new BodyReadFailure(status, cause)));
  response.on('close', () => {
    if (!response.complete) reject(new BodyReadFailure(status, new Error('the connection closed mid-body')));
  });
}

/** Undoes the content codings fetch undoes (gzip, deflate, br); any other is left as it came. */
function decodeContent(bytes: Buffer, coding: string | undefined, maxBytes: number): Buffer {
  if (coding === undefined || bytes.byteLength === 0) return bytes;
  const zlib = nodeBuiltin('node:zlib');
  const limit = { maxOutputLength: maxBytes };
  switch (coding.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.gunzipSync(bytes, limit);
    case 'deflate':
      // Servers send both zlib-wrapped and raw deflate under this name.
      try {
        return zlib.inflateSync(bytes, limit);
      } catch (error) {
        if (isTooLarge(error)) throw error;
        return zlib.inflateRawSync(bytes, limit);
      }
    case 'br':
      return zlib.brotliDecompressSync(bytes, limit);
    default:
      return bytes;
  }
}

const isTooLarge = (error: unknown) =>
  (error as { code?: unknown } | undefined)?.code === 'ERR_BUFFER_TOO_LARGE';

/** Node's raw header list as WHATWG Headers, repeated headers appended as fetch does. */
function toHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) {
    try {
      headers.append(raw[i]!, raw[i + 1]!);
    } catch {
      // A value WHATWG Headers refuses (fetch would have failed on it): left out.
    }
  }
  return headers;
}
