import { simulatorHandler } from '@sso/core/testing';
import type { HttpHandler } from 'msw';
import type { GittiGidiyorSimulator } from './simulator.js';

export interface GittiGidiyorHandlerOptions {
  /** The base URL the client under test uses (its `baseUrl`). */
  baseUrl: string;
  remoteAddress?: string;
}

/** MSW handlers forwarding `{baseUrl}CommunityAuthService` and `{baseUrl}login` to the simulator. */
export function gittigidiyorHandlers(
  simulator: GittiGidiyorSimulator,
  options: GittiGidiyorHandlerOptions,
): HttpHandler[] {
  return [simulatorHandler(simulator, options)];
}
