import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { blocksOf, readmes, slugOf } from '../src/blocks.mjs';

const run = promisify(execFile);
const here = fileURLToPath(new URL('..', import.meta.url));
const root = join(here, '..', '..');
// Inside this package, so the blocks' imports resolve to the workspace packages it depends on.
const work = join(here, '.blocks');

const blocks = readmes(root).flatMap((file) => blocksOf(root, file));
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
for (const block of blocks) writeFileSync(join(work, `${slugOf(block)}.ts`), `export {};\n${block.code}`);

describe('README code blocks', () => {
  it(`finds blocks in the READMEs (${blocks.length})`, () => {
    expect(blocks.length).toBeGreaterThan(10);
  });

  it('every block type-checks (tsc --strict, each block a module of its own)', async () => {
    writeFileSync(
      join(work, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
          lib: ['ES2023', 'DOM'],
        },
        include: ['*.ts'],
      }),
    );
    const tsc = join(here, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', join(work, 'tsconfig.json')]).catch((e) => e);
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    expect(output.trim(), output).toBe('');
  });

  for (const block of blocks.filter((b) => b.run)) {
    it(`${block.file} block ${block.index} (line ${block.line}) runs to completion`, async () => {
      const { code } = await transform(block.code, { loader: 'ts', format: 'esm', target: 'node20' });
      const file = join(work, `${slugOf(block)}.mjs`);
      writeFileSync(file, code);
      const result = await run(process.execPath, [file], { cwd: work, timeout: 60_000 }).catch((e) => e);
      expect(result.code ?? 0, `${result.stderr ?? ''}${result.stdout ?? ''}`).toBe(0);
    });
  }
});
