import type { BackupStoreDescription } from './private/backup-store';
import { brand, isBranded } from './private/brand';
import type { SecretRef } from './secret-ref';

/**
 * Where a {@link BackupStore} keeps backups.
 */
export enum BackupStoreKind {
  /** Amazon S3, or an S3-compatible store (MinIO, Ceph RGW, ...) with `endpointUrl`. */
  S3 = 'S3',
  /** Google Cloud Storage. */
  GOOGLE_CLOUD_STORAGE = 'GOOGLE_CLOUD_STORAGE',
  /** Azure Blob Storage. */
  AZURE_BLOB_STORAGE = 'AZURE_BLOB_STORAGE',
  /** No backups at all (an explicit opt-out). */
  NONE = 'NONE',
}

/**
 * Options of {@link BackupStore.s3}.
 */
export interface S3BackupStoreOptions {
  /**
   * The bucket and path every database on the platform writes under, e.g. `s3://acme-db-backups/shop/`. Each
   * database keeps its base backups and WAL archive in a folder of its own below it (`<namespace>-<name>`).
   */
  readonly destinationPath: string;
  /**
   * The access key id, a key of a Kubernetes Secret (`SecretRef.kubernetes(secretName, key)`). Give it with
   * `secretAccessKey`, or neither (then the pods' IAM role is used).
   * @default - no static keys: the pods' IAM role is used (EKS Pod Identity, or IRSA with `roleArn`)
   */
  readonly accessKeyId?: SecretRef;
  /**
   * The secret access key, a key of a Kubernetes Secret. Give it with `accessKeyId`.
   * @default - no static keys: the pods' IAM role is used
   */
  readonly secretAccessKey?: SecretRef;
  /**
   * The IAM role the database pods assume through IAM roles for service accounts (IRSA): annotated on the pods'
   * service account as `eks.amazonaws.com/role-arn`. Only without static keys.
   * @default - no annotation: EKS Pod Identity (an association made outside this stack) or the node's role
   */
  readonly roleArn?: string;
  /**
   * The endpoint of an S3-compatible store (`https://minio.storage.svc:9000`). Use HTTPS: base backups and WAL hold
   * every row of the database.
   * @default - Amazon S3
   */
  readonly endpointUrl?: string;
  /**
   * Ask S3 to encrypt every object (`AES256`, SSE-S3). S3-compatible stores may not support it.
   * @default - true on Amazon S3, false with `endpointUrl`
   */
  readonly serverSideEncryption?: boolean;
}

/**
 * Options of {@link BackupStore.googleCloudStorage}.
 */
export interface GoogleCloudStorageBackupStoreOptions {
  /** The bucket and path, e.g. `gs://acme-db-backups/shop/`. */
  readonly destinationPath: string;
  /**
   * A service account key (JSON), a key of a Kubernetes Secret.
   * @default - GKE Workload Identity: the pods' Kubernetes service account is bound to a Google service account
   */
  readonly applicationCredentials?: SecretRef;
}

/**
 * Options of {@link BackupStore.azureBlobStorage}.
 */
export interface AzureBlobStorageBackupStoreOptions {
  /** The container and path, e.g. `https://acmebackups.blob.core.windows.net/backups/shop/`. */
  readonly destinationPath: string;
  /**
   * The storage account connection string, a key of a Kubernetes Secret.
   * @default - Microsoft Entra Workload ID (`inheritFromAzureAD`)
   */
  readonly connectionString?: SecretRef;
}

/**
 * An object store that databases on a platform back up to (base backups and the continuous WAL archive, which
 * make point-in-time recovery possible). Given once, to `Platform.kubernetes({ backupStore })`; every
 * `ReplicatedDatabase` on that platform writes below it in a folder of its own. Credentials are references only.
 *
 * ```ts
 * BackupStore.s3({ destinationPath: 's3://acme-db-backups/shop/' });               // the pods' IAM role
 * BackupStore.s3({
 *   destinationPath: 's3://backups/shop/',
 *   endpointUrl: 'https://minio.storage.svc:9000',
 *   accessKeyId: SecretRef.kubernetes('minio', 'ACCESS_KEY_ID'),
 *   secretAccessKey: SecretRef.kubernetes('minio', 'ACCESS_SECRET_KEY'),
 * });
 * ```
 */
export class BackupStore {
  /** Amazon S3 or an S3-compatible store. */
  public static s3(options: S3BackupStoreOptions): BackupStore {
    return new BackupStore({ kind: BackupStoreKind.S3, ...options });
  }

  /** Google Cloud Storage. */
  public static googleCloudStorage(options: GoogleCloudStorageBackupStoreOptions): BackupStore {
    return new BackupStore({ kind: BackupStoreKind.GOOGLE_CLOUD_STORAGE, ...options });
  }

  /** Azure Blob Storage. */
  public static azureBlobStorage(options: AzureBlobStorageBackupStoreOptions): BackupStore {
    return new BackupStore({ kind: BackupStoreKind.AZURE_BLOB_STORAGE, ...options });
  }

  /**
   * No backups. **Loses point-in-time recovery and any copy of the data outside the cluster**: a bad migration, a
   * deleted table or the loss of every volume cannot be undone. The resilience checks report it (FT-CNPG-3).
   */
  public static none(): BackupStore {
    return new BackupStore({ kind: BackupStoreKind.NONE });
  }

  /** Whether `value` is a `BackupStore` (also across copies of this library in one process). */
  public static isBackupStore(value: unknown): boolean {
    return isBranded(value, 'BackupStore');
  }

  /** Where backups are kept. */
  public readonly kind: BackupStoreKind;

  private readonly description: BackupStoreDescription;

  private constructor(description: BackupStoreDescription) {
    this.kind = description.kind;
    this.description = description;
    brand(this, 'BackupStore');
  }

  /**
   * Where and how to write, for the renderers.
   * @internal
   */
  public _describe(): BackupStoreDescription {
    return this.description;
  }
}
