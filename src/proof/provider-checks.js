// @ts-check
/**
 * Provider-side value checks of the offline proof: what the real providers (and, marked `api`,
 * the cloud API at apply) check beyond the schema, for the resource types this library emits.
 *
 * Every entry is a small table row with its source: the file of hashicorp/terraform-provider-aws
 * whose schema declares it (ValidateFunc / ValidateDiagFunc / ConflictsWith / ExactlyOneOf /
 * RequiredWith / MaxItems on an attribute), read from the provider's public source. Messages follow
 * terraform-plugin-sdk v2 (helper/validation and helper/schema), so diagnostics read like the real
 * provider's. The `key` of a message is the SDK's flat key (`target.0.selection_mode`): ValidateFunc
 * checks see the full key, ValidateDiagFunc checks (enum.Validate) only the last attribute name.
 *
 * A path is a dotted list of attribute names; a list or set of blocks on the way is walked element by
 * element. Values that are unknown at validate time are skipped (the SDK does the same).
 *
 * Not modelled: any check not listed here (see README), CustomizeDiff functions, and checks that
 * need the cloud (e.g. that an ARN exists).
 */
'use strict';

const AWS = 'hashicorp/terraform-provider-aws';

/**
 * @typedef {{ kind: 'enum', path: string, values: string[], diagKey?: boolean, ignoreCase?: boolean }
 *   | { kind: 'intIn', path: string, values: number[] }
 *   | { kind: 'pattern', path: string, regex: string, message: string }
 *   | { kind: 'length', path: string, min: number, max: number }
 *   | { kind: 'intBetween', path: string, min: number, max: number }
 *   | { kind: 'json', path: string }
 *   | { kind: 'conflicts', path: string, with: string[] }
 *   | { kind: 'exactlyOneOf', path: string, of: string[] }
 *   | { kind: 'requiredWith', path: string, with: string[] }
 *   | { kind: 'maxItems', path: string, max: number }
 *   | { kind: 'minItems', path: string, min: number }
 *   | { kind: 'listenerRulePriority', path: string }
 *   | { kind: 'arn', path: string }
 *   | { kind: 'intAtMost', path: string, max: number }
 *   | { kind: 'rdsIdentifier', path: string }} CheckRule
 * @typedef {CheckRule & { source: string, via?: 'provider' | 'api' }} Check
 */

const RR_TYPES = ['SOA', 'A', 'TXT', 'NS', 'CNAME', 'MX', 'NAPTR', 'PTR', 'SRV', 'SPF', 'AAAA', 'CAA', 'DS', 'TLSA', 'SSHFP', 'SVCB', 'HTTPS'];
const ROUTING_POLICIES = [
  'cidr_routing_policy',
  'failover_routing_policy',
  'geolocation_routing_policy',
  'geoproximity_routing_policy',
  'latency_routing_policy',
  'multivalue_answer_routing_policy',
  'weighted_routing_policy',
];
const FIS = `${AWS} internal/service/fis/experiment_template.go`;
const R53 = `${AWS} internal/service/route53/record.go`;
const R53HC = `${AWS} internal/service/route53/health_check.go`;
const ECS_TD = `${AWS} internal/service/ecs/task_definition.go`;
const CW_DASH = `${AWS} internal/service/cloudwatch/dashboard.go`;
const AAS = `${AWS} internal/service/appautoscaling/policy.go`;
const ELB_RULE = `${AWS} internal/service/elbv2/listener_rule.go`;
const RDS_GLOBAL = `${AWS} internal/service/rds/global_cluster.go`;
/** aws-sdk-go-v2 service/route53/types HealthCheckRegion values. */
const HEALTH_CHECK_REGIONS = ['us-east-1', 'us-west-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1'];
/** aws-sdk-go-v2 service/route53/types CloudWatchRegion values. */
const CLOUDWATCH_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'ap-east-1', 'me-south-1', 'me-central-1', 'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-northeast-1',
  'ap-northeast-2', 'ap-northeast-3', 'eu-north-1', 'sa-east-1', 'cn-northwest-1', 'cn-north-1', 'af-south-1', 'eu-south-1', 'eu-south-2',
  'us-gov-west-1', 'us-gov-east-1', 'us-iso-east-1', 'us-iso-west-1', 'us-isob-east-1',
];
const ECS_SVC = `${AWS} internal/service/ecs/service.go`;

/** @type {{ [type: string]: Check[] }} */
const CHECKS = {
  aws_fis_experiment_template: [
    { kind: 'length', path: 'action.action_id', min: 0, max: 128, source: FIS },
    {
      kind: 'pattern',
      path: 'action.action_id',
      regex: '^aws:[0-9a-z-]+:[0-9A-Za-z/-]+$',
      message: 'must be in the format of aws:service-name:action-name',
      source: FIS,
    },
    { kind: 'length', path: 'action.name', min: 0, max: 64, source: FIS },
    { kind: 'length', path: 'action.description', min: 0, max: 512, source: FIS },
    { kind: 'length', path: 'action.start_after', min: 0, max: 64, source: FIS },
    {
      kind: 'enum',
      path: 'action.target.key',
      values: ['AutoScalingGroups', 'Buckets', 'Cluster', 'Clusters', 'DBInstances', 'Instances', 'Nodegroups', 'Pods', 'ReplicationGroups', 'Roles', 'SpotInstances', 'Subnets', 'Tables', 'Tasks', 'TransitGateways', 'Volumes'],
      source: `${FIS} (validExperimentTemplateActionTargetKey)`,
    },
    { kind: 'length', path: 'description', min: 0, max: 512, source: FIS },
    { kind: 'enum', path: 'stop_condition.source', values: ['aws:cloudwatch:alarm', 'none'], source: `${FIS} (validExperimentTemplateStopConditionSource)` },
    { kind: 'length', path: 'action.parameter.key', min: 0, max: 64, source: FIS },
    { kind: 'length', path: 'action.parameter.value', min: 0, max: 1024, source: FIS },
    { kind: 'length', path: 'action.target.value', min: 0, max: 64, source: FIS },
    { kind: 'arn', path: 'role_arn', source: `${FIS} (verify.ValidARN)` },
    { kind: 'arn', path: 'stop_condition.value', source: `${FIS} (verify.ValidARN)` },
    { kind: 'enum', path: 'experiment_options.account_targeting', values: ['single-account', 'multi-account'], diagKey: true, source: `${FIS} (enum.Validate[awstypes.AccountTargeting])` },
    {
      kind: 'enum',
      path: 'experiment_options.empty_target_resolution_mode',
      values: ['fail', 'skip'],
      diagKey: true,
      source: `${FIS} (enum.Validate[awstypes.EmptyTargetResolutionMode])`,
    },
    { kind: 'length', path: 'target.filter.path', min: 0, max: 256, source: FIS },
    { kind: 'length', path: 'target.filter.values', min: 0, max: 128, source: FIS },
    { kind: 'arn', path: 'target.resource_arns', source: `${FIS} (verify.ValidARN)` },
    { kind: 'length', path: 'target.resource_tag.key', min: 0, max: 128, source: FIS },
    { kind: 'length', path: 'target.resource_tag.value', min: 0, max: 256, source: FIS },
    { kind: 'length', path: 'target.name', min: 0, max: 64, source: FIS },
    { kind: 'length', path: 'target.resource_type', min: 0, max: 64, source: FIS },
    { kind: 'maxItems', path: 'target.resource_arns', max: 5, source: FIS },
    { kind: 'length', path: 'target.selection_mode', min: 0, max: 64, source: FIS },
    {
      kind: 'pattern',
      path: 'target.selection_mode',
      regex: '^(ALL|COUNT\\(\\d+\\)|PERCENT\\(\\d+\\))$',
      message: 'must be one of ALL, COUNT(number), PERCENT(number)',
      source: FIS,
    },
  ],
  aws_route53_record: [
    { kind: 'enum', path: 'type', values: RR_TYPES, diagKey: true, source: `${R53} (enum.Validate[awstypes.RRType])` },
    { kind: 'exactlyOneOf', path: 'alias', of: ['alias', 'records'], source: R53 },
    { kind: 'conflicts', path: 'alias', with: ['ttl'], source: R53 },
    { kind: 'exactlyOneOf', path: 'records', of: ['alias', 'records'], source: R53 },
    { kind: 'conflicts', path: 'ttl', with: ['alias'], source: R53 },
    { kind: 'requiredWith', path: 'ttl', with: ['records', 'ttl'], source: R53 },
    { kind: 'length', path: 'alias.name', min: 1, max: 1024, source: R53 },
    { kind: 'length', path: 'alias.zone_id', min: 1, max: 32, source: R53 },
    { kind: 'enum', path: 'failover_routing_policy.type', values: ['PRIMARY', 'SECONDARY'], diagKey: true, source: `${R53} (enum.Validate[awstypes.ResourceRecordSetFailover])` },
    { kind: 'intBetween', path: 'geoproximity_routing_policy.bias', min: -99, max: 99, source: R53 },
    ...ROUTING_POLICIES.flatMap((policy) => [
      { kind: /** @type {const} */ ('conflicts'), path: policy, with: ROUTING_POLICIES.filter((p) => p !== policy), source: R53 },
      { kind: /** @type {const} */ ('requiredWith'), path: policy, with: ['set_identifier'], source: R53 },
    ]),
  ],
  aws_route53_health_check: [
    { kind: 'intBetween', path: 'failure_threshold', min: 1, max: 10, source: R53HC },
    { kind: 'intIn', path: 'request_interval', values: [10, 30], source: R53HC },
    { kind: 'minItems', path: 'regions', min: 3, source: R53HC },
    { kind: 'maxItems', path: 'regions', max: 64, source: R53HC },
    { kind: 'length', path: 'resource_path', min: 0, max: 255, source: R53HC },
    { kind: 'length', path: 'search_string', min: 0, max: 255, source: R53HC },
    {
      kind: 'enum',
      path: 'type',
      values: ['HTTP', 'HTTPS', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH', 'TCP', 'CALCULATED', 'CLOUDWATCH_METRIC', 'RECOVERY_CONTROL'],
      ignoreCase: true,
      source: `${R53HC} (StringInSlice(HealthCheckType values, ignoreCase))`,
    },
    { kind: 'enum', path: 'regions', values: HEALTH_CHECK_REGIONS, diagKey: true, source: `${R53HC} (enum.Validate[awstypes.HealthCheckRegion])` },
    { kind: 'enum', path: 'cloudwatch_alarm_region', values: CLOUDWATCH_REGIONS, diagKey: true, source: `${R53HC} (enum.Validate[awstypes.CloudWatchRegion])` },
    {
      kind: 'enum',
      path: 'insufficient_data_health_status',
      values: ['Healthy', 'Unhealthy', 'LastKnownStatus'],
      diagKey: true,
      source: `${R53HC} (enum.Validate[awstypes.InsufficientDataHealthStatus])`,
    },
    { kind: 'intAtMost', path: 'child_health_threshold', max: 256, source: R53HC },
    { kind: 'maxItems', path: 'child_healthchecks', max: 256, source: R53HC },
    { kind: 'length', path: 'child_healthchecks', min: 0, max: 64, source: R53HC },
    { kind: 'length', path: 'fqdn', min: 0, max: 255, source: R53HC },
    { kind: 'length', path: 'reference_name', min: 0, max: 16, source: `${R53HC} (64 - the 37-character unique suffix - 11)` },
  ],
  aws_rds_global_cluster: [
    { kind: 'enum', path: 'engine', values: ['aurora', 'aurora-mysql', 'aurora-postgresql'], source: `${RDS_GLOBAL} (StringInSlice(globalClusterEngine_Values()))` },
    { kind: 'conflicts', path: 'engine', with: ['source_db_cluster_identifier'], source: RDS_GLOBAL },
    { kind: 'conflicts', path: 'source_db_cluster_identifier', with: ['engine'], source: RDS_GLOBAL },
    { kind: 'requiredWith', path: 'source_db_cluster_identifier', with: ['force_destroy'], source: RDS_GLOBAL },
    { kind: 'rdsIdentifier', path: 'global_cluster_identifier', source: `${RDS_GLOBAL} (validIdentifier, internal/service/rds/validate.go)` },
  ],
  aws_ecs_task_definition: [
    { kind: 'length', path: 'family', min: 1, max: 255, source: ECS_TD },
    {
      kind: 'pattern',
      path: 'family',
      regex: '^[0-9A-Za-z_-]+$',
      message: 'see https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html',
      source: ECS_TD,
    },
    { kind: 'enum', path: 'network_mode', values: ['bridge', 'host', 'awsvpc', 'none'], diagKey: true, source: `${ECS_TD} (enum.Validate[awstypes.NetworkMode])` },
    { kind: 'enum', path: 'ipc_mode', values: ['host', 'task', 'none'], diagKey: true, source: `${ECS_TD} (enum.Validate[awstypes.IpcMode])` },
    { kind: 'enum', path: 'pid_mode', values: ['host', 'task'], diagKey: true, source: `${ECS_TD} (enum.Validate[awstypes.PidMode])` },
    { kind: 'enum', path: 'placement_constraints.type', values: ['memberOf'], diagKey: true, source: `${ECS_TD} (enum.Validate[awstypes.TaskDefinitionPlacementConstraintType])` },
    { kind: 'enum', path: 'requires_compatibilities', values: ['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'], source: ECS_TD },
    { kind: 'intBetween', path: 'ephemeral_storage.size_in_gib', min: 21, max: 200, source: ECS_TD },
    { kind: 'json', path: 'container_definitions', source: `${ECS_TD} (ValidTaskDefinitionContainerDefinitions: the JSON of a list of container definitions)` },
  ],
  aws_ecs_service: [
    { kind: 'enum', path: 'availability_zone_rebalancing', values: ['ENABLED', 'DISABLED'], diagKey: true, source: `${ECS_SVC} (enum.Validate[awstypes.AvailabilityZoneRebalancing])` },
    { kind: 'intBetween', path: 'capacity_provider_strategy.base', min: 0, max: 100000, source: ECS_SVC },
    { kind: 'intBetween', path: 'capacity_provider_strategy.weight', min: 0, max: 1000, source: ECS_SVC },
    { kind: 'intBetween', path: 'deployment_configuration.bake_time_in_minutes', min: 0, max: 1440, source: ECS_SVC },
    {
      kind: 'enum',
      path: 'deployment_configuration.strategy',
      values: ['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY'],
      diagKey: true,
      source: `${ECS_SVC} (enum.Validate[awstypes.DeploymentStrategy])`,
    },
    { kind: 'enum', path: 'deployment_controller.type', values: ['CODE_DEPLOY', 'ECS', 'EXTERNAL'], diagKey: true, source: `${ECS_SVC} (enum.Validate[awstypes.DeploymentControllerType])` },
    { kind: 'intBetween', path: 'health_check_grace_period_seconds', min: 0, max: 2147483647, source: ECS_SVC },
    { kind: 'enum', path: 'launch_type', values: ['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'], diagKey: true, source: `${ECS_SVC} (enum.Validate[awstypes.LaunchType])` },
    { kind: 'intBetween', path: 'load_balancer.container_port', min: 0, max: 65536, source: ECS_SVC },
    { kind: 'enum', path: 'propagate_tags', values: ['TASK_DEFINITION', 'SERVICE', 'NONE'], diagKey: true, source: `${ECS_SVC} (enum.Validate[awstypes.PropagateTags])` },
    { kind: 'enum', path: 'scheduling_strategy', values: ['REPLICA', 'DAEMON'], diagKey: true, source: `${ECS_SVC} (enum.Validate[awstypes.SchedulingStrategy])` },
  ],
  aws_cloudwatch_dashboard: [
    { kind: 'json', path: 'dashboard_body', source: `${CW_DASH} (validation.StringIsJSON)` },
    {
      kind: 'pattern',
      path: 'dashboard_name',
      regex: '^[A-Za-z0-9_-]{1,255}$',
      message: 'at most 255 letters, digits, "-" or "_"',
      via: 'api',
      source: 'CloudWatch API PutDashboard DashboardName (maximum length 255; A-Z, a-z, 0-9, "-" and "_")',
    },
  ],
  aws_appautoscaling_policy: [
    {
      kind: 'enum',
      path: 'policy_type',
      values: ['PredictiveScaling', 'StepScaling', 'TargetTrackingScaling'],
      via: 'api',
      source: `Application Auto Scaling API PutScalingPolicy PolicyType (the provider passes ${AAS}'s policy_type through unchecked)`,
    },
    { kind: 'length', path: 'name', min: 0, max: 255, source: AAS },
    {
      kind: 'conflicts',
      path: 'target_tracking_scaling_policy_configuration.customized_metric_specification',
      with: ['target_tracking_scaling_policy_configuration.0.predefined_metric_specification'],
      source: AAS,
    },
    {
      kind: 'conflicts',
      path: 'target_tracking_scaling_policy_configuration.predefined_metric_specification',
      with: ['target_tracking_scaling_policy_configuration.0.customized_metric_specification'],
      source: AAS,
    },
    {
      kind: 'enum',
      path: 'target_tracking_scaling_policy_configuration.customized_metric_specification.statistic',
      values: ['Average', 'Minimum', 'Maximum', 'SampleCount', 'Sum'],
      source: `${AAS} (MetricStatistic values)`,
    },
    { kind: 'length', path: 'target_tracking_scaling_policy_configuration.predefined_metric_specification.resource_label', min: 0, max: 1023, source: AAS },
  ],
  aws_lb_listener_rule: [
    { kind: 'listenerRulePriority', path: 'priority', source: `${ELB_RULE} (validListenerRulePriority)` },
    { kind: 'length', path: 'condition.host_header.values', min: 1, max: 128, source: ELB_RULE },
    { kind: 'length', path: 'condition.path_pattern.values', min: 1, max: 128, source: ELB_RULE },
    { kind: 'intBetween', path: 'action.forward.target_group.weight', min: 0, max: 999, source: ELB_RULE },
    { kind: 'intBetween', path: 'action.forward.stickiness.duration', min: 1, max: 604800, source: ELB_RULE },
  ],
};
CHECKS.aws_alb_listener_rule = CHECKS.aws_lb_listener_rule;

/**
 * Why a value is not an ARN as terraform-provider-aws internal/verify/validate.go (ValidARNCheck) sees it, after
 * aws-sdk-go's arn.Parse: `arn:partition:service:region:account:resource`, a known-shaped partition, region and
 * account, a resource. Empty values pass (the SDK does the same). @param {string} value
 */
function arnProblem(value) {
  if (value === '') return undefined;
  if (!value.startsWith('arn:')) return 'arn: invalid prefix';
  const sections = value.split(':');
  if (sections.length < 6) return 'arn: not enough sections';
  const [, partition, , region, account] = sections;
  const resource = sections.slice(5).join(':');
  if (partition === '') return 'missing partition value';
  if (!/^aws(-[a-z]+)*$/.test(partition)) return 'invalid partition value (expecting to match regular expression: ^aws(-[a-z]+)*$)';
  if (region !== '' && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) return 'invalid region value (expecting to match regular expression: ^[a-z]{2}(-[a-z]+)+-\\d$)';
  if (account !== '' && !/^(aws|aws-managed|third-party|\d{12}|cw.{10})$/.test(account)) {
    return 'invalid account ID value (expecting to match regular expression: ^(aws|aws-managed|third-party|\\d{12}|cw.{10})$)';
  }
  if (resource === '') return 'missing resource value';
  return undefined;
}

/** Go's %q of a []string: `["A" "B"]`. @param {string[]} values */
function goQuoteList(values) {
  return `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;
}

/**
 * @typedef {{ attribute_name?: string, element_key_int?: number, element_key_string?: string }} PathStep
 * @typedef {{ severity: 'ERROR' | 'WARNING', summary: string, detail: string, attribute?: { steps: PathStep[] } }} Diagnostic
 * @typedef {{ value: any, key: string, steps: PathStep[] }} Located
 */

/**
 * Every value found at `path` (a dotted list of attribute names) in a configuration value,
 * walking lists and sets of blocks element by element.
 * @param {any} config @param {string} path @param {(v: any) => boolean} isUnknown
 * @returns {Located[]}
 */
function locate(config, path, isUnknown) {
  /** @type {Located[]} */
  let current = [{ value: config, key: '', steps: [] }];
  const names = path.split('.');
  names.forEach((name, i) => {
    /** @type {Located[]} */
    const next = [];
    for (const c of current) {
      if (c.value === null || c.value === undefined || isUnknown(c.value) || typeof c.value !== 'object' || Array.isArray(c.value)) continue;
      const v = c.value[name];
      const key = c.key ? `${c.key}.${name}` : name;
      const steps = [...c.steps, { attribute_name: name }];
      if (i < names.length - 1 && Array.isArray(v)) {
        v.forEach((el, idx) => next.push({ value: el, key: `${key}.${idx}`, steps: [...steps, { element_key_int: idx }] }));
      } else {
        next.push({ value: v, key, steps });
      }
    }
    current = next;
  });
  return current;
}

/** Whether a key (SDK flat key such as `target_tracking_scaling_policy_configuration.0.x`) is set. @param {any} config @param {string} key */
function isSet(config, key) {
  let v = config;
  for (const part of key.split('.')) {
    if (v === null || v === undefined) return false;
    if (Array.isArray(v)) v = /^\d+$/.test(part) ? v[Number(part)] : undefined;
    else if (typeof v === 'object') v = v[part];
    else return false;
  }
  if (v === null || v === undefined) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object' && !(v instanceof Uint8Array) && Object.keys(v).length === 0) return false;
  return true;
}

/**
 * Applies the checks of one resource type to its configuration value.
 * @param {string} type
 * @param {any} config
 * @param {(v: any) => boolean} isUnknown
 * @returns {Diagnostic[]}
 */
function runChecks(type, config, isUnknown) {
  const checks = CHECKS[type];
  if (!checks || config === null || typeof config !== 'object') return [];
  /** @type {Diagnostic[]} */
  const diags = [];
  /** @param {string} summary @param {string} detail @param {PathStep[]} steps @param {Check} check */
  const add = (summary, detail, steps, check) => {
    const where = check.via === 'api' ? '\n\nThe cloud API rejects this value at apply; the provider does not check it at plan.' : '';
    diags.push({ severity: 'ERROR', summary, detail: `${detail}${where}\n\nChecked offline (source: ${check.source}).`, attribute: { steps } });
  };
  for (const check of checks) {
    if (check.kind === 'exactlyOneOf' || check.kind === 'conflicts' || check.kind === 'requiredWith') {
      // Rules between attributes: evaluated where the SDK does, on the attribute's own key.
      for (const at of locate(config, check.path, isUnknown)) {
        const k = at.key;
        if (check.kind === 'exactlyOneOf') {
          const keys = [...new Set(check.of)].sort();
          if (keys.some((key) => locate(config, key, isUnknown).some((l) => isUnknown(l.value)))) continue;
          const specified = keys.filter((key) => isSet(config, key));
          if (specified.length === 0) add('Invalid combination of arguments', `"${k}": one of \`${keys.join(',')}\` must be specified`, at.steps, check);
          else if (specified.length > 1) {
            add('Invalid combination of arguments', `"${k}": only one of \`${keys.join(',')}\` can be specified, but \`${specified.join(',')}\` were specified.`, at.steps, check);
          }
          continue;
        }
        if (!isSet(config, k) || isUnknown(at.value)) continue;
        if (check.kind === 'conflicts') {
          const other = check.with.find((w) => isSet(config, w));
          if (other) add('Conflicting configuration arguments', `"${k}": conflicts with ${other}`, at.steps, check);
        } else {
          const keys = [...new Set([...check.with, k])].sort();
          if (keys.some((key) => !isSet(config, key))) add('Missing required argument', `"${k}": all of \`${keys.join(',')}\` must be specified`, at.steps, check);
        }
      }
      continue;
    }
    for (const at of locate(config, check.path, isUnknown)) {
      const v = at.value;
      if (v === null || v === undefined || isUnknown(v)) continue;
      if (check.kind === 'maxItems' || check.kind === 'minItems') {
        if (!Array.isArray(v)) continue;
        if (check.kind === 'maxItems' && v.length > check.max) {
          add('Too many list items', `Attribute ${at.key} supports ${check.max} item maximum, but config has ${v.length} declared.`, at.steps, check);
        }
        if (check.kind === 'minItems' && v.length > 0 && v.length < check.min) {
          add('Not enough list items', `Attribute ${at.key} requires ${check.min} item minimum, but config has only ${v.length} declared.`, at.steps, check);
        }
        continue;
      }
      // Primitive checks apply to each element of a list/set of primitives too.
      const elements = Array.isArray(v) ? v.map((el, i) => ({ el, key: `${at.key}.${i}` })) : [{ el: v, key: at.key }];
      for (const { el, key } of elements) {
        if (el === null || el === undefined || isUnknown(el)) continue;
        // ValidateDiagFunc messages name the last attribute on the path (a set element's key is its attribute's).
        const k = check.kind === 'enum' && check.diagKey ? key.split('.').filter((part) => !/^\d+$/.test(part)).pop() : key;
        const s = typeof el === 'string' ? el : String(el);
        switch (check.kind) {
          case 'enum': {
            const ok = check.ignoreCase ? check.values.some((x) => x.toLowerCase() === s.toLowerCase()) : check.values.includes(s);
            if (!ok) add(`expected ${k} to be one of ${goQuoteList(check.values)}, got ${s}`, `The real provider rejects "${s}".`, at.steps, check);
            break;
          }
          case 'intIn':
            if (!check.values.includes(Number(el))) add(`expected ${k} to be one of [${check.values.join(' ')}], got ${s}`, `The real provider rejects ${s}.`, at.steps, check);
            break;
          case 'pattern':
            if (!new RegExp(check.regex).test(s)) add(`invalid value for ${k} (${check.message})`, `"${s}" does not match ${check.regex}.`, at.steps, check);
            break;
          case 'length':
            if ([...s].length < check.min || [...s].length > check.max) {
              add(`expected length of ${k} to be in the range (${check.min} - ${check.max}), got ${s}`, `The value has ${[...s].length} characters.`, at.steps, check);
            }
            break;
          case 'intBetween':
            if (Number(el) < check.min || Number(el) > check.max) add(`expected ${k} to be in the range (${check.min} - ${check.max}), got ${s}`, `The real provider rejects ${s}.`, at.steps, check);
            break;
          case 'json':
            try {
              JSON.parse(s);
            } catch (err) {
              add(`${JSON.stringify(k)} contains an invalid JSON: ${err instanceof Error ? err.message : String(err)}`, 'The value must be a JSON document.', at.steps, check);
            }
            break;
          case 'arn': {
            const problem = arnProblem(s);
            if (problem) add(`${JSON.stringify(key)} (${s}) is an invalid ARN: ${problem}`, `The real provider rejects "${s}".`, at.steps, check);
            break;
          }
          case 'intAtMost':
            if (Number(el) > check.max) add(`expected ${k} to be at most (${check.max}), got ${s}`, `The real provider rejects ${s}.`, at.steps, check);
            break;
          case 'rdsIdentifier': {
            // validIdentifier: each rule reports on its own, as the provider's function appends one error per rule.
            const quoted = JSON.stringify(k);
            if (!/^[0-9a-z-]+$/.test(s)) add(`only lowercase alphanumeric characters and hyphens allowed in ${quoted}`, `The real provider rejects "${s}".`, at.steps, check);
            if (!/^[a-z]/.test(s)) add(`first character of ${quoted} must be a letter`, `The real provider rejects "${s}".`, at.steps, check);
            if (/--/.test(s)) add(`${quoted} cannot contain two consecutive hyphens`, `The real provider rejects "${s}".`, at.steps, check);
            if (/-$/.test(s)) add(`${quoted} cannot end with a hyphen`, `The real provider rejects "${s}".`, at.steps, check);
            break;
          }
          case 'listenerRulePriority':
            if (Number(el) < 1 || (Number(el) > 50000 && Number(el) !== 99999)) {
              add(`${JSON.stringify(k)} must be in the range 1-50000 for normal rule or 99999 for default rule`, `The real provider rejects ${s}.`, at.steps, check);
            }
            break;
          default:
            break;
        }
      }
    }
  }
  return diags;
}

/** The resource types with provider-side checks, and how many checks each has. */
function checkedTypes() {
  /** @type {{ [type: string]: number }} */
  const out = {};
  for (const [type, checks] of Object.entries(CHECKS)) out[type] = checks.length;
  return out;
}

module.exports = { CHECKS, runChecks, checkedTypes };
