import type * as NodeCrypto from 'node:crypto';
import type * as NodeHttp from 'node:http';
import type * as NodeHttps from 'node:https';
import type * as NodeModule from 'node:module';
import type * as NodeTls from 'node:tls';
import type * as NodeUrl from 'node:url';
import type * as NodeZlib from 'node:zlib';

interface Builtins {
  'node:crypto': typeof NodeCrypto;
  'node:http': typeof NodeHttp;
  'node:https': typeof NodeHttps;
  'node:module': typeof NodeModule;
  'node:tls': typeof NodeTls;
  'node:url': typeof NodeUrl;
  'node:zlib': typeof NodeZlib;
}

const loaded = new Map<keyof Builtins, unknown>();

/**
 * A Node built-in module, loaded on first use rather than at import: `node:crypto` alone pulls in
 * Node's stream machinery, which cost about 4 ms of every package's cold import, while most
 * programs only need it once a token is signed or a request is sent. Even a static import of
 * `node:module` (for `createRequire`) loads Node's source-map support, so built-ins come from
 * `process.getBuiltinModule` (Node ≥ 20.16, Bun, Deno) and nothing is imported at load.
 */
export function nodeBuiltin<Id extends keyof Builtins>(id: Id): Builtins[Id] {
  let module = loaded.get(id) as Builtins[Id] | undefined;
  if (module) return module;
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    ?.getBuiltinModule;
  module = getBuiltin?.(id) as Builtins[Id] | undefined;
  if (!module) throw new Error(`${id} is not available: @sso packages need Node >= 20.16, Bun or Deno`);
  loaded.set(id, module);
  return module;
}

let crypto: typeof NodeCrypto | undefined;

/** `node:crypto` (see nodeBuiltin), kept in a variable: it is on the hot path of every signature. */
export function nodeCrypto(): typeof NodeCrypto {
  crypto ??= nodeBuiltin('node:crypto');
  return crypto;
}
