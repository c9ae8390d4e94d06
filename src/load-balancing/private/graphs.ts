import { IConstruct } from 'constructs';
import { GraphMetric, MetricGraph, MetricRegistry } from '../../core/metrics';

/** The graphs of one load balancer, which every target added later appends its metrics to. */
interface LoadBalancerGraphs {
  readonly namespace: string;
  readonly alb: boolean;
  readonly requests?: GraphMetric[];
  readonly errors?: GraphMetric[];
  readonly latency?: GraphMetric[];
  readonly healthy: GraphMetric[];
}

const GRAPHS = new WeakMap<IConstruct, LoadBalancerGraphs>();

/**
 * Registers the load balancer's key metrics in the stack's {@link MetricRegistry}. An Application Load Balancer:
 * requests, 5XX (of the targets and of the load balancer itself), p99 response time and healthy targets, one line per
 * target group. A Network Load Balancer: new flows, TCP resets and healthy targets.
 */
export function registerLoadBalancerGraphs(scope: IConstruct, alb: boolean, loadBalancerArnSuffix: string): void {
  const registry = MetricRegistry.of(scope);
  const namespace = alb ? 'AWS/ApplicationELB' : 'AWS/NetworkELB';
  const lb = { LoadBalancer: loadBalancerArnSuffix };
  const graph = (title: string, metrics: GraphMetric[]): GraphMetric[] => {
    const g: MetricGraph = { constructPath: scope.node.path, title, metrics };
    registry.register(g);
    return metrics;
  };
  if (alb) {
    GRAPHS.set(scope, {
      namespace,
      alb,
      requests: graph('Requests per target group', []),
      errors: graph('5XX responses: targets and the load balancer', [{ metricNamespace: namespace, metricName: 'HTTPCode_ELB_5XX_Count', dimensions: lb, statistic: 'Sum', label: 'load balancer' }]),
      latency: graph('Target response time, p99 (seconds)', []),
      healthy: graph('Healthy targets per target group', []),
    });
  } else {
    graph('Flows and TCP resets', [
      { metricNamespace: namespace, metricName: 'NewFlowCount', dimensions: lb, statistic: 'Sum', label: 'new flows' },
      { metricNamespace: namespace, metricName: 'TCP_ELB_Reset_Count', dimensions: lb, statistic: 'Sum', label: 'resets by the load balancer' },
      { metricNamespace: namespace, metricName: 'TCP_Target_Reset_Count', dimensions: lb, statistic: 'Sum', label: 'resets by the targets' },
    ]);
    GRAPHS.set(scope, { namespace, alb, healthy: graph('Healthy targets per target group', []) });
  }
}

/** Adds one target group's lines to the load balancer's graphs. */
export function addTargetGraphs(scope: IConstruct, id: string, targetGroupArnSuffix: string, loadBalancerArnSuffix: string): void {
  const graphs = GRAPHS.get(scope);
  if (!graphs) {
    return;
  }
  const { namespace } = graphs;
  const dimensions = { TargetGroup: targetGroupArnSuffix, LoadBalancer: loadBalancerArnSuffix };
  graphs.requests?.push({ metricNamespace: namespace, metricName: 'RequestCount', dimensions, statistic: 'Sum', label: id });
  graphs.errors?.push({ metricNamespace: namespace, metricName: 'HTTPCode_Target_5XX_Count', dimensions, statistic: 'Sum', label: id });
  graphs.latency?.push({ metricNamespace: namespace, metricName: 'TargetResponseTime', dimensions, statistic: 'p99', label: id });
  graphs.healthy.push({ metricNamespace: namespace, metricName: 'HealthyHostCount', dimensions, statistic: 'Minimum', label: id });
}
