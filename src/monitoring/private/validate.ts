import { IConstruct } from 'constructs';
import { PropValidator, isUnresolved } from '../../core/private/validation';
import type { AlarmTopicProps } from '../alarm-topic';
import type { HealthDashboardProps } from '../health-dashboard';
import { MAX_TOPIC_NAME_LENGTH } from './plan';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TOPIC_NAME = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_TOPIC_NAME_LENGTH}}$`);

/** Every problem of an AlarmTopic's props, thrown at once. */
export function validateAlarmTopic(scope: IConstruct, props: AlarmTopicProps): void {
  const v = new PropValidator('AlarmTopic', scope);
  eachString(v, 'emails', props.emails, 'email addresses', (email) => EMAIL.test(email), 'must be an email address');
  eachString(
    v,
    'httpsEndpoints',
    props.httpsEndpoints,
    'https:// URLs',
    (url) => url.startsWith('https://'),
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

const DASHBOARD_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** Every problem of a HealthDashboard's props, thrown at once. */
export function validateDashboard(scope: IConstruct, props: HealthDashboardProps): void {
  const v = new PropValidator('HealthDashboard', scope);
  if (props.name !== undefined) {
    const name = props.name;
    v.require('name', name, () => typeof name === 'string' && DASHBOARD_NAME.test(name), 'must be 1 to 255 letters, digits, "-" or "_"');
  }
  const constructs = props.constructs;
  if (constructs !== undefined) {
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
