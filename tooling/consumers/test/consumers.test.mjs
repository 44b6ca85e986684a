import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIXTURES,
  installedPackages,
  installPnpmProject,
  installProject,
  installRuntimes,
  packAll,
  RUNTIME_VERSIONS,
  run,
  subProject,
} from '../src/projects.mjs';

const tsc = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsc');
const SMOKE_NAMES = ['@sso/core', '@sso/dia', '@sso/euromsg-soap', '@sso/sandbox'];

let work;
let tarballs;
let root;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sso-consumers-'));
  tarballs = packAll(join(work, 'tarballs'));
  root = join(work, 'app');
  // @types/node: the sandbox's types use node:http, as any Node consumer's would.
  installProject(root, tarballs, SMOKE_NAMES, {}, { '@types/node': '^20.19.0' });
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The sandbox smoke output every consumer must print. */
const expectSmoke = (stdout, runtime) => {
  const line = JSON.parse(stdout.trim().split('\n').at(-1));
  expect(line.runtime).toBe(runtime);
  expect(typeof line.dia.result.kontorsayisi).toBe('number');
  expect(line.euromsgTicket).toBe(true);
  return line;
};

describe('packed tarballs', () => {
  it('every publishable package packs, and the sandbox install resolves @sso/* only from those tarballs', () => {
    expect(Object.keys(tarballs).length).toBeGreaterThanOrEqual(8);
    const sso = installedPackages(root).filter((p) => p.startsWith('@sso/'));
    expect(sso.length).toBeGreaterThanOrEqual(SMOKE_NAMES.length);
    for (const entry of sso) expect(entry).toMatch(/@0\.0\.0$/);
  });
});

describe('consumer projects on Node', () => {
  it('CommonJS: require() the packages and sign in through the sandbox', () => {
    const dir = subProject(root, 'cjs', { type: 'commonjs' }, { 'index.js': 'smoke.cjs' });
    expectSmoke(run(process.execPath, ['index.js'], { cwd: dir, timeout: 60_000 }), 'cjs');
  });

  it('ESM: import the packages and sign in through the sandbox', () => {
    const dir = subProject(root, 'esm', { type: 'module' }, { 'index.js': 'smoke.mjs' });
    expectSmoke(run(process.execPath, ['index.js'], { cwd: dir, timeout: 60_000 }), 'esm');
  });

  for (const [name, type] of [
    ['node16-esm', 'module'],
    ['node16-cjs', 'commonjs'],
  ]) {
    it(`TypeScript, moduleResolution node16 (${type}): type-checks, compiles and runs`, () => {
      const dir = subProject(root, `ts-${name}`, { type }, { 'index.ts': 'smoke.ts' });
      const compilerOptions = {
        module: 'node16',
        moduleResolution: 'node16',
        target: 'es2022',
        lib: ['es2022', 'dom'],
        types: ['node'],
        strict: true,
        outDir: 'dist',
        skipLibCheck: false,
      };
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['index.ts'] }));
      run(tsc, ['-p', 'tsconfig.json'], { cwd: dir });
      const line = expectSmoke(run(process.execPath, ['dist/index.js'], { cwd: dir, timeout: 60_000 }), 'ts');
      expect(line.insecureRefused).toBe('INVALID_CONFIG');
    });
  }

  it('TypeScript, moduleResolution bundler: type-checks, bundles with esbuild and runs', async () => {
    const dir = subProject(root, 'ts-bundler', { type: 'module' }, { 'index.ts': 'smoke.ts' });
    const compilerOptions = {
      module: 'esnext',
      moduleResolution: 'bundler',
      target: 'es2022',
      lib: ['es2022', 'dom'],
      types: ['node'],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['index.ts'] }));
    run(tsc, ['-p', 'tsconfig.json'], { cwd: dir });
    await build({
      entryPoints: [join(dir, 'index.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: join(dir, 'out.mjs'),
      logLevel: 'silent',
    });
    expectSmoke(run(process.execPath, ['out.mjs'], { cwd: dir, timeout: 60_000 }), 'ts');
  });
});

describe('installed with pnpm before the first release', () => {
  it('the tarballs install with pnpm (overrides for the 0.0.0 @sso/* pins) and the ESM smoke signs in through the sandbox', () => {
    const dir = join(work, 'pnpm-app');
    installPnpmProject(dir, tarballs, SMOKE_NAMES, { type: 'module' });
    writeFileSync(join(dir, 'index.js'), readFileSync(join(FIXTURES, 'smoke.mjs')));
    expectSmoke(run(process.execPath, ['index.js'], { cwd: dir, timeout: 60_000 }), 'esm');
  });
});

describe('@sso/dia installed alone', () => {
  it('pulls in no soap, axios or fast-xml-parser (nor any other @sso provider)', () => {
    const dir = join(work, 'dia-only');
    installProject(dir, tarballs, ['@sso/dia']);
    const installed = installedPackages(dir).map((p) => p.replace(/@[^@]+$/, ''));
    expect(installed).toContain('@sso/dia');
    for (const banned of [
      'soap',
      'axios',
      'fast-xml-parser',
      '@sso/soap',
      '@sso/euromsg-soap',
      '@sso/gittigidiyor',
    ]) {
      expect(installed).not.toContain(banned);
    }
    const { createDiaClient } = JSON.parse(
      run(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          "const m = await import('@sso/dia'); console.log(JSON.stringify({ createDiaClient: typeof m.createDiaClient }))",
        ],
        { cwd: dir },
      ),
    );
    expect(createDiaClient).toBe('function');
  });
});

describe('the ESM smoke test on other runtimes (installed from npm)', () => {
  let runtimes;
  beforeAll(() => {
    runtimes = installRuntimes();
  });

  it(`Bun ${RUNTIME_VERSIONS.bun}`, () => {
    const dir = subProject(root, 'bun', { type: 'module' }, { 'index.js': 'smoke.mjs' });
    expect(run(runtimes.bun, ['--version']).trim()).toBe(RUNTIME_VERSIONS.bun);
    expectSmoke(run(runtimes.bun, ['index.js'], { cwd: dir, timeout: 60_000 }), 'esm');
  });

  it(`Deno ${RUNTIME_VERSIONS.deno}`, () => {
    const dir = subProject(root, 'deno', { type: 'module' }, { 'index.js': 'smoke.mjs' });
    expect(run(runtimes.deno, ['--version']).split('\n')[0]).toContain(RUNTIME_VERSIONS.deno);
    expectSmoke(
      run(runtimes.deno, ['run', '--allow-all', 'index.js'], {
        cwd: dir,
        timeout: 60_000,
        env: { ...process.env, DENO_NO_UPDATE_CHECK: '1' },
      }),
      'esm',
    );
  });
});
