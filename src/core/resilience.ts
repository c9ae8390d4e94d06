import { IConstruct } from 'constructs';
import { Duration } from './duration';
import { PlatformKind } from './platform';
import type { RecoveryStep } from './regional';

/**
 * The kinds of capability that report {@link ResilienceFacts}.
 */
export enum CapabilityKind {
  /** A multi-zone network (`MultiAzNetwork`). */
  NETWORK = 'NETWORK',
  /** A load balancer (`HealthCheckedLoadBalancer`). */
  LOAD_BALANCER = 'LOAD_BALANCER',
  /** Redundant replicas of a service (`MultiAzService`). */
  SERVICE = 'SERVICE',
  /** Replicated state (`ReplicatedDatabase`). */
  DATABASE = 'DATABASE',
  /** Alert delivery (`HaAlertmanager`). */
  ALERTING = 'ALERTING',
  /** DNS failover between regions (`RegionalFailover`). */
  REGIONAL_FAILOVER = 'REGIONAL_FAILOVER',
}

/**
 * What one construct tolerates, as the resilience checks read it. Every construct of this library reports
 * its facts; a field it does not know stays undefined.
 */
export interface ResilienceFacts {
  /** What kind of capability this is. */
  readonly capability: CapabilityKind;
  /** Which platform renders it. */
  readonly platform: PlatformKind;
  /** How many distinct zones it spans (`undefined` when the zones are not known at synth time). */
  readonly zones?: number;
  /** How many replicas (instances, pods, NAT gateways, database nodes) it keeps running. */
  readonly replicas?: number;
  /**
   * Whether the replicas are forced into distinct zones although the zones are only known at deploy time (e.g. a
   * Kubernetes topology spread on `topology.kubernetes.io/zone` with `whenUnsatisfiable: DoNotSchedule`). The
   * resilience checks then count one zone per replica, assuming the cluster offers that many zones; without it, an
   * unknown `zones` is reported as unresolvable. Ignored when `zones` is known.
   * @default false
   */
  readonly spreadAcrossZones?: boolean;
  /** Worst-case time from a failure to its detection. */
  readonly failureDetection?: Duration;
  /** Worst-case time from detection to traffic served again (failover). */
  readonly failover?: Duration;
  /** Upper bound of data lost in a failover (replication lag bound); zero for synchronous replication. */
  readonly recoveryPoint?: Duration;
  /** Single points of failure that the user opted into, one sentence each. */
  readonly acceptedSinglePointsOfFailure?: string[];
  /**
   * How many regions it spans (a regional failover); undefined for constructs that live in one region.
   * @default - one region
   */
  readonly regions?: number;
  /**
   * The steps of its recovery, in order (a regional failover: detection, DNS, database); `failureDetection` is the
   * first step and `failover` the sum of the others.
   * @default - not broken down
   */
  readonly recoverySteps?: RecoveryStep[];
}

/**
 * A construct that reports its {@link ResilienceFacts}.
 */
export interface IResilient extends IConstruct {
  /** What this construct tolerates. */
  resilienceFacts(): ResilienceFacts;
}

/**
 * What a stack must survive, as the capabilities that test it read it: the resilience checks compare each
 * construct's facts with it, and the fault experiments never inject more than it says the stack tolerates.
 * `ResilienceTarget.survive({ ... })` implements it.
 */
export interface IResilienceTarget {
  /** How many availability zones may fail at once while every construct keeps serving. */
  readonly zoneLoss: number;
  /** The longest time any construct may take to detect a failure. */
  readonly maxDetection: Duration;
  /**
   * The longest time from a failure to traffic being served again (detection plus failover).
   * @default - not declared
   */
  readonly recoveryTime?: Duration;
  /**
   * The most data a failover may lose.
   * @default - not declared
   */
  readonly recoveryPoint?: Duration;
}
