import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformProvider, TerraformStack, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { ENGINE_TRAITS, EngineTraits, STORAGE_TYPES, engineVersionProblem, isInstanceClass, parameterGroupFamily } from './engines';
import { KUBERNETES_ONLY, checkKubernetesDatabase } from './kubernetes-validate';
import { MAX_STORAGE_GIB, auroraZones, isolatedZones, replicationOf } from './plan';
import { ReplicationDescription } from './replication';
import { parseBackupWindow, parseMaintenanceWindow, windowsOverlap } from './windows';
import { Duration, TimeUnit } from '../../core/duration';
import { INetwork } from '../../core/network';
import { AwsPlatform, PlatformKind } from '../../core/platform';
import { validateAlarmOptions } from '../../core/private/alarm-factory';
import { isBranded } from '../../core/private/brand';
import { validateRemovalPolicy } from '../../core/private/retention';
import { KnownProps, RenamedProps, checkPlatform, checkStruct, isRecord, requireKnown } from '../../core/private/runtime';
import { validateNoPlainSecrets } from '../../core/private/secrets';
import { PropValidator, isUnresolved } from '../../core/private/validation';
import { RemovalPolicy } from '../../core/removal-policy';
import { DatabaseEngine, DatabaseEngineType } from '../engine';
import { DatabaseAlarms } from '../options';
import type { ReplicatedDatabaseProps } from '../replicated-database';
import { AuroraGlobalReplicationOptions, AuroraReplicationOptions, CrossRegionReplicationOptions, MultiAzReplicationOptions, ReplicationTopology } from '../replication';
import { DatabaseStorage, DatabaseStorageType } from '../storage';

const KIND = 'ReplicatedDatabase';
export const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SNAPSHOT_IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*$/;
const USERNAME = /^[A-Za-z][A-Za-z0-9_]{0,15}$/;
export const DATABASE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
export const PARAMETER_NAME = /^[A-Za-z0-9_.-]+$/;

const TOPOLOGY_CALL: Record<ReplicationTopology, string> = {
  [ReplicationTopology.MULTI_AZ]: 'Replication.multiAz()',
  [ReplicationTopology.AURORA]: 'Replication.aurora()',
  [ReplicationTopology.CROSS_REGION]: 'Replication.crossRegion()',
  [ReplicationTopology.AURORA_GLOBAL]: 'Replication.auroraGlobal()',
};

/** No secret in plain text anywhere in the props (tags, parameters, names, ...). */
function validateSecrets(v: PropValidator, scope: IConstruct, props: ReplicatedDatabaseProps): void {
  validateNoPlainSecrets(v, scope, props, {
    fix: (path) =>
      path.startsWith('parameters')
        ? 'Parameter groups are written into the configuration and visible to anyone who may describe them: keep secrets out of them.'
        : undefined,
  });
}

/**
 * Reports every problem of a {@link ReplicatedDatabaseProps} at once, before anything is rendered. Throws a
 * `ValidationError` listing them; returns when the props are valid.
 */
export function validateDatabase(scope: Construct, input: ReplicatedDatabaseProps): void {
  const v = new PropValidator(KIND, scope);
  const props = validateDatabaseShape(v, scope, input);
  validateSecrets(v, scope, props);

  // A wrong platform is one problem among the others: the props that do not depend on it are still checked.
  let network: INetwork | undefined;
  const kind = checkPlatform(v, 'platform', props.platform);
  // Kubernetes: a CloudNativePG cluster, checked on its own (the AWS checks below do not apply).
  if (kind === PlatformKind.KUBERNETES) {
    checkKubernetesDatabase(v, props, scope);
    v.throwIfInvalid();
    return;
  }

  // Platform: AWS from here on.
  if (kind === PlatformKind.AWS) {
    network = (props.platform as AwsPlatform).network;
  }
  v.platformOnly(PlatformKind.AWS, props, KUBERNETES_ONLY);
  if (isRecord(props.storage) && props.storage.storageClassName !== undefined) {
    v.require('storage.storageClassName', props.storage.storageClassName, false, 'is only supported on Kubernetes', 'Use `storage.storageType` on AWS.');
  }

  // Engine and version: everything engine-specific below is checked only for a valid engine.
  const traits = checkEngine(v, props.engine);
  const aurora = traits?.aurora;

  // Replication topology.
  let replication: ReplicationDescription | undefined;
  if (props.replication !== undefined && !isBranded(props.replication, 'Replication')) {
    v.require('replication', props.replication, false, 'must be made by Replication.multiAz(), Replication.aurora(), Replication.crossRegion() or Replication.auroraGlobal()');
  } else if (traits) {
    replication = replicationOf(props, traits.aurora)._describe();
  } else if (props.replication !== undefined) {
    replication = props.replication._describe();
  }
  const topology = replication?.topology;
  if (traits && topology !== undefined) {
    if (aurora && topology !== ReplicationTopology.AURORA && topology !== ReplicationTopology.AURORA_GLOBAL) {
      v.fail(
        `\`replication\` must be Replication.aurora() for the ${traits.engine} engine, got ${TOPOLOGY_CALL[topology]}.` +
          (topology === ReplicationTopology.CROSS_REGION
            ? ' A cross-region copy of Aurora is a global database: use Replication.auroraGlobal().'
            : ' Aurora replicates as a cluster of a writer and readers.'),
      );
    }
    if (!aurora && (topology === ReplicationTopology.AURORA || topology === ReplicationTopology.AURORA_GLOBAL)) {
      v.fail(
        `\`replication\` ${TOPOLOGY_CALL[topology]} needs an Aurora engine, got the ${traits.engine} engine. ` +
          'Use DatabaseEngine.auroraPostgres() or DatabaseEngine.auroraMysql(), or ' +
          (topology === ReplicationTopology.AURORA ? 'Replication.multiAz().' : 'Replication.crossRegion() for a replica in another region.'),
      );
    }
  }
  const instanceTopology = replication?.topology === ReplicationTopology.MULTI_AZ || replication?.topology === ReplicationTopology.CROSS_REGION;
  const readReplicas = replication && instanceTopology ? (replication.options as MultiAzReplicationOptions).readReplicas ?? 0 : 0;
  if (replication && instanceTopology) {
    v.integer('replication.readReplicas', readReplicas, 0, 5);
    knownCount(v, scope, 'replication.readReplicas', readReplicas, 'how many replicas are rendered');
  }

  // Network: isolated subnets in at least two zones.
  const zones = network ? isolatedZones(network) : [];
  if (network) {
    checkZones(v, 'platform.network.isolatedSubnets', network.isolatedSubnets.map((s) => s.zone), 'Give the network isolated subnets in another zone.');
  }

  // Instance class (the defaults are classes each engine offers).
  const instanceClass = props.instanceClass;
  text(v, 'instanceClass', instanceClass, isInstanceClass, 'must be an RDS instance class like "db.m7g.large"');
  if (aurora && instanceClass !== undefined && isInstanceClass(instanceClass)) {
    v.require(
      'instanceClass',
      instanceClass,
      !instanceClass.startsWith('db.m'),
      'must be a class Aurora offers (db.r*, db.x2g*, db.t3 or db.t4g); Aurora has no m classes',
      'Use e.g. "db.r7g.large".',
    );
  }

  // Storage.
  if (props.storage !== undefined && (typeof props.storage !== 'object' || props.storage === null || Array.isArray(props.storage))) {
    v.require('storage', props.storage, false, 'must be a DatabaseStorage, e.g. `{ allocatedStorage: 100 }`');
  } else if (aurora === true) {
    checkAuroraStorage(v, props);
  } else if (aurora === false) {
    checkInstanceStorage(v, props);
  } else if (isRecord(props.storage)) {
    // No valid engine: the ranges depend on it, but a value that is no whole number is wrong for every engine.
    const storage = props.storage as Record<string, unknown>;
    for (const key of ['allocatedStorage', 'maxAllocatedStorage', 'iops', 'throughput']) {
      const value = storage[key];
      if (value !== undefined && !isUnresolved(value)) {
        v.require(`storage.${key}`, value, typeof value === 'number' && Number.isInteger(value) && value > 0, 'must be a whole number greater than 0');
      }
    }
  }

  // Connectivity and identity.
  v.integer('port', props.port, 1150, 65535);
  text(v, 'masterUsername', props.masterUsername, (n) => USERNAME.test(n) && n.toLowerCase() !== 'rdsadmin',
    'must be 1 to 16 letters, digits or underscores starting with a letter, and not "rdsadmin"');
  text(v, 'databaseName', props.databaseName, (n) => DATABASE_NAME.test(n), 'must be 1 to 63 letters, digits or underscores starting with a letter');
  text(v, 'name', props.name, (n) => NAME.test(n) && n.length <= 50,
    'must be at most 50 lower-case letters, digits and single hyphens, starting with a letter (room is left for replica suffixes)');

  // Encryption.
  v.kmsKeyArn('encryptionKeyArn', props.encryptionKeyArn);
  boolean(v, 'storageEncrypted', props.storageEncrypted);
  const crossRegionReplicas = topology === ReplicationTopology.CROSS_REGION ? 1 : 0;
  const replicaCount = typeof readReplicas === 'number' && !Token.isUnresolved(readReplicas) ? readReplicas + crossRegionReplicas : crossRegionReplicas;
  if (props.storageEncrypted === false && replicaCount > 0) {
    v.fail(
      `\`storageEncrypted\` is false, but \`replication\` asks for ${replicaCount} replica${replicaCount === 1 ? '' : 's'}, and RDS cannot make an encrypted replica of an unencrypted database. ` +
        'Encrypt the database (restore an encrypted copy of a snapshot), or remove the replicas.',
    );
  }

  // Backups, windows and removal.
  v.duration('backupRetention', props.backupRetention, {
    unit: TimeUnit.DAYS,
    min: Duration.days(1),
    max: Duration.days(35),
    why: '(automated backups and point-in-time recovery cannot be turned off)',
  });
  checkWindows(v, props.backupWindow, props.maintenanceWindow);

  validateRemovalPolicy(v, props.removalPolicy, { snapshots: true, what: 'a database' });
  text(v, 'finalSnapshotIdentifier', props.finalSnapshotIdentifier, (n) => SNAPSHOT_IDENTIFIER.test(n) && n.length <= 255,
    'must be 1 to 255 letters, digits and single hyphens, starting with a letter');
  if (props.finalSnapshotIdentifier !== undefined) {
    v.require(
      'finalSnapshotIdentifier',
      props.finalSnapshotIdentifier,
      props.removalPolicy !== RemovalPolicy.DESTROY,
      'conflicts with `removalPolicy` DESTROY, which takes no final snapshot',
      'Remove one of them.',
    );
  }

  // Recovery point, monitoring, logs.
  v.duration('recoveryPointObjective', props.recoveryPointObjective, {
    min: Duration.seconds(1),
    max: Duration.days(1),
    why: '(it is the replica-lag alarm threshold)',
  });
  v.duration('monitoringInterval', props.monitoringInterval, { oneOf: [1, 5, 10, 15, 30, 60], why: '(Enhanced Monitoring cannot be turned off)' });
  v.logRetention('logRetention', props.logRetention);

  // Parameters: the user's may not weaken TLS.
  checkParameters(v, props.parameters, traits);

  // Alarms.
  const alarms: DatabaseAlarms = isRecord(props.alarms) ? props.alarms : {};
  validateAlarmOptions(v, 'alarms', props.alarms as { [key: string]: any } | undefined, Object.keys(ALARM_KEYS));
  if (aurora === true && alarms.freeStorageSpace !== undefined) {
    v.fail('`alarms.freeStorageSpace` applies to RDS instances only: Aurora storage grows on its own. Use `alarms.freeLocalStorage` for the writer\'s local storage.');
  }
  if (aurora === false && alarms.freeLocalStorage !== undefined) {
    v.fail('`alarms.freeLocalStorage` applies to Aurora only. Use `alarms.freeStorageSpace` for an RDS instance.');
  }
  boolean(v, 'outputs', props.outputs);

  // Topology details.
  if (replication?.topology === ReplicationTopology.AURORA || replication?.topology === ReplicationTopology.AURORA_GLOBAL) {
    checkAuroraPlacement(v, scope, replication.options, zones);
  }
  if (replication?.topology === ReplicationTopology.AURORA_GLOBAL) {
    checkAuroraGlobal(v, scope, replication.options, props.storageEncrypted);
  }
  if (replication?.topology === ReplicationTopology.CROSS_REGION) {
    checkCrossRegion(v, scope, replication.options);
  }

  v.throwIfInvalid();
}

/** The engine's traits, or undefined (with a problem recorded) when `engine` is not a valid DatabaseEngine. */
function checkEngine(v: PropValidator, engine: DatabaseEngine | undefined): EngineTraits | undefined {
  if (!isBranded(engine, 'DatabaseEngine')) {
    v.require('engine', engine, false, 'must be a DatabaseEngine, e.g. `DatabaseEngine.postgres(\'16.4\')`');
    return undefined;
  }
  const type = engine!.engineType;
  if (!Object.values(DatabaseEngineType).includes(type)) {
    v.enumValue('engine.engineType', type, DatabaseEngineType, 'DatabaseEngineType');
    return undefined;
  }
  const traits = ENGINE_TRAITS[type];
  const version = engine!.version;
  v.require(
    'engine.version',
    version,
    () => typeof version === 'string' && parameterGroupFamily(type, version) !== undefined,
    `must be ${/^[AEIOU]/.test(traits.displayName) ? 'an' : 'a'} ${traits.displayName} version this library can map to a parameter group family (major versions ${traits.majors.join(', ')}), like ${JSON.stringify(traits.exampleVersion)}`,
  );
  if (typeof version === 'string' && !Token.isUnresolved(version) && parameterGroupFamily(type, version) !== undefined) {
    const problem = engineVersionProblem(type, version);
    if (problem !== undefined) {
      v.require(
        'engine.version',
        version,
        false,
        `must be a version ${traits.aurora ? 'Aurora' : 'RDS'} can offer: ${problem}`,
        `Give only the major version (${JSON.stringify(version.split('.').slice(0, traits.postgres ? 1 : 2).join('.'))}) to get the default minor version, or a minor version of the engine's release notes.`,
      );
    }
  }
  return traits;
}

function checkInstanceStorage(v: PropValidator, props: ReplicatedDatabaseProps): void {
  const s = props.storage ?? {};
  if (s.storageType !== undefined && !Object.values(DatabaseStorageType).includes(s.storageType)) {
    v.enumValue('storage.storageType', s.storageType, DatabaseStorageType, 'DatabaseStorageType');
    return;
  }
  const type = s.storageType ?? DatabaseStorageType.GP3;
  const provisioned = type === DatabaseStorageType.IO1 || type === DatabaseStorageType.IO2;
  v.require(
    'storage.storageType',
    type,
    type === DatabaseStorageType.GP3 || provisioned,
    'must be GP3, IO1 or IO2 for an RDS instance',
    'The Aurora storage types apply to Aurora engines only.',
  );
  const minimum = provisioned ? 100 : 20;
  const allocated = s.allocatedStorage ?? minimum;
  v.integer('storage.allocatedStorage', s.allocatedStorage, minimum, MAX_STORAGE_GIB, `for ${STORAGE_TYPES[type]} storage`);
  const allocatedKnown = !Token.isUnresolved(allocated) && Number.isInteger(allocated);
  if (s.maxAllocatedStorage !== undefined) {
    v.integer('storage.maxAllocatedStorage', s.maxAllocatedStorage, allocatedKnown ? allocated : 20, MAX_STORAGE_GIB, '(storage autoscaling grows the volume from `storage.allocatedStorage` up to it)');
  }
  const large = allocatedKnown && allocated >= 400;
  if (provisioned) {
    v.require('storage.iops', s.iops, s.iops !== undefined, `is required for ${STORAGE_TYPES[type]} storage`);
  } else if (s.iops !== undefined) {
    v.require('storage.iops', s.iops, large, 'can only be set for gp3 storage of at least 400 GiB (smaller volumes get the 3,000 IOPS baseline)');
  }
  if (s.iops !== undefined) {
    v.integer('storage.iops', s.iops, 1000, 256_000);
  }
  if (s.throughput !== undefined) {
    v.require('storage.throughput', s.throughput, type === DatabaseStorageType.GP3 && large, 'can only be set for gp3 storage of at least 400 GiB');
  }
}

function checkAuroraStorage(v: PropValidator, props: ReplicatedDatabaseProps): void {
  const s = props.storage ?? {};
  for (const [prop, value] of [
    ['allocatedStorage', s.allocatedStorage],
    ['maxAllocatedStorage', s.maxAllocatedStorage],
    ['iops', s.iops],
    ['throughput', s.throughput],
  ] as Array<[string, number | undefined]>) {
    if (value !== undefined) {
      v.require(`storage.${prop}`, value, false, 'does not apply to Aurora, whose storage grows on its own', 'Remove it.');
    }
  }
  if (s.storageType !== undefined && !Object.values(DatabaseStorageType).includes(s.storageType)) {
    v.enumValue('storage.storageType', s.storageType, DatabaseStorageType, 'DatabaseStorageType');
    return;
  }
  const type = s.storageType ?? DatabaseStorageType.AURORA_STANDARD;
  v.require(
    'storage.storageType',
    type,
    type === DatabaseStorageType.AURORA_STANDARD || type === DatabaseStorageType.AURORA_IO_OPTIMIZED,
    'must be AURORA_STANDARD or AURORA_IO_OPTIMIZED for Aurora',
  );
}

function checkWindows(v: PropValidator, backupWindow: string | undefined, maintenanceWindow: string | undefined): void {
  const backup = backupWindow !== undefined && !Token.isUnresolved(backupWindow) ? parseBackupWindow(backupWindow) : undefined;
  const maintenance =
    maintenanceWindow !== undefined && !Token.isUnresolved(maintenanceWindow) ? parseMaintenanceWindow(maintenanceWindow) : undefined;
  if (backupWindow !== undefined) {
    v.require('backupWindow', backupWindow, backup !== undefined, 'must be a daily UTC window like "03:00-04:00"');
    if (backup) {
      v.require('backupWindow', backupWindow, backup.minutes >= 30, 'must be at least 30 minutes long');
    }
  }
  if (maintenanceWindow !== undefined) {
    v.require('maintenanceWindow', maintenanceWindow, maintenance !== undefined, 'must be a weekly UTC window like "sun:04:30-sun:05:30"');
    if (maintenance) {
      v.require('maintenanceWindow', maintenanceWindow, maintenance.minutes >= 30, 'must be at least 30 minutes long');
    }
  }
  if (backup && maintenance) {
    v.require(
      'maintenanceWindow',
      maintenanceWindow,
      !windowsOverlap(backup, maintenance),
      `must not overlap the daily backup window (${backupWindow})`,
      'Move one of the windows.',
    );
  }
}

function checkParameters(v: PropValidator, parameters: { [name: string]: string } | undefined, traits: EngineTraits | undefined): void {
  if (parameters === undefined) {
    return;
  }
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
    v.require('parameters', parameters, false, 'must be a map of parameter names to values, e.g. `{ work_mem: \'65536\' }`');
    return;
  }
  for (const [name, value] of Object.entries(parameters)) {
    v.require(`parameters.${name}`, name, PARAMETER_NAME.test(name), 'must be a parameter name of letters, digits, "_", "." or "-"');
    if (traits && name === traits.tls.name) {
      v.require(
        `parameters.${name}`,
        value,
        false,
        'cannot be set: it enforces TLS for every connection',
        'Remove it; clients must connect with TLS.',
      );
    } else {
      v.require(`parameters.${name}`, value, typeof value === 'string', 'must be a string (RDS parameter values are strings)');
    }
  }
}

function checkAuroraPlacement(v: PropValidator, scope: IConstruct, options: AuroraReplicationOptions, zones: string[]): void {
  const readerZones = options.readerZones;
  if (!knownCount(v, scope, 'replication.readerZones', readerZones, 'how many readers are rendered, and where')) {
    return;
  }
  if (readerZones !== undefined && !Array.isArray(readerZones)) {
    v.require('replication.readerZones', readerZones, false, 'must be a list of the network\'s zones');
    return;
  }
  const readers = options.readers ?? readerZones?.length ?? 1;
  v.integer('replication.readers', readers, 1, 15, 'so Aurora has a reader to promote when the writer fails');
  knownCount(v, scope, 'replication.readers', readers, 'how many readers are rendered');
  if (options.readers !== undefined && readerZones !== undefined && !Token.isUnresolved(options.readers)) {
    v.require(
      'replication.readers',
      options.readers,
      options.readers === readerZones.length,
      `conflicts with \`replication.readerZones\`, which lists ${readerZones.length} zone${readerZones.length === 1 ? '' : 's'}`,
      'Pass only one of them.',
    );
  }
  const zonesKnown = zones.length > 0 && !zones.some((z) => Token.isUnresolved(z));
  const inNetwork = (prop: string, zone: string) =>
    v.require(prop, zone, !zonesKnown || zones.includes(zone), `must be one of the network's zones (${zones.join(', ')})`);
  if (options.writerZone !== undefined) {
    inNetwork('replication.writerZone', options.writerZone);
  }
  (readerZones ?? []).forEach((zone, i) => inNetwork(`replication.readerZones[${i}]`, zone));

  const { writerZone, readerZones: placed } = auroraZones(options, zones);
  const known = (zone: string | undefined) => zone !== undefined && !isUnresolved(zone);
  if (placed.length > 0 && known(writerZone) && placed.every(known)) {
    v.require(
      'replication.readerZones',
      placed,
      placed.some((z) => z !== writerZone),
      `must put at least one reader outside the writer's zone (${writerZone}) so a failover survives the loss of that zone`,
      'Move a reader to another zone.',
    );
  }
}

function checkCrossRegion(v: PropValidator, scope: Construct, options: CrossRegionReplicationOptions): void {
  const drRegion = checkSecondaryRegion(v, scope, options, 'Use Replication.multiAz({ readReplicas }) for replicas in the same region.');
  text(v, 'replication.instanceClass', options.instanceClass, isInstanceClass, 'must be an RDS instance class like "db.m7g.large"');
  v.kmsKeyArn('replication.encryptionKeyArn', options.encryptionKeyArn, { region: drRegion });
  boolean(v, 'replication.multiAz', options.multiAz);
}

/** The secondary cluster of an Aurora global database: its region, network, instances, key; the data must be encrypted. */
function checkAuroraGlobal(v: PropValidator, scope: Construct, options: AuroraGlobalReplicationOptions, storageEncrypted: boolean | undefined): void {
  const region = checkSecondaryRegion(v, scope, options, 'Use Replication.aurora() for readers in the same region.');
  if (options.secondaryInstances !== undefined) {
    v.integer('replication.secondaryInstances', options.secondaryInstances, 1, 16, '(an Aurora cluster has up to 16 instances)');
    knownCount(v, scope, 'replication.secondaryInstances', options.secondaryInstances, 'how many secondary instances are rendered');
  }
  text(v, 'replication.instanceClass', options.instanceClass, isInstanceClass, 'must be an RDS instance class like "db.r7g.large"');
  if (typeof options.instanceClass === 'string' && isInstanceClass(options.instanceClass)) {
    v.require(
      'replication.instanceClass',
      options.instanceClass,
      !options.instanceClass.startsWith('db.m'),
      'must be a class Aurora offers (db.r*, db.x2g*, db.t3 or db.t4g); Aurora has no m classes',
      'Use e.g. "db.r7g.large".',
    );
  }
  v.kmsKeyArn('replication.encryptionKeyArn', options.encryptionKeyArn, { region });
  const alarms = options.alarms as { readonly alarmActionArns?: unknown } | undefined;
  if (alarms !== undefined && (typeof alarms !== 'object' || alarms === null || !Array.isArray(alarms.alarmActionArns))) {
    v.require('replication.alarms', alarms, false, 'must be an IAlarmDestination in the secondary region, e.g. an AlarmTopic there or AlarmDestination.fromArns(...)');
  }
  if (storageEncrypted === false) {
    v.fail(
      '`storageEncrypted` is false, but Replication.auroraGlobal() creates a new, encrypted global database (each region with a key of its own). ' +
        'Remove `storageEncrypted: false`.',
    );
  }
}

/**
 * The provider and network of a copy in another region: an aliased AWS provider whose region differs from the
 * database's, and a network with isolated subnets in at least 2 zones. Returns the secondary region when it is a
 * literal.
 */
function checkSecondaryRegion(
  v: PropValidator,
  scope: Construct,
  options: { readonly provider: AwsProvider; readonly network: INetwork },
  sameRegionFix: string,
): string | undefined {
  const provider = isAwsProvider(options.provider) ? options.provider : undefined;
  const drRegion = provider?.region;
  if (!provider) {
    v.fail('`replication.provider` must be an AwsProvider for the disaster-recovery region.');
  } else {
    if (!provider.alias) {
      v.fail(
        `\`replication.provider\` ("${provider.node.path}") must have an \`alias\`: the default AWS provider already serves the primary region. Give it e.g. \`alias: 'dr'\`.`,
      );
    }
    const primary = TerraformStack.of(scope)
      .node.findAll()
      .find((c): c is AwsProvider => isAwsProvider(c) && !c.alias && c !== provider);
    const primaryRegion = primary?.region;
    if (drRegion !== undefined && primaryRegion !== undefined && !Token.isUnresolved(drRegion) && !Token.isUnresolved(primaryRegion)) {
      v.require(
        'replication.provider.region',
        drRegion,
        drRegion !== primaryRegion,
        `must differ from the database's region (${primaryRegion}): a replica in the same region does not survive the loss of the region`,
        sameRegionFix,
      );
    }
  }
  if (isNetwork(options.network)) {
    checkZones(
      v,
      'replication.network.isolatedSubnets',
      options.network.isolatedSubnets.map((s) => s.zone),
      'Give the disaster-recovery network isolated subnets in another zone.',
    );
  } else {
    v.require('replication.network', options.network, false, 'must be an INetwork in the disaster-recovery region, e.g. `MultiAzNetwork.fromExisting(...)`');
  }
  return typeof drRegion === 'string' ? drRegion : undefined;
}

function checkZones(v: PropValidator, prop: string, subnetZones: string[], fix: string): void {
  const requirement = 'must span at least 2 zones so the database survives the loss of a zone';
  if (subnetZones.some((z) => Token.isUnresolved(z))) {
    // Zones looked up at plan time (MultiAzNetwork puts each subnet of a tier in its own zone): count subnets.
    if (subnetZones.length < 2) {
      v.fail(`\`${prop}\` ${requirement}, got ${subnetZones.length} subnet. ${fix}`);
    }
    return;
  }
  v.require(prop, subnetZones, new Set(subnetZones).size >= 2, requirement, fix);
}

/** A count decides how many resources are rendered, so it must be known at synth time. */
export function knownCount(v: PropValidator, scope: IConstruct | undefined, prop: string, value: unknown, decides: string): boolean {
  return requireKnown(v, scope, prop, value, `it decides ${decides}`);
}

/** An optional string prop that must pass `ok`; a value of another type is reported with the same requirement. */
export function text(v: PropValidator, prop: string, value: unknown, ok: (s: string) => boolean, requirement: string): void {
  if (value !== undefined) {
    v.require(prop, value, () => typeof value === 'string' && ok(value), requirement);
  }
}

export function boolean(v: PropValidator, prop: string, value: unknown): void {
  if (value !== undefined) {
    v.require(prop, value, typeof value === 'boolean', 'must be true or false');
  }
}

/** An AWS provider, recognised by its Terraform type so that this file loads no provider binding. */
function isAwsProvider(value: unknown): value is AwsProvider {
  return TerraformProvider.isTerraformProvider(value) && value.terraformResourceType === 'aws';
}

function isNetwork(value: unknown): value is INetwork {
  return typeof value === 'object' && value !== null && Array.isArray((value as INetwork).isolatedSubnets) && typeof (value as IConstruct).node === 'object';
}

const DATABASE_PROPS: KnownProps<ReplicatedDatabaseProps> = {
  platform: true,
  engine: true,
  replication: true,
  instanceClass: true,
  storage: true,
  port: true,
  masterUsername: true,
  databaseName: true,
  name: true,
  encryptionKeyArn: true,
  storageEncrypted: true,
  backupRetention: true,
  backupWindow: true,
  maintenanceWindow: true,
  removalPolicy: true,
  finalSnapshotIdentifier: true,
  recoveryPointObjective: true,
  monitoringInterval: true,
  logRetention: true,
  parameters: true,
  alarms: true,
  outputs: true,
  tags: true,
  cpu: true,
  memory: true,
  image: true,
  allowSingleZone: true,
};
const DATABASE_RENAMED: RenamedProps = {
  identifier: 'It was renamed to `name`.',
  instanceType: 'Use `instanceClass` (an RDS instance class like "db.m7g.large").',
  engineVersion: 'Pass the version to the engine: `engine: DatabaseEngine.postgres(\'16.4\')`.',
  multiAz: 'Use `replication: Replication.multiAz()` (the default for RDS engines).',
  deletionProtection: 'Use `removalPolicy` (RemovalPolicy.RETAIN, the default, turns deletion protection on).',
  backupRetentionDays: 'Use `backupRetention: Duration.days(n)`.',
  allocatedStorage: 'Use `storage: { allocatedStorage }`.',
  maxAllocatedStorage: 'Use `storage: { maxAllocatedStorage }`.',
  readReplicas: 'Use `replication: Replication.multiAz({ readReplicas })`.',
  password: 'The master password is generated by RDS and kept in Secrets Manager: remove it, and read `masterUserSecretArn`.',
  masterPassword: 'The master password is generated by RDS and kept in Secrets Manager: remove it, and read `masterUserSecretArn`.',
  vpc: 'Pass the network in `platform: Platform.aws({ network })`.',
  network: 'Pass the network in `platform: Platform.aws({ network })`.',
};
const STORAGE_PROPS: KnownProps<DatabaseStorage> = {
  allocatedStorage: true,
  maxAllocatedStorage: true,
  storageType: true,
  iops: true,
  throughput: true,
  storageClassName: true,
};
const ALARM_KEYS: KnownProps<DatabaseAlarms> = {
  cpuUtilization: true,
  freeStorageSpace: true,
  freeLocalStorage: true,
  freeableMemory: true,
  databaseConnections: true,
  replicaLag: true,
};

/**
 * The props as they arrive at run time: an object of known props, structs where structs belong, no token where the
 * value decides what is rendered. Returns the props to check further (empty when they are not an object at all).
 */
function validateDatabaseShape(v: PropValidator, scope: IConstruct, props: unknown): ReplicatedDatabaseProps {
  if (!checkStruct<ReplicatedDatabaseProps>(v, '', props, DATABASE_PROPS, { example: "{ platform, engine: DatabaseEngine.postgres('16.4') }", renamed: DATABASE_RENAMED, required: true })) {
    return {} as ReplicatedDatabaseProps;
  }
  const p = props as ReplicatedDatabaseProps;
  if (isRecord(p.storage)) {
    // A value that is not an object is reported with the storage's other problems.
    checkStruct(v, 'storage', p.storage, STORAGE_PROPS, { example: '{ allocatedStorage: 100 }' });
  }
  requireKnown(v, scope, 'storageEncrypted', p.storageEncrypted, 'it decides whether the database and its replicas are encrypted');
  requireKnown(v, scope, 'outputs', p.outputs, 'it decides whether the outputs are rendered');
  requireKnown(v, scope, 'parameters', p.parameters, 'each parameter is rendered on its own, and the TLS parameter must not be among them; a value may be a token');
  requireKnown(v, scope, 'tags', p.tags, 'the library adds its own tags to them; a tag value may be a token');
  if (p.tags !== undefined && !isUnresolved(p.tags)) {
    v.require('tags', p.tags, () => isRecord(p.tags) && Object.values(p.tags).every((t) => typeof t === 'string'), 'must map tag keys to string values');
  }
  return p;
}
