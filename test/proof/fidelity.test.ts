import 'cdktf/lib/testing/adapters/jest';
import { FIDELITY_CASES, FidelityCase } from './fidelity-cases';
import { closeOfflineProviders, formatProof, OfflineResult, summarize, terraformAvailable, validateOffline } from '../../src/proof/runner';

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

(hasTerraform ? describe : describe.skip)('what the proof reports', () => {
  jest.setTimeout(60_000);
  afterAll(() => closeOfflineProviders());
  const podChaos = FIDELITY_CASES.find((c) => c.name === 'manifest without kind')!.config(false);

  test('a CRD object checked against its schema is "validated", with the schema source and checks named', () => {
    const result = validateOffline(podChaos, { crds: ['chaos-mesh'] });
    expect(result.ok).toBe(true);
    expect(result.proof).toMatchObject({
      schemas: [expect.stringMatching(/^hashicorp\/kubernetes 2\.38\.0: real schema \(kubernetes-2\.38\.0\.json\.gz\)$/)],
      providerChecks: [{ type: 'kubernetes_manifest', checks: 9 }],
      manifests: [{ address: 'kubernetes_manifest.subject', kind: 'chaos-mesh.org/v1alpha1 PodChaos', status: 'validated', why: 'checked against chaos-mesh.org_podchaos.yaml' }],
    });
    expect(formatProof(result)).toContain('manifest kubernetes_manifest.subject (chaos-mesh.org/v1alpha1 PodChaos): validated');
  });

  test('a built-in kind has no schema offline: reported "unverified", never "validated"', () => {
    const deployment = JSON.parse(JSON.stringify(podChaos));
    deployment.resource.kubernetes_manifest.subject.manifest = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { replicas: 'three' },
    };
    const result = validateOffline(deployment);
    expect(result.ok).toBe(true);
    expect(result.proof.manifests).toEqual([
      expect.objectContaining({ status: 'unverified', why: 'built-in kind: scope and metadata checked, no OpenAPI schema offline' }),
    ]);
    expect(summarize(result)).toContain('1 manifest not schema-checked');
  });

  test('a kind only known at apply is reported "unknown"', () => {
    const tokenised = JSON.parse(JSON.stringify(podChaos));
    tokenised.variable = { kind: { type: 'string', default: 'PodChaos' } };
    tokenised.resource.kubernetes_manifest.subject.manifest.kind = '${var.kind}';
    const result = validateOffline(tokenised, { crds: ['chaos-mesh'] });
    expect(result.ok).toBe(true);
    expect(result.proof.manifests).toEqual([expect.objectContaining({ status: 'unknown' })]);
  });

  test('resource types without provider-side checks are listed as such', () => {
    const result = validateOffline(FIDELITY_CASES[0].config(false));
    expect(result.proof.providerChecks).toEqual([{ type: 'aws_fis_experiment_template', checks: 25 }]);
    const vpc = { ...FIDELITY_CASES[0].config(false), resource: { aws_vpc: { v: { cidr_block: '10.0.0.0/16' } } } };
    expect(validateOffline(vpc).proof.typesWithoutProviderChecks).toEqual(['aws_vpc']);
  });
});
