import type { MonitoredAlarm } from './alarms';
import type { NetworkSubnet } from './network';
import type { PlatformKind } from './platform';
import type { IResilient } from './resilience';

/**
 * What kind of resource a {@link FaultTarget} is: which faults can be injected into it, and how it is selected.
 */
export enum FaultTargetKind {
  /** The EC2 instances of an Auto Scaling group (AWS): stopped, terminated or stressed; launches refused in a zone. */
  AUTO_SCALING_GROUP = 'AUTO_SCALING_GROUP',
  /**
   * The tasks of an ECS service on Fargate (AWS): stopped (the service replaces them), cut off with their zone's
   * subnets.
   */
  ECS_SERVICE = 'ECS_SERVICE',
  /** A Multi-AZ RDS DB instance (AWS): rebooted with a forced failover to its standby. */
  DB_INSTANCE = 'DB_INSTANCE',
  /** An Aurora DB cluster (AWS): failed over to a reader. */
  DB_CLUSTER = 'DB_CLUSTER',
  /** The subnets of a network (AWS): cut off from all traffic in one zone. */
  SUBNETS = 'SUBNETS',
  /** A load balancer (AWS): not injected into, but its alarms tell when users are affected. */
  LOAD_BALANCER = 'LOAD_BALANCER',
  /** The pods of a workload, selected by labels in a namespace (Kubernetes): killed, failed, partitioned, stressed. */
  PODS = 'PODS',
}

/**
 * Where faults can be injected into a construct of this library, as the construct reports it next to its resilience
 * facts: which resources, selected by which of this stack's tags or labels, in which zones, and which alarms say
 * that users are affected. The fault experiments read it; a field that does not apply to the kind stays undefined.
 */
export interface FaultTarget {
  /** What kind of resource this is. */
  readonly kind: FaultTargetKind;
  /** Which platform renders it. */
  readonly platform: PlatformKind;
  /** The physical name: the Auto Scaling group, ECS service, DB identifier, network, load balancer or workload name. */
  readonly name: string;
  /**
   * The resource's ARN (a Terraform reference), for targets selected by ARN.
   * @default - none: the target is selected by `tags` (subnets, instances) or labels (pods)
   */
  readonly arn?: string;
  /**
   * Tags that this stack set on the resource (and, for an Auto Scaling group, on every instance it launches), which
   * select it and nothing outside this stack.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
  /**
   * The name of the ECS cluster the service runs in (an ECS service), which confines task selection to it.
   * @default - none
   */
  readonly clusterName?: string;
  /**
   * The VPC the resource is in (AWS), which confines instance and subnet selection to this stack's network.
   * @default - none
   */
  readonly vpcId?: string;
  /**
   * The zones the resource spans, in the network's order (names; tokens when looked up at deploy time).
   * @default - not known at synth time (Kubernetes)
   */
  readonly zones?: string[];
  /**
   * The subnets, each with its zone (a network).
   * @default - none
   */
  readonly subnets?: NetworkSubnet[];
  /**
   * The namespace of the pods (Kubernetes).
   * @default - none
   */
  readonly namespaceName?: string;
  /**
   * The labels that select the pods (Kubernetes).
   * @default - none
   */
  readonly podSelector?: { [key: string]: string };
  /**
   * Whether this is the construct's primary group of replicas (the stable or active one; false for a canary or the
   * idle colour). Single-replica experiments target primary groups only.
   * @default true
   */
  readonly primary?: boolean;
  /**
   * The fewest replicas this target keeps running.
   * @default - not a replicated resource
   */
  readonly replicas?: number;
  /**
   * The alarms that say users of this target are affected (5XX errors, no healthy host, a full disk): every
   * experiment of the stack stops as soon as one of them fires. Alarms about reduced capacity that an experiment
   * causes on purpose (fewer in-service instances) are not among them: the hypothesis states the recovery instead.
   * @default - none
   */
  readonly stopConditions?: MonitoredAlarm[];
}

/**
 * A construct that reports where faults can be injected into it, next to its resilience facts.
 */
export interface IFaultInjectable extends IResilient {
  /** Where faults can be injected into this construct; empty when there is nothing to inject into. */
  faultTargets(): FaultTarget[];
}
