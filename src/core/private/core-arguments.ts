/*
 * The arguments of core's factories (Platform, SecretRef, AlarmDestination) as they arrive at run time: the right
 * types and only known props, thrown at once as one error naming the factory.
 */
import { isBranded } from './brand';
import { KnownProps, RenamedProps, checkStruct, isNetworkShape, isRecord } from './runtime';
import { isWebUrl } from './urls';
import { PropValidator, isUnresolved } from './validation';
import type { AzureBlobStorageBackupStoreOptions, GoogleCloudStorageBackupStoreOptions, S3BackupStoreOptions } from '../backup-store';
import type { AwsPlatformProps, KubernetesPlatformProps } from '../platform';

const AWS: KnownProps<AwsPlatformProps> = { network: true, alarms: true, compute: true };
const KUBERNETES: KnownProps<KubernetesPlatformProps> = { namespaceName: true, alerting: true, backupStore: true };

/** `Platform.aws(props)`. */
export function checkAwsPlatformProps(props: unknown): void {
  const v = new PropValidator('Platform.aws');
  if (checkStruct(v, '', props, AWS, { example: '{ network, alarms }', required: true, renamed: { vpc: 'Use `network` (a MultiAzNetwork, or MultiAzNetwork.fromExisting(...)).', alarmTopic: 'Use `alarms`.' } }) && isRecord(props)) {
    v.require('network', props.network, isNetworkShape(props.network), 'must be a network (an INetwork such as a MultiAzNetwork or MultiAzNetwork.fromExisting(...))');
    if (props.alarms !== undefined) {
      const arns = (props.alarms as { alarmActionArns?: unknown } | null)?.alarmActionArns;
      v.require('alarms', props.alarms, Array.isArray(arns), 'must be an alarm destination (an AlarmTopic, or AlarmDestination.fromArns(...))');
    }
  }
  v.throwIfInvalid();
}

/** `Platform.kubernetes(props)`. */
export function checkKubernetesPlatformProps(props: unknown): void {
  const v = new PropValidator('Platform.kubernetes');
  if (checkStruct(v, '', props, KUBERNETES, { example: "{ namespaceName: 'shop' }", renamed: { namespace: 'It was renamed to `namespaceName`.' } }) && isRecord(props)) {
    if (props.namespaceName !== undefined && !isUnresolved(props.namespaceName)) {
      v.require('namespaceName', props.namespaceName, typeof props.namespaceName === 'string', 'must be a namespace name, e.g. "shop"');
    }
    if (props.alerting !== undefined) {
      const alerting = props.alerting as { monitorWorkload?: unknown } | null;
      v.require('alerting', props.alerting, typeof alerting?.monitorWorkload === 'function', 'must be an alert routing (an HaAlertmanager)');
    }
    if (props.backupStore !== undefined) {
      v.require('backupStore', props.backupStore, isBranded(props.backupStore, 'BackupStore'), "must be a BackupStore, e.g. `BackupStore.s3({ destinationPath: 's3://acme-db-backups/shop/' })`");
    }
  }
  v.throwIfInvalid();
}

/** A SecretRef factory's arguments: strings (never echoed: a value passed by mistake may be the secret itself). */
export function checkSecretRefArguments(factory: string, args: Array<[string, unknown, boolean]>): void {
  const v = new PropValidator(factory);
  for (const [name, value, required] of args) {
    if (value === undefined && !required) {
      continue;
    }
    if (typeof value !== 'string') {
      v.fail(`\`${name}\` must be a string, got ${value === undefined ? 'nothing' : value === null ? 'null' : `a value of type ${Array.isArray(value) ? 'list' : typeof value}`}.`);
    }
  }
  v.throwIfInvalid();
}

/** `SecretRef.terraformVariable(variable)`: a TerraformVariable. */
export function checkTerraformVariable(variable: unknown): void {
  const v = new PropValidator('SecretRef.terraformVariable');
  const looksLike = typeof variable === 'object' && variable !== null && typeof (variable as { friendlyUniqueId?: unknown }).friendlyUniqueId === 'string' && 'stringValue' in variable;
  if (!looksLike) {
    v.fail(`\`variable\` must be a TerraformVariable declared with \`sensitive: true\` and no default, got ${typeof variable === 'string' ? 'a plain string (not shown)' : variable === undefined ? 'nothing' : `a value of type ${typeof variable}`}.`);
  }
  v.throwIfInvalid();
}

/** `AlarmDestination.fromArns(...arns)`: ARNs as strings. */
export function checkAlarmArns(arns: unknown[]): void {
  const v = new PropValidator('AlarmDestination.fromArns');
  v.require('arns', arns, arns.length > 0, 'must list at least one ARN, e.g. an SNS topic\'s');
  arns.forEach((arn, i) => {
    if (!isUnresolved(arn)) {
      v.require(`arns[${i}]`, arn, typeof arn === 'string' && /^arn:aws[a-z-]*:[a-z0-9-]+:/.test(arn), 'must be an ARN like "arn:aws:sns:eu-west-1:123456789012:oncall"');
    }
  });
  v.throwIfInvalid();
}

const S3_STORE: KnownProps<S3BackupStoreOptions> = {
  destinationPath: true,
  accessKeyId: true,
  secretAccessKey: true,
  roleArn: true,
  endpointUrl: true,
  serverSideEncryption: true,
};
const GCS_STORE: KnownProps<GoogleCloudStorageBackupStoreOptions> = { destinationPath: true, applicationCredentials: true };
const AZURE_STORE: KnownProps<AzureBlobStorageBackupStoreOptions> = { destinationPath: true, connectionString: true };
const STORE_RENAMED: RenamedProps = {
  bucket: 'Give the bucket in `destinationPath` (e.g. "s3://acme-db-backups/shop/").',
  path: 'Use `destinationPath`.',
  endpoint: 'Use `endpointUrl`.',
  credentials: 'Give the credentials as SecretRefs in the store\'s own props (`accessKeyId`/`secretAccessKey`, `applicationCredentials`, `connectionString`).',
};

/**
 * A BackupStore factory's options: an object of known props, each of the right type. What depends on the store's
 * use (the path's scheme, the kind of the secrets, https) is judged by the database given the platform.
 */
export function checkBackupStoreOptions(factory: 'BackupStore.s3' | 'BackupStore.googleCloudStorage' | 'BackupStore.azureBlobStorage', options: unknown): void {
  const v = new PropValidator(factory);
  const known = factory === 'BackupStore.s3' ? S3_STORE : factory === 'BackupStore.googleCloudStorage' ? GCS_STORE : AZURE_STORE;
  const example = factory === 'BackupStore.s3' ? "{ destinationPath: 's3://acme-db-backups/shop/' }" : factory === 'BackupStore.googleCloudStorage' ? "{ destinationPath: 'gs://acme-db-backups/shop/' }" : "{ destinationPath: 'https://acmebackups.blob.core.windows.net/backups/shop/' }";
  if (checkStruct(v, '', options, known as KnownProps<unknown>, { example, renamed: STORE_RENAMED, required: true }) && isRecord(options)) {
    const path = options.destinationPath;
    if (!isUnresolved(path)) {
      v.require('destinationPath', path, typeof path === 'string' && path.length > 0, `is required: the bucket and path, like ${example.replace(/^\{ destinationPath: (.*) \}$/, '$1')}`);
    }
    for (const key of ['roleArn', 'endpointUrl'] as const) {
      const value = options[key];
      if (value !== undefined && !isUnresolved(value)) {
        v.require(key, value, typeof value === 'string', 'must be a string');
      }
    }
    if (typeof options.endpointUrl === 'string' && !isUnresolved(options.endpointUrl)) {
      v.require(
        'endpointUrl',
        options.endpointUrl,
        isWebUrl(options.endpointUrl, ['https:', 'http:']),
        'must be an http(s) URL like "https://minio.storage.svc:9000" (an IPv6 host in brackets: "https://[2001:db8::10]:9000")',
      );
    }
    if (options.serverSideEncryption !== undefined && !isUnresolved(options.serverSideEncryption)) {
      v.require('serverSideEncryption', options.serverSideEncryption, typeof options.serverSideEncryption === 'boolean', 'must be true or false');
    }
    for (const key of ['accessKeyId', 'secretAccessKey', 'applicationCredentials', 'connectionString']) {
      const value = options[key];
      if (value !== undefined && !isBranded(value, 'SecretRef')) {
        const got = typeof value === 'string' ? 'a plain string (not shown)' : `a value of type ${value === null ? 'null' : typeof value}`;
        v.fail(`\`${key}\` must be a SecretRef, got ${got}. Secrets never belong in code: use SecretRef.kubernetes(secretName, key).`);
      }
    }
  }
  v.throwIfInvalid();
}
