// Small pieces every provider simulator (and the sandbox) needs to answer like a web server.

/** Escapes text for HTML content and attribute values (numeric references, valid in both). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

type HeaderRecord = Record<string, string>;

/** Responses with the content types simulators answer with. */
export const respond = {
  json: (body: unknown, status = 200, headers: HeaderRecord = {}): Response =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    }),
  text: (body: string, status = 200, headers: HeaderRecord = {}): Response =>
    new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } }),
  html: (page: string, status = 200, headers: HeaderRecord = {}): Response =>
    new Response(page, { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } }),
};

/**
 * The request body as text, or undefined when it is longer than `maxBytes`: reading stops at the
 * cap, so an oversized body costs no more memory than the cap.
 */
export async function readCappedText(request: Request, maxBytes: number): Promise<string | undefined> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** Handles one method of a route; `match` holds the path (and the pattern's groups). */
export type RouteHandler<Args extends unknown[]> = (
  request: Request,
  match: string[],
  ...args: Args
) => Promise<Response> | Response;

/** One entry of a route table: the handler per method for one path. */
export interface Route<Args extends unknown[]> {
  /** Exact path (`/login`) or a pattern whose groups reach the handler (`/^\/(\w+)\/json$/`). */
  path: string | RegExp;
  /** Handlers by method; `*` takes every method not listed (and is left out of `allow`). */
  methods: Readonly<Record<string, RouteHandler<Args>>>;
}

export interface RouteTableOptions {
  /** The answer for an unknown path. Default `404 Not Found` as text/plain. */
  notFound?: () => Response;
  /** The answer for a known path and another method. Default `405 Method Not Allowed` with `allow`. */
  methodNotAllowed?: (allow: string) => Response;
}

/** Dispatches a request by path, then method; simulators keep their provider's 404 and 405 answers. */
export function routeTable<Args extends unknown[]>(
  routes: ReadonlyArray<Route<Args>>,
  options: RouteTableOptions = {},
): (request: Request, ...args: Args) => Promise<Response> {
  const notFound =
    options.notFound ??
    (() => new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } }));
  const methodNotAllowed =
    options.methodNotAllowed ??
    ((allow: string) => new Response('Method Not Allowed', { status: 405, headers: { allow } }));
  return async (request, ...args) => {
    const { pathname } = new URL(request.url);
    for (const route of routes) {
      const match =
        typeof route.path === 'string'
          ? route.path === pathname
            ? [pathname]
            : null
          : route.path.exec(pathname);
      if (!match) continue;
      const handler = route.methods[request.method] ?? route.methods['*'];
      if (handler) return handler(request, [...match], ...args);
      return methodNotAllowed(
        Object.keys(route.methods)
          .filter((m) => m !== '*')
          .join(', '),
      );
    }
    return notFound();
  };
}
