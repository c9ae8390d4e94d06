import { Duration } from './duration';
import { brand, isBranded } from './private/brand';
import { checkHealthCheckArguments } from './private/health-check-arguments';

/**
 * How a health check talks to the instance.
 */
export enum HealthCheckProtocol {
  /** An HTTP request that must answer with a healthy status code. */
  HTTP = 'HTTP',
  /** An HTTPS request that must answer with a healthy status code (the certificate is not verified). */
  HTTPS = 'HTTPS',
  /** A TCP connection that must be accepted. */
  TCP = 'TCP',
  /** A gRPC health-checking-protocol call (`grpc.health.v1.Health/Check`) that must answer SERVING. */
  GRPC = 'GRPC',
}

/**
 * Timing of a health check. The defaults detect a dead target within 25 seconds
 * (2 failed checks 10 seconds apart, plus the 5 second timeout of the last one).
 */
export interface HealthCheckOptions {
  /**
   * The port to check.
   * @default - the port the service receives traffic on
   */
  readonly port?: number;
  /**
   * Time between two checks of one target (5 s to 300 s).
   * @default Duration.seconds(10)
   */
  readonly interval?: Duration;
  /**
   * How long one check may take before it counts as failed (2 s to 120 s, shorter than `interval`).
   * @default Duration.seconds(5)
   */
  readonly timeout?: Duration;
  /**
   * Consecutive successful checks before a target receives traffic again (2 to 10).
   * @default 2
   */
  readonly healthyThreshold?: number;
  /**
   * Consecutive failed checks before a target stops receiving traffic and is replaced (2 to 10).
   * @default 2
   */
  readonly unhealthyThreshold?: number;
  /**
   * Time a new instance gets to start before failed checks count against it (Auto Scaling grace period,
   * Kubernetes startup probe budget).
   * @default Duration.seconds(60)
   */
  readonly gracePeriod?: Duration;
}

/**
 * Options of an HTTP or HTTPS health check.
 */
export interface HttpHealthCheckOptions extends HealthCheckOptions {
  /**
   * HTTP status codes that count as healthy: a code (`200`), a list (`200,204`) or a range (`200-299`).
   * @default '200-399' - the same codes a Kubernetes httpGet probe accepts
   */
  readonly healthyHttpCodes?: string;
}

/**
 * Options of a gRPC health check.
 */
export interface GrpcHealthCheckOptions extends HealthCheckOptions {
  /**
   * The service name sent in the gRPC health check request.
   * @default - the empty service name: the server's overall health
   */
  readonly service?: string;
}

const DEFAULT_INTERVAL = Duration.seconds(10);
const DEFAULT_TIMEOUT = Duration.seconds(5);
const DEFAULT_GRACE = Duration.seconds(60);

/**
 * One description of "is this instance healthy", rendered by every platform: ALB/NLB target group health
 * checks, Auto Scaling grace periods and Kubernetes readiness, liveness and startup probes.
 *
 * ```ts
 * HealthCheck.http('/health');                    // detects a dead target within 25 s
 * HealthCheck.tcp({ interval: Duration.seconds(5) });
 * ```
 */
export class HealthCheck {
  /** An HTTP GET of `path` that must answer with a healthy status code. */
  public static http(path: string = '/health', options: HttpHealthCheckOptions = {}): HealthCheck {
    checkHealthCheckArguments('HealthCheck.http', HealthCheckProtocol.HTTP, path, options);
    return new HealthCheck(HealthCheckProtocol.HTTP, options ?? {}, path, options?.healthyHttpCodes ?? '200-399');
  }

  /** An HTTPS GET of `path` that must answer with a healthy status code. */
  public static https(path: string = '/health', options: HttpHealthCheckOptions = {}): HealthCheck {
    checkHealthCheckArguments('HealthCheck.https', HealthCheckProtocol.HTTPS, path, options);
    return new HealthCheck(HealthCheckProtocol.HTTPS, options ?? {}, path, options?.healthyHttpCodes ?? '200-399');
  }

  /** A TCP connection that must be accepted. */
  public static tcp(options: HealthCheckOptions = {}): HealthCheck {
    checkHealthCheckArguments('HealthCheck.tcp', HealthCheckProtocol.TCP, undefined, options);
    return new HealthCheck(HealthCheckProtocol.TCP, options ?? {});
  }

  /** A gRPC health check (`grpc.health.v1.Health/Check`) that must answer SERVING. */
  public static grpc(options: GrpcHealthCheckOptions = {}): HealthCheck {
    checkHealthCheckArguments('HealthCheck.grpc', HealthCheckProtocol.GRPC, undefined, options);
    return new HealthCheck(HealthCheckProtocol.GRPC, options ?? {}, undefined, undefined, options?.service);
  }

  /** Whether `value` is a `HealthCheck` (also across copies of this library in one process). */
  public static isHealthCheck(value: unknown): boolean {
    return isBranded(value, 'HealthCheck');
  }

  /** How the check talks to the instance. */
  public readonly protocol: HealthCheckProtocol;
  /** The HTTP(S) path; only for HTTP and HTTPS checks. */
  public readonly path?: string;
  /** The port checked; undefined means the traffic port. */
  public readonly port?: number;
  /** Time between two checks. */
  public readonly interval: Duration;
  /** Time after which one check fails. */
  public readonly timeout: Duration;
  /** Consecutive successes to become healthy. */
  public readonly healthyThreshold: number;
  /** Consecutive failures to become unhealthy. */
  public readonly unhealthyThreshold: number;
  /** Time a new instance gets to start. */
  public readonly gracePeriod: Duration;
  /** HTTP codes that count as healthy; only for HTTP and HTTPS checks. */
  public readonly healthyHttpCodes?: string;
  /** The gRPC service name; only for gRPC checks. */
  public readonly grpcService?: string;

  private constructor(
    protocol: HealthCheckProtocol,
    options: HealthCheckOptions,
    path?: string,
    healthyHttpCodes?: string,
    grpcService?: string,
  ) {
    this.protocol = protocol;
    this.path = path;
    this.port = options.port;
    this.interval = options.interval ?? DEFAULT_INTERVAL;
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT;
    this.healthyThreshold = options.healthyThreshold ?? 2;
    this.unhealthyThreshold = options.unhealthyThreshold ?? 2;
    this.gracePeriod = options.gracePeriod ?? DEFAULT_GRACE;
    this.healthyHttpCodes = healthyHttpCodes;
    this.grpcService = grpcService;
    brand(this, 'HealthCheck');
  }

  /**
   * The worst-case time from a target dying to it being marked unhealthy: `unhealthyThreshold` checks
   * `interval` apart, the last of which waits the full `timeout`.
   */
  public failureDetectionTime(): Duration {
    return this.interval.times(this.unhealthyThreshold).plus(this.timeout);
  }

  /** The time from a target recovering to it receiving traffic again: `healthyThreshold` × `interval`. */
  public recoveryDetectionTime(): Duration {
    return this.interval.times(this.healthyThreshold);
  }

  /** Whether the check sends an HTTP(S) request. */
  public get isHttp(): boolean {
    return this.protocol === HealthCheckProtocol.HTTP || this.protocol === HealthCheckProtocol.HTTPS;
  }

  /** A copy of this check with some options replaced. */
  public withOptions(options: HttpHealthCheckOptions): HealthCheck {
    checkHealthCheckArguments('HealthCheck.withOptions', this.protocol, this.path, options);
    options = options ?? {};
    return new HealthCheck(
      this.protocol,
      {
        port: options.port ?? this.port,
        interval: options.interval ?? this.interval,
        timeout: options.timeout ?? this.timeout,
        healthyThreshold: options.healthyThreshold ?? this.healthyThreshold,
        unhealthyThreshold: options.unhealthyThreshold ?? this.unhealthyThreshold,
        gracePeriod: options.gracePeriod ?? this.gracePeriod,
      },
      this.path,
      options.healthyHttpCodes ?? this.healthyHttpCodes,
      this.grpcService,
    );
  }
}
