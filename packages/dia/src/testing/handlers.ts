import { simulatorHandler } from '@sso/core/testing';
import type { HttpHandler } from 'msw';
import type { DiaSimulator } from './simulator.js';

export interface DiaHandlersOptions {
  /** The base URL the client under test uses, e.g. `https://demo.ws.dia.com.tr/api/v3/`. */
  baseUrl: string;
  /** IP address the simulator sees as the caller. */
  remoteAddress?: string;
}

/** MSW handlers that send every request under `baseUrl` to the simulator. */
export function diaHandlers(simulator: DiaSimulator, options: DiaHandlersOptions): HttpHandler[] {
  return [simulatorHandler(simulator, options)];
}
