import { DEPLOYMENTS, onWorkload } from './kubernetes';
import { namespaceName } from './kubernetes-isolation';
import { FindingLevel } from '../../findings';
import { COMPLIANT, Rule, nonCompliant, unresolvable } from '../rule';
import { Unresolved, isExpression, isUnresolved, readBlock, readMap } from '../values';

const SERVICES = ['kubernetes_service', 'kubernetes_service_v1'];

export const KUBERNETES_SERVICE_RULES: Rule[] = [
  {
    id: 'FT-K8S-16',
    level: FindingLevel.WARNING,
    info: 'No Service selects the Deployment\'s pods.',
    explanation:
      'A Service routes only to the pods its `selector` matches. When no Service in the namespace selects a Deployment\'s pod labels ' +
      '(a typo in a label, a selector changed on one side only, a Service in another namespace), the replicas run, pass their probes ' +
      'and receive no traffic, while the Service they were meant for has no endpoints. Give a `kubernetes_service_v1` in the same ' +
      'namespace a `selector` whose every label is on the pod template. A Deployment that serves no traffic on purpose (a queue ' +
      'worker, an idle blue/green colour) can be suppressed with that reason.',
    resourceTypes: DEPLOYMENTS,
    evaluate: (r, stack) =>
      onWorkload(r, (w) => {
        if (isUnresolved(w.podLabels)) return unresolvable(w.podLabels);
        const labels = w.podLabels ?? {};
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
          if (entries.every(([k, v]) => labels[k] === v)) return COMPLIANT;
        }
        if (unknown) return unresolvable(unknown);
        return nonCompliant(`no Service in namespace ${JSON.stringify(isUnresolved(ownNamespace) ? w.namespace : ownNamespace)} selects its pod labels ${JSON.stringify(labels)}`);
      }),
  },
];
