import { TerraformVariable, Token } from 'cdktf';
import { isDnsSubdomain } from './kubernetes';
import { PropValidator, formatValue } from './validation';
import { SecretRef, SecretRefKind } from '../secret-ref';

/** Where a {@link SecretRef} points, as the renderers read it. */
export type SecretRefDescription =
  | { readonly kind: SecretRefKind.KUBERNETES; readonly secretName: string; readonly key: string }
  | { readonly kind: SecretRefKind.AWS_SECRETS_MANAGER; readonly secretArn: string; readonly jsonKey?: string }
  | { readonly kind: SecretRefKind.TERRAFORM_VARIABLE; readonly variable: TerraformVariable }
  | { readonly kind: SecretRefKind.AWS_SSM_PARAMETER; readonly parameterArn: string };

const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const SECRETS_MANAGER_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/;
const SSM_PARAMETER_ARN = /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/.+$/;

const FACTORY: Record<SecretRefKind, string> = {
  [SecretRefKind.KUBERNETES]: 'SecretRef.kubernetes(secretName, key)',
  [SecretRefKind.AWS_SECRETS_MANAGER]: 'SecretRef.awsSecretsManager(secretArn, jsonKey)',
  [SecretRefKind.TERRAFORM_VARIABLE]: 'SecretRef.terraformVariable(variable) with a sensitive variable without a default',
  [SecretRefKind.AWS_SSM_PARAMETER]: 'SecretRef.awsSsmParameter(parameterArn)',
};

/**
 * Checks that `value` is a {@link SecretRef} of one of the `accepted` kinds and that it points somewhere valid.
 * A value that is not a reference is never echoed: it may be the secret itself. `where` names what cannot use the
 * other kinds (`on Kubernetes`).
 */
export function validateSecretRef(v: PropValidator, prop: string, value: unknown, accepted: SecretRefKind[], where: string): void {
  const use = accepted.map((k) => FACTORY[k]).join(' or ');
  if (!SecretRef.isSecretRef(value)) {
    const what =
      value === undefined || value === null ? formatValue(value) : `${typeof value === 'string' ? 'a plain string' : `a value of type ${typeof value}`} (not shown)`;
    v.fail(`\`${prop}\` must be a SecretRef, got ${what}. Secrets never belong in code: use ${use}.`);
    return;
  }
  const ref = value as SecretRef;
  const d = ref._describe();
  if (!accepted.includes(d.kind)) {
    v.fail(`\`${prop}\` is ${ref.toString()}, which cannot be used ${where}. Use ${use}.`);
    return;
  }
  switch (d.kind) {
    case SecretRefKind.KUBERNETES:
      v.require(`${prop}.secretName`, d.secretName, () => isDnsSubdomain(d.secretName ?? ''), 'must be a Kubernetes Secret name (lower-case letters, digits, "-" and ".")');
      v.require(`${prop}.key`, d.key, () => SECRET_KEY.test(d.key ?? ''), 'must be a Secret key (letters, digits, "-", "_" and ".")');
      break;
    case SecretRefKind.AWS_SECRETS_MANAGER:
      v.require(`${prop}.secretArn`, d.secretArn, () => SECRETS_MANAGER_ARN.test(d.secretArn ?? ''), 'must be a Secrets Manager secret ARN like "arn:aws:secretsmanager:eu-west-1:123456789012:secret:name-AbCdEf"');
      if (d.jsonKey !== undefined) {
        v.require(`${prop}.jsonKey`, d.jsonKey, () => typeof d.jsonKey === 'string' && d.jsonKey.length > 0 && !Token.isUnresolved(d.jsonKey), 'must be a non-empty key of the JSON secret, known at synth time');
      }
      break;
    case SecretRefKind.AWS_SSM_PARAMETER:
      v.require(`${prop}.parameterArn`, d.parameterArn, () => SSM_PARAMETER_ARN.test(d.parameterArn ?? ''), 'must be a Systems Manager parameter ARN like "arn:aws:ssm:eu-west-1:123456789012:parameter/api/db-password"');
      break;
    case SecretRefKind.TERRAFORM_VARIABLE:
      if (d.variable?.sensitive !== true) {
        v.fail(
          `\`${prop}\` must reference a TerraformVariable declared with \`sensitive: true\`, got ${ref.toString()}, which is not sensitive. Mark it sensitive so Terraform keeps the value out of plans and logs.`,
        );
      } else if (d.variable.default !== undefined) {
        v.fail(
          `\`${prop}\` references ${ref.toString()}, which has a default: the default is written into the synthesized configuration (cdk.tf.json), so the secret would be committed with it. Remove the default and pass the value with TF_VAR_${d.variable.friendlyUniqueId} or a .tfvars file kept out of version control.`,
        );
      }
      break;
  }
}
