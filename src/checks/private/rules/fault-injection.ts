import { FindingLevel } from '../../findings';
import { COMPLIANT, NOT_APPLICABLE, Rule, RuleResult, nonCompliant, unresolvable } from '../rule';
import { StackView, TfResource } from '../stack-view';
import { isExpression, isUnresolved, plural, readBlocks, readList, readMap, readString } from '../values';

/** The Chaos Mesh API group of the objects these rules read. */
const CHAOS_MESH_GROUP = 'chaos-mesh.org/';
/** Node label of a node's zone: the zone a Chaos Mesh selector confines a fault to. */
const TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';
/** FIS filter paths and target or action parameters that name zones. */
const ZONE_FILTER_PATHS = ['Placement.AvailabilityZone', 'AvailabilityZone', 'AvailabilityZones'];
const ZONE_PARAMETERS = ['availabilityZoneIdentifier', 'availabilityZoneIdentifiers', 'writerAvailabilityZoneIdentifiers'];
/** FIS actions that take the resources of their target out of service. */
const DESTRUCTIVE_FIS_ACTIONS = ['aws:ec2:stop-instances', 'aws:ec2:terminate-instances', 'aws:ec2:reboot-instances', 'aws:network:disrupt-connectivity'];
/** Chaos Mesh faults that end by themselves (nothing lasts that a duration would bound). */
const INSTANT_POD_ACTIONS = ['pod-kill', 'container-kill'];

/** The Chaos Mesh object of a `kubernetes_manifest` (a Schedule's embedded chaos included), or undefined. */
function chaosOf(resource: TfResource): { kind: string; spec: any; namespace?: string } | undefined {
  const manifest = resource.config.manifest;
  if (manifest === null || typeof manifest !== 'object' || typeof manifest.apiVersion !== 'string' || !manifest.apiVersion.startsWith(CHAOS_MESH_GROUP)) {
    return undefined;
  }
  const spec = manifest.spec ?? {};
  const namespace = typeof manifest.metadata?.namespace === 'string' ? manifest.metadata.namespace : undefined;
  if (manifest.kind === 'Schedule') {
    const type = typeof spec.type === 'string' ? spec.type : '';
    const field = type.length > 0 ? type[0].toLowerCase() + type.slice(1) : '';
    return { kind: type, spec: spec[field] ?? {}, namespace };
  }
  return { kind: String(manifest.kind), spec, namespace };
}

/** Whether a Chaos Mesh fault lasts until something ends it (everything but killing pods or containers). */
function lasts(chaos: { kind: string; spec: any }): boolean {
  return !(chaos.kind === 'PodChaos' && INSTANT_POD_ACTIONS.includes(chaos.spec.action ?? 'pod-kill'));
}

function fisNoStopCondition(template: TfResource): RuleResult {
  const conditions = readBlocks(template.config, 'stop_condition');
  if (isUnresolved(conditions)) {
    return unresolvable(conditions);
  }
  const alarms = conditions.filter((c) => c.source === 'aws:cloudwatch:alarm' && c.value !== undefined && c.value !== '');
  if (alarms.length > 0) {
    return COMPLIANT;
  }
  const expression = conditions.find((c) => isExpression(c.source));
  if (expression) {
    return unresolvable(`\`stop_condition.source\` is \`${expression.source}\``);
  }
  return nonCompliant(conditions.length === 0 ? '`stop_condition` is missing' : '`stop_condition` has `source = "none"` only: nothing stops it');
}

/** The zones an experiment template names, over its targets and actions; `every` when a value is `all`. */
function fisZones(template: TfResource): Set<string> {
  const zones = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && isExpression(value)) {
      zones.add(value); // one zone known at deploy time (its expression may contain commas)
    } else if (typeof value === 'string') {
      value.split(',').map((z) => z.trim()).filter((z) => z.length > 0).forEach((z) => zones.add(z));
    } else if (Array.isArray(value)) {
      value.forEach(add);
    }
  };
  for (const t of [readBlocks(template.config, 'target')].flat()) {
    if (isUnresolved(t)) {
      continue;
    }
    for (const f of [readBlocks(t, 'filter')].flat()) {
      if (!isUnresolved(f) && ZONE_FILTER_PATHS.includes(f.path)) {
        add(f.values);
      }
    }
    const params = readMap(t, 'parameters');
    if (params && !isUnresolved(params)) {
      ZONE_PARAMETERS.forEach((p) => add(params[p]));
    }
  }
  for (const a of [readBlocks(template.config, 'action')].flat()) {
    if (isUnresolved(a)) {
      continue;
    }
    for (const p of [readBlocks(a, 'parameter')].flat()) {
      if (!isUnresolved(p) && ZONE_PARAMETERS.includes(p.key)) {
        add(p.value);
      }
    }
  }
  return zones;
}

/** Whether a FIS target is confined to named zones (a zone filter or parameter). */
function targetHasZone(target: any): boolean {
  const filters = readBlocks(target, 'filter');
  const params = readMap(target, 'parameters');
  return (
    (!isUnresolved(filters) && filters.some((f) => ZONE_FILTER_PATHS.includes(f.path))) ||
    (params !== undefined && !isUnresolved(params) && ZONE_PARAMETERS.some((p) => params[p] !== undefined))
  );
}

function fisBlastRadius(template: TfResource, zoneLoss: number): RuleResult {
  const zones = fisZones(template);
  const named = [...zones].map((z) => (isExpression(z) ? `\`${z}\`` : z));
  if (zones.has('all')) {
    return nonCompliant(`it names every zone (\`all\`); the target tolerates the loss of ${plural(zoneLoss, 'zone')}`);
  }
  if (zones.size > zoneLoss) {
    return nonCompliant(`it takes out ${plural(zones.size, 'zone')} (${named.join(', ')}); the target tolerates the loss of ${plural(zoneLoss, 'zone')}`);
  }
  const targets = readBlocks(template.config, 'target');
  const actions = readBlocks(template.config, 'action');
  if (isUnresolved(targets) || isUnresolved(actions)) {
    return unresolvable(isUnresolved(targets) ? targets : (actions as any));
  }
  for (const action of actions) {
    if (!DESTRUCTIVE_FIS_ACTIONS.includes(action.action_id)) {
      continue;
    }
    const key = readBlock(action, 'target');
    const target = key ? targets.find((t) => t.name === key.value) : undefined;
    if (!target) {
      continue;
    }
    const mode = readString(target, 'selection_mode');
    if (isUnresolved(mode)) {
      return unresolvable(mode);
    }
    if ((mode === 'ALL' || mode === 'PERCENT(100)') && !targetHasZone(target)) {
      return nonCompliant(`\`${action.name}\` (${action.action_id}) acts on ${mode} of \`${target.name}\` in every zone: no replica is left`);
    }
  }
  return COMPLIANT;
}

function readBlock(obj: any, key: string): any {
  const blocks = readBlocks(obj, key);
  return isUnresolved(blocks) ? undefined : blocks[0];
}

function chaosBlastRadius(chaos: { kind: string; spec: any }, zoneLoss: number): RuleResult {
  const selector = chaos.spec.selector ?? {};
  const zone = selector.nodeSelectors?.[TOPOLOGY_ZONE];
  const mode = chaos.spec.mode;
  if (zone !== undefined) {
    return zoneLoss >= 1 ? COMPLIANT : nonCompliant(`it fails the pods of zone ${JSON.stringify(zone)}; the target tolerates the loss of no zone`);
  }
  if (mode === 'all' || (mode === 'fixed-percent' && String(chaos.spec.value) === '100')) {
    return nonCompliant(`\`mode: ${mode}\` without a \`${TOPOLOGY_ZONE}\` node selector hits every selected pod in every zone: no replica is left`);
  }
  return COMPLIANT;
}

/** The tag pairs (`key=value`) carried by any managed resource of the stack (`tags`, and Auto Scaling `tag` blocks). */
function stackTags(stack: StackView): Set<string> {
  const out = new Set<string>();
  for (const r of stack.all) {
    if (r.isData) {
      continue;
    }
    const tags = r.config.tags;
    if (tags && typeof tags === 'object' && !Array.isArray(tags)) {
      Object.entries(tags).forEach(([k, v]) => out.add(`${k}=${v}`));
    }
    for (const t of [r.config.tag ?? []].flat()) {
      if (t && typeof t === 'object' && typeof t.key === 'string') {
        out.add(`${t.key}=${t.value}`);
      }
    }
  }
  return out;
}

function fisOutsideStack(template: TfResource, stack: StackView): RuleResult {
  const targets = readBlocks(template.config, 'target');
  if (isUnresolved(targets)) {
    return unresolvable(targets);
  }
  const carried = stackTags(stack);
  for (const t of targets) {
    const arns = readList(t, 'resource_arns', `target.${t.name}.resource_arns`);
    if (isUnresolved(arns)) {
      return unresolvable(arns);
    }
    const tags = readBlocks(t, 'resource_tag');
    if (isUnresolved(tags)) {
      return unresolvable(tags);
    }
    if ((arns ?? []).length > 0) {
      const outside = arns!.filter((arn) => stack.referenced(arn).length === 0);
      const literal = outside.filter((arn) => !isExpression(arn));
      if (literal.length > 0) {
        return nonCompliant(`\`${t.name}\` names resources that are not in this stack: ${literal.join(', ')}`);
      }
      if (outside.length > 0) {
        return unresolvable(`\`target.${t.name}.resource_arns\` is \`${outside[0]}\``);
      }
      continue;
    }
    if (tags.length === 0) {
      return nonCompliant(`\`${t.name}\` selects every ${t.resource_type} of the account that matches its filters: it has neither \`resource_arns\` nor \`resource_tag\``);
    }
    if (!tags.some((tag) => carried.has(`${tag.key}=${tag.value}`))) {
      const pairs = tags.map((tag) => `${tag.key}=${tag.value}`).join(', ');
      return nonCompliant(`\`${t.name}\` selects by tags that no resource of this stack carries (${pairs})`);
    }
  }
  return COMPLIANT;
}

/** A namespace name, or the name of the namespace of this stack an expression refers to. */
function namespaceName(value: unknown, stack: StackView): string {
  if (isExpression(value)) {
    const [ns] = stack.referenced(value, 'kubernetes_namespace', 'kubernetes_namespace_v1');
    const name = ns ? [ns.config.metadata].flat()[0]?.name : undefined;
    return typeof name === 'string' ? name : value;
  }
  return typeof value === 'string' ? value : 'default';
}

/** The pod template labels of every workload of the stack, with its namespace. */
function stackPods(stack: StackView): Array<{ namespace: string; labels: Record<string, unknown> }> {
  const types = ['kubernetes_deployment', 'kubernetes_deployment_v1', 'kubernetes_stateful_set', 'kubernetes_stateful_set_v1', 'kubernetes_daemonset', 'kubernetes_daemon_set_v1'];
  return stack.ofType(...types).map((w) => {
    const metadata = [w.config.metadata].flat()[0] ?? {};
    const spec = [w.config.spec].flat()[0] ?? {};
    const template = [spec.template].flat()[0] ?? {};
    const labels = [template.metadata].flat()[0]?.labels ?? {};
    return { namespace: namespaceName(metadata.namespace, stack), labels };
  });
}

function chaosOutsideStack(chaos: { kind: string; spec: any; namespace?: string }, stack: StackView): RuleResult {
  const selector = chaos.spec.selector ?? {};
  const namespaces: string[] = Array.isArray(selector.namespaces) && selector.namespaces.length > 0 ? selector.namespaces : [chaos.namespace ?? 'default'];
  const labels = selector.labelSelectors;
  if (labels === undefined || labels === null || typeof labels !== 'object' || Object.keys(labels).length === 0) {
    return nonCompliant(`it selects every pod of ${namespaces.map((n) => JSON.stringify(n)).join(', ')}: no \`labelSelectors\``);
  }
  const entries = Object.entries(labels);
  if (entries.some(([, v]) => isExpression(v)) || namespaces.some((n) => isExpression(n))) {
    return unresolvable('the selector of the Chaos Mesh object');
  }
  const pods = stackPods(stack);
  const matches = pods.some((p) => namespaces.includes(p.namespace) && entries.every(([k, v]) => p.labels[k] === v));
  return matches
    ? COMPLIANT
    : nonCompliant(`its selector (${entries.map(([k, v]) => `${k}=${v}`).join(', ')} in ${namespaces.join(', ')}) matches no workload of this stack`);
}

export const FAULT_INJECTION_RULES: Rule[] = [
  {
    id: 'FT-FAULT-1',
    level: FindingLevel.ERROR,
    info: 'The fault experiment has nothing that stops it when users are affected.',
    explanation:
      'An experiment tests a hypothesis; when the hypothesis is wrong, users feel it for as long as the fault lasts. Give every AWS FIS ' +
      'experiment template a `stop_condition` on the CloudWatch alarms that say users are affected (source `aws:cloudwatch:alarm`, not ' +
      '`none`), and every lasting Chaos Mesh fault a `duration`. `FaultExperiments` does both.',
    resourceTypes: ['aws_fis_experiment_template', 'kubernetes_manifest'],
    evaluate: (resource) => {
      if (resource.type === 'aws_fis_experiment_template') {
        return fisNoStopCondition(resource);
      }
      const chaos = chaosOf(resource);
      if (!chaos || !lasts(chaos)) {
        return NOT_APPLICABLE;
      }
      const duration = chaos.spec.duration;
      if (isExpression(duration)) {
        return unresolvable(`\`spec.duration\` is \`${duration}\``);
      }
      return typeof duration === 'string' && duration.length > 0
        ? COMPLIANT
        : nonCompliant(`the ${chaos.kind} has no \`spec.duration\`: the fault lasts until the object is deleted`);
    },
  },
  {
    id: 'FT-FAULT-2',
    level: FindingLevel.ERROR,
    info: 'The fault experiment injects more failure than the resilience target says the stack tolerates.',
    explanation:
      'An experiment proves the declared target: one that takes out more zones than `zoneLoss`, or every replica of a service at once, ' +
      'causes an outage the stack was never meant to survive. Confine each fault to at most `zoneLoss` zones (a zone filter or parameter ' +
      'on FIS targets, a `topology.kubernetes.io/zone` node selector in Chaos Mesh), or to some of the replicas (`COUNT(n)`, `mode: one`).',
    resourceTypes: ['aws_fis_experiment_template', 'kubernetes_manifest'],
    evaluate: (resource, _stack, context) => {
      if (resource.type === 'aws_fis_experiment_template') {
        return fisBlastRadius(resource, context.zoneLoss);
      }
      const chaos = chaosOf(resource);
      return chaos ? chaosBlastRadius(chaos, context.zoneLoss) : NOT_APPLICABLE;
    },
  },
  {
    id: 'FT-FAULT-3',
    level: FindingLevel.ERROR,
    info: 'The fault experiment selects resources outside this stack.',
    explanation:
      'A target selected by filters alone, by literal ARNs or by tags nothing in this stack carries can hit any matching resource of the ' +
      'account (or namespace), another team\'s included. Select FIS targets by `resource_arns` referring to this stack\'s resources or by ' +
      'tags this stack sets (`ft:construct-path`), and Chaos Mesh pods by the labels of this stack\'s workloads.',
    resourceTypes: ['aws_fis_experiment_template', 'kubernetes_manifest'],
    evaluate: (resource, stack) => {
      if (resource.type === 'aws_fis_experiment_template') {
        return fisOutsideStack(resource, stack);
      }
      const chaos = chaosOf(resource);
      return chaos ? chaosOutsideStack(chaos, stack) : NOT_APPLICABLE;
    },
  },
];
