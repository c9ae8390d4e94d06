/*
 * The arguments of core's factories (Platform, SecretRef, AlarmDestination) as they arrive at run time: the right
 * types and only known props, thrown at once as one error naming the factory.
 */
import { KnownProps, checkStruct, isNetworkShape, isRecord } from './runtime';
import { PropValidator, isUnresolved } from './validation';
import type { AwsPlatformProps, KubernetesPlatformProps } from '../platform';

const AWS: KnownProps<AwsPlatformProps> = { network: true, alarms: true };
const KUBERNETES: KnownProps<KubernetesPlatformProps> = { namespaceName: true, alerting: true };

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
