import { simulatorHandler } from '@sso/core/testing';
import type { HttpHandler } from 'msw';
import type { EuromsgSimulator } from './simulator.js';

export interface EuromsgHandlerOptions {
  /** The base URL the client under test uses (its platform URL). */
  baseUrl: string;
  /** The IP address the simulator sees as the caller. Default 127.0.0.1. */
  remoteAddress?: string;
}

/** MSW handlers that forward `{baseUrl}auth.asmx` and `{baseUrl}post.asmx` to the simulator. */
export function euromsgHandlers(simulator: EuromsgSimulator, options: EuromsgHandlerOptions): HttpHandler[] {
  return [simulatorHandler(simulator, options)];
}
