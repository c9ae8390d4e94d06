import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { AlarmOptions, MonitoredAlarm } from '../core/alarms';
import { IAwsConnectable } from '../core/connections';
import { Duration } from '../core/duration';
import { HealthCheck } from '../core/health-check';

/**
 * The kind of AWS load balancer.
 */
export enum LoadBalancerType {
  /**
   * Application Load Balancer (layer 7): HTTPS termination, HTTP to HTTPS redirect, weighted target groups for
   * blue/green and canary rollouts, HTTP health checks and 5XX alarms. The default.
   */
  APPLICATION = 'application',
  /**
   * Network Load Balancer (layer 4): TLS termination or TCP pass-through, static addresses per zone, one target
   * group per listener (no weighted rollouts).
   */
  NETWORK = 'network',
}

/**
 * How targets are registered in an AWS target group.
 */
export enum TargetType {
  /** EC2 instances by id (Auto Scaling groups register themselves). The default. */
  INSTANCE = 'instance',
  /** IP addresses (ECS tasks in `awsvpc` mode, pods with the VPC CNI, on-premises servers). */
  IP = 'ip',
}

/**
 * The protocol the load balancer speaks to its targets (AWS).
 */
export enum TargetProtocol {
  /** Plain HTTP inside the VPC (Application Load Balancer). TLS ends at the load balancer. */
  HTTP = 'HTTP',
  /** HTTPS to the targets (Application Load Balancer): traffic stays encrypted inside the VPC. */
  HTTPS = 'HTTPS',
  /** TCP (Network Load Balancer). */
  TCP = 'TCP',
  /** TLS to the targets (Network Load Balancer). */
  TLS = 'TLS',
}

/**
 * How a Kubernetes Service of type LoadBalancer spreads external traffic over nodes.
 */
export enum ExternalTrafficPolicy {
  /**
   * Every node accepts traffic and kube-proxy forwards it to any ready pod in the cluster. A pod that stops being
   * ready is removed from every node at once, without waiting for the cloud load balancer's node health checks,
   * and traffic spreads evenly over pods. Costs a possible second hop and hides the client IP (SNAT). The default.
   */
  CLUSTER = 'Cluster',
  /**
   * Only nodes running a ready pod receive traffic (the cloud load balancer health-checks each node's
   * `healthCheckNodePort`). Preserves the client IP and avoids the second hop, but a node whose pods fail stays
   * in rotation until the cloud load balancer's own checks notice, and pods spread unevenly get uneven load.
   */
  LOCAL = 'Local',
}

/**
 * Access logs of an AWS load balancer.
 */
export interface LoadBalancerAccessLogs {
  /**
   * Record access logs. Turning them off loses the record of every request (client, path, status, latency)
   * that incident response and audits rely on.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Name of an existing S3 bucket in the load balancer's region. Its bucket policy must let Elastic Load
   * Balancing write (`logdelivery.elasticloadbalancing.amazonaws.com` for an ALB, `delivery.logs.amazonaws.com`
   * for an NLB) and it must use SSE-S3 (AES256) encryption: load balancer logs cannot be written to SSE-KMS
   * buckets.
   * @default - a bucket is created: SSE-S3 encrypted, versioned, private, TLS-only, logs expire after `retention`
   */
  readonly bucketName?: string;
  /**
   * Prefix of the log objects in the bucket (must not contain `AWSLogs`, nor start or end with `/`).
   * @default - no prefix
   */
  readonly prefix?: string;
  /**
   * How long logs are kept in the created bucket (whole days). Only applies when the bucket is created.
   * @default Duration.days(365)
   */
  readonly retention?: Duration;
}

/**
 * Changes to the default alarms of a {@link HealthCheckedLoadBalancer} (AWS). Each alarm is on by default on the
 * load balancer type it applies to; setting an alarm of the other type is an error.
 */
export interface LoadBalancerAlarms {
  /**
   * The load balancer itself answers 5XX (502/503/504: no healthy target, targets closing connections or timing
   * out). Application Load Balancer only. `HTTPCode_ELB_5XX_Count` Sum ≥ 10 per minute in 2 of 3 minutes,
   * critical.
   * @default - on, with the values above
   */
  readonly elb5xx?: AlarmOptions;
  /**
   * A target group's targets answer 5XX. One alarm per target, so a canary's errors show apart from the stable
   * version's. Application Load Balancer only. `HTTPCode_Target_5XX_Count` Sum ≥ 10 per minute in 2 of 3 minutes,
   * critical.
   * @default - on, with the values above
   */
  readonly target5xx?: AlarmOptions;
  /**
   * At least one target of a target group fails its health checks: redundancy is reduced. One alarm per target.
   * `UnHealthyHostCount` Maximum ≥ 1 for 2 minutes, warning.
   * @default - on, with the values above
   */
  readonly unhealthyHosts?: AlarmOptions;
  /**
   * A target group has no healthy target left: its share of traffic fails. One alarm per target with a weight
   * above 0. `HealthyHostCount` Minimum < 1 for 1 minute, critical.
   * @default - on, with the values above
   */
  readonly noHealthyHosts?: AlarmOptions;
  /**
   * The 99th percentile of the targets' response time is high. Application Load Balancer only.
   * `TargetResponseTime` p99 ≥ 2 (seconds) in 3 of 5 minutes, warning.
   * @default - on, with the values above
   */
  readonly targetResponseTime?: AlarmOptions;
  /**
   * The load balancer rejects connections because it reached its connection limit. Application Load Balancer
   * only. `RejectedConnectionCount` Sum ≥ 1 per minute, warning.
   * @default - on, with the values above
   */
  readonly rejectedConnections?: AlarmOptions;
  /**
   * The load balancer resets many TCP connections (idle timeouts, targets gone mid-connection). Network Load
   * Balancer only. `TCP_ELB_Reset_Count` Sum ≥ 100 per minute for 3 minutes, warning.
   * @default - on, with the values above
   */
  readonly tcpResets?: AlarmOptions;
}

/**
 * Options of {@link HealthCheckedLoadBalancer.addTarget}: one set of targets (a version of a service) that the
 * load balancer forwards to.
 */
export interface LoadBalancerTargetOptions {
  /** The port the targets receive traffic on (the instance or container port, e.g. 3000). */
  readonly port: number;
  /**
   * How the load balancer (AWS) or Kubernetes (the pods' readiness probe) decides that a target may receive
   * traffic.
   * @default - the load balancer's `healthCheck`
   */
  readonly healthCheck?: HealthCheck;
  /**
   * The share of traffic of this target, relative to the other targets' weights (0 to 999): with weights 90 and
   * 10, the second target receives 10% of the requests. 0 keeps the target registered but idle (the inactive
   * colour of a blue/green deployment). Several targets need an Application Load Balancer.
   * @default 1
   */
  readonly weight?: number;
  /**
   * How targets are registered (AWS only).
   * @default TargetType.INSTANCE
   */
  readonly targetType?: TargetType;
  /**
   * The protocol spoken to the targets (AWS only): HTTP or HTTPS behind an Application Load Balancer, TCP or TLS
   * behind a Network Load Balancer.
   * @default - HTTP behind an Application Load Balancer, TCP behind a Network Load Balancer
   */
  readonly protocol?: TargetProtocol;
  /**
   * How long a deregistering target keeps serving its in-flight requests before it is removed (0 to 3600 s, AWS
   * only).
   * @default Duration.seconds(30)
   */
  readonly deregistrationDelay?: Duration;
  /**
   * Time a new target gets to warm up, receiving a linearly growing share of requests (30 to 900 s, AWS
   * Application Load Balancer only).
   * @default - none: a healthy target receives its full share at once
   */
  readonly slowStart?: Duration;
  /**
   * The targets' own security group (AWS only). The load balancer then reaches the targets through a
   * security-group link (ingress on the targets, egress to them) instead of opening egress to the whole VPC on the
   * target port. A `MultiAzService` passes itself.
   * @default - egress to the VPC CIDR on the target port (targets registered by IP or outside this library)
   */
  readonly targetSecurityGroup?: IAwsConnectable;
  /**
   * The labels of the pods the Service routes to (Kubernetes only, required there), e.g.
   * `{ 'app.kubernetes.io/name': 'web' }`.
   * @default - required on Kubernetes; not allowed on AWS
   */
  readonly selector?: { [key: string]: string };
}

/**
 * A target registered with {@link HealthCheckedLoadBalancer.addTarget}: what the service behind the load balancer
 * needs to attach itself (the target group ARN on AWS, the selector on Kubernetes).
 */
export interface LoadBalancerTarget {
  /** The id given to `addTarget`. */
  readonly id: string;
  /** The port the targets receive traffic on. */
  readonly port: number;
  /** The target's relative weight. */
  readonly weight: number;
  /** The health check of the target. */
  readonly healthCheck: HealthCheck;
  /**
   * The target group (AWS). Register instances by passing `targetGroupArn` to an Auto Scaling group's
   * `target_group_arns` or an ECS service's `load_balancer` block.
   * @default - undefined on Kubernetes
   */
  readonly targetGroup?: LbTargetGroup;
  /**
   * The target group ARN (AWS).
   * @default - undefined on Kubernetes
   */
  readonly targetGroupArn?: string;
  /**
   * The target group ARN suffix, the `TargetGroup` dimension of its CloudWatch metrics (AWS).
   * @default - undefined on Kubernetes
   */
  readonly targetGroupArnSuffix?: string;
  /**
   * The Service's pod selector (Kubernetes).
   * @default - undefined on AWS
   */
  readonly selector?: { [key: string]: string };
  /** The alarms created for this target (AWS; empty on Kubernetes). */
  readonly alarms: MonitoredAlarm[];
}
