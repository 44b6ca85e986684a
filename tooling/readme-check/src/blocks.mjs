// Finds the TypeScript code blocks of the workspace's READMEs. A block runs as a program unless the
// line before its fence is `<!-- readme-check: typecheck-only (reason) -->` (e.g. it needs real
// credentials or a Redis server); every block is type-checked.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const MARKER = /<!--\s*readme-check:\s*typecheck-only\b[^>]*-->/;

/** The READMEs checked: the root's and every package's and example's. */
export function readmes(root) {
  const found = [join(root, 'README.md')];
  for (const group of ['packages', 'examples']) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const file = join(dir, name, 'README.md');
      if (existsSync(file)) found.push(file);
    }
  }
  return found;
}

/** `{ file, index, line, code, run }` for every ```ts block of a README. */
export function blocksOf(root, file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ts\s*$/.test(lines[i])) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    const marked =
      i > 0 &&
      (MARKER.test(lines[i - 1]) || (i > 1 && lines[i - 1].trim() === '' && MARKER.test(lines[i - 2])));
    blocks.push({
      file: relative(root, file),
      index: blocks.length + 1,
      line: start,
      code: `${lines.slice(start, end).join('\n')}\n`,
      run: !marked,
    });
    i = end;
  }
  return blocks;
}

/** A file name for a block: its README's path and its number. */
export const slugOf = (block) => `${block.file.replace(/[/\\.]+/g, '_')}-${block.index}`;
