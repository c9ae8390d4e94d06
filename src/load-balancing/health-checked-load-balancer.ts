import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import type { AwsLoadBalancerRenderer } from './aws';
import type { KubernetesLoadBalancerRenderer } from './kubernetes';
import {
  ExternalTrafficPolicy,
  LoadBalancerAccessLogs,
  LoadBalancerAlarms,
  LoadBalancerTarget,
  LoadBalancerTargetOptions,
  LoadBalancerType,
} from './options';
import { KIND, describeLoadBalancer, describeTarget } from './private/validation';
import { MonitoredAlarm } from '../core/alarms';
import { IAwsConnectable } from '../core/connections';
import { Duration } from '../core/duration';
import { HealthCheck } from '../core/health-check';
import { Platform, PlatformKind } from '../core/platform';
import { PropValidator } from '../core/private/validation';
import { CapabilityKind, IResilient, ResilienceFacts } from '../core/resilience';

/**
 * Props of {@link HealthCheckedLoadBalancer}.
 *
 * Props marked "AWS only" or "Kubernetes only" are rejected with an error on the other platform, so a setting is
 * never silently dropped.
 */
export interface HealthCheckedLoadBalancerProps {
  /** Where the load balancer is rendered: `Platform.aws({ network, alarms })` or `Platform.kubernetes({ namespaceName })`. */
  readonly platform: Platform;
  /**
   * The port clients connect to.
   * @default - 443 when TLS terminates at the load balancer (AWS with `certificateArn`), otherwise 80
   */
  readonly port?: number;
  /**
   * The health check of targets added without their own. On AWS the target groups run it; on Kubernetes the
   * Service routes only to ready pods, whose readiness probe the workload renders from this check, and the AWS
   * cloud load balancer checks the nodes with its timing.
   * @default - HealthCheck.http('/health'); HealthCheck.tcp() on a Network Load Balancer
   */
  readonly healthCheck?: HealthCheck;
  /**
   * Reachable only from inside the network (AWS: in the private subnets; Kubernetes: the clouds' "internal load
   * balancer" annotations).
   * @default false - internet-facing
   */
  readonly internal?: boolean;
  /**
   * The client CIDR blocks (IPv4 or IPv6) allowed to connect: security group ingress rules on AWS,
   * `loadBalancerSourceRanges` on Kubernetes.
   * @default - internet-facing on AWS: 0.0.0.0/0 and ::/0; internal on AWS: the VPC's CIDR block; Kubernetes: not restricted
   */
  readonly allowedCidrs?: string[];
  /**
   * The physical name: the AWS load balancer name (32 characters at most) or the Kubernetes Service name.
   * @default - derived from the construct path
   */
  readonly loadBalancerName?: string;

  /**
   * The kind of AWS load balancer (AWS only).
   * @default LoadBalancerType.APPLICATION
   */
  readonly loadBalancerType?: LoadBalancerType;
  /**
   * ARN of the ACM (or IAM) certificate of the HTTPS listener (TLS listener on a Network Load Balancer). Required
   * on AWS unless `allowPlainHttp` is set (AWS only).
   * @default - none: an error unless `allowPlainHttp` is true
   */
  readonly certificateArn?: string;
  /**
   * The TLS security policy of the HTTPS or TLS listener; only policies allowing TLS 1.2 and newer are accepted
   * (AWS only).
   * @default 'ELBSecurityPolicy-TLS13-1-2-2021-06' - TLS 1.3 and 1.2 with forward-secret ciphers
   */
  readonly sslPolicy?: string;
  /**
   * Serve without TLS: a plain HTTP listener forwarding to the targets (a TCP listener on a Network Load
   * Balancer). **Traffic between clients and the load balancer is unencrypted**: anyone on the path can read and
   * change requests, responses, cookies and credentials. Only for development or when TLS terminates in front of
   * the load balancer (AWS only; Kubernetes Services never terminate TLS).
   * @default false - HTTPS with `certificateArn`
   */
  readonly allowPlainHttp?: boolean;
  /**
   * Answer plain HTTP on port 80 with a permanent redirect (301) to HTTPS. Needs an HTTPS listener on an
   * Application Load Balancer (AWS only).
   * @default true - on an Application Load Balancer with a certificate
   */
  readonly redirectHttp?: boolean;
  /**
   * Refuse to delete the load balancer until this is turned off. Turning it off lets a mistaken `terraform
   * destroy` or replacement take the entry point of the service down (AWS only).
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * How long an idle connection stays open (1 s to 4000 s, Application Load Balancer only).
   * @default Duration.seconds(60)
   */
  readonly idleTimeout?: Duration;
  /**
   * Access logs (AWS only).
   * @default - on, to a created SSE-S3 encrypted, versioned, private bucket that keeps logs for 365 days
   */
  readonly accessLogs?: LoadBalancerAccessLogs;
  /**
   * Keep a client on the same target (group) for this long once it was sent there, so a user does not flip
   * between versions during a weighted rollout (1 s to 7 days, Application Load Balancer only).
   * @default - no stickiness: every request is spread by weight
   */
  readonly stickiness?: Duration;
  /**
   * Changes to the default alarms; the alarms notify the platform's `alarms` destination (AWS only).
   * @default - every alarm of the load balancer type on, with its documented defaults
   */
  readonly alarms?: LoadBalancerAlarms;
  /**
   * Tags added to every AWS resource (AWS only).
   * @default - only the library's own tags (Name, construct path, managed-by)
   */
  readonly tags?: { [key: string]: string };

  /**
   * How external traffic is spread over nodes (Kubernetes only).
   * @default ExternalTrafficPolicy.CLUSTER - a pod that stops being ready leaves every node's rotation at once
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  /**
   * Annotations of the Service, for the cloud's load balancer controller (TLS certificate, load balancer kind,
   * health check of another cloud, ...). They win over the annotations this construct sets (Kubernetes only).
   * @default - the AWS node health check annotations timed like the target's health check, and the
   * internal-load-balancer annotations when `internal` is set
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * A load balancer that only ever sends traffic to healthy targets, spread over zones, secure by default, and that
 * tells someone when it cannot.
 *
 * On AWS: an Application (or Network) Load Balancer over the network's subnets in every zone, HTTPS with TLS 1.2+
 * and an HTTP to HTTPS redirect, its own security group, deletion protection, access logs, target groups
 * health-checked from a {@link HealthCheck}, and alarms. On Kubernetes: a Service of type LoadBalancer routing
 * only to ready pods.
 *
 * ```ts
 * const edge = new HealthCheckedLoadBalancer(this, 'edge', {
 *   platform: Platform.aws({ network, alarms: oncall }),
 *   certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
 * });
 * const web = edge.addTarget('web', { port: 3000 });   // register instances with web.targetGroupArn
 * edge.allowTo(service, 3000);                         // the service admits the load balancer only
 * ```
 *
 * A load balancer needs at least one target (added by you or by the service behind it) before synth.
 */
export class HealthCheckedLoadBalancer extends Construct implements IAwsConnectable, IResilient {
  /** Which platform renders the load balancer. */
  public readonly platformKind: PlatformKind;
  /** The port clients connect to. */
  public readonly port: number;
  /** The default health check of targets. */
  public readonly healthCheck: HealthCheck;
  /**
   * The DNS name clients connect to: the load balancer's on AWS, the first ingress hostname the cloud assigned to
   * the Service on Kubernetes (empty where the cloud assigns only an IP address).
   */
  public readonly dnsName: string;

  /** The kind of AWS load balancer. @default - undefined on Kubernetes */
  public readonly loadBalancerType?: LoadBalancerType;
  /** The AWS load balancer. @default - undefined on Kubernetes */
  public readonly loadBalancer?: Lb;
  /** The load balancer's ARN. @default - undefined on Kubernetes */
  public readonly arn?: string;
  /** The ARN suffix, the `LoadBalancer` dimension of its CloudWatch metrics. @default - undefined on Kubernetes */
  public readonly arnSuffix?: string;
  /** The Route 53 hosted zone id of the load balancer, for alias records. @default - undefined on Kubernetes */
  public readonly canonicalHostedZoneId?: string;
  /** The load balancer's security group. @default - undefined on Kubernetes */
  public readonly securityGroup?: SecurityGroup;
  /** The listener that forwards to the targets (HTTPS, plain HTTP, TLS or TCP). @default - undefined on Kubernetes */
  public readonly listener?: LbListener;
  /** The HTTPS listener of an Application Load Balancer. @default - undefined without a certificate, on an NLB or on Kubernetes */
  public readonly httpsListener?: LbListener;
  /**
   * The port 80 listener of an Application Load Balancer: the redirect to HTTPS, or the plain HTTP listener when
   * `allowPlainHttp` is set. @default - undefined when there is none
   */
  public readonly httpListener?: LbListener;
  /** The access log bucket, when this construct created it. @default - undefined */
  public readonly accessLogBucket?: S3Bucket;
  /** The name of the bucket access logs are written to. @default - undefined when access logs are off or on Kubernetes */
  public readonly accessLogBucketName?: string;
  /** The Kubernetes Service. @default - undefined on AWS */
  public readonly service?: ServiceV1;

  private readonly aws?: AwsLoadBalancerRenderer;
  private readonly kubernetes?: KubernetesLoadBalancerRenderer;
  private readonly zoneCount?: number;
  private readonly plain: boolean;

  constructor(scope: Construct, id: string, props: HealthCheckedLoadBalancerProps) {
    super(scope, id);
    const described = describeLoadBalancer(this, props);
    this.platformKind = props.platform.kind;
    this.plain = props.allowPlainHttp ?? false;

    if (described.aws) {
      const d = described.aws;
      this.loadBalancerType = d.type;
      this.port = d.port;
      this.healthCheck = d.healthCheck;
      const zones = d.subnets.map((s) => s.zone);
      this.zoneCount = zones.some((z) => Token.isUnresolved(z)) ? d.subnets.length : new Set(zones).size;
      // Loaded on first use, so Kubernetes-only apps never load the AWS bindings (and vice versa).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { AwsLoadBalancerRenderer: Renderer } = require('./aws') as typeof import('./aws');
      this.aws = new Renderer(this, d);
      this.loadBalancer = this.aws.loadBalancer;
      this.arn = this.aws.loadBalancer.arn;
      this.arnSuffix = this.aws.loadBalancer.arnSuffix;
      this.dnsName = this.aws.loadBalancer.dnsName;
      this.canonicalHostedZoneId = this.aws.loadBalancer.zoneId;
      this.securityGroup = this.aws.securityGroup;
      this.listener = this.aws.listener;
      this.httpsListener = this.aws.httpsListener;
      this.httpListener = this.aws.httpListener;
      this.accessLogBucket = this.aws.accessLogBucket;
      this.accessLogBucketName = this.aws.accessLogBucketName;
    } else {
      const d = described.kubernetes!;
      this.port = d.port;
      this.healthCheck = d.healthCheck;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { KubernetesLoadBalancerRenderer: Renderer } = require('./kubernetes') as typeof import('./kubernetes');
      this.kubernetes = new Renderer(this, d);
      this.service = this.kubernetes.service;
      this.dnsName = this.kubernetes.dnsName;
    }

    this.node.addValidation({
      validate: () => {
        const targets = this.targets;
        if (targets.length === 0) {
          return [
            `${KIND} "${this.node.path}" has no target, so it has nowhere to send traffic. Call \`addTarget(id, { port, ... })\` or pass the load balancer to the service behind it.`,
          ];
        }
        if (targets.every((t) => !Token.isUnresolved(t.weight) && t.weight === 0)) {
          return [
            `${KIND} "${this.node.path}": every target has weight 0, so no request is served. Give at least one target a weight above 0.`,
          ];
        }
        return [];
      },
    });
  }

  /** The registered targets, in the order they were added. */
  public get targets(): LoadBalancerTarget[] {
    return [...(this.aws?.targets ?? this.kubernetes?.targets ?? [])];
  }

  /** The AWS target groups, in the order targets were added (empty on Kubernetes). */
  public get targetGroups(): LbTargetGroup[] {
    return this.aws?.targetGroups ?? [];
  }

  /** The alarms created so far, including those of targets (empty on Kubernetes). */
  public get alarms(): MonitoredAlarm[] {
    return this.aws?.alarms ?? [];
  }

  /**
   * The id of the load balancer's security group (AWS). Throws on Kubernetes, which has no security group.
   */
  public get securityGroupId(): string {
    if (!this.aws) {
      throw new Error(`${KIND} "${this.node.path}" runs on Kubernetes and has no security group; security-group wiring (allowTo, allowFrom) is AWS only.`);
    }
    return this.aws.securityGroup.id;
  }

  /**
   * Registers a set of targets (one version of the service behind the load balancer) and returns what the
   * service needs to attach itself.
   *
   * - **AWS**: creates target group `TargetGroup<Id>` health-checked with `options.healthCheck`, adds it to the
   *   listener's forward action with `options.weight` (several targets with weights make blue/green and canary
   *   rollouts), opens the security group's egress to `options.port` inside the VPC, and creates the target's
   *   alarms. Register instances with `target.targetGroupArn` (Auto Scaling `target_group_arns`, ECS
   *   `load_balancer`), and call {@link allowTo} so their security group admits the load balancer.
   * - **Kubernetes**: routes the Service to the pods matching `options.selector`, on `options.port`. One target
   *   per Service.
   *
   * Targets may be added at any time before synth: the listener's forward action and the Service's selector are
   * computed at synth.
   *
   * @param id a short name of the target, unique in this load balancer (e.g. `blue`, `green`, `web`)
   */
  public addTarget(id: string, options: LoadBalancerTargetOptions): LoadBalancerTarget {
    const description = describeTarget(this, id, options, {
      platform: this.platformKind,
      type: this.loadBalancerType,
      defaultHealthCheck: this.healthCheck,
      existingIds: this.targets.map((t) => t.id),
      plain: this.plain,
    });
    return this.aws ? this.aws.addTarget(description) : this.kubernetes!.addTarget(description);
  }

  /**
   * Lets the load balancer reach `target` on `port` (AWS): an ingress rule on the target's security group that
   * admits this load balancer's security group only, and the matching egress rule on the load balancer's.
   * Calling it again for the same target and port does nothing. Throws on Kubernetes.
   */
  public allowTo(target: IAwsConnectable, port: number): void {
    if (!this.aws) {
      throw new Error(`${KIND} "${this.node.path}" runs on Kubernetes: allowTo() wires AWS security groups and has nothing to do there.`);
    }
    const v = new PropValidator(KIND, this);
    v.integer('allowTo() port', port, 1, 65535);
    v.throwIfInvalid();
    this.aws.allowTo(target, port);
  }

  /**
   * The load balancer spans the zones of its subnets (AWS) and detects a failed target within the slowest
   * target's health-check detection time. On Kubernetes, a dead node is detected by the cloud load balancer's own
   * node checks, so the figure is the larger of the pods' readiness detection and the node check detection implied
   * by the Service's AWS health check annotations.
   */
  public resilienceFacts(): ResilienceFacts {
    const checks = this.targets.length > 0 ? this.targets.map((t) => t.healthCheck) : [this.healthCheck];
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
    if (this.kubernetes && slowest) {
      const nodes = this.kubernetes.cloudFailureDetection();
      slowest = nodes === undefined ? undefined : nodes.compareTo(slowest) > 0 ? nodes : slowest;
    }
    return {
      capability: CapabilityKind.LOAD_BALANCER,
      platform: this.platformKind,
      zones: this.zoneCount,
      failureDetection: slowest,
      acceptedSinglePointsOfFailure: [],
    };
  }
}
