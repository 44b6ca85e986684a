#!/usr/bin/env node
// The corpus benchmark: `pnpm --filter @sso/wsdl-codegen corpus <dir> [--out results.md]`.
// For every distinct WSDL under <dir>: generate (or refuse, naming the construct), typecheck the
// module with tsc --strict, compare the request envelopes of the first operations with node-soap's
// (namespace-resolved), and read the sample responses found next to the WSDL.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { compareEnvelope } from './corpus/envelope.mjs';
import { nodeSoapClient } from './corpus/oracle.mjs';
import { report } from './corpus/report.mjs';
import { readSample } from './corpus/samples.mjs';
import { toJs, typecheck } from './corpus/typecheck.mjs';
import { emit } from './emit.mjs';
import { loadDefinitions } from './load.mjs';
import { buildModel } from './operations.mjs';
import { Unsupported } from './schema.mjs';

const TIMEOUT_MS = 15_000;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, ops: { type: 'string', default: '3' } },
});
/** How many operations of each WSDL have their envelope compared with node-soap's. */
const FIRST_OPERATIONS = Number(values.ops);
const root = positionals[0];
if (!root) {
  console.error('usage: corpus <dir> [--out results.md] [--ops 3]');
  process.exit(2);
}

function wsdlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...wsdlFiles(path));
    else if (name.endsWith('.wsdl')) out.push(path);
  }
  return out;
}

const withTimeout = (promise, what) =>
  Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} timed out`)), TIMEOUT_MS).unref()),
  ]);

const work = mkdtempSync(join(tmpdir(), 'sso-corpus-'));
const distinct = new Map();
const copies = new Map();
for (const path of wsdlFiles(resolve(root))) {
  const hash = createHash('sha256').update(readFileSync(path)).digest('hex');
  if (!distinct.has(hash)) distinct.set(hash, path);
  copies.set(hash, [...(copies.get(hash) ?? []), path]);
}
const copiesOf = new Map([...distinct].map(([hash, path]) => [path, copies.get(hash)]));

const results = [];
let index = 0;
for (const path of distinct.values()) {
  const name = relative(resolve(root), path);
  const result = { name, path, status: 'generated', reason: '', refusedOps: [], envelopes: [], samples: [] };
  results.push(result);
  let model;
  try {
    const defs = await withTimeout(loadDefinitions(readFileSync(path, 'utf8'), path), 'loading');
    model = buildModel(defs);
    result.text = emit(model, { source: name });
    result.file = join(work, `m${index++}.ts`);
    writeFileSync(result.file, result.text);
    result.refusedOps = model.refused;
    result.operations = model.operations.length;
    result.model = model;
  } catch (error) {
    if (error instanceof Unsupported) {
      result.status = 'refused';
      result.reason = `${error.construct} (at ${name}: ${error.where})`;
    } else if (error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError) {
      result.status = 'crashed';
      result.reason = error.stack?.split('\n').slice(0, 3).join(' ') ?? String(error);
    } else {
      // node-soap could not read the WSDL or an import: refused with its reason.
      result.status = 'refused';
      result.reason = `unreadable WSDL: ${error instanceof Error ? error.message : String(error)}`.split(
        '\n',
      )[0];
    }
  }
}

const generated = results.filter((r) => r.status === 'generated');
const errors = typecheck(generated.map((r) => r.file));
for (const r of generated) r.typecheck = errors.get(r.file);

for (const r of generated) {
  const js = join(work, `${basename(r.file, '.ts')}.mjs`);
  writeFileSync(js, toJs(r.text));
  let service;
  try {
    service = (await import(pathToFileURL(js).href)).service;
  } catch (error) {
    r.typecheck ??= `module does not load: ${error.message}`;
    continue;
  }
  r.service = service;
  const oracle = await withTimeout(nodeSoapClient(r.path, service.soapVersion === '1.2'), 'node-soap').catch(
    (e) => ({ error: e.message }),
  );
  r.nodeSoap = oracle.error ? `refused: ${oracle.error.split('\n')[0]}` : 'accepted';
  if (oracle.client) {
    for (const op of Object.values(service.operations).slice(0, FIRST_OPERATIONS)) {
      r.envelopes.push(await compareEnvelope(oracle.client, r.model, service, op, withTimeout));
    }
  }
  r.samples = await readSamples(r, service);
}

/**
 * Reads each response.xml next to a copy of the WSDL (request-response-samples), with the module
 * generated from that copy: copies share the WSDL text but not always the schemas it imports.
 */
async function readSamples(r, service) {
  const out = [];
  for (const copy of copiesOf.get(r.path)) {
    const response = join(dirname(copy), 'response.xml');
    if (!existsSync(response)) continue;
    const own = copy === r.path ? service : await serviceOf(copy).catch(() => undefined);
    if (!own) out.push({ result: 'the copy next to it is refused', unfit: true });
    else out.push(readSample(readFileSync(response, 'utf8'), own));
  }
  return out;
}

async function serviceOf(path) {
  const model = buildModel(await withTimeout(loadDefinitions(readFileSync(path, 'utf8'), path), 'loading'));
  const js = join(work, `c${index++}.mjs`);
  writeFileSync(js, toJs(emit(model, { source: path })));
  return (await import(pathToFileURL(js).href)).service;
}

const { summary, text } = report(results, {
  root,
  files: [...copies.values()].reduce((n, c) => n + c.length, 0),
});
console.log(text);
console.log(JSON.stringify(summary, null, 2));
if (values.out) writeFileSync(values.out, text);
process.exit(0);
