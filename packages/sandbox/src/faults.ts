/**
 * Fault injection for resilience tests. Every request to a provider mount draws one number from
 * a seeded generator at arrival; the draw picks at most one of reset / 500 / truncate by their
 * probabilities, so with the same seed and the same request order the same requests fail.
 */

export type FaultKind = 'reset' | 'http500' | 'truncate';

export interface FaultConfig {
  /** Delay before answering, in ms: a fixed value or an inclusive `[min, max]` range. */
  latencyMs?: number | [number, number];
  /** Probability (0..1) that the socket is destroyed without an answer. */
  reset?: number;
  /** Probability (0..1) of an HTTP 500 HTML page instead of the provider's answer. */
  http500?: number;
  /** Probability (0..1) that the answer is cut in half and the connection ended. */
  truncate?: number;
  /** Seed of the generator; the same seed gives the same sequence of faults. */
  seed?: number;
}

export interface FaultDecision {
  kind: FaultKind | undefined;
  latencyMs: number;
}

export interface FaultStats {
  /** Requests that went through fault selection. */
  requests: number;
  reset: number;
  http500: number;
  truncate: number;
  /** Requests that were delayed (latency > 0). */
  delayed: number;
}

export class FaultSpecError extends Error {
  override readonly name = 'FaultSpecError';
}

const MAX_LATENCY_MS = 60_000;

/**
 * Parses `latency=200ms,reset=5%,500=5%,truncate=2%`. Latency accepts `ms` or `s` units and a
 * range `50-250ms`; probabilities accept `5%` or a fraction `0.05`.
 */
export function parseFaultSpec(spec: string, seed?: number): FaultConfig {
  const config: FaultConfig = {};
  if (seed !== undefined) config.seed = seed;
  const trimmed = spec.trim();
  if (trimmed === '' || trimmed === 'none') return config;
  for (const part of trimmed.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new FaultSpecError(`fault "${part}" is not name=value`);
    const name = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    switch (name) {
      case 'latency':
      case 'delay':
        config.latencyMs = parseLatency(value);
        break;
      case 'reset':
        config.reset = parseProbability(name, value);
        break;
      case '500':
      case 'http500':
        config.http500 = parseProbability(name, value);
        break;
      case 'truncate':
        config.truncate = parseProbability(name, value);
        break;
      default:
        throw new FaultSpecError(`unknown fault "${name}" (known: latency, reset, 500, truncate)`);
    }
  }
  validateFaultConfig(config);
  return config;
}

/** Throws FaultSpecError when a config's numbers are out of range. */
export function validateFaultConfig(config: FaultConfig): void {
  const total = (config.reset ?? 0) + (config.http500 ?? 0) + (config.truncate ?? 0);
  for (const [name, p] of [
    ['reset', config.reset],
    ['500', config.http500],
    ['truncate', config.truncate],
  ] as const) {
    if (p !== undefined && !(Number.isFinite(p) && p >= 0 && p <= 1)) {
      throw new FaultSpecError(`${name} must be a probability between 0% and 100%`);
    }
  }
  if (total > 1 + 1e-9) throw new FaultSpecError('reset + 500 + truncate must not exceed 100%');
  const latency = config.latencyMs;
  if (latency !== undefined) {
    const [min, max] = typeof latency === 'number' ? [latency, latency] : latency;
    if (!(Number.isFinite(min) && Number.isFinite(max) && min >= 0 && max >= min && max <= MAX_LATENCY_MS)) {
      throw new FaultSpecError(`latency must be between 0 and ${MAX_LATENCY_MS} ms (min <= max)`);
    }
  }
  if (config.seed !== undefined && !Number.isInteger(config.seed)) {
    throw new FaultSpecError('fault seed must be an integer');
  }
}

function parseLatency(value: string): number | [number, number] {
  const m = /^(\d+(?:\.\d+)?)(?:\s*-\s*(\d+(?:\.\d+)?))?\s*(ms|s)?$/i.exec(value);
  if (!m) throw new FaultSpecError(`latency "${value}" is not like 200ms, 1s or 50-250ms`);
  const unit = (m[3] ?? 'ms').toLowerCase() === 's' ? 1000 : 1;
  const min = Number(m[1]) * unit;
  if (m[2] === undefined) return min;
  return [min, Number(m[2]) * unit];
}

function parseProbability(name: string, value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(%)?$/.exec(value);
  if (!m) throw new FaultSpecError(`${name} "${value}" is not a percentage like 5%`);
  const n = Number(m[1]);
  return m[2] ? n / 100 : n;
}

/** mulberry32: tiny, fast, good enough for picking faults reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultInjector {
  /** Draws the fault for the next request and counts it. */
  next(): FaultDecision;
  stats(): FaultStats;
  /** The active configuration (a copy). */
  config(): FaultConfig;
  /** Replaces the configuration, restarts the generator from its seed and zeroes the counts. */
  configure(config: FaultConfig | string | undefined): void;
  /** True when any fault or latency is configured. */
  readonly active: boolean;
}

export function createFaultInjector(initial?: FaultConfig | string): FaultInjector {
  let config: FaultConfig = {};
  let random: () => number = Math.random;
  let counts: FaultStats = emptyStats();

  const configure = (next: FaultConfig | string | undefined) => {
    const parsed = typeof next === 'string' ? parseFaultSpec(next) : { ...(next ?? {}) };
    validateFaultConfig(parsed);
    config = parsed;
    random = seededRandom(parsed.seed ?? Date.now() ^ (process.pid << 8));
    counts = emptyStats();
  };
  configure(initial);

  return {
    next() {
      counts.requests += 1;
      // Always draw twice (kind, latency) so the sequence does not depend on which faults are on.
      const roll = random();
      const latencyRoll = random();
      let kind: FaultKind | undefined;
      const resetEdge = config.reset ?? 0;
      const http500Edge = resetEdge + (config.http500 ?? 0);
      const truncateEdge = http500Edge + (config.truncate ?? 0);
      if (roll < resetEdge) kind = 'reset';
      else if (roll < http500Edge) kind = 'http500';
      else if (roll < truncateEdge) kind = 'truncate';
      if (kind) counts[kind] += 1;
      const latency = config.latencyMs;
      let latencyMs = 0;
      if (typeof latency === 'number') latencyMs = latency;
      else if (latency) latencyMs = Math.round(latency[0] + latencyRoll * (latency[1] - latency[0]));
      if (latencyMs > 0) counts.delayed += 1;
      return { kind, latencyMs };
    },
    stats: () => ({ ...counts }),
    config: () => ({
      ...config,
      ...(Array.isArray(config.latencyMs) ? { latencyMs: [...config.latencyMs] } : {}),
    }),
    configure,
    get active() {
      return Boolean(config.latencyMs || config.reset || config.http500 || config.truncate);
    },
  };
}

function emptyStats(): FaultStats {
  return { requests: 0, reset: 0, http500: 0, truncate: 0, delayed: 0 };
}

/** `latency=200ms,reset=5%` back from a config, for the start banner. */
export function describeFaults(config: FaultConfig): string {
  const parts: string[] = [];
  const l = config.latencyMs;
  if (l !== undefined && l !== 0)
    parts.push(`latency=${typeof l === 'number' ? `${l}ms` : `${l[0]}-${l[1]}ms`}`);
  const pct = (p: number) => `${Math.round(p * 10000) / 100}%`;
  if (config.reset) parts.push(`reset=${pct(config.reset)}`);
  if (config.http500) parts.push(`500=${pct(config.http500)}`);
  if (config.truncate) parts.push(`truncate=${pct(config.truncate)}`);
  if (parts.length === 0) return 'none';
  return config.seed === undefined ? parts.join(',') : `${parts.join(',')} (seed ${config.seed})`;
}
