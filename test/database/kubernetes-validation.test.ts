import * as fc from 'fast-check';
import { dbError, k8sDbError } from './helpers';
import { BackupStore, DatabaseEngine, DatabaseRemovalPolicy, DatabaseStorageType, Duration, Replication, SecretRef } from '../../src';

const PREFIX = 'ReplicatedDatabase "stack/db"';
const pg = DatabaseEngine.postgres('16');

/** The one problem of a declaration on Kubernetes. */
function problem(props: object, platform: object = {}): string {
  const message = k8sDbError({ engine: pg, ...props }, platform);
  expect(message.startsWith(`${PREFIX}: `)).toBe(true);
  return message.slice(PREFIX.length + 2);
}

describe('ReplicatedDatabase validation on Kubernetes: one problem, one exact message', () => {
  test.each<[string, object, object, string]>([
    ['a namespace that is not a DNS label', {}, { namespaceName: 'Shop' }, '`platform.namespaceName` must be a namespace name (a DNS label: lower-case letters, digits and "-"), got "Shop".'],
    ['a bucket path without a scheme', {}, { backupStore: BackupStore.s3({ destinationPath: 'bucket' }) }, '`platform.backupStore.destinationPath` must be a bucket path like "s3://acme-db-backups/shop/", got "bucket".'],
    ['a plain string as a key, never echoed', {}, { backupStore: BackupStore.s3({ destinationPath: 's3://bkt/', accessKeyId: 'AKIA-SECRET' as any, secretAccessKey: SecretRef.kubernetes('s', 'k') }) },
      '`platform.backupStore.accessKeyId` must be a SecretRef, got a plain string (not shown). Secrets never belong in code: use SecretRef.kubernetes(secretName, key).'],
    ['an AWS secret for an object store', {}, { backupStore: BackupStore.googleCloudStorage({ destinationPath: 'gs://bkt/', applicationCredentials: SecretRef.awsSecretsManager('arn:aws:secretsmanager:eu-west-1:123456789012:secret:gcs-AbCdEf') }) },
      '`platform.backupStore.applicationCredentials` is SecretRef.awsSecretsManager("arn:aws:secretsmanager:eu-west-1:123456789012:secret:gcs-AbCdEf"), which cannot be used for an object store (the backup tools read it from the pods). Use SecretRef.kubernetes(secretName, key).'],
    ['one S3 key without the other', {}, { backupStore: BackupStore.s3({ destinationPath: 's3://bkt/', secretAccessKey: SecretRef.kubernetes('s', 'k') }) },
      '`platform.backupStore.accessKeyId` and `platform.backupStore.secretAccessKey` go together: give both, or neither to use the pods\' IAM role.'],
    ['a malformed role ARN', {}, { backupStore: BackupStore.s3({ destinationPath: 's3://bkt/', roleArn: 'db-backups' }) },
      '`platform.backupStore.roleArn` must be an IAM role ARN like "arn:aws:iam::123456789012:role/db-backups", got "db-backups".'],
    ['a plain-HTTP object store', {}, { backupStore: BackupStore.s3({ destinationPath: 's3://bkt/', endpointUrl: 'http://minio:9000' }) },
      '`platform.backupStore.endpointUrl` must use https: base backups and the WAL archive hold every row of the database, got "http://minio:9000". Serve the store over TLS.'],
    ['an Azure container name of 2 letters', {}, { backupStore: BackupStore.azureBlobStorage({ destinationPath: 'https://acme.blob.core.windows.net/db/' }) },
      '`platform.backupStore.destinationPath` must be a bucket path like "https://acmebackups.blob.core.windows.net/backups/shop/", got "https://acme.blob.core.windows.net/db/".'],
    ['a value that is not a BackupStore', {}, { backupStore: 's3://bkt/' as any }, '`platform.backupStore` must be a BackupStore, e.g. `BackupStore.s3({ destinationPath: \'s3://bucket/path/\' })`, got "s3://bkt/".'],
    ['MySQL', { engine: DatabaseEngine.mysql('8.0') }, {}, '`engine` must be DatabaseEngine.postgres() on Kubernetes: CloudNativePG runs PostgreSQL, got "MYSQL". Use Platform.aws({ network }) for MySQL and Aurora.'],
    ['PostgreSQL 13', { engine: DatabaseEngine.postgres('13') }, {},
      '`engine.version` must be a PostgreSQL version CloudNativePG\'s community images are published for (major versions 14, 15, 16, 17, 18), like "16" or "16.4", got "13".'],
    ['Aurora replication', { replication: Replication.aurora() }, {},
      '`replication` must be Replication.multiAz() on Kubernetes, got Replication.aurora(), which only RDS renders. CloudNativePG runs a primary and streaming standbys: Replication.multiAz({ readReplicas }) adds standbys.'],
    ['9 read replicas', { replication: Replication.multiAz({ readReplicas: 9 }) }, {}, '`replication.readReplicas` must be a whole number from 0 to 5 (each adds a standby to the 3 instances), got 9.'],
    ['an unpinned image', { image: 'postgres:latest' }, {}, '`image` must name a fixed version (a tag other than "latest", or a digest) so every instance runs the same PostgreSQL, got "postgres:latest".'],
    ['an image of another major version', { image: 'ghcr.io/cloudnative-pg/postgresql:17-standard-trixie' }, {},
      '`image` must have a tag that starts with the engine\'s major version (16), as CloudNativePG reads the version from it, got "ghcr.io/cloudnative-pg/postgresql:17-standard-trixie". E.g. "ghcr.io/cloudnative-pg/postgresql:16-standard-trixie".'],
    ['instanceClass', { instanceClass: 'db.r7g.large' }, {}, '`instanceClass` is only supported on AWS, got "db.r7g.large". Size the instances with `cpu` and `memory` on Kubernetes.'],
    ['storageEncrypted', { storageEncrypted: false }, {},
      '`storageEncrypted` is only supported on AWS, got false. Encryption at rest on Kubernetes is the storage class\'s: choose an encrypting class in `storage.storageClassName`.'],
    ['alarms', { alarms: {} }, {}, '`alarms` is only supported on AWS, got {}. On Kubernetes the alerting rules go to the platform\'s `alerting` (an HaAlertmanager).'],
    ['another port', { port: 5433 }, {}, '`port` must be 5432 on Kubernetes: CloudNativePG always listens on it, got 5433. Remove it.'],
    ['a storage type', { storage: { storageType: DatabaseStorageType.IO2 } }, {},
      '`storage.storageType` is only supported on AWS, got "IO2". The storage class decides the volume type on Kubernetes: use `storage.storageClassName`.'],
    ['storage autoscaling', { storage: { maxAllocatedStorage: 100 } }, {},
      '`storage.maxAllocatedStorage` is only supported on AWS, got 100. CloudNativePG grows a volume when `storage.allocatedStorage` is raised (if the storage class allows expansion).'],
    ['a storage class that is not a name', { storage: { storageClassName: 'Fast_SSD' } }, {}, '`storage.storageClassName` must be a storage class name (lower-case letters, digits, "-" and "."), got "Fast_SSD".'],
    ['zero CPU', { cpu: '0' }, {}, '`cpu` must be a positive Kubernetes quantity like "500m", "1" or "2", got "0".'],
    ['memory in words', { memory: 'lots' }, {}, '`memory` must be a positive Kubernetes quantity like "2Gi", got "lots".'],
    ['the postgres database', { databaseName: 'postgres' }, {},
      '`databaseName` must be 1 to 63 letters, digits or underscores starting with a letter, other than "postgres" and the templates, got "postgres".'],
    ['a retention in hours', { backupRetention: Duration.hours(5) }, {},
      '`backupRetention` must be a whole number of days from 1d to 3653d (the object store keeps base backups and WAL that long), got 5h.'],
    ['a backup window in words', { backupWindow: '3am' }, {}, '`backupWindow` must be a daily UTC window like "03:00-04:00" (the daily backup starts at its beginning), got "3am".'],
    ['a recovery point of two days', { recoveryPointObjective: Duration.days(2) }, {},
      '`recoveryPointObjective` must be a whole number of seconds up to 1d (zero, the default, means synchronous replication; more accepts losing up to that much in a failover), got 2d.'],
    ['a parameter the operator manages', { parameters: { archive_command: '/bin/true' } }, {},
      '`parameters.archive_command` cannot be set: CloudNativePG manages it (its admission webhook refuses the Cluster), got "/bin/true". Remove it.'],
    ['TLS 1.0', { parameters: { ssl_min_protocol_version: 'TLSv1' } }, {},
      '`parameters.ssl_min_protocol_version` must be "TLSv1.2" or "TLSv1.3": older protocols are broken, got "TLSv1". Remove it to keep CloudNativePG\'s TLSv1.3.'],
    ['asynchronous commits with synchronous replication', { parameters: { synchronous_commit: 'local' } }, {},
      '`parameters.synchronous_commit` must not be "off" or "local" with synchronous replication: commits would be acknowledged before a standby has them, got "local". Remove it, or accept data loss visibly with a non-zero `recoveryPointObjective`.'],
    ['allowSingleZone as a number', { allowSingleZone: 1 }, {}, '`allowSingleZone` must be true or false, got 1.'],
    ['a removal policy that does not exist', { removalPolicy: 'KEEP' }, {}, '`removalPolicy` must be one of DatabaseRemovalPolicy.RETAIN, DatabaseRemovalPolicy.SNAPSHOT, DatabaseRemovalPolicy.DESTROY, got "KEEP".'],
  ])('%s', (_name, props, platform, expected) => {
    expect(problem(props, platform)).toBe(expected);
  });

  test('asynchronous commits are fine with a non-zero recovery point', () => {
    expect(() => k8sDbError({ engine: pg, recoveryPointObjective: Duration.seconds(5), parameters: { synchronous_commit: 'local' } })).toThrow('expected a validation error');
  });

  test('every problem of a declaration at once, in one error', () => {
    const message = k8sDbError(
      { engine: pg, instanceClass: 'db.m7g.large', cpu: 'x', removalPolicy: DatabaseRemovalPolicy.RETAIN, tags: { a: 'b' } },
      { backupStore: BackupStore.s3({ destinationPath: 'nope' }) },
    );
    expect(message.split('\n')).toEqual([
      `${PREFIX} has 4 invalid props:`,
      '  - `platform.backupStore.destinationPath` must be a bucket path like "s3://acme-db-backups/shop/", got "nope".',
      '  - `instanceClass` is only supported on AWS, got "db.m7g.large". Size the instances with `cpu` and `memory` on Kubernetes.',
      '  - `tags` is only supported on AWS, got {"a":"b"}. Kubernetes objects carry the library\'s labels; tags are AWS only.',
      '  - `cpu` must be a positive Kubernetes quantity like "500m", "1" or "2", got "x".',
    ]);
  });

  test('a BackupStore.none() platform is valid', () => {
    expect(() => k8sDbError({ engine: pg }, { backupStore: BackupStore.none() })).toThrow('expected a validation error');
  });
});

describe('ReplicatedDatabase validation on AWS: the Kubernetes-only props', () => {
  test.each<[string, object, string]>([
    ['cpu', { cpu: '1' }, '`cpu` is only supported on Kubernetes, got "1". Use `instanceClass` on AWS.'],
    ['memory', { memory: '2Gi' }, '`memory` is only supported on Kubernetes, got "2Gi". Use `instanceClass` on AWS.'],
    ['image', { image: 'ghcr.io/cloudnative-pg/postgresql:16-standard-trixie' }, '`image` is only supported on Kubernetes, got "ghcr.io/cloudnative-pg/postgresql:16-standard-trixie". RDS runs the engine version of `engine`.'],
    ['allowSingleZone', { allowSingleZone: true }, '`allowSingleZone` is only supported on Kubernetes, got true. A Multi-AZ RDS database always keeps its standby in another zone.'],
    ['storage.storageClassName', { storage: { storageClassName: 'gp3' } }, '`storage.storageClassName` is only supported on Kubernetes, got "gp3". Use `storage.storageType` on AWS.'],
  ])('%s', (_name, props, expected) => {
    expect(dbError({ engine: pg, ...props })).toBe(`${PREFIX}: ${expected}`);
  });
});

describe('ReplicatedDatabase validation on Kubernetes: properties', () => {
  test('any string as cpu or memory is either accepted or reported once, naming the prop, never a TypeError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.constantFrom('cpu', 'memory'), (value, prop) => {
        let message: string | undefined;
        try {
          k8sDbError({ engine: pg, [prop]: value });
        } catch (e) {
          message = (e as Error).message; // "expected a validation error": the value was accepted
        }
        if (message === 'expected a validation error') {
          expect(/^(\d+(\.\d+)?|\.\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.test(value) && Number.parseFloat(value) > 0).toBe(true);
        } else {
          const text = k8sDbError({ engine: pg, [prop]: value });
          expect(text).toBe(`${PREFIX}: \`${prop}\` must be a positive Kubernetes quantity like ${prop === 'cpu' ? '"500m", "1" or "2"' : '"2Gi"'}, got ${JSON.stringify(value)}.`);
        }
      }),
      { numRuns: 60 },
    );
  });
});
