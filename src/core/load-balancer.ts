import type { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import type { ITerraformDependable } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { MonitoredAlarm } from './alarms';
import type { Duration } from './duration';
import type { HealthCheck } from './health-check';
import type { PlatformKind } from './platform';

/**
 * How targets are registered in an AWS target group.
 */
export enum TargetType {
  /** EC2 instances by id (Auto Scaling groups register themselves). The default. */
  INSTANCE = 'INSTANCE',
  /** IP addresses (ECS tasks in `awsvpc` mode, pods with the VPC CNI, on-premises servers). */
  IP = 'IP',
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
 * The targets' own security group (AWS), which the load balancer links to instead of opening egress to the whole
 * VPC on the target port.
 */
export interface TargetSecurityGroup {
  /** The id of the security group attached to the targets' network interfaces. */
  readonly securityGroupId: string;
  /**
   * The construct the security group belongs to (e.g. the service behind the load balancer). The rules linking the
   * load balancer to it are named after its path (`AllowTo-<path>-<port>`), so they are created once per owner and
   * port however many of its targets are added, and keep their Terraform addresses between synths.
   * @default - the rules are named by a counter: each target gets its own rules
   */
  readonly owner?: IConstruct;
}

/**
 * Options of {@link ILoadBalancer.addTarget}: one set of targets (a version of a service) that the load balancer
 * forwards to.
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
   * security-group link (ingress on the targets, egress to them, on the traffic and health-check ports) instead of
   * opening egress to the whole VPC on the target port. A `MultiAzService` passes its own.
   * @default - egress to the VPC CIDR on the target port (targets registered by IP or outside this library)
   */
  readonly targetSecurityGroup?: TargetSecurityGroup;
  /**
   * The labels of the pods the Service routes to (Kubernetes only, required there), e.g.
   * `{ 'app.kubernetes.io/name': 'web' }`.
   * @default - required on Kubernetes; not allowed on AWS
   */
  readonly selector?: { [key: string]: string };
  /**
   * Resources that must exist before the load balancer routes to these targets, e.g. the namespace a service
   * creates for itself (Kubernetes: the Service waits for them; AWS: the target group does).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A target registered with {@link ILoadBalancer.addTarget}: what the service behind the load balancer needs to
 * attach itself (the target group ARN on AWS, the selector on Kubernetes).
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
   * The load balancer's ARN suffix, its `LoadBalancer` dimension (AWS). With `targetGroupArnSuffix` it makes the
   * resource label of the `ALBRequestCountPerTarget` metric that scaling on requests tracks.
   * @default - undefined on Kubernetes
   */
  readonly loadBalancerArnSuffix?: string;
  /**
   * The Service's pod selector (Kubernetes).
   * @default - undefined on AWS
   */
  readonly selector?: { [key: string]: string };
  /** The alarms created for this target (AWS; empty on Kubernetes). */
  readonly alarms: MonitoredAlarm[];
  /**
   * The listener or listener rule that forwards to the target group (AWS). ECS refuses to register a service with a
   * target group no load balancer forwards to yet, so an ECS service depends on it.
   * @default - undefined on Kubernetes, or when the load balancer does not say
   */
  readonly forwardedBy?: ITerraformDependable;
}

/**
 * A load balancer a service can register itself with: `HealthCheckedLoadBalancer`, or one of your own. A
 * `MultiAzService` checks that the load balancer runs on its platform and can take the targets its rollout
 * needs, then calls {@link addTarget} once per group of replicas (once on Kubernetes).
 */
export interface ILoadBalancer extends IConstruct {
  /** Which platform the load balancer runs on: a service behind it must run on the same one. */
  readonly platformKind: PlatformKind;
  /** The health check of targets added without their own. */
  readonly healthCheck: HealthCheck;
  /** The targets registered so far, in the order they were added. */
  readonly targets: LoadBalancerTarget[];
  /**
   * How many targets it forwards to at most. A rolling rollout needs one; blue/green and canary rollouts register
   * two weighted targets on AWS (an Application Load Balancer takes 5, a Network Load Balancer 1). A Kubernetes
   * Service routes to one set of pods, which every group of a service shares.
   */
  readonly maxTargets: number;
  /**
   * Whether it counts the requests of each target (an Application Load Balancer does), so a service behind it can
   * scale on requests per replica.
   */
  readonly countsRequests: boolean;

  /**
   * Registers a set of targets (one version of the service behind the load balancer) and returns what the service
   * needs to attach itself.
   *
   * @param id a short name of the target, unique in this load balancer (e.g. `blue`, `green`, `web`)
   */
  addTarget(id: string, options: LoadBalancerTargetOptions): LoadBalancerTarget;
}
