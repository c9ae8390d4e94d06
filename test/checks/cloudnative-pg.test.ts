import 'cdktf/lib/testing/adapters/jest';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { findings, only, reportOf, unresolvables, violations } from './helpers';
import { BackupStore, DatabaseEngine, Duration, FindingKind, Platform, ReplicatedDatabase, ResilienceTarget } from '../../src';

const zeroRpo = ResilienceTarget.survive({ recoveryPoint: Duration.seconds(0) });

/** A hand-written Cluster that passes every rule, with `spec` merged over it. */
function cluster(s: TerraformStack, id: string, spec: Record<string, unknown> = {}, name = id): Manifest {
  return new Manifest(s, id, {
    manifest: {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name, namespace: 'shop' },
      spec: {
        instances: 3,
        affinity: { podAntiAffinityType: 'required', topologyKey: 'topology.kubernetes.io/zone' },
        postgresql: { synchronous: { method: 'any', number: 1, dataDurability: 'required' } },
        plugins: [{ name: 'barman-cloud.cloudnative-pg.io', isWALArchiver: true, parameters: { barmanObjectName: 'store' } }],
        storage: { size: '10Gi' },
        ...spec,
      },
    },
  });
}

function scheduled(s: TerraformStack, id: string, clusterName: string, namespace = 'shop', extra: object = {}): Manifest {
  return new Manifest(s, id, {
    manifest: {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'ScheduledBackup',
      metadata: { name: id, namespace },
      spec: { schedule: '0 0 0 * * *', cluster: { name: clusterName }, method: 'plugin', pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' }, ...extra },
    },
  });
}

/** A compliant Cluster `good` with its ScheduledBackup, and `build`'s non-compliant ones. */
function stackWith(build: (s: TerraformStack) => void): (s: TerraformStack) => void {
  return (s) => {
    new KubernetesProvider(s, 'k8s', {});
    cluster(s, 'good');
    scheduled(s, 'good-daily', 'good');
    build(s);
  };
}

describe('FT-CNPG-1: at least 3 instances', () => {
  test('compliant with 3; non-compliant with 2 and with the default of 1', () => {
    expect(
      violations('FT-CNPG-1', stackWith((s) => {
        cluster(s, 'two', { instances: 2 });
        new Manifest(s, 'one', { manifest: { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'one', namespace: 'shop' }, spec: { storage: { size: '1Gi' } } } });
      })),
    ).toEqual(['FT-CNPG-1:one', 'FT-CNPG-1:two']);
    expect(only('FT-CNPG-1', stackWith((s) => cluster(s, 'two', { instances: 2 }))).detail).toBe('`spec.instances` is 2');
  });

  test('an instance count from a variable is unresolvable; other kinds of manifests are not judged', () => {
    expect(
      unresolvables('FT-CNPG-1', stackWith((s) => {
        const n = new TerraformVariable(s, 'instances', { type: 'number' });
        cluster(s, 'var', { instances: n.numberValue });
        new Manifest(s, 'chaos', { manifest: { apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'PodChaos', metadata: { name: 'c', namespace: 'shop' }, spec: {} } });
      })),
    ).toEqual(['cannot check at synth time: `manifest.spec.instances` is `${var.instances}`, known only at deploy time']);
  });
});

describe('FT-CNPG-2: instances in distinct zones', () => {
  test('non-compliant with CloudNativePG\'s defaults, a preferred zone anti-affinity, or the anti-affinity turned off', () => {
    const report = reportOf(stackWith((s) => {
      cluster(s, 'defaults', { affinity: undefined });
      cluster(s, 'preferred', { affinity: { podAntiAffinityType: 'preferred', topologyKey: 'topology.kubernetes.io/zone' } });
      cluster(s, 'off', { affinity: { enablePodAntiAffinity: false } });
    }));
    expect(report.findings.filter((f) => f.ruleId === 'FT-CNPG-2').map((f) => [f.id, f.detail]).sort()).toEqual([
      ['FT-CNPG-2:defaults', '`spec.affinity.podAntiAffinityType` is unset (default preferred) and `spec.affinity.topologyKey` is unset (default kubernetes.io/hostname)'],
      ['FT-CNPG-2:off', '`spec.affinity.enablePodAntiAffinity` is false'],
      ['FT-CNPG-2:preferred', '`spec.affinity.podAntiAffinityType` is "preferred"'],
    ]);
  });

  test('compliant with a hard zone spread constraint or a required anti-affinity term of one\'s own', () => {
    expect(
      violations('FT-CNPG-2', stackWith((s) => {
        cluster(s, 'spread', { affinity: undefined, topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' }] });
        cluster(s, 'own', {
          affinity: { additionalPodAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'topology.kubernetes.io/zone', labelSelector: {} }] } },
        });
        cluster(s, 'soft', { affinity: undefined, topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }] });
      })),
    ).toEqual(['FT-CNPG-2:soft']);
  });
});

describe('FT-CNPG-3: backups with a WAL archive', () => {
  test('compliant with the plugin as WAL archiver or the in-tree object store; non-compliant without, with snapshots only, or a disabled plugin', () => {
    const report = reportOf(stackWith((s) => {
      cluster(s, 'intree', { plugins: undefined, backup: { barmanObjectStore: { destinationPath: 's3://b/' } } });
      cluster(s, 'none', { plugins: undefined });
      cluster(s, 'snapshots', { plugins: undefined, backup: { volumeSnapshot: { className: 'csi' } } });
      cluster(s, 'disabled', { plugins: [{ name: 'barman-cloud.cloudnative-pg.io', isWALArchiver: true, enabled: false }] });
    }));
    expect(report.findings.filter((f) => f.ruleId === 'FT-CNPG-3').map((f) => [f.id, f.detail]).sort()).toEqual([
      ['FT-CNPG-3:disabled', 'neither a WAL-archiving plugin (`spec.plugins[].isWALArchiver`) nor `spec.backup.barmanObjectStore` is set'],
      ['FT-CNPG-3:none', 'neither a WAL-archiving plugin (`spec.plugins[].isWALArchiver`) nor `spec.backup.barmanObjectStore` is set'],
      ['FT-CNPG-3:snapshots', 'only volume snapshots are configured (`spec.backup.volumeSnapshot`): no WAL archive, so no point-in-time recovery'],
    ]);
  });
});

describe('FT-CNPG-4: synchronous replication against a zero-RPO target', () => {
  test('asynchronous and `preferred` durability are non-compliant against a zero recovery point', () => {
    const report = reportOf(
      stackWith((s) => {
        cluster(s, 'async', { postgresql: {} });
        cluster(s, 'preferred', { postgresql: { synchronous: { method: 'any', number: 1, dataDurability: 'preferred' } } });
        cluster(s, 'legacy', { postgresql: {}, minSyncReplicas: 1, maxSyncReplicas: 2 });
      }),
      { target: zeroRpo },
    );
    expect(report.findings.filter((f) => f.ruleId === 'FT-CNPG-4').map((f) => [f.id, f.detail]).sort()).toEqual([
      ['FT-CNPG-4:async', '`spec.postgresql.synchronous` is unset and `spec.minSyncReplicas` is 0: replication is asynchronous'],
      ['FT-CNPG-4:preferred', '`spec.postgresql.synchronous.dataDurability` is "preferred": commits continue without a standby when none is healthy, and a failover then loses them'],
    ]);
  });

  test('not applicable without a target, or with a recovery point above zero', () => {
    const build = stackWith((s) => cluster(s, 'async', { postgresql: {} }));
    expect(findings('FT-CNPG-4', build)).toEqual([]);
    expect(findings('FT-CNPG-4', build, { target: ResilienceTarget.survive({ recoveryPoint: Duration.seconds(30) }) })).toEqual([]);
  });
});

describe('FT-CNPG-5: a ScheduledBackup for the cluster', () => {
  test('a warning unless a ScheduledBackup of the same namespace targets the cluster and is not suspended', () => {
    const report = reportOf(stackWith((s) => {
      cluster(s, 'unscheduled');
      cluster(s, 'elsewhere');
      scheduled(s, 'elsewhere-daily', 'elsewhere', 'other');
      cluster(s, 'suspended');
      scheduled(s, 'suspended-daily', 'suspended', 'shop', { suspend: true });
    }));
    const found = report.findings.filter((f) => f.ruleId === 'FT-CNPG-5');
    expect(found.map((f) => [f.id, f.kind, f.detail]).sort()).toEqual([
      ['FT-CNPG-5:elsewhere', FindingKind.NON_COMPLIANT, 'no ScheduledBackup in this stack targets the Cluster "elsewhere" in namespace "shop"'],
      ['FT-CNPG-5:suspended', FindingKind.NON_COMPLIANT, 'no ScheduledBackup in this stack targets the Cluster "suspended" in namespace "shop"'],
      ['FT-CNPG-5:unscheduled', FindingKind.NON_COMPLIANT, 'no ScheduledBackup in this stack targets the Cluster "unscheduled" in namespace "shop"'],
    ]);
    expect(found.every((f) => f.level === 'warning')).toBe(true);
    expect(report.warnings.filter((f) => f.ruleId === 'FT-CNPG-5')).toHaveLength(3);
  });
});

describe('CloudNativePG rules on a ReplicatedDatabase', () => {
  const s3 = BackupStore.s3({ destinationPath: 's3://acme-backups/' });
  const database = (props: object = {}, backupStore: BackupStore = s3) => (s: TerraformStack) => {
    new KubernetesProvider(s, 'k8s', {});
    new ReplicatedDatabase(s, 'db', { platform: Platform.kubernetes({ namespaceName: 'shop', backupStore }), engine: DatabaseEngine.postgres('16'), ...props });
  };

  test('the defaults pass every rule and a zero-RPO target', () => {
    const report = reportOf(database(), { target: zeroRpo });
    expect(report.findings.filter((f) => f.ruleId.startsWith('FT-CNPG') || f.ruleId.startsWith('FT-TARGET'))).toEqual([]);
  });

  test('the visible opt-outs are reported: no backups, shared zones, asynchronous replication against a zero-RPO target', () => {
    const optedOut = database({ allowSingleZone: true, recoveryPointObjective: Duration.seconds(10) }, BackupStore.none());
    const report = reportOf(optedOut, { target: zeroRpo });
    expect(report.findings.map((f) => f.id).filter((id) => /FT-(CNPG|TARGET)/.test(id)).sort()).toEqual([
      'FT-CNPG-2:db/Cluster',
      'FT-CNPG-3:db/Cluster',
      'FT-CNPG-4:db/Cluster',
      'FT-CNPG-5:db/Cluster',
      'FT-TARGET-1:db',
      'FT-TARGET-4:db',
    ]);
  });
});
