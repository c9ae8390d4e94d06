import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import type { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import type { MonitoredAlarm } from '../core/alarms';

/**
 * What a {@link RegionalFailover} creates in one region's role (primary or secondary).
 */
export interface RegionalFailoverRoleResources {
  /** The HTTPS (or HTTP, TCP) health check of the region's endpoint. */
  readonly healthCheck: Route53HealthCheck;
  /** One CloudWatch-alarm health check per critical alarm of the endpoint (empty without `failOnCriticalAlarms`). */
  readonly alarmHealthChecks: Route53HealthCheck[];
  /**
   * The calculated health check over the endpoint check and the alarm checks, which the record uses.
   * @default - none without `failOnCriticalAlarms`: the record uses the endpoint check
   */
  readonly calculatedHealthCheck?: Route53HealthCheck;
  /** The failover record (an alias A record to a load balancer, or a CNAME to a Service's hostname). */
  readonly record: Route53Record;
}

/**
 * What a {@link RegionalFailover} creates (on AWS: Route 53 and CloudWatch in us-east-1).
 */
export interface RegionalFailoverAwsResources {
  /** The provider of the Route 53 resources and the health-check alarms: the one given, found, or created for us-east-1. */
  readonly usEast1Provider: AwsProvider;
  /** The primary region's health checks and PRIMARY record. */
  readonly primary: RegionalFailoverRoleResources;
  /** The secondary region's health checks and SECONDARY record. */
  readonly secondary: RegionalFailoverRoleResources;
  /** The alarms on the health checks, in us-east-1. */
  readonly alarms: MonitoredAlarm[];
}
