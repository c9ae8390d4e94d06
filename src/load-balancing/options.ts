import type { AlarmOptions } from '../core/alarms';
import type { Duration } from '../core/duration';

/**
 * The kind of AWS load balancer.
 */
export enum LoadBalancerType {
  /**
   * Application Load Balancer (layer 7): HTTPS termination, HTTP to HTTPS redirect, weighted target groups for
   * blue/green and canary rollouts, HTTP health checks and 5XX alarms. The default.
   */
  APPLICATION = 'APPLICATION',
  /**
   * Network Load Balancer (layer 4): TLS termination or TCP pass-through, static addresses per zone, one target
   * group per listener (no weighted rollouts).
   */
  NETWORK = 'NETWORK',
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
  CLUSTER = 'CLUSTER',
  /**
   * Only nodes running a ready pod receive traffic (the cloud load balancer health-checks each node's
   * `healthCheckNodePort`). Preserves the client IP and avoids the second hop, but a node whose pods fail stays
   * in rotation until the cloud load balancer's own checks notice, and pods spread unevenly get uneven load.
   */
  LOCAL = 'LOCAL',
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
 * Options of `HealthCheckedLoadBalancer.addRoute`: which requests a listener rule sends to the route's targets.
 * Give host headers, path patterns, or both (a request must then match one of each).
 */
export interface LoadBalancerRouteOptions {
  /**
   * Host names the route answers, matched case-insensitively: `api.example.com`, `*.example.com` (`*` any
   * characters, `?` one). Letters, digits, `-` and `.`, at most 128 characters each.
   * @default - any host
   */
  readonly hostHeaders?: string[];
  /**
   * URL path patterns the route answers, matched case-sensitively against the path (without the query): `/api/*`,
   * `/img/?.png`. Each starts with `/`, at most 128 characters.
   * @default - any path
   */
  readonly pathPatterns?: string[];
  /**
   * Where the rule is evaluated among the listener's rules, lowest first (1 to 50000, unique per load balancer).
   * @default - derived from how specific the conditions are (a route with a host and a longer path is evaluated
   * before one with a shorter path or no host) and a hash of the route id, so adding a route leaves the others'
   * priorities unchanged
   */
  readonly priority?: number;
}
