import { readFile } from 'node:fs/promises';
import type { SandboxProviderDefinition } from './types.js';

/** Accounts to add per provider: `{ "dia": [{ "username": "…", "password": "…", "apiKey": "…" }] }`. */
export type SandboxSeed = Partial<Record<string, ReadonlyArray<Record<string, unknown>>>>;

export class SandboxSeedError extends Error {
  override readonly name = 'SandboxSeedError';
}

export async function readSeedFile(path: string): Promise<SandboxSeed> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new SandboxSeedError(`cannot read seed file ${path} (${code})`);
  }
  try {
    return JSON.parse(text) as SandboxSeed;
  } catch (error) {
    throw new SandboxSeedError(`seed file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Checks a seed against the mounted providers; returns the entries per provider id. */
export function validateSeed(
  seed: unknown,
  providers: ReadonlyArray<SandboxProviderDefinition>,
): Map<string, Record<string, unknown>[]> {
  const out = new Map<string, Record<string, unknown>[]>();
  for (const p of providers) out.set(p.id, []);
  if (seed === undefined) return out;
  if (typeof seed !== 'object' || seed === null || Array.isArray(seed)) {
    throw new SandboxSeedError('seed must be a JSON object keyed by provider');
  }
  for (const [key, entries] of Object.entries(seed)) {
    const provider = providers.find((p) => p.id === key);
    if (!provider) {
      throw new SandboxSeedError(
        `seed: unknown provider "${key}" (known: ${providers.map((p) => p.id).join(', ')})`,
      );
    }
    if (!Array.isArray(entries)) throw new SandboxSeedError(`seed.${key} must be an array of accounts`);
    entries.forEach((entry, i) => {
      const problem = provider.validateSeed(entry);
      if (problem) throw new SandboxSeedError(`seed.${key}[${i}]: ${problem}`);
      out.get(key)?.push(entry as Record<string, unknown>);
    });
  }
  return out;
}

/**
 * Validates a seed entry: an object whose `required` fields are non-empty strings, whose `optional`
 * fields (when present) are non-empty strings, whose `lists` fields are arrays of strings, and which
 * has no other keys. Returns the first problem, or undefined.
 */
export function checkSeedFields(
  entry: unknown,
  required: ReadonlyArray<string>,
  optional: ReadonlyArray<string> = [],
  /** Optional fields holding an array of strings, with what the array is (for the message). */
  lists: Readonly<Record<string, string>> = {},
): string | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'must be an object';
  const record = entry as Record<string, unknown>;
  for (const key of required) {
    const value = record[key];
    if (typeof value !== 'string' || value.trim() === '') return `"${key}" must be a non-empty string`;
  }
  const allowed = [...required, ...optional, ...Object.keys(lists)];
  for (const [key, value] of Object.entries(record)) {
    if (!allowed.includes(key)) return `unknown field "${key}" (allowed: ${allowed.join(', ')})`;
    if (value === undefined || required.includes(key)) continue;
    if (key in lists) {
      if (!(Array.isArray(value) && value.every((item) => typeof item === 'string')))
        return `"${key}" must be ${lists[key]}`;
    } else if (typeof value !== 'string' || value === '') {
      return `"${key}" must be a non-empty string`;
    }
  }
  return undefined;
}
