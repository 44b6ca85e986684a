// Builds the consumer projects: packs every publishable package with `pnpm pack` (workspace: and
// catalog: specifiers resolved, exactly what would be published) and installs the tarballs with npm
// from the registry into fresh projects outside the workspace.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishablePackages } from '@sso/gates-kit';

export const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));
// npm's download cache and the Bun/Deno installs survive between runs; projects are always fresh.
export const CACHE_DIR = join(tmpdir(), 'sso-consumers-cache');
export const RUNTIME_VERSIONS = { bun: '1.4.5', deno: '2.9.6' };

/** Runs a command; on failure the error message carries its stdout and stderr (tsc reports on stdout). */
function run(cmd, args, options = {}) {
  try {
    return execFileSync(cmd, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 16 << 20,
      ...options,
    });
  } catch (error) {
    const output = `${error.stdout ?? ''}\n${error.stderr ?? ''}`.trim().slice(-4000);
    throw new Error(`${cmd} ${args.join(' ')} failed (${error.status ?? error.signal}):\n${output}`);
  }
}

const npm = (args, cwd) =>
  run('npm', [...args, '--cache', join(CACHE_DIR, 'npm'), '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
  });

/** Packs every publishable package into `dir`; returns name -> tarball path. */
export function packAll(dir) {
  mkdirSync(dir, { recursive: true });
  const tarballs = {};
  for (const pkg of publishablePackages()) {
    const before = new Set(readdirSync(dir));
    run('pnpm', ['pack', '--pack-destination', dir], { cwd: pkg.dir });
    const created = readdirSync(dir).find((f) => f.endsWith('.tgz') && !before.has(f));
    if (!created) throw new Error(`pnpm pack of ${pkg.name} produced no tarball`);
    tarballs[pkg.name] = join(dir, created);
  }
  return tarballs;
}

/**
 * Installs `names` (and, through overrides, every @sso dependency they have) from the tarballs into
 * a new npm project at `dir`.
 */
export function installProject(dir, tarballs, names, manifest = {}, registryDeps = {}) {
  mkdirSync(dir, { recursive: true });
  const deps = { ...Object.fromEntries(names.map((n) => [n, `file:${tarballs[n]}`])), ...registryDeps };
  // Transitive @sso/* dependencies must come from the tarballs too, never from the registry.
  const overrides = Object.fromEntries(Object.entries(tarballs).map(([n, t]) => [n, `file:${t}`]));
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'sso-consumer', version: '1.0.0', private: true, dependencies: deps, overrides, ...manifest }, null, 2)}\n`,
  );
  npm(['install', '--omit=dev', '--omit=peer'], dir);
}

/**
 * Installs `names` from the tarballs into a new pnpm project at `dir`: `pnpm.overrides` points
 * every @sso/* package (the transitive `@sso/core@0.0.0` included) at its tarball, so nothing
 * unpublished is looked up in the registry.
 */
export function installPnpmProject(dir, tarballs, names, manifest = {}) {
  mkdirSync(dir, { recursive: true });
  const file = (name) => `file:${tarballs[name]}`;
  const overrides = Object.fromEntries(Object.keys(tarballs).map((n) => [n, file(n)]));
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify(
      {
        name: 'sso-pnpm-consumer',
        version: '1.0.0',
        private: true,
        dependencies: Object.fromEntries(names.map((n) => [n, file(n)])),
        pnpm: { overrides },
        ...manifest,
      },
      null,
      2,
    )}\n`,
  );
  run('pnpm', ['install', '--ignore-workspace', '--prod', '--config.auto-install-peers=false'], { cwd: dir });
}

/** Every package folder under node_modules (scoped ones included), with its version. */
export function installedPackages(dir) {
  const found = [];
  const walk = (nm) => {
    if (!existsSync(nm)) return;
    for (const entry of readdirSync(nm)) {
      if (entry.startsWith('.')) continue;
      const full = join(nm, entry);
      if (entry.startsWith('@')) {
        for (const sub of readdirSync(full)) visit(join(full, sub), `${entry}/${sub}`);
      } else visit(full, entry);
    }
  };
  const visit = (full, name) => {
    const manifest = join(full, 'package.json');
    if (!existsSync(manifest)) return;
    found.push(`${name}@${JSON.parse(readFileSync(manifest, 'utf8')).version}`);
    walk(join(full, 'node_modules'));
  };
  walk(join(dir, 'node_modules'));
  return found.sort();
}

/** A sub-project of `root` (sharing root's node_modules) with its own package.json and files. */
export function subProject(root, name, manifest, files) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: `consumer-${name}`, private: true, ...manifest }, null, 2)}\n`,
  );
  for (const [target, source] of Object.entries(files)) cpSync(join(FIXTURES, source), join(dir, target));
  return dir;
}

/** Installs Bun and Deno from their npm packages (binaries inside) once; returns their paths. */
export function installRuntimes() {
  const dir = join(CACHE_DIR, 'runtimes');
  const bin = {
    bun: join(dir, 'node_modules', '.bin', 'bun'),
    deno: join(dir, 'node_modules', '.bin', 'deno'),
  };
  if (!existsSync(bin.bun) || !existsSync(bin.deno)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "name": "sso-runtimes", "private": true }\n');
    npm(['install', `bun@${RUNTIME_VERSIONS.bun}`, `deno@${RUNTIME_VERSIONS.deno}`], dir);
  }
  return bin;
}

export { run };
