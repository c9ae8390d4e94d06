import type { TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { MonitoredAlarm } from './alarms';
import type { Duration } from './duration';
import type { HealthCheck } from './health-check';
import type { PlatformKind } from './platform';

/**
 * What a regional failover needs from one region's (or one cluster's) public entry point: where health checkers
 * and clients reach it, how the service behind it answers its health check, and which resource tells the region.
 */
export interface RegionalEndpoint {
  /** The platform of the deployment behind the endpoint. */
  readonly platformKind: PlatformKind;
  /**
   * The DNS name clients and Route 53 health checkers reach the region on: an AWS load balancer's `dns_name`, or the
   * hostname the cloud assigned to a Kubernetes Service (its `status.load_balancer.ingress.hostname`).
   */
  readonly dnsName: string;
  /**
   * The Route 53 hosted zone of `dnsName`, for an alias record (an AWS load balancer's `zone_id`).
   * @default - none: the name is reached through a CNAME record (a Kubernetes Service's hostname)
   */
  readonly aliasHostedZoneId?: string;
  /** The port clients connect to. */
  readonly port: number;
  /** Whether the endpoint serves TLS on `port` (an HTTPS listener, or a Service whose cloud load balancer terminates TLS). */
  readonly tls: boolean;
  /** Whether the endpoint is reachable from the internet (Route 53 health checkers run there). */
  readonly internetFacing: boolean;
  /** The health check of the service behind the endpoint: its path, interval and thresholds. */
  readonly healthCheck: HealthCheck;
  /**
   * The resource that is the endpoint (the `aws_lb`, the `kubernetes_service_v1`). Its provider, read at synth (after
   * aspects), names the region or the cluster.
   */
  readonly resource: TerraformResource;
  /** The endpoint's critical CloudWatch alarms (AWS; empty on Kubernetes), which a failover may combine with its health check. */
  readonly criticalAlarms: MonitoredAlarm[];
}

/**
 * A regional entry point a `RegionalFailover` can send traffic to: `HealthCheckedLoadBalancer`, or one of your own.
 */
export interface IRegionalEndpoint extends IConstruct {
  /** What a regional failover needs to health-check and route to this endpoint. */
  regionalEndpoint(): RegionalEndpoint;
}

/**
 * How a database's copy in another region takes over.
 */
export enum DatabaseFailoverMode {
  /** The engine promotes the secondary and repoints its writer once asked, in one call (Aurora global database failover). */
  MANAGED = 'MANAGED',
  /** An operator promotes a read replica to a standalone database and repoints the clients (RDS cross-region read replica). */
  MANUAL_PROMOTION = 'MANUAL_PROMOTION',
}

/**
 * A database's replication to another region, as a regional failover reads it.
 */
export interface RegionalReplication {
  /** How the secondary takes over. */
  readonly mode: DatabaseFailoverMode;
  /** How long the failover or promotion takes once started (the documented figure this library counts with). */
  readonly failoverTime: Duration;
  /** What happens during the failover, one sentence, with where `failoverTime` comes from. */
  readonly failoverDescription: string;
  /** The most data a regional failover may lose: the replication lag above which the secondary region's lag alarm fires. */
  readonly recoveryPoint: Duration;
  /** The primary copy (cluster or instance); its provider names the primary region. */
  readonly primaryResource: TerraformResource;
  /** The copy in the other region; its provider names the secondary region. */
  readonly secondaryResource: TerraformResource;
  /** What an operator does to fail the database over, in order, as commands or sentences. */
  readonly runbook: string[];
  /** The alarms on the replication lag, in the secondary region. */
  readonly lagAlarms: MonitoredAlarm[];
}

/**
 * A database whose data is kept in a second region: `ReplicatedDatabase` with a cross-region or global replication,
 * or one of your own.
 */
export interface IRegionalDatabase extends IConstruct {
  /** The replication to the other region, or undefined when the database lives in one region only. */
  regionalReplication(): RegionalReplication | undefined;
}

/**
 * One step of a recovery, as the resilience report lists it.
 */
export interface RecoveryStep {
  /** A short name, used in the arithmetic of findings: `Route 53 detection (3 × 10s)`. */
  readonly name: string;
  /** What happens, one sentence. */
  readonly description: string;
  /** Its worst-case duration. */
  readonly duration: Duration;
  /**
   * Whether a person (or your own automation) must act for this step to happen.
   * @default false
   */
  readonly manual?: boolean;
}
