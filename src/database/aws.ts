import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { DataAwsSecretsmanagerRandomPassword } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-random-password';
import { DbInstance, DbInstanceConfig } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup, DbParameterGroupConfig } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RdsCluster, RdsClusterConfig } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { RdsClusterParameterGroup } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import { RdsGlobalCluster } from '@cdktf/provider-aws/lib/rds-global-cluster';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Fn, ITerraformDependable, TerraformOutput, TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { GIB, defaultMaxConnections, instanceClassMemory } from './private/engines';
import { registerDatabaseGraphs } from './private/graphs';
import { DatabasePlan } from './private/plan';
import { ReplicatedDatabaseAwsResources } from './resources';
import { AlarmSeverity, MonitoredAlarm } from '../core/alarms';
import { Duration } from '../core/duration';
import { INetwork } from '../core/network';
import { AlarmDefinition, AlarmFactory } from '../core/private/alarm-factory';
import { cloudWatchLogsStatement, encryptionKey as createEncryptionKey } from '../core/private/kms';
import { renderedPath } from '../core/private/moves';
import { SECURITY_GROUP_DESCRIPTION_CHARACTER, awsTags, claimPhysicalName, fitDescription, physicalName } from '../core/private/naming';
import { statefulLifecycle } from '../core/private/retention';

/** The CA that signs the server certificates clients verify (RSA 2048, valid until 2061). */
export const CA_CERTIFICATE = 'rds-ca-rsa2048-g1';
/** Performance Insights retention, in days: the free tier. */
const PERFORMANCE_INSIGHTS_RETENTION_DAYS = 7;

/** What every part of the rendering shares: the plan, the account lookups, the monitoring role, the key. */
interface Shared {
  readonly db: Construct;
  readonly plan: DatabasePlan;
  readonly partition: DataAwsPartition;
  readonly account: DataAwsCallerIdentity;
  readonly monitoringRole: IamRole;
  readonly monitoringPolicy: IamRolePolicyAttachment;
  readonly keyArn: string;
  readonly securityGroup: SecurityGroup;
  readonly subnetGroup: DbSubnetGroup;
  readonly factory: AlarmFactory;
  readonly logGroups: CloudwatchLogGroup[];
  /** The library's tags, named `<name>` or `<name>-<suffix>`. */
  tags(suffix?: string): Record<string, string>;
}

/** What the instance or the cluster rendering adds to the shared resources. */
type Topology = Omit<
  ReplicatedDatabaseAwsResources,
'securityGroup' | 'subnetGroup' | 'encryptionKey' | 'encryptionKeyArn' | 'monitoringRole' | 'logGroups' | 'alarms'
> & { readonly drAlarms?: MonitoredAlarm[] };

/**
 * Renders a validated database on AWS: security group, subnet group, KMS key, parameter group, monitoring
 * role, log groups, the instances (or cluster), replicas, alarms and outputs, all under `db` with fixed
 * construct ids.
 */
export function renderAwsDatabase(db: Construct, plan: DatabasePlan): ReplicatedDatabaseAwsResources {
  const tags = (suffix?: string) => awsTags(db, suffix ? `${plan.name}-${suffix}` : plan.name, plan.tags);
  const partition = new DataAwsPartition(db, 'Partition');
  const account = new DataAwsCallerIdentity(db, 'Account');

  let encryptionKey: KmsKey | undefined;
  let keyArn = plan.encryptionKeyArn;
  if (!keyArn) {
    const region = new DataAwsRegion(db, 'Region');
    encryptionKey = createKey(db, 'EncryptionKey', `Encrypts the database ${renderedPath(db)}`, plan.name, partition, account, region, plan.retain, tags());
    keyArn = encryptionKey.arn;
  }

  const securityGroupName = physicalName(db, undefined, { maxLength: 255, start: { pattern: /^(?!sg-)/, prefix: 'db-' } });
  claimPhysicalName(db, 'aws_security_group', 'name', securityGroupName);
  claimPhysicalName(db, 'aws_db_subnet_group', 'name', plan.name);
  const securityGroup = new SecurityGroup(db, 'SecurityGroup', {
    name: securityGroupName,
    description: fitDescription(`Database ${renderedPath(db)}: admits only the clients given to allowFrom`, 255, SECURITY_GROUP_DESCRIPTION_CHARACTER),
    vpcId: plan.network.vpcId,
    tags: tags(),
  });
  const subnetGroup = new DbSubnetGroup(db, 'SubnetGroup', {
    name: plan.name,
    description: `Isolated subnets of ${renderedPath(db)}`,
    subnetIds: plan.network.isolatedSubnets.map((s) => s.subnetId),
    tags: tags(),
  });

  const monitoringRoleName = physicalName(db, 'monitoring', { maxLength: 64 });
  claimPhysicalName(db, 'aws_iam_role', 'name', monitoringRoleName);
  const monitoringRole = new IamRole(db, 'MonitoringRole', {
    name: monitoringRoleName,
    description: `Lets Enhanced Monitoring publish operating-system metrics of ${renderedPath(db)}`,
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'monitoring.rds.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': account.accountId } },
        },
      ],
    }),
    tags: tags('monitoring'),
  });
  const monitoringPolicy = new IamRolePolicyAttachment(db, 'MonitoringRolePolicy', {
    role: monitoringRole.name,
    policyArn: `arn:${partition.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
  });

  const factory = new AlarmFactory(db, plan.alarmDestination, plan.alarms as { [key: string]: any });
  const shared: Shared = {
    db, plan, partition, account, monitoringRole, monitoringPolicy, keyArn, securityGroup, subnetGroup, factory, tags, logGroups: [],
  };
  const rendered = plan.traits.aurora ? renderAurora(shared) : renderInstances(shared);
  registerDatabaseGraphs(db, plan);
  const { drAlarms, ...topology } = rendered;
  const resources: ReplicatedDatabaseAwsResources = {
    securityGroup,
    subnetGroup,
    encryptionKey,
    encryptionKeyArn: keyArn,
    monitoringRole,
    logGroups: shared.logGroups,
    ...topology,
    alarms: factory.alarms.concat(drAlarms ?? []),
  };
  if (plan.outputs) {
    renderOutputs(db, plan, resources);
  }
  return resources;
}

function renderInstances(s: Shared): Topology {
  const { db, plan, keyArn } = s;
  const storage = plan.storage!;
  const parameterGroup = new DbParameterGroup(db, 'ParameterGroup', parameterGroupConfig(plan, plan.name, `Enforces TLS for ${renderedPath(db)}`, s.tags()));

  const common = (logGroups: CloudwatchLogGroup[], performanceKey: string): Partial<DbInstanceConfig> => ({
    ...monitoredInstance(s, performanceKey),
    instanceClass: plan.instanceClass,
    storageType: storage.storageType,
    iops: storage.iops,
    storageThroughput: storage.throughput,
    maxAllocatedStorage: storage.maxAllocatedStorage,
    iamDatabaseAuthenticationEnabled: true,
    enabledCloudwatchLogsExports: plan.traits.logExports,
    dependsOn: [...logGroups, s.monitoringPolicy],
  });

  claimPhysicalName(db, 'aws_db_instance', 'identifier', plan.name);
  claimFinalSnapshot(db, plan);
  const primaryLogs = createLogGroups(s, db, '', 'instance', plan.name, keyArn);
  const instance = new DbInstance(db, 'Instance', {
    ...common(primaryLogs, keyArn),
    ...removal(plan),
    identifier: plan.name,
    engine: plan.traits.engine,
    engineVersion: plan.engineVersion,
    instanceClass: plan.instanceClass,
    allocatedStorage: storage.allocatedStorage,
    storageEncrypted: plan.storageEncrypted,
    kmsKeyId: plan.storageEncrypted ? keyArn : undefined,
    multiAz: true,
    dbSubnetGroupName: s.subnetGroup.name,
    vpcSecurityGroupIds: [s.securityGroup.id],
    port: plan.port,
    parameterGroupName: parameterGroup.name,
    username: plan.masterUsername,
    manageMasterUserPassword: true,
    masterUserSecretKmsKeyId: keyArn,
    dbName: plan.databaseName,
    allowMajorVersionUpgrade: false,
    backupRetentionPeriod: plan.backupRetentionDays,
    backupWindow: plan.backupWindow,
    maintenanceWindow: plan.maintenanceWindow,
    tags: s.tags(),
  });

  const readReplicas = plan.readReplicaZones.map((zone, i) => {
    const identifier = `${plan.name}-replica-${i + 1}`;
    claimPhysicalName(db, 'aws_db_instance', 'identifier', identifier);
    const logs = createLogGroups(s, db, `ReadReplica${i + 1}`, 'instance', identifier, keyArn);
    return new DbInstance(db, `ReadReplica${i + 1}`, {
      ...common(logs, keyArn),
      instanceClass: plan.instanceClass,
      identifier,
      // Same region: the source's identifier; the replica inherits engine, version, encryption and key.
      replicateSourceDb: instance.identifier,
      availabilityZone: zone,
      multiAz: false,
      dbSubnetGroupName: s.subnetGroup.name,
      vpcSecurityGroupIds: [s.securityGroup.id],
      parameterGroupName: parameterGroup.name,
      // A replica is recreated from its source: no final snapshot, no deletion protection.
      skipFinalSnapshot: true,
      deletionProtection: false,
      tags: s.tags(`replica-${i + 1}`),
    });
  });

  instanceAlarms(s.factory, plan, { DBInstanceIdentifier: plan.name });
  readReplicas.forEach((_, i) =>
    s.factory.create('replicaLag', replicaLagAlarm(`ReadReplica${i + 1}Lag`, `${plan.name}-replica-${i + 1}`, plan, AlarmSeverity.WARNING)),
  );

  const cross = plan.crossRegion ? renderCrossRegion(s, instance, common) : undefined;
  return {
    parameterGroup,
    instance,
    readReplicas,
    clusterInstances: [],
    crossRegionReplica: cross?.replica,
    crossRegionSecurityGroup: cross?.securityGroup,
    secondaryClusterInstances: [],
    writerEndpoint: instance.address,
    readerEndpoint: readReplicas[0]?.address ?? instance.address,
    masterUserSecretArn: instance.masterUserSecret.get(0).secretArn,
    drAlarms: cross?.alarms,
  };
}

function renderCrossRegion(
  s: Shared,
  source: DbInstance,
  common: (logGroups: CloudwatchLogGroup[], performanceKey: string) => Partial<DbInstanceConfig>,
) {
  const { db, plan } = s;
  const dr = plan.crossRegion!;
  const provider = dr.provider;
  const scope = new Construct(db, 'CrossRegion');
  const tags = () => awsTags(scope, dr.name, plan.tags);

  let keyArn = dr.encryptionKeyArn;
  let encryptionKey: KmsKey | undefined;
  if (!keyArn) {
    const region = new DataAwsRegion(scope, 'Region', { provider });
    encryptionKey = createKey(
      scope, 'EncryptionKey', `Encrypts the disaster-recovery replica of ${renderedPath(db)}`, dr.name, s.partition, s.account, region, plan.retain, tags(), provider,
    );
    keyArn = encryptionKey.arn;
  }
  const securityGroup = new SecurityGroup(scope, 'SecurityGroup', {
    provider,
    name: physicalName(db, 'dr', { maxLength: 255, start: { pattern: /^(?!sg-)/, prefix: 'db-' } }),
    description: fitDescription(`Disaster-recovery replica of ${renderedPath(db)}: admits nobody until rules are added`, 255, SECURITY_GROUP_DESCRIPTION_CHARACTER),
    vpcId: dr.network.vpcId,
    tags: tags(),
  });
  const subnetGroup = new DbSubnetGroup(scope, 'SubnetGroup', {
    provider,
    name: dr.name,
    description: `Isolated subnets of the disaster-recovery replica of ${renderedPath(db)}`,
    subnetIds: dr.network.isolatedSubnets.map((n) => n.subnetId),
    tags: tags(),
  });
  const parameterGroup = new DbParameterGroup(
    scope, 'ParameterGroup', parameterGroupConfig(plan, dr.name, `Enforces TLS for the disaster-recovery replica of ${renderedPath(db)}`, tags(), provider),
  );
  claimPhysicalName(db, 'aws_db_instance', 'identifier', dr.name);
  const logs = createLogGroups(s, scope, 'Replica', 'instance', dr.name, keyArn, provider);
  const replica = new DbInstance(scope, 'Replica', {
    ...common(logs, keyArn),
    provider,
    instanceClass: dr.instanceClass,
    identifier: dr.name,
    // Another region: the source's ARN, and a key of this region (KMS keys never leave their region).
    replicateSourceDb: source.arn,
    kmsKeyId: keyArn,
    multiAz: dr.multiAz,
    dbSubnetGroupName: subnetGroup.name,
    vpcSecurityGroupIds: [securityGroup.id],
    parameterGroupName: parameterGroup.name,
    // The replica is the disaster-recovery copy: as protected as the source, but a replica takes no final snapshot.
    deletionProtection: plan.retain,
    skipFinalSnapshot: true,
    lifecycle: plan.retain ? { preventDestroy: true } : undefined,
    tags: tags(),
  });

  // CloudWatch alarms notify SNS topics of their own region only: the replica's alarms get their own destination.
  const factory = new AlarmFactory(db, dr.alarmDestination, plan.alarms as { [key: string]: any });
  const lag = factory.create('replicaLag', replicaLagAlarm('CrossRegionReplicaLag', dr.name, plan, AlarmSeverity.CRITICAL));
  if (lag) {
    lag.alarm.provider = provider;
  }
  checkNetworkProvider(db, dr.network, provider);
  return { replica, securityGroup, alarms: factory.alarms };
}

function renderAurora(s: Shared): Topology {
  const { db, plan, keyArn } = s;
  const clusterParameterGroup = new RdsClusterParameterGroup(
    db, 'ClusterParameterGroup', parameterGroupConfig(plan, plan.name, `Enforces TLS for ${renderedPath(db)}`, s.tags()),
  );
  claimPhysicalName(db, 'aws_rds_cluster', 'cluster_identifier', plan.name);
  claimFinalSnapshot(db, plan);
  const logs = createLogGroups(s, db, '', 'cluster', plan.name, keyArn);
  // An Aurora global database: the global cluster, the password its clusters share, and the secondary region's key.
  const global = plan.auroraGlobal ? renderGlobalDatabase(s) : undefined;
  const cluster = new RdsCluster(db, 'Cluster', {
    ...removal(plan),
    clusterIdentifier: plan.name,
    engine: plan.traits.engine,
    engineVersion: plan.engineVersion,
    port: plan.port,
    databaseName: plan.databaseName,
    masterUsername: plan.masterUsername,
    manageMasterUserPassword: true,
    masterUserSecretKmsKeyId: keyArn,
    dbSubnetGroupName: s.subnetGroup.name,
    vpcSecurityGroupIds: [s.securityGroup.id],
    dbClusterParameterGroupName: clusterParameterGroup.name,
    storageEncrypted: plan.storageEncrypted,
    kmsKeyId: plan.storageEncrypted ? keyArn : undefined,
    storageType: plan.auroraStorageType,
    backupRetentionPeriod: plan.backupRetentionDays,
    preferredBackupWindow: plan.backupWindow,
    preferredMaintenanceWindow: plan.maintenanceWindow,
    copyTagsToSnapshot: true,
    iamDatabaseAuthenticationEnabled: true,
    enabledCloudwatchLogsExports: plan.traits.logExports,
    allowMajorVersionUpgrade: false,
    dependsOn: logs,
    tags: s.tags(),
    ...(global ? global.primaryClusterArgs : {}),
  });

  const clusterInstances: RdsClusterInstance[] = [];
  plan.auroraInstances.forEach((placement, i) => {
    const dependsOn: ITerraformDependable[] = [s.monitoringPolicy];
    if (i > 0) {
      // The first instance becomes the writer: the readers join after it.
      dependsOn.push(clusterInstances[0]);
    }
    claimPhysicalName(db, 'aws_rds_cluster_instance', 'identifier', `${plan.name}-${i + 1}`);
    clusterInstances.push(
      new RdsClusterInstance(db, `Instance${i + 1}`, {
        ...monitoredInstance(s, keyArn),
        identifier: `${plan.name}-${i + 1}`,
        clusterIdentifier: cluster.id,
        engine: plan.traits.engine,
        engineVersion: cluster.engineVersion,
        instanceClass: plan.instanceClass,
        availabilityZone: placement.zone,
        promotionTier: placement.promotionTier,
        dbSubnetGroupName: s.subnetGroup.name,
        preferredMaintenanceWindow: plan.maintenanceWindow,
        dependsOn,
        tags: s.tags(`${i + 1}`),
      }),
    );
  });

  const writer = { DBClusterIdentifier: plan.name, Role: 'WRITER' };
  instanceAlarms(s.factory, plan, writer);
  s.factory.create('replicaLag', {
    ...replicaLagAlarm('ReplicaLag', plan.name, plan, AlarmSeverity.WARNING),
    metricName: 'AuroraReplicaLagMaximum',
    dimensions: { DBClusterIdentifier: plan.name },
    threshold: plan.recoveryPointObjective.toMilliseconds(),
    summary: `The most lagging Aurora reader is more than ${plan.recoveryPointObjective.toHumanString()} behind the writer (milliseconds).`,
  });

  const secondary = global ? renderAuroraSecondary(s, global, clusterInstances[0]) : undefined;
  return {
    clusterParameterGroup,
    cluster,
    clusterInstances,
    readReplicas: [],
    globalCluster: global?.globalCluster,
    masterUserSecret: global?.secret,
    secondaryCluster: secondary?.cluster,
    secondaryClusterInstances: secondary?.instances ?? [],
    crossRegionSecurityGroup: secondary?.securityGroup,
    writerEndpoint: cluster.endpoint,
    readerEndpoint: cluster.readerEndpoint,
    masterUserSecretArn: global ? global.secret.arn : cluster.masterUserSecret.get(0).secretArn,
    drAlarms: secondary?.alarms,
  };
}

/** What the primary cluster of an Aurora global database needs, and what the secondary region shares with it. */
interface GlobalDatabase {
  readonly globalCluster: RdsGlobalCluster;
  /** The master password secret (replicated to the secondary region). */
  readonly secret: SecretsmanagerSecret;
  /** Replaces the RDS-managed password of the primary cluster and joins it to the global cluster. */
  readonly primaryClusterArgs: Partial<RdsClusterConfig>;
  /** The secondary region's construct scope, region lookup and key. */
  readonly secondaryScope: Construct;
  readonly secondaryKeyArn: string;
}

/**
 * The global cluster and the master password of an Aurora global database. RDS cannot manage the master password of
 * a cluster in a global database (Secrets Manager integration excludes them), so the password is generated by
 * Secrets Manager at plan time, written to a secret encrypted with the database's key and replicated to the secondary
 * region, and passed to the primary cluster as a write-only argument: it is in neither the configuration nor the
 * resources' state (the random-password lookup that produced it is, until the next refresh replaces it).
 */
function renderGlobalDatabase(s: Shared): GlobalDatabase {
  const { db, plan, keyArn } = s;
  const global = plan.auroraGlobal!;
  const provider = global.provider;
  const secondaryScope = new Construct(db, 'Secondary');
  const secondaryRegion = new DataAwsRegion(secondaryScope, 'Region', { provider });
  let secondaryKeyArn = global.encryptionKeyArn;
  if (!secondaryKeyArn) {
    const tags = awsTags(secondaryScope, global.name, plan.tags);
    secondaryKeyArn = createKey(
      secondaryScope, 'EncryptionKey', `Encrypts the secondary cluster of ${db.node.path}`, global.name, s.partition, s.account, secondaryRegion, plan.retain, tags, provider,
    ).arn;
  }

  const globalCluster = new RdsGlobalCluster(db, 'GlobalCluster', {
    globalClusterIdentifier: global.globalIdentifier,
    engine: plan.traits.engine,
    engineVersion: plan.engineVersion,
    databaseName: plan.databaseName,
    storageEncrypted: true,
    deletionProtection: plan.retain,
    forceDestroy: false,
    lifecycle: plan.retain ? { preventDestroy: true } : undefined,
    tags: s.tags('global'),
  });

  const password = new DataAwsSecretsmanagerRandomPassword(db, 'MasterPassword', {
    passwordLength: 32,
    // RDS refuses "/", '"', "@" and spaces; letters and digits alone give 190 bits.
    excludePunctuation: true,
    includeSpace: false,
  });
  const secret = new SecretsmanagerSecret(db, 'MasterUserSecret', {
    namePrefix: `${plan.name}-master-`,
    description: `Master user of the global database ${db.node.path}, replicated to the secondary region`,
    kmsKeyId: keyArn,
    replica: [{ region: secondaryRegion.region, kmsKeyId: secondaryKeyArn }],
    recoveryWindowInDays: 30,
    tags: s.tags('master'),
  });
  new SecretsmanagerSecretVersion(db, 'MasterUserSecretValue', {
    secretId: secret.id,
    secretStringWo: Fn.jsonencode({ username: plan.masterUsername, password: password.randomPassword }),
    secretStringWoVersion: 1,
  });

  return {
    globalCluster,
    secret,
    secondaryScope,
    secondaryKeyArn,
    primaryClusterArgs: {
      globalClusterIdentifier: globalCluster.id,
      manageMasterUserPassword: undefined,
      masterUserSecretKmsKeyId: undefined,
      masterPasswordWo: password.randomPassword,
      masterPasswordWoVersion: 1,
      // After a failover AWS sets the replication source of the demoted cluster; the declaration stays the same.
      lifecycle: { ...(plan.retain ? { preventDestroy: true } : {}), ignoreChanges: ['replication_source_identifier'] },
    },
  };
}

/**
 * The secondary cluster of an Aurora global database, in the secondary region: its own security group, subnet group,
 * parameter group, log groups and instances over the secondary network's zones, encrypted with a key of that region,
 * created once the primary has its writer, and an alarm on the replication lag above the recovery point objective.
 */
function renderAuroraSecondary(s: Shared, global: GlobalDatabase, primaryWriter: RdsClusterInstance | undefined) {
  const { db, plan } = s;
  const secondary = plan.auroraGlobal!;
  const provider = secondary.provider;
  const scope = global.secondaryScope;
  const keyArn = global.secondaryKeyArn;
  const tags = (suffix?: string) => awsTags(scope, suffix ? `${secondary.name}-${suffix}` : secondary.name, plan.tags);

  const securityGroup = new SecurityGroup(scope, 'SecurityGroup', {
    provider,
    name: physicalName(db, 'dr', { maxLength: 255 }),
    description: `Secondary cluster of ${db.node.path}: admits only the clients given to allowFromSecondaryRegion`,
    vpcId: secondary.network.vpcId,
    tags: tags(),
  });
  const subnetGroup = new DbSubnetGroup(scope, 'SubnetGroup', {
    provider,
    name: secondary.name,
    description: `Isolated subnets of the secondary cluster of ${db.node.path}`,
    subnetIds: secondary.network.isolatedSubnets.map((n) => n.subnetId),
    tags: tags(),
  });
  const parameterGroup = new RdsClusterParameterGroup(
    scope, 'ClusterParameterGroup', parameterGroupConfig(plan, secondary.name, `Enforces TLS for the secondary cluster of ${db.node.path}`, tags(), provider),
  );
  const logs = createLogGroups(s, scope, '', 'cluster', secondary.name, keyArn, provider);
  const cluster = new RdsCluster(scope, 'Cluster', {
    provider,
    clusterIdentifier: secondary.name,
    globalClusterIdentifier: global.globalCluster.id,
    engine: plan.traits.engine,
    engineVersion: plan.engineVersion,
    port: plan.port,
    dbSubnetGroupName: subnetGroup.name,
    vpcSecurityGroupIds: [securityGroup.id],
    dbClusterParameterGroupName: parameterGroup.name,
    storageEncrypted: true,
    kmsKeyId: keyArn,
    storageType: plan.auroraStorageType,
    backupRetentionPeriod: plan.backupRetentionDays,
    preferredBackupWindow: plan.backupWindow,
    preferredMaintenanceWindow: plan.maintenanceWindow,
    copyTagsToSnapshot: true,
    iamDatabaseAuthenticationEnabled: true,
    enabledCloudwatchLogsExports: plan.traits.logExports,
    allowMajorVersionUpgrade: false,
    deleteAutomatedBackups: plan.destroy,
    deletionProtection: plan.retain,
    skipFinalSnapshot: plan.destroy,
    finalSnapshotIdentifier: plan.destroy ? undefined : `${secondary.name}-final`,
    // The secondary joins once the primary has its writer; AWS sets its replication source.
    lifecycle: { ...(plan.retain ? { preventDestroy: true } : {}), ignoreChanges: ['replication_source_identifier'] },
    dependsOn: [...logs, ...(primaryWriter ? [primaryWriter] : [])],
    tags: tags(),
  });

  const instances: RdsClusterInstance[] = [];
  secondary.instanceZones.forEach((zone, i) => {
    instances.push(
      new RdsClusterInstance(scope, `Instance${i + 1}`, {
        ...monitoredInstance(s, keyArn),
        provider,
        identifier: `${secondary.name}-${i + 1}`,
        clusterIdentifier: cluster.id,
        engine: plan.traits.engine,
        engineVersion: cluster.engineVersion,
        instanceClass: secondary.instanceClass,
        availabilityZone: zone,
        promotionTier: Math.min(i, 15),
        dbSubnetGroupName: subnetGroup.name,
        preferredMaintenanceWindow: plan.maintenanceWindow,
        dependsOn: [s.monitoringPolicy, ...(i > 0 ? [instances[0]] : [])],
        tags: tags(`${i + 1}`),
      }),
    );
  });

  // CloudWatch alarms notify SNS topics of their own region only: the secondary's alarm gets its own destination.
  const rpo = plan.recoveryPointObjective;
  const factory = new AlarmFactory(db, secondary.alarmDestination, plan.alarms as { [key: string]: any });
  const lag = factory.create('replicaLag', {
    key: 'GlobalReplicationLag',
    summary: `The secondary cluster ${secondary.name} has been more than ${rpo.toHumanString()} (the recovery point objective) behind the primary for 3 minutes (milliseconds).`,
    action: 'Check the primary for write bursts and the secondary for long-running queries; a failover now would lose that much data.',
    namespace: 'AWS/RDS',
    metricName: 'AuroraGlobalDBReplicationLag',
    dimensions: { DBClusterIdentifier: secondary.name },
    statistic: 'Maximum',
    comparison: 'GreaterThanThreshold',
    threshold: rpo.toMilliseconds(),
    evaluationPeriods: 3,
    period: Duration.minutes(1),
    severity: AlarmSeverity.CRITICAL,
  });
  if (lag) {
    lag.alarm.provider = provider;
  }
  checkNetworkProvider(db, secondary.network, provider);
  return { cluster, instances, securityGroup, alarms: factory.alarms };
}

/**
 * The parameter group of an instance, a cluster or the cross-region replica (instance and cluster parameter groups
 * take the same arguments): TLS enforced, logs on, the user's parameters, applied at the next reboot.
 */
function parameterGroupConfig(
  plan: DatabasePlan,
  name: string,
  description: string,
  tags: Record<string, string>,
  provider?: AwsProvider,
): DbParameterGroupConfig {
  return {
    provider,
    namePrefix: `${name}-`,
    family: plan.parameterGroupFamily,
    description: fitDescription(description, 255),
    parameter: plan.parameters.map((p) => ({ name: p.name, value: p.value, applyMethod: 'pending-reboot' })),
    lifecycle: { createBeforeDestroy: true },
    tags,
  };
}

/** What every database instance (RDS or Aurora) gets: private, TLS-verified, monitored, Performance Insights encrypted. */
function monitoredInstance(s: Shared, performanceKey: string) {
  return {
    publiclyAccessible: false,
    autoMinorVersionUpgrade: true,
    caCertIdentifier: CA_CERTIFICATE,
    copyTagsToSnapshot: true,
    performanceInsightsEnabled: true,
    performanceInsightsKmsKeyId: performanceKey,
    performanceInsightsRetentionPeriod: PERFORMANCE_INSIGHTS_RETENTION_DAYS,
    monitoringInterval: s.plan.monitoringIntervalSeconds,
    monitoringRoleArn: s.monitoringRole.arn,
  };
}

/** What deleting the primary instance or the cluster keeps, after the removal policy. */
function removal(plan: DatabasePlan) {
  return {
    deleteAutomatedBackups: plan.destroy,
    deletionProtection: plan.retain,
    skipFinalSnapshot: plan.destroy,
    finalSnapshotIdentifier: plan.finalSnapshotIdentifier,
    lifecycle: plan.retain ? { preventDestroy: true } : undefined,
  };
}

/** Terraform outputs for the endpoints, the port and the secret ARN. */
function renderOutputs(db: Construct, plan: DatabasePlan, resources: ReplicatedDatabaseAwsResources): void {
  new TerraformOutput(db, 'WriterEndpoint', { value: resources.writerEndpoint, description: `Writer hostname of ${renderedPath(db)}` });
  new TerraformOutput(db, 'ReaderEndpoint', { value: resources.readerEndpoint, description: `Read-only hostname of ${renderedPath(db)}` });
  new TerraformOutput(db, 'Port', { value: plan.port, description: `Port of ${renderedPath(db)}` });
  new TerraformOutput(db, 'MasterUserSecretArn', {
    value: resources.masterUserSecretArn,
    description: `Secrets Manager secret with the master password of ${renderedPath(db)}`,
  });
  if (resources.globalCluster && resources.secondaryCluster) {
    new TerraformOutput(db, 'GlobalWriterEndpoint', {
      value: resources.globalCluster.endpoint,
      description: `Writer hostname of the global database ${db.node.path}: it follows the writer across regions`,
    });
    new TerraformOutput(db, 'SecondaryReaderEndpoint', {
      value: resources.secondaryCluster.readerEndpoint,
      description: `Read-only hostname of the secondary cluster of ${db.node.path}, in the other region`,
    });
  }
  if (resources.crossRegionReplica) {
    new TerraformOutput(db, 'CrossRegionReplicaEndpoint', {
      value: resources.crossRegionReplica.address,
      description: `Hostname of the disaster-recovery replica of ${renderedPath(db)}`,
    });
  }
}

/** CPU, memory, connections and storage of the writer, with thresholds derived from the instance class. */
function instanceAlarms(factory: AlarmFactory, plan: DatabasePlan, dimensions: Record<string, string>): void {
  const memory = instanceClassMemory(plan.instanceClass);
  const base = { namespace: 'AWS/RDS', dimensions };
  factory.create('cpuUtilization', {
    ...base,
    key: 'CpuUtilization',
    summary: 'The database writer has used 80 % or more CPU for 15 minutes.',
    action: 'Find the expensive queries in Performance Insights; add readers or a larger instance class if the load is legitimate.',
    metricName: 'CPUUtilization',
    statistic: 'Average',
    comparison: 'GreaterThanOrEqualToThreshold',
    threshold: 80,
    evaluationPeriods: 3,
    period: Duration.minutes(5),
    severity: AlarmSeverity.WARNING,
  });
  factory.create('freeableMemory', {
    ...base,
    key: 'FreeableMemory',
    summary: `The database writer has had less than ${memory ? '10 % of its memory' : '256 MiB'} free for 15 minutes.`,
    action: 'Check connection counts and memory-hungry queries in Performance Insights; move to an instance class with more memory.',
    metricName: 'FreeableMemory',
    statistic: 'Average',
    comparison: 'LessThanThreshold',
    threshold: memory ? Math.round(memory * 0.1) : 256 * 1024 * 1024,
    evaluationPeriods: 3,
    period: Duration.minutes(5),
    severity: AlarmSeverity.WARNING,
  });
  const maxConnections = memory ? defaultMaxConnections(plan.engineType, memory) : 500;
  factory.create('databaseConnections', {
    ...base,
    key: 'DatabaseConnections',
    summary: `The database writer has held ${Math.floor(maxConnections * 0.8)} or more connections (80 % of the default max_connections) for 5 minutes.`,
    action: 'Look for connection leaks and clients without a pool; put RDS Proxy or a pooler in front of the database.',
    metricName: 'DatabaseConnections',
    statistic: 'Maximum',
    comparison: 'GreaterThanOrEqualToThreshold',
    threshold: Math.floor(maxConnections * 0.8),
    evaluationPeriods: 5,
    period: Duration.minutes(1),
    severity: AlarmSeverity.WARNING,
  });
  if (plan.traits.aurora) {
    factory.create('freeLocalStorage', {
      ...base,
      key: 'FreeLocalStorage',
      summary: 'The Aurora writer has had less than 2 GiB of local storage (temporary tables, sorts) for 5 minutes.',
      action: 'Find the queries that spill to disk in Performance Insights; raise work memory or use a larger instance class.',
      metricName: 'FreeLocalStorage',
      statistic: 'Minimum',
      comparison: 'LessThanThreshold',
      threshold: 2 * GIB,
      evaluationPeriods: 5,
      period: Duration.minutes(1),
      severity: AlarmSeverity.WARNING,
    });
  } else {
    const allocated = plan.storage!.allocatedStorage;
    factory.create('freeStorageSpace', {
      ...base,
      key: 'FreeStorageSpace',
      // RDS storage autoscaling acts at 10 % free for 5 minutes: alarm well below that, so a normal autoscale never pages.
      summary: 'The database has had less than 5 % of its initially allocated storage free for 5 minutes; when the disk is full, writes stop.',
      action: 'Storage autoscaling did not act (at its limit or in its 6-hour cooldown): raise `storage.maxAllocatedStorage` or allocate more storage now.',
      metricName: 'FreeStorageSpace',
      statistic: 'Minimum',
      comparison: 'LessThanThreshold',
      threshold: Token.isUnresolved(allocated) ? GIB : Math.round(allocated * GIB * 0.05),
      evaluationPeriods: 5,
      period: Duration.minutes(1),
      severity: AlarmSeverity.CRITICAL,
    });
  }
}

function replicaLagAlarm(key: string, identifier: string, plan: DatabasePlan, severity: AlarmSeverity): AlarmDefinition {
  const rpo = plan.recoveryPointObjective;
  return {
    key,
    summary: `The replica ${identifier} has been more than ${rpo.toHumanString()} (the recovery point objective) behind its source for 3 minutes.`,
    action: 'Check the replica for long-running queries or an undersized instance class, and the source for write bursts; a promotion now would lose that much data.',
    namespace: 'AWS/RDS',
    metricName: 'ReplicaLag',
    dimensions: { DBInstanceIdentifier: identifier },
    statistic: 'Maximum',
    comparison: 'GreaterThanThreshold',
    threshold: rpo.toSeconds(),
    evaluationPeriods: 3,
    period: Duration.minutes(1),
    severity,
  };
}

/**
 * The log groups RDS exports to, created before the database so they are encrypted and expire (RDS would create
 * them unencrypted, kept forever).
 */
function createLogGroups(
  s: Shared,
  scope: Construct,
  idPrefix: string,
  kind: 'instance' | 'cluster',
  identifier: string,
  keyArn: string,
  provider?: AwsProvider,
): CloudwatchLogGroup[] {
  return s.plan.traits.logExports.map((type) => {
    const name = `/aws/rds/${kind}/${identifier}/${type}`;
    claimPhysicalName(scope, 'aws_cloudwatch_log_group', 'name', name);
    const group = new CloudwatchLogGroup(scope, `${idPrefix}${capitalize(type)}LogGroup`, {
      provider,
      name,
      retentionInDays: s.plan.logRetentionDays,
      kmsKeyId: keyArn,
      // Retained: removing the database from the code leaves its logs in place.
      skipDestroy: s.plan.retain ? true : undefined,
      tags: awsTags(scope, `${identifier}-${type}`, s.plan.tags),
      lifecycle: statefulLifecycle(s.plan.retain),
    });
    s.logGroups.push(group);
    return group;
  });
}

function createKey(
  scope: Construct,
  id: string,
  description: string,
  identifier: string,
  partition: DataAwsPartition,
  account: DataAwsCallerIdentity,
  region: DataAwsRegion,
  retain: boolean,
  tags: Record<string, string>,
  provider?: AwsProvider,
): KmsKey {
  const ctx = { partition: partition.partition, accountId: account.accountId, region: region.region };
  return createEncryptionKey(scope, id, ctx, {
    description,
    // Only this database's log groups (instance or cluster, and its replicas named `<identifier>-...`).
    statements: [cloudWatchLogsStatement(ctx, `/aws/rds/*/${identifier}/*`, `/aws/rds/*/${identifier}-*/*`)],
    retain,
    tags,
    provider,
  });
}

/**
 * A network given for the disaster-recovery region must be rendered with the same provider as the replica. When
 * the network renders its VPC itself (e.g. a `MultiAzNetwork`, not `MultiAzNetwork.fromExisting`), its `aws_vpc`
 * resource tells which provider it uses; checked at synth, after aspects have set providers.
 */
function checkNetworkProvider(db: Construct, network: INetwork, provider: AwsProvider): void {
  db.node.addValidation({
    validate: () => {
      const vpc = network.node.findAll().find((c): c is TerraformResource => TerraformResource.isTerraformResource(c) && c.terraformResourceType === 'aws_vpc');
      if (!vpc || vpc.provider === provider) {
        return [];
      }
      return [
        `ReplicatedDatabase "${db.node.path}": \`replication.network\` ("${network.node.path}") is rendered with ` +
          `${vpc.provider ? `the provider "${vpc.provider.node.path}"` : 'the default provider'}, but the replica with "${provider.node.path}". ` +
          'Create the network with the replica\'s provider (see the README), or pass `MultiAzNetwork.fromExisting(...)` for a VPC in that region.',
      ];
    },
  });
}

/** The final snapshot's name must be free too: RDS refuses to delete a database whose final snapshot name is taken. */
function claimFinalSnapshot(db: Construct, plan: DatabasePlan): void {
  if (plan.finalSnapshotIdentifier !== undefined) {
    claimPhysicalName(db, 'aws_db_instance', 'final_snapshot_identifier', plan.finalSnapshotIdentifier);
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
