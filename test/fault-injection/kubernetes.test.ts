import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { chaosMeshValidators, schemaErrors } from './chaos-mesh-schema';
import { chaosObjects, experimentsOf, kubernetesStack } from './stacks';
import { FaultExperimentKind, FaultExperiments, PlatformKind, ResilienceTarget } from '../../src';
import { validateOffline } from '../../src/proof';

const validators = chaosMeshValidators();

describe('FaultExperiments on Kubernetes: Chaos Mesh objects', () => {
  const { stack } = kubernetesStack();
  const { experiments, json } = experimentsOf(stack, { zones: ['eu-west-1a'] });
  const objects = chaosObjects(json);
  const byName = Object.fromEntries(objects.map((o) => [o.metadata.name, o]));

  test('pod kill, zone failure (pods failed and the zone partitioned) and CPU stress, each with its hypothesis', () => {
    expect(experiments.experiments.map((e) => [e.name, e.kind, e.platform])).toEqual([
      ['kubernetes-zone-loss', FaultExperimentKind.ZONE_LOSS, PlatformKind.KUBERNETES],
      ['instance-loss-web', FaultExperimentKind.INSTANCE_LOSS, PlatformKind.KUBERNETES],
      ['cpu-stress-web', FaultExperimentKind.CPU_STRESS, PlatformKind.KUBERNETES],
    ]);
    expect(experiments.experiments[0].hypothesis).toBe(
      'With 1 zone (eu-west-1a) failed for 10min (the pods there failed, the zone cut off from the others): `web` keeps ≥ 2 of 3 pods ready in the ' +
        'other zones, its Service stops routing to the failed pods within 25s; no critical alert fires.',
    );
    expect(experiments.experiments[1].hypothesis).toBe(
      'With 1 of 3 pods of `web` killed: `web` keeps ≥ 2 pods serving, its Service stops routing to it within 25s, and the Deployment replaces it; no critical alert fires.',
    );
    expect(experiments.experiments.every((e) => e.stopConditions.length === 0)).toBe(true);
  });

  test('every object passes the real Chaos Mesh CRD schema', () => {
    expect(objects).toHaveLength(4);
    for (const o of objects) {
      expect({ name: o.metadata.name, errors: schemaErrors(validators, o) }).toEqual({ name: o.metadata.name, errors: [] });
    }
  });

  test('pod kill: one pod of the stable Deployment, in its namespace, no grace', () => {
    expect(byName['cluster-web-pod-kill']).toEqual({
      apiVersion: 'chaos-mesh.org/v1alpha1',
      kind: 'PodChaos',
      metadata: expect.objectContaining({ namespace: 'shop' }),
      spec: {
        action: 'pod-kill',
        mode: 'one',
        gracePeriod: 0,
        selector: {
          namespaces: ['shop'],
          labelSelectors: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'cluster-web', 'cdktf-fault-tolerance.dev/track': 'stable' },
        },
      },
    });
  });

  test('zone failure: every pod of the service on the zone\'s nodes, and the zone\'s pods of this stack partitioned from the rest', () => {
    expect(byName['cluster-web-zone-failure-1'].spec).toEqual({
      action: 'pod-failure',
      mode: 'all',
      duration: '600s',
      selector: {
        namespaces: ['shop'],
        labelSelectors: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'cluster-web', 'cdktf-fault-tolerance.dev/track': 'stable' },
        nodeSelectors: { 'topology.kubernetes.io/zone': 'eu-west-1a' },
      },
    });
    expect(byName['shop-zone-partition-1'].spec).toEqual({
      action: 'partition',
      mode: 'all',
      direction: 'both',
      duration: '600s',
      selector: { namespaces: ['shop'], labelSelectors: { 'app.kubernetes.io/managed-by': 'cdktf-fault-tolerance' }, nodeSelectors: { 'topology.kubernetes.io/zone': 'eu-west-1a' } },
      target: { mode: 'all', selector: { namespaces: ['shop'], labelSelectors: { 'app.kubernetes.io/managed-by': 'cdktf-fault-tolerance' } } },
    });
  });

  test('CPU stress: one pod, one worker at full load, for the fault\'s duration', () => {
    expect(byName['cluster-web-cpu-stress'].spec).toEqual(expect.objectContaining({ mode: 'one', duration: '600s', stressors: { cpu: { workers: 1, load: 100 } } }));
  });

  test('applying the stack injects nothing: every object is created paused, and carries its experiment and hypothesis', () => {
    for (const o of objects) {
      expect(o.metadata.annotations['experiment.chaos-mesh.org/pause']).toBe('true');
      expect(o.metadata.labels['cdktf-fault-tolerance.dev/experiment']).toMatch(/^(kubernetes-zone-loss|instance-loss-web|cpu-stress-web)$/);
      expect(o.metadata.annotations['cdktf-fault-tolerance.dev/hypothesis']).toMatch(/^With /);
    }
  });

  test('the stack is valid Terraform, and every object passes its CRD in the offline proof', () => {
    const result = validateOffline(stack, { crds: ['chaos-mesh'] });
    expect(result.diagnostics).toEqual([]);
    expect(result.proof.manifests.map((m) => m.status)).toEqual(['validated', 'validated', 'validated', 'validated']);
  });
});

describe('FaultExperiments on Kubernetes: options and a deliberately wrong object', () => {
  test('`schedule`: recurring game days as Chaos Mesh Schedules, which pass the Schedule CRD', () => {
    const { stack } = kubernetesStack();
    const { json } = experimentsOf(stack, { schedule: '0 10 * * 2', kinds: [FaultExperimentKind.INSTANCE_LOSS] });
    const [schedule] = chaosObjects(json);
    expect(schedule).toEqual({
      apiVersion: 'chaos-mesh.org/v1alpha1',
      kind: 'Schedule',
      metadata: expect.objectContaining({ name: 'cluster-web-pod-kill-schedule', namespace: 'shop' }),
      spec: {
        schedule: '0 10 * * 2',
        type: 'PodChaos',
        historyLimit: 5,
        concurrencyPolicy: 'Forbid',
        podChaos: expect.objectContaining({ action: 'pod-kill', mode: 'one' }),
      },
    });
    expect(schedule.metadata.annotations['experiment.chaos-mesh.org/pause']).toBeUndefined();
    expect(schemaErrors(validators, schedule)).toEqual([]);
  });

  test('without `zones` there is no Kubernetes zone experiment, and a warning says why', () => {
    const { stack } = kubernetesStack();
    const experiments = FaultExperiments.of(stack, { target: ResilienceTarget.survive({ zoneLoss: 1 }) });
    expect(experiments.experiments.map((e) => e.name)).toEqual(['instance-loss-web', 'cpu-stress-web']);
    expect(experiments.node.metadata.map((m) => m.data)).toEqual([
      'FaultExperiments "cluster/FaultExperiments": No Kubernetes zone experiment: the cluster\'s zones are not known at synth time. Pass `zones` ' +
        '(the `topology.kubernetes.io/zone` label values to lose, e.g. `[\'eu-west-1a\']`).',
    ]);
  });

  test('a deliberately wrong object fails the CRD schema in the tests and the offline proof alike', () => {
    const { stack } = kubernetesStack();
    const { json } = experimentsOf(stack, { kinds: [FaultExperimentKind.INSTANCE_LOSS] });
    const [id] = Object.keys(json.resource.kubernetes_manifest);
    const wrong = JSON.parse(JSON.stringify(json));
    // A mode Chaos Mesh does not know, and an action spelled the way a user might guess it.
    wrong.resource.kubernetes_manifest[id].manifest.spec.mode = 'single';
    wrong.resource.kubernetes_manifest[id].manifest.spec.action = 'kill-pod';
    expect(schemaErrors(validators, wrong.resource.kubernetes_manifest[id].manifest)).toEqual([
      expect.stringMatching(/^\/spec\/action must be equal to one of the allowed values/),
      expect.stringMatching(/^\/spec\/mode must be equal to one of the allowed values/),
    ]);
    const result = validateOffline(wrong, { crds: ['chaos-mesh'] });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.detail).join('\n')).toMatch(/spec\.action.*kill-pod|kill-pod/);
    expect(Testing.synth(stack)).toBeTruthy();
  });
});
