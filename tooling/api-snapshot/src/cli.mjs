#!/usr/bin/env node
// `pnpm --filter @sso/api-snapshot run update`: re-records the API snapshot of every built package
// (deliberately accepting removals). `run check`: prints the differences; exits 1 on a removal.
import { isBuilt, publishablePackages } from '@sso/gates-kit';
import { collectApi, diffApi, readSnapshot, snapshotFile, writeSnapshot } from './snapshot.mjs';

const update = process.argv.includes('--update');
let broken = false;
for (const pkg of publishablePackages()) {
  if (!isBuilt(pkg)) {
    console.log(`${pkg.name}: not built, skipped (run pnpm build first)`);
    if (!update) broken = true;
    continue;
  }
  const api = await collectApi(pkg);
  const recorded = readSnapshot(pkg.name);
  const diff = diffApi(recorded?.entries ?? {}, api);
  if (update) {
    writeSnapshot(pkg.name, api);
    console.log(
      `${pkg.name}: wrote ${snapshotFile(pkg.name)} (${diff.added.length} added, ${diff.removed.length} removed)`,
    );
  } else {
    for (const line of diff.removed) console.log(`${pkg.name}: REMOVED ${line}`);
    for (const line of diff.added) console.log(`${pkg.name}: added ${line}`);
    if (!recorded || diff.removed.length > 0) broken = true;
  }
}
process.exit(broken ? 1 : 0);
