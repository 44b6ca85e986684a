// The corpus report: summary counts, one table row per WSDL, and the details behind them.
import { spawnSync } from 'node:child_process';
import { basename, resolve } from 'node:path';

const cell = (s) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');

/** Repeated results once, with their count. */
function summarise(items) {
  if (items.length === 0) return '–';
  const counts = new Map();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  return [...counts].map(([t, n]) => (n > 1 ? `${n}× ${t}` : t)).join('; ');
}

function summaryOf(results) {
  const count = (f) => results.filter(f).length;
  const generated = results.filter((r) => r.status === 'generated');
  const compared = generated.flatMap((r) => r.envelopes.filter((e) => !e.oracleFailed));
  const samples = generated.flatMap((r) => r.samples);
  return {
    distinct: results.length,
    generated: generated.length,
    typechecked: count((r) => r.status === 'generated' && !r.typecheck),
    refused: count((r) => r.status === 'refused'),
    crashed: count((r) => r.status === 'crashed'),
    refusedOperations: generated.reduce((n, r) => n + r.refusedOps.length, 0),
    nodeSoapAccepted: count((r) => r.nodeSoap === 'accepted'),
    envelopes: compared.length,
    envelopesEqual: compared.filter((e) => e.equal).length,
    samples: samples.length,
    samplesFitting: samples.filter((s) => !s.unfit).length,
    samplesRead: samples.filter((s) => s.ok).length,
  };
}

function row(r) {
  const env = r.envelopes.filter((e) => !e.oracleFailed);
  const envText = env.length ? `${env.filter((e) => e.equal).length}/${env.length}` : '–';
  const sample = summarise(r.samples?.map((s) => s.result) ?? []);
  const ops = r.status === 'generated' ? `${r.operations} (${r.refusedOps.length})` : '–';
  const result = r.status === 'generated' ? 'generated' : `${r.status}: ${r.reason}`;
  const tsc = r.status !== 'generated' ? '–' : r.typecheck ? `error: ${r.typecheck}` : 'ok';
  const cells = [r.name, result, tsc, ops, r.nodeSoap ?? '–', envText, sample];
  return `| ${cells.map(cell).join(' | ')} |`;
}

/** `{ summary, text }`: the counts, and the markdown report (counts, table, details). */
export function report(results, { root, files }) {
  const summary = summaryOf(results);
  const details = [];
  for (const r of results) {
    for (const o of r.refusedOps) {
      details.push(`- ${r.name}: operation ${o.operation} refused: ${o.construct} (at ${o.where})`);
    }
    for (const e of r.envelopes) if (!e.equal) details.push(`- ${r.name}: ${e.op}: ${e.diff}`);
  }
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout?.trim();
  const text = [
    `Run ${new Date().toISOString().slice(0, 10)} at commit ${commit || '(unknown)'} over ${results.length} distinct WSDLs`,
    `(${files} files) under \`${basename(resolve(root))}\`.`,
    '',
    '| measure | count |',
    '|---|---:|',
    ...Object.entries(summary).map(([k, v]) => `| ${k} | ${v} |`),
    '',
    '| WSDL | result | tsc --strict | ops (refused) | node-soap | envelopes equal | sample response |',
    '|---|---|---|---|---|---|---|',
    ...results.map(row),
    '',
    '### Refused operations and differing envelopes',
    '',
    ...details,
    '',
  ].join('\n');
  return { summary, text };
}
