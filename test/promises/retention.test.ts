import { TerraformStack, Testing } from 'cdktf';
import { ZONES, awsApp, kubernetesApp, newStack, resourcesOf } from './fixtures';
import {
  AlarmTopic,
  DatabaseEngine,
  HaAlertmanager,
  HealthCheckedLoadBalancer,
  MultiAzNetwork,
  MultiAzService,
  Platform,
  Receiver,
  RemovalPolicy,
  ReplicatedDatabase,
  SecretRef,
  Workload,
} from '../../src';
import { ValidationError } from '../../src/core/private/errors';

/*
 * Stateful resources are retained by default (as in AWS CDK), with one visible opt-out per construct:
 * `removalPolicy: RemovalPolicy.DESTROY`.
 */

/** The stateful resource types of the library, and the guard each gets under RETAIN besides `prevent_destroy`. */
const STATEFUL: Record<string, (body: any) => boolean> = {
  aws_kms_key: (b) => b.deletion_window_in_days === 30,
  aws_cloudwatch_log_group: (b) => b.skip_destroy === true,
  aws_s3_bucket: (b) => b.force_destroy === false,
  aws_sns_topic: () => true,
  aws_db_instance: (b) => b.deletion_protection === true && b.skip_final_snapshot === false,
  kubernetes_namespace_v1: () => true,
};

function statefulOf(json: any): Array<[string, string, any]> {
  return resourcesOf(json).filter(([type]) => type in STATEFUL);
}

function withPolicy(stack: TerraformStack, policy?: RemovalPolicy): void {
  const network = new MultiAzNetwork(stack, 'network', { availabilityZones: ZONES, removalPolicy: policy });
  const alarms = new AlarmTopic(stack, 'oncall', { emails: ['oncall@example.com'], removalPolicy: policy });
  const platform = Platform.aws({ network, alarms });
  const edge = new HealthCheckedLoadBalancer(stack, 'edge', {
    platform,
    certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
    accessLogs: { enabled: true },
    removalPolicy: policy,
  });
  new MultiAzService(stack, 'api', { platform, workload: Workload.container({ image: 'ghcr.io/acme/api:1.4.2', port: 3000 }), loadBalancer: edge, removalPolicy: policy });
  new ReplicatedDatabase(stack, 'db', { platform, engine: DatabaseEngine.postgres('16'), removalPolicy: policy });
}

describe('stateful resources are retained by default', () => {
  test('every KMS key, log group, access-log bucket, alarm topic and database of an AWS application gets prevent_destroy and its cloud-side guard', () => {
    const stack = newStack('shop');
    awsApp(stack);
    const json = JSON.parse(Testing.synth(stack));
    const stateful = statefulOf(json);
    expect(new Set(stateful.map(([type]) => type))).toEqual(new Set(['aws_kms_key', 'aws_cloudwatch_log_group', 'aws_s3_bucket', 'aws_sns_topic', 'aws_db_instance']));
    for (const [type, id, body] of stateful) {
      expect([type, id, body.lifecycle?.prevent_destroy, STATEFUL[type](body)]).toEqual([type, id, true, true]);
    }
  });

  test('the access-log bucket is retained (not emptied on deletion), with everything else', () => {
    const stack = newStack('shop');
    withPolicy(stack);
    const json = JSON.parse(Testing.synth(stack));
    const buckets = statefulOf(json).filter(([type]) => type === 'aws_s3_bucket');
    expect(buckets).toHaveLength(1);
    expect(buckets[0][2]).toEqual(expect.objectContaining({ force_destroy: false, lifecycle: expect.objectContaining({ prevent_destroy: true }) }));
    for (const [type, id, body] of statefulOf(json)) {
      expect([type, id, body.lifecycle?.prevent_destroy]).toEqual([type, id, true]);
    }
  });

  test('RemovalPolicy.DESTROY on every construct drops every guard: nothing stateful keeps prevent_destroy or skip_destroy', () => {
    const stack = newStack('shop');
    withPolicy(stack, RemovalPolicy.DESTROY);
    const json = JSON.parse(Testing.synth(stack));
    const stateful = statefulOf(json);
    expect(stateful.length).toBeGreaterThanOrEqual(6);
    for (const [type, id, body] of stateful) {
      expect([type, id, body.lifecycle?.prevent_destroy, body.skip_destroy]).toEqual([type, id, undefined, undefined]);
    }
    const bucket = stateful.find(([type]) => type === 'aws_s3_bucket')![2];
    expect(bucket.force_destroy).toBe(true);
    const database = stateful.find(([type]) => type === 'aws_db_instance')![2];
    expect(database).toEqual(expect.objectContaining({ deletion_protection: false, skip_final_snapshot: true }));
  });

  test('the opt-out is per construct: DESTROY on the network leaves the database retained', () => {
    const stack = newStack('shop');
    const network = new MultiAzNetwork(stack, 'network', { availabilityZones: ZONES, removalPolicy: RemovalPolicy.DESTROY });
    new ReplicatedDatabase(stack, 'db', { platform: Platform.aws({ network }), engine: DatabaseEngine.postgres('16') });
    const json = JSON.parse(Testing.synth(stack));
    const flowLogGroup = resourcesOf(json).find(([type, id]) => type === 'aws_cloudwatch_log_group' && id.startsWith('network'))!;
    expect(flowLogGroup[2].lifecycle?.prevent_destroy).toBeUndefined();
    const database = resourcesOf(json).find(([type]) => type === 'aws_db_instance')!;
    expect(database[2].lifecycle?.prevent_destroy).toBe(true);
  });

  test('on Kubernetes: the created namespace and the Alertmanager volumes are retained; DESTROY deletes them', () => {
    const retained = newStack('k8s');
    kubernetesApp(retained);
    const json = JSON.parse(Testing.synth(retained));
    const namespace = resourcesOf(json).find(([type]) => type === 'kubernetes_namespace_v1')!;
    expect(namespace[2].lifecycle).toEqual(expect.objectContaining({ prevent_destroy: true }));
    const statefulSet = resourcesOf(json).find(([type]) => type === 'kubernetes_stateful_set_v1')!;
    expect(statefulSet[2].spec.persistent_volume_claim_retention_policy).toEqual([{ when_deleted: 'Retain', when_scaled: 'Retain' }]);

    const destroyed = newStack('k8s');
    new HaAlertmanager(destroyed, 'alerting', {
      platform: Platform.kubernetes({ namespaceName: 'monitoring' }),
      receivers: [Receiver.pagerDuty('pagerduty', SecretRef.kubernetes('pagerduty', 'routing-key'))],
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new MultiAzService(destroyed, 'api', {
      platform: Platform.kubernetes({ namespaceName: 'shop' }),
      workload: Workload.container({ image: 'ghcr.io/acme/api:1.4.2', port: 3000 }),
      createNamespace: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const out = JSON.parse(Testing.synth(destroyed));
    expect(resourcesOf(out).find(([type]) => type === 'kubernetes_namespace_v1')![2].lifecycle?.prevent_destroy).toBeUndefined();
    expect(Testing.synth(destroyed)).toContain('"when_deleted": "Delete"');
  });
});

describe('removalPolicy accepts the members only', () => {
  const network = (stack: TerraformStack, removalPolicy: unknown) =>
    new MultiAzNetwork(stack, 'network', { availabilityZones: ZONES, removalPolicy: removalPolicy as RemovalPolicy });

  test('plain JavaScript passes the member name ("RETAIN", "DESTROY"): values equal member names', () => {
    expect(Object.entries(RemovalPolicy).every(([key, value]) => key === value)).toBe(true);
    expect(() => network(newStack(), 'RETAIN')).not.toThrow();
    expect(() => network(newStack(), 'DESTROY')).not.toThrow();
  });

  test.each([
    ['retain'], ['Retain'], ['KEEP'], [0], [true], [{}], [null],
  ])('%j is refused with one clear error naming the prop and the members', (value) => {
    let error: unknown;
    try {
      network(newStack(), value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain('`removalPolicy`');
    // null follows the rule every prop follows (issue 12 B): refused once, "leave it out to get its default".
    expect((error as Error).message).toMatch(value === null ? /`removalPolicy` is null: leave it out to get its default/ : /RETAIN/);
    expect((error as Error).message).not.toMatch(/undefined|NaN|\[object Object\]/);
  });

  test('SNAPSHOT is for databases: a network or an alarm topic refuses it, a database takes it', () => {
    expect(() => network(newStack(), RemovalPolicy.SNAPSHOT)).toThrow(
      /`removalPolicy` must be RemovalPolicy.RETAIN or RemovalPolicy.DESTROY: .* cannot be snapshotted \(SNAPSHOT is for databases\)/,
    );
    expect(() => new AlarmTopic(newStack(), 't', { removalPolicy: RemovalPolicy.SNAPSHOT })).toThrow(/cannot be snapshotted/);
    const stack = newStack();
    const net = network(stack, undefined);
    expect(() => new ReplicatedDatabase(stack, 'db', { platform: Platform.aws({ network: net }), engine: DatabaseEngine.postgres('16'), removalPolicy: RemovalPolicy.SNAPSHOT })).not.toThrow();
  });
});
