import { simulatorHandler } from '@sso/core/testing';
import type { HttpHandler } from 'msw';
import { BEYONDVISIT_BASE_URL } from '../constants.js';
import type { BeyondVisitSimulator } from './simulator.js';

export interface BeyondVisitHandlersOptions {
  /** The base URL the client under test uses. Default `https://panel.beyondvisit.com`. */
  baseUrl?: string;
  /** The caller IP the simulator sees. Default 127.0.0.1. */
  remoteAddress?: string;
}

/** MSW request handlers that answer everything under `baseUrl` from the simulator. */
export function beyondVisitHandlers(
  simulator: BeyondVisitSimulator,
  options: BeyondVisitHandlersOptions = {},
): HttpHandler[] {
  return [
    simulatorHandler(simulator, {
      baseUrl: options.baseUrl ?? BEYONDVISIT_BASE_URL,
      ...(options.remoteAddress === undefined ? {} : { remoteAddress: options.remoteAddress }),
    }),
  ];
}
