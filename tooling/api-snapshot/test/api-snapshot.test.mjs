import { isBuilt, publishablePackages } from '@sso/gates-kit';
import { describe, expect, it } from 'vitest';
import { collectApi, diffApi, readSnapshot } from '../src/snapshot.mjs';

const UPDATE = 'pnpm --filter @sso/api-snapshot run update';

describe('exported API snapshot (removing an export is a breaking change)', () => {
  for (const pkg of publishablePackages()) {
    it(`${pkg.name}: every recorded export of every entry point still exists`, async () => {
      expect(isBuilt(pkg), `${pkg.name} is not built`).toBe(true);
      const recorded = readSnapshot(pkg.name);
      expect(recorded, `${pkg.name} has no API snapshot; record it with \`${UPDATE}\``).toBeDefined();
      const current = await collectApi(pkg);
      const { removed, added } = diffApi(recorded.entries, current);
      if (added.length > 0)
        console.log(`${pkg.name}: exports not in the snapshot yet (${UPDATE}):\n  ${added.join('\n  ')}`);
      expect(removed, `removed from ${pkg.name}; if deliberate, run \`${UPDATE}\``).toEqual([]);
    });
  }
});

describe('diffApi', () => {
  const recorded = {
    '.': { esm: ['a: function', 'b: object'], cjs: ['a: function'], types: ['A: type', 'a: value'] },
    './testing': { esm: ['sim: function'] },
  };

  it('reports a removed runtime export, a type whose kind changed and a removed entry point', () => {
    const current = {
      '.': { esm: ['a: function'], cjs: ['a: function', 'c: string'], types: ['A: value+type', 'a: value'] },
    };
    expect(diffApi(recorded, current)).toEqual({
      removed: ['. esm b: object', '. types A: type', './testing (whole entry point)'],
      added: ['. cjs c: string', '. types A: value+type'],
    });
  });

  it('reports nothing for an identical API', () => {
    expect(diffApi(recorded, structuredClone(recorded))).toEqual({ removed: [], added: [] });
  });
});
