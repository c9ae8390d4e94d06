import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { Duration } from './duration';
import { attached } from './private/brand';

/**
 * One CloudWatch metric drawn on a dashboard graph.
 */
export interface GraphMetric {
  /** The metric's namespace, e.g. `AWS/ApplicationELB`. */
  readonly metricNamespace: string;
  /** The metric name, e.g. `RequestCount`. */
  readonly metricName: string;
  /** The dimensions that select the time series, e.g. `{ LoadBalancer: lb.arnSuffix }`. */
  readonly dimensions: { [name: string]: string };
  /** `Sum`, `Average`, `Minimum`, `Maximum`, `SampleCount`, or a percentile like `p99`. */
  readonly statistic: string;
  /**
   * The label in the legend.
   * @default - the metric name
   */
  readonly label?: string;
}

/**
 * A graph of some of a construct's key metrics (requests, errors, latency, healthy replicas, ...), as listed by
 * {@link MetricRegistry} for dashboards.
 */
export interface MetricGraph {
  /** The path of the construct whose metrics the graph shows. */
  readonly constructPath: string;
  /** The graph's title. */
  readonly title: string;
  /** The metrics drawn, in legend order. */
  readonly metrics: GraphMetric[];
  /**
   * The period of one data point.
   * @default Duration.minutes(1)
   */
  readonly period?: Duration;
}

/**
 * Lists the key metrics of the constructs of this library in a stack, as graphs: what `HealthDashboard` draws next
 * to the alarms of {@link AlarmRegistry}. Your own constructs can add theirs.
 *
 * ```ts
 * MetricRegistry.of(stack).register({ constructPath: queue.node.path, title: 'Messages waiting', metrics: [...] });
 * ```
 */
export class MetricRegistry {
  /** The registry of the stack that contains `scope`. */
  public static of(scope: IConstruct): MetricRegistry {
    return attached(TerraformStack.of(scope), 'MetricRegistry', () => new MetricRegistry());
  }

  private readonly entries: MetricGraph[] = [];

  private constructor() {}

  /** Every graph registered so far in the stack, in registration order. */
  public get graphs(): MetricGraph[] {
    return [...this.entries];
  }

  /** The graphs of one construct and the constructs below it (matched by construct path prefix). */
  public graphsOf(scope: IConstruct): MetricGraph[] {
    const path = scope.node.path;
    return this.entries.filter((g) => g.constructPath === path || g.constructPath.startsWith(`${path}/`));
  }

  /** Records a graph; called by the constructs that know their key metrics. */
  public register(graph: MetricGraph): void {
    this.entries.push(graph);
  }
}
