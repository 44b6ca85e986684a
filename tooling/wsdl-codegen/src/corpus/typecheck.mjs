// Typechecks generated modules with `tsc --strict` in one program; diagnostics by file.
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const soapTypes = resolve(dirname(require.resolve('@sso/soap/package.json')), 'dist/index.d.ts');

/** Map of file -> first error message (files without errors are absent). */
export function typecheck(files) {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    types: [],
    paths: { '@sso/soap': [soapTypes] },
  });
  const errors = new Map();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file?.fileName ?? '(global)';
    if (errors.has(file)) continue;
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    errors.set(file, `line ${line}: ${text}`);
  }
  return errors;
}

/** The generated module as JavaScript (types stripped), to load its descriptor. */
export function toJs(text) {
  return ts.transpileModule(text, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
}
