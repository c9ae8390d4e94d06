/**
 * The deliberately wrong stacks of issue 18 that the offline proof used to accept, each with a
 * correct twin. Each case is a synthesized configuration (cdk.tf.json shape) built twice.
 */

type Json = { [key: string]: any };

export interface FidelityCase {
  /** Which group of misses of the issue it belongs to. */
  readonly group: 'block limits' | 'provider-side' | 'kubernetes_manifest';
  readonly name: string;
  /** The configuration; `broken` selects the wrong twin. */
  readonly config: (broken: boolean) => Json;
  /** What the wrong twin must fail with (summary or detail). */
  readonly expect: RegExp;
  /** CRDs the "cluster" has (kubernetes_manifest cases); a function when the twins differ in it. */
  readonly crds?: string[] | ((broken: boolean) => string[]);
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function aws(type: string, body: Json): Json {
  return {
    terraform: { required_providers: { aws: { source: 'hashicorp/aws' } } },
    provider: { aws: [{ region: 'eu-west-1' }] },
    resource: { [type]: { subject: body } },
  };
}

function manifest(m: unknown, extra: Json = {}): Json {
  return {
    terraform: { required_providers: { kubernetes: { source: 'hashicorp/kubernetes' } } },
    provider: { kubernetes: [{ host: 'https://kubernetes.example.com', token: 'offline' }] },
    resource: { kubernetes_manifest: { subject: { manifest: m, ...extra } } },
  };
}

const ROLE = 'arn:aws:iam::123456789012:role/fis';
const TG = (i: number) => `arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/tg-${i}/0123456789abcdef`;
const LISTENER = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/lb/0123456789abcdef/0123456789abcdef';

function fis(opts: { tags?: number; selectionMode?: string; role?: string; emptyTargets?: string }): Json {
  return aws('aws_fis_experiment_template', {
    description: 'stop one instance',
    role_arn: opts.role ?? ROLE,
    action: [{ name: 'stop', action_id: 'aws:ec2:stop-instances', target: [{ key: 'Instances', value: 'web' }] }],
    ...(opts.emptyTargets ? { experiment_options: [{ empty_target_resolution_mode: opts.emptyTargets }] } : {}),
    stop_condition: [{ source: 'none' }],
    target: [
      {
        name: 'web',
        resource_type: 'aws:ec2:instance',
        selection_mode: opts.selectionMode ?? 'COUNT(1)',
        resource_tag: range(opts.tags ?? 1).map((i) => ({ key: `k${i}`, value: 'v' })),
      },
    ],
  });
}

function listenerRule(opts: { targetGroups?: number; transforms?: number; claims?: number }): Json {
  const actions: Json[] = [
    { type: 'forward', order: 1, forward: [{ target_group: range(opts.targetGroups ?? 1).map((i) => ({ arn: TG(i), weight: 1 })) }] },
  ];
  if (opts.claims !== undefined) {
    actions.unshift({
      type: 'jwt-validation',
      order: 0,
      jwt_validation: [
        {
          issuer: 'https://issuer.example.com',
          jwks_endpoint: 'https://issuer.example.com/jwks',
          additional_claim: range(opts.claims).map((i) => ({ name: `claim${i}`, format: 'single-string', values: ['x'] })),
        },
      ],
    });
  }
  return aws('aws_lb_listener_rule', {
    listener_arn: LISTENER,
    priority: 10,
    action: actions,
    condition: [{ path_pattern: [{ values: ['/api/*'] }] }],
    ...(opts.transforms
      ? { transform: range(opts.transforms).map((i) => ({ type: 'url-rewrite', url_rewrite_config: [{ rewrite: [{ regex: `^/v${i}/(.*)$`, replace: '/$1' }] }] })) }
      : {}),
  });
}

function ecsService(opts: { strategies?: number; constraints?: number }): Json {
  return aws('aws_ecs_service', {
    name: 'api',
    ordered_placement_strategy: range(opts.strategies ?? 1).map((i) => ({ type: 'spread', field: `attribute:custom-${i}` })),
    placement_constraints: range(opts.constraints ?? 1).map((i) => ({ type: 'memberOf', expression: `attribute:ecs.instance-type =~ t${i}.*` })),
  });
}

function taskDefinition(opts: { constraints?: number; networkMode?: string }): Json {
  return aws('aws_ecs_task_definition', {
    family: 'api',
    container_definitions: JSON.stringify([{ name: 'api', image: 'ghcr.io/acme/api:1.4.2', memory: 512 }]),
    network_mode: opts.networkMode ?? 'awsvpc',
    placement_constraints: range(opts.constraints ?? 1).map((i) => ({ type: 'memberOf', expression: `attribute:ecs.instance-type =~ t${i}.*` })),
  });
}

function record(opts: { type?: string; alias?: boolean; ttl?: boolean; records?: boolean }): Json {
  return aws('aws_route53_record', {
    zone_id: 'Z0123456789ABCDEFGHIJ',
    name: 'shop.example.com',
    type: opts.type ?? 'A',
    ...(opts.alias ? { alias: [{ name: 'lb-123.eu-west-1.elb.amazonaws.com', zone_id: 'Z32O12XQLNTSW2', evaluate_target_health: true }] } : {}),
    ...(opts.ttl ? { ttl: 60 } : {}),
    ...(opts.records ? { records: ['192.0.2.10'] } : {}),
  });
}

const POD_CHAOS = {
  apiVersion: 'chaos-mesh.org/v1alpha1',
  kind: 'PodChaos',
  metadata: { name: 'kill-one', namespace: 'shop' },
  spec: { action: 'pod-kill', mode: 'one', selector: { namespaces: ['shop'], labelSelectors: { app: 'web' } } },
};

const CNPG_CLUSTER = {
  apiVersion: 'postgresql.cnpg.io/v1',
  kind: 'Cluster',
  metadata: { name: 'db', namespace: 'shop' },
  spec: { instances: 3, storage: { size: '10Gi' } },
};

function without(obj: Json, key: string): Json {
  const { [key]: _dropped, ...rest } = obj;
  return rest;
}

export const FIDELITY_CASES: FidelityCase[] = [
  // --- block limits above 1 (served from the real schema) ---
  { group: 'block limits', name: 'aws_fis_experiment_template target.resource_tag: 51 of 50', config: (b) => fis({ tags: b ? 51 : 50 }), expect: /Too many resource_tag blocks/ },
  { group: 'block limits', name: 'aws_ecs_service ordered_placement_strategy: 6 of 5', config: (b) => ecsService({ strategies: b ? 6 : 5 }), expect: /Too many ordered_placement_strategy blocks/ },
  { group: 'block limits', name: 'aws_ecs_service placement_constraints: 11 of 10', config: (b) => ecsService({ constraints: b ? 11 : 10 }), expect: /Too many placement_constraints blocks/ },
  { group: 'block limits', name: 'aws_ecs_task_definition placement_constraints: 11 of 10', config: (b) => taskDefinition({ constraints: b ? 11 : 10 }), expect: /Too many placement_constraints blocks/ },
  { group: 'block limits', name: 'aws_lb_listener_rule action.forward.target_group: 6 of 5', config: (b) => listenerRule({ targetGroups: b ? 6 : 5 }), expect: /Too many target_group blocks/ },
  { group: 'block limits', name: 'aws_lb_listener_rule transform: 3 of 2', config: (b) => listenerRule({ transforms: b ? 3 : 2 }), expect: /Too many transform blocks/ },
  { group: 'block limits', name: 'aws_lb_listener_rule action.jwt_validation.additional_claim: 11 of 10', config: (b) => listenerRule({ claims: b ? 11 : 10 }), expect: /Too many additional_claim blocks/ },

  // --- provider-side validation (provider-checks.js) ---
  { group: 'provider-side', name: 'aws_fis_experiment_template selection_mode pattern', config: (b) => fis({ selectionMode: b ? 'SOME' : 'PERCENT(25)' }), expect: /invalid value for target\.0\.selection_mode \(must be one of ALL, COUNT\(number\), PERCENT\(number\)\)/ },
  {
    group: 'provider-side',
    name: 'aws_fis_experiment_template role_arn that is not an ARN',
    config: (b) => fis({ role: b ? 'fis-role' : ROLE }),
    expect: /"role_arn" \(fis-role\) is an invalid ARN: arn: invalid prefix/,
  },
  {
    group: 'provider-side',
    name: 'aws_fis_experiment_template empty_target_resolution_mode enum',
    config: (b) => fis({ emptyTargets: b ? 'ignore' : 'skip' }),
    expect: /expected empty_target_resolution_mode to be one of \["fail" "skip"\], got ignore/,
  },
  { group: 'provider-side', name: 'aws_route53_record type enum', config: (b) => record({ type: b ? 'AAA' : 'AAAA', records: true, ttl: true }), expect: /expected type to be one of \["SOA" "A" .*"HTTPS"\], got AAA/ },
  { group: 'provider-side', name: 'aws_route53_record ttl together with alias', config: (b) => record({ alias: true, ttl: b }), expect: /"ttl": conflicts with alias/ },
  { group: 'provider-side', name: 'aws_route53_record with neither alias nor records', config: (b) => record({ records: !b, ttl: !b }), expect: /"alias": one of `alias,records` must be specified/ },
  { group: 'provider-side', name: 'aws_ecs_task_definition network_mode enum', config: (b) => taskDefinition({ networkMode: b ? 'vpc' : 'bridge' }), expect: /expected network_mode to be one of \["bridge" "host" "awsvpc" "none"\], got vpc/ },
  {
    group: 'provider-side',
    name: 'aws_cloudwatch_dashboard body that is not JSON',
    config: (b) => aws('aws_cloudwatch_dashboard', { dashboard_name: 'service', dashboard_body: b ? '{"widgets": [' : JSON.stringify({ widgets: [] }) }),
    expect: /"dashboard_body" contains an invalid JSON/,
  },
  {
    group: 'provider-side',
    name: 'aws_appautoscaling_policy policy_type enum',
    config: (b) =>
      aws('aws_appautoscaling_policy', {
        name: 'cpu',
        policy_type: b ? 'TargetTracking' : 'TargetTrackingScaling',
        resource_id: 'service/cluster/api',
        scalable_dimension: 'ecs:service:DesiredCount',
        service_namespace: 'ecs',
      }),
    expect: /expected policy_type to be one of \["PredictiveScaling" "StepScaling" "TargetTrackingScaling"\], got TargetTracking/,
  },

  {
    group: 'provider-side',
    name: 'aws_route53_health_check checker region that Route 53 does not offer',
    config: (b) => aws('aws_route53_health_check', { type: 'HTTPS', fqdn: 'lb.example.com', regions: ['eu-west-1', b ? 'eu-central-1' : 'sa-east-1', 'us-east-1'] }),
    expect: /expected regions to be one of \["us-east-1" "us-west-1" .*"sa-east-1"\], got eu-central-1/,
  },
  {
    group: 'provider-side',
    name: 'aws_rds_global_cluster engine that is not Aurora',
    config: (b) => aws('aws_rds_global_cluster', { global_cluster_identifier: 'shop-global', engine: b ? 'postgres' : 'aurora-postgresql' }),
    expect: /expected engine to be one of \["aurora" "aurora-mysql" "aurora-postgresql"\], got postgres/,
  },
  {
    group: 'provider-side',
    name: 'aws_rds_global_cluster identifier with capitals',
    config: (b) => aws('aws_rds_global_cluster', { global_cluster_identifier: b ? 'Shop-Global' : 'shop-global', engine: 'aurora-mysql' }),
    expect: /only lowercase alphanumeric characters and hyphens allowed in "global_cluster_identifier"/,
  },

  // --- kubernetes_manifest, like hashicorp/kubernetes 2.38 ---
  { group: 'kubernetes_manifest', name: 'manifest without kind', config: (b) => manifest(b ? without(POD_CHAOS, 'kind') : POD_CHAOS), crds: ['chaos-mesh'], expect: /'kind' attribute key is missing from manifest configuration/ },
  { group: 'kubernetes_manifest', name: 'manifest without metadata', config: (b) => manifest(b ? without(POD_CHAOS, 'metadata') : POD_CHAOS), crds: ['chaos-mesh'], expect: /'metadata' attribute key is missing from manifest configuration/ },
  { group: 'kubernetes_manifest', name: 'manifest with a status key', config: (b) => manifest(b ? { ...POD_CHAOS, status: { phase: 'Running' } } : POD_CHAOS), crds: ['chaos-mesh'], expect: /'status' attribute key is not allowed in manifest configuration/ },
  {
    group: 'kubernetes_manifest',
    name: 'manifest that is a string instead of an object',
    config: (b) => manifest(b ? 'apiVersion: v1\nkind: ConfigMap' : POD_CHAOS),
    crds: ['chaos-mesh'],
    expect: /can't unmarshal tftypes\.String into \*map\[string\]tftypes\.Value/,
  },
  { group: 'kubernetes_manifest', name: 'timeout that is not a duration', config: (b) => manifest(POD_CHAOS, { timeouts: [{ create: b ? 'ten minutes' : '10m' }] }), crds: ['chaos-mesh'], expect: /time: invalid duration "ten minutes"/ },
  {
    group: 'kubernetes_manifest',
    name: 'two waiters',
    config: (b) => manifest(POD_CHAOS, { wait: [b ? { rollout: true, fields: { 'status.phase': 'Running' } } : { fields: { 'status.phase': 'Running' } }] }),
    crds: ['chaos-mesh'],
    expect: /You may only set one of "(fields", "rollout|rollout", "fields)"\./,
  },
  {
    group: 'kubernetes_manifest',
    name: 'replicas = "three" (CloudNativePG instances, an integer)',
    config: (b) => manifest(b ? { ...CNPG_CLUSTER, spec: { ...CNPG_CLUSTER.spec, instances: 'three' } } : CNPG_CLUSTER),
    crds: ['cloudnative-pg'],
    expect: /String value doesn't parse as Number[\s\S]*parsing "three": invalid syntax[\s\S]*object\.spec\.instances/,
  },
  { group: 'kubernetes_manifest', name: 'kind whose CRD is not installed', config: () => manifest(POD_CHAOS), crds: (b) => (b ? [] : ['chaos-mesh']), expect: /API did not recognize GroupVersionKind from manifest \(CRD may not be installed\)/ },
  {
    group: 'kubernetes_manifest',
    name: 'namespaced kind without a namespace',
    config: (b) => manifest(b ? { ...POD_CHAOS, metadata: { name: 'kill-one' } } : POD_CHAOS),
    crds: ['chaos-mesh'],
    expect: /Resources of type 'chaos-mesh\.org\/v1alpha1, Kind=PodChaos' require a namespace/,
  },
];
