import { FisExperimentTemplate, FisExperimentTemplateConfig } from '@cdktf/provider-aws/lib/fis-experiment-template';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { Fn, TerraformStack, TerraformVariable } from 'cdktf';
import { findings, reportOf, violations } from './helpers';
import { FaultExperiments, ResilienceChecks, ResilienceTarget } from '../../src';
import { awsStack, kubernetesStack } from '../fault-injection/stacks';

const ROLE = 'arn:aws:iam::123456789012:role/fis';
const ALARM = 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:users-affected';

/** A FIS template stopping the instances tagged app=web (a tag the stack's own instance carries). */
function template(stack: TerraformStack, overrides: Partial<FisExperimentTemplateConfig> = {}): FisExperimentTemplate {
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new Instance(stack, 'web', { ami: 'ami-1', instanceType: 't3.small', tags: { app: 'web' } });
  return new FisExperimentTemplate(stack, 'experiment', {
    description: 'stop the web instances of one zone',
    roleArn: ROLE,
    stopCondition: [{ source: 'aws:cloudwatch:alarm', value: ALARM }],
    action: [{ name: 'stop', actionId: 'aws:ec2:stop-instances', target: { key: 'Instances', value: 'web' } }],
    target: [
      {
        name: 'web',
        resourceType: 'aws:ec2:instance',
        selectionMode: 'ALL',
        resourceTag: [{ key: 'app', value: 'web' }],
        filter: [{ path: 'Placement.AvailabilityZone', values: ['eu-west-1a'] }],
      },
    ],
    ...overrides,
  });
}

/** A Chaos Mesh object next to a Deployment whose pods carry app=web in namespace shop. */
function chaos(stack: TerraformStack, kind: string, spec: Record<string, unknown>): void {
  new DeploymentV1(stack, 'web', {
    metadata: { name: 'web', namespace: 'shop' },
    spec: { replicas: '3', selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { container: [{ name: 'web', image: 'web:1.0.0' }] } } },
  });
  new Manifest(stack, 'chaos', { manifest: { apiVersion: 'chaos-mesh.org/v1alpha1', kind, metadata: { name: 'chaos', namespace: 'shop' }, spec } });
}

const oneZone = { namespaces: ['shop'], labelSelectors: { app: 'web' }, nodeSelectors: { 'topology.kubernetes.io/zone': 'eu-west-1a' } };

describe('FT-FAULT-1: the experiment has nothing that stops it', () => {
  test('compliant: a FIS template stopped by an alarm; a lasting chaos with a duration; a pod kill (instant) without one', () => {
    expect(violations('FT-FAULT-1', (s) => template(s))).toEqual([]);
    expect(violations('FT-FAULT-1', (s) => chaos(s, 'PodChaos', { action: 'pod-failure', mode: 'all', duration: '10m', selector: oneZone }))).toEqual([]);
    expect(violations('FT-FAULT-1', (s) => chaos(s, 'PodChaos', { action: 'pod-kill', mode: 'one', selector: oneZone }))).toEqual([]);
  });

  test('non-compliant: a FIS template with source none', () => {
    const [f] = findings('FT-FAULT-1', (s) => template(s, { stopCondition: [{ source: 'none' }] }));
    expect([f.id, f.detail]).toEqual(['FT-FAULT-1:experiment', '`stop_condition` has `source = "none"` only: nothing stops it']);
  });

  test('non-compliant: a lasting chaos without a duration, a Schedule\'s embedded chaos included', () => {
    expect(findings('FT-FAULT-1', (s) => chaos(s, 'NetworkChaos', { action: 'partition', mode: 'all', selector: oneZone })).map((f) => f.detail)).toEqual([
      'the NetworkChaos has no `spec.duration`: the fault lasts until the object is deleted',
    ]);
    expect(
      violations('FT-FAULT-1', (s) => chaos(s, 'Schedule', { schedule: '@weekly', type: 'StressChaos', stressChaos: { mode: 'one', selector: oneZone, stressors: {} } })),
    ).toEqual(['FT-FAULT-1:chaos']);
  });
});

describe('FT-FAULT-2: more blast radius than the target', () => {
  test('compliant: one zone when the target tolerates one; one pod of all', () => {
    expect(violations('FT-FAULT-2', (s) => template(s))).toEqual([]);
    expect(violations('FT-FAULT-2', (s) => chaos(s, 'PodChaos', { action: 'pod-kill', mode: 'one', selector: { namespaces: ['shop'], labelSelectors: { app: 'web' } } }))).toEqual([]);
  });

  test('compliant: one zone known only at deploy time, though its expression has commas', () => {
    const build = (s: TerraformStack) => {
      const zones = new TerraformVariable(s, 'zones', { type: 'list(string)' });
      template(s, {
        target: [{ name: 'web', resourceType: 'aws:ec2:instance', selectionMode: 'ALL', resourceTag: [{ key: 'app', value: 'web' }], filter: [{ path: 'AvailabilityZone', values: [Fn.element(zones.listValue, 0)] }] }],
      });
    };
    expect(violations('FT-FAULT-2', build)).toEqual([]);
  });

  test('non-compliant: two zones when the target tolerates one', () => {
    const build = (s: TerraformStack) =>
      template(s, {
        target: [{ name: 'web', resourceType: 'aws:ec2:instance', selectionMode: 'ALL', resourceTag: [{ key: 'app', value: 'web' }], filter: [{ path: 'Placement.AvailabilityZone', values: ['eu-west-1a', 'eu-west-1b'] }] }],
      });
    expect(findings('FT-FAULT-2', build, { target: ResilienceTarget.survive({ zoneLoss: 1 }) }).map((f) => f.detail)).toEqual([
      'it takes out 2 zones (eu-west-1a, eu-west-1b); the target tolerates the loss of 1 zone',
    ]);
    expect(violations('FT-FAULT-2', build, { target: ResilienceTarget.survive({ zoneLoss: 2 }) })).toEqual([]);
  });

  test('non-compliant: every instance in every zone', () => {
    const build = (s: TerraformStack) =>
      template(s, { target: [{ name: 'web', resourceType: 'aws:ec2:instance', selectionMode: 'ALL', resourceTag: [{ key: 'app', value: 'web' }] }] });
    expect(findings('FT-FAULT-2', build).map((f) => f.detail)).toEqual(['`stop` (aws:ec2:stop-instances) acts on ALL of `web` in every zone: no replica is left']);
  });

  test('non-compliant: a zone when the target tolerates none; every pod of a service', () => {
    expect(violations('FT-FAULT-2', (s) => chaos(s, 'PodChaos', { action: 'pod-failure', mode: 'all', duration: '5m', selector: oneZone }), { target: ResilienceTarget.survive({ zoneLoss: 0 }) })).toEqual([
      'FT-FAULT-2:chaos',
    ]);
    expect(
      findings('FT-FAULT-2', (s) => chaos(s, 'PodChaos', { action: 'pod-kill', mode: 'all', selector: { namespaces: ['shop'], labelSelectors: { app: 'web' } } })).map((f) => f.detail),
    ).toEqual(['`mode: all` without a `topology.kubernetes.io/zone` node selector hits every selected pod in every zone: no replica is left']);
  });
});

describe('FT-FAULT-3: targets outside this stack', () => {
  test('compliant: tags a resource of the stack carries; ARNs that refer to the stack\'s resources; labels of its workloads', () => {
    expect(violations('FT-FAULT-3', (s) => template(s))).toEqual([]);
    expect(violations('FT-FAULT-3', (s) => chaos(s, 'PodChaos', { action: 'pod-kill', mode: 'one', selector: { namespaces: ['shop'], labelSelectors: { app: 'web' } } }))).toEqual([]);
  });

  test.each<[string, Partial<FisExperimentTemplateConfig>, string]>([
    [
      'filters only',
      { target: [{ name: 'web', resourceType: 'aws:ec2:instance', selectionMode: 'COUNT(1)', filter: [{ path: 'State.Name', values: ['running'] }] }] },
      '`web` selects every aws:ec2:instance of the account that matches its filters: it has neither `resource_arns` nor `resource_tag`',
    ],
    [
      'tags nothing here carries',
      { target: [{ name: 'web', resourceType: 'aws:ec2:instance', selectionMode: 'COUNT(1)', resourceTag: [{ key: 'app', value: 'billing' }] }] },
      '`web` selects by tags that no resource of this stack carries (app=billing)',
    ],
    [
      'a literal ARN',
      { target: [{ name: 'web', resourceType: 'aws:ec2:instance', selectionMode: 'ALL', resourceArns: ['arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0'] }] },
      '`web` names resources that are not in this stack: arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0',
    ],
  ])('non-compliant: %s', (_name, overrides, detail) => {
    expect(findings('FT-FAULT-3', (s) => template(s, overrides)).map((f) => f.detail)).toEqual([detail]);
  });

  test('compliant: the workload\'s namespace is a namespace this stack creates (a reference)', () => {
    const build = (s: TerraformStack) => {
      const ns = new NamespaceV1(s, 'ns', { metadata: { name: 'shop' } });
      new DeploymentV1(s, 'web', {
        metadata: { name: 'web', namespace: ns.metadata.name },
        spec: { replicas: '3', selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { container: [{ name: 'web', image: 'web:1.0.0' }] } } },
      });
      new Manifest(s, 'chaos', { manifest: { apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'PodChaos', metadata: { name: 'c', namespace: 'shop' }, spec: { action: 'pod-kill', mode: 'one', selector: { namespaces: ['shop'], labelSelectors: { app: 'web' } } } } });
    };
    expect(violations('FT-FAULT-3', build)).toEqual([]);
  });

  test('non-compliant: a chaos that selects a whole namespace, or labels of no workload here', () => {
    expect(findings('FT-FAULT-3', (s) => chaos(s, 'PodChaos', { action: 'pod-kill', mode: 'one', selector: { namespaces: ['shop'] } })).map((f) => f.detail)).toEqual([
      'it selects every pod of "shop": no `labelSelectors`',
    ]);
    expect(findings('FT-FAULT-3', (s) => chaos(s, 'PodChaos', { action: 'pod-kill', mode: 'one', selector: { namespaces: ['shop'], labelSelectors: { app: 'db' } } })).map((f) => f.detail)).toEqual([
      'its selector (app=db in shop) matches no workload of this stack',
    ]);
  });

  test('other kubernetes_manifest objects are not experiments', () => {
    const report = reportOf((s) => new Manifest(s, 'config', { manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' } } }));
    expect(report.findings.filter((f) => f.ruleId.startsWith('FT-FAULT-'))).toEqual([]);
  });
});

describe('the experiments FaultExperiments renders pass the rules, and the report lists them', () => {
  test('AWS: no FT-FAULT finding, every experiment with its hypothesis and stop conditions in the report', () => {
    const { stack } = awsStack();
    const checks = ResilienceChecks.of(stack, { writeReports: false, printSummary: false, target: ResilienceTarget.survive({ zoneLoss: 1 }) });
    FaultExperiments.of(stack);
    const report = checks.evaluate();
    expect(report.findings.filter((f) => f.ruleId.startsWith('FT-FAULT-'))).toEqual([]);
    expect(report.experiments.map((e) => [e.name, e.platform, e.kind, e.declared])).toEqual([
      ['zone-loss', 'aws', 'zone_loss', true],
      ['instance-loss-api', 'aws', 'instance_loss', true],
      ['database-failover-db', 'aws', 'database_failover', true],
      ['cpu-stress-api', 'aws', 'cpu_stress', true],
    ]);
    expect(report.experiments[0].stopConditions).toEqual(['shop-edge-Elb5xx', 'shop-edge-ApiNoHealthyHosts', 'shop-edge-ApiTarget5xx', 'shop-db-FreeStorageSpace']);
    const md = report.toMarkdown();
    expect(md).toContain('## Fault experiments');
    expect(md).toContain(`| \`zone-loss\` | aws | 1 zone (eu-west-1a) | ${report.experiments[0].hypothesis} | stopped by shop-edge-Elb5xx, shop-edge-ApiNoHealthyHosts, shop-edge-ApiTarget5xx, shop-db-FreeStorageSpace |`);
    expect(JSON.parse(report.toJson()).experiments[1]).toEqual({
      name: 'instance-loss-api',
      platform: 'aws',
      kind: 'instance_loss',
      hypothesis: report.experiments[1].hypothesis,
      blastRadius: '1 of 3 instances of api',
      stopConditions: ['shop-edge-Elb5xx', 'shop-edge-ApiNoHealthyHosts', 'shop-edge-ApiTarget5xx', 'shop-db-FreeStorageSpace'],
      resourcePaths: ['shop/FaultExperiments/ExperimentInstanceLossApi'],
      declared: true,
    });
    expect(report.toTable()).toContain('Fault experiments (4):\n  - zone-loss (aws, 1 zone (eu-west-1a)): stopped by shop-edge-Elb5xx,');
  });

  test('Kubernetes: no FT-FAULT finding; the report says what bounds them', () => {
    const { stack } = kubernetesStack();
    const checks = ResilienceChecks.of(stack, { writeReports: false, printSummary: false });
    FaultExperiments.of(stack, { zones: ['eu-west-1a'] });
    const report = checks.evaluate();
    expect(report.findings.filter((f) => f.ruleId.startsWith('FT-FAULT-'))).toEqual([]);
    expect(report.toTable()).toContain('  - instance-loss-web (kubernetes, 1 of 3 pods of web): bounded by its duration');
  });

  test('a hand-written template is listed too, with its description as hypothesis and its alarms by name', () => {
    const report = reportOf((s) => template(s));
    expect(report.experiments).toEqual([
      {
        name: 'experiment',
        platform: 'aws',
        kind: 'fis_experiment_template',
        hypothesis: 'stop the web instances of one zone',
        blastRadius: '-',
        stopConditions: ['users-affected'],
        resourcePaths: ['stack/experiment'],
        declared: false,
      },
    ]);
  });
});
