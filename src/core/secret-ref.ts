import { TerraformVariable } from 'cdktf';

/**
 * Where a {@link SecretRef} reads the secret from.
 */
export enum SecretRefKind {
  /** A key of a Kubernetes Secret that already exists in the namespace. */
  KUBERNETES = 'kubernetes',
  /** A Terraform variable declared `sensitive: true`. */
  TERRAFORM_VARIABLE = 'terraform-variable',
}

const SECRET_REF_MARK = Symbol.for('cdktf-fault-tolerance.SecretRef');

/**
 * A reference to a credential (a PagerDuty routing key, a Slack webhook URL, an SMTP password). Credentials
 * never appear in code: a receiver takes a `SecretRef`, and a plain string is rejected.
 *
 * ```ts
 * SecretRef.kubernetes('pagerduty', 'routing-key');          // an existing Secret, mounted as a file
 * SecretRef.terraformVariable(new TerraformVariable(this, 'slack_webhook', { type: 'string', sensitive: true }));
 * ```
 */
export class SecretRef {
  /**
   * The key `key` of the Kubernetes Secret `secretName`, which must exist in the construct's namespace. It is
   * mounted read-only into the pods and read from the file (`routing_key_file`, `api_url_file`, ...): the value never
   * passes through Terraform.
   */
  public static kubernetes(secretName: string, key: string): SecretRef {
    return new SecretRef(SecretRefKind.KUBERNETES, secretName, key, undefined);
  }

  /**
   * The value of a Terraform variable, which must be declared `sensitive: true`. The value is written into the
   * construct's own Kubernetes Secret (so it is in the Terraform state, like every Terraform-managed secret) and
   * mounted as a file like {@link SecretRef.kubernetes}.
   */
  public static terraformVariable(variable: TerraformVariable): SecretRef {
    return new SecretRef(SecretRefKind.TERRAFORM_VARIABLE, undefined, undefined, variable);
  }

  /** Whether `value` is a `SecretRef` (also across copies of this library in one process). */
  public static isSecretRef(value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as any)[SECRET_REF_MARK] === true;
  }

  /** Where the secret is read from. */
  public readonly kind: SecretRefKind;
  /** The Kubernetes Secret's name; only for {@link SecretRefKind.KUBERNETES}. */
  public readonly secretName?: string;
  /** The key within the Kubernetes Secret; only for {@link SecretRefKind.KUBERNETES}. */
  public readonly key?: string;
  /** The Terraform variable; only for {@link SecretRefKind.TERRAFORM_VARIABLE}. */
  public readonly variable?: TerraformVariable;

  private constructor(kind: SecretRefKind, secretName?: string, key?: string, variable?: TerraformVariable) {
    this.kind = kind;
    this.secretName = secretName;
    this.key = key;
    this.variable = variable;
    Object.defineProperty(this, SECRET_REF_MARK, { value: true, enumerable: false });
  }

  /** A description that never contains the secret itself, for messages. */
  public toString(): string {
    if (this.kind === SecretRefKind.KUBERNETES) {
      return `SecretRef.kubernetes(${JSON.stringify(this.secretName)}, ${JSON.stringify(this.key)})`;
    }
    return `SecretRef.terraformVariable(var.${this.variable?.friendlyUniqueId ?? '?'})`;
  }
}
