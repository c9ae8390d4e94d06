import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { HaAlertmanager, HaAlertmanagerProps, Platform, Receiver, SecretRef } from '../../src';

/** A PagerDuty receiver reading its key from an existing Kubernetes Secret. */
export const PAGERDUTY = Receiver.pagerDuty('oncall', SecretRef.kubernetes('pagerduty', 'routing-key'));
/** A Slack receiver reading its URL from an existing Kubernetes Secret. */
export const SLACK = Receiver.slack('team', SecretRef.kubernetes('slack', 'webhook-url'), { channel: '#alerts' });

/** The smallest valid props. */
export function minimalProps(overrides: Partial<HaAlertmanagerProps> = {}): HaAlertmanagerProps {
  return { platform: Platform.kubernetes({ namespaceName: 'monitoring' }), receivers: [PAGERDUTY], ...overrides };
}

export interface Synth {
  readonly json: any;
  readonly text: string;
  readonly alertmanager: HaAlertmanager;
}

/** Synthesizes one HaAlertmanager `alerting` in a stack `stack`; `extra` adds more to the same scope. */
export function synth(props: HaAlertmanagerProps = minimalProps(), extra?: (scope: Construct, am: HaAlertmanager) => void): Synth {
  let alertmanager!: HaAlertmanager;
  const text = Testing.synthScope((scope) => {
    alertmanager = new HaAlertmanager(scope, 'alerting', props);
    extra?.(scope, alertmanager);
  });
  return { json: JSON.parse(text), text, alertmanager };
}

/** Every resource of `type`. */
export function resources(json: any, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The only resource of `type`. */
export function only(json: any, type: string): any {
  const all = resources(json, type);
  if (all.length !== 1) {
    throw new Error(`expected one ${type}, got ${all.length}`);
  }
  return all[0];
}

/** The Alertmanager container of the synthesized StatefulSet. */
export function container(json: any): any {
  return only(json, 'kubernetes_stateful_set_v1').spec.template.spec.container[0];
}

/** The message of the error constructing an HaAlertmanager with `props` throws. */
export function errorOf(props: HaAlertmanagerProps | (() => HaAlertmanagerProps), scope?: Construct): string {
  const stack = scope ?? new TerraformStack(Testing.app(), 'stack');
  try {
    new HaAlertmanager(stack, 'alerting', typeof props === 'function' ? props() : props);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a validation error');
}
