import { createHash } from 'crypto';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { idOf } from './private/kinds/common';
import { ChaosObjectPlan, ExperimentPlan, FaultExperimentsPlan } from './private/plan';
import { FaultExperimentsKubernetesResources } from './resources';
import { LABEL_MANAGED_BY, isDnsLabel, standardAnnotations } from '../core/private/kubernetes';
import { MANAGED_BY } from '../core/private/naming';

/** The Chaos Mesh API group and version of every object rendered (the CRDs in schemas/chaos-mesh). */
export const CHAOS_MESH_API_VERSION = 'chaos-mesh.org/v1alpha1';
/** Chaos Mesh's pause annotation: a paused object injects nothing until it is removed (or copied without it). */
export const PAUSE_ANNOTATION = 'experiment.chaos-mesh.org/pause';
/** The label naming the experiment an object belongs to. */
export const EXPERIMENT_LABEL = 'cdktf-fault-tolerance.dev/experiment';
/** The annotation holding the experiment's hypothesis. */
export const HYPOTHESIS_ANNOTATION = 'cdktf-fault-tolerance.dev/hypothesis';
/** How many finished runs a Schedule keeps. */
const SCHEDULE_HISTORY = 5;

/** A DNS label of at most 63 characters: the name itself, or its end with a hash of the whole. */
function objectName(name: string): string {
  const clean = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  if (isDnsLabel(clean)) {
    return clean;
  }
  const hash = createHash('sha256').update(clean).digest('hex').slice(0, 8);
  return `${clean.slice(0, 54).replace(/-+$/, '')}-${hash}`;
}

/** `PodChaos` → `podChaos`: the field of a Schedule that embeds a chaos of that kind. */
function scheduleField(kind: string): string {
  return kind[0].toLowerCase() + kind.slice(1);
}

/**
 * One Chaos Mesh object as a `kubernetes_manifest`. Without a schedule it is created paused: applying the stack never
 * injects a fault, and an experiment runs when a copy without the pause annotation is created (README, "Fault
 * injection"). With a schedule it becomes a Schedule that Chaos Mesh runs on its cron.
 */
function manifestOf(scope: Construct, plan: FaultExperimentsPlan, e: ExperimentPlan, o: ChaosObjectPlan): Manifest {
  const labels = { [LABEL_MANAGED_BY]: MANAGED_BY, [EXPERIMENT_LABEL]: objectName(e.name) };
  const annotations: Record<string, string> = { ...standardAnnotations(scope), [HYPOTHESIS_ANNOTATION]: e.hypothesis };
  const metadata = (name: string) => ({ name: objectName(name), namespace: o.namespaceName, labels, annotations: { ...annotations } });
  const manifest = plan.schedule
    ? {
      apiVersion: CHAOS_MESH_API_VERSION,
      kind: 'Schedule',
      metadata: metadata(`${o.name}-schedule`),
      spec: {
        schedule: plan.schedule,
        type: o.kind,
        historyLimit: SCHEDULE_HISTORY,
        concurrencyPolicy: 'Forbid',
        [scheduleField(o.kind)]: o.spec,
      },
    }
    : {
      apiVersion: CHAOS_MESH_API_VERSION,
      kind: o.kind,
      metadata: { ...metadata(o.name), annotations: { ...annotations, [PAUSE_ANNOTATION]: 'true' } },
      spec: o.spec,
    };
  return new Manifest(scope, `${e.id}${idOf(o.id)}`, { manifest });
}

/** Renders the Kubernetes experiments: their Chaos Mesh objects, each in the namespace of the pods it selects. */
export function renderKubernetesExperiments(
  scope: Construct,
  plan: FaultExperimentsPlan,
  experiments: readonly ExperimentPlan[],
): { readonly resources: FaultExperimentsKubernetesResources; readonly perExperiment: Manifest[][] } {
  const perExperiment = experiments.map((e) => (e.chaos ?? []).map((o) => manifestOf(scope, plan, e, o)));
  return { resources: { manifests: perExperiment.flat() }, perExperiment };
}
