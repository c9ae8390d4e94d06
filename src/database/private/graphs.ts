import { IConstruct } from 'constructs';
import type { DatabasePlan } from './plan';
import { GraphMetric, MetricRegistry } from '../../core/metrics';

/**
 * Registers the database's key metrics in the stack's {@link MetricRegistry}: the writer's CPU, its connections,
 * its free storage (Aurora: free local storage), and the lag of every replica that serves reads (the synchronous
 * Multi-AZ standby has none to show).
 */
export function registerDatabaseGraphs(scope: IConstruct, plan: DatabasePlan): void {
  const registry = MetricRegistry.of(scope);
  const namespace = 'AWS/RDS';
  const aurora = plan.traits.aurora;
  const writer: Record<string, string> = aurora ? { DBClusterIdentifier: plan.name, Role: 'WRITER' } : { DBInstanceIdentifier: plan.name };
  const graph = (title: string, metrics: GraphMetric[]) => registry.register({ constructPath: scope.node.path, title, metrics });
  graph('Writer CPU (%)', [{ metricNamespace: namespace, metricName: 'CPUUtilization', dimensions: writer, statistic: 'Average', label: 'writer' }]);
  graph('Connections', [{ metricNamespace: namespace, metricName: 'DatabaseConnections', dimensions: writer, statistic: 'Maximum', label: 'writer' }]);
  graph(aurora ? 'Free local storage (bytes)' : 'Free storage (bytes)', [
    { metricNamespace: namespace, metricName: aurora ? 'FreeLocalStorage' : 'FreeStorageSpace', dimensions: writer, statistic: 'Minimum', label: 'writer' },
  ]);
  const lag: GraphMetric[] = aurora
    ? plan.auroraInstances.length > 1
      ? [{ metricNamespace: namespace, metricName: 'AuroraReplicaLagMaximum', dimensions: { DBClusterIdentifier: plan.name }, statistic: 'Maximum', label: 'most lagging reader (ms)' }]
      : []
    : plan.readReplicaZones.map((_, i) => ({
      metricNamespace: namespace,
      metricName: 'ReplicaLag',
      dimensions: { DBInstanceIdentifier: `${plan.name}-replica-${i + 1}` },
      statistic: 'Maximum',
      label: `replica ${i + 1} (s)`,
    }));
  if (lag.length > 0) {
    graph('Replica lag', lag);
  }
}
