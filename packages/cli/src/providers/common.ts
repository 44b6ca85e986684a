import { SsoError } from '@sso/core/provider';
import { optionFlag, type ProviderManifest } from '@sso/core/simulator';
import type { FlagSpec, ProviderSpec } from '../framework.js';

export type Connection = ProviderSpec['connection'][number];

function timeoutParse(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n <= 0) {
    throw new SsoError(
      'INVALID_CONFIG',
      `--timeout-ms must be a whole number of milliseconds greater than 0 (got "${value}")`,
    );
  }
  return n;
}

/** Transport flags every provider takes (options of the shared core, not of one provider). */
const TRANSPORT: Connection[] = [
  {
    flag: 'allow-insecure-http',
    key: 'allowInsecureHttp',
    type: 'boolean',
    description: 'allow an http: base URL (local sandboxes only)',
  },
  {
    flag: 'timeout-ms',
    key: 'timeoutMs',
    env: true,
    description: 'deadline per call in ms',
    parse: timeoutParse,
  },
];

/** The connection flags of a provider: its manifest's option fields, then the transport flags. */
export function connectionFlags(manifest: ProviderManifest): Connection[] {
  const own = manifest.options
    .filter((o) => o.type !== 'object')
    .map(
      (o): Connection => ({
        flag: optionFlag(o.key),
        key: o.key,
        description: o.description,
        ...(o.type === 'boolean' ? { type: 'boolean' as const } : {}),
        ...(o.env ? { env: true } : {}),
        ...(o.required ? { required: true } : {}),
        ...(o.secret ? { secret: true } : {}),
      }),
    );
  return [...own, ...TRANSPORT];
}

/** A flag of an action. */
export const flag = (name: string, description: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({
  flag: name,
  description,
  ...extra,
});

/** Client options come from flags, the environment and the sandbox as a plain record. */
export const cast = <T>(options: Record<string, unknown>) => options as unknown as T;
