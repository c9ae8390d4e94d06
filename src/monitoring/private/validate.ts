import { IConstruct } from 'constructs';
import { MAX_TOPIC_NAME_LENGTH } from './plan';
import { validateRemovalPolicy } from '../../core/private/retention';
import { KnownProps, RenamedProps, checkStruct, requireKnown } from '../../core/private/runtime';
import { validateNoPlainSecrets, validateSecretRef } from '../../core/private/secrets';
import { isWebUrl } from '../../core/private/urls';
import { PropValidator, isUnresolved } from '../../core/private/validation';
import { SecretRefKind } from '../../core/secret-ref';
import type { AlarmTopicProps } from '../alarm-topic';
import type { HealthDashboardProps } from '../health-dashboard';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TOPIC_NAME = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_TOPIC_NAME_LENGTH}}$`);

/** Every problem of an AlarmTopic's props, thrown at once. */
export function validateAlarmTopic(scope: IConstruct, input: AlarmTopicProps): void {
  const v = new PropValidator('AlarmTopic', scope);
  const props = checkStruct<AlarmTopicProps>(v, '', input, TOPIC_PROPS, { example: "{ emails: ['oncall@example.com'] }", renamed: TOPIC_RENAMED })
    ? input
    : ({} as AlarmTopicProps);
  validateSecretsAndRetention(v, scope, props);
  requireKnown(v, scope, 'emails', props.emails, 'each address is a subscription of its own; an address in it may be a token');
  requireKnown(v, scope, 'httpsEndpoints', props.httpsEndpoints, 'each endpoint is a subscription of its own; an endpoint in it may be a token');
  eachString(v, 'emails', props.emails, 'email addresses', (email) => EMAIL.test(email), 'must be an email address');
  eachString(
    v,
    'httpsEndpoints',
    props.httpsEndpoints,
    'https:// URLs',
    (url) => isHttpsUrl(url),
    'must be an https:// URL (plain HTTP would send alarms unencrypted)',
  );
  if (props.dashboard !== undefined) {
    v.require('dashboard', props.dashboard, typeof props.dashboard === 'boolean', 'must be true or false');
  }
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

const TOPIC_PROPS: KnownProps<AlarmTopicProps> = {
  dashboard: true,
  secretHttpsEndpoints: true,
  removalPolicy: true,
  emails: true,
  httpsEndpoints: true,
  httpsEndpointsAutoConfirm: true,
  encryptionKeyArn: true,
  name: true,
};
const TOPIC_RENAMED: RenamedProps = {
  topicName: 'It was renamed to `name`.',
  email: 'Use `emails` (a list).',
  httpsEndpoint: 'Use `httpsEndpoints` (a list).',
  kmsKeyArn: 'Use `encryptionKeyArn`.',
};

/** An https:// URL that parses, its host a name, an IPv4 address or a bracketed IPv6 address. */
function isHttpsUrl(url: string): boolean {
  return isWebUrl(url, ['https:']);
}

const DASHBOARD_NAME = /^[A-Za-z0-9_-]{1,255}$/;

const DASHBOARD_PROPS: KnownProps<HealthDashboardProps> = {
  name: true,
  constructs: true,
};
const DASHBOARD_RENAMED: RenamedProps = {
  dashboardName: 'Use `name`.',
  widgets: 'The widgets are derived from the constructs: choose them with `constructs`.',
};

/** Every problem of a HealthDashboard's props, thrown at once. */
export function validateDashboard(scope: IConstruct, input: HealthDashboardProps): void {
  const v = new PropValidator('HealthDashboard', scope);
  const props = checkStruct<HealthDashboardProps>(v, '', input, DASHBOARD_PROPS, { example: '{ name: \'shop-health\' }', renamed: DASHBOARD_RENAMED })
    ? input
    : ({} as HealthDashboardProps);
  validateNoPlainSecrets(v, scope, props);
  requireKnown(v, scope, 'constructs', props.constructs, 'it decides which constructs\' alarms and graphs are on the dashboard');
  if (props.name !== undefined && !isUnresolved(props.name)) {
    const name = props.name;
    v.require('name', name, () => typeof name === 'string' && DASHBOARD_NAME.test(name), 'must be 1 to 255 letters, digits, "-" or "_"');
  }
  const constructs = props.constructs;
  if (constructs !== undefined && !isUnresolved(constructs)) {
    v.require(
      'constructs',
      constructs,
      () => Array.isArray(constructs) && constructs.length > 0 && constructs.every((c) => typeof c === 'object' && c !== null && typeof (c as IConstruct).node?.path === 'string'),
      'must be a non-empty list of constructs',
      'Leave it out to show the whole stack.',
    );
  }
  v.throwIfInvalid();
}
