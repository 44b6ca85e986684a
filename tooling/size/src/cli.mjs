#!/usr/bin/env node
// `pnpm size`: prints the size table; exits 1 when a package is over budget, bleeds, or is missing.
import { formatTable, measureAll } from './measure.mjs';

const rows = await measureAll();
console.log(formatTable(rows));
let failed = false;
for (const row of rows) {
  for (const finding of row.bleed ?? []) console.error(`bleed: ${finding}`);
  if (row.overBudget)
    console.error(`over budget: ${row.name} ${row.gzipBytes} B > ${row.spec.budgetBytes} B`);
  if (row.status === 'missing' || row.status === 'unbuilt') {
    console.error(`${row.status}: ${row.name}${row.error ? ` (${row.error.split('\n')[0]})` : ''}`);
  }
  if (row.status !== 'ok') failed = true;
}
process.exit(failed ? 1 : 0);
