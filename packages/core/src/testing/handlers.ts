import { type HttpHandler, http } from 'msw';
import { type ProviderSimulator, rebaseRequest } from './simulator.js';

export interface SimulatorHandlerOptions {
  /** The base URL the client under test is configured with. */
  baseUrl: string;
  /** IP address the simulator sees as the caller. Default 127.0.0.1. */
  remoteAddress?: string;
}

/** One MSW handler that forwards every request under `baseUrl` to a provider simulator. */
export function simulatorHandler(
  simulator: ProviderSimulator,
  options: SimulatorHandlerOptions,
): HttpHandler {
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  return http.all(`${base}*`, async ({ request }) => {
    const rebased = rebaseRequest(request, base);
    if (!rebased) return undefined;
    return simulator.handle(rebased, { remoteAddress: options.remoteAddress ?? '127.0.0.1' });
  });
}
