#!/usr/bin/env node
// The corpus benchmark: `pnpm --filter @sso/wsdl-codegen corpus <dir> [--out results.md]`.
// For every distinct WSDL under <dir>: generate (or refuse, naming the construct), typecheck the
// module with tsc --strict, compare the request envelopes of the first operations with node-soap's
// (namespace-resolved), and read the sample responses found next to the WSDL.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createRequestWriter, faultOf, readMessage, readSoapBody } from '@sso/soap';
import { canonicalXml } from '@sso/soap/testing';
import { nodeSoapClient, nodeSoapRequest } from './corpus/oracle.mjs';
import { nodeSoapInput, sampleInput } from './corpus/sample-input.mjs';
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
      r.envelopes.push(await compareEnvelope(oracle.client, r, service, op));
    }
  }
  r.samples = await readSamples(r, service);
}

async function compareEnvelope(client, r, service, op) {
  const input = op.input.element === undefined ? {} : sampleInput(service, op.input.fields);
  let ours;
  try {
    ours = createRequestWriter(service, op, { provider: 'core' })(input);
  } catch (error) {
    return { op: op.name, equal: false, diff: `our writer refused the sample: ${error.message}` };
  }
  let theirs;
  try {
    theirs = await withTimeout(
      nodeSoapRequest(
        client,
        r.model.serviceName,
        r.model.portName,
        op.name,
        nodeSoapInput(service, op.input.fields, input),
      ),
      'node-soap call',
    );
  } catch (error) {
    return { op: op.name, equal: false, oracleFailed: true, diff: `node-soap failed: ${error.message}` };
  }
  if (!theirs) return { op: op.name, equal: false, oracleFailed: true, diff: 'node-soap wrote no request' };
  const a = bodyOf(ours);
  const b = bodyOf(theirs);
  const equal = JSON.stringify(a) === JSON.stringify(b);
  return { op: op.name, equal, diff: equal ? '' : firstDifference(a, b), ours, theirs };
}

function bodyOf(xml) {
  const envelope = canonicalXml(xml);
  const body = envelope.children.find((c) => typeof c !== 'string' && c.name.endsWith('}Body'));
  return { envelope: envelope.name, body: body?.children ?? [] };
}

function firstDifference(a, b, path = '') {
  if (typeof a !== typeof b || typeof a !== 'object' || a === null || b === null) {
    return `${path || '/'}: ours ${JSON.stringify(a)?.slice(0, 120)} vs node-soap ${JSON.stringify(b)?.slice(0, 120)}`;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys) {
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) {
      const next = a.name && k !== 'name' ? `${path}/${a.name.replace(/^\{[^}]*\}/, '')}` : path;
      return firstDifference(a[k], b[k], `${next}.${k}`);
    }
  }
  return path;
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

/** Reads one sample response with the operation whose output element it carries. */
function readSample(text, service) {
  const context = { provider: 'core', operation: 'sample' };
  let whole;
  try {
    whole = readSoapBody(text, context, true);
  } catch (error) {
    return { result: `not a SOAP envelope (${error.message.slice(0, 60)}…)`, unfit: true };
  }
  if (faultOf(whole)) return { result: 'read (SOAP fault)', ok: true };
  const first = whole.content.children[0];
  const ops = Object.values(service.operations);
  const op =
    ops.find((o) => first !== undefined && o.output.element === first.name) ??
    ops.find((o) => o.output.element === undefined && o.output.fields.some((f) => f.name === first?.name));
  if (!op) return { result: `does not fit: no operation answers <${first?.name ?? ''}>`, unfit: true };
  const body = op.output.element === undefined ? whole : { name: first.name, content: first };
  try {
    readMessage(service, op.output, body, { ...context, operation: op.name });
    return { op: op.name, result: 'read', ok: true };
  } catch (error) {
    return { op: op.name, result: `refused: ${error.message}` };
  }
}

// ------------------------------------------------------------------------------------------------
// Report

const count = (f) => results.filter(f).length;
const envelopesCompared = generated.flatMap((r) => r.envelopes.filter((e) => !e.oracleFailed));
const summary = {
  distinct: results.length,
  generated: generated.length,
  typechecked: count((r) => r.status === 'generated' && !r.typecheck),
  refused: count((r) => r.status === 'refused'),
  crashed: count((r) => r.status === 'crashed'),
  refusedOperations: generated.reduce((n, r) => n + r.refusedOps.length, 0),
  nodeSoapAccepted: count((r) => r.nodeSoap === 'accepted'),
  envelopes: envelopesCompared.length,
  envelopesEqual: envelopesCompared.filter((e) => e.equal).length,
  samples: generated.flatMap((r) => r.samples).length,
  samplesFitting: generated.flatMap((r) => r.samples).filter((s) => !s.unfit).length,
  samplesRead: generated.flatMap((r) => r.samples).filter((s) => s.ok).length,
};

function summarise(items) {
  if (items.length === 0) return '–';
  const counts = new Map();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  return [...counts].map(([t, n]) => (n > 1 ? `${n}× ${t}` : t)).join('; ');
}
const cell = (s) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');
const lines = [];
lines.push(
  '| WSDL | result | tsc --strict | ops (refused) | node-soap | envelopes equal | sample response |',
);
lines.push('|---|---|---|---|---|---|---|');
for (const r of results) {
  const env = r.envelopes.filter((e) => !e.oracleFailed);
  const envText = env.length ? `${env.filter((e) => e.equal).length}/${env.length}` : '–';
  const sample = summarise(r.samples?.map((s) => s.result) ?? []);
  const ops = r.status === 'generated' ? `${r.operations} (${r.refusedOps.length})` : '–';
  const result = r.status === 'generated' ? 'generated' : `${r.status}: ${r.reason}`;
  const tsc = r.status !== 'generated' ? '–' : r.typecheck ? `error: ${r.typecheck}` : 'ok';
  lines.push(
    `| ${cell(r.name)} | ${cell(result)} | ${cell(tsc)} | ${ops} | ${cell(r.nodeSoap ?? '–')} | ${envText} | ${cell(sample)} |`,
  );
}
const details = [];
for (const r of results) {
  for (const o of r.refusedOps)
    details.push(`- ${r.name}: operation ${o.operation} refused: ${o.construct} (at ${o.where})`);
  for (const e of r.envelopes) if (!e.equal) details.push(`- ${r.name}: ${e.op}: ${e.diff}`);
}

console.log(lines.join('\n'));
console.log('');
console.log(details.join('\n'));
console.log('');
console.log(JSON.stringify(summary, null, 2));
if (values.out) {
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
  const md = [
    `Run ${new Date().toISOString().slice(0, 10)} at commit ${commit || '(unknown)'} over ${results.length} distinct WSDLs`,
    `(${[...copies.values()].reduce((n, c) => n + c.length, 0)} files) under \`${basename(resolve(root))}\`.`,
    '',
    '| measure | count |',
    '|---|---:|',
    ...Object.entries(summary).map(([k, v]) => `| ${k} | ${v} |`),
    '',
    ...lines,
    '',
    '### Refused operations and differing envelopes',
    '',
    ...details,
    '',
  ];
  writeFileSync(values.out, md.join('\n'));
}
process.exit(0);
