import { TerraformStack } from 'cdktf';
import { StackView, TfResource } from './stack-view';
import { isExpression } from './values';
import { FaultExperimentRegistry } from '../../core/fault-experiments';
import { FaultExperimentEntry } from '../findings';

/** The annotation in which this library states a Chaos Mesh object's hypothesis. */
const HYPOTHESIS_ANNOTATION = 'cdktf-fault-tolerance.dev/hypothesis';

/** The names of the alarms a stop condition value refers to (an alarm of this stack), else the value itself. */
function alarmName(value: unknown, view: StackView): string {
  const [alarm] = view.referenced(value, 'aws_cloudwatch_metric_alarm', 'aws_cloudwatch_composite_alarm');
  if (alarm && typeof alarm.config.alarm_name === 'string') {
    return alarm.config.alarm_name;
  }
  const text: string = String(value);
  return isExpression(value) ? text : text.split(':alarm:')[1] ?? text;
}

function fisEntry(t: TfResource, view: StackView): FaultExperimentEntry {
  const conditions = [t.config.stop_condition ?? []].flat().filter((c: any) => c && c.source === 'aws:cloudwatch:alarm');
  return {
    name: view.relativePath(t.path),
    platform: 'aws',
    kind: 'fis_experiment_template',
    hypothesis: typeof t.config.description === 'string' ? t.config.description : '-',
    blastRadius: '-',
    stopConditions: conditions.map((c: any) => alarmName(c.value, view)),
    resourcePaths: [t.path],
    declared: false,
  };
}

function chaosEntry(m: TfResource): FaultExperimentEntry | undefined {
  const manifest = m.config.manifest;
  if (!manifest || typeof manifest.apiVersion !== 'string' || !manifest.apiVersion.startsWith('chaos-mesh.org/')) {
    return undefined;
  }
  return {
    name: String(manifest.metadata?.name ?? m.name),
    platform: 'kubernetes',
    kind: String(manifest.kind).toLowerCase(),
    hypothesis: manifest.metadata?.annotations?.[HYPOTHESIS_ANNOTATION] ?? '-',
    blastRadius: '-',
    stopConditions: [],
    resourcePaths: [m.path],
    declared: false,
  };
}

/**
 * Every fault experiment of the stack: those `FaultExperiments` declared (from the registry in core, with their
 * hypotheses in numbers), then every other FIS experiment template and Chaos Mesh object in the stack.
 */
export function experimentsOf(stack: TerraformStack, view: StackView): FaultExperimentEntry[] {
  const declared = FaultExperimentRegistry.of(stack).experiments;
  const covered = new Set(declared.flatMap((e) => e.resourcePaths));
  const entries: FaultExperimentEntry[] = declared.map((e) => ({
    name: e.name,
    platform: String(e.platform).toLowerCase(),
    kind: String(e.kind).toLowerCase(),
    hypothesis: e.hypothesis,
    blastRadius: e.blastRadius,
    stopConditions: [...e.stopConditions],
    resourcePaths: [...e.resourcePaths],
    declared: true,
  }));
  for (const t of view.ofType('aws_fis_experiment_template')) {
    if (!covered.has(t.path)) {
      entries.push(fisEntry(t, view));
    }
  }
  for (const m of view.ofType('kubernetes_manifest')) {
    const entry = covered.has(m.path) ? undefined : chaosEntry(m);
    if (entry) {
      entries.push(entry);
    }
  }
  return entries;
}
