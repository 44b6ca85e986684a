// The workspace's publishable packages, read from packages/*/package.json (private ones skipped).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * @typedef {{ name: string, dir: string, manifest: Record<string, any>,
 *   entries: Array<{ subpath: string, import?: string, require?: string, importTypes?: string, requireTypes?: string }> }} WorkspacePackage
 */

/** Every publishable package under packages/ whose manifest exists. */
export function publishablePackages() {
  const base = join(ROOT, 'packages');
  /** @type {WorkspacePackage[]} */
  const found = [];
  for (const folder of readdirSync(base).sort()) {
    const manifestPath = join(base, folder, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.private) continue;
    found.push({ name: manifest.name, dir: join(base, folder), manifest, entries: entryPoints(manifest) });
  }
  return found;
}

/** The code entry points of an `exports` map (`./package.json` and other non-code files skipped). */
export function entryPoints(manifest) {
  const exportsMap = manifest.exports ?? { '.': manifest.main };
  const entries = [];
  for (const [subpath, target] of Object.entries(exportsMap)) {
    if (subpath.endsWith('.json')) continue;
    if (typeof target === 'string') {
      entries.push({ subpath, import: target, require: target });
      continue;
    }
    const pick = (branch) => (typeof branch === 'string' ? { default: branch } : (branch ?? {}));
    const imp = pick(target.import ?? target.default);
    const req = pick(target.require ?? target.default);
    entries.push({
      subpath,
      import: imp.default,
      require: req.default,
      importTypes: imp.types ?? target.types,
      requireTypes: req.types ?? target.types,
    });
  }
  return entries;
}

/** True when the package's built output for every entry exists. */
export function isBuilt(pkg) {
  return pkg.entries.every((entry) => !entry.import || existsSync(join(pkg.dir, entry.import)));
}
