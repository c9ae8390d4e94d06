import type { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { ExternalTrafficPolicy, LoadBalancerAccessLogs, LoadBalancerAlarms, LoadBalancerRouteOptions, LoadBalancerType } from './options';
import { regionalEndpointOf } from './private/endpoint';
import { LoadBalancerPlan, RoutePlan, loadBalancerFacts, planLoadBalancer, planRoute, planTarget } from './private/plan';
import { derivePriorities } from './private/routing';
import { KIND, routeProblems, targetProblems, validateAllowTo, validateLoadBalancer, validateRoute, validateTarget } from './private/validate';
import type { LoadBalancerAwsResources, LoadBalancerKubernetesResources } from './resources';
import type { ILoadBalancerRoute } from './route';
import { MonitoredAlarm } from '../core/alarms';
import { IAwsConnectable } from '../core/connections';
import { Duration } from '../core/duration';
import { FaultTarget, FaultTargetKind, IFaultInjectable } from '../core/fault-targets';
import { HealthCheck } from '../core/health-check';
import { ILoadBalancer, LoadBalancerTarget, LoadBalancerTargetOptions } from '../core/load-balancer';
import { Platform, PlatformKind } from '../core/platform';
import { copyFaultTargets, userImpactAlarms } from '../core/private/fault-targets';
import { IRegionalEndpoint, RegionalEndpoint } from '../core/regional';
import { RemovalPolicy } from '../core/removal-policy';
import { IResilient, ResilienceFacts } from '../core/resilience';

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
   * Reachable from the internet: AWS places the load balancer in the public subnets, Kubernetes asks the cloud for
   * a public load balancer. `false` makes it internal, reachable only from inside the network (AWS: in the private
   * subnets, admitting the VPC's CIDR block by default; Kubernetes: the clouds' "internal load balancer"
   * annotations): clients outside the network can no longer reach it.
   * @default true
   */
  readonly internetFacing?: boolean;
  /**
   * The client CIDR blocks (IPv4 or IPv6) allowed to connect: security group ingress rules on AWS,
   * `loadBalancerSourceRanges` on Kubernetes.
   * @default - internet-facing on AWS: 0.0.0.0/0 and ::/0; internal (`internetFacing: false`) on AWS: the VPC's CIDR block; Kubernetes: not restricted
   */
  readonly allowedCidrs?: string[];
  /**
   * The physical name: the AWS load balancer name (1 to 32 letters, digits or hyphens, not starting or ending with
   * a hyphen nor with `internal-`; unique per region and account) or the Kubernetes Service name (a DNS label of at
   * most 63 characters, starting with a letter).
   * @default - derived from the stack and construct path, within those limits
   */
  readonly name?: string;

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
   * Let an operator (or ARC zonal autoshift) shift traffic away from an impaired zone with one action (ARC zonal
   * shift; AWS only). Turning it off loses that: during a gray zone failure, the zone keeps its share of traffic until
   * its targets fail their health checks. On a Network Load Balancer it also keeps connections to unhealthy targets
   * open (what zonal shift requires there), so it is off there unless you turn it on.
   * @default - true on an Application Load Balancer, false on a Network Load Balancer
   */
  readonly zonalShift?: boolean;
  /**
   * How long a client may keep one HTTP connection to the load balancer (60 s to 7 days, Application Load Balancer
   * only). A zonal shift moves new connections only: AWS recommends lowering this to the recovery time you aim for
   * (e.g. 5 minutes) so that clients leave a shifted-away zone within it.
   * @default - the load balancer's own default, 3600 s
   */
  readonly clientKeepAlive?: Duration;
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
   * How many routes (listener rules) the account allows on one Application Load Balancer: the quota "Rules per
   * Application Load Balancer". Set it once AWS has raised the quota for the account (AWS only).
   * @default 100 - the default quota
   */
  readonly ruleQuota?: number;
  /**
   * Tags added to every AWS resource (AWS only).
   * @default - only the library's own tags (Name, construct path, managed-by)
   */
  readonly tags?: { [key: string]: string };
  /**
   * What happens to the created access-log bucket when Terraform would delete it (`terraform destroy`, the load
   * balancer removed from the code, or replaced by a rename without `Refactor.move`) (AWS only).
   * `RemovalPolicy.DESTROY` lets Terraform delete the bucket with every log in it (`force_destroy`).
   * @default RemovalPolicy.RETAIN - `prevent_destroy`, and the bucket cannot be deleted while it holds logs
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * How external traffic is spread over nodes (Kubernetes only).
   * @default ExternalTrafficPolicy.CLUSTER - a pod that stops being ready leaves every node's rotation at once
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  /**
   * Annotations of the Service, for the cloud's load balancer controller (TLS certificate, load balancer kind,
   * health check of another cloud, ...). They win over the annotations this construct sets (Kubernetes only).
   * @default - the AWS node health check annotations timed like the target's health check, and the
   * internal-load-balancer annotations when `internetFacing` is false
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
export class HealthCheckedLoadBalancer extends Construct implements ILoadBalancer, IAwsConnectable, IResilient, IFaultInjectable, IRegionalEndpoint {
  /** Which platform renders the load balancer. */
  public readonly platformKind: PlatformKind;
  /** The physical name: the AWS load balancer name, or the Kubernetes Service name. */
  public readonly name: string;
  /** The port clients connect to. */
  public readonly port: number;
  /** The default health check of targets. */
  public readonly healthCheck: HealthCheck;
  /** How many targets it forwards to at most: 5 on an Application Load Balancer, 1 on a Network Load Balancer or a Service. */
  public readonly maxTargets: number;
  /** Whether it counts the requests of each target (an Application Load Balancer). */
  public readonly countsRequests: boolean;
  /**
   * The DNS name clients connect to: the load balancer's on AWS, the first ingress hostname the cloud assigned to
   * the Service on Kubernetes (empty where the cloud assigns only an IP address).
   */
  public readonly dnsName: string;
  /**
   * What was created on AWS: the load balancer, its security group, listeners, access log bucket and target groups.
   * @default - undefined on Kubernetes
   */
  public readonly aws?: LoadBalancerAwsResources;
  /**
   * What was created on Kubernetes: the Service.
   * @default - undefined on AWS
   */
  public readonly kubernetes?: LoadBalancerKubernetesResources;

  private readonly plan: LoadBalancerPlan;
  private readonly registered: LoadBalancerTarget[] = [];
  /** The targets of the listener's own forward action (not routed). */
  private readonly unrouted: LoadBalancerTarget[] = [];
  private readonly routeList: LoadBalancerRoute[] = [];
  private priorityCache?: { readonly count: number; readonly priorities: Map<string, number> };

  constructor(scope: Construct, id: string, props: HealthCheckedLoadBalancerProps) {
    super(scope, id);
    validateLoadBalancer(this, props);
    const plan = planLoadBalancer(this, props);
    this.plan = plan;
    this.platformKind = plan.platform;
    this.name = plan.name;
    this.port = plan.port;
    this.healthCheck = plan.healthCheck;
    this.maxTargets = plan.maxTargets;
    this.countsRequests = plan.countsRequests;

    // Each platform's renderer is loaded on first use, so Kubernetes-only apps never load the AWS bindings.
    const targets = () => this.registered;
    if (plan.platform === PlatformKind.AWS) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { renderAwsLoadBalancer } = require('./aws') as typeof import('./aws');
      this.aws = renderAwsLoadBalancer(this, plan, () => this.unrouted, () => this.routeList.length > 0);
      this.dnsName = this.aws.loadBalancer.dnsName;
    } else {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { renderKubernetesLoadBalancer, serviceDnsName } = require('./kubernetes') as typeof import('./kubernetes');
      this.kubernetes = renderKubernetesLoadBalancer(this, plan, targets);
      this.dnsName = serviceDnsName(this.kubernetes);
    }

    this.node.addValidation({
      validate: () => [
        ...(this.routeList.length > 0 && this.unrouted.length === 0 ? [] : targetProblems(this, this.unrouted)),
        ...routeProblems(this, this.routeList.map((r) => ({ plan: r.routePlan, targets: r.targets })), this.priorities()),
      ],
    });
  }

  /** The registered targets (the load balancer's own and its routes'), in the order they were added. */
  public get targets(): LoadBalancerTarget[] {
    return [...this.registered];
  }

  /** The routes (listener rules), in the order they were added. */
  public get routes(): ILoadBalancerRoute[] {
    return [...this.routeList];
  }

  /** The alarms created so far: the load balancer's, then those of each target (empty on Kubernetes). */
  public get alarms(): MonitoredAlarm[] {
    return [...(this.aws?.alarms ?? []), ...this.registered.flatMap((t) => t.alarms)];
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
   *   rollouts), links the load balancer to `options.targetSecurityGroup` (or opens its egress to `options.port`
   *   inside the VPC), and creates the target's alarms. Register instances with `target.targetGroupArn` (Auto
   *   Scaling `target_group_arns`, ECS `load_balancer`), and call {@link allowTo} so their security group admits the
   *   load balancer.
   * - **Kubernetes**: routes the Service to the pods matching `options.selector`, on `options.port`. One target
   *   per Service.
   *
   * Targets may be added at any time before synth: the listener's forward action and the Service's selector are
   * computed at synth.
   *
   * @param id a short name of the target, unique in this load balancer (e.g. `blue`, `green`, `web`)
   */
  public addTarget(id: string, options: LoadBalancerTargetOptions): LoadBalancerTarget {
    validateTarget(this, this.plan, this.unrouted, this.registered.map((t) => t.id), id, options);
    const registered = this.renderTarget(id, options);
    this.unrouted.push(registered);
    return registered;
  }

  /**
   * Adds a route: a listener rule that sends the requests matching `options.hostHeaders` and/or
   * `options.pathPatterns` to the route's own targets (AWS, Application Load Balancer). The route is a load balancer
   * for the service behind it: pass it as the service's `loadBalancer`, or call its `addTarget`. Its targets are
   * weighted like the load balancer's own, so blue/green and canary rollouts work inside it. Requests no route
   * matches go to the load balancer's own targets (`addTarget`), or are answered 404 when it has none.
   *
   * Throws on Kubernetes and on a Network Load Balancer, which cannot route by host or path.
   *
   * @param id a short name of the route, unique in this load balancer (e.g. `api`)
   */
  public addRoute(id: string, options: LoadBalancerRouteOptions): ILoadBalancerRoute {
    validateRoute(this, this.plan, this.routeList.map((r) => r.routePlan), id, options);
    const plan = this.plan;
    const route = new LoadBalancerRoute(this, id, planRoute(id, options), (scope, routePlan, priority, targets) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { renderAwsRoute } = require('./aws') as typeof import('./aws');
      return renderAwsRoute(scope, plan as import('./private/plan').AwsLoadBalancerPlan, this.aws!, routePlan, priority, targets);
    });
    this.routeList.push(route);
    return route;
  }

  /**
   * Registers a target of `route`.
   * @internal
   */
  public _addRouteTarget(route: LoadBalancerRoute, id: string, options: LoadBalancerTargetOptions): LoadBalancerTarget {
    validateTarget(this, this.plan, route.targets, this.registered.map((t) => t.id), id, options, route.routePlan.id);
    return this.renderTarget(id, options, route);
  }

  /**
   * The priority of every route: declared, or derived once every route is known (at synth).
   * @internal
   */
  public _priorityOf(routeId: string): number {
    return this.priorities().get(routeId)!;
  }

  private priorities(): Map<string, number> {
    if (this.priorityCache?.count !== this.routeList.length) {
      this.priorityCache = {
        count: this.routeList.length,
        priorities: derivePriorities(this.routeList.map(({ routePlan: r }) => ({ id: r.id, conditions: r.conditions, priority: r.priority }))),
      };
    }
    return this.priorityCache.priorities;
  }

  private renderTarget(id: string, options: LoadBalancerTargetOptions, route?: LoadBalancerRoute): LoadBalancerTarget {
    const target = planTarget(this.plan, id, options);
    let registered: LoadBalancerTarget;
    if (this.plan.platform === PlatformKind.AWS) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { renderAwsTarget } = require('./aws') as typeof import('./aws');
      registered = renderAwsTarget(this, this.plan, this.aws!, target, route?.listenerRule);
    } else {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { renderKubernetesTarget } = require('./kubernetes') as typeof import('./kubernetes');
      registered = renderKubernetesTarget(this.kubernetes!, target);
    }
    this.registered.push(registered);
    return registered;
  }

  /**
   * Lets the load balancer reach `target` on `port` (AWS): an ingress rule on the target's security group that
   * admits this load balancer's security group only, and the matching egress rule on the load balancer's.
   * Calling it again for the same target and port does nothing. Throws on Kubernetes.
   */
  public allowTo(target: IAwsConnectable, port: number): void {
    if (this.plan.platform !== PlatformKind.AWS) {
      throw new Error(`${KIND} "${this.node.path}" runs on Kubernetes: allowTo() wires AWS security groups and has nothing to do there.`);
    }
    validateAllowTo(this, port);
    // A construct names the rules by its path, so linking it again does nothing.
    const owner = Construct.isConstruct(target) ? target : undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { linkAwsTarget } = require('./aws') as typeof import('./aws');
    linkAwsTarget(this, this.plan, this.aws!, { securityGroupId: target.securityGroupId, owner }, port);
  }

  /**
   * The load balancer spans the zones of its subnets (AWS) and detects a failed target within the slowest
   * target's health-check detection time. On Kubernetes, a dead node is detected by the cloud load balancer's own
   * node checks, so the figure is the larger of the pods' readiness detection and the node check detection implied
   * by the Service's AWS health check annotations.
   */
  public resilienceFacts(): ResilienceFacts {
    return loadBalancerFacts(this.plan, this.registered);
  }

  /**
   * What fault experiments read (AWS): the load balancer itself is not injected into, but its zones and the alarms
   * that mean users are affected (its own 5XX, and each target's no-healthy-host and 5XX) stop every experiment of the
   * stack. Empty on Kubernetes.
   */
  public faultTargets(): FaultTarget[] {
    if (this.plan.platform !== PlatformKind.AWS || !this.aws) {
      return [];
    }
    const zones = this.plan.subnets.map((s) => s.zone);
    return copyFaultTargets([
      {
        kind: FaultTargetKind.LOAD_BALANCER,
        platform: PlatformKind.AWS,
        name: this.name,
        arn: this.aws.loadBalancer.arn,
        zones: zones.filter((z, i) => zones.indexOf(z) === i),
        stopConditions: userImpactAlarms(this.alarms),
      },
    ]);
  }

  /**
   * The load balancer as a `RegionalFailover` sees it: its DNS name (with the hosted zone for an alias record on AWS,
   * the Service's status hostname on Kubernetes), port, TLS, the health check of the target that receives traffic,
   * and its critical alarms. On Kubernetes, TLS means the Service carries the AWS cloud load balancer's certificate
   * annotation (`service.beta.kubernetes.io/aws-load-balancer-ssl-cert`).
   */
  public regionalEndpoint(): RegionalEndpoint {
    return regionalEndpointOf(this.plan, this.dnsName, this.registered, this.aws, this.kubernetes);
  }
}

/**
 * A route of a {@link HealthCheckedLoadBalancer}: one listener rule, and a load balancer for the service behind it.
 */
class LoadBalancerRoute extends Construct implements ILoadBalancerRoute {
  public readonly platformKind: PlatformKind;
  public readonly healthCheck: HealthCheck;
  public readonly maxTargets: number;
  public readonly countsRequests: boolean;
  public readonly hostHeaders: string[];
  public readonly pathPatterns: string[];
  public readonly priority: number;
  public readonly listenerRule: LbListenerRule;
  /** The route as planned. */
  public readonly routePlan: RoutePlan;

  private readonly registered: LoadBalancerTarget[] = [];

  constructor(
    private readonly lb: HealthCheckedLoadBalancer,
    id: string,
    plan: RoutePlan,
    render: (scope: Construct, plan: RoutePlan, priority: number, targets: () => readonly LoadBalancerTarget[]) => LbListenerRule,
  ) {
    super(lb, id);
    this.routePlan = plan;
    this.platformKind = lb.platformKind;
    this.healthCheck = lb.healthCheck;
    this.maxTargets = lb.maxTargets;
    this.countsRequests = lb.countsRequests;
    this.hostHeaders = [...plan.hostHeaders];
    this.pathPatterns = [...plan.pathPatterns];
    this.priority = plan.priority ?? Lazy.numberValue({ produce: () => lb._priorityOf(plan.id) });
    this.listenerRule = render(this, plan, this.priority, () => this.registered);
  }

  public get targets(): LoadBalancerTarget[] {
    return [...this.registered];
  }

  public addTarget(id: string, options: LoadBalancerTargetOptions): LoadBalancerTarget {
    const target = this.lb._addRouteTarget(this, id, options);
    this.registered.push(target);
    return target;
  }
}
