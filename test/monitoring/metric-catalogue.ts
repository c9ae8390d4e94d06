/*
 * The CloudWatch metrics this library graphs or alarms on, with the dimension sets AWS publishes them under, as
 * listed by the AWS documentation (one source per namespace). A dashboard line or an alarm whose namespace, metric
 * or dimension set is not here would draw nothing: CloudWatch accepts any name and shows an empty graph.
 *
 * Only the metrics the library uses are listed (plus their close relatives), not whole namespaces.
 */

/** One namespace: where its metrics are documented, and each metric's dimension sets. */
export interface NamespaceCatalogue {
  readonly source: string;
  readonly metrics: Record<string, ReadonlyArray<readonly string[]>>;
}

const ALB_LB = [['LoadBalancer'], ['AvailabilityZone', 'LoadBalancer']];
const ALB_TARGET = [...ALB_LB, ['TargetGroup', 'LoadBalancer'], ['TargetGroup', 'AvailabilityZone', 'LoadBalancer']];
const TARGET_HEALTH = [['TargetGroup', 'LoadBalancer'], ['TargetGroup', 'AvailabilityZone', 'LoadBalancer']];
const NLB_LB = [['LoadBalancer'], ['AvailabilityZone', 'LoadBalancer']];
const ECS_SERVICE = [['ClusterName'], ['ClusterName', 'ServiceName']];
const RDS_INSTANCE_OR_CLUSTER = [['DBInstanceIdentifier'], ['DBClusterIdentifier'], ['DBClusterIdentifier', 'Role'], ['DatabaseClass'], ['EngineName']];

export const METRIC_CATALOGUE: Record<string, NamespaceCatalogue> = {
  'AWS/ApplicationELB': {
    source: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html',
    metrics: {
      RequestCount: ALB_TARGET,
      HTTPCode_ELB_5XX_Count: ALB_LB,
      HTTPCode_Target_5XX_Count: ALB_TARGET,
      TargetResponseTime: ALB_TARGET,
      RejectedConnectionCount: ALB_LB,
      HealthyHostCount: TARGET_HEALTH,
      UnHealthyHostCount: TARGET_HEALTH,
      RequestCountPerTarget: [['TargetGroup'], ['TargetGroup', 'LoadBalancer'], ['TargetGroup', 'AvailabilityZone', 'LoadBalancer']],
    },
  },
  'AWS/NetworkELB': {
    source: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-cloudwatch-metrics.html',
    metrics: {
      NewFlowCount: NLB_LB,
      ActiveFlowCount: NLB_LB,
      TCP_ELB_Reset_Count: NLB_LB,
      TCP_Target_Reset_Count: NLB_LB,
      HealthyHostCount: TARGET_HEALTH,
      UnHealthyHostCount: TARGET_HEALTH,
    },
  },
  'AWS/AutoScaling': {
    source: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-metrics.html (group metrics)',
    metrics: {
      GroupInServiceInstances: [['AutoScalingGroupName']],
      GroupDesiredCapacity: [['AutoScalingGroupName']],
      GroupMinSize: [['AutoScalingGroupName']],
      GroupTotalInstances: [['AutoScalingGroupName']],
    },
  },
  'AWS/EC2': {
    source: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/viewing_metrics_with_cloudwatch.html (instance metrics, dimensions)',
    metrics: {
      CPUUtilization: [['InstanceId'], ['AutoScalingGroupName'], ['ImageId'], ['InstanceType']],
    },
  },
  'AWS/ECS': {
    source: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/available-metrics.html (service utilization metrics)',
    metrics: {
      CPUUtilization: ECS_SERVICE,
      MemoryUtilization: ECS_SERVICE,
    },
  },
  'ECS/ContainerInsights': {
    source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-ECS.html',
    metrics: {
      RunningTaskCount: [['ClusterName', 'ServiceName']],
      DesiredTaskCount: [['ClusterName', 'ServiceName']],
      PendingTaskCount: [['ClusterName', 'ServiceName']],
      DeploymentCount: [['ClusterName', 'ServiceName']],
    },
  },
  'AWS/RDS': {
    source:
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-metrics.html and https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.AuroraMonitoring.Metrics.html ' +
      '(dimensions: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/dimensions.html)',
    metrics: {
      CPUUtilization: RDS_INSTANCE_OR_CLUSTER,
      DatabaseConnections: RDS_INSTANCE_OR_CLUSTER,
      FreeableMemory: RDS_INSTANCE_OR_CLUSTER,
      FreeStorageSpace: [['DBInstanceIdentifier'], ['DatabaseClass'], ['EngineName']],
      FreeLocalStorage: [['DBInstanceIdentifier'], ['DBClusterIdentifier', 'Role']],
      ReplicaLag: [['DBInstanceIdentifier']],
      AuroraReplicaLagMaximum: [['DBClusterIdentifier'], ['DBInstanceIdentifier']],
    },
  },
};

/** The statistics CloudWatch computes: the five plain ones and percentiles `p0` to `p100`. */
export function isStatistic(statistic: string): boolean {
  return ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'].includes(statistic) || /^p(\d{1,2}(\.\d+)?|100)$/.test(statistic);
}

/** Why a metric is not in the catalogue, or undefined when it is. */
export function catalogueProblem(namespace: string, metricName: string, dimensionNames: readonly string[]): string | undefined {
  const ns = METRIC_CATALOGUE[namespace];
  if (!ns) {
    return `namespace ${namespace} is not in the catalogue`;
  }
  const sets = ns.metrics[metricName];
  if (!sets) {
    return `${namespace} has no metric ${metricName} (${ns.source})`;
  }
  const key = [...dimensionNames].sort().join(',');
  if (!sets.some((set) => [...set].sort().join(',') === key)) {
    return `${namespace} ${metricName} is not published with dimensions [${dimensionNames.join(', ')}] (${ns.source})`;
  }
  return undefined;
}
