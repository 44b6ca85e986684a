// The forward proxy a request must go through, from HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either
// case), as curl and most HTTP clients read them. Corporate networks set these; the node:http
// stack honours them (fetch on Node 20 does not read them at all).

/** A proxy to send through: its address and, from its userinfo, the Proxy-Authorization value. */
export interface ProxyTarget {
  url: URL;
  /** `Basic …` when the proxy URL carries credentials. */
  authorization: string | undefined;
  /** A stable key for pooling connections per proxy. */
  key: string;
}

type Env = Record<string, string | undefined>;

const envOf = (env: Env, name: string) => env[name.toLowerCase()] ?? env[name.toUpperCase()];

let parsed: { raw: string; target: ProxyTarget | undefined } | undefined;

/** The proxy for `url` (an absolute http: or https: URL), or undefined to connect directly. */
export function proxyFor(url: URL, env: Env = processEnv()): ProxyTarget | undefined {
  const https = url.protocol === 'https:';
  const proxy = https ? envOf(env, 'https_proxy') : envOf(env, 'http_proxy');
  if (!proxy) return undefined;
  if (bypassed(url, envOf(env, 'no_proxy') ?? '')) return undefined;
  if (parsed?.raw !== proxy) parsed = { raw: proxy, target: parseProxy(proxy) };
  return parsed.target;
}

function parseProxy(raw: string): ProxyTarget | undefined {
  let url: URL;
  try {
    // A bare `host:port`, as some environments set it, means http.
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:') return undefined;
  const authorization =
    url.username || url.password
      ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
      : undefined;
  return { url, authorization, key: `${url.host}|${authorization ?? ''}` };
}

/**
 * NO_PROXY: a comma- (or space-) separated list of host names, domain suffixes (`.corp.example` or
 * `corp.example`, which also covers its subdomains), IP addresses, each with an optional `:port`;
 * `*` bypasses the proxy for every host.
 */
export function bypassed(url: URL, noProxy: string): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const entry of noProxy.split(/[\s,]+/)) {
    if (!entry) continue;
    if (entry === '*') return true;
    const [name, entryPort] = splitPort(entry.toLowerCase());
    if (entryPort !== undefined && entryPort !== port) continue;
    const bare = name.replace(/^\*?\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}

function splitPort(entry: string): [string, string | undefined] {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return [bracketed[1]!, bracketed[2]];
  const colons = entry.split(':').length - 1;
  if (colons === 1) {
    const [name, port] = entry.split(':');
    return [name!, port];
  }
  return [entry, undefined];
}

/**
 * `proxyFor` with the environment read once (when a client is created) and the answer kept per
 * origin: reading `process.env` and parsing the URL on every call cost more than the rest of the
 * request set-up. A client created after the variables change sees the new values.
 */
export function proxyResolver(env: Env = processEnv()): (url: string) => ProxyTarget | undefined {
  const snapshot: Env = {};
  for (const name of ['https_proxy', 'http_proxy', 'no_proxy']) snapshot[name] = envOf(env, name);
  if (!snapshot.https_proxy && !snapshot.http_proxy) return () => undefined;
  const byOrigin = new Map<string, ProxyTarget | undefined>();
  return (url) => {
    const end = url.indexOf('/', url.indexOf('//') + 2);
    const origin = end === -1 ? url : url.slice(0, end);
    if (!byOrigin.has(origin)) byOrigin.set(origin, proxyFor(new URL(url), snapshot));
    return byOrigin.get(origin);
  };
}

function processEnv(): Env {
  return (globalThis as { process?: { env?: Env } }).process?.env ?? {};
}
