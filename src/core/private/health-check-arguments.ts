import { KnownProps, checkStruct, isRecord } from './runtime';
import { PropValidator, isUnresolved } from './validation';
import { Duration } from '../duration';
import type { GrpcHealthCheckOptions, HealthCheckProtocol, HttpHealthCheckOptions } from '../health-check';

const COMMON: KnownProps<Omit<HttpHealthCheckOptions, 'healthyHttpCodes'>> = {
  port: true,
  interval: true,
  timeout: true,
  healthyThreshold: true,
  unhealthyThreshold: true,
  gracePeriod: true,
};
const HTTP: KnownProps<HttpHealthCheckOptions> = { ...COMMON, healthyHttpCodes: true };
const GRPC: KnownProps<GrpcHealthCheckOptions> = { ...COMMON, service: true };

/**
 * The arguments of a HealthCheck factory as they arrive at run time: the right types and only known options, thrown
 * at once as one error naming the factory. Values are judged by the construct the check is given to, which knows the
 * platform's limits (`healthCheck.interval must be ... from 5 s to 300 s`).
 */
export function checkHealthCheckArguments(factory: string, protocol: HealthCheckProtocol, path: unknown, options: unknown): void {
  const v = new PropValidator(factory);
  const http = protocol === 'HTTP' || protocol === 'HTTPS';
  if (http && path !== undefined) {
    v.require('path', path, typeof path === 'string', 'must be the path to request, like "/health"');
  }
  const known: Record<string, true> = http ? HTTP : protocol === 'GRPC' ? GRPC : COMMON;
  if (options !== undefined && checkStruct(v, 'options', options, known, { example: '{ interval: Duration.seconds(10) }' }) && isRecord(options)) {
    for (const key of ['interval', 'timeout', 'gracePeriod'] as const) {
      const value = options[key];
      if (value !== undefined) {
        v.require(`options.${key}`, value, Duration.isDuration(value), 'must be a Duration, e.g. `Duration.seconds(10)`');
      }
    }
    for (const key of ['port', 'healthyThreshold', 'unhealthyThreshold'] as const) {
      const value = options[key];
      if (value !== undefined && !isUnresolved(value)) {
        v.require(`options.${key}`, value, typeof value === 'number' && Number.isFinite(value), 'must be a number');
      }
    }
    for (const key of ['healthyHttpCodes', 'service'] as const) {
      const value = options[key];
      if (value !== undefined && key in known) {
        v.require(`options.${key}`, value, typeof value === 'string', 'must be a string');
      }
    }
  }
  v.throwIfInvalid();
}
