// Closing keep-alive sockets that sat unused in an agent's pool, without Node's per-request cost.
import type { Agent } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Idle keep-alive sockets are closed after about this long: under the 5 s that Node's and many
 * other servers keep an idle connection, so a request is rarely written to a socket the server is
 * closing. A server that announces a shorter `Keep-Alive: timeout=N` gets N − 1 s, as with Node's
 * own agent.
 */
export const IDLE_SOCKET_MS = 4_000;
/** How often a pool with free sockets is looked at: a socket closes 4.0–4.5 s after its last use. */
const SWEEP_MS = 500;

/** When each pooled socket must be closed (performance.now() clock). */
const closeAt = new WeakMap<Socket, number>();
/** Shorter limits announced by servers, per socket. */
const idleLimit = new WeakMap<Socket, number>();

/**
 * Makes `agent` close the sockets that stay in its free pool longer than IDLE_SOCKET_MS. Node's
 * `timeout` agent option does the same but hangs a timeout listener on the socket of every request
 * (2–3 µs of CPU per call on loopback); here a socket is stamped as it enters the pool and one
 * unreferenced timer per agent sweeps the pool while it holds sockets. The agent's
 * `keepSocketAlive` is replaced, not wrapped: it does what Node's does (keep-alive probes, unref,
 * no socket timeout, no pooling under a Keep-Alive hint of 1 s or less) from the hint noted by
 * `noteKeepAliveHint`, so the agent must only serve requests whose responses note it.
 */
export function closeIdleSockets<A extends Agent>(agent: A): A {
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(sweep, SWEEP_MS).unref();
  };
  const sweep = () => {
    scheduled = false;
    const now = performance.now();
    for (const sockets of Object.values(agent.freeSockets)) {
      for (const socket of sockets!) {
        if (now >= (closeAt.get(socket) ?? 0)) socket.destroy();
        else schedule();
      }
    }
  };
  // Node's own keepSocketAlive does the same, but reads the Keep-Alive hint from
  // `response.headers`, which builds every header of every response; here the hint was taken from
  // the raw header list as the response arrived (noteKeepAliveHint).
  agent.keepSocketAlive = (socket: Socket) => {
    const limit = idleLimit.get(socket) ?? IDLE_SOCKET_MS;
    // `timeout=1` or less: the server may close before the next request could be written.
    if (limit <= 0) return false;
    socket.setKeepAlive(true, (agent as { keepAliveMsecs?: number }).keepAliveMsecs);
    socket.unref();
    if (socket.timeout) socket.setTimeout(0);
    closeAt.set(socket, performance.now() + limit);
    schedule();
    return true;
  };
  return agent;
}

/** Notes a server's `Keep-Alive: timeout=N` (`hint`, the header's value) for `socket`. */
export function noteKeepAliveHint(socket: Socket, hint: string | undefined): void {
  const seconds = hint && /^timeout=(\d+)/i.exec(hint)?.[1];
  if (seconds) idleLimit.set(socket, Math.min(IDLE_SOCKET_MS, Number(seconds) * 1000 - 1000));
}
