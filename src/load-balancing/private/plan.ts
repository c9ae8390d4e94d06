import { Token } from 'cdktf';
import type { ITerraformDependable } from 'cdktf';
import { IConstruct } from 'constructs';
import { serviceName } from './kubernetes-names';
import { IAlarmDestination, AlarmOptions } from '../../core/alarms';
import { Duration } from '../../core/duration';
import { HealthCheck } from '../../core/health-check';
import type { LoadBalancerTarget, LoadBalancerTargetOptions, TargetSecurityGroup } from '../../core/load-balancer';
import { TargetProtocol, TargetType } from '../../core/load-balancer';
import type { NetworkSubnet } from '../../core/network';
import { AwsPlatform, KubernetesPlatform, PlatformKind } from '../../core/platform';
import { physicalName } from '../../core/private/naming';
import { RetentionPlan, retentionOf } from '../../core/private/retention';
import { CapabilityKind, ResilienceFacts } from '../../core/resilience';
import type { HealthCheckedLoadBalancerProps } from '../health-checked-load-balancer';
import { ExternalTrafficPolicy, LoadBalancerRouteOptions, LoadBalancerType } from '../options';
import { DEFAULT_RULE_QUOTA, RouteConditions, routeConditions } from './routing';

/** The TLS policy of HTTPS and TLS listeners unless `sslPolicy` says otherwise: TLS 1.3 and 1.2, forward secret. */
export const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** How many target groups one listener forwards to: an ALB's weighted forward action takes 5, an NLB's one. */
const ALB_MAX_TARGETS = 5;

/**
 * Annotations that make a Service of type LoadBalancer internal on the common clouds. Each cloud's controller
 * ignores the others' annotations.
 */
const INTERNAL_ANNOTATIONS: Record<string, string> = {
  // AWS Load Balancer Controller
  'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal',
  // AWS in-tree / cloud-provider-aws
  'service.beta.kubernetes.io/aws-load-balancer-internal': 'true',
  // Azure
  'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
  // Google Kubernetes Engine
  'networking.gke.io/load-balancer-type': 'Internal',
};

/** The cloud-provider-aws / AWS Load Balancer Controller annotations of the cloud load balancer's node checks. */
const AWS_HEALTH_CHECK_ANNOTATIONS = {
  interval: 'service.beta.kubernetes.io/aws-load-balancer-healthcheck-interval',
  timeout: 'service.beta.kubernetes.io/aws-load-balancer-healthcheck-timeout',
  healthyThreshold: 'service.beta.kubernetes.io/aws-load-balancer-healthcheck-healthy-threshold',
  unhealthyThreshold: 'service.beta.kubernetes.io/aws-load-balancer-healthcheck-unhealthy-threshold',
};

/** The longest health check timeout a Classic ELB accepts (cloud-provider-aws allows 2 s to 60 s). */
const MAX_ELB_TIMEOUT_SECONDS = 60;

/** What both platforms' load balancers are made of. */
interface LoadBalancerPlanBase {
  /** The physical name (AWS load balancer name, Kubernetes Service name). */
  readonly name: string;
  /** The port clients connect to. */
  readonly port: number;
  /** Reachable only from inside the network. */
  readonly internal: boolean;
  /** Who may connect; undefined means "not restricted" (Kubernetes default). */
  readonly allowedCidrs?: string[];
  /** The default health check of targets. */
  readonly healthCheck: HealthCheck;
  /** How many targets the listener (or Service) forwards to at most. */
  readonly maxTargets: number;
  /** Whether requests are counted per target (Application Load Balancer). */
  readonly countsRequests: boolean;
  /** Whether clients are served without TLS (the `allowPlainHttp` opt-out). */
  readonly plainHttp: boolean;
}

/** A load balancer on AWS, with every default applied. */
export interface AwsLoadBalancerPlan extends LoadBalancerPlanBase {
  readonly platform: PlatformKind.AWS;
  readonly loadBalancerType: LoadBalancerType;
  readonly vpcId: string;
  readonly vpcCidrBlock: string;
  /** The subnets the load balancer has a node in: public, or private when internal. */
  readonly subnets: NetworkSubnet[];
  /** The distinct zones of `subnets` (the number of subnets when a zone is known only at deploy time). */
  readonly zones: number;
  readonly alarmDestination?: IAlarmDestination;
  readonly alarms: { [key: string]: AlarmOptions | undefined };
  /** The certificate of the HTTPS (ALB) or TLS (NLB) listener; undefined means plain HTTP / TCP (opt-out). */
  readonly certificateArn?: string;
  readonly sslPolicy: string;
  /** Whether port 80 redirects to HTTPS (ALB with a certificate). */
  readonly redirectHttp: boolean;
  readonly deletionProtection: boolean;
  readonly idleTimeout: Duration;
  /** ARC zonal shift on the load balancer. */
  readonly zonalShift: boolean;
  /** The HTTP client keep-alive (ALB), when set. */
  readonly clientKeepAlive?: Duration;
  readonly accessLogs: {
    readonly enabled: boolean;
    readonly bucketName?: string;
    readonly prefix?: string;
    readonly retentionDays: number;
  };
  readonly stickiness?: Duration;
  readonly tags: Record<string, string>;
  /** Whether the created access-log bucket is guarded against deletion. */
  readonly retention: RetentionPlan;
  /** How many listener rules (routes) the account allows on one Application Load Balancer. */
  readonly ruleQuota: number;
}

/** A load balancer on Kubernetes, with every default applied. */
export interface KubernetesLoadBalancerPlan extends LoadBalancerPlanBase {
  readonly platform: PlatformKind.KUBERNETES;
  readonly namespaceName: string;
  readonly externalTrafficPolicy: ExternalTrafficPolicy;
  /** The user's annotations, which win over the ones this construct sets. */
  readonly annotations: Record<string, string>;
}

export type LoadBalancerPlan = AwsLoadBalancerPlan | KubernetesLoadBalancerPlan;

/** One target, with every default applied. */
export interface TargetPlan {
  readonly id: string;
  readonly port: number;
  readonly weight: number;
  readonly healthCheck: HealthCheck;
  readonly dependsOn?: ITerraformDependable[];
  /** AWS: how targets are registered, what the target group speaks, how it drains, and the targets' group. */
  readonly targetType: TargetType;
  readonly protocol: TargetProtocol;
  readonly deregistrationDelay: Duration;
  readonly slowStart?: Duration;
  readonly targetSecurityGroup?: TargetSecurityGroup;
  /** Kubernetes: the pods the Service routes to. */
  readonly selector?: Record<string, string>;
}

/** One route (listener rule), with its conditions normalized. */
export interface RoutePlan {
  readonly id: string;
  /** The host headers as declared, without duplicates. */
  readonly hostHeaders: string[];
  /** The path patterns as declared, without duplicates. */
  readonly pathPatterns: string[];
  /** The conditions as the priority derivation and the overlap checks compare them. */
  readonly conditions: RouteConditions;
  /** The declared priority; derived at synth when undefined. */
  readonly priority?: number;
}

/** Applies the defaults to the valid options of one `addRoute` call. */
export function planRoute(id: string, options: LoadBalancerRouteOptions): RoutePlan {
  return {
    id,
    hostHeaders: [...new Set(options.hostHeaders ?? [])],
    pathPatterns: [...new Set(options.pathPatterns ?? [])],
    conditions: routeConditions(options.hostHeaders, options.pathPatterns),
    priority: options.priority,
  };
}

/** The health check of targets added without their own: HTTP `/health`, or TCP on a Network Load Balancer. */
export function defaultHealthCheck(props: HealthCheckedLoadBalancerProps): HealthCheck {
  const nlb = props.platform.kind === PlatformKind.AWS && props.loadBalancerType === LoadBalancerType.NETWORK;
  return props.healthCheck ?? (nlb ? HealthCheck.tcp() : HealthCheck.http('/health'));
}

/** The load balancer's subnets: public when internet-facing, private when internal. */
export function subnetsOf(platform: AwsPlatform, internal: boolean): NetworkSubnet[] {
  return internal ? platform.network.privateSubnets : platform.network.publicSubnets;
}

/** Applies the defaults to valid props. */
export function planLoadBalancer(scope: IConstruct, props: HealthCheckedLoadBalancerProps): LoadBalancerPlan {
  const internal = props.internetFacing === false;
  const healthCheck = defaultHealthCheck(props);
  const plainHttp = props.allowPlainHttp ?? false;
  if (props.platform.kind === PlatformKind.KUBERNETES) {
    const platform = props.platform as KubernetesPlatform;
    return {
      platform: PlatformKind.KUBERNETES,
      name: props.name ?? serviceName(scope),
      port: props.port ?? 80,
      internal,
      allowedCidrs: props.allowedCidrs,
      healthCheck,
      maxTargets: 1,
      countsRequests: false,
      plainHttp,
      namespaceName: platform.namespaceName,
      externalTrafficPolicy: props.externalTrafficPolicy ?? ExternalTrafficPolicy.CLUSTER,
      annotations: props.annotations ?? {},
    };
  }

  const platform = props.platform as AwsPlatform;
  const type = props.loadBalancerType ?? LoadBalancerType.APPLICATION;
  const alb = type === LoadBalancerType.APPLICATION;
  const certificateArn = props.certificateArn;
  const tls = certificateArn !== undefined;
  const subnets = subnetsOf(platform, internal);
  const zones = subnets.map((s) => s.zone);
  const retention = props.accessLogs?.retention ?? Duration.days(365);
  return {
    platform: PlatformKind.AWS,
    // A derived name never starts with "internal-" (reserved for internal load balancers' DNS names).
    name: props.name ?? physicalName(scope, undefined, { maxLength: 32, start: { pattern: /^(?!internal-)/, prefix: 'lb-' } }),
    port: props.port ?? (tls ? 443 : 80),
    internal,
    allowedCidrs: props.allowedCidrs ?? (internal ? [platform.network.vpcCidrBlock] : ['0.0.0.0/0', '::/0']),
    healthCheck,
    maxTargets: alb ? ALB_MAX_TARGETS : 1,
    countsRequests: alb,
    plainHttp,
    loadBalancerType: type,
    vpcId: platform.network.vpcId,
    vpcCidrBlock: platform.network.vpcCidrBlock,
    subnets,
    zones: zones.some((z) => Token.isUnresolved(z)) ? subnets.length : new Set(zones).size,
    alarmDestination: platform.alarms,
    alarms: { ...(props.alarms ?? {}) },
    certificateArn,
    sslPolicy: props.sslPolicy ?? DEFAULT_SSL_POLICY,
    redirectHttp: alb && tls ? props.redirectHttp ?? true : false,
    deletionProtection: props.deletionProtection ?? true,
    idleTimeout: props.idleTimeout ?? Duration.seconds(60),
    zonalShift: props.zonalShift ?? alb,
    clientKeepAlive: props.clientKeepAlive,
    accessLogs: {
      enabled: props.accessLogs?.enabled ?? true,
      bucketName: props.accessLogs?.bucketName,
      prefix: props.accessLogs?.prefix,
      retentionDays: retention.isUnresolved ? retention.amount : Math.max(1, retention.toDays()),
    },
    stickiness: props.stickiness,
    tags: props.tags ?? {},
    retention: retentionOf(props.removalPolicy),
    ruleQuota: props.ruleQuota ?? DEFAULT_RULE_QUOTA,
  };
}

/** Applies the defaults to the valid options of one `addTarget` call. */
export function planTarget(plan: LoadBalancerPlan, id: string, options: LoadBalancerTargetOptions): TargetPlan {
  const common = {
    id,
    port: options.port,
    weight: options.weight ?? 1,
    healthCheck: options.healthCheck ?? plan.healthCheck,
    dependsOn: options.dependsOn ? [...options.dependsOn] : undefined,
  };
  if (plan.platform === PlatformKind.KUBERNETES) {
    return {
      ...common,
      targetType: TargetType.INSTANCE,
      protocol: TargetProtocol.TCP,
      deregistrationDelay: Duration.seconds(0),
      selector: { ...options.selector! },
    };
  }
  const alb = plan.loadBalancerType === LoadBalancerType.APPLICATION;
  return {
    ...common,
    targetType: options.targetType ?? TargetType.INSTANCE,
    protocol: options.protocol ?? (alb ? TargetProtocol.HTTP : TargetProtocol.TCP),
    deregistrationDelay: options.deregistrationDelay ?? Duration.seconds(30),
    slowStart: options.slowStart,
    targetSecurityGroup: options.targetSecurityGroup,
  };
}

/**
 * The Service's annotations below the construct-path annotation: the AWS cloud load balancer's node health check
 * timed like `check`, the internal-load-balancer annotations, then the user's `annotations`, which win.
 */
export function serviceAnnotations(plan: KubernetesLoadBalancerPlan, check: HealthCheck): Record<string, string> {
  return {
    ...awsHealthCheckAnnotations(check),
    ...(plan.internal ? INTERNAL_ANNOTATIONS : {}),
    ...plan.annotations,
  };
}

/**
 * What the load balancer tolerates: the zones of its subnets (AWS), and the worst time to take a failed target out
 * of rotation: the slowest target's health check. On Kubernetes a dead node is detected by the cloud load
 * balancer's own node checks, so the figure is the larger of the pods' readiness detection and the node check
 * detection implied by the Service's AWS health check annotations.
 */
export function loadBalancerFacts(plan: LoadBalancerPlan, targets: readonly LoadBalancerTarget[]): ResilienceFacts {
  const checks = targets.length > 0 ? targets.map((t) => t.healthCheck) : [plan.healthCheck];
  let slowest: Duration | undefined;
  for (const check of checks) {
    if (check.interval.isUnresolved || check.timeout.isUnresolved || Token.isUnresolved(check.unhealthyThreshold)) {
      // Known only at deploy time: the worst case cannot be stated.
      slowest = undefined;
      break;
    }
    const time = check.failureDetectionTime();
    if (!slowest || time.compareTo(slowest) > 0) {
      slowest = time;
    }
  }
  if (plan.platform === PlatformKind.KUBERNETES && slowest) {
    const nodes = nodeFailureDetection(serviceAnnotations(plan, targets[0]?.healthCheck ?? plan.healthCheck));
    slowest = nodes === undefined ? undefined : nodes.compareTo(slowest) > 0 ? nodes : slowest;
  }
  return {
    capability: CapabilityKind.LOAD_BALANCER,
    platform: plan.platform,
    zones: plan.platform === PlatformKind.AWS ? plan.zones : undefined,
    failureDetection: slowest,
    acceptedSinglePointsOfFailure: [],
  };
}

/**
 * The worst-case time for the AWS cloud load balancer to take a dead node out of rotation, from the health check
 * annotations in effect (`unhealthy-threshold` × `interval` + `timeout`); undefined when one of them is not a
 * number known at synth.
 */
function nodeFailureDetection(annotations: Record<string, string>): Duration | undefined {
  const seconds = (key: string): number | undefined => {
    const value = annotations[key];
    return typeof value === 'string' && !Token.isUnresolved(value) && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
  };
  const interval = seconds(AWS_HEALTH_CHECK_ANNOTATIONS.interval);
  const timeout = seconds(AWS_HEALTH_CHECK_ANNOTATIONS.timeout);
  const threshold = seconds(AWS_HEALTH_CHECK_ANNOTATIONS.unhealthyThreshold);
  if (interval === undefined || timeout === undefined || threshold === undefined) {
    return undefined;
  }
  return Duration.seconds(interval * threshold + timeout);
}

/**
 * The AWS cloud load balancer's node health check timed like `check`, instead of the cloud's slow defaults
 * (cloud-provider-aws Classic ELB: 6 × 10 s + 5 s; NLB: 3 × 30 s). The timeout is capped at the Classic ELB's 60 s.
 */
function awsHealthCheckAnnotations(check: HealthCheck): Record<string, string> {
  const timeout = check.timeout.isUnresolved ? check.timeout.toSeconds() : Math.min(check.timeout.toSeconds(), MAX_ELB_TIMEOUT_SECONDS);
  return {
    [AWS_HEALTH_CHECK_ANNOTATIONS.interval]: numberString(check.interval.toSeconds()),
    [AWS_HEALTH_CHECK_ANNOTATIONS.timeout]: numberString(timeout),
    [AWS_HEALTH_CHECK_ANNOTATIONS.healthyThreshold]: numberString(check.healthyThreshold),
    [AWS_HEALTH_CHECK_ANNOTATIONS.unhealthyThreshold]: numberString(check.unhealthyThreshold),
  };
}

/** A number as an annotation or attribute string: its decimal form, or a string token when it is a token. */
export function numberString(value: number): string {
  return Token.isUnresolved(value) ? Token.asString(value) : String(value);
}
