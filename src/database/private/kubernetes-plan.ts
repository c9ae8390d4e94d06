import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { defaultName } from './plan';
import { AlarmSeverity } from '../../core/alarms';
import { AlertRule, AlertRuleGroup, IAlertRouting } from '../../core/alert-routing';
import { BackupStoreKind } from '../../core/backup-store';
import { Duration } from '../../core/duration';
import { KubernetesPlatform, PlatformKind } from '../../core/platform';
import { BackupStoreDescription } from '../../core/private/backup-store';
import { numberText } from '../../core/private/runtime';
import { RemovalPolicy } from '../../core/removal-policy';
import { CapabilityKind, ResilienceFacts } from '../../core/resilience';
import type { ReplicatedDatabaseProps } from '../replicated-database';
import { Replication, ReplicationTopology } from '../replication';

/*
 * The plan of a ReplicatedDatabase on Kubernetes: a CloudNativePG 1.30 `Cluster`, backed up by the Barman Cloud
 * plugin to the platform's object store. Every number below comes from CloudNativePG's documentation
 * (docs/src/failover.md, instance_manager.md, replication.md, monitoring.md of release 1.30.0) or the plugin's
 * (web/docs/usage.md, retention.md, observability.md of plugin-barman-cloud 0.14.0).
 */

/** The API version of the CloudNativePG kinds (`Cluster`, `ScheduledBackup`). */
export const CNPG_API_VERSION = 'postgresql.cnpg.io/v1';
/** The API version of the Barman Cloud plugin's `ObjectStore`. */
export const BARMAN_CLOUD_API_VERSION = 'barmancloud.cnpg.io/v1';
/** The name the Barman Cloud plugin registers with the operator. */
export const BARMAN_CLOUD_PLUGIN = 'barman-cloud.cloudnative-pg.io';
/** The port of every PostgreSQL instance (CloudNativePG does not let it change). */
export const POSTGRES_PORT = 5432;
/** The instance manager's status port, which the operator and the other instances call. */
export const INSTANCE_MANAGER_PORT = 8000;
/** The instance manager's Prometheus exporter. */
export const METRICS_PORT = 9187;
/** Where the operator runs unless installed elsewhere (the manifest and Helm chart default). */
export const OPERATOR_NAMESPACE = 'cnpg-system';
/** The label of the operator's pods. */
export const OPERATOR_POD_LABELS = { 'app.kubernetes.io/name': 'cloudnative-pg' };
/** The label CloudNativePG puts on every pod of a cluster, set to the cluster's name. */
export const CLUSTER_LABEL = 'cnpg.io/cluster';
/** The label CloudNativePG sets to `primary` or `replica` on each instance (what a primary-kill experiment selects). */
export const INSTANCE_ROLE_LABEL = 'cnpg.io/instanceRole';
/** PostgreSQL majors the CloudNativePG community images are published for and PGDG still supports. */
export const KUBERNETES_POSTGRES_MAJORS = ['14', '15', '16', '17', '18'];
/** The community image, by engine version. */
export const IMAGE_REPOSITORY = 'ghcr.io/cloudnative-pg/postgresql';
/** The image variant: PostgreSQL with the common extensions, no Barman tools (the plugin brings its own sidecar). */
export const IMAGE_SUFFIX = '-standard-trixie';

/** A primary and two standbys: one standby may be lost (a zone) while the other still acknowledges every commit. */
const BASE_INSTANCES = 3;
const DEFAULT_CPU = '1';
const DEFAULT_MEMORY = '2Gi';
const DEFAULT_STORAGE_GIB = 20;
const DEFAULT_DATABASE = 'app';
/** `.spec.failoverDelay`: fail over as soon as the primary is unhealthy (CloudNativePG's default). */
export const FAILOVER_DELAY = Duration.seconds(0);
/**
 * `.spec.switchoverDelay`: how long a failing primary gets for its fast shutdown (archiving its last WAL) before it
 * is stopped immediately. CloudNativePG's default is an hour, which would keep the cluster without a primary for up
 * to an hour; with synchronous replication every acknowledged commit is already on a standby, so a minute is enough.
 */
export const SWITCHOVER_DELAY = Duration.seconds(60);
/**
 * The readiness probe (`pg_isready`): every 10 s, 5 s timeout, 2 failures, so an unhealthy primary is noticed
 * within 25 s (CloudNativePG's default of 3 failures takes 35 s).
 */
export const READINESS = { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 2 };
/** A backup is expected every day; the age alert allows two hours for it to run. */
const BACKUP_AGE_LIMIT = Duration.hours(26);

/** The object store a database writes to, with its defaults applied. */
export interface BackupPlan {
  readonly store: Exclude<BackupStoreDescription, { readonly kind: BackupStoreKind.NONE }>;
  /** The `ObjectStore`'s name, `<name>-backups`. */
  readonly objectStoreName: string;
  /**
   * The folder below the store's path (the plugin's `serverName`), `<namespace>-<name>`: databases of the same name in
   * different namespaces never share a WAL archive.
   */
  readonly serverName: string;
  /** The `ScheduledBackup`'s name, `<name>-daily`. */
  readonly scheduledBackupName: string;
  /** The retention policy as the plugin writes it, `<days>d`. */
  readonly retentionPolicy: string;
  /** The daily backup's six-field cron schedule (seconds first), in the operator's time zone (UTC by default). */
  readonly schedule: string;
  /** Whether S3 encrypts every object (SSE-S3). */
  readonly serverSideEncryption: boolean;
}

/** A validated database declaration on Kubernetes with every default applied: what the Kubernetes renderer renders. */
export interface KubernetesDatabasePlan {
  /** The Cluster's name; every other object's name starts with it. */
  readonly name: string;
  readonly namespaceName: string;
  readonly replication: Replication;
  readonly instances: number;
  readonly image: string;
  /** Quorum synchronous replication (ANY 1, data durability required, quorum-checked failover). */
  readonly synchronous: boolean;
  readonly recoveryPointObjective: Duration;
  readonly storageSize: string;
  readonly storageClassName?: string;
  readonly cpu: string;
  readonly memory: string;
  readonly databaseName: string;
  readonly parameters: Record<string, string>;
  readonly allowSingleZone: boolean;
  /** Undefined with `BackupStore.none()`. */
  readonly backup?: BackupPlan;
  readonly backupRetention: Duration;
  /** `RemovalPolicy.RETAIN`: `prevent_destroy` on the Cluster and its ObjectStore. */
  readonly retain: boolean;
  readonly outputs: boolean;
  readonly alerting?: IAlertRouting;
  /** Namespaces whose pods may scrape the metrics port: the database's own and the alerting's. */
  readonly metricsClientNamespaces: string[];
  /** The labels of every instance. */
  readonly podSelector: Record<string, string>;
  /** The labels of the current primary (CloudNativePG moves `cnpg.io/instanceRole=primary` on failover). */
  readonly primaryPodSelector: Record<string, string>;
  /** `<name>-rw.<namespace>.svc`: always the primary. */
  readonly writerEndpoint: string;
  /** `<name>-ro.<namespace>.svc`: the standbys (hot standbys serve reads). */
  readonly readerEndpoint: string;
  /** `<name>-app`: the operator-generated Secret of the application user (username, password, uri, ...). */
  readonly appSecretName: string;
  /** `<name>-ca`: the CA that signed the server certificate, for clients that verify it (`sslmode=verify-full`). */
  readonly caSecretName: string;
  /** The alerting rules registered with the platform's alerting. */
  readonly alertRules: AlertRuleGroup;
  readonly facts: ResilienceFacts;
}

/** The plan of valid props on a Kubernetes platform. */
export function planKubernetesDatabase(scope: Construct, props: ReplicatedDatabaseProps): KubernetesDatabasePlan {
  const platform = props.platform as KubernetesPlatform;
  const namespaceName = platform.namespaceName;
  const name = props.name ?? defaultName(scope);
  const replication = props.replication ?? Replication.multiAz();
  const described = replication._describe();
  const readReplicas = described.topology === ReplicationTopology.MULTI_AZ ? described.options.readReplicas ?? 0 : 0;
  const instances = BASE_INSTANCES + readReplicas;
  const rpo = props.recoveryPointObjective ?? Duration.seconds(0);
  const synchronous = rpo.toMilliseconds() === 0;
  const allowSingleZone = props.allowSingleZone ?? false;
  const backupRetention = props.backupRetention ?? Duration.days(7);
  const store = platform.backupStore!._describe();
  const backup: BackupPlan | undefined =
    store.kind === BackupStoreKind.NONE
      ? undefined
      : {
        store,
        objectStoreName: `${name}-backups`,
        serverName: `${namespaceName}-${name}`,
        scheduledBackupName: `${name}-daily`,
        retentionPolicy: `${numberText(backupRetention.toDays())}d`,
        schedule: backupSchedule(props.backupWindow),
        serverSideEncryption: store.kind === BackupStoreKind.S3 ? store.serverSideEncryption ?? store.endpointUrl === undefined : false,
      };
  const alertingNamespace = platform.alerting?.alertingNamespace;
  const podSelector = { [CLUSTER_LABEL]: name };
  const failover = Duration.seconds(FAILOVER_DELAY.toSeconds() + SWITCHOVER_DELAY.toSeconds());
  const detection = Duration.seconds(READINESS.periodSeconds * READINESS.failureThreshold + READINESS.timeoutSeconds);

  return {
    name,
    namespaceName,
    replication,
    instances,
    image: props.image ?? `${IMAGE_REPOSITORY}:${props.engine.version}${IMAGE_SUFFIX}`,
    synchronous,
    recoveryPointObjective: rpo,
    storageSize: `${numberText(props.storage?.allocatedStorage ?? DEFAULT_STORAGE_GIB)}Gi`,
    storageClassName: props.storage?.storageClassName,
    cpu: props.cpu ?? DEFAULT_CPU,
    memory: props.memory ?? DEFAULT_MEMORY,
    databaseName: props.databaseName ?? DEFAULT_DATABASE,
    parameters: { ...(props.parameters ?? {}) },
    allowSingleZone,
    backup,
    backupRetention,
    retain: (props.removalPolicy ?? RemovalPolicy.RETAIN) === RemovalPolicy.RETAIN,
    outputs: props.outputs ?? true,
    alerting: platform.alerting,
    metricsClientNamespaces: [namespaceName, ...(alertingNamespace !== undefined && alertingNamespace !== namespaceName ? [alertingNamespace] : [])],
    podSelector,
    primaryPodSelector: { ...podSelector, [INSTANCE_ROLE_LABEL]: 'primary' },
    writerEndpoint: `${name}-rw.${namespaceName}.svc`,
    readerEndpoint: `${name}-ro.${namespaceName}.svc`,
    appSecretName: `${name}-app`,
    caSecretName: `${name}-ca`,
    alertRules: alertRules(namespaceName, name, instances, synchronous, rpo, failover, backup !== undefined),
    facts: {
      capability: CapabilityKind.DATABASE,
      platform: PlatformKind.KUBERNETES,
      replicas: instances,
      // Required pod anti-affinity on the zone label: every instance runs in a zone of its own.
      spreadAcrossZones: !allowSingleZone,
      failureDetection: detection,
      failover,
      recoveryPoint: synchronous ? Duration.seconds(0) : rpo,
      acceptedSinglePointsOfFailure: allowSingleZone
        ? ['`allowSingleZone`: instances may share a zone, so the loss of that zone can take the primary and every standby.']
        : [],
    },
  };
}

/** `0 <minute> <hour> * * *` from a backup window's start (`03:00-04:00`); midnight UTC without one. */
function backupSchedule(window: string | undefined): string {
  const start = window !== undefined && !Token.isUnresolved(window) ? /^(\d{2}):(\d{2})-/.exec(window) : null;
  return start ? `0 ${Number(start[2])} ${Number(start[1])} * * *` : '0 0 0 * * *';
}

/** A PromQL string literal. */
function q(value: string): string {
  return JSON.stringify(value);
}

/**
 * The alerting rules of one cluster, over the metrics of CloudNativePG's exporter (`cnpg_pg_replication_*`,
 * `cnpg_pg_stat_archiver_*`, its default queries) and the Barman Cloud plugin's (`barman_cloud_cloudnative_pg_io_*`).
 * The series are selected by the `namespace` and `pod` labels a PodMonitor (or {@link prometheusScrapeConfig}) adds.
 */
function alertRules(
  namespaceName: string,
  name: string,
  instances: number,
  synchronous: boolean,
  rpo: Duration,
  failover: Duration,
  backups: boolean,
): AlertRuleGroup {
  const sel = `namespace=${q(namespaceName)},pod=~${q(`${name}-[0-9]+`)}`;
  const id = `${namespaceName}/${name}`;
  const labels = { database: id };
  const lagLimit = synchronous ? failover : rpo;
  const rules: AlertRule[] = [
    {
      name: 'DatabaseReplicationLagging',
      expression: `cnpg_pg_replication_lag{${sel}} > ${lagLimit.toSeconds()}`,
      pendingFor: Duration.minutes(1),
      severity: synchronous ? AlarmSeverity.WARNING : AlarmSeverity.CRITICAL,
      summary: `A standby of the database ${id} replays more than ${lagLimit.toHumanString()} behind the primary.`,
      description: synchronous
        ? `{{ $labels.pod }} is {{ $value }} s behind: committed data is safe on a synchronous standby, but promoting this standby would first replay that backlog, beyond the ${failover.toHumanString()} failover time.`
        : `{{ $labels.pod }} is {{ $value }} s behind the primary: a failover now loses more than the recovery point objective (${rpo.toHumanString()}). Look for long queries on the standby, network or disk saturation.`,
      labels,
    },
    {
      name: 'DatabaseStandbyMissing',
      expression: `cnpg_pg_replication_streaming_replicas{${sel}} < 1 and on (namespace, pod) cnpg_pg_replication_in_recovery{${sel}} == 0`,
      pendingFor: Duration.minutes(1),
      severity: AlarmSeverity.CRITICAL,
      summary: `The primary of the database ${id} has no streaming standby.`,
      description: synchronous
        ? 'No standby streams from {{ $labels.pod }}: with synchronous replication every commit now waits for one (writes are blocked), and there is nothing to fail over to.'
        : 'No standby streams from {{ $labels.pod }}: the loss of the primary now loses data and has nothing to fail over to.',
      labels,
    },
    {
      name: 'DatabaseStandbyMissing',
      expression: `cnpg_pg_replication_streaming_replicas{${sel}} < ${instances - 1} and on (namespace, pod) cnpg_pg_replication_in_recovery{${sel}} == 0`,
      pendingFor: Duration.minutes(5),
      severity: AlarmSeverity.WARNING,
      summary: `The database ${id} runs with fewer than ${instances - 1} standbys.`,
      description: `Only {{ $value }} of ${instances - 1} standbys stream from {{ $labels.pod }}: the cluster survives one failure fewer. Check the missing instance's pod and volume.`,
      labels: { ...labels, standbys: String(instances - 1) },
    },
    {
      name: 'DatabasePrimaryMissing',
      expression: `absent(cnpg_pg_replication_in_recovery{${sel}} == 0)`,
      pendingFor: Duration.minutes(3),
      severity: AlarmSeverity.CRITICAL,
      summary: `No instance of the database ${id} reports itself as the primary.`,
      description: `For 3 minutes no instance of ${id} has been a primary that Prometheus can scrape (a failover takes ${failover.toHumanString()} at most): writes fail, or the metrics are not collected.`,
      labels,
    },
  ];
  if (backups) {
    const backup = `barman_cloud_cloudnative_pg_io_last_available_backup_timestamp{${sel}}`;
    rules.push(
      {
        name: 'DatabaseWalArchivingFailing',
        expression: `cnpg_pg_stat_archiver_last_failed_time{${sel}} > cnpg_pg_stat_archiver_last_archived_time{${sel}}`,
        pendingFor: Duration.minutes(10),
        severity: AlarmSeverity.CRITICAL,
        summary: `The database ${id} cannot archive its WAL.`,
        description: 'The last WAL archiving attempt of {{ $labels.pod }} failed and none has succeeded since, for 10 minutes: point-in-time recovery stops at the last archived segment and WAL piles up on the volume until it is full. Check the object store credentials and reachability.',
        labels,
      },
      {
        name: 'DatabaseBackupTooOld',
        expression: `(time() - max by (namespace) (${backup}) > ${BACKUP_AGE_LIMIT.toSeconds()}) or absent(${backup})`,
        pendingFor: Duration.hours(1),
        severity: AlarmSeverity.WARNING,
        summary: `The newest base backup of the database ${id} is older than ${BACKUP_AGE_LIMIT.toHumanString()}, or none is reported.`,
        description: 'The daily backup did not complete: recovery has to replay more WAL, and the retention window shrinks. Check the ScheduledBackup and the Backup objects (kubectl get backups).',
        labels,
      },
      {
        name: 'DatabaseBackupFailed',
        expression: `max by (namespace) (barman_cloud_cloudnative_pg_io_last_failed_backup_timestamp{${sel}}) > max by (namespace) (${backup})`,
        severity: AlarmSeverity.WARNING,
        summary: `The last base backup of the database ${id} failed.`,
        description: 'A backup failed after the last successful one. Check the Backup object\'s status and the plugin sidecar\'s log.',
        labels,
      },
    );
  }
  return { name: `cdktf-fault-tolerance.database.${namespaceName}.${name}`, namespaceName, rules };
}
