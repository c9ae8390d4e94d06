import { TerraformVariable } from 'cdktf';
import { brand, isBranded } from './private/brand';
import { checkSecretRefArguments, checkTerraformVariable } from './private/core-arguments';
import type { SecretRefDescription } from './private/secrets';

/**
 * Where a {@link SecretRef} reads the secret from.
 */
export enum SecretRefKind {
  /** A key of a Kubernetes Secret that already exists in the namespace. */
  KUBERNETES = 'KUBERNETES',
  /** An AWS Secrets Manager secret (or one JSON key of it). */
  AWS_SECRETS_MANAGER = 'AWS_SECRETS_MANAGER',
  /** A Terraform variable declared `sensitive: true`, without a default. */
  TERRAFORM_VARIABLE = 'TERRAFORM_VARIABLE',
  /** An AWS Systems Manager Parameter Store parameter (a `SecureString`). */
  AWS_SSM_PARAMETER = 'AWS_SSM_PARAMETER',
}

/**
 * A reference to a secret (a password, a PagerDuty routing key, a Slack webhook URL): the one way every construct
 * of this library takes one. Secrets never appear in code: a plain string is rejected without being echoed, and no
 * value lands in the synthesized configuration.
 *
 * ```ts
 * SecretRef.kubernetes('pagerduty', 'routing-key');                     // an existing Kubernetes Secret
 * SecretRef.awsSecretsManager(db.masterUserSecretArn, 'password');      // an AWS Secrets Manager secret
 * SecretRef.terraformVariable(new TerraformVariable(this, 'slack_webhook', { type: 'string', sensitive: true }));
 * ```
 *
 * Each construct says which kinds its platform can use.
 */
export class SecretRef {
  /**
   * The key `key` of the Kubernetes Secret `secretName`, which must exist in the construct's namespace. It is read
   * by the pods (mounted as a file or passed with `secretKeyRef`): the value never passes through Terraform.
   */
  public static kubernetes(secretName: string, key: string): SecretRef {
    checkSecretRefArguments('SecretRef.kubernetes', [['secretName', secretName, true], ['key', key, true]]);
    return new SecretRef({ kind: SecretRefKind.KUBERNETES, secretName, key });
  }

  /**
   * An AWS Secrets Manager secret, read at run time by the workload's role (which may read exactly this secret):
   * the value never passes through Terraform. A secret encrypted with a customer-managed KMS key also needs
   * `kms:Decrypt` on that key for the reader.
   *
   * @param secretArn the secret's ARN
   * @param jsonKey the key to read from a JSON secret (e.g. `password` of an RDS-managed secret); the whole
   *   secret string when omitted
   */
  public static awsSecretsManager(secretArn: string, jsonKey?: string): SecretRef {
    checkSecretRefArguments('SecretRef.awsSecretsManager', [['secretArn', secretArn, true], ['jsonKey', jsonKey, false]]);
    return new SecretRef({ kind: SecretRefKind.AWS_SECRETS_MANAGER, secretArn, jsonKey });
  }

  /**
   * An AWS Systems Manager Parameter Store parameter (a `SecureString`), read at run time by ECS for the workload's
   * tasks (the task execution role may read exactly this parameter): the value never passes through Terraform. A
   * parameter encrypted with a customer-managed KMS key also needs `kms:Decrypt` on that key for the reader.
   *
   * @param parameterArn the parameter's ARN, `arn:aws:ssm:<region>:<account>:parameter/<name>`
   */
  public static awsSsmParameter(parameterArn: string): SecretRef {
    return new SecretRef({ kind: SecretRefKind.AWS_SSM_PARAMETER, parameterArn });
  }

  /**
   * The value of a Terraform variable, which must be declared `sensitive: true` and have no default (a default
   * would be written into the configuration). The value is written into a secret the construct manages (so it is
   * in the Terraform state, like every Terraform-managed secret), never into the configuration.
   */
  public static terraformVariable(variable: TerraformVariable): SecretRef {
    checkTerraformVariable(variable);
    return new SecretRef({ kind: SecretRefKind.TERRAFORM_VARIABLE, variable });
  }

  /** Whether `value` is a `SecretRef` (also across copies of this library in one process). */
  public static isSecretRef(value: unknown): boolean {
    return isBranded(value, 'SecretRef');
  }

  /** Where the secret is read from. */
  public readonly kind: SecretRefKind;

  private readonly description: SecretRefDescription;

  private constructor(description: SecretRefDescription) {
    this.kind = description.kind;
    this.description = description;
    brand(this, 'SecretRef');
  }

  /** A description that never contains the secret itself, for messages. */
  public toString(): string {
    const d = this.description;
    switch (d.kind) {
      case SecretRefKind.KUBERNETES:
        return `SecretRef.kubernetes(${JSON.stringify(d.secretName)}, ${JSON.stringify(d.key)})`;
      case SecretRefKind.AWS_SECRETS_MANAGER:
        return `SecretRef.awsSecretsManager(${JSON.stringify(d.secretArn)}${d.jsonKey !== undefined ? `, ${JSON.stringify(d.jsonKey)}` : ''})`;
      case SecretRefKind.TERRAFORM_VARIABLE:
        return `SecretRef.terraformVariable(var.${d.variable?.friendlyUniqueId ?? '?'})`;
      case SecretRefKind.AWS_SSM_PARAMETER:
        return `SecretRef.awsSsmParameter(${JSON.stringify(d.parameterArn)})`;
    }
  }

  /**
   * Where the secret is, for the renderers.
   * @internal
   */
  public _describe(): SecretRefDescription {
    return this.description;
  }
}
