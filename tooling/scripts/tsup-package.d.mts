import type { Options } from 'tsup';

export function packageBuild(options?: Options): Options;
export const PROVIDER_ENTRIES: Record<string, string>;
