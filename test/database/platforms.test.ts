import 'cdktf/lib/testing/adapters/jest';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { crdProblems, manifests } from './crds';
import { S3_STORE, awsStack, manifest, resources } from './helpers';
import { KubernetesWebAppStack } from '../../examples/kubernetes-web-app';
import { EXAMPLES } from '../../examples/main';
import {
  DatabaseEngine,
  Duration,
  HealthCheck,
  HealthCheckedLoadBalancer,
  MultiAzService,
  Platform,
  PlatformKind,
  ReplicatedDatabase,
  ReplicatedDatabaseProps,
  ResilienceChecks,
  ResilienceTarget,
  Workload,
} from '../../src';

/** One declaration, minus where it runs. */
const DECLARATION: Omit<ReplicatedDatabaseProps, 'platform'> = {
  engine: DatabaseEngine.postgres('16'),
  databaseName: 'shop',
  storage: { allocatedStorage: 50 },
  backupRetention: Duration.days(14),
  backupWindow: '02:00-03:00',
  parameters: { work_mem: '65536' },
};

describe('one ReplicatedDatabase declaration, two platforms', () => {
  const aws = awsStack();
  const awsDb = new ReplicatedDatabase(aws.stack, 'db', { platform: Platform.aws({ network: aws.network }), ...DECLARATION });
  const awsText = Testing.synth(aws.stack);
  const awsJson = JSON.parse(awsText);

  const k8sStack = new TerraformStack(Testing.app(), 'stack');
  new KubernetesProvider(k8sStack, 'kubernetes', {});
  const k8sDb = new ReplicatedDatabase(k8sStack, 'db', { platform: Platform.kubernetes({ namespaceName: 'shop', backupStore: S3_STORE }), ...DECLARATION });
  const k8sJson = JSON.parse(Testing.synth(k8sStack));
  const cluster = manifest(k8sJson, 'db_Cluster').spec;

  test('AWS: one RDS Multi-AZ instance of PostgreSQL 16, 50 GiB, 14 days of backups in the 02:00 window', () => {
    expect(resources(awsJson, 'aws_db_instance')).toHaveLength(1);
    expect(awsText).toHaveResourceWithProperties(DbInstance, {
      engine: 'postgres',
      engine_version: '16',
      multi_az: true,
      allocated_storage: 50,
      db_name: 'shop',
      backup_retention_period: 14,
      backup_window: '02:00-03:00',
    });
    expect(resources(awsJson, 'kubernetes_manifest')).toEqual([]);
    expect(awsDb.platformKind).toBe(PlatformKind.AWS);
  });

  test('Kubernetes: a CloudNativePG cluster of PostgreSQL 16, synchronous, 50Gi, 14 days of backups at 02:00', () => {
    expect(cluster.instances).toBe(3);
    expect(cluster.imageName).toBe('ghcr.io/cloudnative-pg/postgresql:16-standard-trixie');
    expect(cluster.postgresql).toMatchObject({ parameters: { work_mem: '65536' }, synchronous: { method: 'any', number: 1 } });
    expect(cluster.storage.size).toBe('50Gi');
    expect(cluster.bootstrap.initdb.database).toBe('shop');
    expect(manifest(k8sJson, 'db_ObjectStore').spec.retentionPolicy).toBe('14d');
    expect(manifest(k8sJson, 'db_ScheduledBackup').spec.schedule).toBe('0 0 2 * * *');
    expect(Object.keys(k8sJson.resource).filter((t) => t.startsWith('aws_'))).toEqual([]);
    expect(k8sDb.platformKind).toBe(PlatformKind.KUBERNETES);
  });

  test('the same promises: at least two zones, nothing acknowledged lost, failover within two minutes, the same endpoints and PITR window', () => {
    const [a, k] = [awsDb.resilienceFacts(), k8sDb.resilienceFacts()];
    expect(a.recoveryPoint!.toSeconds()).toBe(0);
    expect(k.recoveryPoint!.toSeconds()).toBe(0);
    expect(a.zones).toBe(2);
    expect(k.spreadAcrossZones).toBe(true);
    expect(k.replicas).toBe(3);
    expect(a.failover!.toSeconds()).toBeLessThanOrEqual(120);
    expect(k.failover!.toSeconds()).toBeLessThanOrEqual(120);
    expect(awsDb.pointInTimeRecoveryWindow.toDays()).toBe(14);
    expect(k8sDb.pointInTimeRecoveryWindow.toDays()).toBe(14);
    expect(awsDb.port).toBe(k8sDb.port);
  });

  test('both are valid Terraform offline', () => {
    expect(aws.stack).toBeValidTerraformOffline();
    expect(k8sStack).toBeValidTerraformOffline({ crds: ['cloudnative-pg', 'barman-cloud'] });
  });
});

describe('a service and its database on Kubernetes', () => {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new KubernetesProvider(stack, 'kubernetes', {});
  const platform = Platform.kubernetes({ namespaceName: 'shop', backupStore: S3_STORE });
  const db = new ReplicatedDatabase(stack, 'db', { platform, engine: DatabaseEngine.postgres('16') });
  const lb = new HealthCheckedLoadBalancer(stack, 'web-lb', { platform, port: 80 });
  const web = new MultiAzService(stack, 'web', {
    platform,
    workload: Workload.container({ image: 'registry.example.com/fault-app:1.0.0', port: 3000, environment: { PGHOST: db.writerEndpoint } }),
    healthCheck: HealthCheck.http('/health'),
    replicas: 3,
    loadBalancer: lb,
  });
  const target = ResilienceTarget.survive({ zoneLoss: 1, recoveryPoint: Duration.seconds(0) });
  const checks = ResilienceChecks.of(stack, { target, writeReports: false, printSummary: false });
  db.allowFrom(web);
  const json = JSON.parse(Testing.synth(stack));

  test('db.allowFrom(web) admits exactly the service\'s pods on 5432', () => {
    const policies = Object.entries<any>(json.resource.kubernetes_network_policy_v1).filter(([name]) => name.startsWith('db_AllowFrom-web'));
    expect(policies).toHaveLength(1);
    const ingress = policies[0][1].spec.ingress;
    expect(ingress).toEqual([
      {
        from: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'shop' } }, pod_selector: { match_labels: web.kubernetesPods!.podSelector } }],
        ports: [{ port: '5432', protocol: 'TCP' }],
      },
    ]);
    expect(web.kubernetesPods).toEqual({ namespaceName: 'shop', podSelector: web.kubernetes!.selector });
  });

  test('the service\'s pods carry the selector the policy admits', () => {
    const deployment = Object.values<any>(json.resource.kubernetes_deployment_v1)[0];
    expect(deployment.spec.template.metadata.labels).toMatchObject(web.kubernetesPods!.podSelector);
  });

  test('no database finding against a zero-RPO, one-zone-loss target', () => {
    expect(checks.report!.findings.filter((f) => f.constructPath.startsWith('stack/db') || f.id.includes(':db'))).toEqual([]);
  });
});

describe('the Kubernetes example\'s database', () => {
  const app = Testing.stubVersion(new App({ stackTraces: false }));
  EXAMPLES['kubernetes-web-app'](app, 'kubernetes-web-app');
  const stack = app.node.findChild('kubernetes-web-app') as KubernetesWebAppStack;
  const json = JSON.parse(Testing.synth(stack));

  test('its Cluster, ObjectStore and ScheduledBackup pass the real CRDs', () => {
    const objects = Object.values(manifests(json));
    expect(objects.map((o) => o.kind).sort()).toEqual(['Cluster', 'ObjectStore', 'ScheduledBackup']);
    for (const object of objects) {
      expect({ kind: object.kind, problems: crdProblems(object) }).toEqual({ kind: object.kind, problems: [] });
    }
  });

  test('the web pods get the database host and the app Secret\'s keys by reference, and only they reach the database', () => {
    const db = stack.database;
    const container = Object.values<any>(json.resource.kubernetes_deployment_v1)[0].spec.template.spec.container[0];
    expect(container.env).toEqual(
      expect.arrayContaining([
        { name: 'PGHOST', value: 'kubernetes-web-app-db-rw.shop.svc' },
        { name: 'PGPASSWORD', value_from: { secret_key_ref: { name: db.kubernetes!.appSecretName, key: 'password', optional: false } } },
      ]),
    );
    const allowed = Object.entries<any>(json.resource.kubernetes_network_policy_v1).filter(([name]) => name.startsWith('db_AllowFrom-web'));
    expect(allowed.map(([, p]) => p.spec.ingress[0].from[0].pod_selector.match_labels)).toEqual([stack.web.kubernetesPods!.podSelector]);
  });

  test('the database waits for the namespace the web service creates', () => {
    const namespace = Object.keys(json.resource.kubernetes_namespace_v1)[0];
    const store = Object.entries<any>(json.resource.kubernetes_manifest).find(([name]) => name.startsWith('db_ObjectStore'))![1];
    expect(store.depends_on).toEqual([`kubernetes_namespace_v1.${namespace}`]);
  });
});
