import { inspect } from 'node:util';
import type { Hooks } from '../http/hooks.js';
import { expandSecrets } from '../redact.js';

/**
 * Collects everything a user could see — hook payloads and thrown errors — and reports which
 * secret values leaked into any of it (raw, URL-encoded or JSON-escaped).
 */
export interface LeakDetector {
  readonly hooks: Required<Hooks>;
  /** Records an error (message, JSON, util.inspect output) for scanning. */
  record(value: unknown): void;
  /** Secrets found in anything recorded; empty when nothing leaked. */
  leaks(): string[];
  /** Number of payloads recorded, so a test can prove it scanned something. */
  readonly recorded: number;
}

export function createLeakDetector(secrets: ReadonlyArray<string>): LeakDetector {
  const seen: string[] = [];
  const record = (value: unknown) => {
    if (value instanceof Error) {
      seen.push(value.message, safeJson(value), inspect(value, { depth: 6 }));
    } else {
      seen.push(typeof value === 'string' ? value : safeJson(value), inspect(value, { depth: 6 }));
    }
  };
  return {
    hooks: {
      onRequest: (r) => record(r),
      onResponse: (r) => record(r),
      onError: (e) => {
        record(e);
        record(e.error);
      },
    },
    record,
    leaks() {
      // Each secret is looked for in every form it can take on the wire (raw, URL-, form- and
      // JSON-encoded), so an encoded leak is caught too.
      return secrets.filter((secret) =>
        expandSecrets([secret]).some((form) => seen.some((text) => text.includes(form))),
      );
    },
    get recorded() {
      return seen.length;
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
