import 'cdktf/lib/testing/adapters/jest';
import { parse } from 'yaml';
import { REGISTERED_WORKLOADS } from './cases';
import { minimalProps, resources, synth } from './support';
import { AlertmanagerDiscovery, WorkloadKind } from '../../src';

describe('the Prometheus side', () => {
  const { alertmanager, json } = synth(minimalProps({ replicas: 3 }));

  test('alerting config (static): every replica\'s stable DNS name on 9093, never the load-balanced Service', () => {
    expect(alertmanager.prometheusAlertingConfig()).toEqual({
      alertmanagers: [
        {
          api_version: 'v2',
          static_configs: [
            {
              targets: [
                'stack-alerting-0.stack-alerting-headless.monitoring.svc:9093',
                'stack-alerting-1.stack-alerting-headless.monitoring.svc:9093',
                'stack-alerting-2.stack-alerting-headless.monitoring.svc:9093',
              ],
            },
          ],
        },
      ],
    });
    expect(JSON.stringify(alertmanager.prometheusAlertingConfig())).not.toContain('"stack-alerting.monitoring');
  });

  test('alerting config (DNS): an SRV lookup of the headless Service\'s web port, which works over IPv4 and IPv6', () => {
    expect(alertmanager.prometheusAlertingConfig(AlertmanagerDiscovery.DNS)).toEqual({
      alertmanagers: [{ api_version: 'v2', dns_sd_configs: [{ names: ['_web._tcp.stack-alerting-headless.monitoring.svc'], type: 'SRV' }] }],
    });
    // Kubernetes publishes _web._tcp.<headless> because the headless Service names its TCP port 9093 "web".
    const headless = resources(json, 'kubernetes_service_v1').find((s) => s.metadata.name === 'stack-alerting-headless');
    expect(headless.spec.port).toContainEqual(expect.objectContaining({ name: 'web', port: 9093, protocol: 'TCP' }));
  });

  test('the alerting config as YAML, under `alerting:`', () => {
    expect(parse(alertmanager.prometheusAlertingConfigYaml())).toEqual({ alerting: alertmanager.prometheusAlertingConfig() });
    expect(parse(alertmanager.prometheusAlertingConfigYaml(AlertmanagerDiscovery.DNS))).toEqual({
      alerting: alertmanager.prometheusAlertingConfig(AlertmanagerDiscovery.DNS),
    });
  });

  test('a scrape config for every replica, whose job the rules select', () => {
    expect(alertmanager.scrapeJobName).toBe('stack-alerting');
    expect(alertmanager.prometheusScrapeConfig()).toEqual({
      job_name: 'stack-alerting',
      static_configs: [{ targets: alertmanager.alertmanagerAddresses }],
    });
  });

  describe('rules.yaml', () => {
    const rules = parse(alertmanager.rulesYaml());
    const byName = (group: number) => Object.fromEntries(rules.groups[group].rules.map((r: any) => [r.alert, r]));

    test('two rule groups in Prometheus rule-file format', () => {
      expect(rules.groups.map((g: any) => g.name)).toEqual(['cdktf-fault-tolerance.alertmanager', 'cdktf-fault-tolerance.workloads']);
      for (const group of rules.groups) {
        for (const rule of group.rules) {
          expect(Object.keys(rule)).toEqual(rule.alert === 'Watchdog' ? ['alert', 'expr', 'labels', 'annotations'] : ['alert', 'expr', 'for', 'labels', 'annotations']);
          expect(rule.alert === 'Watchdog' ? ['none'] : ['warning', 'critical']).toContain(rule.labels.severity);
          expect(rule.annotations.summary).toEqual(expect.any(String));
        }
      }
    });

    test('Alertmanager: replica down, cluster smaller than the replica count, failed notifications, failed reloads', () => {
      const am = byName(0);
      expect(Object.keys(am)).toEqual([
        'Watchdog',
        'AlertmanagerReplicaDown',
        'AlertmanagerClusterDegraded',
        'AlertmanagerNotificationsFailing',
        'AlertmanagerConfigReloadFailed',
      ]);
      expect(am.Watchdog).toEqual(
        expect.objectContaining({ expr: 'vector(1)', labels: { severity: 'none', namespace: 'monitoring' } }),
      );
      expect(am.Watchdog.annotations.description).toMatch(/always fire.*dead man's switch \/ heartbeat receiver/);
      expect(am.AlertmanagerReplicaDown).toEqual(
        expect.objectContaining({ expr: 'up{job="stack-alerting"} == 0', for: '5m', labels: { severity: 'warning', namespace: 'monitoring' } }),
      );
      expect(am.AlertmanagerClusterDegraded).toEqual(
        expect.objectContaining({ expr: 'min(alertmanager_cluster_members{job="stack-alerting"}) < 3', for: '5m' }),
      );
      expect(am.AlertmanagerNotificationsFailing).toEqual(
        expect.objectContaining({
          expr: 'sum by (integration) (rate(alertmanager_notifications_failed_total{job="stack-alerting"}[5m])) > 0',
          labels: { severity: 'critical', namespace: 'monitoring' },
        }),
      );
      expect(am.AlertmanagerConfigReloadFailed).toEqual(
        expect.objectContaining({ expr: 'alertmanager_config_last_reload_successful{job="stack-alerting"} == 0', for: '10m' }),
      );
    });

    test('workloads: the Alertmanager StatefulSet itself (minimum 2 ready), unavailable replicas, a stuck rollout', () => {
      const w = rules.groups[1].rules;
      expect(w.map((r: any) => r.alert)).toEqual(['WorkloadReplicasBelowMinimum', 'WorkloadReplicasUnavailable', 'WorkloadRolloutLagging']);
      const sel = 'namespace="monitoring",statefulset="stack-alerting"';
      const labels = { namespace: 'monitoring', workload: 'monitoring/StatefulSet/stack-alerting' };
      expect(w[0]).toEqual(
        expect.objectContaining({ expr: `kube_statefulset_status_replicas_ready{${sel}} < 2`, for: '5m', labels: { severity: 'critical', ...labels } }),
      );
      expect(w.slice(1).map((r: any) => r.labels)).toEqual([{ severity: 'warning', ...labels }, { severity: 'warning', ...labels }]);
      expect(w[1].expr).toBe(`kube_statefulset_replicas{${sel}} - kube_statefulset_status_replicas_ready{${sel}} > 0`);
      expect(w[2].expr).toBe(`kube_statefulset_status_replicas_updated{${sel}} < kube_statefulset_replicas{${sel}}`);
    });
  });

  test('a registered Deployment: replicas available below its minimum, unavailable, rollout lag, targets down', () => {
    const { alertmanager: am } = synth();
    am.monitorWorkload({ kind: WorkloadKind.DEPLOYMENT, namespaceName: 'shop', name: 'web', minReplicas: 3, scrapeJob: 'shop/web' });
    const rules = parse(am.rulesYaml()).groups[1].rules.slice(3);
    const sel = 'namespace="shop",deployment="web"';
    expect(rules.map((r: any) => [r.alert, r.expr, r.for])).toEqual([
      ['WorkloadReplicasBelowMinimum', `kube_deployment_status_replicas_available{${sel}} < 2`, '5m'],
      ['WorkloadReplicasBelowMinimum', `kube_deployment_status_replicas_available{${sel}} < 3`, '5m'],
      ['WorkloadReplicasUnavailable', `kube_deployment_status_replicas_unavailable{${sel}} > 0`, '10m'],
      ['WorkloadRolloutLagging', `kube_deployment_status_replicas_updated{${sel}} < kube_deployment_spec_replicas{${sel}}`, '15m'],
      ['WorkloadTargetDown', 'up{job="shop/web"} == 0', '5m'],
    ]);
    expect(rules.slice(0, 2).map((r: any) => r.labels.severity)).toEqual(['critical', 'warning']);
    expect(rules[4].labels).toEqual({ severity: 'warning', namespace: 'shop', workload: 'shop/Deployment/web' });
  });

  test('no two rules of a group share alert name and labels (promtool check rules --lint=duplicate-rules)', () => {
    const { alertmanager: am } = synth();
    REGISTERED_WORKLOADS.forEach((w) => am.monitorWorkload(w));
    const groups = parse(am.rulesYaml()).groups;
    expect(groups[1].rules.length).toBeGreaterThan(12);
    for (const group of groups) {
      // promtool's key: the alert name and the sorted label set.
      const keys = group.rules.map((r: any) => JSON.stringify([r.alert, Object.entries(r.labels).sort(([a], [b]) => a.localeCompare(b))]));
      const duplicates = keys.filter((k: string, i: number) => keys.indexOf(k) !== i);
      expect({ group: group.name, duplicates }).toEqual({ group: group.name, duplicates: [] });
    }
  });

  test('replicas below minimum: one lost pod of a larger workload warns; critical only when one more loss is an outage', () => {
    const { alertmanager: am } = synth();
    const cases: Array<[number, Array<[string, number]>]> = [
      [1, [['critical', 1]]],
      [2, [['critical', 2]]],
      [3, [['critical', 2], ['warning', 3]]],
      [6, [['critical', 2], ['warning', 6]]],
    ];
    for (const [minReplicas] of cases) {
      am.monitorWorkload({ kind: WorkloadKind.DEPLOYMENT, namespaceName: 'shop', name: `web-${minReplicas}`, minReplicas });
    }
    const rules = parse(am.rulesYaml()).groups[1].rules.filter((r: any) => r.alert === 'WorkloadReplicasBelowMinimum');
    for (const [minReplicas, expected] of cases) {
      const sel = `namespace="shop",deployment="web-${minReplicas}"`;
      const mine = rules.filter((r: any) => r.expr.includes(sel));
      expect(mine.map((r: any) => [r.labels.severity, r.expr])).toEqual(
        expected.map(([severity, threshold]) => [severity, `kube_deployment_status_replicas_available{${sel}} < ${threshold}`]),
      );
    }
  });

  test('a registered workload without a minimum defaults to 2, and without a scrape job gets no target-down rule', () => {
    const { alertmanager: am } = synth();
    am.monitorWorkload({ kind: WorkloadKind.STATEFUL_SET, namespaceName: 'db', name: 'pg' });
    const rules = parse(am.rulesYaml()).groups[1].rules.slice(3);
    expect(rules).toHaveLength(3);
    expect(rules[0].expr).toBe('kube_statefulset_status_replicas_ready{namespace="db",statefulset="pg"} < 2');
  });

  test('rule YAML never folds long expressions', () => {
    const { alertmanager: am } = synth();
    const name = 'a'.repeat(60);
    am.monitorWorkload({ kind: WorkloadKind.DEPLOYMENT, namespaceName: 'shop', name });
    const line = am.rulesYaml().split('\n').find((l) => l.includes('kube_deployment_status_replicas_updated'))!;
    expect(line.length).toBeGreaterThan(150);
    expect(parse(am.rulesYaml()).groups[1].rules[5].expr).toContain(`deployment="${name}"`);
  });
});
