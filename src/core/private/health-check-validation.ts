import { HealthCheck } from '../health-check';
import { PropValidator, isUnresolved } from './validation';

const HTTP_CODES = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/;

/**
 * Validates a {@link HealthCheck} as part of a construct's props, with problems named `${prop}.interval` etc.
 * The bounds are those every platform accepts (the Elastic Load Balancing limits are the tightest).
 */
export function validateHealthCheck(v: PropValidator, prop: string, check: HealthCheck): void {
  v.require(
    `${prop}.interval`,
    check.interval,
    () => check.interval.toMilliseconds() % 1000 === 0 && check.interval.toSeconds() >= 5 && check.interval.toSeconds() <= 300,
    'must be a whole number of seconds from 5 s to 300 s (the load balancer limits)',
  );
  v.require(
    `${prop}.timeout`,
    check.timeout,
    () => check.timeout.toMilliseconds() % 1000 === 0 && check.timeout.toSeconds() >= 2 && check.timeout.toSeconds() <= 120,
    'must be a whole number of seconds from 2 s to 120 s',
  );
  if (!isUnresolved(check.timeout) && !isUnresolved(check.interval)) {
    v.require(
      `${prop}.timeout`,
      check.timeout,
      check.timeout.compareTo(check.interval) < 0,
      `must be shorter than the interval (${check.interval.toHumanString()}), or checks overlap`,
      'Lower the timeout or raise the interval.',
    );
  }
  v.integer(`${prop}.healthyThreshold`, check.healthyThreshold, 2, 10);
  v.integer(`${prop}.unhealthyThreshold`, check.unhealthyThreshold, 2, 10, 'so one lost packet does not replace a healthy target');
  v.require(
    `${prop}.gracePeriod`,
    check.gracePeriod,
    () => check.gracePeriod.toMilliseconds() % 1000 === 0 && check.gracePeriod.toSeconds() <= 7200,
    'must be a whole number of seconds up to 2 h',
  );
  if (check.port !== undefined) {
    v.integer(`${prop}.port`, check.port, 1, 65535);
  }
  if (check.path !== undefined) {
    v.require(`${prop}.path`, check.path, () => check.path!.startsWith('/') && check.path!.length <= 1024, 'must start with "/" (at most 1024 characters)');
  }
  if (check.healthyHttpCodes !== undefined) {
    v.require(
      `${prop}.healthyHttpCodes`,
      check.healthyHttpCodes,
      () => HTTP_CODES.test(check.healthyHttpCodes!),
      'must be HTTP codes like "200", "200,204" or "200-399"',
    );
  }
}
