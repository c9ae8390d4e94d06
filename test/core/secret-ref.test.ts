import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { SecretRef, SecretRefKind } from '../../src';
import { validateSecretRef } from '../../src/core/private/secrets';
import { PropValidator } from '../../src/core/private/validation';

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'stack');
}

function scope(): Construct {
  return new Construct(stack(), 'thing');
}

function problems(value: unknown, accepted: SecretRefKind[]): string[] {
  const v = new PropValidator('Thing', scope());
  validateSecretRef(v, 'secret', value, accepted, 'here');
  try {
    v.throwIfInvalid();
    return [];
  } catch (e) {
    return (e as { problems: string[] }).problems;
  }
}

const ALL = [SecretRefKind.KUBERNETES, SecretRefKind.AWS_SECRETS_MANAGER, SecretRefKind.TERRAFORM_VARIABLE];
const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf';

describe('SecretRef', () => {
  test('each factory describes where the secret is, and toString never holds a value', () => {
    const k = SecretRef.kubernetes('pagerduty', 'routing-key');
    expect(k.kind).toBe(SecretRefKind.KUBERNETES);
    expect(k._describe()).toEqual({ kind: SecretRefKind.KUBERNETES, secretName: 'pagerduty', key: 'routing-key' });
    expect(k.toString()).toBe('SecretRef.kubernetes("pagerduty", "routing-key")');

    const a = SecretRef.awsSecretsManager(ARN, 'password');
    expect(a._describe()).toEqual({ kind: SecretRefKind.AWS_SECRETS_MANAGER, secretArn: ARN, jsonKey: 'password' });
    expect(a.toString()).toBe(`SecretRef.awsSecretsManager("${ARN}", "password")`);

    const variable = new TerraformVariable(stack(), 'hook', { type: 'string', sensitive: true });
    const t = SecretRef.terraformVariable(variable);
    expect(t._describe()).toEqual({ kind: SecretRefKind.TERRAFORM_VARIABLE, variable });
    expect(t.toString()).toBe('SecretRef.terraformVariable(var.hook)');
  });

  test('a Systems Manager parameter: where it is, and its ARN checked', () => {
    const parameter = 'arn:aws:ssm:eu-west-1:123456789012:parameter/api/token';
    const p = SecretRef.awsSsmParameter(parameter);
    expect(p.kind).toBe(SecretRefKind.AWS_SSM_PARAMETER);
    expect(p._describe()).toEqual({ kind: SecretRefKind.AWS_SSM_PARAMETER, parameterArn: parameter });
    expect(p.toString()).toBe(`SecretRef.awsSsmParameter("${parameter}")`);
    expect(problems(p, [SecretRefKind.AWS_SSM_PARAMETER])).toEqual([]);
    expect(problems(SecretRef.awsSsmParameter('/api/token'), [SecretRefKind.AWS_SSM_PARAMETER])).toEqual([
      '`secret.parameterArn` must be a Systems Manager parameter ARN like "arn:aws:ssm:eu-west-1:123456789012:parameter/api/db-password", got "/api/token".',
    ]);
    expect(problems(p, [SecretRefKind.AWS_SECRETS_MANAGER])).toEqual([
      `\`secret\` is SecretRef.awsSsmParameter("${parameter}"), which cannot be used here. Use SecretRef.awsSecretsManager(secretArn, jsonKey).`,
    ]);
  });

  test('isSecretRef recognises references only', () => {
    expect(SecretRef.isSecretRef(SecretRef.kubernetes('a', 'b'))).toBe(true);
    expect(SecretRef.isSecretRef('routing-key')).toBe(false);
    expect(SecretRef.isSecretRef({ kind: SecretRefKind.KUBERNETES })).toBe(false);
  });
});

describe('validateSecretRef', () => {
  test('valid references of accepted kinds pass', () => {
    expect(problems(SecretRef.kubernetes('pagerduty', 'routing-key'), ALL)).toEqual([]);
    expect(problems(SecretRef.awsSecretsManager(ARN), ALL)).toEqual([]);
    const variable = new TerraformVariable(stack(), 'hook', { type: 'string', sensitive: true });
    expect(problems(SecretRef.terraformVariable(variable), ALL)).toEqual([]);
  });

  test.each([
    ['a plain string', 'hunter2', 'got a plain string (not shown)'],
    ['a number', 42, 'got a value of type number (not shown)'],
    ['nothing', undefined, 'got nothing'],
  ])('%s is refused without echoing it', (_what, value, got) => {
    const [problem] = problems(value, [SecretRefKind.KUBERNETES]);
    expect(problem).toBe(`\`secret\` must be a SecretRef, ${got}. Secrets never belong in code: use SecretRef.kubernetes(secretName, key).`);
    expect(problem).not.toContain('hunter2');
  });

  test('a kind the consumer cannot use names the kinds it can', () => {
    expect(problems(SecretRef.awsSecretsManager(ARN), [SecretRefKind.KUBERNETES])).toEqual([
      `\`secret\` is SecretRef.awsSecretsManager("${ARN}"), which cannot be used here. Use SecretRef.kubernetes(secretName, key).`,
    ]);
  });

  test('malformed references name the field', () => {
    expect(problems(SecretRef.kubernetes('Bad_Name', 'a/b'), ALL)).toEqual([
      '`secret.secretName` must be a Kubernetes Secret name (lower-case letters, digits, "-" and "."), got "Bad_Name".',
      '`secret.key` must be a Secret key (letters, digits, "-", "_" and "."), got "a/b".',
    ]);
    expect(problems(SecretRef.awsSecretsManager('arn:aws:s3:::bucket', ''), ALL)).toEqual([
      '`secret.secretArn` must be a Secrets Manager secret ARN like "arn:aws:secretsmanager:eu-west-1:123456789012:secret:name-AbCdEf", got "arn:aws:s3:::bucket".',
      '`secret.jsonKey` must be a non-empty key of the JSON secret, known at synth time, got "".',
    ]);
  });

  test('a variable must be sensitive and have no default, which would land in cdk.tf.json', () => {
    const s = stack();
    const plain = new TerraformVariable(s, 'plain', { type: 'string' });
    expect(problems(SecretRef.terraformVariable(plain), ALL)).toEqual([
      '`secret` must reference a TerraformVariable declared with `sensitive: true`, got SecretRef.terraformVariable(var.plain), which is not sensitive. Mark it sensitive so Terraform keeps the value out of plans and logs.',
    ]);
    const defaulted = new TerraformVariable(s, 'defaulted', { type: 'string', sensitive: true, default: 'hunter2' });
    const [problem] = problems(SecretRef.terraformVariable(defaulted), ALL);
    expect(problem).toBe(
      '`secret` references SecretRef.terraformVariable(var.defaulted), which has a default: the default is written into the synthesized configuration (cdk.tf.json), so the secret would be committed with it. Remove the default and pass the value with TF_VAR_defaulted or a .tfvars file kept out of version control.',
    );
    expect(problem).not.toContain('hunter2');
  });
});
