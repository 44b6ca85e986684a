import type { CallerInfo, ProviderSimulator } from '@sso/core/simulator';

/**
 * Serves `GET {path}?wsdl` for a simulator, as ASMX and JAX-WS serve their WSDL at the service's
 * own address, with every `…:address location` rewritten to where the request came in — so a SOAP
 * client built from the sandbox's WSDL calls the sandbox, not the provider.
 */
export function withWsdl(
  simulator: ProviderSimulator,
  /** Service path relative to the mount (`/auth.asmx`) → WSDL text. */
  documents: Readonly<Record<string, string>>,
  /** The mount's prefix (`/euromsg`), part of the public address. */
  prefix: string,
): ProviderSimulator {
  // ASMX matches paths without regard to case; so does this.
  const byPath = new Map(Object.entries(documents).map(([path, text]) => [path.toLowerCase(), text]));
  return {
    provider: simulator.provider,
    handle(request: Request, caller?: CallerInfo): Promise<Response> {
      const url = new URL(request.url);
      const wsdl = byPath.get(url.pathname.toLowerCase());
      if (wsdl === undefined || url.search.toLowerCase() !== '?wsdl' || !isRead(request.method)) {
        return simulator.handle(request, caller);
      }
      const host = request.headers.get('host') ?? url.host;
      const address = `http://${host}${prefix}${url.pathname}`;
      return Promise.resolve(
        new Response(request.method === 'HEAD' ? null : rewriteAddresses(wsdl, address), {
          status: 200,
          headers: { 'content-type': 'text/xml; charset=utf-8' },
        }),
      );
    },
  };
}

const isRead = (method: string) => method === 'GET' || method === 'HEAD';

/** Replaces the `location` of every `soap:address`, `soap12:address` and `http:address`. */
export function rewriteAddresses(wsdl: string, address: string): string {
  const escaped = address.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return wsdl.replace(/(<(?:[\w.-]+:)?address\b[^>]*?\blocation\s*=\s*)("[^"]*"|'[^']*')/g, `$1"${escaped}"`);
}
