// The shapes the node:http stack and its proxy agents share.
import type { Agent } from 'node:http';
import type { ProxyTarget } from './proxy.js';

export interface NodeRequestInit {
  method: string;
  headers: Record<string, string> | undefined;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

/** A request function and the keep-alive agent it sends with, for one protocol (and proxy). */
export interface NodeHttpStack {
  request: typeof import('node:http').request;
  agent: Agent;
  /** For plain http through a forward proxy: requests go to it in absolute form. */
  proxy?: ProxyTarget;
}
