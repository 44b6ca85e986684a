// Bundles a package entry the way an application would ship it (esbuild: bundle, minify, platform
// node, node built-ins external, every dependency included), gzips it, and checks budgets and bleed.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { publishablePackages, ROOT } from '@sso/gates-kit';
import { build } from 'esbuild';

export const BUDGETS_PATH = fileURLToPath(new URL('../budgets.json', import.meta.url));

export function readBudgets() {
  return JSON.parse(readFileSync(BUDGETS_PATH, 'utf8'));
}

const NODE_EXTERNALS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Bundles `entryFile` and returns its sizes and the files it pulled in (paths relative to the repo). */
export async function bundle(entryFile) {
  const result = await build({
    entryPoints: [entryFile],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: NODE_EXTERNALS,
    write: false,
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
  });
  const output = result.outputFiles[0];
  const code = output.text;
  const fromRoot = (p) => relative(ROOT, join(process.cwd(), p)).split(sep).join('/');
  const [outputMeta] = Object.values(result.metafile.outputs);
  return {
    code,
    minBytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength,
    inputs: Object.keys(result.metafile.inputs).map(fromRoot),
    minBytesByPackage: minBytesByPackage(
      Object.entries(outputMeta.inputs).map(([p, meta]) => [fromRoot(p), meta.bytesInOutput]),
    ),
  };
}

/**
 * The package an input file of a bundle belongs to: a workspace package by its folder, a
 * dependency by its node_modules name; anything else (a test's scratch entry) is `(entry)`.
 */
export function packageOfInput(input) {
  const dependency = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*\/node_modules\/)/.exec(input);
  if (dependency) return dependency[1];
  const folder = /^packages\/([^/]+)\//.exec(input)?.[1];
  return (folder && workspaceNameOf(folder)) || '(entry)';
}

// Package name by workspace folder, read once (every input of every bundle is looked up here).
let namesByFolder;
function workspaceNameOf(folder) {
  namesByFolder ??= new Map(publishablePackages().map((p) => [basename(p.dir), p.name]));
  return namesByFolder.get(folder);
}

/** Minified bytes of a bundle by the package they come from, largest first. */
function minBytesByPackage(bytesByInput) {
  const totals = new Map();
  for (const [input, bytes] of bytesByInput) {
    const pkg = packageOfInput(input);
    totals.set(pkg, (totals.get(pkg) ?? 0) + bytes);
  }
  return [...totals].sort((a, b) => b[1] - a[1]).map(([name, bytes]) => ({ name, bytes }));
}

/** The publishable package for a name, with its folder and built main entry. */
export function findPackage(name) {
  const pkg = publishablePackages().find((p) => p.name === name);
  if (!pkg) return undefined;
  const main = pkg.entries.find((e) => e.subpath === '.');
  return { ...pkg, mainFile: main?.import ? join(pkg.dir, main.import) : undefined };
}

// Code that only SOAP/XML packages may carry: the SOAP engine, the XML parser, node-soap, and the
// literal markers their code contains.
const XML_INPUTS = [
  /(^|\/)packages\/soap\//,
  /fast-xml-parser/,
  /(^|\/)strnum\//,
  /node_modules\/(\.pnpm\/)?soap[@/]/,
];
const XML_MARKERS = [/schemas\.xmlsoap\.org/, /:Envelope\b/, /XMLParser/, /<\?xml/, /fast-xml-parser/];

/**
 * Bleed findings for one bundle: files of another provider's package, and (for packages that must
 * stay JSON-only) XML/SOAP inputs or markers.
 */
export function bleedFindings(name, measured, budgets) {
  const findings = [];
  const own = budgets.packages[name];
  for (const [otherName, other] of Object.entries(budgets.packages)) {
    if (otherName === name || !other.provider) continue;
    const otherDir = `packages/${other.folder}/`;
    for (const input of measured.inputs) {
      if (input.startsWith(otherDir) || input.includes(`/${otherName}/`)) {
        findings.push(`${name} bundles ${input}, which belongs to ${otherName}`);
      }
    }
  }
  if (own?.noXml) {
    for (const input of measured.inputs) {
      if (XML_INPUTS.some((re) => re.test(input))) findings.push(`${name} bundles XML/SOAP code: ${input}`);
    }
    for (const marker of XML_MARKERS) {
      if (marker.test(measured.code)) findings.push(`${name} bundle contains the XML/SOAP marker ${marker}`);
    }
  }
  return findings;
}

/** Measures every package listed in budgets.json; missing or unbuilt packages are reported as such. */
export async function measureAll(budgets = readBudgets()) {
  const rows = [];
  for (const [name, spec] of Object.entries(budgets.packages)) {
    const pkg = findPackage(name);
    if (!pkg?.mainFile) {
      rows.push({ name, spec, status: 'missing' });
      continue;
    }
    let measured;
    try {
      measured = await bundle(pkg.mainFile);
    } catch (error) {
      rows.push({ name, spec, status: 'unbuilt', error: String(error?.message ?? error) });
      continue;
    }
    const bleed = bleedFindings(name, measured, budgets);
    const overBudget = measured.gzipBytes > spec.budgetBytes;
    rows.push({
      name,
      spec,
      status: overBudget || bleed.length > 0 ? 'fail' : 'ok',
      gzipBytes: measured.gzipBytes,
      minBytes: measured.minBytes,
      overBudget,
      overTarget: spec.targetBytes !== undefined && measured.gzipBytes > spec.targetBytes,
      bleed,
      inputs: measured.inputs,
      minBytesByPackage: measured.minBytesByPackage,
    });
  }
  return rows;
}

const kb = (bytes) => (bytes === undefined ? '-' : `${(bytes / 1024).toFixed(2)} KB`);

export function formatTable(rows) {
  const lines = [
    '| package | min | gzip | budget | target | status | min by package |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const r of rows) {
    const notes = [r.status];
    if (r.overTarget) notes.push('over target');
    const split = (r.minBytesByPackage ?? [])
      .map(({ name, bytes }) => `${name === r.name ? 'own' : name} ${kb(bytes)}`)
      .join(', ');
    lines.push(
      `| ${r.name} | ${kb(r.minBytes)} | ${kb(r.gzipBytes)} | ${kb(r.spec.budgetBytes)} | ${kb(r.spec.targetBytes)} | ${notes.join(', ')} | ${split || '-'} |`,
    );
  }
  return lines.join('\n');
}
