import { Token } from 'cdktf';
import { IMAGE_SUFFIX, KUBERNETES_POSTGRES_MAJORS, POSTGRES_PORT } from './kubernetes-plan';
import { DATABASE_NAME, NAME, PARAMETER_NAME, boolean, knownCount, text } from './validate';
import { parseBackupWindow } from './windows';
import { Duration, TimeUnit } from '../../core/duration';
import { KubernetesPlatform, PlatformKind } from '../../core/platform';
import { validateBackupStore } from '../../core/private/backup-store';
import { isBranded } from '../../core/private/brand';
import { parseImage, unpinnedImageProblem } from '../../core/private/image';
import { isDnsLabel, isDnsSubdomain, isQuantity } from '../../core/private/kubernetes';
import { PlatformOnlyProps, PropValidator, isUnresolved } from '../../core/private/validation';
import { DatabaseEngine, DatabaseEngineType } from '../engine';
import { DatabaseRemovalPolicy } from '../options';
import type { ReplicatedDatabaseProps } from '../replicated-database';
import { ReplicationTopology } from '../replication';

/** Props only Kubernetes honours, with what to do on AWS instead. */
export const KUBERNETES_ONLY: PlatformOnlyProps<ReplicatedDatabaseProps> = {
  [PlatformKind.KUBERNETES]: [
    ['cpu', 'Use `instanceClass` on AWS.'],
    ['memory', 'Use `instanceClass` on AWS.'],
    ['image', 'RDS runs the engine version of `engine`.'],
    ['allowSingleZone', 'A Multi-AZ RDS database always keeps its standby in another zone.'],
  ],
};

/** Props only AWS honours, with what to do on Kubernetes instead. */
const AWS_ONLY: PlatformOnlyProps<ReplicatedDatabaseProps> = {
  [PlatformKind.AWS]: [
    ['instanceClass', 'Size the instances with `cpu` and `memory` on Kubernetes.'],
    ['masterUsername', 'On Kubernetes the application owner is named after `databaseName`, and its credentials are in the `<name>-app` Secret the operator creates.'],
    ['encryptionKeyArn', 'Encryption at rest on Kubernetes is the storage class\'s: choose an encrypting class in `storage.storageClassName`.'],
    ['storageEncrypted', 'Encryption at rest on Kubernetes is the storage class\'s: choose an encrypting class in `storage.storageClassName`.'],
    ['maintenanceWindow', 'CloudNativePG applies changes with rolling updates (standbys first, then a switchover), not in a window.'],
    ['finalSnapshotIdentifier', 'On Kubernetes the backups stay in the platform\'s `backupStore` for `backupRetention`.'],
    ['monitoringInterval', 'On Kubernetes Prometheus scrapes the instances\' exporter; the alerting rules go to the platform\'s `alerting`.'],
    ['logRetention', 'On Kubernetes the instances log to stdout; keep logs with the cluster\'s log collector.'],
    ['alarms', 'On Kubernetes the alerting rules go to the platform\'s `alerting` (an HaAlertmanager).'],
    ['tags', 'Kubernetes objects carry the library\'s labels; tags are AWS only.'],
  ],
};

/**
 * CloudNativePG's fixed and blocked parameters (`FixedConfigurationParameters`, pkg/postgres/configuration.go of
 * release 1.30.0): its admission webhook refuses a Cluster that sets them.
 */
const OPERATOR_PARAMETERS = new Set([
  'allow_system_table_mods', 'archive_mode', 'bonjour', 'bonjour_name', 'cluster_name', 'config_file', 'data_directory',
  'data_sync_retry', 'event_source', 'external_pid_file', 'hba_file', 'hot_standby', 'ident_file', 'jit_provider',
  'listen_addresses', 'logging_collector', 'port', 'primary_conninfo', 'primary_slot_name', 'recovery_target',
  'recovery_target_action', 'recovery_target_inclusive', 'recovery_target_lsn', 'recovery_target_name',
  'recovery_target_time', 'recovery_target_timeline', 'recovery_target_xid', 'restore_command', 'shared_preload_libraries',
  'temp_tablespaces', 'unix_socket_directories', 'unix_socket_group', 'unix_socket_permissions', 'archive_cleanup_command',
  'archive_command', 'log_destination', 'log_directory', 'log_file_mode', 'log_filename', 'log_rotation_age',
  'log_rotation_size', 'log_truncate_on_rotation', 'pg_failover_slots.primary_dsn', 'pg_failover_slots.standby_slot_names',
  'promote_trigger_file', 'recovery_end_command', 'recovery_min_apply_delay', 'restart_after_crash', 'ssl', 'ssl_ca_file',
  'ssl_cert_file', 'ssl_crl_file', 'ssl_dh_params_file', 'ssl_ecdh_curve', 'ssl_key_file', 'ssl_passphrase_command',
  'ssl_passphrase_command_supports_reload', 'ssl_prefer_server_ciphers', 'stats_temp_directory', 'synchronous_standby_names',
  'synchronized_standby_slots', 'syslog_facility', 'syslog_ident', 'syslog_sequence_numbers', 'syslog_split_messages',
]);
const VERSION = /^(\d+)(\.\d+)?$/;
const MAX_STORAGE_GIB = 65_536;

/**
 * Records every problem of a declaration on Kubernetes (a CloudNativePG cluster) in `v`: the engine and topology
 * CloudNativePG runs, the platform's backup store, the Kubernetes-only props, and AWS-only props set anyway.
 */
export function checkKubernetesDatabase(v: PropValidator, props: ReplicatedDatabaseProps): void {
  const platform = props.platform as KubernetesPlatform;
  const namespaceName = platform.namespaceName;
  v.require('platform.namespaceName', namespaceName, () => typeof namespaceName === 'string' && isDnsLabel(namespaceName),
    'must be a namespace name (a DNS label: lower-case letters, digits and "-")');
  if (platform.backupStore === undefined) {
    v.fail(
      '`platform.backupStore` must be set for a ReplicatedDatabase on Kubernetes: CloudNativePG keeps base backups and the WAL archive ' +
        '(point-in-time recovery) in an object store, and there is no default one. Give `Platform.kubernetes({ backupStore: BackupStore.s3({ destinationPath }) })`, ' +
        'or `BackupStore.none()` to run without backups (nothing can be restored).',
    );
  } else {
    validateBackupStore(v, 'platform.backupStore', platform.backupStore);
  }
  const alerting = platform.alerting as { addAlertRules?: unknown } | undefined;
  if (alerting !== undefined && typeof alerting?.addAlertRules !== 'function') {
    v.require('platform.alerting', alerting, false, 'must accept rule groups (`addAlertRules`), e.g. an HaAlertmanager', 'Use an HaAlertmanager of this version of the library.');
  }

  checkEngine(v, props.engine, props.image);

  const replication = props.replication;
  if (replication !== undefined) {
    if (!isBranded(replication, 'Replication')) {
      v.require('replication', replication, false, 'must be made by Replication.multiAz()');
    } else {
      const d = replication._describe();
      if (d.topology !== ReplicationTopology.MULTI_AZ) {
        v.fail(
          `\`replication\` must be Replication.multiAz() on Kubernetes, got ${d.topology === ReplicationTopology.AURORA ? 'Replication.aurora()' : 'Replication.crossRegion()'}, ` +
            'which only RDS renders. CloudNativePG runs a primary and streaming standbys: Replication.multiAz({ readReplicas }) adds standbys.',
        );
      } else {
        const readReplicas = d.options.readReplicas ?? 0;
        v.integer('replication.readReplicas', readReplicas, 0, 5, '(each adds a standby to the 3 instances)');
        knownCount(v, 'replication.readReplicas', readReplicas, 'how many instances run');
      }
    }
  }

  v.platformOnly(PlatformKind.KUBERNETES, props, AWS_ONLY);
  if (props.port !== undefined) {
    v.require('port', props.port, props.port === POSTGRES_PORT, `must be ${POSTGRES_PORT} on Kubernetes: CloudNativePG always listens on it`, 'Remove it.');
  }
  checkStorage(v, props);
  checkQuantity(v, 'cpu', props.cpu, '"500m", "1" or "2"');
  checkQuantity(v, 'memory', props.memory, '"2Gi"');

  text(v, 'name', props.name, (n) => NAME.test(n) && n.length <= 50,
    'must be at most 50 lower-case letters, digits and single hyphens, starting with a letter (CloudNativePG names pods and Services after it)');
  text(v, 'databaseName', props.databaseName, (n) => DATABASE_NAME.test(n) && n !== 'postgres' && !n.startsWith('template'),
    'must be 1 to 63 letters, digits or underscores starting with a letter, other than "postgres" and the templates');

  v.duration('backupRetention', props.backupRetention, {
    unit: TimeUnit.DAYS,
    min: Duration.days(1),
    max: Duration.days(3653),
    why: '(the object store keeps base backups and WAL that long)',
  });
  if (props.backupWindow !== undefined) {
    v.require('backupWindow', props.backupWindow, () => typeof props.backupWindow === 'string' && parseBackupWindow(props.backupWindow) !== undefined,
      'must be a daily UTC window like "03:00-04:00" (the daily backup starts at its beginning)');
  }
  v.enumValue('removalPolicy', props.removalPolicy, DatabaseRemovalPolicy, 'DatabaseRemovalPolicy');
  v.duration('recoveryPointObjective', props.recoveryPointObjective, {
    max: Duration.days(1),
    why: '(zero, the default, means synchronous replication; more accepts losing up to that much in a failover)',
  });
  const rpo = props.recoveryPointObjective;
  const synchronous = rpo === undefined || (Duration.isDuration(rpo) && !isUnresolved(rpo) && rpo.toMilliseconds() === 0);
  checkParameters(v, props.parameters, synchronous);
  boolean(v, 'outputs', props.outputs);
  boolean(v, 'allowSingleZone', props.allowSingleZone);
}

function checkEngine(v: PropValidator, engine: DatabaseEngine | undefined, image: string | undefined): void {
  if (!isBranded(engine, 'DatabaseEngine')) {
    v.require('engine', engine, false, 'must be a DatabaseEngine, e.g. `DatabaseEngine.postgres(\'16\')`');
    return;
  }
  if (engine!.engineType !== DatabaseEngineType.POSTGRES) {
    v.require(
      'engine',
      engine!.engineType,
      false,
      'must be DatabaseEngine.postgres() on Kubernetes: CloudNativePG runs PostgreSQL',
      'Use Platform.aws({ network }) for MySQL and Aurora.',
    );
    return;
  }
  const version = engine!.version;
  const parsed = typeof version === 'string' ? VERSION.exec(version)?.[1] : undefined;
  const major = parsed !== undefined && KUBERNETES_POSTGRES_MAJORS.includes(parsed) ? parsed : undefined;
  v.require(
    'engine.version',
    version,
    () => major !== undefined,
    `must be a PostgreSQL version CloudNativePG's community images are published for (major versions ${KUBERNETES_POSTGRES_MAJORS.join(', ')}), like "16" or "16.4"`,
  );
  if (image === undefined) {
    return;
  }
  if (typeof image !== 'string') {
    v.require('image', image, false, `must be an image reference like "ghcr.io/cloudnative-pg/postgresql:16.4${IMAGE_SUFFIX}"`);
    return;
  }
  if (unpinnedImageProblem(image) !== undefined) {
    v.require('image', image, false, 'must name a fixed version (a tag other than "latest", or a digest) so every instance runs the same PostgreSQL');
    return;
  }
  const tag = parseImage(image).tag;
  // CloudNativePG reads the major version from the tag (container_images.md): it must start with it.
  v.require(
    'image',
    image,
    () => tag !== undefined && /^\d+/.test(tag) && (major === undefined || Token.isUnresolved(version) || tag.match(/^\d+/)![0] === major),
    `must have a tag that starts with the engine's major version${major ? ` (${major})` : ''}, as CloudNativePG reads the version from it`,
    `E.g. "ghcr.io/cloudnative-pg/postgresql:${major ?? '16'}${IMAGE_SUFFIX}".`,
  );
}

function checkStorage(v: PropValidator, props: ReplicatedDatabaseProps): void {
  const s = props.storage;
  if (s === undefined) {
    return;
  }
  if (typeof s !== 'object' || s === null || Array.isArray(s)) {
    v.require('storage', s, false, 'must be a DatabaseStorage, e.g. `{ allocatedStorage: 50, storageClassName: \'gp3-encrypted\' }`');
    return;
  }
  v.integer('storage.allocatedStorage', s.allocatedStorage, 1, MAX_STORAGE_GIB, '(GiB of each instance\'s volume)');
  for (const [prop, fix] of [
    ['storageType', 'The storage class decides the volume type on Kubernetes: use `storage.storageClassName`.'],
    ['iops', 'The storage class decides the performance on Kubernetes: use `storage.storageClassName`.'],
    ['throughput', 'The storage class decides the performance on Kubernetes: use `storage.storageClassName`.'],
    ['maxAllocatedStorage', 'CloudNativePG grows a volume when `storage.allocatedStorage` is raised (if the storage class allows expansion).'],
  ] as const) {
    const value = s[prop];
    if (value !== undefined) {
      v.require(`storage.${prop}`, value, false, 'is only supported on AWS', fix);
    }
  }
  const storageClass = s.storageClassName;
  if (storageClass !== undefined) {
    v.require('storage.storageClassName', storageClass, () => typeof storageClass === 'string' && isDnsSubdomain(storageClass),
      'must be a storage class name (lower-case letters, digits, "-" and ".")');
  }
}

function checkQuantity(v: PropValidator, prop: string, value: unknown, example: string): void {
  if (value !== undefined) {
    v.require(prop, value, () => typeof value === 'string' && isQuantity(value) && Number.parseFloat(value) > 0, `must be a positive Kubernetes quantity like ${example}`);
  }
}

function checkParameters(v: PropValidator, parameters: { [name: string]: string } | undefined, synchronous: boolean): void {
  if (parameters === undefined) {
    return;
  }
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
    v.require('parameters', parameters, false, 'must be a map of parameter names to values, e.g. `{ work_mem: \'64MB\' }`');
    return;
  }
  for (const [name, value] of Object.entries(parameters)) {
    const prop = `parameters.${name}`;
    v.require(prop, name, PARAMETER_NAME.test(name), 'must be a parameter name of letters, digits, "_", "." or "-"');
    v.require(prop, value, typeof value === 'string', 'must be a string (PostgreSQL parameter values are strings)');
    if (OPERATOR_PARAMETERS.has(name)) {
      v.require(prop, value, false, 'cannot be set: CloudNativePG manages it (its admission webhook refuses the Cluster)', 'Remove it.');
    }
    if (name === 'ssl_min_protocol_version' && typeof value === 'string') {
      v.require(prop, value, ['TLSv1.2', 'TLSv1.3'].includes(value), 'must be "TLSv1.2" or "TLSv1.3": older protocols are broken', 'Remove it to keep CloudNativePG\'s TLSv1.3.');
    }
    if (name === 'synchronous_commit' && typeof value === 'string' && synchronous) {
      v.require(
        prop,
        value,
        !['off', 'local'].includes(value.toLowerCase()),
        'must not be "off" or "local" with synchronous replication: commits would be acknowledged before a standby has them',
        'Remove it, or accept data loss visibly with a non-zero `recoveryPointObjective`.',
      );
    }
  }
}
