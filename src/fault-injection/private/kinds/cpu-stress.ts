import { NO_USER_IMPACT, chaosDuration, detectionClause, fisDuration, idOf, replicasOf, runningInVpc, slugOf } from './common';
import { KindPlanner } from './kind';
import { FaultExperimentKind } from '../../../core/fault-experiments';
import { FaultTargetKind } from '../../../core/fault-targets';
import { PlatformKind } from '../../../core/platform';
import { ExperimentPlan, PlanningContext, shorten, targetsOf } from '../plan';

/** The Systems Manager document FIS provides for CPU stress (stress-ng). */
export const CPU_STRESS_DOCUMENT = 'AWSFIS-Run-CPU-Stress';
/**
 * Placeholders the AWS renderer replaces with the partition and region of the provider (the document ARN is
 * regional); they look like Terraform expressions, so the catalogue treats the ARN as known only at deploy time.
 */
export const PARTITION_PLACEHOLDER = '${partition}';
export const REGION_PLACEHOLDER = '${region}';

/**
 * The CPU of one replica of each service saturated for the fault's duration: AWS Systems Manager runs
 * `AWSFIS-Run-CPU-Stress` (stress-ng) on one instance; Chaos Mesh StressChaos on one pod. Not on Fargate (noted):
 * FIS needs an SSM agent sidecar in the task for that.
 */
export const cpuStress: KindPlanner = {
  kind: FaultExperimentKind.CPU_STRESS,
  plan(context: PlanningContext): ExperimentPlan[] {
    const out: ExperimentPlan[] = [];
    const seen = new Set<string>();
    for (const { owner, target } of targetsOf(context.involved, FaultTargetKind.ECS_SERVICE)) {
      if (target.primary !== false && !seen.has(owner.name)) {
        seen.add(owner.name);
        // aws:ecs:task-cpu-stress runs an SSM document through the SSM agent as a sidecar container of the task
        // ("Use the AWS FIS aws:ecs:task actions"), which the service does not run: its task has one container.
        context.note(
          `No CPU-stress experiment for \`${owner.name}\`: it runs on ECS Fargate, where FIS stresses a task's CPU only through an SSM agent ` +
            'sidecar container in the task (aws:ecs:task-cpu-stress), which the service does not run. Its instance-loss and zone-loss experiments still apply.',
        );
      }
    }
    for (const { owner, target } of targetsOf(context.involved, FaultTargetKind.AUTO_SCALING_GROUP, FaultTargetKind.PODS)) {
      if (target.primary === false || seen.has(owner.name)) {
        continue;
      }
      seen.add(owner.name);
      const replicas = replicasOf(owner, target) ?? 0;
      const aws = target.kind === FaultTargetKind.AUTO_SCALING_GROUP;
      const unit = aws ? 'instance' : 'pod';
      const length = context.faultDuration.toHumanString();
      const detect = detectionClause(owner, 'or leaves rotation');
      const hypothesis =
        `With the CPU of 1 of ${replicas} ${unit}s of \`${owner.name}\` saturated for ${length}: \`${owner.name}\` keeps serving, ` +
        `the stressed ${unit} keeps passing its health checks${detect ? ` ${detect}` : ''}; ${aws ? NO_USER_IMPACT : 'no critical alert fires'}.`;
      const base = {
        id: `CpuStress${idOf(owner.name)}`,
        name: `cpu-stress-${slugOf(owner.name)}`,
        kind: FaultExperimentKind.CPU_STRESS,
        hypothesis,
        blastRadius: `the CPU of 1 of ${replicas} ${unit}s of ${owner.name}`,
        constructs: [owner.name],
      };
      if (aws) {
        out.push({
          ...base,
          platform: PlatformKind.AWS,
          fis: {
            description: shorten(`${base.name}: ${hypothesis}`, 512),
            emptyTargetResolution: 'fail',
            targets: [
              { name: 'one-instance', resourceType: 'aws:ec2:instance', selectionMode: 'COUNT(1)', resourceTags: { ...target.tags }, filters: runningInVpc(target), source: target },
            ],
            actions: [
              {
                name: 'stress-cpu',
                description: `Runs ${CPU_STRESS_DOCUMENT} on one instance of ${owner.name} for ${length}.`,
                actionId: 'aws:ssm:send-command',
                parameters: {
                  documentArn: `arn:${PARTITION_PLACEHOLDER}:ssm:${REGION_PLACEHOLDER}::document/${CPU_STRESS_DOCUMENT}`,
                  documentParameters: JSON.stringify({ DurationSeconds: String(context.faultDuration.toSeconds()), InstallDependencies: 'True' }),
                  duration: fisDuration(context.faultDuration),
                },
                targetKey: 'Instances',
                targetName: 'one-instance',
                targetResourceType: 'aws:ec2:instance',
              },
            ],
          },
        });
      } else {
        out.push({
          ...base,
          platform: PlatformKind.KUBERNETES,
          chaos: [
            {
              kind: 'StressChaos',
              id: 'CpuStress',
              name: `${target.name}-cpu-stress`,
              namespaceName: target.namespaceName!,
              spec: {
                mode: 'one',
                duration: chaosDuration(context.faultDuration),
                selector: { namespaces: [target.namespaceName], labelSelectors: { ...target.podSelector } },
                stressors: { cpu: { workers: 1, load: 100 } },
              },
            },
          ],
        });
      }
    }
    return out;
  },
};
