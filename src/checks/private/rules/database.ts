import { FindingLevel } from '../../findings';
import { COMPLIANT, NOT_APPLICABLE, Rule, RuleResult, check, nonCompliant, unresolvable } from '../rule';
import { StackView, TfResource, describePlacement, spansZones } from '../stack-view';
import { Unresolved, isExpression, isUnresolved, readBlocks, readBool, readNumber, readString } from '../values';

const INSTANCE = 'aws_db_instance';
const CLUSTER = 'aws_rds_cluster';

/** A read replica inherits Multi-AZ-ness, encryption and backups from its source; several rules skip it. */
function isReplica(db: TfResource): boolean {
  const source = db.config.replicate_source_db;
  return typeof source === 'string' && source.length > 0;
}

function isServerlessV1(cluster: TfResource): boolean {
  return cluster.config.engine_mode === 'serverless';
}

/** The instances of an Aurora cluster defined in this stack, or why their number is unknown. */
function clusterInstances(cluster: TfResource, stack: StackView): { count: number; instances: TfResource[] } | Unresolved {
  const literalId = cluster.config.cluster_identifier;
  const instances = stack.ofType('aws_rds_cluster_instance').filter((i) => {
    const ref = i.config.cluster_identifier;
    return stack.refersTo(ref, cluster) || (typeof literalId === 'string' && !isExpression(literalId) && ref === literalId);
  });
  let count = 0;
  for (const instance of instances) {
    if (instance.config.for_each !== undefined) {
      return new Unresolved(`${instance.address}.for_each`, JSON.stringify(instance.config.for_each));
    }
    const n = readNumber(instance.config, 'count', `${instance.address}.count`);
    if (isUnresolved(n)) {
      return n;
    }
    count += n ?? 1;
  }
  return { count, instances };
}

/** The engine of a database, following a read replica to its source when the replica does not name one. */
function engineOf(db: TfResource, stack: StackView): string | undefined | Unresolved {
  const engine = readString(db.config, 'engine');
  if (engine !== undefined || !isReplica(db)) {
    return engine;
  }
  const source = stack.referenced(db.config.replicate_source_db, INSTANCE)[0];
  return source ? readString(source.config, 'engine') : new Unresolved('engine', `the engine of ${db.config.replicate_source_db}`);
}

interface TlsParameter {
  readonly name: string;
  readonly on: string;
}

/** The parameter that enforces TLS for an engine, and whether the engine enforces it by default. */
function tlsParameter(engine: string, version: string | undefined): { parameter: TlsParameter; defaultOn: boolean } | undefined {
  const e = engine.toLowerCase();
  if (e === 'postgres') {
    // RDS for PostgreSQL 15 and later default rds.force_ssl to 1; an unset version gets the latest major.
    const major = version === undefined ? Infinity : parseInt(version, 10);
    return { parameter: { name: 'rds.force_ssl', on: '1' }, defaultOn: !Number.isFinite(major) || major >= 15 };
  }
  if (e === 'aurora-postgresql' || e.startsWith('sqlserver')) {
    return { parameter: { name: 'rds.force_ssl', on: '1' }, defaultOn: false };
  }
  if (e === 'mysql' || e === 'mariadb' || e === 'aurora-mysql' || e === 'aurora') {
    return { parameter: { name: 'require_secure_transport', on: 'ON' }, defaultOn: false };
  }
  return undefined; // Oracle and Db2 enforce TLS through option groups or listeners: not checked
}

function isOn(value: unknown): boolean {
  return ['1', 'on', 'true'].includes(String(value).toLowerCase());
}

function tlsEnforced(db: TfResource, stack: StackView): RuleResult {
  const isCluster = db.type === CLUSTER;
  if (isCluster && isServerlessV1(db)) {
    return NOT_APPLICABLE;
  }
  const engine = engineOf(db, stack);
  if (isUnresolved(engine)) {
    return unresolvable(engine);
  }
  if (engine === undefined) {
    return NOT_APPLICABLE;
  }
  const version = readString(db.config, 'engine_version');
  if (isUnresolved(version)) {
    return unresolvable(version);
  }
  const tls = tlsParameter(engine, version);
  if (!tls) {
    return NOT_APPLICABLE;
  }
  const attribute = isCluster ? 'db_cluster_parameter_group_name' : 'parameter_group_name';
  const groupType = isCluster ? 'aws_rds_cluster_parameter_group' : 'aws_db_parameter_group';
  const groupName = db.config[attribute];
  const defaultResult = check(
    tls.defaultOn,
    `${engine}${version ? ` ${version}` : ''} does not enforce TLS by default and no parameter group sets \`${tls.parameter.name}\``,
  );
  if (groupName === undefined || (typeof groupName === 'string' && groupName.startsWith('default.'))) {
    return defaultResult;
  }
  const group =
    stack.referenced(groupName, groupType)[0] ??
    stack.ofType(groupType).find((g) => typeof g.config.name === 'string' && g.config.name === groupName);
  if (!group) {
    return unresolvable(`the parameter group \`${attribute}\` = ${JSON.stringify(groupName)} (not defined in this stack)`);
  }
  const parameters = readBlocks(group.config, 'parameter');
  if (isUnresolved(parameters)) {
    return unresolvable(parameters);
  }
  const param = parameters.find((p) => String(p.name).toLowerCase() === tls.parameter.name);
  if (!param) {
    return check(
      tls.defaultOn,
      `its parameter group \`${group.address}\` does not set \`${tls.parameter.name}\` (${engine} default: off)`,
    );
  }
  if (isExpression(param.value)) {
    return unresolvable(new Unresolved(`${tls.parameter.name}`, param.value));
  }
  return check(isOn(param.value), `its parameter group \`${group.address}\` sets \`${tls.parameter.name}\` = ${JSON.stringify(param.value)}`);
}

function boolRule(
  db: TfResource,
  attribute: string,
  expected: boolean,
  defaultValue: boolean,
): RuleResult {
  const value = readBool(db.config, attribute);
  if (isUnresolved(value)) {
    return unresolvable(value);
  }
  const effective = value ?? defaultValue;
  return check(effective === expected, `\`${attribute}\` is ${value === undefined ? `unset (default ${defaultValue})` : String(value)}`);
}

export const DATABASE_RULES: Rule[] = [
  {
    id: 'FT-DB-1',
    level: FindingLevel.ERROR,
    info: 'The RDS DB instance is not Multi-AZ.',
    explanation:
      'A single-AZ instance is down for as long as its host or its zone is: recovery means restoring a backup, with the data written ' +
      'since the last backup lost. Multi-AZ keeps a synchronous standby in another zone and fails over in one to two minutes. Set ' +
      '`multi_az = true`.',
    resourceTypes: [INSTANCE],
    evaluate: (db) => (isReplica(db) ? NOT_APPLICABLE : boolRule(db, 'multi_az', true, false)),
  },
  {
    id: 'FT-DB-2',
    level: FindingLevel.ERROR,
    info: 'The Aurora cluster has fewer than 2 instances, or all of them in one availability zone.',
    explanation:
      'Aurora fails over to a reader in another zone within about 30 seconds; with a single instance (or all instances in one zone) ' +
      'it must create a new one, which takes around 10 minutes. Add an `aws_rds_cluster_instance` in another zone.',
    resourceTypes: [CLUSTER],
    evaluate: (cluster, stack) => {
      if (isServerlessV1(cluster)) {
        return NOT_APPLICABLE;
      }
      if (cluster.config.db_cluster_instance_class !== undefined) {
        return COMPLIANT; // a Multi-AZ DB cluster: one writer and two readers in three zones
      }
      const found = clusterInstances(cluster, stack);
      if (isUnresolved(found)) {
        return unresolvable(found);
      }
      if (found.count < 2) {
        return nonCompliant(`the stack defines ${found.count} \`aws_rds_cluster_instance\` for it`);
      }
      const zones = found.instances.map((i) => i.config.availability_zone);
      if (zones.every((z) => typeof z === 'string' && !isExpression(z)) && new Set(zones).size === 1 && found.instances.length === found.count) {
        return nonCompliant(`all ${found.count} instances are placed in ${zones[0]}`);
      }
      return COMPLIANT;
    },
  },
  {
    id: 'FT-DB-3',
    level: FindingLevel.ERROR,
    info: 'The subnet group spans fewer than 2 availability zones.',
    explanation:
      'A database or cache can only fail over to, or be recreated in, a zone its subnet group covers. List subnets of at least 2 ' +
      'zones.',
    resourceTypes: ['aws_db_subnet_group', 'aws_elasticache_subnet_group'],
    evaluate: (group, stack) => {
      const placement = stack.readSubnetZones(group.config, 'subnet_ids');
      if (isUnresolved(placement)) {
        return unresolvable(placement);
      }
      if (!placement) {
        return nonCompliant('`subnet_ids` is unset');
      }
      return check(spansZones(placement, 2), `\`subnet_ids\` lists ${describePlacement(placement)}`);
    },
  },
  {
    id: 'FT-DB-4',
    level: FindingLevel.ERROR,
    info: 'The database storage is not encrypted.',
    explanation:
      'Unencrypted storage, snapshots and backups expose the data to anyone who obtains a snapshot copy, and encryption cannot be ' +
      'turned on later without a snapshot-restore migration. Set `storage_encrypted = true` (optionally with a `kms_key_id`).',
    resourceTypes: [INSTANCE, CLUSTER],
    evaluate: (db) => {
      if (isReplica(db) || (db.type === CLUSTER && isServerlessV1(db))) {
        return NOT_APPLICABLE;
      }
      const value = readBool(db.config, 'storage_encrypted');
      if (value === undefined && db.config.snapshot_identifier !== undefined) {
        return unresolvable('encryption follows the snapshot given in `snapshot_identifier`');
      }
      return boolRule(db, 'storage_encrypted', true, false);
    },
  },
  {
    id: 'FT-DB-5',
    level: FindingLevel.ERROR,
    info: 'Automated backups are disabled.',
    explanation:
      'With `backup_retention_period = 0` there are no automated backups and no point-in-time recovery: a bad migration or a deleted ' +
      'table cannot be undone, and the instance cannot have read replicas. Keep at least 7 days.',
    resourceTypes: [INSTANCE],
    evaluate: (db) => {
      if (isReplica(db)) {
        return NOT_APPLICABLE;
      }
      const days = readNumber(db.config, 'backup_retention_period');
      if (isUnresolved(days)) {
        return unresolvable(days);
      }
      return check(days !== 0, '`backup_retention_period` is 0');
    },
  },
  {
    id: 'FT-DB-6',
    level: FindingLevel.WARNING,
    info: 'Backups are kept for less than 7 days.',
    explanation:
      'Data corruption is often noticed days later (after a weekend, at month end); backups kept for one day cannot restore the ' +
      'state before it. Set `backup_retention_period` to 7 or more (the AWS default is 1 day).',
    resourceTypes: [INSTANCE, CLUSTER],
    evaluate: (db) => {
      if (isReplica(db)) {
        return NOT_APPLICABLE;
      }
      const days = readNumber(db.config, 'backup_retention_period');
      if (isUnresolved(days)) {
        return unresolvable(days);
      }
      if (days === 0) {
        return NOT_APPLICABLE; // FT-DB-5 reports it
      }
      return check(days !== undefined && days >= 7, `\`backup_retention_period\` is ${days ?? 'unset (default 1 day)'}`);
    },
  },
  {
    id: 'FT-DB-7',
    level: FindingLevel.ERROR,
    info: 'The database has no deletion protection.',
    explanation:
      'A database deleted by a mistaken change (a renamed construct, a destroy in the wrong workspace) takes its data with it. Set ' +
      '`deletion_protection = true`; turning it off is then a visible, reviewed change.',
    resourceTypes: [INSTANCE, CLUSTER],
    evaluate: (db) => (isReplica(db) ? NOT_APPLICABLE : boolRule(db, 'deletion_protection', true, false)),
  },
  {
    id: 'FT-DB-8',
    level: FindingLevel.ERROR,
    info: 'The database is deleted without a final snapshot.',
    explanation:
      'With `skip_final_snapshot = true`, deleting the database (or replacing it in a plan) loses its data for good, and automated ' +
      'backups are deleted with it. Keep the default `false` and set a `final_snapshot_identifier`.',
    resourceTypes: [INSTANCE, CLUSTER],
    evaluate: (db) => (isReplica(db) ? NOT_APPLICABLE : boolRule(db, 'skip_final_snapshot', false, false)),
  },
  {
    id: 'FT-DB-9',
    level: FindingLevel.ERROR,
    info: 'The database does not enforce TLS.',
    explanation:
      'Without enforcement a client that does not ask for TLS sends credentials and data in plain text. Attach a parameter group ' +
      'that sets `rds.force_ssl = 1` (PostgreSQL before 15, Aurora PostgreSQL, SQL Server) or `require_secure_transport = ON` ' +
      '(MySQL, MariaDB, Aurora MySQL).',
    resourceTypes: [INSTANCE, CLUSTER],
    evaluate: (db, stack) => tlsEnforced(db, stack),
  },
  {
    id: 'FT-DB-10',
    level: FindingLevel.ERROR,
    info: 'The master password is written in the configuration.',
    explanation:
      'A literal password is stored in the source, in `cdk.tf.json` and in the Terraform state, and is never rotated. Set ' +
      '`manage_master_user_password = true` so RDS keeps it in Secrets Manager and rotates it.',
    resourceTypes: [INSTANCE, CLUSTER, 'aws_docdb_cluster'],
    evaluate: (db) => {
      const attribute = db.type === INSTANCE ? 'password' : 'master_password';
      const value = db.config[attribute];
      if (value === undefined || value === null || isExpression(value)) {
        return COMPLIANT;
      }
      return nonCompliant(`\`${attribute}\` is a literal string`);
    },
  },
  {
    id: 'FT-DB-11',
    level: FindingLevel.ERROR,
    info: 'The database is publicly accessible.',
    explanation:
      'A publicly accessible database gets a public IP address: only its security group stands between it and the internet, and a ' +
      'single mistaken rule exposes it. Set `publicly_accessible = false` and reach it through the VPC.',
    resourceTypes: [INSTANCE, 'aws_rds_cluster_instance'],
    evaluate: (db) => boolRule(db, 'publicly_accessible', false, false),
  },
  {
    id: 'FT-DB-12',
    level: FindingLevel.WARNING,
    info: 'Storage autoscaling is off.',
    explanation:
      'A database whose storage fills up stops accepting writes: a classic outage during a traffic peak or a runaway table. Set ' +
      '`max_allocated_storage` above `allocated_storage` so RDS grows the storage before it is full.',
    resourceTypes: [INSTANCE],
    evaluate: (db) => {
      const max = readNumber(db.config, 'max_allocated_storage');
      const allocated = readNumber(db.config, 'allocated_storage');
      if (isUnresolved(max)) {
        return unresolvable(max);
      }
      if (max !== undefined && max > 0 && isUnresolved(allocated)) {
        return unresolvable(allocated);
      }
      const ok = max !== undefined && max > 0 && (allocated === undefined || max > (allocated as number));
      return check(ok, `\`max_allocated_storage\` is ${max ?? 'unset'}${allocated !== undefined ? ` (allocated_storage ${allocated})` : ''}`);
    },
  },
];
