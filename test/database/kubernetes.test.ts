import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { TerraformVariable, Testing } from 'cdktf';
import * as fc from 'fast-check';
import { parse } from 'yaml';
import { crdProblems, manifests } from './crds';
import { S3_STORE, byName, kubernetesStack, manifest, resource, resources, synthDb, synthK8sDb } from './helpers';
import {
  AlarmSeverity,
  BackupStore,
  CapabilityKind,
  DatabaseEngine,
  DatabaseRemovalPolicy,
  Duration,
  HaAlertmanager,
  Platform,
  PlatformKind,
  Receiver,
  ReplicatedDatabase,
  Replication,
  ReplicationTopology,
  SecretRef,
} from '../../src';

const CRDS = ['cloudnative-pg', 'barman-cloud'];

describe('ReplicatedDatabase on Kubernetes: defaults', () => {
  const { json, text, db } = synthK8sDb();
  const cluster = manifest(json, 'db_Cluster');
  const spec = cluster.spec;

  test('a CloudNativePG Cluster named after the construct path, in the platform namespace, with the standard labels', () => {
    expect(cluster.apiVersion).toBe('postgresql.cnpg.io/v1');
    expect(cluster.kind).toBe('Cluster');
    expect(cluster.metadata).toEqual({
      name: 'stack-db',
      namespace: 'shop',
      labels: {
        'app.kubernetes.io/name': 'postgresql',
        'app.kubernetes.io/instance': 'stack-db',
        'app.kubernetes.io/component': 'database',
        'app.kubernetes.io/managed-by': 'cdktf-fault-tolerance',
      },
      annotations: { 'cdktf-fault-tolerance.dev/construct-path': 'stack/db' },
    });
    expect(db.name).toBe('stack-db');
    expect(db.platformKind).toBe(PlatformKind.KUBERNETES);
  });

  test('3 instances (a primary and two standbys) of the community PostgreSQL image of the engine version, pulled if not present', () => {
    expect(spec.instances).toBe(3);
    expect(spec.imageName).toBe('ghcr.io/cloudnative-pg/postgresql:16-standard-trixie');
    expect(spec.imagePullPolicy).toBe('IfNotPresent');
    expect(db.replication.topology).toBe(ReplicationTopology.MULTI_AZ);
  });

  test('required pod anti-affinity across zones: no two instances in one zone', () => {
    expect(spec.affinity).toEqual({ enablePodAntiAffinity: true, podAntiAffinityType: 'required', topologyKey: 'topology.kubernetes.io/zone' });
  });

  test('quorum synchronous replication: ANY 1 standby, data durability required, quorum-checked failover', () => {
    expect(spec.postgresql.synchronous).toEqual({ method: 'any', number: 1, dataDurability: 'required', failoverQuorum: true });
    expect(db.recoveryPointObjective.toSeconds()).toBe(0);
  });

  test('clients only over TLS: hostssl with SCRAM, every non-TLS connection rejected', () => {
    expect(spec.postgresql.pg_hba).toEqual(['hostssl all all all scram-sha-256', 'hostnossl all all all reject']);
    expect(spec.postgresql.parameters).toBeUndefined();
  });

  test('20Gi volumes of the default storage class, resized in use', () => {
    expect(spec.storage).toEqual({ size: '20Gi', resizeInUseVolumes: true });
  });

  test('Guaranteed resources: 1 CPU and 2Gi requested and limited', () => {
    expect(spec.resources).toEqual({ requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '1', memory: '2Gi' } });
  });

  test('the restricted security context: non-root, read-only root filesystem, no capabilities, RuntimeDefault seccomp', () => {
    expect(spec.securityContext).toEqual({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(spec.podSecurityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  });

  test('an application database `app` owned by `app`, with data checksums; no superuser access', () => {
    expect(spec.bootstrap).toEqual({ initdb: { database: 'app', owner: 'app', dataChecksums: true } });
    expect(spec.enableSuperuserAccess).toBe(false);
  });

  test('failover at once, a minute for the failing primary\'s fast shutdown, readiness within 25 s, switchover on updates, a PDB', () => {
    expect(spec.failoverDelay).toBe(0);
    expect(spec.switchoverDelay).toBe(60);
    expect(spec.probes).toEqual({ readiness: { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 2 } });
    expect(spec.primaryUpdateMethod).toBe('switchover');
    expect(spec.primaryUpdateStrategy).toBe('unsupervised');
    expect(spec.enablePDB).toBe(true);
  });

  test('WAL archiving and backups through the Barman Cloud plugin and its ObjectStore', () => {
    expect(spec.plugins).toEqual([
      {
        name: 'barman-cloud.cloudnative-pg.io',
        enabled: true,
        isWALArchiver: true,
        parameters: { barmanObjectName: 'stack-db-backups', serverName: 'shop-stack-db' },
      },
    ]);
    expect(spec.backup).toBeUndefined();
    expect(spec.serviceAccountTemplate).toBeUndefined();
  });

  test('the ObjectStore: the platform bucket, the pods\' IAM role, SSE-S3 and gzip, 7 days of retention, a bounded sidecar', () => {
    const store = manifest(json, 'db_ObjectStore');
    expect(store.apiVersion).toBe('barmancloud.cnpg.io/v1');
    expect(store.metadata.name).toBe('stack-db-backups');
    expect(store.metadata.namespace).toBe('shop');
    expect(store.spec).toEqual({
      configuration: {
        destinationPath: 's3://acme-db-backups/shop/',
        s3Credentials: { inheritFromIAMRole: true },
        wal: { compression: 'gzip', encryption: 'AES256' },
        data: { compression: 'gzip', encryption: 'AES256' },
      },
      retentionPolicy: '7d',
      instanceSidecarConfiguration: { resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } } },
    });
    expect(db.pointInTimeRecoveryWindow.toDays()).toBe(7);
  });

  test('a daily ScheduledBackup at midnight UTC by the plugin, taken once right away, preferably from a standby', () => {
    const scheduled = manifest(json, 'db_ScheduledBackup');
    expect(scheduled.kind).toBe('ScheduledBackup');
    expect(scheduled.metadata.name).toBe('stack-db-daily');
    expect(scheduled.spec).toEqual({
      schedule: '0 0 0 * * *',
      cluster: { name: 'stack-db' },
      method: 'plugin',
      pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' },
      immediate: true,
      backupOwnerReference: 'self',
      target: 'prefer-standby',
    });
    expect(resource(json, 'kubernetes_manifest', 'db_ScheduledBackup').depends_on).toEqual([expect.stringMatching(/^kubernetes_manifest\.db_Cluster_/)]);
  });

  test('retained: prevent_destroy on the Cluster and the ObjectStore; the Cluster waits for the ObjectStore and must become Ready', () => {
    const c = resource(json, 'kubernetes_manifest', 'db_Cluster');
    expect(c.lifecycle).toEqual({ prevent_destroy: true });
    expect(resource(json, 'kubernetes_manifest', 'db_ObjectStore').lifecycle).toEqual({ prevent_destroy: true });
    expect(c.depends_on).toEqual([expect.stringMatching(/^kubernetes_manifest\.db_ObjectStore_/)]);
    expect(c.wait).toEqual({ condition: [{ type: 'Ready', status: 'True' }] });
    // The admission webhook rewrites the parameters (the complete set) and may add the operator's default plugins.
    expect(c.computed_fields).toEqual(['metadata.labels', 'metadata.annotations', 'spec.postgresql.parameters', 'spec.plugins']);
    expect(c.timeouts).toEqual({ create: '30m', update: '30m' });
  });

  test('a NetworkPolicy: the instances to each other, the operator on 5432 and 8000, the exporter from the namespace, nobody else', () => {
    expect(text).toHaveResourceWithProperties(NetworkPolicyV1, {
      metadata: expect.objectContaining({ name: 'stack-db', namespace: 'shop' }),
      spec: {
        pod_selector: { match_labels: { 'cnpg.io/cluster': 'stack-db' } },
        policy_types: ['Ingress'],
        ingress: [
          {
            from: [{ pod_selector: { match_labels: { 'cnpg.io/cluster': 'stack-db' } } }],
            ports: [{ port: '5432', protocol: 'TCP' }, { port: '8000', protocol: 'TCP' }],
          },
          {
            from: [
              {
                namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'cnpg-system' } },
                pod_selector: { match_labels: { 'app.kubernetes.io/name': 'cloudnative-pg' } },
              },
            ],
            ports: [{ port: '5432', protocol: 'TCP' }, { port: '8000', protocol: 'TCP' }],
          },
          { from: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'shop' } } }], ports: [{ port: '9187', protocol: 'TCP' }] },
        ],
      },
    });
    expect(resources(json, 'kubernetes_network_policy_v1')).toHaveLength(1);
  });

  test('outputs: writer and reader Services, port, the app Secret\'s name (never its content)', () => {
    const outputs = Object.entries<any>(json.output);
    const value = (part: string) => outputs.find(([k]) => k.includes(part))![1].value;
    expect(value('WriterEndpoint')).toBe('stack-db-rw.shop.svc');
    expect(value('ReaderEndpoint')).toBe('stack-db-ro.shop.svc');
    expect(value('Port')).toBe(5432);
    expect(value('AppSecretName')).toBe('stack-db-app');
    expect(text).not.toMatch(/password/i);
  });

  test('the fields: endpoints, port, the Kubernetes names and selectors; no AWS resources, alarms or secret ARN', () => {
    expect(db.writerEndpoint).toBe('stack-db-rw.shop.svc');
    expect(db.readerEndpoint).toBe('stack-db-ro.shop.svc');
    expect(db.port).toBe(5432);
    expect(db.readReplicaEndpoints).toEqual([]);
    expect(db.alarms).toEqual([]);
    expect(db.aws).toBeUndefined();
    expect(db.masterUserSecretArn).toBeUndefined();
    expect(db.crossRegionRecoveryPoint).toBeUndefined();
    const k = db.kubernetes!;
    expect(k.cluster).toBeInstanceOf(Manifest);
    expect(k.networkPolicy).toBeInstanceOf(NetworkPolicyV1);
    expect(k).toMatchObject({
      clusterName: 'stack-db',
      namespaceName: 'shop',
      podSelector: { 'cnpg.io/cluster': 'stack-db' },
      primaryPodSelector: { 'cnpg.io/cluster': 'stack-db', 'cnpg.io/instanceRole': 'primary' },
      writerServiceName: 'stack-db-rw',
      readerServiceName: 'stack-db-ro',
      appSecretName: 'stack-db-app',
      caSecretName: 'stack-db-ca',
    });
    expect(() => db.securityGroupId).toThrow('ReplicatedDatabase "stack/db" runs on Kubernetes and has no security group');
  });

  test('facts: 3 replicas one per zone, detection 25 s, failover 60 s (failover delay 0 + switchover 60), nothing lost', () => {
    const facts = db.resilienceFacts();
    expect(facts).toMatchObject({
      capability: CapabilityKind.DATABASE,
      platform: PlatformKind.KUBERNETES,
      replicas: 3,
      spreadAcrossZones: true,
      acceptedSinglePointsOfFailure: [],
    });
    expect(facts.zones).toBeUndefined();
    expect(facts.failureDetection!.toSeconds()).toBe(25);
    expect(facts.failover!.toSeconds()).toBe(60);
    expect(facts.recoveryPoint!.toSeconds()).toBe(0);
    facts.acceptedSinglePointsOfFailure!.push('changed');
    expect(db.resilienceFacts().acceptedSinglePointsOfFailure).toEqual([]);
  });

  test('loads no AWS provider binding and renders no AWS resource', () => {
    expect(Object.keys(json.resource).filter((t) => t.startsWith('aws_'))).toEqual([]);
  });
});

describe('ReplicatedDatabase on Kubernetes: options', () => {
  test('Replication.multiAz({ readReplicas: 2 }) adds two standbys: 5 instances, the standby alert expects 4', () => {
    const { json, db } = synthK8sDb({ replication: Replication.multiAz({ readReplicas: 2 }) });
    expect(manifest(json, 'db_Cluster').spec.instances).toBe(5);
    expect(db.resilienceFacts().replicas).toBe(5);
    const warning = db.kubernetes!.alertRules.rules.find((r) => r.name === 'DatabaseStandbyMissing' && r.severity === AlarmSeverity.WARNING)!;
    expect(warning.expression).toContain('< 4 and on (namespace, pod)');
  });

  test('a non-zero recoveryPointObjective is asynchronous replication: no synchronous stanza, recovery point = the lag bound, critical lag alert above it', () => {
    const { json, db } = synthK8sDb({ recoveryPointObjective: Duration.seconds(30) });
    expect(manifest(json, 'db_Cluster').spec.postgresql.synchronous).toBeUndefined();
    expect(db.resilienceFacts().recoveryPoint!.toSeconds()).toBe(30);
    const lag = db.kubernetes!.alertRules.rules.find((r) => r.name === 'DatabaseReplicationLagging')!;
    expect(lag.expression).toBe('cnpg_pg_replication_lag{namespace="shop",pod=~"stack-db-[0-9]+"} > 30');
    expect(lag.severity).toBe(AlarmSeverity.CRITICAL);
  });

  test('allowSingleZone: preferred anti-affinity, reported as an accepted single point of failure', () => {
    const { json, db } = synthK8sDb({ allowSingleZone: true });
    expect(manifest(json, 'db_Cluster').spec.affinity.podAntiAffinityType).toBe('preferred');
    expect(db.resilienceFacts().spreadAcrossZones).toBe(false);
    expect(db.resilienceFacts().acceptedSinglePointsOfFailure).toEqual([
      '`allowSingleZone`: instances may share a zone, so the loss of that zone can take the primary and every standby.',
    ]);
  });

  test('cpu, memory, image, storage size and class, databaseName and parameters', () => {
    const { json } = synthK8sDb({
      cpu: '2',
      memory: '8Gi',
      image: 'registry.example.com/postgresql:16.4-standard-trixie@sha256:' + 'a'.repeat(64),
      storage: { allocatedStorage: 100, storageClassName: 'gp3-encrypted' },
      databaseName: 'shop',
      parameters: { work_mem: '64MB', max_connections: '400' },
    });
    const spec = manifest(json, 'db_Cluster').spec;
    expect(spec.resources).toEqual({ requests: { cpu: '2', memory: '8Gi' }, limits: { cpu: '2', memory: '8Gi' } });
    expect(spec.imageName).toBe(`registry.example.com/postgresql:16.4-standard-trixie@sha256:${'a'.repeat(64)}`);
    expect(spec.storage).toEqual({ size: '100Gi', storageClass: 'gp3-encrypted', resizeInUseVolumes: true });
    expect(spec.bootstrap.initdb).toMatchObject({ database: 'shop', owner: 'shop' });
    expect(spec.postgresql.parameters).toEqual({ work_mem: '64MB', max_connections: '400' });
  });

  test('an engine version gives the image tag; a version from a Terraform variable is interpolated', () => {
    expect(manifest(synthK8sDb({ engine: DatabaseEngine.postgres('17.2') }).json, 'db_Cluster').spec.imageName).toBe('ghcr.io/cloudnative-pg/postgresql:17.2-standard-trixie');
    const stack = kubernetesStack();
    const version = new TerraformVariable(stack, 'pg_version', { type: 'string' });
    new ReplicatedDatabase(stack, 'db', { platform: Platform.kubernetes({ backupStore: S3_STORE }), engine: DatabaseEngine.postgres(version.stringValue) });
    expect(manifest(JSON.parse(Testing.synth(stack)), 'db_Cluster').spec.imageName).toBe('ghcr.io/cloudnative-pg/postgresql:${var.pg_version}-standard-trixie');
  });

  test('backupRetention and backupWindow: the retention policy and the daily schedule', () => {
    const { json, db } = synthK8sDb({ backupRetention: Duration.days(30), backupWindow: '03:15-04:00' });
    expect(manifest(json, 'db_ObjectStore').spec.retentionPolicy).toBe('30d');
    expect(manifest(json, 'db_ScheduledBackup').spec.schedule).toBe('0 15 3 * * *');
    expect(db.pointInTimeRecoveryWindow.toDays()).toBe(30);
  });

  test.each([DatabaseRemovalPolicy.SNAPSHOT, DatabaseRemovalPolicy.DESTROY])('removalPolicy %s: no prevent_destroy', (removalPolicy) => {
    const { json } = synthK8sDb({ removalPolicy });
    expect(resource(json, 'kubernetes_manifest', 'db_Cluster').lifecycle).toBeUndefined();
    expect(resource(json, 'kubernetes_manifest', 'db_ObjectStore').lifecycle).toBeUndefined();
  });

  test('outputs: false creates no outputs', () => {
    expect(synthK8sDb({ outputs: false }).json.output).toBeUndefined();
  });

  test('the default namespace when the platform names none', () => {
    const stack = kubernetesStack();
    const db = new ReplicatedDatabase(stack, 'db', { platform: Platform.kubernetes({ backupStore: S3_STORE }), engine: DatabaseEngine.postgres('16') });
    expect(db.writerEndpoint).toBe('stack-db-rw.default.svc');
    expect(manifest(JSON.parse(Testing.synth(stack)), 'db_Cluster').metadata.namespace).toBe('default');
  });
});

describe('ReplicatedDatabase on Kubernetes: backup stores', () => {
  const store = (backupStore: BackupStore) => synthK8sDb({}, { backupStore });

  test('S3 with static keys from a Kubernetes Secret: referenced by name and key, never read', () => {
    const { json, text } = store(
      BackupStore.s3({
        destinationPath: 's3://backups/shop/',
        accessKeyId: SecretRef.kubernetes('db-backups', 'ACCESS_KEY_ID'),
        secretAccessKey: SecretRef.kubernetes('db-backups', 'SECRET_ACCESS_KEY'),
      }),
    );
    expect(manifest(json, 'db_ObjectStore').spec.configuration.s3Credentials).toEqual({
      accessKeyId: { name: 'db-backups', key: 'ACCESS_KEY_ID' },
      secretAccessKey: { name: 'db-backups', key: 'SECRET_ACCESS_KEY' },
    });
    expect(resources(json, 'kubernetes_secret_v1')).toEqual([]);
    expect(text).not.toContain('kubernetes_secret');
  });

  test('S3 with an IRSA role: the pods\' service account carries the role annotation', () => {
    const { json } = store(BackupStore.s3({ destinationPath: 's3://backups/shop/', roleArn: 'arn:aws:iam::123456789012:role/db-backups' }));
    expect(manifest(json, 'db_Cluster').spec.serviceAccountTemplate).toEqual({
      metadata: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/db-backups' } },
    });
    expect(manifest(json, 'db_ObjectStore').spec.configuration.s3Credentials).toEqual({ inheritFromIAMRole: true });
  });

  test('an S3-compatible endpoint: the URL, and no SSE-S3 unless asked for', () => {
    const config = (o: object) =>
      manifest(store(BackupStore.s3({ destinationPath: 's3://backups/', endpointUrl: 'https://minio.storage.svc:9000', ...o })).json, 'db_ObjectStore').spec.configuration;
    expect(config({})).toMatchObject({ endpointURL: 'https://minio.storage.svc:9000', wal: { compression: 'gzip' }, data: { compression: 'gzip' } });
    expect(config({}).wal.encryption).toBeUndefined();
    expect(config({ serverSideEncryption: true }).wal.encryption).toBe('AES256');
    const off = manifest(store(BackupStore.s3({ destinationPath: 's3://backups/', serverSideEncryption: false })).json, 'db_ObjectStore').spec.configuration;
    expect(off.data.encryption).toBeUndefined();
  });

  test('Google Cloud Storage: a key from a Secret, or GKE Workload Identity', () => {
    const key = store(BackupStore.googleCloudStorage({ destinationPath: 'gs://backups/shop/', applicationCredentials: SecretRef.kubernetes('gcs', 'key.json') }));
    expect(manifest(key.json, 'db_ObjectStore').spec.configuration).toMatchObject({
      destinationPath: 'gs://backups/shop/',
      googleCredentials: { applicationCredentials: { name: 'gcs', key: 'key.json' } },
    });
    expect(manifest(key.json, 'db_ObjectStore').spec.configuration.wal.encryption).toBeUndefined();
    const wi = store(BackupStore.googleCloudStorage({ destinationPath: 'gs://backups/shop/' }));
    expect(manifest(wi.json, 'db_ObjectStore').spec.configuration.googleCredentials).toEqual({ gkeEnvironment: true });
  });

  test('Azure Blob Storage: a connection string from a Secret, or Workload ID', () => {
    const path = 'https://acmebackups.blob.core.windows.net/backups/shop/';
    const cs = store(BackupStore.azureBlobStorage({ destinationPath: path, connectionString: SecretRef.kubernetes('azure', 'connection') }));
    expect(manifest(cs.json, 'db_ObjectStore').spec.configuration.azureCredentials).toEqual({ connectionString: { name: 'azure', key: 'connection' } });
    const ad = store(BackupStore.azureBlobStorage({ destinationPath: path }));
    expect(manifest(ad.json, 'db_ObjectStore').spec.configuration.azureCredentials).toEqual({ inheritFromAzureAD: true });
  });

  test('BackupStore.none(): no ObjectStore, no ScheduledBackup, no WAL archiver, no backup alerts, no point-in-time recovery', () => {
    const { json, db } = store(BackupStore.none());
    expect(Object.keys(byName(json, 'kubernetes_manifest'))).toEqual([expect.stringMatching(/^db_Cluster_/)]);
    expect(manifest(json, 'db_Cluster').spec.plugins).toBeUndefined();
    expect(db.kubernetes!.objectStore).toBeUndefined();
    expect(db.kubernetes!.scheduledBackup).toBeUndefined();
    expect(db.kubernetes!.alertRules.rules.map((r) => r.name)).toEqual(['DatabaseReplicationLagging', 'DatabaseStandbyMissing', 'DatabaseStandbyMissing', 'DatabasePrimaryMissing']);
    expect(db.pointInTimeRecoveryWindow.toSeconds()).toBe(0);
    expect(resource(json, 'kubernetes_manifest', 'db_Cluster').depends_on).toBeUndefined();
  });
});

describe('ReplicatedDatabase on Kubernetes: alerting', () => {
  function withAlerting(props: object = {}) {
    const stack = kubernetesStack();
    const alerting = new HaAlertmanager(stack, 'alerting', {
      platform: Platform.kubernetes({ namespaceName: 'monitoring' }),
      receivers: [Receiver.webhook('oncall', SecretRef.kubernetes('oncall', 'url'))],
    });
    const db = new ReplicatedDatabase(stack, 'db', {
      platform: Platform.kubernetes({ namespaceName: 'shop', alerting, backupStore: S3_STORE }),
      engine: DatabaseEngine.postgres('16'),
      ...props,
    });
    return { stack, alerting, db, json: JSON.parse(Testing.synth(stack)) };
  }

  test('the rules are registered with the platform\'s alerting and land in rules.yaml as a group of their own', () => {
    const { alerting, json } = withAlerting();
    expect(alerting.alertRuleGroups.map((g) => g.name)).toEqual(['cdktf-fault-tolerance.database.shop.stack-db']);
    const configMap = Object.values<any>(json.resource.kubernetes_config_map_v1)[0];
    const groups = parse(configMap.data['rules.yaml']).groups;
    const group = groups.find((g: any) => g.name === 'cdktf-fault-tolerance.database.shop.stack-db');
    expect(group.rules.map((r: any) => `${r.alert} ${r.labels.severity}`)).toEqual([
      'DatabaseReplicationLagging warning',
      'DatabaseStandbyMissing critical',
      'DatabaseStandbyMissing warning',
      'DatabasePrimaryMissing critical',
      'DatabaseWalArchivingFailing critical',
      'DatabaseBackupTooOld warning',
      'DatabaseBackupFailed warning',
    ]);
    expect(group.rules.every((r: any) => r.labels.namespace === 'shop' && r.labels.database === 'shop/stack-db')).toBe(true);
  });

  test('the metric names are CloudNativePG\'s exporter\'s and the Barman Cloud plugin\'s', () => {
    const { db } = withAlerting();
    const metrics = new Set(db.kubernetes!.alertRules.rules.flatMap((r) => r.expression.match(/[a-z_]+(?=\{)/g) ?? []));
    expect([...metrics].sort()).toEqual([
      'barman_cloud_cloudnative_pg_io_last_available_backup_timestamp',
      'barman_cloud_cloudnative_pg_io_last_failed_backup_timestamp',
      'cnpg_pg_replication_in_recovery',
      'cnpg_pg_replication_lag',
      'cnpg_pg_replication_streaming_replicas',
      'cnpg_pg_stat_archiver_last_archived_time',
      'cnpg_pg_stat_archiver_last_failed_time',
    ]);
  });

  test('with synchronous replication the lag alert is a warning above the failover time; the backup-age alert allows 26 h', () => {
    const rules = withAlerting().db.kubernetes!.alertRules.rules;
    const lag = rules.find((r) => r.name === 'DatabaseReplicationLagging')!;
    expect(lag.expression).toBe('cnpg_pg_replication_lag{namespace="shop",pod=~"stack-db-[0-9]+"} > 60');
    expect(lag.severity).toBe(AlarmSeverity.WARNING);
    expect(rules.find((r) => r.name === 'DatabaseBackupTooOld')!.expression).toContain('> 93600) or absent(');
  });

  test('the exporter port admits the alerting namespace too', () => {
    const { json } = withAlerting();
    const policy = resource(json, 'kubernetes_network_policy_v1', 'db_NetworkPolicy');
    expect(policy.spec.ingress[2].from).toEqual([
      { namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'shop' } } },
      { namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
    ]);
  });

  test('prometheusScrapeConfig discovers the instances\' metrics port and sets the labels the rules select on', () => {
    const { db } = withAlerting();
    expect(db.prometheusScrapeConfig()).toEqual({
      job_name: 'cnpg-shop-stack-db',
      kubernetes_sd_configs: [{ role: 'pod', namespaces: { names: ['shop'] }, selectors: [{ role: 'pod', label: 'cnpg.io/cluster=stack-db' }] }],
      relabel_configs: [
        { source_labels: ['__meta_kubernetes_pod_container_port_name'], regex: 'metrics', action: 'keep' },
        { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
        { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
      ],
    });
    expect(() => synthDb({ engine: DatabaseEngine.postgres('16') }).db.prometheusScrapeConfig()).toThrow('runs on AWS, whose metrics are in CloudWatch');
  });
});

describe('ReplicatedDatabase on Kubernetes: allowFrom', () => {
  const web = { kubernetesPods: { namespaceName: 'shop', podSelector: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'stack-web' } } };

  test('allowFrom(client with pods) adds a NetworkPolicy admitting those pods, and only them, on 5432; again returns the same', () => {
    let first: unknown;
    let second: unknown;
    const { json, text } = synthK8sDb({}, {}, (_s, db) => {
      first = db.allowFrom(web as any);
      second = db.allowFrom(web as any);
    });
    expect(first).toBe(second);
    expect(first).toBeInstanceOf(NetworkPolicyV1);
    expect(resources(json, 'kubernetes_network_policy_v1')).toHaveLength(2);
    expect(text).toHaveResourceWithProperties(NetworkPolicyV1, {
      metadata: expect.objectContaining({ name: 'stack-db-from-shop-1', namespace: 'shop' }),
      spec: {
        pod_selector: { match_labels: { 'cnpg.io/cluster': 'stack-db' } },
        policy_types: ['Ingress'],
        ingress: [
          {
            from: [
              {
                namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'shop' } },
                pod_selector: { match_labels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'stack-web' } },
              },
            ],
            ports: [{ port: '5432', protocol: 'TCP' }],
          },
        ],
      },
    });
  });

  test('a client construct names the policy after its path; pods in another namespace are selected there', () => {
    const { json } = synthK8sDb({}, {}, (stack, db) => {
      const client = new (class extends ReplicatedDatabase {})(stack, 'other', {
        platform: Platform.kubernetes({ namespaceName: 'batch', backupStore: BackupStore.none() }),
        engine: DatabaseEngine.postgres('16'),
      });
      Object.defineProperty(client, 'kubernetesPods', { value: { namespaceName: 'batch', podSelector: { app: 'jobs' } } });
      db.allowFrom(client);
    });
    const policy = resource(json, 'kubernetes_network_policy_v1', 'db_AllowFrom-other');
    expect(policy.metadata.name).toBe('stack-db-from-other');
    expect(policy.spec.ingress[0].from[0].namespace_selector).toEqual({ match_labels: { 'kubernetes.io/metadata.name': 'batch' } });
  });

  test('allowFromPods admits pods described by namespace and labels', () => {
    const { json } = synthK8sDb({}, {}, (_s, db) => db.allowFromPods({ namespaceName: 'jobs', podSelector: { app: 'report' } }));
    const policy = resource(json, 'kubernetes_network_policy_v1', 'AllowFrom-jobs-1');
    expect(policy.spec.ingress[0].from[0].pod_selector).toEqual({ match_labels: { app: 'report' } });
  });

  test('a client without pods, bad pods, and allowFromPods on AWS fail with what to do', () => {
    expect(() => synthK8sDb({}, {}, (_s, db) => db.allowFrom({ securityGroupId: 'sg-1' }))).toThrow(
      'ReplicatedDatabase "stack/db" runs on Kubernetes: `allowFrom` admits pods there, but the client has no `kubernetesPods` (a MultiAzService on Kubernetes has them). Use `allowFromPods({ namespaceName, podSelector })` for other pods.',
    );
    expect(() => synthK8sDb({}, {}, (_s, db) => db.allowFromPods({ namespaceName: 'shop', podSelector: {} }))).toThrow(
      'ReplicatedDatabase "stack/db": `allowFromPods` needs { namespaceName, podSelector } with a namespace name and at least one label, got {"namespaceName":"shop","podSelector":{}}.',
    );
    expect(() => synthDb({ engine: DatabaseEngine.postgres('16') }, (_s, db) => db.allowFromPods(web.kubernetesPods))).toThrow(
      'ReplicatedDatabase "stack/db" runs on AWS: allowFromPods admits Kubernetes pods. Use allowFrom(client) with the client\'s security group.',
    );
  });
});

describe('ReplicatedDatabase on Kubernetes: the real CRDs', () => {
  const configurations: Array<[string, Parameters<typeof synthK8sDb>[0], Parameters<typeof synthK8sDb>[1]]> = [
    ['defaults', {}, {}],
    [
      'every option',
      {
        replication: Replication.multiAz({ readReplicas: 1 }),
        recoveryPointObjective: Duration.seconds(30),
        allowSingleZone: true,
        cpu: '500m',
        memory: '1Gi',
        image: 'ghcr.io/cloudnative-pg/postgresql:17.2-standard-trixie',
        engine: DatabaseEngine.postgres('17.2'),
        storage: { allocatedStorage: 50, storageClassName: 'fast' },
        databaseName: 'shop',
        parameters: { work_mem: '64MB' },
        backupRetention: Duration.days(30),
        backupWindow: '02:00-03:00',
        removalPolicy: DatabaseRemovalPolicy.SNAPSHOT,
        outputs: false,
      },
      {
        backupStore: BackupStore.s3({
          destinationPath: 's3://backups/shop/',
          endpointUrl: 'https://minio.storage.svc:9000',
          accessKeyId: SecretRef.kubernetes('minio', 'id'),
          secretAccessKey: SecretRef.kubernetes('minio', 'secret'),
        }),
      },
    ],
    ['IRSA', {}, { backupStore: BackupStore.s3({ destinationPath: 's3://backups/', roleArn: 'arn:aws:iam::123456789012:role/db' }) }],
    ['Google Cloud Storage', {}, { backupStore: BackupStore.googleCloudStorage({ destinationPath: 'gs://backups/', applicationCredentials: SecretRef.kubernetes('gcs', 'key') }) }],
    ['Azure', {}, { backupStore: BackupStore.azureBlobStorage({ destinationPath: 'https://acmebackups.blob.core.windows.net/backups/' }) }],
    ['no backups', {}, { backupStore: BackupStore.none() }],
  ];

  test.each(configurations)('%s: every rendered object passes its CRD\'s OpenAPI schema', (_name, props, platform) => {
    const objects = Object.values(manifests(synthK8sDb(props, platform).json));
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) {
      expect({ kind: object.kind, problems: crdProblems(object) }).toEqual({ kind: object.kind, problems: [] });
    }
  });

  test.each(configurations.filter(([name]) => ['defaults', 'every option', 'no backups'].includes(name)))(
    '%s: valid Terraform offline, every manifest validated against the CRDs',
    (_name, props, platform) => {
      expect(synthK8sDb(props, platform).stack).toBeValidTerraformOffline({ crds: CRDS });
    },
  );

  test('a deliberately wrong Cluster (an enum value and an unknown field) fails the schema and the offline proof', () => {
    const { stack, db } = synthK8sDb();
    db.kubernetes!.cluster.addOverride('manifest.spec.postgresql.synchronous.method', 'all');
    db.kubernetes!.cluster.addOverride('manifest.spec.replicas', 3);
    const json = JSON.parse(Testing.synth(stack));
    expect(crdProblems(manifest(json, 'db_Cluster'))).toEqual([
      '/spec must NOT have additional properties',
      '/spec/postgresql/synchronous/method must be equal to one of the allowed values (any, first)',
    ]);
    expect(stack).not.toBeValidTerraformOffline({ crds: CRDS });
  });

  test('without the CRDs the proof fails on the unknown kinds, as a plan fails without the operator', () => {
    const { stack } = synthK8sDb();
    expect(stack).not.toBeValidTerraformOffline();
  });
});

describe('ReplicatedDatabase on Kubernetes: properties', () => {
  test('synchronous exactly when the recovery point objective is zero; the recovery point fact follows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_400 }), fc.integer({ min: 0, max: 5 }), (seconds, readReplicas) => {
        const { json, db } = synthK8sDb({ recoveryPointObjective: Duration.seconds(seconds), replication: Replication.multiAz({ readReplicas }) });
        const spec = manifest(json, 'db_Cluster').spec;
        expect(spec.postgresql.synchronous !== undefined).toBe(seconds === 0);
        expect(db.resilienceFacts().recoveryPoint!.toSeconds()).toBe(seconds);
        expect(spec.instances).toBe(3 + readReplicas);
      }),
      { numRuns: 25 },
    );
  });
});
