import { IConstruct } from 'constructs';
import { validateRemovalPolicy } from '../../core/private/retention';
import { validateNoPlainSecrets, validateSecretRef } from '../../core/private/secrets';
import { PropValidator, isUnresolved } from '../../core/private/validation';
import { SecretRefKind } from '../../core/secret-ref';
import type { AlarmTopicProps } from '../alarm-topic';
import { MAX_TOPIC_NAME_LENGTH } from './plan';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TOPIC_NAME = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_TOPIC_NAME_LENGTH}}$`);

/** Every problem of an AlarmTopic's props, thrown at once. */
export function validateAlarmTopic(scope: IConstruct, props: AlarmTopicProps): void {
  const v = new PropValidator('AlarmTopic', scope);
  validateSecretsAndRetention(v, scope, props);
  eachString(v, 'emails', props.emails, 'email addresses', (email) => EMAIL.test(email), 'must be an email address');
  eachString(
    v,
    'httpsEndpoints',
    props.httpsEndpoints,
    'https:// URLs',
    (url) => url.startsWith('https://'),
    'must be an https:// URL (plain HTTP would send alarms unencrypted)',
  );
  if (props.httpsEndpointsAutoConfirm !== undefined) {
    v.require('httpsEndpointsAutoConfirm', props.httpsEndpointsAutoConfirm, typeof props.httpsEndpointsAutoConfirm === 'boolean', 'must be true or false');
  }
  // SNS resolves key aliases as well as keys.
  v.kmsKeyArn('encryptionKeyArn', props.encryptionKeyArn, { allowAlias: true });
  if (props.name !== undefined) {
    const name = props.name;
    v.require('name', name, () => typeof name === 'string' && TOPIC_NAME.test(name), `must be 1 to ${MAX_TOPIC_NAME_LENGTH} letters, digits, hyphens or underscores`);
  }
  v.throwIfInvalid();
}

/**
 * No credential in plain text (an endpoint URL with a key must be a SecretRef), keyed endpoints by reference, and a
 * removal policy that is a member of RemovalPolicy.
 */
function validateSecretsAndRetention(v: PropValidator, scope: IConstruct, props: AlarmTopicProps): void {
  validateNoPlainSecrets(v, scope, props, {
    endpoints: ['httpsEndpoints'],
    fix: (path) =>
      path.startsWith('httpsEndpoints')
        ? 'An endpoint that carries a key would be written into cdk.tf.json: pass it in `secretHttpsEndpoints` as SecretRef.terraformVariable(variable), a variable declared `sensitive: true` without a default.'
        : undefined,
  });
  const refs = props.secretHttpsEndpoints;
  if (refs !== undefined && !isUnresolved(refs)) {
    if (!Array.isArray(refs)) {
      v.fail('`secretHttpsEndpoints` must be a list of SecretRef.terraformVariable(variable) references.');
    } else {
      refs.forEach((ref, i) =>
        validateSecretRef(v, `secretHttpsEndpoints[${i}]`, ref, [SecretRefKind.TERRAFORM_VARIABLE], 'for an SNS subscription: Terraform must pass the URL to SNS, so it comes from a sensitive Terraform variable'),
      );
    }
  }
  validateRemovalPolicy(v, props.removalPolicy, { snapshots: false, what: 'an SNS topic' });
}

/** `values` must be a list of strings, each passing `ok`. */
function eachString(v: PropValidator, prop: string, values: unknown, what: string, ok: (value: string) => boolean, requirement: string): void {
  if (values === undefined || isUnresolved(values)) {
    return;
  }
  if (!Array.isArray(values)) {
    v.require(prop, values, false, `must be a list of ${what}`);
    return;
  }
  values.forEach((value, i) => v.require(`${prop}[${i}]`, value, () => typeof value === 'string' && ok(value), requirement));
}
