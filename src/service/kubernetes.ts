import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { HorizontalPodAutoscalerV2 } from '@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Construct } from 'constructs';
import { KubernetesServiceDescription, ROUTING_PROPAGATION, ReplicaGroup } from './private/description';
import { RolloutStrategy } from './rollout';
import { ServiceSecretSource } from './workload';
// eslint-disable-next-line import/no-restricted-paths -- being removed by the issue 11 restructuring
import { ResilienceChecks } from '../checks/resilience-checks';
import { WorkloadKind } from '../core/alert-routing';
import { Duration } from '../core/duration';
import { LoadBalancerTarget } from '../core/load-balancer';
import { PlatformKind } from '../core/platform';
import {
  WorkloadIdentity,
  containerProbes,
  podDisruptionBudgetSpec,
  preferredHostAntiAffinity,
  restrictedContainerSecurityContext,
  restrictedPodSecurityContext,
  selectorLabels,
  standardAnnotations,
  standardLabels,
  zoneAndHostSpread,
} from '../core/private/kubernetes';
import { CapabilityKind, ResilienceFacts } from '../core/resilience';

/** The pod label telling the groups of one service apart (`stable`, `canary`, `blue`, `green`). */
export const TRACK_LABEL = 'cdktf-fault-tolerance.dev/track';
/** The pause before SIGTERM, so endpoints and load balancers drop the pod before it stops accepting connections. */
export const PRE_STOP_PAUSE = Duration.seconds(5);
/** The size of the writable `/tmp` (the root filesystem is read-only). */
const TMP_SIZE = '64Mi';
const EPHEMERAL_STORAGE = { request: '64Mi', limit: '512Mi' };

/**
 * Renders a service on Kubernetes: per replica group a Deployment (and an HPA when scaling); one ServiceAccount,
 * PodDisruptionBudget and NetworkPolicy; the namespace when asked.
 */
export class KubernetesServiceRenderer {
  public readonly deployments: DeploymentV1[] = [];
  public readonly autoscalers: HorizontalPodAutoscalerV2[] = [];
  public readonly serviceAccount: ServiceAccountV1;
  public readonly podDisruptionBudget: PodDisruptionBudgetV1;
  public readonly networkPolicy: NetworkPolicyV1;
  public readonly namespace?: NamespaceV1;
  /** The labels of every pod of the service (every group). */
  public readonly selector: Record<string, string>;
  public readonly targets: LoadBalancerTarget[] = [];
  public readonly facts: ResilienceFacts;

  private readonly identity: WorkloadIdentity;
  private readonly namespaceName: string;

  constructor(private readonly scope: Construct, private readonly d: KubernetesServiceDescription) {
    this.identity = { name: d.appName, instance: d.name, component: 'service' };
    this.selector = selectorLabels(this.identity);
    const labels = standardLabels(this.identity);
    const annotations = standardAnnotations(scope);

    if (d.createNamespace) {
      this.namespace = new NamespaceV1(scope, 'Namespace', {
        metadata: {
          name: d.namespace,
          labels: {
            'pod-security.kubernetes.io/enforce': 'restricted',
            'pod-security.kubernetes.io/enforce-version': 'latest',
            'pod-security.kubernetes.io/audit': 'restricted',
            'pod-security.kubernetes.io/warn': 'restricted',
          },
          annotations,
        },
      });
    }
    // A reference, so every object waits for a namespace created here.
    this.namespaceName = this.namespace ? this.namespace.metadata.name : d.namespace;
    const metadata = (name: string) => ({ name, namespace: this.namespaceName, labels, annotations });

    this.serviceAccount = new ServiceAccountV1(scope, 'ServiceAccount', {
      metadata: metadata(d.name),
      automountServiceAccountToken: false,
    });

    for (const group of d.groups) {
      this.renderGroup(group, annotations);
    }

    this.podDisruptionBudget = new PodDisruptionBudgetV1(scope, 'PodDisruptionBudget', {
      metadata: metadata(d.name),
      spec: podDisruptionBudgetSpec(this.selector),
    });

    const ports = [...new Set([d.port, d.healthCheck.port ?? d.port, d.livenessCheck?.port ?? d.port])];
    this.networkPolicy = new NetworkPolicyV1(scope, 'NetworkPolicy', {
      metadata: metadata(d.name),
      spec: {
        podSelector: { matchLabels: { ...this.selector } },
        policyTypes: ['Ingress'],
        // The service port (and a separate health-check port) only, from anywhere: the load balancer's traffic
        // arrives from nodes or from outside the cluster.
        // Ingress only, deliberately (kube-score pod-networkpolicy): the application's outbound destinations are
        // unknown here, and a default egress allow-list would break them silently. Users add their own Egress policy.
        ingress: [{ ports: ports.map((p) => ({ port: String(p), protocol: 'TCP' })) }],
      },
    });

    if (d.loadBalancer) {
      // One Service routes to one set of pods: both canary groups share the service selector; blue/green selects the
      // active colour only.
      const active = d.strategy === RolloutStrategy.BLUE_GREEN ? d.groups.find((g) => g.weight > 0) : undefined;
      const selector = active ? { ...this.selector, [TRACK_LABEL]: active.track } : { ...this.selector };
      // The load balancer's Service lives in the namespace too: it waits for one created here.
      const dependsOn = this.namespace ? [this.namespace] : undefined;
      this.targets.push(d.loadBalancer.addTarget(d.targetId, { port: d.port, healthCheck: d.healthCheck, selector, dependsOn }));
    }

    const primary = d.groups.find((g) => g.primary && (d.strategy !== RolloutStrategy.BLUE_GREEN || g.weight > 0)) ?? d.groups[0];
    const spread = d.zoneSpread === 'DoNotSchedule';
    this.facts = {
      capability: CapabilityKind.SERVICE,
      platform: PlatformKind.KUBERNETES,
      zones: spread ? d.zones : undefined,
      replicas: primary.minReplicas,
      spreadAcrossZones: spread,
      failureDetection: d.healthCheck.failureDetectionTime(),
      failover: ROUTING_PROPAGATION,
      acceptedSinglePointsOfFailure: spread ? [] : ['`allowSingleZone`: replicas may share a zone, so the loss of that zone can take the service down.'],
    };
  }

  private renderGroup(group: ReplicaGroup, annotations: Record<string, string>): void {
    const d = this.d;
    const suffix = group.idSuffix;
    const name = suffix ? `${d.name}-${group.track}` : d.name;
    const c = group.workload.container!;
    const selector = { ...this.selector, [TRACK_LABEL]: group.track };
    const podLabels = { ...standardLabels({ ...this.identity, version: c.version }), [TRACK_LABEL]: group.track };
    const probes = containerProbes(d.healthCheck, d.port, d.livenessCheck);
    const bake = group.minReadySeconds;
    // Terraform waits for the rollout; a baking canary needs longer than the default 10 minutes.
    const timeout = bake !== undefined ? `${Math.ceil(bake / 60) + 10}m` : undefined;

    const env = [
      ...Object.entries(c.environment).map(([key, value]) => ({ name: key, value })),
      ...Object.entries(c.secrets)
        .filter(([, s]) => s.source === ServiceSecretSource.KUBERNETES)
        .map(([key, s]) => ({ name: key, valueFrom: { secretKeyRef: { name: s.secretName!, key: s.key!, optional: false } } })),
    ];

    const deployment = new DeploymentV1(this.scope, `Deployment${suffix}`, {
      metadata: { name, namespace: this.namespaceName, labels: standardLabels(this.identity), annotations },
      spec: {
        replicas: String(group.minReplicas),
        selector: { matchLabels: selector },
        // New pods first, old pods only once the new ones are ready: never fewer ready replicas than declared.
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '0' } },
        minReadySeconds: bake,
        progressDeadlineSeconds: bake !== undefined ? bake + 600 : 600,
        revisionHistoryLimit: 10,
        template: {
          metadata: { labels: podLabels, annotations },
          spec: {
            serviceAccountName: this.serviceAccount.metadata.name,
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: restrictedPodSecurityContext({ runAsUser: c.user, runAsGroup: c.user }),
            terminationGracePeriodSeconds: PRE_STOP_PAUSE.plus(d.shutdownGracePeriod).toSeconds(),
            // Spread over zones and nodes; a zone whose nodes are tainted unreachable stops counting (`Honor`), so
            // replacements schedule in the surviving zones. Only pods of the same revision are compared.
            topologySpreadConstraint: zoneAndHostSpread(selector, { zones: d.zoneSpread }).map((constraint) => ({
              ...constraint,
              nodeTaintsPolicy: 'Honor',
              matchLabelKeys: ['pod-template-hash'],
            })),
            affinity: preferredHostAntiAffinity(selector),
            container: [
              {
                name: 'app',
                image: c.image,
                // A pinned version never changes: `Always` would only make restarts depend on the registry.
                imagePullPolicy: 'IfNotPresent',
                command: c.command,
                args: c.args,
                port: [{ name: 'traffic', containerPort: d.port, protocol: 'TCP' }],
                env: env.length > 0 ? env : undefined,
                readinessProbe: probes.readinessProbe,
                livenessProbe: probes.livenessProbe,
                startupProbe: probes.startupProbe,
                resources: {
                  requests: { 'cpu': c.cpu!, 'memory': c.memory!, 'ephemeral-storage': EPHEMERAL_STORAGE.request },
                  limits: { 'cpu': c.cpu!, 'memory': c.memory!, 'ephemeral-storage': EPHEMERAL_STORAGE.limit },
                },
                securityContext: restrictedContainerSecurityContext({ runAsUser: c.user, runAsGroup: c.user }),
                lifecycle: { preStop: [{ exec: { command: ['sleep', String(PRE_STOP_PAUSE.toSeconds())] } }] },
                volumeMount: [{ name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volume: [{ name: 'tmp', emptyDir: { sizeLimit: TMP_SIZE } }],
          },
        },
      },
      timeouts: timeout ? { create: timeout, update: timeout } : undefined,
      // With an autoscaler the replica count is its business: Terraform sets the minimum once and never resets it.
      lifecycle: group.scaled ? { ignoreChanges: ['spec[0].replicas'] } : undefined,
    });
    this.deployments.push(deployment);

    if (!group.primary && group.minReplicas < 2) {
      ResilienceChecks.suppress(
        deployment,
        'FT-K8S-1',
        `the canary Deployment takes a ${group.weight}% share of traffic next to the stable Deployment, which keeps the service's replicas; losing its pod returns that share to the stable pods`,
      );
    }

    if (group.scaled && d.scaling) {
      this.autoscalers.push(
        new HorizontalPodAutoscalerV2(this.scope, `HorizontalPodAutoscaler${suffix}`, {
          metadata: { name, namespace: this.namespaceName, labels: standardLabels(this.identity), annotations },
          spec: {
            minReplicas: d.scaling.minReplicas,
            maxReplicas: d.scaling.maxReplicas,
            scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name },
            metric: [
              {
                type: 'Resource',
                resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: d.scaling.targetCpuUtilization ?? 60 } },
              },
            ],
            // Scale out at once; scale in one pod a minute after 5 quiet minutes.
            behavior: {
              scaleDown: [{ stabilizationWindowSeconds: 300, selectPolicy: 'Max', policy: [{ type: 'Pods', value: 1, periodSeconds: 60 }] }],
            },
          },
        }),
      );
    }

    if (group.primary && d.alerting) {
      d.alerting.monitorWorkload({ kind: WorkloadKind.DEPLOYMENT, namespaceName: d.namespace, name, minReplicas: group.minReplicas });
    }
  }
}
