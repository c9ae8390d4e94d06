import { AlarmOptions } from '../core/alarms';
import { Duration } from '../core/duration';

/**
 * The regions Route 53 health checkers run in (`HealthCheckRegion` of the Route 53 API).
 */
export enum HealthCheckerRegion {
  /** US East (N. Virginia), `us-east-1`. */
  US_EAST_1 = 'US_EAST_1',
  /** US West (N. California), `us-west-1`. */
  US_WEST_1 = 'US_WEST_1',
  /** US West (Oregon), `us-west-2`. */
  US_WEST_2 = 'US_WEST_2',
  /** Europe (Ireland), `eu-west-1`. */
  EU_WEST_1 = 'EU_WEST_1',
  /** Asia Pacific (Singapore), `ap-southeast-1`. */
  AP_SOUTHEAST_1 = 'AP_SOUTHEAST_1',
  /** Asia Pacific (Sydney), `ap-southeast-2`. */
  AP_SOUTHEAST_2 = 'AP_SOUTHEAST_2',
  /** Asia Pacific (Tokyo), `ap-northeast-1`. */
  AP_NORTHEAST_1 = 'AP_NORTHEAST_1',
  /** South America (São Paulo), `sa-east-1`. */
  SA_EAST_1 = 'SA_EAST_1',
}

/**
 * How Route 53 checks each region's endpoint. The path, port and protocol come from the endpoint (the service's
 * health check, the listener's port, HTTPS when the endpoint serves TLS).
 */
export interface DnsHealthCheckOptions {
  /**
   * Time between two checks from each checker: 10 s or 30 s (Route 53 bills 10 s as a fast check).
   * @default Duration.seconds(10) - a dead region is detected within 30 s with the default threshold
   */
  readonly interval?: Duration;
  /**
   * Consecutive failed checks before Route 53 considers the endpoint unhealthy (1 to 10).
   * @default 3
   */
  readonly failureThreshold?: number;
  /**
   * The regions the checks run from: at least 3, each listed once. An endpoint is healthy while more than 18% of the
   * checkers find it healthy, so checkers spread over continents keep one region's network trouble from failing it over.
   * @default - all 8 checker regions
   */
  readonly regions?: HealthCheckerRegion[];
}

/**
 * Changes to the alarms of a {@link RegionalFailover}. They live in us-east-1, where Route 53 publishes its health
 * check metrics, and notify `alarmDestination` (SNS topics in us-east-1).
 */
export interface RegionalFailoverAlarms {
  /**
   * Route 53 finds the primary endpoint unhealthy: traffic moves to the secondary region, and the database failover
   * runbook starts.
   * @default - on, critical
   */
  readonly primaryUnhealthy?: AlarmOptions;
  /**
   * Route 53 finds the secondary endpoint unhealthy: there is nothing to fail over to.
   * @default - on, critical
   */
  readonly secondaryUnhealthy?: AlarmOptions;
  /**
   * The primary's calculated health check (endpoint and critical alarms) is unhealthy: traffic moves because of the
   * endpoint or one of its critical alarms. Only with `failOnCriticalAlarms`.
   * @default - on, critical
   */
  readonly primaryFailedOver?: AlarmOptions;
  /**
   * The secondary's calculated health check is unhealthy: the standby region is degraded. Only with
   * `failOnCriticalAlarms`.
   * @default - on, warning
   */
  readonly secondaryDegraded?: AlarmOptions;
}
