/*
 * Every physical name this library writes, with the limits of the resource it names: length, characters, case, and
 * the scope in which it must be unique. The tests check every name of every synthesized test stack against this
 * table, with long stack and construct names; `claimPhysicalName` (naming.ts) uses the uniqueness scope.
 *
 * Sources: hashicorp/terraform-provider-aws 6.x (the validators named in `source`), the AWS API references for limits
 * the provider leaves to the API, and the Kubernetes API's name rules (k8s.io/apimachinery validation: DNS-1123
 * labels and subdomains, DNS-1035 labels).
 */

/** How a resource's name must look, and where it must be unique. */
export interface NameRule {
  /** The Terraform resource type. */
  readonly resourceType: string;
  /** The attribute holding the name (`metadata.name` for Kubernetes objects). */
  readonly attribute: string;
  /** The longest accepted value. */
  readonly maxLength: number;
  /** What every accepted value matches. */
  readonly pattern: RegExp;
  /** The rule in words, for messages. */
  readonly description: string;
  /** Where the rule is written down. */
  readonly source: string;
  /**
   * Where two equal names collide: `region` (the account and region), `global` (every account: S3), `namespace`
   * (a Kubernetes namespace), `cluster` (a Kubernetes cluster). Prefixes never collide (the provider appends a
   * unique suffix): `none`.
   */
  readonly unique: 'region' | 'global' | 'namespace' | 'cluster' | 'none';
  /** Whether AWS treats names that differ only in case as the same name. */
  readonly caseInsensitive: boolean;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** RDS identifiers: lower-case letters, digits and hyphens, a letter first, no `--`, no trailing hyphen. */
const RDS_IDENTIFIER = /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$|^[a-z]$/;

const k8s = (resourceType: string, maxLength: number, pattern: RegExp, description: string, unique: NameRule['unique'] = 'namespace'): NameRule => ({
  resourceType,
  attribute: 'metadata.name',
  maxLength,
  pattern,
  description,
  source: 'Kubernetes API object names (k8s.io/apimachinery/pkg/util/validation); hashicorp/terraform-provider-kubernetes validateName',
  unique,
  caseInsensitive: false,
});

/** The name-bearing resources this library emits, keyed `<type>.<attribute>`. */
export const NAME_RULES: ReadonlyArray<NameRule> = [
  {
    resourceType: 'aws_lb',
    attribute: 'name',
    maxLength: 32,
    pattern: /^(?!internal-)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/,
    description: 'at most 32 letters, digits and hyphens, not starting or ending with a hyphen nor starting with "internal-"',
    source: 'internal/service/elbv2/validate.go validName',
    unique: 'region',
    caseInsensitive: true,
  },
  {
    resourceType: 'aws_s3_bucket',
    attribute: 'bucket_prefix',
    maxLength: 37,
    pattern: /^[a-z0-9][a-z0-9.-]*$/,
    description: 'at most 37 lower-case letters, digits, dots and hyphens (63 minus the 26-character unique suffix)',
    source: 'internal/service/s3/bucket.go bucket_prefix (63 - id.UniqueIDSuffixLength); S3 bucket naming rules',
    unique: 'none',
    caseInsensitive: false,
  },
  {
    resourceType: 'aws_security_group',
    attribute: 'name',
    maxLength: 255,
    pattern: /^(?!sg-)[\x20-\x7e]+$/,
    description: 'at most 255 printable characters, not starting with "sg-"',
    source: 'internal/service/ec2/vpc_security_group.go name',
    unique: 'region',
    caseInsensitive: false,
  },
  {
    resourceType: 'aws_security_group',
    attribute: 'name_prefix',
    maxLength: 229,
    pattern: /^(?!sg-)[\x20-\x7e]+$/,
    description: 'at most 229 printable characters (255 minus the unique suffix), not starting with "sg-"',
    source: 'internal/service/ec2/vpc_security_group.go name_prefix',
    unique: 'none',
    caseInsensitive: false,
  },
  {
    resourceType: 'aws_security_group',
    attribute: 'description',
    maxLength: 255,
    pattern: /^[A-Za-z0-9. _\-:/()#,@[\]+=&;{}!$*]*$/,
    description: 'at most 255 characters of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (changing it replaces the group)',
    source: 'internal/service/ec2/vpc_security_group.go description; EC2 CreateSecurityGroup GroupDescription',
    unique: 'none',
    caseInsensitive: false,
  },
  {
    resourceType: 'aws_iam_role',
    attribute: 'name',
    maxLength: 64,
    pattern: /^[\w+=,.@-]+$/,
    description: 'at most 64 letters, digits and +=,.@_-',
    source: 'internal/service/iam/role.go name; IAM CreateRole RoleName',
    unique: 'region',
    caseInsensitive: true,
  },
  {
    resourceType: 'aws_cloudwatch_log_group',
    attribute: 'name',
    maxLength: 512,
    pattern: /^[.\-_/#A-Za-z0-9]+$/,
    description: 'at most 512 letters, digits and ._-/#',
    source: 'internal/service/logs/validate.go validLogGroupName',
    unique: 'region',
    caseInsensitive: false,
  },
  {
    resourceType: 'aws_cloudwatch_metric_alarm',
    attribute: 'alarm_name',
    maxLength: 255,
    pattern: /^[^\x00-\x1f\x7f]+$/,
    description: 'at most 255 characters, no control characters',
    source: 'internal/service/cloudwatch/metric_alarm.go alarm_name',
    unique: 'region',
    caseInsensitive: false,
  },
  {
    resourceType: 'aws_autoscaling_group',
    attribute: 'name',
    maxLength: 255,
    pattern: /^[^\x00-\x1f\x7f:]+$/,
    description: 'at most 255 characters, no control characters or ":"',
    source: 'internal/service/autoscaling/group.go name; Auto Scaling CreateAutoScalingGroup',
    unique: 'region',
    caseInsensitive: false,
  },
  {
    resourceType: 'aws_launch_template',
    attribute: 'name_prefix',
    maxLength: 99,
    pattern: /^[0-9A-Za-z()./_-]+$/,
    description: 'at most 99 letters, digits and ()./_-',
    source: 'internal/verify/validate.go ValidLaunchTemplateName',
    unique: 'none',
    caseInsensitive: false,
  },
  {
    resourceType: 'aws_sns_topic',
    attribute: 'name',
    maxLength: 256,
    pattern: /^[A-Za-z0-9_-]+$/,
    description: 'at most 256 letters, digits, hyphens and underscores',
    source: 'internal/service/sns/topic.go name',
    unique: 'region',
    caseInsensitive: false,
  },
  {
    resourceType: 'aws_db_instance',
    attribute: 'identifier',
    maxLength: 63,
    pattern: RDS_IDENTIFIER,
    description: 'at most 63 lower-case letters, digits and hyphens, a letter first, no "--", no trailing hyphen',
    source: 'internal/service/rds/validate.go validIdentifier; RDS CreateDBInstance DBInstanceIdentifier (1 to 63)',
    unique: 'region',
    caseInsensitive: true,
  },
  {
    resourceType: 'aws_db_instance',
    attribute: 'final_snapshot_identifier',
    maxLength: 255,
    pattern: /^[A-Za-z](?!.*--)[A-Za-z0-9-]*[A-Za-z0-9]$/,
    description: 'at most 255 letters, digits and hyphens, a letter first, no "--", no trailing hyphen',
    source: 'internal/service/rds/instance.go final_snapshot_identifier',
    unique: 'region',
    caseInsensitive: true,
  },
  {
    resourceType: 'aws_rds_cluster',
    attribute: 'cluster_identifier',
    maxLength: 63,
    pattern: RDS_IDENTIFIER,
    description: 'at most 63 lower-case letters, digits and hyphens, a letter first, no "--", no trailing hyphen',
    source: 'internal/service/rds/validate.go validIdentifier; RDS CreateDBCluster DBClusterIdentifier (1 to 63)',
    unique: 'region',
    caseInsensitive: true,
  },
  {
    resourceType: 'aws_rds_cluster_instance',
    attribute: 'identifier',
    maxLength: 63,
    pattern: RDS_IDENTIFIER,
    description: 'at most 63 lower-case letters, digits and hyphens, a letter first, no "--", no trailing hyphen',
    source: 'internal/service/rds/validate.go validIdentifier',
    unique: 'region',
    caseInsensitive: true,
  },
  {
    resourceType: 'aws_db_subnet_group',
    attribute: 'name',
    maxLength: 255,
    pattern: /^(?!default$)[0-9a-z_ .-]+$/,
    description: 'at most 255 lower-case letters, digits, hyphens, underscores, periods and spaces, not "default"',
    source: 'internal/service/rds/validate.go validSubnetGroupName',
    unique: 'region',
    caseInsensitive: true,
  },
  {
    resourceType: 'aws_db_parameter_group',
    attribute: 'name_prefix',
    maxLength: 229,
    pattern: /^[a-z](?!.*--)[0-9a-z-]*$/,
    description: 'at most 229 lower-case letters, digits and hyphens, a letter first, no "--"',
    source: 'internal/service/rds/validate.go validParamGroupNamePrefix',
    unique: 'none',
    caseInsensitive: true,
  },
  {
    resourceType: 'aws_rds_cluster_parameter_group',
    attribute: 'name_prefix',
    maxLength: 229,
    pattern: /^[a-z](?!.*--)[0-9a-z-]*$/,
    description: 'at most 229 lower-case letters, digits and hyphens, a letter first, no "--"',
    source: 'internal/service/rds/validate.go validParamGroupNamePrefix',
    unique: 'none',
    caseInsensitive: true,
  },
  {
    resourceType: 'aws_cloudwatch_composite_alarm',
    attribute: 'alarm_name',
    maxLength: 255,
    pattern: /^[^\x00-\x1f\x7f]+$/,
    description: 'at most 255 characters, no control characters (composite and metric alarms share one namespace)',
    source: 'internal/service/cloudwatch/composite_alarm.go alarm_name; CloudWatch PutCompositeAlarm AlarmName',
    unique: 'region',
    caseInsensitive: false,
  },
  {
    resourceType: 'aws_ecs_cluster',
    attribute: 'name',
    maxLength: 255,
    pattern: /^[A-Za-z0-9_-]+$/,
    description: 'at most 255 letters, digits, hyphens and underscores',
    source: 'internal/service/ecs/cluster.go name; ECS CreateCluster clusterName',
    unique: 'region',
    caseInsensitive: false,
  },
  {
    // Unique within its cluster; every service of this library has its own cluster, named after it.
    resourceType: 'aws_ecs_service',
    attribute: 'name',
    maxLength: 255,
    pattern: /^[A-Za-z0-9_-]+$/,
    description: 'at most 255 letters, digits, hyphens and underscores',
    source: 'internal/service/ecs/service.go name; ECS CreateService serviceName',
    unique: 'region',
    caseInsensitive: false,
  },
  {
    resourceType: 'aws_ecs_task_definition',
    attribute: 'family',
    maxLength: 255,
    pattern: /^[A-Za-z0-9_-]+$/,
    description: 'at most 255 letters, digits, hyphens and underscores',
    source: 'internal/service/ecs/task_definition.go family (validFamily); ECS RegisterTaskDefinition family',
    unique: 'region',
    caseInsensitive: false,
  },
  {
    resourceType: 'aws_cloudwatch_dashboard',
    attribute: 'dashboard_name',
    maxLength: 255,
    pattern: /^[A-Za-z0-9_-]+$/,
    description: 'at most 255 letters, digits, hyphens and underscores',
    source: 'internal/service/cloudwatch/dashboard.go dashboard_name (validDashboardName); CloudWatch PutDashboard DashboardName',
    unique: 'region',
    caseInsensitive: false,
  },
  k8s('kubernetes_namespace_v1', 63, DNS_LABEL, 'a DNS-1123 label: at most 63 lower-case letters, digits and hyphens', 'cluster'),
  k8s('kubernetes_service_v1', 63, DNS_1035_LABEL, 'a DNS-1035 label: at most 63 lower-case letters, digits and hyphens, a letter first'),
  // Pods are named <statefulset>-<ordinal> and labelled controller-revision-hash=<statefulset>-<10 characters>: a
  // label value of at most 63 characters (kubernetes/kubernetes#64023).
  k8s('kubernetes_stateful_set_v1', 52, DNS_LABEL, 'a DNS-1123 label of at most 52 characters (its pods\' controller-revision-hash label must fit in 63)'),
  k8s('kubernetes_deployment_v1', 253, DNS_SUBDOMAIN, 'a DNS-1123 subdomain: at most 253 lower-case letters, digits, hyphens and dots'),
  k8s('kubernetes_service_account_v1', 253, DNS_SUBDOMAIN, 'a DNS-1123 subdomain'),
  k8s('kubernetes_pod_disruption_budget_v1', 253, DNS_SUBDOMAIN, 'a DNS-1123 subdomain'),
  k8s('kubernetes_network_policy_v1', 253, DNS_SUBDOMAIN, 'a DNS-1123 subdomain'),
  k8s('kubernetes_horizontal_pod_autoscaler_v2', 253, DNS_SUBDOMAIN, 'a DNS-1123 subdomain'),
  k8s('kubernetes_secret_v1', 253, DNS_SUBDOMAIN, 'a DNS-1123 subdomain'),
  k8s('kubernetes_config_map_v1', 253, DNS_SUBDOMAIN, 'a DNS-1123 subdomain'),
  // CloudNativePG objects (kubernetes_manifest), keyed by their API group and kind. The Cluster names its Services
  // <name>-rw, -ro and -r (DNS-1035 labels of at most 63 characters) and its pods <name>-<n>: the library keeps its
  // name to 50 characters, a letter first (database/private/kubernetes-validate.ts).
  {
    ...k8s('postgresql.cnpg.io/Cluster', 50, DNS_1035_LABEL, 'at most 50 lower-case letters, digits and hyphens, a letter first (its Services are <name>-rw, -ro and -r)'),
    source: 'CloudNativePG 1.30 (Services <cluster>-rw/-ro/-r, DNS-1035 labels); Kubernetes API object names',
  },
  { ...k8s('postgresql.cnpg.io/ScheduledBackup', 253, DNS_SUBDOMAIN, 'a DNS-1123 subdomain'), source: 'Kubernetes API object names (custom resources)' },
  { ...k8s('barmancloud.cnpg.io/ObjectStore', 253, DNS_SUBDOMAIN, 'a DNS-1123 subdomain'), source: 'Kubernetes API object names (custom resources)' },
];

/** The rule of `<resourceType>.<attribute>`, if the library emits such a name. */
export function nameRule(resourceType: string, attribute: string): NameRule | undefined {
  return NAME_RULES.find((r) => r.resourceType === resourceType && r.attribute === attribute);
}

/** Why `value` breaks `rule`, or undefined when it is valid. */
export function nameRuleProblem(rule: NameRule, value: string): string | undefined {
  if (value.length > rule.maxLength) {
    return `is ${value.length} characters long, but ${rule.resourceType}.${rule.attribute} allows ${rule.maxLength}`;
  }
  if (!rule.pattern.test(value)) {
    return `must be ${rule.description}`;
  }
  return undefined;
}
