import { NO_USER_IMPACT, STACK_PODS, chaosDuration, detectionClause, fisDuration, plural, replicasOf, runningInVpc, slugOf, zonesOf } from './common';
import { KindPlanner } from './kind';
import { FaultExperimentKind } from '../../../core/fault-experiments';
import { FaultTargetKind } from '../../../core/fault-targets';
import { PlatformKind } from '../../../core/platform';
import { survivingReplicas } from '../../../core/private/facts';
import { TOPOLOGY_ZONE } from '../../../core/private/kubernetes';
import { ChaosObjectPlan, ExperimentPlan, FisActionPlan, FisTargetPlan, PlanningContext, shorten, targetsOf } from '../plan';

/**
 * The loss of whole zones (never more than the target's `zoneLoss`).
 *
 * AWS, composed like the FIS scenario "AZ Availability: Power Interruption": every service's instances in the lost
 * zones stopped (and restarted after the fault), their Auto Scaling groups refused new capacity there, the network's
 * subnets there cut off from all traffic, and each database failed over when its primary is there. Actions whose
 * targets are not found (no primary in the zone) are skipped. Fargate tasks are not stopped: cutting off their
 * subnets loses them (they fail their health checks, and ECS replaces them), and the FIS actions reference has no
 * zone parameter for `aws:ecs:stop-task` nor a documented zone filter for `aws:ecs:task` targets.
 *
 * Kubernetes: every service's pods on nodes of the lost zones failed, and the zone's pods of this stack partitioned
 * from the other pods of their namespace.
 */
export const zoneLoss: KindPlanner = {
  kind: FaultExperimentKind.ZONE_LOSS,
  plan(context: PlanningContext): ExperimentPlan[] {
    if (context.zoneLoss === 0) {
      if (context.involved.length > 0) {
        context.note('No zone experiment: the resilience target tolerates the loss of no zone (`zoneLoss: 0`).');
      }
      return [];
    }
    return [...awsZoneLoss(context), ...kubernetesZoneLoss(context)];
  },
};

function awsZoneLoss(context: PlanningContext): ExperimentPlan[] {
  const aws = context.involved.filter((i) => i.targets.some((t) => t.platform === PlatformKind.AWS));
  const groups = targetsOf(aws, FaultTargetKind.AUTO_SCALING_GROUP);
  const networks = targetsOf(aws, FaultTargetKind.SUBNETS);
  const databases = targetsOf(aws, FaultTargetKind.DB_INSTANCE, FaultTargetKind.DB_CLUSTER);
  const balancers = targetsOf(aws, FaultTargetKind.LOAD_BALANCER);
  // Fargate tasks have no instance to stop: they are lost with their zone when its subnets are cut off.
  const services = networks.length > 0 ? targetsOf(aws, FaultTargetKind.ECS_SERVICE) : [];
  const unreached = networks.length === 0 ? [...new Set(targetsOf(aws, FaultTargetKind.ECS_SERVICE).map((s) => s.owner.name))] : [];
  if (unreached.length > 0) {
    context.note(
      `The AWS zone experiment does not reach ${unreached.map((n) => `\`${n}\``).join(', ')} (ECS Fargate): its tasks are lost with a zone only ` +
        'when the zone\'s subnets are cut off, and no MultiAzNetwork of the stack reports its subnets. Declare the network in the same stack.',
    );
  }
  if (groups.length + networks.length + databases.length === 0) {
    return [];
  }
  const zones = context.awsZones;
  if (zones.length === 0) {
    context.note('No AWS zone experiment: the constructs span a single zone, so losing one would lose everything.');
    return [];
  }
  const lost = context.awsZoneLabels.join(', ');
  const duration = fisDuration(context.faultDuration);
  const targets: FisTargetPlan[] = [];
  const actions: FisActionPlan[] = [];
  const claims: string[] = [];

  groups.forEach(({ owner, target }, g) => {
    const n = g + 1;
    zones.forEach((zone, z) => {
      const name = `group-${n}-instances-zone-${z + 1}`;
      targets.push({
        name,
        resourceType: 'aws:ec2:instance',
        selectionMode: 'ALL',
        resourceTags: { ...target.tags },
        filters: runningInVpc(target, [zone]),
        source: target,
      });
      actions.push({
        name: `stop-group-${n}-zone-${z + 1}`,
        description: `Stops the running instances of ${owner.name} (${target.name}) in ${context.awsZoneLabels[z]}; they restart after ${context.faultDuration.toHumanString()}.`,
        actionId: 'aws:ec2:stop-instances',
        parameters: { startInstancesAfterDuration: duration, completeIfInstancesTerminated: 'true' },
        targetKey: 'Instances',
        targetName: name,
        targetResourceType: 'aws:ec2:instance',
      });
    });
    const groupTarget = `group-${n}`;
    targets.push({ name: groupTarget, resourceType: 'aws:ec2:autoscaling-group', selectionMode: 'ALL', resourceArns: [target.arn!], source: target });
    actions.push({
      name: `refuse-capacity-group-${n}`,
      description: `Refuses new instances of ${owner.name} (${target.name}) in ${lost}: the group must relaunch in the other zones.`,
      actionId: 'aws:ec2:asg-insufficient-instance-capacity-error',
      parameters: { availabilityZoneIdentifiers: zones.join(','), duration, percentage: '100' },
      targetKey: 'AutoScalingGroups',
      targetName: groupTarget,
      targetResourceType: 'aws:ec2:autoscaling-group',
    });
  });

  networks.forEach(({ owner, target }, w) => {
    zones.forEach((zone, z) => {
      const name = `network-${w + 1}-subnets-zone-${z + 1}`;
      targets.push({
        name,
        resourceType: 'aws:ec2:subnet',
        selectionMode: 'ALL',
        resourceTags: { ...target.tags },
        filters: [{ path: 'AvailabilityZone', values: [zone] }, ...(target.vpcId ? [{ path: 'VpcId', values: [target.vpcId] }] : [])],
        source: target,
      });
      actions.push({
        name: `cut-off-network-${w + 1}-zone-${z + 1}`,
        description: `Denies all traffic into and out of the subnets of ${owner.name} in ${context.awsZoneLabels[z]}.`,
        actionId: 'aws:network:disrupt-connectivity',
        parameters: { scope: 'all', duration },
        targetKey: 'Subnets',
        targetName: name,
        targetResourceType: 'aws:ec2:subnet',
      });
    });
  });

  databases.forEach(({ owner, target }, d) => {
    const cluster = target.kind === FaultTargetKind.DB_CLUSTER;
    const name = `database-${d + 1}`;
    targets.push({
      name,
      resourceType: cluster ? 'aws:rds:cluster' : 'aws:rds:db',
      selectionMode: 'ALL',
      resourceTags: { ...target.tags },
      parameters: cluster ? { writerAvailabilityZoneIdentifiers: zones.join(',') } : { availabilityZoneIdentifiers: zones.join(',') },
      source: target,
    });
    actions.push(
      cluster
        ? {
          name: `fail-over-database-${d + 1}`,
          description: `Fails ${owner.name} over to a reader if its writer is in ${lost}.`,
          actionId: 'aws:rds:failover-db-cluster',
          parameters: {},
          targetKey: 'Clusters',
          targetName: name,
          targetResourceType: 'aws:rds:cluster',
        }
        : {
          name: `fail-over-database-${d + 1}`,
          description: `Reboots ${owner.name} with a forced failover to its standby if its primary is in ${lost}.`,
          actionId: 'aws:rds:reboot-db-instances',
          parameters: { forceFailover: 'true' },
          targetKey: 'DBInstances',
          targetName: name,
          targetResourceType: 'aws:rds:db',
        },
    );
  });

  const owners = [...new Set(groups.map((g) => g.owner))];
  for (const owner of owners) {
    const replicas = replicasOf(owner);
    const spread = zonesOf(owner);
    if (replicas !== undefined && spread !== undefined) {
      const left = survivingReplicas(replicas, spread, zones.length);
      const detect = detectionClause(owner, 'takes the failed instances out of rotation');
      claims.push(
        `\`${owner.name}\` keeps ≥ ${left} of ${replicas} instances serving${detect ? `, ${detect}` : ''}, and relaunches the lost capacity in the other zones`,
      );
    }
  }
  for (const owner of [...new Set(services.filter(({ target }) => target.primary !== false).map((x) => x.owner))]) {
    const replicas = replicasOf(owner);
    const spread = zonesOf(owner);
    if (replicas !== undefined && spread !== undefined) {
      const left = survivingReplicas(replicas, spread, zones.length);
      // Behind a load balancer (a detection time), the cut-off tasks fail their health checks and ECS replaces them;
      // without one, nothing tells ECS they are lost.
      const detect = detectionClause(owner, 'the load balancer takes the cut-off tasks out of rotation');
      claims.push(
        `\`${owner.name}\` keeps ≥ ${left} of ${replicas} tasks serving` +
          (detect ? `, ${detect}, and ECS replaces the tasks that fail their health checks` : ''),
      );
    }
  }
  for (const { owner, target } of balancers) {
    const left = (target.zones?.length ?? 0) - zones.length;
    if (left > 0) {
      claims.push(`\`${owner.name}\` keeps serving from ${plural(left, 'zone')}`);
    }
  }
  for (const { owner } of databases) {
    const failover = owner.facts.failover;
    const rpo = owner.facts.recoveryPoint;
    claims.push(
      `\`${owner.name}\` fails over within ${failover ? failover.toHumanString() : 'its failover time'} if its primary is in that zone` +
        (rpo && !rpo.isUnresolved ? (rpo.toMilliseconds() === 0 ? ', losing no acknowledged write' : `, losing at most ${rpo.toHumanString()} of acknowledged writes`) : ''),
    );
  }
  const injected = groups.length > 0 || services.length === 0
    ? 'instances stopped, subnets cut off, no new capacity there'
    : 'subnets cut off with the tasks running there';
  const hypothesis =
    `With ${plural(zones.length, 'zone')} (${lost}) lost for ${context.faultDuration.toHumanString()} ` +
    `(${injected}): ${[...claims, NO_USER_IMPACT].join('; ')}.`;
  return [
    {
      id: 'ZoneLoss',
      name: 'zone-loss',
      kind: FaultExperimentKind.ZONE_LOSS,
      platform: PlatformKind.AWS,
      hypothesis,
      blastRadius: `${plural(zones.length, 'zone')} (${lost})`,
      constructs: [...new Set([...groups, ...services, ...networks, ...databases, ...balancers].map((x) => x.owner.name))],
      fis: { description: shorten(`zone-loss: ${hypothesis}`, 512), actions, targets, emptyTargetResolution: 'skip' },
    },
  ];
}

function kubernetesZoneLoss(context: PlanningContext): ExperimentPlan[] {
  const pods = targetsOf(context.involved, FaultTargetKind.PODS);
  if (pods.length === 0) {
    return [];
  }
  const zones = context.kubernetesZones;
  if (zones.length === 0) {
    context.note(
      'No Kubernetes zone experiment: the cluster\'s zones are not known at synth time. Pass `zones` (the `topology.kubernetes.io/zone` ' +
        'label values to lose, e.g. `[\'eu-west-1a\']`).',
    );
    return [];
  }
  const duration = chaosDuration(context.faultDuration);
  const chaos: ChaosObjectPlan[] = [];
  pods.forEach(({ target }) => {
    zones.forEach((zone, z) => {
      chaos.push({
        kind: 'PodChaos',
        id: `${target.namespaceName}-${target.name}-zone-${z + 1}`,
        name: `${target.name}-zone-failure-${z + 1}`,
        namespaceName: target.namespaceName!,
        spec: {
          action: 'pod-failure',
          mode: 'all',
          duration,
          selector: { namespaces: [target.namespaceName], labelSelectors: { ...target.podSelector }, nodeSelectors: { [TOPOLOGY_ZONE]: zone } },
        },
      });
    });
  });
  const namespaces = [...new Set(pods.map(({ target }) => target.namespaceName!))];
  for (const ns of namespaces) {
    zones.forEach((zone, z) => {
      chaos.push({
        kind: 'NetworkChaos',
        id: `${ns}-partition-zone-${z + 1}`,
        name: `${slugOf(ns)}-zone-partition-${z + 1}`,
        namespaceName: ns,
        spec: {
          action: 'partition',
          mode: 'all',
          direction: 'both',
          duration,
          selector: { namespaces: [ns], labelSelectors: { ...STACK_PODS }, nodeSelectors: { [TOPOLOGY_ZONE]: zone } },
          target: { mode: 'all', selector: { namespaces: [ns], labelSelectors: { ...STACK_PODS } } },
        },
      });
    });
  }
  const claims: string[] = [];
  const owners = [...new Set(pods.filter(({ target }) => target.primary !== false).map((p) => p.owner))];
  for (const owner of owners) {
    const replicas = replicasOf(owner);
    const spread = zonesOf(owner);
    if (replicas !== undefined && spread !== undefined) {
      const left = survivingReplicas(replicas, spread, zones.length);
      const detect = detectionClause(owner, 'its Service stops routing to the failed pods');
      claims.push(`\`${owner.name}\` keeps ≥ ${left} of ${replicas} pods ready in the other zones${detect ? `, ${detect}` : ''}`);
    }
  }
  const lost = zones.join(', ');
  const hypothesis =
    `With ${plural(zones.length, 'zone')} (${lost}) failed for ${context.faultDuration.toHumanString()} ` +
    `(the pods there failed, the zone cut off from the others): ${[...claims, 'no critical alert fires'].join('; ')}.`;
  return [
    {
      id: 'KubernetesZoneLoss',
      name: 'kubernetes-zone-loss',
      kind: FaultExperimentKind.ZONE_LOSS,
      platform: PlatformKind.KUBERNETES,
      hypothesis,
      blastRadius: `${plural(zones.length, 'zone')} (${lost})`,
      constructs: [...new Set(pods.map((p) => p.owner.name))],
      chaos,
    },
  ];
}
