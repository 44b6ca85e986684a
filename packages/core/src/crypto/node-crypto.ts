import type * as NodeCrypto from 'node:crypto';
import { createRequire } from 'node:module';

type Crypto = typeof NodeCrypto;

let loaded: Crypto | undefined;

/**
 * `node:crypto`, loaded on first use rather than at import: it pulls in Node's stream machinery,
 * which cost about 4 ms of every package's cold import, while most programs only need it once a
 * token is signed or encrypted. `process.getBuiltinModule` (Node ≥ 20.16, Bun, Deno) where
 * available, a `require` otherwise.
 */
export function nodeCrypto(): Crypto {
  if (loaded) return loaded;
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    ?.getBuiltinModule;
  loaded =
    (getBuiltin?.('node:crypto') as Crypto | undefined) ??
    (createRequire(import.meta.url)('node:crypto') as Crypto);
  return loaded;
}
