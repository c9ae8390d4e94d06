import { parseImage } from '../../../core/private/image';
import { LABEL_INSTANCE, LABEL_NAME, LABEL_TRACK, TRACK_CANARY, TRACK_STABLE } from '../../../core/private/kubernetes';
import { FindingLevel } from '../../findings';
import { COMPLIANT, Compliance, NOT_APPLICABLE, Rule, RuleResult, check, exempt, nonCompliant, unresolvable } from '../rule';
import { StackView, TfResource } from '../stack-view';
import { Unresolved, isExpression, isUnresolved, readBlock, readBlocks, readList, readMap, readNumber, readString } from '../values';

export const DEPLOYMENTS = ['kubernetes_deployment', 'kubernetes_deployment_v1'];
const STATEFUL_SETS = ['kubernetes_stateful_set', 'kubernetes_stateful_set_v1'];
const DAEMON_SETS = ['kubernetes_daemonset', 'kubernetes_daemon_set_v1'];
const PODS = ['kubernetes_pod', 'kubernetes_pod_v1'];
const REPLICATED = [...DEPLOYMENTS, ...STATEFUL_SETS];
export const ALL_WORKLOADS = [...REPLICATED, ...DAEMON_SETS, ...PODS];
const PDBS = ['kubernetes_pod_disruption_budget', 'kubernetes_pod_disruption_budget_v1'];
const HPAS = [
  'kubernetes_horizontal_pod_autoscaler',
  'kubernetes_horizontal_pod_autoscaler_v1',
  'kubernetes_horizontal_pod_autoscaler_v2',
  'kubernetes_horizontal_pod_autoscaler_v2beta2',
];
const ZONE_KEYS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];

/** A workload's pod template, read from any of the workload resource types. */
export interface Workload {
  readonly kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Pod';
  readonly name: string | undefined;
  readonly namespace: string;
  /** The workload spec (`spec`); the pod spec for bare pods. */
  readonly spec: any;
  readonly podSpec: any;
  readonly podLabels: Record<string, unknown> | undefined | Unresolved;
}

function kindOf(type: string): Workload['kind'] {
  if (DEPLOYMENTS.includes(type)) return 'Deployment';
  if (STATEFUL_SETS.includes(type)) return 'StatefulSet';
  if (DAEMON_SETS.includes(type)) return 'DaemonSet';
  return 'Pod';
}

export function workloadOf(r: TfResource): Workload | Unresolved {
  const metadata = readBlock(r.config, 'metadata');
  if (isUnresolved(metadata)) return metadata;
  const spec = readBlock(r.config, 'spec');
  if (isUnresolved(spec)) return spec;
  const kind = kindOf(r.type);
  const name = typeof metadata?.name === 'string' ? metadata.name : undefined;
  const namespace = typeof metadata?.namespace === 'string' ? metadata.namespace : 'default';
  if (kind === 'Pod') {
    return { kind, name, namespace, spec: spec ?? {}, podSpec: spec ?? {}, podLabels: readMap(metadata, 'labels', 'metadata.labels') };
  }
  const template = readBlock(spec, 'template', 'spec.template');
  if (isUnresolved(template)) return template;
  const templateMeta = readBlock(template, 'metadata', 'spec.template.metadata');
  if (isUnresolved(templateMeta)) return templateMeta;
  const podSpec = readBlock(template, 'spec', 'spec.template.spec');
  if (isUnresolved(podSpec)) return podSpec;
  return {
    kind,
    name,
    namespace,
    spec: spec ?? {},
    podSpec: podSpec ?? {},
    podLabels: readMap(templateMeta, 'labels', 'spec.template.metadata.labels'),
  };
}

/** The containers of a pod spec (`init` adds the init containers). */
function containersOf(podSpec: any, init = false): any[] | Unresolved {
  const main = readBlocks(podSpec, 'container', 'container');
  if (isUnresolved(main) || !init) return main;
  const inits = readBlocks(podSpec, 'init_container', 'init_container');
  if (isUnresolved(inits)) return inits;
  return [...main, ...inits];
}

function containerName(c: any, i: number): string {
  return typeof c.name === 'string' ? `\`${c.name}\`` : `#${i + 1}`;
}

/**
 * Checks every container of a pod spec: `problem` says what is wrong with one container (a sentence), nothing when
 * it complies, or returns an unresolved value, which makes the whole check unresolvable.
 */
function everyContainer(podSpec: any, init: boolean, problem: (c: any, name: string) => string | undefined | Unresolved): RuleResult {
  const containers = containersOf(podSpec, init);
  if (isUnresolved(containers)) return unresolvable(containers);
  const problems: string[] = [];
  for (const [i, c] of containers.entries()) {
    const found = problem(c, containerName(c, i));
    if (isUnresolved(found)) return unresolvable(found);
    if (found !== undefined) problems.push(found);
  }
  return check(problems.length === 0, problems.join('; '));
}

/** Runs `fn` on a workload, turning unresolved structure into an unresolvable result. */
export function onWorkload(r: TfResource, fn: (w: Workload) => RuleResult): RuleResult {
  const w = workloadOf(r);
  return isUnresolved(w) ? unresolvable(w) : fn(w);
}

/** The HPA that scales a workload, if the stack defines one. */
function autoscalerOf(w: Workload, stack: StackView): TfResource | undefined {
  return stack.ofType(...HPAS).find((hpa) => {
    const meta = readBlock(hpa.config, 'metadata');
    const spec = readBlock(hpa.config, 'spec');
    if (isUnresolved(meta) || isUnresolved(spec) || !spec) return false;
    const ref = readBlock(spec, 'scale_target_ref');
    if (isUnresolved(ref) || !ref) return false;
    const namespace = typeof meta?.namespace === 'string' ? meta.namespace : 'default';
    return namespace === w.namespace && ref.name === w.name && (ref.kind === undefined || ref.kind === w.kind);
  });
}

/** The replicas a workload keeps, or why it is unknown (`undefined` spec value: the default 1). */
function replicasOf(w: Workload): number | Unresolved {
  const replicas = readNumber(w.spec, 'replicas', 'spec.replicas');
  return replicas ?? 1;
}

/** Whether a label selector (`match_labels`, `match_expressions`) selects pods with `labels`. */
export function selects(selector: any, labels: Record<string, unknown>): boolean | Unresolved {
  const matchLabels = readMap(selector, 'match_labels', 'selector.match_labels');
  if (isUnresolved(matchLabels)) return matchLabels;
  for (const [k, v] of Object.entries(matchLabels ?? {})) {
    if (labels[k] !== v) return false;
  }
  const expressions = readBlocks(selector, 'match_expressions', 'selector.match_expressions');
  if (isUnresolved(expressions)) return expressions;
  for (const e of expressions) {
    const values = Array.isArray(e.values) ? e.values.map(String) : [];
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const value = has ? String(labels[e.key]) : undefined;
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(value!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(value!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return new Unresolved('selector.match_expressions.operator', String(e.operator));
    }
  }
  return true;
}

/** Parses `25%` or `1` against a replica count: the number of pods (rounded down for percentages). */
function podsOf(value: unknown, replicas: number): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(value.trim());
  if (percent) return Math.floor((replicas * Number(percent[1])) / 100);
  return Number.isFinite(Number(value)) ? Number(value) : undefined;
}

/** The values of a command-line flag (`--flag=value` or `--flag value`). */
function flagValues(args: string[], flag: string): string[] {
  const out: string[] = [];
  args.forEach((a, i) => {
    if (a.startsWith(`${flag}=`)) out.push(a.slice(flag.length + 1));
    else if (a === flag && i + 1 < args.length) out.push(args[i + 1]);
  });
  return out;
}

function portOf(address: string): string | undefined {
  const m = /:(\d+)$/.exec(address.trim());
  return m ? m[1] : undefined;
}

function alertmanagerCluster(w: Workload, container: any, name: string): RuleResult {
  const args = readList(container, 'args', 'args');
  const command = readList(container, 'command', 'command');
  if (isUnresolved(args)) return unresolvable(args);
  if (isUnresolved(command)) return unresolvable(command);
  const all = [...(command ?? []), ...(args ?? [])].map(String);
  const expr = all.find((a) => isExpression(a));
  if (expr) return unresolvable(new Unresolved(`${name} args`, expr));
  const replicas = replicasOf(w);
  if (isUnresolved(replicas)) return unresolvable(replicas);
  const problems: string[] = [];
  if (replicas < 2) {
    problems.push(`it runs ${replicas} replica`);
  }
  const listen = flagValues(all, '--cluster.listen-address');
  const listenAddress = listen.length > 0 ? listen[listen.length - 1] : '0.0.0.0:9094';
  if (listenAddress === '') {
    problems.push('`--cluster.listen-address=` is empty, which disables clustering');
  } else if (portOf(listenAddress) !== '9094') {
    problems.push(`\`--cluster.listen-address\` is ${JSON.stringify(listenAddress)}, not port 9094`);
  }
  const peers = new Set(flagValues(all, '--cluster.peer'));
  if (peers.size < replicas) {
    problems.push(`${name} lists ${peers.size} \`--cluster.peer\` for ${replicas} replicas`);
  }
  const offPort = [...peers].filter((p) => portOf(p) !== '9094');
  if (offPort.length > 0) {
    problems.push(`peers not on the cluster port 9094: ${offPort.join(', ')}`);
  }
  return problems.length === 0 ? COMPLIANT : nonCompliant(problems.join('; '));
}

/** FT-K8S-1 on one workload: at least 2 replicas, or an autoscaler whose minimum is at least 2. */
function replicaResult(w: Workload, stack: StackView): RuleResult {
  const hpa = autoscalerOf(w, stack);
  if (hpa) {
    const spec = readBlock(hpa.config, 'spec');
    const min = isUnresolved(spec) ? spec : readNumber(spec, 'min_replicas', `${hpa.address}.spec.min_replicas`);
    if (isUnresolved(min)) return unresolvable(min);
    return check(min !== undefined && min >= 2, `its autoscaler \`${hpa.address}\` has \`min_replicas\` ${min ?? 'unset (default 1)'}`);
  }
  const replicas = readNumber(w.spec, 'replicas', 'spec.replicas');
  if (isUnresolved(replicas)) return unresolvable(replicas);
  return check(replicas !== undefined && replicas >= 2, `\`spec.replicas\` is ${replicas ?? 'unset (default 1)'}`);
}

/**
 * The stable Deployment of a canary Deployment, recognised by their pods' labels: the canary's carry
 * `cdktf-fault-tolerance.dev/track: canary`, the stable's `track: stable` with the same application name and
 * instance, in the same namespace. Only a stable Deployment that itself keeps at least 2 replicas counts.
 */
function stableOfCanary(r: TfResource, w: Workload, stack: StackView): { address: string; replicas: number } | undefined {
  const labels = w.podLabels;
  if (w.kind !== 'Deployment' || isUnresolved(labels) || labels?.[LABEL_TRACK] !== TRACK_CANARY) return undefined;
  const same = (other: Record<string, unknown>, key: string) => typeof labels[key] === 'string' && other[key] === labels[key];
  for (const candidate of stack.ofType(...DEPLOYMENTS)) {
    if (candidate === r) continue;
    const s = workloadOf(candidate);
    if (isUnresolved(s) || s.namespace !== w.namespace || isUnresolved(s.podLabels) || !s.podLabels) continue;
    const podLabels = s.podLabels;
    if (podLabels[LABEL_TRACK] !== TRACK_STABLE || !same(podLabels, LABEL_NAME) || !same(podLabels, LABEL_INSTANCE)) continue;
    if (replicaResult(s, stack).compliance !== Compliance.COMPLIANT) continue;
    const hpa = autoscalerOf(s, stack);
    const spec = hpa ? readBlock(hpa.config, 'spec') : undefined;
    const replicas = hpa ? (isUnresolved(spec) ? undefined : readNumber(spec, 'min_replicas')) : readNumber(s.spec, 'replicas');
    return { address: candidate.address, replicas: typeof replicas === 'number' ? replicas : 2 };
  }
  return undefined;
}

export const KUBERNETES_RULES: Rule[] = [
  {
    id: 'FT-K8S-1',
    level: FindingLevel.ERROR,
    info: 'The workload runs fewer than 2 replicas.',
    explanation:
      'A single pod is an outage whenever it restarts, is evicted, or its node is drained or fails. Set `spec.replicas` to at least 2 ' +
      '(the default is 1), or scale it with a HorizontalPodAutoscaler whose `min_replicas` is at least 2. A canary Deployment (pods ' +
      'labelled `cdktf-fault-tolerance.dev/track: canary`) next to a stable Deployment of the same application instance (`track: stable`) ' +
      'that keeps at least 2 replicas is reported as suppressed, with that reason.',
    resourceTypes: REPLICATED,
    evaluate: (r, stack) =>
      onWorkload(r, (w) => {
        const result = replicaResult(w, stack);
        if (result.compliance !== Compliance.NON_COMPLIANT) return result;
        const stable = stableOfCanary(r, w, stack);
        return stable
          ? exempt(
            result.detail!,
            `a canary Deployment (\`${LABEL_TRACK}: ${TRACK_CANARY}\`) takes a share of the traffic next to its stable Deployment ` +
                `\`${stable.address}\`, which keeps ${stable.replicas} replicas: losing the canary's pod returns that share to the stable pods`,
          )
          : result;
      }),
  },
  {
    id: 'FT-K8S-2',
    level: FindingLevel.ERROR,
    info: 'A container has no readiness or no liveness probe.',
    explanation:
      'Without a readiness probe a pod receives traffic before it can serve and while it is failing; without a liveness probe a hung ' +
      'process is never restarted. Give every container both (HealthCheck renders them).',
    resourceTypes: ALL_WORKLOADS,
    evaluate: (r) =>
      onWorkload(r, (w) => {
        return everyContainer(w.podSpec, false, (c, name) => {
          const probes = ['readiness_probe', 'liveness_probe'].filter((p) => {
            const b = readBlocks(c, p);
            return !isUnresolved(b) && b.length === 0;
          });
          return probes.length > 0 ? `${name} has no ${probes.join(' and no ')}` : undefined;
        });
      }),
  },
  {
    id: 'FT-K8S-3',
    level: FindingLevel.ERROR,
    info: 'No PodDisruptionBudget covers the workload\'s pods.',
    explanation:
      'Without a PodDisruptionBudget a node drain (cluster upgrade, node rotation, autoscaler scale-down) may evict every replica at ' +
      'once. Add a `kubernetes_pod_disruption_budget_v1` in the same namespace whose selector matches the pod labels, with ' +
      '`max_unavailable = 1`.',
    resourceTypes: REPLICATED,
    evaluate: (r, stack) =>
      onWorkload(r, (w) => {
        if (isUnresolved(w.podLabels)) return unresolvable(w.podLabels);
        const labels = w.podLabels ?? {};
        let unknown: Unresolved | undefined;
        for (const pdb of stack.ofType(...PDBS)) {
          const meta = readBlock(pdb.config, 'metadata');
          const spec = readBlock(pdb.config, 'spec');
          if (isUnresolved(meta) || isUnresolved(spec)) {
            unknown = isUnresolved(meta) ? meta : (spec as Unresolved);
            continue;
          }
          const namespace = typeof meta?.namespace === 'string' ? meta.namespace : 'default';
          if (namespace !== w.namespace) continue;
          const selector = readBlock(spec, 'selector');
          if (isUnresolved(selector)) {
            unknown = selector;
            continue;
          }
          const matches = selects(selector ?? {}, labels);
          if (matches === true) return COMPLIANT;
          if (isUnresolved(matches)) unknown = matches;
        }
        return unknown ? unresolvable(unknown) : nonCompliant(`no PodDisruptionBudget in namespace ${JSON.stringify(w.namespace)} selects ${JSON.stringify(labels)}`);
      }),
  },
  {
    id: 'FT-K8S-4',
    level: FindingLevel.ERROR,
    info: 'The workload\'s pods are not spread across zones.',
    explanation:
      'Nothing stops the scheduler from putting every replica in one zone (or on one node): replicas do not survive the failure they ' +
      'exist for. Add a `topology_spread_constraint` on `topology.kubernetes.io/zone` (or a pod anti-affinity).',
    resourceTypes: REPLICATED,
    evaluate: (r) =>
      onWorkload(r, (w) => {
        const constraints = readBlocks(w.podSpec, 'topology_spread_constraint');
        if (isUnresolved(constraints)) return unresolvable(constraints);
        if (constraints.some((c) => ZONE_KEYS.includes(c.topology_key))) return COMPLIANT;
        const affinity = readBlock(w.podSpec, 'affinity');
        if (isUnresolved(affinity)) return unresolvable(affinity);
        const anti = affinity ? readBlock(affinity, 'pod_anti_affinity') : undefined;
        if (isUnresolved(anti)) return unresolvable(anti);
        if (anti) return COMPLIANT;
        const keys = constraints.map((c) => c.topology_key).filter((k) => typeof k === 'string');
        return nonCompliant(
          keys.length > 0
            ? `its topology spread constraints use ${keys.join(', ')} but not topology.kubernetes.io/zone`
            : 'no `topology_spread_constraint` and no pod anti-affinity',
        );
      }),
  },
  {
    id: 'FT-K8S-5',
    level: FindingLevel.ERROR,
    info: 'The Deployment uses the Recreate strategy.',
    explanation:
      '`Recreate` stops every old pod before starting new ones: every deployment is an outage, and a bad version leaves nothing ' +
      'running. Use `RollingUpdate` (the default).',
    resourceTypes: DEPLOYMENTS,
    evaluate: (r) =>
      onWorkload(r, (w) => {
        const strategy = readBlock(w.spec, 'strategy', 'spec.strategy');
        if (isUnresolved(strategy)) return unresolvable(strategy);
        const type = strategy ? readString(strategy, 'type', 'spec.strategy.type') : undefined;
        if (isUnresolved(type)) return unresolvable(type);
        return check(type !== 'Recreate', '`spec.strategy.type` is "Recreate"');
      }),
  },
  {
    id: 'FT-K8S-6',
    level: FindingLevel.ERROR,
    info: 'A container may run as root.',
    explanation:
      'A process running as root turns any container escape or writable host mount into a node compromise, which takes down every ' +
      'pod on the node. Set `run_as_non_root = true` (or a non-zero `run_as_user`) in the pod or container security context.',
    resourceTypes: ALL_WORKLOADS,
    evaluate: (r) =>
      onWorkload(r, (w) => {
        const podContext = readBlock(w.podSpec, 'security_context');
        if (isUnresolved(podContext)) return unresolvable(podContext);
        return everyContainer(w.podSpec, true, (c, name) => {
          const own = readBlock(c, 'security_context');
          if (isUnresolved(own)) return own;
          const nonRoot = own?.run_as_non_root ?? podContext?.run_as_non_root;
          const user = own?.run_as_user ?? podContext?.run_as_user;
          if (isExpression(nonRoot) || isExpression(user)) {
            return new Unresolved('run_as_non_root/run_as_user', String(isExpression(nonRoot) ? nonRoot : user));
          }
          const uid = user === undefined ? undefined : Number(user);
          if (uid === 0) {
            return `${name} sets \`run_as_user\` 0`;
          }
          if (!(nonRoot === true || nonRoot === 'true' || (uid !== undefined && uid > 0))) {
            return `${name} has neither \`run_as_non_root = true\` nor a non-zero \`run_as_user\``;
          }
          return undefined;
        });
      }),
  },
  {
    id: 'FT-K8S-7',
    level: FindingLevel.ERROR,
    info: 'A container image is untagged or tagged `latest`.',
    explanation:
      'A moving tag means two pods of one workload can run different code, a rollback does not roll back, and a restart can pull a ' +
      'broken image. Pin a version tag (`app:1.4.2`) or a digest (`app@sha256:...`).',
    resourceTypes: ALL_WORKLOADS,
    evaluate: (r) =>
      onWorkload(r, (w) => {
        return everyContainer(w.podSpec, true, (c, name) => {
          const image = readString(c, 'image', `${name} image`);
          if (isUnresolved(image) || image === undefined) return image;
          const { tag, digest } = parseImage(image);
          if (digest !== undefined) return undefined;
          if (tag === undefined) return `${name} uses ${JSON.stringify(image)} (untagged: latest)`;
          return tag === 'latest' ? `${name} uses ${JSON.stringify(image)}` : undefined;
        });
      }),
  },
  {
    id: 'FT-K8S-8',
    level: FindingLevel.ERROR,
    info: 'Alertmanager does not form a highly available gossip cluster.',
    explanation:
      'Alertmanager replicas only deduplicate notifications and share silences when they gossip with each other: at least 2 ' +
      'replicas, each started with a `--cluster.peer=<pod>.<service>:9094` for every replica, listening on the cluster port 9094. ' +
      'Otherwise a single instance is a single point of failure, or every replica pages separately.',
    resourceTypes: REPLICATED,
    evaluate: (r) =>
      onWorkload(r, (w) => {
        const containers = containersOf(w.podSpec);
        if (isUnresolved(containers)) return unresolvable(containers);
        const am = containers
          .map((c, i) => ({ c, i }))
          .filter(({ c }) => typeof c.image === 'string' && /alertmanager/i.test(c.image) && !/(webhook|reloader|adapter)/i.test(c.image));
        if (am.length === 0) return NOT_APPLICABLE;
        for (const { c, i } of am) {
          const result = alertmanagerCluster(w, c, containerName(c, i));
          if (result !== COMPLIANT) return result;
        }
        return COMPLIANT;
      }),
  },
  {
    id: 'FT-K8S-9',
    level: FindingLevel.WARNING,
    info: 'The HorizontalPodAutoscaler may scale down to 1 replica.',
    explanation:
      'An autoscaler with `min_replicas` below 2 (the default is 1) scales the workload down to a single pod at quiet times, which ' +
      'then is a single point of failure. Set `min_replicas` to at least 2.',
    resourceTypes: HPAS,
    evaluate: (hpa) => {
      const spec = readBlock(hpa.config, 'spec');
      if (isUnresolved(spec)) return unresolvable(spec);
      const min = readNumber(spec, 'min_replicas', 'spec.min_replicas');
      if (isUnresolved(min)) return unresolvable(min);
      return check(min !== undefined && min >= 2, `\`spec.min_replicas\` is ${min ?? 'unset (default 1)'}`);
    },
  },
  {
    id: 'FT-K8S-10',
    level: FindingLevel.WARNING,
    info: 'A rolling update takes pods out of service before their replacements are ready.',
    explanation:
      'With `max_unavailable` above 0 (the default 25% is 1 pod from 4 replicas) a rollout runs below capacity, and during a zone ' +
      'failure it can take the last healthy pods away. Set `rolling_update { max_unavailable = "0", max_surge = "1" }` (or a percentage).',
    resourceTypes: DEPLOYMENTS,
    evaluate: (r) =>
      onWorkload(r, (w) => {
        const strategy = readBlock(w.spec, 'strategy', 'spec.strategy');
        if (isUnresolved(strategy)) return unresolvable(strategy);
        if (strategy?.type === 'Recreate') return NOT_APPLICABLE; // FT-K8S-5 reports it
        const rolling = strategy ? readBlock(strategy, 'rolling_update', 'spec.strategy.rolling_update') : undefined;
        if (isUnresolved(rolling)) return unresolvable(rolling);
        const raw = rolling?.max_unavailable ?? '25%';
        if (isExpression(raw)) return unresolvable(new Unresolved('spec.strategy.rolling_update.max_unavailable', raw));
        const replicas = replicasOf(w);
        if (isUnresolved(replicas)) {
          return typeof raw === 'string' && raw.endsWith('%') ? unresolvable(replicas) : check(Number(raw) === 0, `\`max_unavailable\` is ${raw}`);
        }
        const pods = podsOf(raw, replicas);
        if (pods === undefined) return unresolvable(new Unresolved('spec.strategy.rolling_update.max_unavailable', String(raw)));
        return check(
          pods === 0,
          `\`max_unavailable\` ${rolling?.max_unavailable === undefined ? 'unset (default 25%)' : JSON.stringify(raw)} takes ${pods} of ${replicas} pods out of service`,
        );
      }),
  },
  {
    id: 'FT-K8S-11',
    level: FindingLevel.ERROR,
    info: 'A readiness probe takes longer than the allowed time to detect a failing pod.',
    explanation:
      'A failing pod keeps receiving requests until `period_seconds × failure_threshold + timeout_seconds` has passed (defaults: ' +
      '10 × 3 + 1 = 31 s). Keep it within a minute, or the target\'s `maxDetection`.',
    resourceTypes: ALL_WORKLOADS,
    evaluate: (r, _stack, context) =>
      onWorkload(r, (w) => {
        return everyContainer(w.podSpec, false, (c, name) => {
          const probe = readBlock(c, 'readiness_probe');
          if (isUnresolved(probe) || !probe) return probe ?? undefined; // a missing probe is FT-K8S-2's finding
          const period = readNumber(probe, 'period_seconds', 'readiness_probe.period_seconds');
          const failures = readNumber(probe, 'failure_threshold', 'readiness_probe.failure_threshold');
          const timeout = readNumber(probe, 'timeout_seconds', 'readiness_probe.timeout_seconds');
          for (const v of [period, failures, timeout]) {
            if (isUnresolved(v)) return v;
          }
          const p = (period as number | undefined) ?? 10;
          const f = (failures as number | undefined) ?? 3;
          const t = (timeout as number | undefined) ?? 1;
          const seconds = p * f + t;
          return seconds > context.maxDetectionSeconds
            ? `${name} detects a failure in up to ${seconds} s (${p} s × ${f} + ${t} s), more than ${context.maxDetectionSeconds} s`
            : undefined;
        });
      }),
  },
  {
    id: 'FT-K8S-12',
    level: FindingLevel.WARNING,
    info: 'A container does not request CPU and memory.',
    explanation:
      'Pods without requests are scheduled onto nodes that cannot hold them and are the first evicted when a node runs short (after ' +
      'a zone failure, the surviving nodes do). Set `resources.requests` for `cpu` and `memory`.',
    resourceTypes: ALL_WORKLOADS,
    evaluate: (r) =>
      onWorkload(r, (w) => {
        return everyContainer(w.podSpec, false, (c, name) => {
          const resources = readBlock(c, 'resources');
          if (isUnresolved(resources)) return resources;
          const requests = resources ? readMap(resources, 'requests', 'resources.requests') : undefined;
          if (isUnresolved(requests)) return requests;
          const absent = ['cpu', 'memory'].filter((k) => requests?.[k] === undefined);
          return absent.length > 0 ? `${name} requests no ${absent.join(' and no ')}` : undefined;
        });
      }),
  },
  {
    id: 'FT-K8S-13',
    level: FindingLevel.ERROR,
    info: 'A bare Pod is not managed by a controller.',
    explanation:
      'A Pod created directly is not recreated when its node fails or it is evicted. Run it as a Deployment or StatefulSet (or a Job ' +
      'for one-off work).',
    resourceTypes: PODS,
    evaluate: () => nonCompliant('a `kubernetes_pod` is not rescheduled when its node fails'),
  },
];
