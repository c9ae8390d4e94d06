import { Lazy, Testing } from 'cdktf';
import * as fc from 'fast-check';
import { Duration, HealthCheck, HealthCheckProtocol } from '../../src';
import { ValidationError } from '../../src/core/private/errors';
import { validateHealthCheck } from '../../src/core/private/health-check-validation';
import { PropValidator } from '../../src/core/private/validation';

function problems(check: HealthCheck): string[] {
  const scope = Testing.stubVersion(Testing.app());
  const v = new PropValidator('Test', scope);
  validateHealthCheck(v, 'healthCheck', check);
  try {
    v.throwIfInvalid();
    return [];
  } catch (e) {
    return (e as ValidationError).problems;
  }
}

describe('HealthCheck', () => {
  test('http defaults: /health, 10 s interval, 5 s timeout, thresholds 2, 60 s grace, 200-399', () => {
    const check = HealthCheck.http();
    expect(check.protocol).toBe(HealthCheckProtocol.HTTP);
    expect(check.path).toBe('/health');
    expect(check.port).toBeUndefined();
    expect(check.interval.toSeconds()).toBe(10);
    expect(check.timeout.toSeconds()).toBe(5);
    expect(check.healthyThreshold).toBe(2);
    expect(check.unhealthyThreshold).toBe(2);
    expect(check.gracePeriod.toSeconds()).toBe(60);
    expect(check.healthyHttpCodes).toBe('200-399');
    expect(check.isHttp).toBe(true);
  });

  test('the defaults detect a dead target within 30 seconds', () => {
    const detection = HealthCheck.http().failureDetectionTime();
    expect(detection.toSeconds()).toBe(25);
    expect(detection.compareTo(Duration.seconds(30))).toBeLessThanOrEqual(0);
    expect(HealthCheck.http().recoveryDetectionTime().toSeconds()).toBe(20);
  });

  test('failure detection is unhealthyThreshold × interval + timeout', () => {
    const check = HealthCheck.tcp({ interval: Duration.seconds(30), timeout: Duration.seconds(10), unhealthyThreshold: 3 });
    expect(check.failureDetectionTime().toSeconds()).toBe(100);
  });

  test('https, tcp and grpc variants', () => {
    expect(HealthCheck.https('/ready').protocol).toBe(HealthCheckProtocol.HTTPS);
    expect(HealthCheck.https('/ready').path).toBe('/ready');
    const tcp = HealthCheck.tcp({ port: 8080 });
    expect(tcp.protocol).toBe(HealthCheckProtocol.TCP);
    expect(tcp.path).toBeUndefined();
    expect(tcp.port).toBe(8080);
    expect(tcp.isHttp).toBe(false);
    const grpc = HealthCheck.grpc({ service: 'api.v1.Orders' });
    expect(grpc.protocol).toBe(HealthCheckProtocol.GRPC);
    expect(grpc.grpcService).toBe('api.v1.Orders');
  });

  test('every option is taken', () => {
    const check = HealthCheck.http('/live', {
      port: 9000,
      interval: Duration.seconds(15),
      timeout: Duration.seconds(3),
      healthyThreshold: 3,
      unhealthyThreshold: 4,
      gracePeriod: Duration.minutes(2),
      healthyHttpCodes: '200',
    });
    expect([check.port, check.interval.toSeconds(), check.timeout.toSeconds()]).toEqual([9000, 15, 3]);
    expect([check.healthyThreshold, check.unhealthyThreshold, check.gracePeriod.toSeconds()]).toEqual([3, 4, 120]);
    expect(check.healthyHttpCodes).toBe('200');
  });

  test('with() replaces only what it is given', () => {
    const check = HealthCheck.http('/health').withOptions({ interval: Duration.seconds(5), timeout: Duration.seconds(2) });
    expect(check.path).toBe('/health');
    expect(check.interval.toSeconds()).toBe(5);
    expect(check.timeout.toSeconds()).toBe(2);
    expect(check.unhealthyThreshold).toBe(2);
  });

  test('valid defaults have no problems', () => {
    expect(problems(HealthCheck.http())).toEqual([]);
    expect(problems(HealthCheck.tcp())).toEqual([]);
    expect(problems(HealthCheck.grpc())).toEqual([]);
  });

  test('reports every invalid option at once, with the value', () => {
    expect(
      problems(
        HealthCheck.http('health', {
          interval: Duration.seconds(4),
          timeout: Duration.seconds(5),
          healthyThreshold: 1,
          unhealthyThreshold: 11,
          gracePeriod: Duration.hours(3),
          port: 70000,
          healthyHttpCodes: 'ok',
        }),
      ),
    ).toEqual([
      '`healthCheck.interval` must be a whole number of seconds from 5 s to 300 s (the load balancer limits), got 4s.',
      '`healthCheck.timeout` must be shorter than the interval (4s), or checks overlap, got 5s. Lower the timeout or raise the interval.',
      '`healthCheck.healthyThreshold` must be a whole number from 2 to 10, got 1.',
      '`healthCheck.unhealthyThreshold` must be a whole number from 2 to 10 so one lost packet does not replace a healthy target, got 11.',
      '`healthCheck.gracePeriod` must be a whole number of seconds up to 2 h, got 3h.',
      '`healthCheck.port` must be a whole number from 1 to 65535, got 70000.',
      '`healthCheck.path` must start with "/" (at most 1024 characters), got "health".',
      '`healthCheck.healthyHttpCodes` must be HTTP codes like "200", "200,204" or "200-399", got "ok".',
    ]);
  });

  test('a timeout equal to the interval is rejected', () => {
    expect(problems(HealthCheck.tcp({ interval: Duration.seconds(5), timeout: Duration.seconds(5) }))).toEqual([
      '`healthCheck.timeout` must be shorter than the interval (5s), or checks overlap, got 5s. Lower the timeout or raise the interval.',
    ]);
  });

  test('token timings are not validated', () => {
    const check = HealthCheck.tcp({ interval: Duration.seconds(tokenNumber()), timeout: Duration.seconds(tokenNumber()) });
    expect(problems(check)).toEqual([]);
  });

  test('property: any threshold outside 2..10 is reported with its value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1000, max: 1 }), fc.integer({ min: 11, max: 1000 })), (n) => {
        expect(problems(HealthCheck.http('/', { unhealthyThreshold: n }))).toEqual([
          `\`healthCheck.unhealthyThreshold\` must be a whole number from 2 to 10 so one lost packet does not replace a healthy target, got ${n}.`,
        ]);
      }),
    );
  });

  test('property: a timeout not below the interval is always reported', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 120 }), fc.integer({ min: 0, max: 100 }), (interval, extra) => {
        const timeout = Math.min(interval + extra, 120);
        const found = problems(HealthCheck.tcp({ interval: Duration.seconds(interval), timeout: Duration.seconds(timeout) }));
        expect(found).toContain(
          `\`healthCheck.timeout\` must be shorter than the interval (${Duration.seconds(interval)}), or checks overlap, got ${Duration.seconds(timeout)}. Lower the timeout or raise the interval.`,
        );
      }),
    );
  });
});

function tokenNumber(): number {
  return Lazy.numberValue({ produce: () => 10 });
}
