import * as fs from 'fs';
import * as path from 'path';
/* eslint-disable @typescript-eslint/no-require-imports */
const { buildRegistry, goDurationError, planManifest, validateManifestConfig } = require('../../src/proof/manifest');
const { CHECKS, runChecks } = require('../../src/proof/provider-checks');
/* eslint-enable @typescript-eslint/no-require-imports */

// The provider-side tables and the kubernetes_manifest logic without Terraform (always run).
const UNKNOWN = Symbol('unknown');
const isUnknown = (v: unknown) => v === UNKNOWN;

describe('provider-side check table', () => {
  test('every entry names its source in the provider code (or the API it comes from)', () => {
    for (const [type, checks] of Object.entries(CHECKS as { [t: string]: { source: string; via?: string }[] })) {
      for (const c of checks) {
        expect(`${type}: ${c.source}`).toMatch(c.via === 'api' ? /API/ : /^[\w_]+: hashicorp\/terraform-provider-aws internal\/service\/\w+\/[\w_]+\.go/);
      }
    }
  });

  test('an unknown value is not checked (the SDK defers it)', () => {
    expect(runChecks('aws_route53_record', { type: UNKNOWN, records: ['x'] }, isUnknown)).toEqual([]);
    expect(runChecks('aws_route53_record', { type: 'A', records: UNKNOWN }, isUnknown)).toEqual([]);
  });

  test('both alias and records: "only one of" (both keys report, like the SDK)', () => {
    const diags = runChecks('aws_route53_record', { type: 'A', records: ['192.0.2.1'], alias: [{ name: 'x', zone_id: 'Z1', evaluate_target_health: true }] }, isUnknown);
    expect(diags.map((d: { detail: string }) => d.detail.split('\n')[0])).toEqual([
      '"alias": only one of `alias,records` can be specified, but `alias,records` were specified.',
      '"records": only one of `alias,records` can be specified, but `alias,records` were specified.',
    ]);
  });

  test('routing policies: two at once conflict, and each needs set_identifier', () => {
    const diags = runChecks(
      'aws_route53_record',
      { type: 'A', records: ['192.0.2.1'], ttl: 60, failover_routing_policy: [{ type: 'PRIMARY' }], weighted_routing_policy: [{ weight: 1 }] },
      isUnknown,
    ).map((d: { detail: string }) => d.detail.split('\n')[0]);
    expect(diags).toEqual(
      expect.arrayContaining([
        '"failover_routing_policy": conflicts with weighted_routing_policy',
        '"failover_routing_policy": all of `failover_routing_policy,set_identifier` must be specified',
      ]),
    );
  });

  test('health check: request_interval and failure_threshold ranges', () => {
    const summaries = runChecks('aws_route53_health_check', { type: 'https', request_interval: 20, failure_threshold: 11 }, isUnknown).map(
      (d: { summary: string }) => d.summary,
    );
    expect(summaries).toEqual(['expected failure_threshold to be in the range (1 - 10), got 11', 'expected request_interval to be one of [10 30], got 20']);
  });

  test('health check: checker regions (each element of the set), CloudWatch region, insufficient-data status, child threshold', () => {
    const summaries = runChecks(
      'aws_route53_health_check',
      { type: 'CLOUDWATCH_METRIC', regions: ['eu-west-1', 'eu-central-1', 'us-east-1'], cloudwatch_alarm_region: 'mars-1', insufficient_data_health_status: 'Ok', child_health_threshold: 257 },
      isUnknown,
    ).map((d: { summary: string }) => d.summary);
    expect(summaries).toEqual([
      'expected regions to be one of ["us-east-1" "us-west-1" "us-west-2" "eu-west-1" "ap-southeast-1" "ap-southeast-2" "ap-northeast-1" "sa-east-1"], got eu-central-1',
      expect.stringMatching(/^expected cloudwatch_alarm_region to be one of \["us-east-1" "us-east-2" .* "us-isob-east-1"\], got mars-1$/),
      'expected insufficient_data_health_status to be one of ["Healthy" "Unhealthy" "LastKnownStatus"], got Ok',
      'expected child_health_threshold to be at most (256), got 257',
    ]);
    expect(runChecks('aws_route53_health_check', { type: 'CLOUDWATCH_METRIC', cloudwatch_alarm_region: UNKNOWN, regions: [UNKNOWN, 'eu-west-1', 'us-east-1'] }, isUnknown)).toEqual([]);
  });

  test('global cluster: engine, engine and source conflict, source needs force_destroy, the identifier rules one by one', () => {
    const diags = runChecks('aws_rds_global_cluster', { global_cluster_identifier: '1a--b-', engine: 'postgres', source_db_cluster_identifier: 'arn' }, isUnknown);
    expect(diags.map((d: { summary: string; detail: string }) => (d.summary.startsWith('Conflicting') || d.summary.startsWith('Missing') ? d.detail.split('\n')[0] : d.summary))).toEqual([
      'expected engine to be one of ["aurora" "aurora-mysql" "aurora-postgresql"], got postgres',
      '"engine": conflicts with source_db_cluster_identifier',
      '"source_db_cluster_identifier": conflicts with engine',
      '"source_db_cluster_identifier": all of `force_destroy,source_db_cluster_identifier` must be specified',
      'first character of "global_cluster_identifier" must be a letter',
      '"global_cluster_identifier" cannot contain two consecutive hyphens',
      '"global_cluster_identifier" cannot end with a hyphen',
    ]);
    expect(runChecks('aws_rds_global_cluster', { global_cluster_identifier: 'shop-global', engine: 'aurora-postgresql' }, isUnknown)).toEqual([]);
  });

  test('ECS services, task definitions, dashboards and listener rules: the values the library renders pass, wrong ones fail', () => {
    const summaries = (type: string, config: object) => runChecks(type, config, isUnknown).map((d: { summary: string }) => d.summary);
    const service = {
      availability_zone_rebalancing: 'ENABLED',
      deployment_configuration: [{ strategy: 'ROLLING' }],
      deployment_controller: [{ type: 'ECS' }],
      health_check_grace_period_seconds: 60,
      launch_type: 'FARGATE',
      load_balancer: [{ container_port: 3000 }],
      propagate_tags: 'SERVICE',
      scheduling_strategy: 'REPLICA',
    };
    expect(summaries('aws_ecs_service', service)).toEqual([]);
    expect(summaries('aws_ecs_service', { ...service, launch_type: 'fargate', deployment_configuration: [{ strategy: 'CANARY', bake_time_in_minutes: '2000' }], propagate_tags: 'TASK' })).toEqual([
      'expected deployment_configuration.0.bake_time_in_minutes to be in the range (0 - 1440), got 2000',
      'expected launch_type to be one of ["EC2" "FARGATE" "EXTERNAL" "MANAGED_INSTANCES"], got fargate',
      'expected propagate_tags to be one of ["TASK_DEFINITION" "SERVICE" "NONE"], got TASK',
    ]);
    expect(summaries('aws_ecs_task_definition', { family: 'api', container_definitions: '[{"name":"app"}]' })).toEqual([]);
    expect(summaries('aws_ecs_task_definition', { family: 'api', container_definitions: '[{"name":' })).toEqual([expect.stringMatching(/^"container_definitions" contains an invalid JSON/)]);
    expect(summaries('aws_cloudwatch_dashboard', { dashboard_name: 'stack-health', dashboard_body: '{"widgets":[]}' })).toEqual([]);
    expect(summaries('aws_cloudwatch_dashboard', { dashboard_name: 'stack health', dashboard_body: '{}' })).toEqual(['invalid value for dashboard_name (at most 255 letters, digits, "-" or "_")']);
    const rule = { priority: 10, condition: [{ host_header: [{ values: ['api.example.com'] }] }], action: [{ forward: [{ target_group: [{ weight: 100 }], stickiness: [{ duration: 1 }] }] }] };
    expect(summaries('aws_lb_listener_rule', rule)).toEqual([]);
    expect(summaries('aws_lb_listener_rule', { ...rule, condition: [{ path_pattern: [{ values: ['/'.repeat(129)] }] }], action: [{ forward: [{ target_group: [{ weight: 1000 }] }] }] })).toEqual([
      expect.stringMatching(/^expected length of condition\.0\.path_pattern\.0\.values\.0 to be in the range \(1 - 128\)/),
      'expected action.0.forward.0.target_group.0.weight to be in the range (0 - 999), got 1000',
    ]);
  });

  test('API-side checks say that the provider itself does not check them', () => {
    const [d] = runChecks('aws_appautoscaling_policy', { name: 'p', policy_type: 'X' }, isUnknown);
    expect(d.detail).toContain('The cloud API rejects this value at apply; the provider does not check it at plan.');
  });
});

describe('kubernetes_manifest logic', () => {
  test.each([
    ['10m', undefined],
    ['1h30m', undefined],
    ['0', undefined],
    ['10', 'time: missing unit in duration "10"'],
    ['ten', 'time: invalid duration "ten"'],
  ])('Go duration %s', (value, error) => {
    expect(goDurationError(value)).toBe(error);
  });

  test('an unknown manifest is not checked at validate', () => {
    expect(validateManifestConfig({ manifest: undefined }, isUnknown)).toEqual([]);
  });

  test('wait_for is deprecated: a warning, not an error', () => {
    const diags = validateManifestConfig({ manifest: { type: ['object', {}], value: { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} } }, wait_for: { fields: {} } }, isUnknown);
    expect(diags).toEqual([expect.objectContaining({ severity: 'WARNING', summary: 'Deprecated Attribute' })]);
  });

  const root = path.join(__dirname, '..', '..', 'schemas');
  const registry = buildRegistry([path.join(root, 'chaos-mesh'), path.join(root, 'cloudnative-pg')]);

  test('the registry knows every kind of the vendored CRDs', () => {
    const crdKinds = [...registry.kinds.values()].filter((k: { source: string }) => k.source !== 'built-in').map((k: { kind: string }) => k.kind);
    expect(new Set(crdKinds)).toEqual(new Set(['NetworkChaos', 'PodChaos', 'Schedule', 'StressChaos', 'Backup', 'Cluster', 'Pooler', 'ScheduledBackup']));
    expect(fs.readdirSync(path.join(root, 'chaos-mesh')).filter((f) => f.endsWith('.yaml'))).toHaveLength(4);
  });

  test('an attribute the schema does not know fails the plan (a warning the provider turns into an error)', () => {
    const result = planManifest(
      { apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'PodChaos', metadata: { name: 'p', namespace: 'n' }, spec: { action: 'pod-kill', mode: 'one', selector: {}, actoin: 'x' } },
      registry,
      isUnknown,
    );
    expect(result.status).toBe('failed');
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'ERROR', summary: 'Manifest configuration incompatible with resource schema' }),
      expect.objectContaining({ severity: 'WARNING', summary: 'Attribute not found in schema', detail: 'Unable to find schema type for attribute:\nobject.spec.actoin' }),
    ]);
  });

  test('an enum value the CRD does not allow is rejected as the API server would at apply', () => {
    const result = planManifest(
      { apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'PodChaos', metadata: { name: 'p', namespace: 'n' }, spec: { action: 'pod-explode', mode: 'one', selector: {} } },
      registry,
      isUnknown,
    );
    expect(result.status).toBe('failed');
    expect(result.diagnostics[0].detail).toMatch(/^spec\.action: Unsupported value: "pod-explode": supported values: "pod-kill", "pod-failure", "container-kill"/);
    expect(result.diagnostics[0].detail).toContain('The Kubernetes API server rejects this object at apply');
  });

  test('a cluster-scoped kind must not have a namespace', () => {
    const result = planManifest({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', namespace: 'x' } }, registry, isUnknown);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ summary: 'Cluster level resource cannot take namespace', detail: "Resources of type 'v1, Kind=Namespace' cannot have a namespace" }),
    ]);
  });
});
