import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformProvider, TerraformStack, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { ENGINE_TRAITS, EngineTraits, STORAGE_TYPES, isInstanceClass, parameterGroupFamily } from './engines';
import { KUBERNETES_ONLY, checkKubernetesDatabase } from './kubernetes-validate';
import { MAX_STORAGE_GIB, auroraZones, isolatedZones, replicationOf } from './plan';
import { ReplicationDescription } from './replication';
import { parseBackupWindow, parseMaintenanceWindow, windowsOverlap } from './windows';
import { Duration, TimeUnit } from '../../core/duration';
import { INetwork } from '../../core/network';
import { AwsPlatform, PlatformKind } from '../../core/platform';
import { validateAlarmOptions } from '../../core/private/alarm-factory';
import { isBranded } from '../../core/private/brand';
import { PropValidator, isUnresolved } from '../../core/private/validation';
import { DatabaseEngine, DatabaseEngineType } from '../engine';
import { DatabaseRemovalPolicy } from '../options';
import type { ReplicatedDatabaseProps } from '../replicated-database';
import { AuroraReplicationOptions, CrossRegionReplicationOptions, ReplicationTopology } from '../replication';
import { DatabaseStorageType } from '../storage';

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
};

/**
 * Reports every problem of a {@link ReplicatedDatabaseProps} at once, before anything is rendered. Throws a
 * `ValidationError` listing them; returns when the props are valid.
 */
export function validateDatabase(scope: Construct, props: ReplicatedDatabaseProps): void {
  const v = new PropValidator(KIND, scope);

  // Kubernetes: a CloudNativePG cluster, checked on its own (the AWS checks below do not apply).
  if (props.platform?.kind === PlatformKind.KUBERNETES) {
    checkKubernetesDatabase(v, props);
    v.throwIfInvalid();
    return;
  }

  // Platform: AWS from here on.
  let network: INetwork | undefined;
  if (props.platform?.kind === PlatformKind.AWS) {
    const candidate = (props.platform as AwsPlatform).network;
    if (isNetwork(candidate)) {
      network = candidate;
    } else {
      v.require('platform.network', candidate, false, 'must be an INetwork, e.g. a MultiAzNetwork', 'Pass `Platform.aws({ network })`.');
    }
  } else {
    v.require('platform', props.platform, false, 'must be a Platform, e.g. `Platform.aws({ network })` or `Platform.kubernetes({ namespaceName, backupStore })`');
  }
  v.platformOnly(PlatformKind.AWS, props, KUBERNETES_ONLY);
  if (props.storage?.storageClassName !== undefined) {
    v.require('storage.storageClassName', props.storage.storageClassName, false, 'is only supported on Kubernetes', 'Use `storage.storageType` on AWS.');
  }

  // Engine and version: everything engine-specific below is checked only for a valid engine.
  const traits = checkEngine(v, props.engine);
  const aurora = traits?.aurora;

  // Replication topology.
  let replication: ReplicationDescription | undefined;
  if (props.replication !== undefined && !isBranded(props.replication, 'Replication')) {
    v.require('replication', props.replication, false, 'must be made by Replication.multiAz(), Replication.aurora() or Replication.crossRegion()');
  } else if (traits) {
    replication = replicationOf(props, traits.aurora)._describe();
  } else if (props.replication !== undefined) {
    replication = props.replication._describe();
  }
  const topology = replication?.topology;
  if (traits && topology !== undefined) {
    if (aurora && topology !== ReplicationTopology.AURORA) {
      v.fail(
        `\`replication\` must be Replication.aurora() for the ${traits.engine} engine, got ${TOPOLOGY_CALL[topology]}.` +
          (topology === ReplicationTopology.CROSS_REGION
            ? ' A cross-region copy of Aurora is a global database, which this library does not render yet.'
            : ' Aurora replicates as a cluster of a writer and readers.'),
      );
    }
    if (!aurora && topology === ReplicationTopology.AURORA) {
      v.fail(
        `\`replication\` Replication.aurora() needs an Aurora engine, got the ${traits.engine} engine. ` +
          'Use DatabaseEngine.auroraPostgres() or DatabaseEngine.auroraMysql(), or Replication.multiAz().',
      );
    }
  }
  const readReplicas = replication && replication.topology !== ReplicationTopology.AURORA ? replication.options.readReplicas ?? 0 : 0;
  if (replication && replication.topology !== ReplicationTopology.AURORA) {
    v.integer('replication.readReplicas', readReplicas, 0, 5);
    knownCount(v, 'replication.readReplicas', readReplicas, 'how many replicas are rendered');
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

  v.enumValue('removalPolicy', props.removalPolicy, DatabaseRemovalPolicy, 'DatabaseRemovalPolicy');
  text(v, 'finalSnapshotIdentifier', props.finalSnapshotIdentifier, (n) => SNAPSHOT_IDENTIFIER.test(n) && n.length <= 255,
    'must be 1 to 255 letters, digits and single hyphens, starting with a letter');
  if (props.finalSnapshotIdentifier !== undefined) {
    v.require(
      'finalSnapshotIdentifier',
      props.finalSnapshotIdentifier,
      props.removalPolicy !== DatabaseRemovalPolicy.DESTROY,
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
  const alarms = props.alarms ?? {};
  validateAlarmOptions(v, 'alarms', alarms as { [key: string]: any });
  if (aurora === true && alarms.freeStorageSpace !== undefined) {
    v.fail('`alarms.freeStorageSpace` applies to RDS instances only: Aurora storage grows on its own. Use `alarms.freeLocalStorage` for the writer\'s local storage.');
  }
  if (aurora === false && alarms.freeLocalStorage !== undefined) {
    v.fail('`alarms.freeLocalStorage` applies to Aurora only. Use `alarms.freeStorageSpace` for an RDS instance.');
  }
  boolean(v, 'outputs', props.outputs);

  // Topology details.
  if (replication?.topology === ReplicationTopology.AURORA) {
    checkAuroraPlacement(v, replication.options, zones);
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

function checkAuroraPlacement(v: PropValidator, options: AuroraReplicationOptions, zones: string[]): void {
  const readerZones = options.readerZones;
  if (readerZones !== undefined && !Array.isArray(readerZones)) {
    v.require('replication.readerZones', readerZones, false, 'must be a list of the network\'s zones');
    return;
  }
  const readers = options.readers ?? readerZones?.length ?? 1;
  v.integer('replication.readers', readers, 1, 15, 'so Aurora has a reader to promote when the writer fails');
  knownCount(v, 'replication.readers', readers, 'how many readers are rendered');
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
        'Use Replication.multiAz({ readReplicas }) for replicas in the same region.',
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
  text(v, 'replication.instanceClass', options.instanceClass, isInstanceClass, 'must be an RDS instance class like "db.m7g.large"');
  v.kmsKeyArn('replication.encryptionKeyArn', options.encryptionKeyArn, { region: typeof drRegion === 'string' ? drRegion : undefined });
  boolean(v, 'replication.multiAz', options.multiAz);
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
export function knownCount(v: PropValidator, prop: string, value: unknown, decides: string): void {
  if (Token.isUnresolved(value)) {
    v.fail(`\`${prop}\` must be a number known at synth time, not a Terraform token: it decides ${decides}.`);
  }
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
