import { App, TerraformStack, Testing } from 'cdktf';
import { AlertmanagerCase, CASES } from './cases';
import { EXAMPLES } from '../../examples/main';
import { HaAlertmanager } from '../../src';
import { RenderedAlertmanager } from '../engines/local-cluster';

/**
 * One HaAlertmanager of an example stack or of the unit tests' configurations, and what the synthesized Terraform
 * deploys for it: the configuration is read from the Secret, the rules from the ConfigMap and the command line from
 * the StatefulSet in `cdk.tf.json`, so an override applied after construction is checked too.
 */
export interface Subject extends RenderedAlertmanager {
  readonly name: string;
  readonly alertmanager: HaAlertmanager;
  /** `alertmanager.yml` as the Secret holds it. */
  readonly configYaml: string;
  /** `rules.yaml` as the ConfigMap holds it. */
  readonly rulesYaml: string;
  readonly routes: AlertmanagerCase['routes'];
  readonly watchdog?: string;
}

/** The documented routing of each example's HaAlertmanager, by `<example>/<construct path>`. */
export const EXAMPLE_ROUTES: Record<string, Pick<AlertmanagerCase, 'routes' | 'watchdog'>> = {
  // "critical alerts page, warnings go to Slack" (examples/kubernetes-web-app.ts)
  'kubernetes-web-app/kubernetes-web-app/alerting': {
    routes: [
      [{ alertname: 'WorkloadReplicasBelowMinimum', severity: 'critical', namespace: 'shop' }, ['pagerduty']],
      [{ alertname: 'WorkloadRolloutLagging', severity: 'warning', namespace: 'shop' }, ['slack']],
      [{ alertname: 'Unlabelled', namespace: 'shop' }, ['slack']],
    ],
    watchdog: 'watchdog-unrouted',
  },
};

function resourceOf(json: any, type: string, construct: unknown): any {
  const id = (construct as { friendlyUniqueId: string }).friendlyUniqueId;
  const resource = json.resource?.[type]?.[id];
  if (resource === undefined) {
    throw new Error(`${type}.${id} is not in the synthesized stack`);
  }
  return resource;
}

/** What the synthesized stack deploys for `alertmanager`. */
export function renderedOf(stack: TerraformStack, alertmanager: HaAlertmanager): RenderedAlertmanager & { configYaml: string; rulesYaml: string } {
  const json = JSON.parse(Testing.synth(stack));
  const secret = resourceOf(json, 'kubernetes_secret_v1', alertmanager.kubernetes!.configSecret);
  const rules = resourceOf(json, 'kubernetes_config_map_v1', alertmanager.kubernetes!.rulesConfigMap);
  const pod = resourceOf(json, 'kubernetes_stateful_set_v1', alertmanager.kubernetes!.statefulSet).spec.template.spec;
  const container = pod.container[0];
  return {
    configYaml: secret.data['alertmanager.yml'],
    configSecretData: secret.data,
    rulesYaml: rules.data['rules.yaml'],
    args: container.args,
    env: container.env ?? [],
    configSources: pod.volume.find((v: any) => v.name === 'config').projected[0].sources,
  };
}

/** Synthesizes one case in a stack `stack` of its own, the construct named `alerting` as in the unit tests. */
export function caseStack(c: AlertmanagerCase): { stack: TerraformStack; alertmanager: HaAlertmanager } {
  const stack = new TerraformStack(Testing.app(), 'stack');
  const alertmanager = new HaAlertmanager(stack, 'alerting', c.props(stack));
  (c.workloads ?? []).forEach((w) => alertmanager.monitorWorkload(w));
  c.clients?.(stack, alertmanager);
  return { stack, alertmanager };
}

/** Every HaAlertmanager of the examples and of the unit tests' configurations. */
export function subjects(): Subject[] {
  const all: Subject[] = [];
  for (const [example, create] of Object.entries(EXAMPLES)) {
    const app = Testing.stubVersion(new App({ stackTraces: false }));
    create(app, example);
    const stack = app.node.findChild(example) as TerraformStack;
    for (const alertmanager of stack.node.findAll().filter((c): c is HaAlertmanager => c instanceof HaAlertmanager)) {
      const name = `${example}/${alertmanager.node.path}`;
      const documented = EXAMPLE_ROUTES[name];
      if (documented === undefined) {
        throw new Error(`example HaAlertmanager ${name} has no documented routes: add them to EXAMPLE_ROUTES in test/alerting/rendered.ts`);
      }
      all.push({ name, alertmanager, ...renderedOf(stack, alertmanager), ...documented });
    }
  }
  for (const [name, c] of Object.entries(CASES)) {
    const { stack, alertmanager } = caseStack(c);
    all.push({ name, alertmanager, ...renderedOf(stack, alertmanager), routes: c.routes, watchdog: c.watchdog });
  }
  return all;
}
