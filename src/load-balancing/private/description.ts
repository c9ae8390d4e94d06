import { IAlarmDestination, AlarmOptions } from '../../core/alarms';
import { IAwsConnectable } from '../../core/connections';
import { Duration } from '../../core/duration';
import { HealthCheck } from '../../core/health-check';
import type { INetwork, NetworkSubnet } from '../../core/network';
import { ExternalTrafficPolicy, LoadBalancerType, TargetProtocol, TargetType } from '../options';

/**
 * The platform-neutral description of a load balancer, after validation and defaults: what the renderers of
 * `aws.ts` and `kubernetes.ts` turn into resources.
 */
export interface LoadBalancerDescription {
  /** The physical name (AWS load balancer name, Kubernetes Service name). */
  readonly name: string;
  /** The port clients connect to. */
  readonly port: number;
  /** Whether the load balancer is reachable only from inside the network. */
  readonly internal: boolean;
  /** Who may connect; undefined means "not restricted" (Kubernetes default). */
  readonly allowedCidrs?: string[];
  /** The default health check of targets. */
  readonly healthCheck: HealthCheck;
}

/** What only the AWS renderer needs. */
export interface AwsLoadBalancerDescription extends LoadBalancerDescription {
  readonly type: LoadBalancerType;
  readonly network: INetwork;
  readonly subnets: NetworkSubnet[];
  readonly alarmDestination?: IAlarmDestination;
  readonly alarms: { [key: string]: AlarmOptions | undefined };
  /** The certificate of the HTTPS (ALB) or TLS (NLB) listener; undefined means plain HTTP / TCP (opt-out). */
  readonly certificateArn?: string;
  readonly sslPolicy: string;
  /** Whether port 80 redirects to HTTPS (ALB with a certificate). */
  readonly redirectHttp: boolean;
  readonly deletionProtection: boolean;
  readonly idleTimeout: Duration;
  readonly accessLogs: {
    readonly enabled: boolean;
    readonly bucketName?: string;
    readonly prefix?: string;
    readonly retentionDays: number;
  };
  readonly stickiness?: Duration;
  readonly tags: Record<string, string>;
}

/** What only the Kubernetes renderer needs. */
export interface KubernetesLoadBalancerDescription extends LoadBalancerDescription {
  readonly namespace: string;
  readonly externalTrafficPolicy: ExternalTrafficPolicy;
  readonly annotations: Record<string, string>;
}

/** One validated target. */
export interface TargetDescription {
  readonly id: string;
  readonly port: number;
  readonly weight: number;
  readonly healthCheck: HealthCheck;
  readonly targetType: TargetType;
  readonly protocol: TargetProtocol;
  readonly deregistrationDelay: Duration;
  readonly slowStart?: Duration;
  readonly selector?: Record<string, string>;
  readonly targetSecurityGroup?: IAwsConnectable;
}
