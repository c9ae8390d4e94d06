import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import type { AwsServicePlan } from './plan';
import type { LoadBalancerTarget } from '../../core/load-balancer';
import { GraphMetric, MetricRegistry } from '../../core/metrics';

/** The metrics of one group of replicas, for the dashboard. */
export interface GroupGraphs {
  /** `stable`, `canary`, `blue`, `green`. */
  readonly track: string;
  /** How many replicas run (in-service instances, running tasks). */
  readonly replicas: Omit<GraphMetric, 'label'>;
  /** CPU (and memory on Fargate) utilization, in percent. */
  readonly utilization: Array<Omit<GraphMetric, 'label'> & { readonly what: string }>;
  /** The group's load balancer target, for its healthy replicas per zone. */
  readonly target?: LoadBalancerTarget;
}

/**
 * Registers the service's key metrics in the stack's {@link MetricRegistry}: the replicas running per group
 * (`replicasTitle`), the healthy replicas per zone as the load balancer sees them (its target group's
 * `HealthyHostCount` per `AvailabilityZone`), and the CPU (and memory) utilization per group.
 */
export function registerServiceGraphs(scope: IConstruct, plan: AwsServicePlan, groups: readonly GroupGraphs[], replicasTitle: string): void {
  const registry = MetricRegistry.of(scope);
  const path = scope.node.path;
  const several = groups.length > 1;
  const label = (track: string, what: string) => (several ? `${track} ${what}` : what);
  registry.register({
    constructPath: path,
    title: `${replicasTitle} (minimum ${plan.minReplicas})`,
    metrics: groups.map((g) => ({ ...g.replicas, label: several ? g.track : replicasTitle.toLowerCase() })),
  });
  const zones = [...new Set(plan.subnets.map((s) => s.zone))];
  const namespace = plan.loadBalancer?.countsRequests === false ? 'AWS/NetworkELB' : 'AWS/ApplicationELB';
  const perZone = groups.flatMap((g) =>
    g.target?.targetGroupArnSuffix === undefined || g.target.loadBalancerArnSuffix === undefined
      ? []
      : zones.map((zone, i) => ({
        metricNamespace: namespace,
        metricName: 'HealthyHostCount',
        dimensions: { TargetGroup: g.target!.targetGroupArnSuffix!, LoadBalancer: g.target!.loadBalancerArnSuffix!, AvailabilityZone: zone },
        statistic: 'Minimum',
        // A zone known only at deploy time is named by its position.
        label: label(g.track, Token.isUnresolved(zone) ? `zone ${i + 1}` : zone),
      })),
  );
  if (perZone.length > 0) {
    registry.register({ constructPath: path, title: 'Healthy replicas per zone (load balancer checks)', metrics: perZone });
  }
  registry.register({
    constructPath: path,
    title: 'Utilization (%)',
    metrics: groups.flatMap((g) => g.utilization.map(({ what, ...metric }) => ({ ...metric, label: label(g.track, what) }))),
  });
}
