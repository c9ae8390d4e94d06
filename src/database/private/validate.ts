import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ENGINE_TRAITS, EngineParameter, isInstanceClass, parameterGroupFamily } from './engines';
import { AuroraInstancePlan, DatabasePlan, InstanceStorage } from './plan';
import { parseBackupWindow, parseMaintenanceWindow, windowsOverlap } from './windows';
import { Duration } from '../../core/duration';
import { INetwork } from '../../core/network';
import { AwsPlatform, KubernetesPlatform, PlatformKind } from '../../core/platform';
import { validateAlarmOptions } from '../../core/private/alarm-factory';
import { physicalName } from '../../core/private/naming';
import { LOG_RETENTION_DAYS, PropValidator, isUnresolved, platformName } from '../../core/private/validation';
import { CapabilityKind, ResilienceFacts } from '../../core/resilience';
import { DatabaseRemovalPolicy } from '../options';
import type { ReplicatedDatabaseProps } from '../replicated-database';
import { Replication, ReplicationTopology } from '../replication';
import { DatabaseStorageType } from '../storage';

const KIND = 'ReplicatedDatabase';
const MONITORING_INTERVALS = [1, 5, 10, 15, 30, 60];
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const IDENTIFIER = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SNAPSHOT_IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*$/;
const USERNAME = /^[A-Za-z][A-Za-z0-9_]{0,15}$/;
const DATABASE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const PARAMETER_NAME = /^[A-Za-z0-9_.-]+$/;
const MAX_STORAGE_GIB = 65_536;

/** Failover times AWS documents: Multi-AZ instances 60 to 120 s, Aurora with a reader in another zone about 30 s. */
const MULTI_AZ_FAILOVER = Duration.seconds(120);
const AURORA_FAILOVER = Duration.seconds(30);

const TOPOLOGY_CALL: Record<ReplicationTopology, string> = {
  [ReplicationTopology.MULTI_AZ]: 'Replication.multiAz()',
  [ReplicationTopology.AURORA]: 'Replication.aurora()',
  [ReplicationTopology.CROSS_REGION]: 'Replication.crossRegion()',
};

/**
 * Validates a {@link ReplicatedDatabaseProps}, reporting every problem at once, and applies the defaults.
 * Nothing is rendered before this returns.
 */
export function validateDatabase(scope: Construct, props: ReplicatedDatabaseProps): DatabasePlan {
  const v = new PropValidator(KIND, scope);
  const engine = props.engine;
  const traits = ENGINE_TRAITS[engine.type];
  const aurora = traits.aurora;

  // Platform: only AWS renders a database.
  let network: INetwork | undefined;
  let platform: AwsPlatform | undefined;
  if (props.platform?.kind === PlatformKind.AWS) {
    platform = props.platform as AwsPlatform;
    network = platform.network;
  } else {
    const namespace = props.platform instanceof KubernetesPlatform ? ` (namespace ${JSON.stringify(props.platform.namespaceName)})` : '';
    v.fail(
      `\`platform\` is the ${props.platform?.kind !== undefined ? platformName(props.platform.kind) : 'undefined'} platform${namespace}, which cannot render a ReplicatedDatabase: ` +
        'it needs a PostgreSQL or MySQL operator with synchronous replication and automatic failover (e.g. CloudNativePG), ' +
        'which this library does not render yet. Use `Platform.aws({ network })` for the database; workloads on Kubernetes can still connect to it.',
    );
  }

  // Engine version.
  const family = parameterGroupFamily(engine.type, engine.version);
  if (!family) {
    v.require(
      'engine.version',
      engine.version,
      false,
      `must be ${/^[AEIOU]/.test(traits.displayName) ? 'an' : 'a'} ${traits.displayName} version this library can map to a parameter group family (major versions ${traits.majors.join(', ')}), like ${JSON.stringify(traits.exampleVersion)}`,
    );
  }

  // Replication topology.
  const replication = props.replication ?? (aurora ? Replication.aurora() : Replication.multiAz());
  const topology = replication.topology;
  if (aurora && topology !== ReplicationTopology.AURORA) {
    v.fail(
      `\`replication\` must be Replication.aurora() for the ${engine.type} engine, got ${TOPOLOGY_CALL[topology]}.` +
        (topology === ReplicationTopology.CROSS_REGION
          ? ' A cross-region copy of Aurora is a global database, which this library does not render yet.'
          : ' Aurora replicates as a cluster of a writer and readers.'),
    );
  }
  if (!aurora && topology === ReplicationTopology.AURORA) {
    v.fail(
      `\`replication\` Replication.aurora() needs an Aurora engine, got the ${engine.type} engine. ` +
        'Use DatabaseEngine.auroraPostgres() or DatabaseEngine.auroraMysql(), or Replication.multiAz().',
    );
  }
  if (topology !== ReplicationTopology.AURORA) {
    v.integer('replication.readReplicas', replication.readReplicas, 0, 5);
  }

  // Network: isolated subnets in at least two zones.
  let zones: string[] = [];
  if (network) {
    const subnets = network.isolatedSubnets;
    zones = distinct(subnets.map((s) => s.zone));
    checkZones(v, 'platform.network.isolatedSubnets', subnets.map((s) => s.zone), 'Give the network isolated subnets in another zone.');
  }

  // Instance class.
  const instanceClass = props.instanceClass ?? (aurora ? 'db.r7g.large' : 'db.m7g.large');
  v.require('instanceClass', instanceClass, () => isInstanceClass(instanceClass), 'must be an RDS instance class like "db.m7g.large"');
  if (aurora && isInstanceClass(instanceClass)) {
    v.require(
      'instanceClass',
      instanceClass,
      !instanceClass.startsWith('db.m'),
      'must be a class Aurora offers (db.r*, db.x2g*, db.t3 or db.t4g); Aurora has no m classes',
      'Use e.g. "db.r7g.large".',
    );
  }

  // Storage.
  const storage = aurora ? undefined : instanceStorage(v, props);
  const auroraStorageType = aurora ? auroraStorage(v, props) : undefined;

  // Connectivity and identity.
  const port = props.port ?? engine.defaultPort;
  v.integer('port', port, 1150, 65535);
  const masterUsername = props.masterUsername ?? 'dbadmin';
  v.require(
    'masterUsername',
    masterUsername,
    () => USERNAME.test(masterUsername) && masterUsername.toLowerCase() !== 'rdsadmin',
    'must be 1 to 16 letters, digits or underscores starting with a letter, and not "rdsadmin"',
  );
  if (props.databaseName !== undefined) {
    v.require('databaseName', props.databaseName, DATABASE_NAME.test(props.databaseName), 'must be 1 to 63 letters, digits or underscores starting with a letter');
  }
  if (props.identifier !== undefined) {
    v.require(
      'identifier',
      props.identifier,
      () => IDENTIFIER.test(props.identifier!) && props.identifier!.length <= 50,
      'must be at most 50 lower-case letters, digits and single hyphens, starting with a letter (room is left for replica suffixes)',
    );
  }
  const identifier = props.identifier ?? defaultIdentifier(scope);

  // Encryption.
  const storageEncrypted = props.storageEncrypted ?? true;
  if (props.encryptionKeyArn !== undefined) {
    v.require('encryptionKeyArn', props.encryptionKeyArn, KMS_KEY_ARN.test(props.encryptionKeyArn), 'must be a KMS key ARN like "arn:aws:kms:eu-west-1:123456789012:key/..."');
  }
  const crossRegionReplicas = topology === ReplicationTopology.CROSS_REGION ? 1 : 0;
  const replicaCount = topology === ReplicationTopology.AURORA ? 0 : replication.readReplicas + crossRegionReplicas;
  if (!storageEncrypted && replicaCount > 0) {
    v.fail(
      `\`storageEncrypted\` is false, but \`replication\` asks for ${replicaCount} replica${replicaCount === 1 ? '' : 's'}, and RDS cannot make an encrypted replica of an unencrypted database. ` +
        'Encrypt the database (restore an encrypted copy of a snapshot), or remove the replicas.',
    );
  }

  // Backups, windows and removal.
  const retention = props.backupRetention ?? Duration.days(7);
  v.require(
    'backupRetention',
    retention,
    () => retention.toMilliseconds() % 86_400_000 === 0 && retention.toDays() >= 1 && retention.toDays() <= 35,
    'must be a whole number of days from 1 to 35 (automated backups and point-in-time recovery cannot be turned off)',
  );
  const backupRetentionDays = retention.isUnresolved ? retention.toDays() : Math.min(Math.max(retention.toDays(), 1), 35);
  const backupWindow = props.backupWindow;
  const maintenanceWindow = props.maintenanceWindow?.toLowerCase();
  checkWindows(v, backupWindow, props.maintenanceWindow);

  const removalPolicy = props.removalPolicy ?? DatabaseRemovalPolicy.RETAIN;
  if (props.finalSnapshotIdentifier !== undefined) {
    v.require(
      'finalSnapshotIdentifier',
      props.finalSnapshotIdentifier,
      () => SNAPSHOT_IDENTIFIER.test(props.finalSnapshotIdentifier!) && props.finalSnapshotIdentifier!.length <= 255,
      'must be 1 to 255 letters, digits and single hyphens, starting with a letter',
    );
    v.require(
      'finalSnapshotIdentifier',
      props.finalSnapshotIdentifier,
      removalPolicy !== DatabaseRemovalPolicy.DESTROY,
      'conflicts with `removalPolicy` DESTROY, which takes no final snapshot',
      'Remove one of them.',
    );
  }
  const finalSnapshotIdentifier = removalPolicy === DatabaseRemovalPolicy.DESTROY ? undefined : props.finalSnapshotIdentifier ?? `${identifier}-final`;

  // Recovery point, monitoring, logs.
  const rpo = props.recoveryPointObjective ?? Duration.minutes(1);
  v.require(
    'recoveryPointObjective',
    rpo,
    () => rpo.toMilliseconds() % 1000 === 0 && rpo.toSeconds() >= 1 && rpo.toSeconds() <= 86_400,
    'must be a whole number of seconds from 1 s to 1 day (it is the replica-lag alarm threshold)',
  );
  const monitoring = props.monitoringInterval ?? Duration.seconds(60);
  v.require(
    'monitoringInterval',
    monitoring,
    () => MONITORING_INTERVALS.includes(monitoring.toMilliseconds() / 1000),
    `must be one of ${MONITORING_INTERVALS.join(', ')} seconds (Enhanced Monitoring cannot be turned off)`,
  );
  const logRetention = props.logRetention ?? Duration.days(365);
  v.require(
    'logRetention',
    logRetention,
    () => LOG_RETENTION_DAYS.includes(logRetention.toMilliseconds() / 86_400_000),
    `must be one of the CloudWatch Logs retention periods (${LOG_RETENTION_DAYS.join(', ')} days)`,
  );

  // Parameters: the user's may not weaken TLS.
  const userParameters = props.parameters ?? {};
  for (const [name, value] of Object.entries(userParameters)) {
    v.require(`parameters.${name}`, name, PARAMETER_NAME.test(name), 'must be a parameter name of letters, digits, "_", "." or "-"');
    if (name === traits.tls.name) {
      v.require(
        `parameters.${name}`,
        value,
        false,
        'cannot be set: it enforces TLS for every connection',
        'Remove it; clients must connect with TLS.',
      );
    }
  }
  const parameters: EngineParameter[] = [traits.tls, ...traits.logging.filter((p) => !(p.name in userParameters))];
  for (const [name, value] of Object.entries(userParameters)) {
    if (name !== traits.tls.name) {
      parameters.push({ name, value });
    }
  }

  // Alarms.
  const alarms = props.alarms ?? {};
  validateAlarmOptions(v, 'alarms', alarms as { [key: string]: any });
  if (aurora && alarms.freeStorageSpace !== undefined) {
    v.fail('`alarms.freeStorageSpace` applies to RDS instances only: Aurora storage grows on its own. Use `alarms.freeLocalStorage` for the writer\'s local storage.');
  }
  if (!aurora && alarms.freeLocalStorage !== undefined) {
    v.fail('`alarms.freeLocalStorage` applies to Aurora only. Use `alarms.freeStorageSpace` for an RDS instance.');
  }

  // Topology details.
  const auroraInstances = topology === ReplicationTopology.AURORA ? auroraPlacement(v, replication, zones) : [];
  const readReplicaZones =
    topology === ReplicationTopology.AURORA
      ? []
      : Array.from({ length: validCount(replication.readReplicas, 5) }, (_, i) => zones[(i + 1) % Math.max(zones.length, 1)]);
  const crossRegion = topology === ReplicationTopology.CROSS_REGION ? replication.crossRegionOptions : undefined;
  if (crossRegion) {
    checkCrossRegion(v, scope, crossRegion);
  }

  v.throwIfInvalid();

  const facts = resilienceFacts(replication, zones, auroraInstances);
  return {
    engine,
    traits,
    parameterGroupFamily: family!,
    replication,
    network: network!,
    zones,
    alarmDestination: platform!.alarms,
    instanceClass,
    storage,
    auroraStorageType,
    port,
    identifier,
    masterUsername,
    databaseName: props.databaseName,
    encryptionKeyArn: props.encryptionKeyArn,
    storageEncrypted,
    backupRetentionDays,
    backupWindow,
    maintenanceWindow,
    removalPolicy,
    finalSnapshotIdentifier,
    recoveryPointObjective: rpo,
    monitoringIntervalSeconds: monitoring.toSeconds(),
    logRetentionDays: logRetention.toDays(),
    parameters,
    alarms,
    auroraInstances,
    readReplicaZones,
    crossRegion,
    tags: props.tags ?? {},
    facts,
  };
}

function instanceStorage(v: PropValidator, props: ReplicatedDatabaseProps): InstanceStorage {
  const s = props.storage ?? {};
  const type = s.type ?? DatabaseStorageType.GP3;
  const provisioned = type === DatabaseStorageType.IO1 || type === DatabaseStorageType.IO2;
  v.require(
    'storage.type',
    type,
    type === DatabaseStorageType.GP3 || provisioned,
    'must be GP3, IO1 or IO2 for an RDS instance',
    'The Aurora storage types apply to Aurora engines only.',
  );
  const minimum = provisioned ? 100 : 20;
  const allocated = s.allocatedStorage ?? minimum;
  v.integer('storage.allocatedStorage', s.allocatedStorage, minimum, MAX_STORAGE_GIB, `for ${type} storage`);
  const allocatedKnown = !Token.isUnresolved(allocated) && Number.isInteger(allocated);
  const defaultMax = allocatedKnown ? Math.min(allocated * 10, MAX_STORAGE_GIB) : undefined;
  const max = s.maxAllocatedStorage ?? defaultMax;
  if (s.maxAllocatedStorage !== undefined) {
    v.integer('storage.maxAllocatedStorage', s.maxAllocatedStorage, allocatedKnown ? allocated : 20, MAX_STORAGE_GIB, '(storage autoscaling grows the volume from `storage.allocatedStorage` up to it)');
  }
  const large = allocatedKnown && allocated >= 400;
  if (provisioned) {
    v.require('storage.iops', s.iops, s.iops !== undefined, `is required for ${type} storage`);
  } else if (s.iops !== undefined) {
    v.require('storage.iops', s.iops, large, 'can only be set for gp3 storage of at least 400 GiB (smaller volumes get the 3,000 IOPS baseline)');
  }
  if (s.iops !== undefined) {
    v.integer('storage.iops', s.iops, 1000, 256_000);
  }
  if (s.throughput !== undefined) {
    v.require('storage.throughput', s.throughput, type === DatabaseStorageType.GP3 && large, 'can only be set for gp3 storage of at least 400 GiB');
  }
  return {
    allocatedStorage: allocated,
    maxAllocatedStorage: max !== undefined && max !== allocated ? max : undefined,
    type,
    iops: s.iops,
    throughput: s.throughput,
  };
}

function auroraStorage(v: PropValidator, props: ReplicatedDatabaseProps): string | undefined {
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
  const type = s.type ?? DatabaseStorageType.AURORA_STANDARD;
  v.require(
    'storage.type',
    type,
    type === DatabaseStorageType.AURORA_STANDARD || type === DatabaseStorageType.AURORA_IO_OPTIMIZED,
    'must be AURORA_STANDARD or AURORA_IO_OPTIMIZED for Aurora',
  );
  return type === DatabaseStorageType.AURORA_IO_OPTIMIZED ? type : undefined;
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

function auroraPlacement(v: PropValidator, replication: Replication, zones: string[]): AuroraInstancePlan[] {
  const options = replication.auroraOptions ?? {};
  const readerZones = options.readerZones;
  const readers = options.readers ?? readerZones?.length ?? 1;
  v.integer('replication.readers', readers, 1, 15, 'so Aurora has a reader to promote when the writer fails');
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

  const writerZone = options.writerZone ?? zones[0];
  const writerIndex = Math.max(zones.indexOf(writerZone), 0);
  const count = validCount(readers, 15);
  const placed = readerZones ?? Array.from({ length: count }, (_, i) => zones[(writerIndex + 1 + i) % Math.max(zones.length, 1)]);
  const known = (zone: string | undefined) => zone !== undefined && !isUnresolved(zone);
  const comparable = placed.length > 0 && known(writerZone) && placed.every(known);
  if (comparable) {
    v.require(
      'replication.readerZones',
      placed,
      placed.some((z) => z !== writerZone),
      `must put at least one reader outside the writer's zone (${writerZone}) so a failover survives the loss of that zone`,
      'Move a reader to another zone.',
    );
  }
  // The writer gets tier 0; readers outside its zone are promoted first.
  const order = placed.map((zone, i) => ({ zone, i, away: !comparable || zone !== writerZone }));
  const ranked = [...order.filter((r) => r.away), ...order.filter((r) => !r.away)];
  const tiers = new Map(ranked.map((r, rank) => [r.i, Math.min(rank + 1, 15)]));
  return [{ zone: writerZone, promotionTier: 0 }, ...placed.map((zone, i) => ({ zone, promotionTier: tiers.get(i)! }))];
}

function checkCrossRegion(v: PropValidator, scope: Construct, options: NonNullable<Replication['crossRegionOptions']>): void {
  const provider = options.provider;
  if (!(provider instanceof AwsProvider)) {
    v.fail('`replication.provider` must be an AwsProvider for the disaster-recovery region.');
    return;
  }
  if (!provider.alias) {
    v.fail(
      `\`replication.provider\` ("${provider.node.path}") must have an \`alias\`: the default AWS provider already serves the primary region. Give it e.g. \`alias: 'dr'\`.`,
    );
  }
  const primary = TerraformStack.of(scope)
    .node.findAll()
    .find((c): c is AwsProvider => c instanceof AwsProvider && !c.alias && c !== provider);
  const drRegion = provider.region;
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
  checkZones(
    v,
    'replication.network.isolatedSubnets',
    options.network.isolatedSubnets.map((s) => s.zone),
    'Give the disaster-recovery network isolated subnets in another zone.',
  );
  if (options.instanceClass !== undefined) {
    v.require('replication.instanceClass', options.instanceClass, () => isInstanceClass(options.instanceClass!), 'must be an RDS instance class like "db.m7g.large"');
  }
  if (options.encryptionKeyArn !== undefined) {
    v.require(
      'replication.encryptionKeyArn',
      options.encryptionKeyArn,
      KMS_KEY_ARN.test(options.encryptionKeyArn),
      'must be the ARN of a KMS key in the disaster-recovery region, like "arn:aws:kms:eu-central-1:123456789012:key/..."',
    );
    if (drRegion !== undefined && !Token.isUnresolved(drRegion) && KMS_KEY_ARN.test(options.encryptionKeyArn)) {
      v.require(
        'replication.encryptionKeyArn',
        options.encryptionKeyArn,
        options.encryptionKeyArn.split(':')[3] === drRegion,
        `must be a key in the disaster-recovery region (${drRegion}): KMS keys never leave their region`,
      );
    }
  }
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

function resilienceFacts(replication: Replication, zones: string[], auroraInstances: AuroraInstancePlan[]): ResilienceFacts {
  const none: Duration = Duration.seconds(0);
  switch (replication.topology) {
    case ReplicationTopology.AURORA: {
      const instanceZones = auroraInstances.map((i) => i.zone);
      const known = !instanceZones.some((z) => Token.isUnresolved(z));
      return {
        capability: CapabilityKind.DATABASE,
        platform: PlatformKind.AWS,
        zones: known ? new Set(instanceZones).size : Math.min(instanceZones.length, zones.length),
        replicas: auroraInstances.length,
        failover: AURORA_FAILOVER,
        recoveryPoint: none,
        acceptedSinglePointsOfFailure: [],
      };
    }
    case ReplicationTopology.CROSS_REGION:
    case ReplicationTopology.MULTI_AZ: {
      const drCopies = replication.crossRegionOptions ? (replication.crossRegionOptions.multiAz ?? true ? 2 : 1) : 0;
      return {
        capability: CapabilityKind.DATABASE,
        platform: PlatformKind.AWS,
        zones: 2,
        replicas: 2 + replication.readReplicas + drCopies,
        failover: MULTI_AZ_FAILOVER,
        recoveryPoint: none,
        acceptedSinglePointsOfFailure: [],
      };
    }
  }
}

function defaultIdentifier(scope: Construct): string {
  const name = physicalName(scope, undefined, { maxLength: 47 });
  return /^[a-z]/.test(name) ? name : `db-${name}`.replace(/-+/g, '-');
}

function distinct(values: string[]): string[] {
  return values.filter((z, i) => values.indexOf(z) === i);
}

function validCount(value: number, max: number): number {
  return Number.isInteger(value) && value >= 0 ? Math.min(value, max) : 0;
}
