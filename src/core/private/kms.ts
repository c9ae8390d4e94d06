import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';

/** Partition, account and (optionally) region of the provider a construct renders with, as Terraform references. */
export interface AccountContext {
  readonly partition: string;
  readonly accountId: string;
  /** Present when requested: `accountContext(scope, { region: true })`. */
  readonly region?: string;
}

/**
 * Reads the partition, account id and region through data sources created under `scope` (ids `Partition`,
 * `Account`, `Region`; an id suffix distinguishes a second provider's lookups).
 */
export function accountContext(
  scope: Construct,
  options: { readonly region?: boolean; readonly provider?: AwsProvider; readonly idSuffix?: string } = {},
): AccountContext {
  const suffix = options.idSuffix ?? '';
  const find = <T>(id: string, create: () => T): T => (scope.node.tryFindChild(id) as T | undefined) ?? create();
  const partition = find(`Partition${suffix}`, () => new DataAwsPartition(scope, `Partition${suffix}`, { provider: options.provider }));
  const account = find(`Account${suffix}`, () => new DataAwsCallerIdentity(scope, `Account${suffix}`, { provider: options.provider }));
  const region = options.region
    ? find(`Region${suffix}`, () => new DataAwsRegion(scope, `Region${suffix}`, { provider: options.provider }))
    : undefined;
  return { partition: partition.partition, accountId: account.accountId, region: region?.region };
}

/** The key-policy statement that keeps the account (its IAM policies) in control of a key. */
export function accountAdministrationStatement(ctx: AccountContext): Record<string, unknown> {
  return {
    Sid: 'AccountAdministration',
    Effect: 'Allow',
    Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` },
    Action: 'kms:*',
    Resource: '*',
  };
}

/** The key-policy statement that lets CloudWatch Logs encrypt the log groups matching any of the patterns. */
export function cloudWatchLogsStatement(ctx: AccountContext, ...logGroupPatterns: string[]): Record<string, unknown> {
  if (!ctx.region) {
    throw new Error('cloudWatchLogsStatement needs the region: call accountContext(scope, { region: true })');
  }
  return {
    Sid: 'CloudWatchLogsEncryption',
    Effect: 'Allow',
    Principal: { Service: `logs.${ctx.region}.amazonaws.com` },
    Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    Resource: '*',
    Condition: {
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': oneOrMany(
          logGroupPatterns.map((pattern) => `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${pattern}`),
        ),
      },
    },
  };
}

function oneOrMany(values: string[]): string | string[] {
  return values.length === 1 ? values[0] : values;
}

export interface EncryptionKeyOptions {
  readonly description: string;
  /** Statements after the account administration one. */
  readonly statements: Array<Record<string, unknown>>;
  readonly tags: Record<string, string>;
  /** Add `lifecycle.prevent_destroy` (keys that encrypt data). */
  readonly retain?: boolean;
  readonly provider?: AwsProvider;
}

/**
 * A customer-managed KMS key with yearly rotation, a 30-day deletion window and a policy that keeps the account
 * in control and admits only the given service statements.
 */
export function encryptionKey(scope: Construct, id: string, ctx: AccountContext, options: EncryptionKeyOptions): KmsKey {
  return new KmsKey(scope, id, {
    provider: options.provider,
    description: options.description,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [accountAdministrationStatement(ctx), ...options.statements],
    }),
    lifecycle: options.retain ? { preventDestroy: true } : undefined,
    tags: options.tags,
  });
}
