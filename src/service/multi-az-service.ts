import { Construct } from 'constructs';
import { ServiceAlarms, ServiceScaling } from './options';
import { serviceFaultTargets } from './private/fault-targets';
import { planService } from './private/plan';
import { KIND, validateService } from './private/validate';
import type { ServiceAwsResources, ServiceEcsResources, ServiceKubernetesResources } from './resources';
import { Rollout, RolloutStrategy } from './rollout';
import { Workload } from './workload';
import { MonitoredAlarm } from '../core/alarms';
import { IAwsConnectable, IKubernetesConnectable, KubernetesPods } from '../core/connections';
import { Duration } from '../core/duration';
import { FaultTarget, IFaultInjectable } from '../core/fault-targets';
import { HealthCheck } from '../core/health-check';
import { ILoadBalancer, LoadBalancerTarget } from '../core/load-balancer';
import { AwsCompute, Platform, PlatformKind } from '../core/platform';
import { copyFacts } from '../core/private/facts';
import { copyFaultTargets } from '../core/private/fault-targets';
import { RemovalPolicy } from '../core/removal-policy';
import { IResilient, ResilienceFacts } from '../core/resilience';

/**
 * Props of {@link MultiAzService}.
 *
 * Props marked "AWS only" or "Kubernetes only" are rejected with an error on the other platform, so a setting is
 * never silently dropped.
 */
export interface MultiAzServiceProps {
  /** Where the service runs: `Platform.aws({ network, alarms })` or `Platform.kubernetes({ namespaceName, alerting })`. */
  readonly platform: Platform;
  /** What runs: `Workload.container({ image, port })`, or `Workload.machineImage({ imageId, port })` on AWS. */
  readonly workload: Workload;
  /**
   * How a replica's health is checked: the load balancer's target group and the Auto Scaling grace period on AWS,
   * the readiness, liveness and startup probes on Kubernetes. Its grace period must be at least `healthyThreshold
   * × interval`, the soonest a new replica can pass.
   * @default - the load balancer's health check when `loadBalancer` is given, otherwise HealthCheck.http('/health')
   */
  readonly healthCheck?: HealthCheck;
  /**
   * A separate check that decides when a container is restarted (liveness) and has started (startup), e.g. a cheap
   * "the process is alive" endpoint next to a readiness endpoint that also checks dependencies (Kubernetes only).
   * @default - the `healthCheck`, with twice its failure threshold for liveness
   */
  readonly livenessCheck?: HealthCheck;
  /**
   * How many replicas run (at least 2). Conflicts with `scaling`, which sets the range instead.
   * @default - one per zone and at least 2: `max(2, zones)`
   */
  readonly replicas?: number;
  /**
   * AWS: how many of the network's zones to spread over (at least 2). Kubernetes: how many zones the cluster's
   * nodes span, so the default replica count and the resilience facts can count them.
   * @default - AWS: every zone of the network; Kubernetes: not known (replicas are still spread evenly over zones)
   */
  readonly zones?: number;
  /**
   * The load balancer in front of the service: a `HealthCheckedLoadBalancer`, or your own `ILoadBalancer`. The
   * service registers each group of replicas as a target (`addTarget`, with its health check, port and weight) and,
   * on AWS, passes its security group so that it admits the load balancer only.
   * @default - none: AWS replaces instances on EC2 status checks only; Kubernetes still probes the pods
   */
  readonly loadBalancer?: ILoadBalancer;
  /**
   * How new versions replace running ones.
   * @default Rollout.rolling() - new replicas start before old ones stop; capacity never drops below the minimum
   */
  readonly rollout?: Rollout;
  /**
   * Scale between a minimum and a maximum on load.
   * @default - a fixed number of replicas (`replicas`)
   */
  readonly scaling?: ServiceScaling;
  /**
   * The physical name: Kubernetes object names (a DNS label of at most 40 characters) and the prefix of AWS names.
   * @default - derived from the stack and construct path
   */
  readonly name?: string;
  /**
   * Time the workload gets to finish in-flight work between SIGTERM and SIGKILL (1 s to 10 minutes; at most 2 minutes
   * on Fargate). Kubernetes adds the 5 s pre-stop pause that lets endpoints drop the pod first.
   * @default Duration.seconds(30)
   */
  readonly shutdownGracePeriod?: Duration;

  /**
   * The EC2 instance type; Graviton types (`t4g`, `m7g`, ...) run the arm64 image (AWS EC2 instances only).
   * @default 't3.small'
   */
  readonly instanceType?: string;
  /**
   * Size of the encrypted gp3 root volume in GiB (8 to 16384), holding the operating system and images (AWS EC2
   * instances only).
   * @default 20
   */
  readonly rootVolumeSize?: number;
  /**
   * Time an instance needs to boot and start the workload (installing Docker and pulling the image for a
   * container) before the health check's `gracePeriod` begins. A new instance joins the load balancer only once its
   * start-up script sees the health check pass locally within `instanceBootTime + healthCheck.gracePeriod` (a launch
   * lifecycle hook); otherwise it is replaced (AWS EC2 instances only).
   * @default - 3 minutes for a container, 1 minute for a machine image
   */
  readonly instanceBootTime?: Duration;
  /**
   * Let instances (or Fargate tasks) reach HTTPS (443) endpoints outside the VPC: Systems Manager, Secrets Manager,
   * CloudWatch Logs, the package repositories and the image registry. Turning it off loses all of these unless the
   * VPC has interface endpoints for them (and a registry mirror), and replicas then fail to start (AWS only).
   * @default true
   */
  readonly internetEgress?: boolean;
  /**
   * Let instances (or Fargate tasks) open TCP connections to any port inside the VPC. Off by default: replicas reach
   * only what admits them explicitly (`database.allowFrom(service)` adds the matching egress rule), so a compromised
   * replica cannot probe the rest of the VPC. Turn it on for clients the library does not wire, such as other services'
   * internal endpoints (AWS only).
   * @default false
   */
  readonly allowVpcEgress?: boolean;
  /**
   * How long the container logs are kept in CloudWatch Logs (AWS only; a retention CloudWatch Logs accepts).
   * @default Duration.days(365)
   */
  readonly logRetention?: Duration;
  /**
   * ARN of the KMS key that encrypts the log group (a key ARN, not an alias: CloudWatch Logs needs the key itself);
   * its policy must let CloudWatch Logs of the region use it (AWS only).
   * @default - a customer-managed key with rotation is created for the service's log group
   */
  readonly logEncryptionKeyArn?: string;
  /**
   * Changes to the default alarms; they notify the platform's `alarms` destination (AWS only; on Kubernetes the
   * platform's `alerting` watches the Deployments).
   * @default - every alarm on, with its documented defaults
   */
  readonly alarms?: ServiceAlarms;
  /**
   * Tags added to every AWS resource, and propagated to the instances or tasks (AWS only).
   * @default - only the library's own tags (Name, construct path, managed-by)
   */
  readonly tags?: { [key: string]: string };

  /**
   * Create the platform's namespace, enforcing the `restricted` Pod Security Standard (Kubernetes only). Only one
   * construct may create a namespace.
   * @default false - the namespace must exist
   */
  readonly createNamespace?: boolean;
  /**
   * Let replicas share a zone when zones are unbalanced, and schedule on nodes without a
   * `topology.kubernetes.io/zone` label (single-zone clusters such as kind). The loss of that zone then takes the
   * service down (Kubernetes only).
   * @default false - replicas are spread evenly over zones (`DoNotSchedule`), on zone-labelled nodes only
   */
  readonly allowSingleZone?: boolean;
  /**
   * What happens to the service's stateful resources when Terraform would delete them (`terraform destroy`, the
   * service removed from the code, or replaced by a rename without `Refactor.move`): on AWS the container log group
   * and its created KMS key, on Kubernetes the namespace created with `createNamespace` (deleting a namespace deletes
   * everything in it). `RemovalPolicy.DESTROY` lets them go with their logs and contents.
   * @default RemovalPolicy.RETAIN - `prevent_destroy` on each; the log group is left in place (`skip_destroy`) when
   *   it is removed from the code
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A service declared once (what runs, on which port, how its health is checked, how many replicas, how new versions
 * roll out) and run as redundant, self-healing replicas spread over zones, on AWS or on Kubernetes by changing only
 * the platform.
 *
 * ```ts
 * const api = new MultiAzService(this, 'api', {
 *   platform: aws,                          // or Platform.kubernetes({ namespaceName: 'shop', alerting })
 *   workload: Workload.container({ image: 'ghcr.io/acme/api:1.4.2', port: 3000 }),
 *   healthCheck: HealthCheck.http('/health'),
 *   replicas: 3,
 *   loadBalancer: edge,
 *   rollout: Rollout.canary({ weight: 10, bakeTime: Duration.minutes(10) }),
 * });
 * db.allowFrom(api);
 * ```
 *
 * - **AWS, Fargate** (the default for containers): a cluster with Container Insights; per replica group a task
 *   definition (read-only, non-root, capability-free container, secrets by reference, encrypted logs) and an ECS
 *   service over the private subnets of every zone with the circuit breaker and alarm-guarded rolling deployments;
 *   least-privilege task and execution roles, a security group admitting only the load balancer, Application Auto
 *   Scaling, alarms.
 * - **AWS, EC2 instances** (machine images, or `Platform.aws({ compute: AwsCompute.EC2 })`): per replica group, a
 *   launch template (IMDSv2 only, encrypted gp3, no public address, detailed monitoring, Docker with a read-only,
 *   non-root, capability-free container) and an Auto Scaling group over the private subnets of every zone with ELB
 *   health checks and alarm-guarded instance refreshes; an instance role with least privilege, a security group
 *   admitting only the load balancer, a log group, alarms.
 * - **Kubernetes**: per replica group, a Deployment (probes from the health check, restricted security context,
 *   zero-downtime rolling updates, zone and node spread); a ServiceAccount without token, a PodDisruptionBudget, a
 *   NetworkPolicy, a HorizontalPodAutoscaler when scaling.
 */
export class MultiAzService extends Construct implements IAwsConnectable, IKubernetesConnectable, IResilient, IFaultInjectable {
  /** Which platform renders the service. */
  public readonly platformKind: PlatformKind;
  /** The physical name. */
  public readonly name: string;
  /** The port replicas receive traffic on. */
  public readonly port: number;
  /** The health check of every replica. */
  public readonly healthCheck: HealthCheck;
  /** The rollout strategy. */
  public readonly rolloutStrategy: RolloutStrategy;
  /** The fewest replicas of the service (the stable or active group). */
  public readonly minReplicas: number;
  /** The load balancer targets the service registered (one per group on AWS, one on Kubernetes). */
  public readonly targets: LoadBalancerTarget[];
  /**
   * What was created on AWS EC2 instances: the security group, instance role, log group, and per group a launch
   * template and an Auto Scaling group.
   * @default - undefined on Fargate and on Kubernetes
   */
  public readonly aws?: ServiceAwsResources;
  /**
   * What was created on ECS Fargate: the cluster, security group, task and execution roles, log group, and per group
   * a task definition and an ECS service.
   * @default - undefined on EC2 instances and on Kubernetes
   */
  public readonly ecs?: ServiceEcsResources;
  /**
   * What was created on Kubernetes: per group a Deployment, the ServiceAccount, PodDisruptionBudget and
   * NetworkPolicy.
   * @default - undefined on AWS
   */
  public readonly kubernetes?: ServiceKubernetesResources;

  private readonly facts: ResilienceFacts;
  private readonly faults: FaultTarget[];
  private readonly namespaceName?: string;

  constructor(scope: Construct, id: string, props: MultiAzServiceProps) {
    super(scope, id);
    validateService(this, props);
    const plan = planService(this, props);
    this.platformKind = plan.platform;
    this.name = plan.name;
    this.port = plan.port;
    this.healthCheck = plan.healthCheck;
    this.rolloutStrategy = plan.strategy;
    this.minReplicas = plan.minReplicas;
    this.facts = plan.facts;

    // Each platform's renderer is loaded on first use, so Kubernetes-only apps never load the AWS bindings.
    if (plan.platform === PlatformKind.AWS && plan.compute === AwsCompute.FARGATE) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { renderEcsService } = require('./ecs') as typeof import('./ecs');
      const rendered = renderEcsService(this, plan);
      this.ecs = rendered.resources;
      this.targets = rendered.targets;
    } else if (plan.platform === PlatformKind.AWS) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { renderAwsService } = require('./aws') as typeof import('./aws');
      const rendered = renderAwsService(this, plan);
      this.aws = rendered.resources;
      this.targets = rendered.targets;
    } else {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { renderKubernetesService } = require('./kubernetes') as typeof import('./kubernetes');
      const rendered = renderKubernetesService(this, plan);
      this.kubernetes = rendered.resources;
      this.targets = rendered.targets;
      this.namespaceName = plan.namespaceName;
    }
    this.faults = serviceFaultTargets(this, plan, this.aws, this.ecs, this.kubernetes, this.targets);
  }

  /**
   * The service's pods (Kubernetes): its namespace and the labels every replica carries, so a database can admit
   * them, and only them: `db.allowFrom(web)` adds a NetworkPolicy. Undefined on AWS.
   */
  public get kubernetesPods(): KubernetesPods | undefined {
    if (!this.kubernetes || this.namespaceName === undefined) {
      return undefined;
    }
    return { namespaceName: this.namespaceName, podSelector: { ...this.kubernetes.selector } };
  }

  /**
   * The id of the instances' or tasks' security group (AWS), so a database or cache can admit the service:
   * `db.allowFrom(api)`. Throws on Kubernetes, which has no security group (`kubernetesPods` serves there).
   */
  public get securityGroupId(): string {
    const group = this.aws?.securityGroup ?? this.ecs?.securityGroup;
    if (!group) {
      throw new Error(`${KIND} "${this.node.path}" runs on Kubernetes and has no security group; security-group wiring (allowFrom, allowTo) is AWS only.`);
    }
    return group.id;
  }

  /**
   * The alarms watching the service (AWS): its own (CPU, in-service instances or running tasks, memory on Fargate)
   * and the load balancer's alarms on its target groups. Empty on Kubernetes, where the platform's `alerting`
   * watches the Deployments.
   */
  public get alarms(): MonitoredAlarm[] {
    const own = this.aws?.alarms ?? this.ecs?.alarms;
    return own ? [...own, ...this.targets.flatMap((t) => t.alarms)] : [];
  }

  /**
   * Zones, replicas, detection (the health check's worst case) and failover (the load balancer or the Service
   * stops routing to the failed replica) of the service's stable (or active) group.
   */
  public resilienceFacts(): ResilienceFacts {
    return copyFacts(this.facts);
  }

  /**
   * Where faults can be injected: per group of replicas, the Auto Scaling group and its instances (AWS EC2, selected
   * by the group's `ft:construct-path` and `ft:track` tags in the network's VPC), the ECS service and its tasks
   * (Fargate, by the same tags in the service's cluster) or its pods (Kubernetes, by the group's labels), with the target-group alarms that stop an experiment when users are affected.
   */
  public faultTargets(): FaultTarget[] {
    return copyFaultTargets(this.faults);
  }
}
