import 'cdktf/lib/testing/adapters/jest';
import { closeOfflineProviders, OfflineResult, terraformAvailable, validateOffline } from '../../src/proof/runner';
import { FIDELITY_CASES, FidelityCase } from './fidelity-cases';

// Issue 18: every miss of the independent check fails now, with the real provider's kind of
// diagnostic, and its correct twin passes validate and plan.
const hasTerraform = terraformAvailable();

function run(c: FidelityCase, broken: boolean): OfflineResult {
  const crds = typeof c.crds === 'function' ? c.crds(broken) : c.crds;
  return validateOffline(c.config(broken), { crds });
}

function text(result: OfflineResult): string {
  return result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.summary}\n${d.detail ?? ''}`).join('\n---\n');
}

(hasTerraform ? describe : describe.skip)('offline proof fidelity (issue 18)', () => {
  jest.setTimeout(60_000);
  afterAll(() => closeOfflineProviders());

  describe.each(FIDELITY_CASES.map((c) => [`${c.group}: ${c.name}`, c] as const))('%s', (_name, c) => {
    test('the wrong twin fails', () => {
      const result = run(c, true);
      expect(result.ok).toBe(false);
      expect(text(result)).toMatch(c.expect);
    });
    test('the correct twin passes validate and plan', () => {
      const result = run(c, false);
      expect(text(result)).toBe('');
      expect(result).toMatchObject({ ok: true, validated: true, planned: true, plannedAdds: 1 });
    });
  });
});
