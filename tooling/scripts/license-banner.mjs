// Builds the banner comment of a bundle that inlines third-party packages: the name, version,
// license and license text of each bundled package and of every package it depends on (walked
// through pnpm's node_modules layout). Used by the tsup configs that set `noExternal`.
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Directory of `name` as seen from `nodeModules`, or undefined. */
function locate(nodeModules, name) {
  const candidate = join(nodeModules, name);
  return existsSync(join(candidate, 'package.json')) ? realpathSync(candidate) : undefined;
}

/** The node_modules folder holding a package's own dependencies under pnpm (its parent folder). */
function depsFolder(packageDir, name) {
  let dir = packageDir;
  for (const _ of name.split('/')) dir = dirname(dir);
  return dir;
}

/**
 * @param {string} packageRoot  the workspace package doing the bundling (its node_modules is searched)
 * @param {string[]} names      the packages it bundles
 * @param {string} bundler      the bundling package's name, for the first line
 */
export function licenseBanner(packageRoot, names, bundler) {
  const seen = new Map();
  const queue = names.map((name) => ({ name, from: join(packageRoot, 'node_modules') }));
  while (queue.length > 0) {
    const { name, from } = queue.shift();
    if (seen.has(name)) continue;
    const dir = locate(from, name);
    if (!dir) throw new Error(`license banner: cannot find ${name} from ${from}`);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const licenseFile = readdirSync(dir).find((f) => /^licen[cs]e(\.|$)/i.test(f));
    const text = licenseFile ? readFileSync(join(dir, licenseFile), 'utf8').trim() : undefined;
    seen.set(name, { pkg, text });
    for (const dep of Object.keys(pkg.dependencies ?? {}))
      queue.push({ name: dep, from: depsFolder(dir, name) });
  }
  const sections = [...seen.values()].map(({ pkg, text }) => {
    const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
    const head = `${pkg.name}@${pkg.version} (${pkg.license}${author ? `, ${author}` : ''})`;
    return text ? `${head}\n\n${text}` : head;
  });
  const body = `${bundler} bundles code of the following packages (a package and its dependencies), under their licenses:\n\n${sections.join('\n\n---\n\n')}`;
  return `/*!\n${body.replaceAll('*/', '* /')}\n*/`;
}
