import { type SimulatorHandlerOptions, simulatorHandler } from '@sso/core/testing';
import type { HttpHandler } from 'msw';
import type { FaxmaxSimulator } from './simulator.js';

/**
 * MSW handlers that route everything under `baseUrl` (the client's `https://{domain}/` or its
 * `baseUrl` override) to the simulator. `remoteAddress` is the IP the simulator sees (default 127.0.0.1).
 */
export function faxmaxHandlers(simulator: FaxmaxSimulator, options: SimulatorHandlerOptions): HttpHandler[] {
  return [simulatorHandler(simulator, options)];
}
