// Lists every export of every entry point of a built package: runtime names (ESM import and CJS
// require, each with its typeof) and type-level names from the .d.ts files (with whether each is a
// value, a type, or both).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export const SNAPSHOT_DIR = fileURLToPath(new URL('../snapshots', import.meta.url));

export const snapshotFile = (name) =>
  join(SNAPSHOT_DIR, `${name.replace(/^@/, '').replace('/', '__')}.api.json`);

const describeRuntime = (mod) =>
  Object.keys(mod)
    .filter((key) => key !== '__esModule' && key !== 'default')
    .sort()
    .map((key) => `${key}: ${typeof mod[key]}`);

function typeExports(dtsFile) {
  const program = ts.createProgram([dtsFile], { noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(dtsFile);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) return [];
  return checker
    .getExportsOfModule(moduleSymbol)
    .map((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const isValue = (target.flags & ts.SymbolFlags.Value) !== 0;
      const isType = (target.flags & (ts.SymbolFlags.Type | ts.SymbolFlags.Namespace)) !== 0;
      const kind = isValue && isType ? 'value+type' : isValue ? 'value' : 'type';
      return `${symbol.getName()}: ${kind}`;
    })
    .sort();
}

/** The API of one package (as found by `publishablePackages()`), keyed by entry subpath. */
export async function collectApi(pkg) {
  const api = {};
  const require = createRequire(join(pkg.dir, 'package.json'));
  for (const entry of pkg.entries) {
    const record = {};
    if (entry.import)
      record.esm = describeRuntime(await import(pathToFileURL(join(pkg.dir, entry.import)).href));
    if (entry.require) record.cjs = describeRuntime(require(join(pkg.dir, entry.require)));
    const types = entry.importTypes ?? entry.requireTypes;
    if (types) record.types = typeExports(join(pkg.dir, types));
    api[entry.subpath] = record;
  }
  return api;
}

export function readSnapshot(name) {
  const file = snapshotFile(name);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

export function writeSnapshot(name, api) {
  mkdirSync(SNAPSHOT_DIR, { recursive: true });
  writeFileSync(snapshotFile(name), `${JSON.stringify({ package: name, entries: api }, null, 2)}\n`);
}

/**
 * Compares a recorded snapshot with the current API. `removed` (entries or exports that were
 * recorded and are gone, or whose kind changed) breaks users; `added` is new surface not recorded yet.
 */
export function diffApi(recorded, current) {
  const removed = [];
  const added = [];
  for (const [subpath, record] of Object.entries(recorded)) {
    const now = current[subpath];
    if (!now) {
      removed.push(`${subpath} (whole entry point)`);
      continue;
    }
    for (const [facet, names] of Object.entries(record)) {
      const present = new Set(now[facet] ?? []);
      for (const name of names) if (!present.has(name)) removed.push(`${subpath} ${facet} ${name}`);
    }
  }
  for (const [subpath, record] of Object.entries(current)) {
    const before = recorded[subpath] ?? {};
    for (const [facet, names] of Object.entries(record)) {
      const known = new Set(before[facet] ?? []);
      for (const name of names) if (!known.has(name)) added.push(`${subpath} ${facet} ${name}`);
    }
  }
  return { removed, added };
}
