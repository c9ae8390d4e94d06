import { Token } from 'cdktf';
import { validateSecretRef } from './secrets';
import { PropValidator } from './validation';
import { BackupStore, BackupStoreKind } from '../backup-store';
import type { SecretRef } from '../secret-ref';
import { SecretRefKind } from '../secret-ref';

/** What a {@link BackupStore} holds, as the renderers read it. */
export type BackupStoreDescription =
  | {
    readonly kind: BackupStoreKind.S3;
    readonly destinationPath: string;
    readonly accessKeyId?: SecretRef;
    readonly secretAccessKey?: SecretRef;
    readonly roleArn?: string;
    readonly endpointUrl?: string;
    readonly serverSideEncryption?: boolean;
  }
  | { readonly kind: BackupStoreKind.GOOGLE_CLOUD_STORAGE; readonly destinationPath: string; readonly applicationCredentials?: SecretRef }
  | { readonly kind: BackupStoreKind.AZURE_BLOB_STORAGE; readonly destinationPath: string; readonly connectionString?: SecretRef }
  | { readonly kind: BackupStoreKind.NONE };

const PATH_SCHEME: Record<Exclude<BackupStoreKind, BackupStoreKind.NONE>, { readonly pattern: RegExp; readonly example: string }> = {
  [BackupStoreKind.S3]: { pattern: /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^\s]*)?$/, example: 's3://acme-db-backups/shop/' },
  [BackupStoreKind.GOOGLE_CLOUD_STORAGE]: { pattern: /^gs:\/\/[a-z0-9][a-z0-9._-]{1,220}[a-z0-9](\/[^\s]*)?$/, example: 'gs://acme-db-backups/shop/' },
  [BackupStoreKind.AZURE_BLOB_STORAGE]: {
    pattern: /^https:\/\/[a-z0-9]{3,24}\.blob\.core\.windows\.net\/[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9](\/[^\s]*)?$/,
    example: 'https://acmebackups.blob.core.windows.net/backups/shop/',
  },
};
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/;
const HTTP_URL = /^https?:\/\/[^\s/]+(\/[^\s]*)?$/;

/** Why `value` is not a usable {@link BackupStore}, as problems of `prop`. */
export function validateBackupStore(v: PropValidator, prop: string, value: unknown): void {
  if (!BackupStore.isBackupStore(value)) {
    v.require(prop, value, false, 'must be a BackupStore, e.g. `BackupStore.s3({ destinationPath: \'s3://bucket/path/\' })`');
    return;
  }
  const d = (value as BackupStore)._describe();
  if (!Object.values(BackupStoreKind).includes(d.kind)) {
    v.enumValue(`${prop}.kind`, d.kind, BackupStoreKind, 'BackupStoreKind');
    return;
  }
  if (d.kind === BackupStoreKind.NONE) {
    return;
  }
  const scheme = PATH_SCHEME[d.kind];
  v.require(
    `${prop}.destinationPath`,
    d.destinationPath,
    () => typeof d.destinationPath === 'string' && scheme.pattern.test(d.destinationPath),
    `must be a bucket path like "${scheme.example}"`,
  );
  const secret = (name: string, ref: SecretRef | undefined) => {
    if (ref !== undefined) {
      validateSecretRef(v, `${prop}.${name}`, ref, [SecretRefKind.KUBERNETES], 'for an object store (the backup tools read it from the pods)');
    }
  };
  switch (d.kind) {
    case BackupStoreKind.S3: {
      secret('accessKeyId', d.accessKeyId);
      secret('secretAccessKey', d.secretAccessKey);
      if ((d.accessKeyId === undefined) !== (d.secretAccessKey === undefined)) {
        v.fail(`\`${prop}.accessKeyId\` and \`${prop}.secretAccessKey\` go together: give both, or neither to use the pods' IAM role.`);
      }
      if (d.roleArn !== undefined) {
        v.require(`${prop}.roleArn`, d.roleArn, () => typeof d.roleArn === 'string' && ROLE_ARN.test(d.roleArn), 'must be an IAM role ARN like "arn:aws:iam::123456789012:role/db-backups"');
        if (d.accessKeyId !== undefined) {
          v.fail(`\`${prop}.roleArn\` conflicts with \`${prop}.accessKeyId\`: the pods either assume the role or use the static keys. Remove one of them.`);
        }
      }
      if (d.endpointUrl !== undefined) {
        v.require(`${prop}.endpointUrl`, d.endpointUrl, () => typeof d.endpointUrl === 'string' && HTTP_URL.test(d.endpointUrl), 'must be an http(s) URL like "https://minio.storage.svc:9000"');
        if (typeof d.endpointUrl === 'string' && !Token.isUnresolved(d.endpointUrl) && d.endpointUrl.startsWith('http://')) {
          v.require(
            `${prop}.endpointUrl`,
            d.endpointUrl,
            false,
            'must use https: base backups and the WAL archive hold every row of the database',
            'Serve the store over TLS.',
          );
        }
      }
      if (d.serverSideEncryption !== undefined) {
        v.require(`${prop}.serverSideEncryption`, d.serverSideEncryption, typeof d.serverSideEncryption === 'boolean', 'must be true or false');
      }
      break;
    }
    case BackupStoreKind.GOOGLE_CLOUD_STORAGE:
      secret('applicationCredentials', d.applicationCredentials);
      break;
    case BackupStoreKind.AZURE_BLOB_STORAGE:
      secret('connectionString', d.connectionString);
      break;
  }
}
