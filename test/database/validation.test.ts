import 'cdktf/lib/testing/adapters/jest';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import * as fc from 'fast-check';
import { FakeNetwork, dbError } from './helpers';
import {
  DatabaseEngine,
  DatabaseRemovalPolicy,
  DatabaseStorageType,
  Duration,
  MultiAzNetwork,
  Platform,
  ReplicatedDatabase,
  ReplicatedDatabaseProps,
  Replication,
} from '../../src';

const PREFIX = 'ReplicatedDatabase "stack/db"';
const pg = DatabaseEngine.postgres('16.4');
const aurora = DatabaseEngine.auroraPostgres('16.4');

function errorOn(build: (stack: TerraformStack) => Omit<ReplicatedDatabaseProps, 'engine'> & { engine?: DatabaseEngine }): string {
  const stack = new TerraformStack(Testing.app(), 'stack');
  try {
    new ReplicatedDatabase(stack, 'db', { engine: pg, ...build(stack) } as ReplicatedDatabaseProps);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a validation error');
}

describe('ReplicatedDatabase validation: platform and network', () => {
  test('a Kubernetes platform without a backup store fails naming `platform.backupStore`, and renders nothing', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(() => new ReplicatedDatabase(stack, 'db', { platform: Platform.kubernetes({ namespaceName: 'shop' }), engine: pg })).toThrow(
      `${PREFIX}: \`platform.backupStore\` must be set for a ReplicatedDatabase on Kubernetes: CloudNativePG keeps base backups and the WAL archive ` +
        '(point-in-time recovery) in an object store, and there is no default one. Give `Platform.kubernetes({ backupStore: BackupStore.s3({ destinationPath }) })`, ' +
        'or `BackupStore.none()` to run without backups (nothing can be restored).',
    );
    expect(JSON.parse(Testing.synth(stack)).resource).toBeUndefined();
  });

  test('a value that is not a platform fails naming the two platforms', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(() => new ReplicatedDatabase(stack, 'db', { platform: { kind: 'GCP' } as any, engine: pg })).toThrow(
      `${PREFIX}: \`platform\` must be a Platform, e.g. \`Platform.aws({ network })\` or \`Platform.kubernetes({ namespaceName, backupStore })\`, got {"kind":"GCP"}.`,
    );
  });

  test('isolated subnets in one zone', () => {
    expect(
      errorOn((stack) => ({
        platform: Platform.aws({
          network: new FakeNetwork(stack, 'network', [
            { subnetId: 'subnet-1', zone: 'eu-west-1a' },
            { subnetId: 'subnet-2', zone: 'eu-west-1a' },
          ]),
        }),
      })),
    ).toBe(
      `${PREFIX}: \`platform.network.isolatedSubnets\` must span at least 2 zones so the database survives the loss of a zone, got ["eu-west-1a", "eu-west-1a"]. Give the network isolated subnets in another zone.`,
    );
  });

  test('a network without isolated subnets, and one subnet whose zone is only known at plan time', () => {
    expect(errorOn((stack) => ({ platform: Platform.aws({ network: new FakeNetwork(stack, 'network', []) }) }))).toBe(
      `${PREFIX}: \`platform.network.isolatedSubnets\` must span at least 2 zones so the database survives the loss of a zone, got []. Give the network isolated subnets in another zone.`,
    );
    expect(
      errorOn((stack) => {
        const zone = new TerraformVariable(stack, 'zone', { type: 'string' }).stringValue;
        return { platform: Platform.aws({ network: new FakeNetwork(stack, 'network', [{ subnetId: 'subnet-1', zone }]) }) };
      }),
    ).toBe(
      `${PREFIX}: \`platform.network.isolatedSubnets\` must span at least 2 zones so the database survives the loss of a zone, got 1 subnet. Give the network isolated subnets in another zone.`,
    );
  });
});

describe('ReplicatedDatabase validation: engine and topology', () => {
  test('versions that cannot be mapped to a parameter group family', () => {
    expect(dbError({ engine: DatabaseEngine.postgres('9.6') })).toBe(
      `${PREFIX}: \`engine.version\` must be a PostgreSQL version this library can map to a parameter group family (major versions 11, 12, 13, 14, 15, 16, 17, 18), like "16.4", got "9.6".`,
    );
    expect(dbError({ engine: DatabaseEngine.mysql('8') })).toBe(
      `${PREFIX}: \`engine.version\` must be a MySQL version this library can map to a parameter group family (major versions 5.7, 8.0, 8.4), like "8.0.40", got "8".`,
    );
    expect(dbError({ engine: DatabaseEngine.auroraMysql('8.0.36') })).toBe(
      `${PREFIX}: \`engine.version\` must be an Aurora MySQL version this library can map to a parameter group family (major versions 5.7, 8.0), like "8.0.mysql_aurora.3.08.0", got "8.0.36".`,
    );
  });

  test('Aurora replication for an RDS engine, and RDS replication for an Aurora engine', () => {
    expect(dbError({ engine: pg, replication: Replication.aurora() })).toBe(
      `${PREFIX}: \`replication\` Replication.aurora() needs an Aurora engine, got the postgres engine. Use DatabaseEngine.auroraPostgres() or DatabaseEngine.auroraMysql(), or Replication.multiAz().`,
    );
    expect(dbError({ engine: aurora, replication: Replication.multiAz() })).toBe(
      `${PREFIX}: \`replication\` must be Replication.aurora() for the aurora-postgresql engine, got Replication.multiAz(). Aurora replicates as a cluster of a writer and readers.`,
    );
  });

  test('too many read replicas', () => {
    expect(dbError({ engine: pg, replication: Replication.multiAz({ readReplicas: 6 }) })).toBe(
      `${PREFIX}: \`replication.readReplicas\` must be a whole number from 0 to 5, got 6.`,
    );
  });

  test('Aurora without a reader', () => {
    expect(dbError({ engine: aurora, replication: Replication.aurora({ readers: 0 }) })).toBe(
      `${PREFIX}: \`replication.readers\` must be a whole number from 1 to 15 so Aurora has a reader to promote when the writer fails, got 0.`,
    );
  });

  test('Aurora readers all in the writer\'s zone', () => {
    expect(dbError({ engine: aurora, replication: Replication.aurora({ writerZone: 'eu-west-1b', readerZones: ['eu-west-1b', 'eu-west-1b'] }) })).toBe(
      `${PREFIX}: \`replication.readerZones\` must put at least one reader outside the writer's zone (eu-west-1b) so a failover survives the loss of that zone, got ["eu-west-1b", "eu-west-1b"]. Move a reader to another zone.`,
    );
    // Without a writerZone the writer goes to the network's first zone.
    expect(dbError({ engine: aurora, replication: Replication.aurora({ readerZones: ['eu-west-1a'] }) })).toBe(
      `${PREFIX}: \`replication.readerZones\` must put at least one reader outside the writer's zone (eu-west-1a) so a failover survives the loss of that zone, got ["eu-west-1a"]. Move a reader to another zone.`,
    );
  });

  test('Aurora zones outside the network, and readers conflicting with readerZones', () => {
    expect(dbError({ engine: aurora, replication: Replication.aurora({ writerZone: 'us-east-1a', readerZones: ['eu-west-1d'] }) })).toBe(
      `${PREFIX} has 2 invalid props:\n` +
        '  - `replication.writerZone` must be one of the network\'s zones (eu-west-1a, eu-west-1b, eu-west-1c), got "us-east-1a".\n' +
        '  - `replication.readerZones[0]` must be one of the network\'s zones (eu-west-1a, eu-west-1b, eu-west-1c), got "eu-west-1d".',
    );
    expect(dbError({ engine: aurora, replication: Replication.aurora({ readers: 2, readerZones: ['eu-west-1c'] }) })).toBe(
      `${PREFIX}: \`replication.readers\` conflicts with \`replication.readerZones\`, which lists 1 zone, got 2. Pass only one of them.`,
    );
  });

  test('instance classes', () => {
    expect(dbError({ engine: pg, instanceClass: 'm7g.large' })).toBe(`${PREFIX}: \`instanceClass\` must be an RDS instance class like "db.m7g.large", got "m7g.large".`);
    expect(dbError({ engine: aurora, instanceClass: 'db.m7g.large' })).toBe(
      `${PREFIX}: \`instanceClass\` must be a class Aurora offers (db.r*, db.x2g*, db.t3 or db.t4g); Aurora has no m classes, got "db.m7g.large". Use e.g. "db.r7g.large".`,
    );
  });
});

describe('ReplicatedDatabase validation: storage', () => {
  test('too little storage, and a maximum below it', () => {
    expect(dbError({ engine: pg, storage: { allocatedStorage: 10, maxAllocatedStorage: 5 } })).toBe(
      `${PREFIX} has 2 invalid props:\n` +
        '  - `storage.allocatedStorage` must be a whole number from 20 to 65536 for gp3 storage, got 10.\n' +
        '  - `storage.maxAllocatedStorage` must be a whole number from 10 to 65536 (storage autoscaling grows the volume from `storage.allocatedStorage` up to it), got 5.',
    );
    expect(dbError({ engine: pg, storage: { storageType: DatabaseStorageType.IO2, allocatedStorage: 50, iops: 3000 } })).toBe(
      `${PREFIX}: \`storage.allocatedStorage\` must be a whole number from 100 to 65536 for io2 storage, got 50.`,
    );
  });

  test('provisioned IOPS: required for io1, only from 400 GiB for gp3', () => {
    expect(dbError({ engine: pg, storage: { storageType: DatabaseStorageType.IO1 } })).toBe(`${PREFIX}: \`storage.iops\` is required for io1 storage, got nothing.`);
    expect(dbError({ engine: pg, storage: { iops: 5000, throughput: 500 } })).toBe(
      `${PREFIX} has 2 invalid props:\n` +
        '  - `storage.iops` can only be set for gp3 storage of at least 400 GiB (smaller volumes get the 3,000 IOPS baseline), got 5000.\n' +
        '  - `storage.throughput` can only be set for gp3 storage of at least 400 GiB, got 500.',
    );
  });

  test('Aurora storage types for an RDS instance, and RDS storage for Aurora', () => {
    expect(dbError({ engine: pg, storage: { storageType: DatabaseStorageType.AURORA_STANDARD } })).toBe(
      `${PREFIX}: \`storage.storageType\` must be GP3, IO1 or IO2 for an RDS instance, got "AURORA_STANDARD". The Aurora storage types apply to Aurora engines only.`,
    );
    expect(dbError({ engine: aurora, storage: { allocatedStorage: 100, storageType: DatabaseStorageType.GP3 } })).toBe(
      `${PREFIX} has 2 invalid props:\n` +
        '  - `storage.allocatedStorage` does not apply to Aurora, whose storage grows on its own, got 100. Remove it.\n' +
        '  - `storage.storageType` must be AURORA_STANDARD or AURORA_IO_OPTIMIZED for Aurora, got "GP3".',
    );
  });
});

describe('ReplicatedDatabase validation: identity, encryption, backups, monitoring', () => {
  test('port, master username, database name and identifier', () => {
    expect(dbError({ engine: pg, port: 80 })).toBe(`${PREFIX}: \`port\` must be a whole number from 1150 to 65535, got 80.`);
    expect(dbError({ engine: pg, masterUsername: 'rdsadmin', databaseName: '1db', name: 'Bad_Name' })).toBe(
      `${PREFIX} has 3 invalid props:\n` +
        '  - `masterUsername` must be 1 to 16 letters, digits or underscores starting with a letter, and not "rdsadmin", got "rdsadmin".\n' +
        '  - `databaseName` must be 1 to 63 letters, digits or underscores starting with a letter, got "1db".\n' +
        '  - `name` must be at most 50 lower-case letters, digits and single hyphens, starting with a letter (room is left for replica suffixes), got "Bad_Name".',
    );
  });

  test('a key alias instead of a key ARN', () => {
    expect(dbError({ engine: pg, encryptionKeyArn: 'alias/db' })).toBe(
      `${PREFIX}: \`encryptionKeyArn\` must be a KMS key ARN like "arn:aws:kms:eu-west-1:123456789012:key/..." (not an alias: the service needs the key itself), got "alias/db".`,
    );
  });

  test('a replica of an unencrypted source', () => {
    expect(dbError({ engine: pg, storageEncrypted: false, replication: Replication.multiAz({ readReplicas: 1 }) })).toBe(
      `${PREFIX}: \`storageEncrypted\` is false, but \`replication\` asks for 1 replica, and RDS cannot make an encrypted replica of an unencrypted database. ` +
        'Encrypt the database (restore an encrypted copy of a snapshot), or remove the replicas.',
    );
  });

  test('backup retention below 1 day, or not whole days', () => {
    const message = (got: string) =>
      `${PREFIX}: \`backupRetention\` must be a whole number of days from 1d to 35d (automated backups and point-in-time recovery cannot be turned off), got ${got}.`;
    expect(dbError({ engine: pg, backupRetention: Duration.days(0) })).toBe(message('0d'));
    expect(dbError({ engine: pg, backupRetention: Duration.hours(12) })).toBe(message('12h'));
    expect(dbError({ engine: pg, backupRetention: Duration.hours(36) })).toBe(message('1d 12h'));
    expect(dbError({ engine: pg, backupRetention: Duration.days(36) })).toBe(message('36d'));
  });

  test('malformed, short and overlapping windows', () => {
    expect(dbError({ engine: pg, backupWindow: '3:00-4:00', maintenanceWindow: 'sunday 04:00' })).toBe(
      `${PREFIX} has 2 invalid props:\n` +
        '  - `backupWindow` must be a daily UTC window like "03:00-04:00", got "3:00-4:00".\n' +
        '  - `maintenanceWindow` must be a weekly UTC window like "sun:04:30-sun:05:30", got "sunday 04:00".',
    );
    expect(dbError({ engine: pg, backupWindow: '03:00-03:15', maintenanceWindow: 'sun:04:00-sun:04:10' })).toBe(
      `${PREFIX} has 2 invalid props:\n` +
        '  - `backupWindow` must be at least 30 minutes long, got "03:00-03:15".\n' +
        '  - `maintenanceWindow` must be at least 30 minutes long, got "sun:04:00-sun:04:10".',
    );
    expect(dbError({ engine: pg, backupWindow: '03:00-04:00', maintenanceWindow: 'Mon:03:30-Mon:04:30' })).toBe(
      `${PREFIX}: \`maintenanceWindow\` must not overlap the daily backup window (03:00-04:00), got "Mon:03:30-Mon:04:30". Move one of the windows.`,
    );
    // Windows wrap around midnight and the end of the week.
    expect(dbError({ engine: pg, backupWindow: '23:30-00:30', maintenanceWindow: 'sun:23:00-mon:00:10' })).toContain('must not overlap');
  });

  test('a final snapshot with the DESTROY removal policy', () => {
    expect(dbError({ engine: pg, removalPolicy: DatabaseRemovalPolicy.DESTROY, finalSnapshotIdentifier: 'last' })).toBe(
      `${PREFIX}: \`finalSnapshotIdentifier\` conflicts with \`removalPolicy\` DESTROY, which takes no final snapshot, got "last". Remove one of them.`,
    );
    expect(dbError({ engine: pg, finalSnapshotIdentifier: '-last' })).toBe(
      `${PREFIX}: \`finalSnapshotIdentifier\` must be 1 to 255 letters, digits and single hyphens, starting with a letter, got "-last".`,
    );
  });

  test('recovery point objective, monitoring interval and log retention', () => {
    const props = { recoveryPointObjective: Duration.millis(500), monitoringInterval: Duration.seconds(20), logRetention: Duration.days(2) };
    expect(dbError({ engine: pg, ...props })).toBe(
      `${PREFIX} has 3 invalid props:\n` +
        '  - `recoveryPointObjective` must be a whole number of seconds from 1s to 1d (it is the replica-lag alarm threshold), got 500ms.\n' +
        '  - `monitoringInterval` must be one of 1, 5, 10, 15, 30, 60 seconds (Enhanced Monitoring cannot be turned off), got 20s.\n' +
        '  - `logRetention` must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days (the retention periods CloudWatch Logs accepts), got 2d.',
    );
  });

  test('parameters that would turn TLS off, or are not parameter names', () => {
    expect(dbError({ engine: pg, parameters: { 'rds.force_ssl': '0', 'bad name': '1' } })).toBe(
      `${PREFIX} has 2 invalid props:\n` +
        '  - `parameters.rds.force_ssl` cannot be set: it enforces TLS for every connection, got "0". Remove it; clients must connect with TLS.\n' +
        '  - `parameters.bad name` must be a parameter name of letters, digits, "_", "." or "-", got "bad name".',
    );
  });

  test('alarm options: invalid values and alarms of the other kind of engine', () => {
    expect(dbError({ engine: pg, alarms: { freeLocalStorage: { threshold: 1 }, cpuUtilization: { evaluationPeriods: 0 } } })).toBe(
      `${PREFIX} has 2 invalid props:\n` +
        '  - `alarms.cpuUtilization.evaluationPeriods` must be a whole number from 1 to 100, got 0.\n' +
        '  - `alarms.freeLocalStorage` applies to Aurora only. Use `alarms.freeStorageSpace` for an RDS instance.',
    );
    expect(dbError({ engine: aurora, alarms: { freeStorageSpace: {} } })).toBe(
      `${PREFIX}: \`alarms.freeStorageSpace\` applies to RDS instances only: Aurora storage grows on its own. Use \`alarms.freeLocalStorage\` for the writer's local storage.`,
    );
  });
});

describe('ReplicatedDatabase validation: cross-region replica', () => {
  test('every problem of a cross-region declaration at once', () => {
    const message = errorOn((stack) => {
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      const dr = new AwsProvider(stack, 'dr', { region: 'eu-west-1' });
      const network = new MultiAzNetwork(stack, 'network', { flowLogs: { enabled: false } });
      const drNetwork = new FakeNetwork(stack, 'dr-network', [{ subnetId: 'subnet-1', zone: 'eu-west-1a' }]);
      return {
        platform: Platform.aws({ network }),
        engine: aurora,
        storageEncrypted: false,
        replication: Replication.crossRegion({
          provider: dr,
          network: drNetwork,
          encryptionKeyArn: 'arn:aws:kms:eu-central-1:123456789012:key/abc',
          instanceClass: 'big',
          readReplicas: 1,
        }),
      };
    });
    expect(message.split('\n')).toEqual([
      `${PREFIX} has 7 invalid props:`,
      '  - `replication` must be Replication.aurora() for the aurora-postgresql engine, got Replication.crossRegion(). A cross-region copy of Aurora is a global database, which this library does not render yet.',
      '  - `storageEncrypted` is false, but `replication` asks for 2 replicas, and RDS cannot make an encrypted replica of an unencrypted database. Encrypt the database (restore an encrypted copy of a snapshot), or remove the replicas.',
      '  - `replication.provider` ("stack/dr") must have an `alias`: the default AWS provider already serves the primary region. Give it e.g. `alias: \'dr\'`.',
      '  - `replication.provider.region` must differ from the database\'s region (eu-west-1): a replica in the same region does not survive the loss of the region, got "eu-west-1". Use Replication.multiAz({ readReplicas }) for replicas in the same region.',
      '  - `replication.network.isolatedSubnets` must span at least 2 zones so the database survives the loss of a zone, got ["eu-west-1a"]. Give the disaster-recovery network isolated subnets in another zone.',
      '  - `replication.instanceClass` must be an RDS instance class like "db.m7g.large", got "big".',
      '  - `replication.encryptionKeyArn` must be a key in eu-west-1: KMS keys never leave their region, got "arn:aws:kms:eu-central-1:123456789012:key/abc".',
    ]);
  });

  test('a DR key that is not a key ARN', () => {
    expect(
      errorOn((stack) => {
        const dr = new AwsProvider(stack, 'dr', { region: 'eu-central-1', alias: 'dr' });
        const network = new MultiAzNetwork(stack, 'network', { flowLogs: { enabled: false } });
        return { platform: Platform.aws({ network }), replication: Replication.crossRegion({ provider: dr, network, encryptionKeyArn: 'alias/dr' }) };
      }),
    ).toBe(
      `${PREFIX}: \`replication.encryptionKeyArn\` must be a KMS key ARN like "arn:aws:kms:eu-west-1:123456789012:key/..." (not an alias: the service needs the key itself), got "alias/dr".`,
    );
  });
});

describe('ReplicatedDatabase validation: plain JavaScript (wrong types, enum values that are not members)', () => {
  // What a JavaScript caller (or any jsii language passing an untyped value) can hand the construct.
  const js = (props: Record<string, unknown>) => dbError(props as any);

  test.each([
    ['removalPolicy', { removalPolicy: 'retain' }, '`removalPolicy` must be one of DatabaseRemovalPolicy.RETAIN, DatabaseRemovalPolicy.SNAPSHOT, DatabaseRemovalPolicy.DESTROY, got "retain".'],
    [
      'storage.storageType (RDS)',
      { storage: { storageType: 'gp3' } },
      '`storage.storageType` must be one of DatabaseStorageType.GP3, DatabaseStorageType.IO1, DatabaseStorageType.IO2, DatabaseStorageType.AURORA_STANDARD, ' +
        'DatabaseStorageType.AURORA_IO_OPTIMIZED, got "gp3".',
    ],
    [
      'storage.storageType (Aurora)',
      { engine: aurora, storage: { storageType: 'aurora-iopt1' } },
      '`storage.storageType` must be one of DatabaseStorageType.GP3, DatabaseStorageType.IO1, DatabaseStorageType.IO2, DatabaseStorageType.AURORA_STANDARD, ' +
        'DatabaseStorageType.AURORA_IO_OPTIMIZED, got "aurora-iopt1".',
    ],
    ['storage', { storage: 'gp3' }, '`storage` must be a DatabaseStorage, e.g. `{ allocatedStorage: 100 }`, got "gp3".'],
    ['engine (missing)', { engine: undefined }, '`engine` must be a DatabaseEngine, e.g. `DatabaseEngine.postgres(\'16.4\')`, got nothing.'],
    [
      'engine (a plain object)',
      { engine: { engineType: 'POSTGRES', version: '16.4' } },
      '`engine` must be a DatabaseEngine, e.g. `DatabaseEngine.postgres(\'16.4\')`, got {"engineType":"POSTGRES","version":"16.4"}.',
    ],
    [
      'engine.version (a number)',
      { engine: DatabaseEngine.postgres(16 as any) },
      '`engine.version` must be a PostgreSQL version this library can map to a parameter group family (major versions 11, 12, 13, 14, 15, 16, 17, 18), like "16.4", got 16.',
    ],
    [
      'replication (a plain object)',
      { replication: { topology: 'MULTI_AZ' } },
      '`replication` must be made by Replication.multiAz(), Replication.aurora() or Replication.crossRegion(), got {"topology":"MULTI_AZ"}.',
    ],
    ['storageEncrypted (a string)', { storageEncrypted: 'false' }, '`storageEncrypted` must be true or false, got "false".'],
    ['outputs (a string)', { outputs: 'no' }, '`outputs` must be true or false, got "no".'],
    ['parameters (a string)', { parameters: 'work_mem=1' }, '`parameters` must be a map of parameter names to values, e.g. `{ work_mem: \'65536\' }`, got "work_mem=1".'],
    ['a parameter value (a number)', { parameters: { work_mem: 65536 } }, '`parameters.work_mem` must be a string (RDS parameter values are strings), got 65536.'],
    ['instanceClass (a number)', { instanceClass: 5 }, '`instanceClass` must be an RDS instance class like "db.m7g.large", got 5.'],
    [
      'replication.readerZones (a string)',
      { engine: aurora, replication: Replication.aurora({ readerZones: 'eu-west-1b' as any }) },
      '`replication.readerZones` must be a list of the network\'s zones, got "eu-west-1b".',
    ],
  ])('%s', (_name, props, message) => {
    expect(js({ engine: pg, ...props })).toBe(`${PREFIX}: ${message}`);
  });

  test('durations given as numbers are reported, never read as seconds or days', () => {
    expect(js({ engine: pg, backupRetention: 7, recoveryPointObjective: 60, monitoringInterval: 60, logRetention: 365 })).toBe(
      `${PREFIX} has 4 invalid props:\n` +
        '  - `backupRetention` must be a Duration, e.g. `Duration.seconds(30)`, got 7.\n' +
        '  - `recoveryPointObjective` must be a Duration, e.g. `Duration.seconds(30)`, got 60.\n' +
        '  - `monitoringInterval` must be a Duration, e.g. `Duration.seconds(30)`, got 60.\n' +
        '  - `logRetention` must be a Duration, e.g. `Duration.seconds(30)`, got 365.',
    );
  });

  test('names of the wrong type', () => {
    expect(js({ engine: pg, masterUsername: true, name: 42, databaseName: 7 })).toBe(
      `${PREFIX} has 3 invalid props:\n` +
        '  - `masterUsername` must be 1 to 16 letters, digits or underscores starting with a letter, and not "rdsadmin", got true.\n' +
        '  - `databaseName` must be 1 to 63 letters, digits or underscores starting with a letter, got 7.\n' +
        '  - `name` must be at most 50 lower-case letters, digits and single hyphens, starting with a letter (room is left for replica suffixes), got 42.',
    );
  });

  test('a KMS alias ARN: RDS and CloudWatch Logs need the key itself', () => {
    expect(js({ engine: pg, encryptionKeyArn: 'arn:aws:kms:eu-west-1:123456789012:alias/db' })).toBe(
      `${PREFIX}: \`encryptionKeyArn\` must be a KMS key ARN like "arn:aws:kms:eu-west-1:123456789012:key/..." (not an alias: the service needs the key itself), ` +
        'got "arn:aws:kms:eu-west-1:123456789012:alias/db".',
    );
  });

  test('an AWS platform without a network', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(() => new ReplicatedDatabase(stack, 'db', { platform: Platform.aws({} as any), engine: pg })).toThrow(
      `${PREFIX}: \`platform.network\` must be an INetwork, e.g. a MultiAzNetwork, got nothing. Pass \`Platform.aws({ network })\`.`,
    );
  });

  test('a cross-region replication without provider or network, or with a network and multiAz of the wrong type', () => {
    expect(errorOn((stack) => ({ platform: Platform.aws({ network: new MultiAzNetwork(stack, 'network', { flowLogs: { enabled: false } }) }), replication: Replication.crossRegion({} as any) }))).toBe(
      `${PREFIX} has 2 invalid props:\n` +
        '  - `replication.provider` must be an AwsProvider for the disaster-recovery region.\n' +
        '  - `replication.network` must be an INetwork in the disaster-recovery region, e.g. `MultiAzNetwork.fromExisting(...)`, got nothing.',
    );
    expect(
      errorOn((stack) => {
        const dr = new AwsProvider(stack, 'dr', { region: 'eu-central-1', alias: 'dr' });
        const network = new MultiAzNetwork(stack, 'network', { flowLogs: { enabled: false } });
        return { platform: Platform.aws({ network }), replication: Replication.crossRegion({ provider: dr, network: 'vpc-1' as any, multiAz: 'yes' as any }) };
      }),
    ).toBe(
      `${PREFIX} has 2 invalid props:\n` +
        '  - `replication.network` must be an INetwork in the disaster-recovery region, e.g. `MultiAzNetwork.fromExisting(...)`, got "vpc-1".\n' +
        '  - `replication.multiAz` must be true or false, got "yes".',
    );
  });

  test('counts known only at deploy time are refused: they decide how many instances are rendered', () => {
    const count = (stack: TerraformStack) => new TerraformVariable(stack, 'count', { type: 'number' }).numberValue;
    expect(errorOn((stack) => ({ platform: Platform.aws({ network: new MultiAzNetwork(stack, 'network', { flowLogs: { enabled: false } }) }), replication: Replication.multiAz({ readReplicas: count(stack) }) }))).toBe(
      `${PREFIX}: \`replication.readReplicas\` must be a number known at synth time, not a Terraform token: it decides how many replicas are rendered.`,
    );
    expect(
      errorOn((stack) => ({
        platform: Platform.aws({ network: new MultiAzNetwork(stack, 'network', { flowLogs: { enabled: false } }) }),
        engine: aurora,
        replication: Replication.aurora({ readers: count(stack) }),
      })),
    ).toBe(`${PREFIX}: \`replication.readers\` must be a number known at synth time, not a Terraform token: it decides how many readers are rendered.`);
  });

  test('property: any string that is not a member name is rejected as a removal policy', () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !Object.values(DatabaseRemovalPolicy).includes(s as DatabaseRemovalPolicy)), (policy) => {
        expect(js({ engine: pg, removalPolicy: policy })).toBe(
          `${PREFIX}: \`removalPolicy\` must be one of DatabaseRemovalPolicy.RETAIN, DatabaseRemovalPolicy.SNAPSHOT, DatabaseRemovalPolicy.DESTROY, got ${JSON.stringify(policy)}.`,
        );
      }),
      { numRuns: 25 },
    );
  });

  test('the member names are what plain JavaScript passes', () => {
    const { network, stack } = (() => {
      const s = new TerraformStack(Testing.app(), 'stack');
      return { stack: s, network: new MultiAzNetwork(s, 'network', { flowLogs: { enabled: false } }) };
    })();
    const db = new ReplicatedDatabase(stack, 'db', {
      platform: Platform.aws({ network }),
      engine: pg,
      removalPolicy: 'SNAPSHOT' as DatabaseRemovalPolicy,
      storage: { storageType: 'IO1' as DatabaseStorageType, allocatedStorage: 100, iops: 3000 },
    });
    const instance = Object.values(JSON.parse(Testing.synth(stack)).resource.aws_db_instance as Record<string, any>)[0];
    expect(instance).toMatchObject({ storage_type: 'io1', deletion_protection: false, skip_final_snapshot: false });
    expect(db.replication.topology).toBe('MULTI_AZ');
  });
});

describe('ReplicatedDatabase validation: properties', () => {
  test('property: any backup retention outside 1 to 35 whole days is rejected with the same message', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 0 }), fc.integer({ min: 36, max: 3650 })), (days) => {
        expect(dbError({ engine: pg, backupRetention: Duration.days(days) })).toBe(
          `${PREFIX}: \`backupRetention\` must be a whole number of days from 1d to 35d (automated backups and point-in-time recovery cannot be turned off), got ${days}d.`,
        );
      }),
      { numRuns: 25 },
    );
  });

  test('property: any string that is not a hh24:mi-hh24:mi window is rejected as a backup window', () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(s)), (window) => {
        expect(dbError({ engine: pg, backupWindow: window })).toBe(
          `${PREFIX}: \`backupWindow\` must be a daily UTC window like "03:00-04:00", got ${JSON.stringify(window)}.`,
        );
      }),
      { numRuns: 25 },
    );
  });

  test('property: windows are rejected exactly when a backup minute falls in the maintenance window', () => {
    const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    const hhmm = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 30, max: 180 }),
        fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 30, max: 600 }),
        (backupStart, backupLength, day, maintenanceStart, maintenanceLength) => {
          const backupWindow = `${hhmm(backupStart)}-${hhmm((backupStart + backupLength) % 1440)}`;
          const mStart = day * 1440 + maintenanceStart;
          const mEnd = (mStart + maintenanceLength) % 10080;
          const maintenanceWindow = `${days[Math.floor(mStart / 1440)]}:${hhmm(mStart % 1440)}-${days[Math.floor(mEnd / 1440)]}:${hhmm(mEnd % 1440)}`;
          // Independent check: walk the maintenance window minute by minute, asking if the backup runs then.
          let overlaps = false;
          for (let i = 0; i < maintenanceLength; i++) {
            const minuteOfDay = (mStart + i) % 1440;
            if ((minuteOfDay - backupStart + 1440) % 1440 < backupLength) {
              overlaps = true;
            }
          }
          const stack = new TerraformStack(Testing.app(), 'stack');
          const network = new MultiAzNetwork(stack, 'network', { flowLogs: { enabled: false } });
          let message = '';
          try {
            new ReplicatedDatabase(stack, 'db', { platform: Platform.aws({ network }), engine: pg, backupWindow, maintenanceWindow });
          } catch (e) {
            message = (e as Error).message;
          }
          expect(message).toBe(
            overlaps
              ? `${PREFIX}: \`maintenanceWindow\` must not overlap the daily backup window (${backupWindow}), got ${JSON.stringify(maintenanceWindow)}. Move one of the windows.`
              : '',
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  test('property: Aurora readers are accepted exactly when one of them is outside the writer\'s zone', () => {
    const zones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.array(fc.constantFrom(...zones), { minLength: 1, maxLength: 5 }), (writerZone, readerZones) => {
        const stack = new TerraformStack(Testing.app(), 'stack');
        const network = new MultiAzNetwork(stack, 'network', { availabilityZones: zones, flowLogs: { enabled: false } });
        let message = '';
        try {
          new ReplicatedDatabase(stack, 'db', { platform: Platform.aws({ network }), engine: aurora, replication: Replication.aurora({ writerZone, readerZones }) });
        } catch (e) {
          message = (e as Error).message;
        }
        const allInWriterZone = readerZones.every((z) => z === writerZone);
        expect(message).toBe(
          allInWriterZone
            ? `${PREFIX}: \`replication.readerZones\` must put at least one reader outside the writer's zone (${writerZone}) so a failover survives the loss of that zone, got ${JSON.stringify(readerZones).replace(/,/g, ', ')}. Move a reader to another zone.`
            : '',
        );
      }),
      { numRuns: 30 },
    );
  });

  test('property: any PostgreSQL major version outside 11 to 18 is rejected', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 19, max: 99 })), fc.integer({ min: 0, max: 20 }), (major, minor) => {
        expect(dbError({ engine: DatabaseEngine.postgres(`${major}.${minor}`) })).toBe(
          `${PREFIX}: \`engine.version\` must be a PostgreSQL version this library can map to a parameter group family (major versions 11, 12, 13, 14, 15, 16, 17, 18), like "16.4", got "${major}.${minor}".`,
        );
      }),
      { numRuns: 25 },
    );
  });

  test('property: any port outside 1150 to 65535 is rejected', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -100, max: 1149 }), fc.integer({ min: 65536, max: 1_000_000 })), (port) => {
        expect(dbError({ engine: pg, port })).toBe(`${PREFIX}: \`port\` must be a whole number from 1150 to 65535, got ${port}.`);
      }),
      { numRuns: 25 },
    );
  });
});
