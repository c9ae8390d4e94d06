import { DEPLOYMENTS, Workload, onWorkload, workloadOf } from './kubernetes';
import { namespaceName } from './kubernetes-isolation';
import { LABEL_INSTANCE, LABEL_NAME, LABEL_TRACK } from '../../../core/private/kubernetes';
import { FindingLevel } from '../../findings';
import { COMPLIANT, Rule, RuleResult, exempt, nonCompliant, unresolvable } from '../rule';
import { StackView, TfResource } from '../stack-view';
import { Unresolved, isExpression, isUnresolved, readBlock, readMap } from '../values';

const SERVICES = ['kubernetes_service', 'kubernetes_service_v1'];
/** The track labels of the two colours of a blue/green rollout (MultiAzService on Kubernetes). */
const COLOURS = ['blue', 'green'];

/** Whether a Service of the stack selects a Deployment's pods: the Service, `undefined`, or why it is not known. */
function selectingService(r: TfResource, w: Workload, labels: Record<string, unknown>, stack: StackView): TfResource | undefined | Unresolved {
  const ownNamespace = namespaceName(readBlock(r.config, 'metadata'), stack);
  let unknown: Unresolved | undefined;
  for (const service of stack.ofType(...SERVICES)) {
    const metadata = readBlock(service.config, 'metadata');
    const spec = readBlock(service.config, 'spec');
    if (isUnresolved(metadata) || isUnresolved(spec)) {
      unknown ??= isUnresolved(metadata) ? metadata : (spec as Unresolved);
      continue;
    }
    const namespace = namespaceName(metadata, stack, `${service.address}.metadata.namespace`);
    let same: boolean | Unresolved;
    if (!isUnresolved(namespace) && !isUnresolved(ownNamespace)) {
      same = namespace === ownNamespace;
    } else if ((metadata?.namespace || 'default') === w.namespace) {
      same = true; // the same expression names the same namespace
    } else {
      same = isUnresolved(namespace) ? namespace : (ownNamespace as Unresolved);
    }
    if (isUnresolved(same)) {
      unknown ??= same;
      continue;
    }
    if (!same) continue;
    const selector = readMap(spec, 'selector', `${service.address}.spec.selector`);
    if (isUnresolved(selector)) {
      unknown ??= selector;
      continue;
    }
    const entries = Object.entries(selector ?? {});
    if (entries.length === 0) continue; // no selector: endpoints are managed by hand
    const expression = entries.find(([, v]) => isExpression(v));
    if (expression) {
      unknown ??= new Unresolved(`${service.address}.spec.selector.${expression[0]}`, String(expression[1]));
      continue;
    }
    if (entries.every(([k, v]) => labels[k] === v)) return service;
  }
  return unknown;
}

/**
 * For the idle colour of a blue/green rollout (pods labelled with a colour track), the Deployment of the other colour
 * of the same application and instance that a Service selects: the active colour.
 */
function activeColour(r: TfResource, labels: Record<string, unknown>, stack: StackView): { deployment: TfResource; service: TfResource } | undefined {
  const track = labels[LABEL_TRACK];
  if (typeof track !== 'string' || !COLOURS.includes(track) || labels[LABEL_NAME] === undefined) return undefined;
  for (const other of stack.ofType(...DEPLOYMENTS)) {
    if (other === r) continue;
    const w = workloadOf(other);
    if (isUnresolved(w) || isUnresolved(w.podLabels) || !w.podLabels) continue;
    const l = w.podLabels;
    if (l[LABEL_NAME] !== labels[LABEL_NAME] || l[LABEL_INSTANCE] !== labels[LABEL_INSTANCE]) continue;
    if (typeof l[LABEL_TRACK] !== 'string' || !COLOURS.includes(l[LABEL_TRACK] as string) || l[LABEL_TRACK] === track) continue;
    const service = selectingService(other, w, l, stack);
    if (service && !isUnresolved(service)) return { deployment: other, service };
  }
  return undefined;
}

function unselected(r: TfResource, w: Workload, stack: StackView): RuleResult {
  if (isUnresolved(w.podLabels)) return unresolvable(w.podLabels);
  const labels = w.podLabels ?? {};
  const service = selectingService(r, w, labels, stack);
  if (service && !isUnresolved(service)) return COMPLIANT;
  const ns = namespaceName(readBlock(r.config, 'metadata'), stack);
  const detail = `no Service in namespace ${JSON.stringify(isUnresolved(ns) ? w.namespace : ns)} selects its pod labels ${JSON.stringify(labels)}`;
  const active = activeColour(r, labels, stack);
  if (active) {
    return exempt(
      detail,
      `the idle colour of a blue/green rollout: ${active.service.address} routes to the active colour ${active.deployment.address}, and switching colours makes it select this one`,
    );
  }
  return service ? unresolvable(service) : nonCompliant(detail);
}

export const KUBERNETES_SERVICE_RULES: Rule[] = [
  {
    id: 'FT-K8S-16',
    level: FindingLevel.WARNING,
    info: 'No Service selects the Deployment\'s pods.',
    explanation:
      'A Service routes only to the pods its `selector` matches. When no Service in the namespace selects a Deployment\'s pod labels ' +
      '(a typo in a label, a selector changed on one side only, a Service in another namespace), the replicas run, pass their probes ' +
      'and receive no traffic, while the Service they were meant for has no endpoints. Give a `kubernetes_service_v1` in the same ' +
      'namespace a `selector` whose every label is on the pod template. The idle colour of a blue/green rollout (pods labelled ' +
      '`cdktf-fault-tolerance.dev/track: blue` or `green` next to the other colour, which a Service selects) is exempt; a ' +
      'Deployment that serves no traffic on purpose (a queue worker) can be suppressed with that reason.',
    resourceTypes: DEPLOYMENTS,
    evaluate: (r, stack) => onWorkload(r, (w) => unselected(r, w, stack)),
  },
];
