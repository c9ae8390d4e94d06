import { ALL_WORKLOADS, onWorkload } from './kubernetes';
import { FindingLevel } from '../../findings';
import { COMPLIANT, Rule, RuleResult, nonCompliant, unresolvable } from '../rule';
import { StackView, TfResource } from '../stack-view';
import { Unresolved, isExpression, isUnresolved, readBlock, readBool } from '../values';

const JOBS = ['kubernetes_job', 'kubernetes_job_v1', 'kubernetes_cron_job', 'kubernetes_cron_job_v1'];
const NAMESPACES = ['kubernetes_namespace', 'kubernetes_namespace_v1'];

/**
 * The name of the namespace a Kubernetes object's `metadata.namespace` gives: the literal, `default` when unset, the
 * name of a namespace this stack creates when it refers to one, or an {@link Unresolved} for any other expression.
 */
export function namespaceName(metadata: any, stack: StackView, attribute = 'metadata.namespace'): string | Unresolved {
  const namespace = metadata?.namespace;
  if (namespace === undefined || namespace === null || namespace === '') return 'default';
  if (typeof namespace !== 'string') return new Unresolved(attribute, JSON.stringify(namespace));
  if (!isExpression(namespace)) return namespace;
  const created = stack.referenced(namespace, ...NAMESPACES)[0];
  const name = created ? readBlock(created.config, 'metadata')?.name : undefined;
  return typeof name === 'string' && !isExpression(name) ? name : new Unresolved(attribute, namespace);
}

/** Whether a Kubernetes object is created in the `default` namespace. */
function inDefaultNamespace(r: TfResource, stack: StackView): RuleResult {
  const metadata = readBlock(r.config, 'metadata');
  if (isUnresolved(metadata)) return unresolvable(metadata);
  const name = namespaceName(metadata, stack);
  if (isUnresolved(name)) return unresolvable(name);
  if (name !== 'default') return COMPLIANT;
  const given = metadata?.namespace;
  if (given === undefined || given === null || given === '') {
    return nonCompliant('`metadata.namespace` is unset, so it is created in `default`');
  }
  return nonCompliant(isExpression(given) ? '`metadata.namespace` refers to a namespace named "default"' : '`metadata.namespace` is "default"');
}

export const KUBERNETES_ISOLATION_RULES: Rule[] = [
  {
    id: 'FT-K8S-14',
    level: FindingLevel.WARNING,
    info: 'The pods mount a service-account token.',
    explanation:
      'Every container of a pod that mounts a service-account token can call the Kubernetes API as that account: a compromised ' +
      'application can then read secrets, list pods or change workloads, as far as the account\'s roles allow (and the namespace\'s ' +
      '`default` account often has more than anyone remembers). The Kubernetes provider mounts the token unless the pod spec says ' +
      'otherwise (its default is `true`, whatever the ServiceAccount sets). Set `automount_service_account_token = false` in the pod ' +
      'spec; pods that do call the API should use a ServiceAccount of their own with a minimal Role, and suppress this finding with ' +
      'that reason.',
    resourceTypes: ALL_WORKLOADS,
    evaluate: (r) =>
      onWorkload(r, (w) => {
        const mount = readBool(w.podSpec, 'automount_service_account_token', 'automount_service_account_token');
        if (isUnresolved(mount)) return unresolvable(mount);
        if (mount === false) return COMPLIANT;
        return nonCompliant(
          mount === undefined
            ? '`automount_service_account_token` is unset (the provider\'s default `true` mounts the token)'
            : '`automount_service_account_token` is true',
        );
      }),
  },
  {
    id: 'FT-K8S-15',
    level: FindingLevel.WARNING,
    info: 'The workload runs in the `default` namespace.',
    explanation:
      'The `default` namespace is where everything lands that nobody placed: its ServiceAccount, RoleBindings, quotas, ' +
      'LimitRanges and NetworkPolicies are shared with whatever else ends up there, and a Pod Security Standard is rarely enforced ' +
      'on it. A workload there inherits other teams\' permissions and mistakes, and a policy written for it hits them too. Create a ' +
      'namespace per application (with the `restricted` Pod Security Standard) and set `metadata.namespace`.',
    resourceTypes: [...ALL_WORKLOADS, ...JOBS],
    evaluate: (r, stack) => inDefaultNamespace(r, stack),
  },
];
