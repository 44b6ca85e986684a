import { PROVIDERS, recordMainCall, tryLoad } from '@sso/gates-kit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileProperty, newCounts } from '../src/harness.mjs';

const RUNS = Number(process.env.SSO_HOSTILE_RUNS ?? 10_000);
const SEED = Number(process.env.SSO_HOSTILE_SEED ?? 20_260_101);

for (const provider of PROVIDERS) {
  describe(`${provider.pkg} ${provider.operation} under hostile responses`, () => {
    it(`${RUNS} generated and mutated responses each end in a typed result or an SsoError, and none hangs`, async () => {
      const loaded = await tryLoad(provider);
      expect(loaded, `${provider.pkg} (and its /testing entry) must be built`).toBeDefined();
      const { demo, context, setupExchanges, exchanges, result } = await recordMainCall(provider);
      expect(provider.isResult(result), 'the unmodified simulator response gives a typed result').toBe(true);
      const counts = newCounts();
      const flow = [...setupExchanges, ...exchanges];
      await fc.assert(hostileProperty({ provider, loaded, demo, context, flow, counts }), {
        numRuns: RUNS,
        seed: SEED,
      });
      console.log(
        `${provider.pkg}: ${counts.result} typed results, ${counts.error} SsoErrors ${JSON.stringify(Object.fromEntries(counts.codes))}`,
      );
      expect(counts.result + counts.error).toBe(RUNS);
      // The generator must also reach the success path, or it would only test error handling.
      expect(counts.result).toBeGreaterThan(0);
    });
  });
}
