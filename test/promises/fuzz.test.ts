import { TARGETS, fuzz } from './fuzz';

/*
 * The runtime-typed fuzz (see fuzz.ts), 1,000 cases per construct and factory with a fixed seed. `npm run fuzz`
 * runs more (FUZZ_RUNS, FUZZ_SEED) and prints the counts.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);

describe.each(TARGETS.map((t) => [t.name, t] as const))('%s: runtime-typed random props', (_name, target) => {
  test(`${RUNS} cases: 0 crashes, 0 invalid values accepted, 0 valid values refused`, () => {
    const counts = fuzz(target, RUNS, SEED);
    if (process.env.FUZZ_REPORT) {
      // eslint-disable-next-line no-console
      console.log(`${target.name}: ${JSON.stringify({ ...counts, failures: counts.failures.length })}`);
    }
    expect(counts.failures).toEqual([]);
    expect(counts).toMatchObject({ cases: RUNS, crashes: 0, invalidAccepted: 0, validRefused: 0 });
    // Both kinds of case are really tried.
    expect(counts.clearErrors).toBeGreaterThan(RUNS / 10);
    expect(counts.validAccepted).toBeGreaterThan(RUNS / 50);
  });
});
