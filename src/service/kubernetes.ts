import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { HorizontalPodAutoscalerV2 } from '@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Construct } from 'constructs';
import { KubernetesServicePlan, ReplicaGroup } from './private/plan';
import { ServiceKubernetesResources } from './resources';
import { RolloutStrategy } from './rollout';
import { WorkloadKind } from '../core/alert-routing';
import { Duration } from '../core/duration';
import { LoadBalancerTarget } from '../core/load-balancer';
import {
  LABEL_TRACK,
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
import { claimPhysicalName } from '../core/private/naming';
import { statefulLifecycle } from '../core/private/retention';
import { numberText } from '../core/private/runtime';
import { SecretRefKind } from '../core/secret-ref';

/** The pause before SIGTERM, so endpoints and load balancers drop the pod before it stops accepting connections. */
export const PRE_STOP_PAUSE = Duration.seconds(5);
/** The size of the writable `/tmp` (the root filesystem is read-only). */
const TMP_SIZE = '64Mi';
const EPHEMERAL_STORAGE = { request: '64Mi', limit: '512Mi' };

/** What the groups of a service share while they are rendered. */
interface Rendering {
  readonly scope: Construct;
  readonly plan: KubernetesServicePlan;
  readonly identity: WorkloadIdentity;
  /** The labels of every pod of the service (every group). */
  readonly selector: Record<string, string>;
  /** The namespace's name: a reference to the created namespace, so every object waits for it. */
  readonly namespaceName: string;
  readonly serviceAccount: ServiceAccountV1;
  readonly deployments: DeploymentV1[];
  readonly autoscalers: HorizontalPodAutoscalerV2[];
}

/** What {@link renderKubernetesService} created, and the load balancer target it registered. */
export interface KubernetesServiceRendering {
  readonly resources: ServiceKubernetesResources;
  readonly targets: LoadBalancerTarget[];
}

/**
 * Renders a service on Kubernetes: per replica group a Deployment (and an HPA when scaling); one ServiceAccount,
 * PodDisruptionBudget and NetworkPolicy; the namespace when asked; and the one load balancer target every group
 * shares (blue/green: the active colour).
 */
export function renderKubernetesService(scope: Construct, plan: KubernetesServicePlan): KubernetesServiceRendering {
  const identity: WorkloadIdentity = { name: plan.appName, instance: plan.name, component: 'service' };
  const selector = selectorLabels(identity);
  const labels = standardLabels(identity);
  const annotations = standardAnnotations(scope);

  if (plan.createNamespace) {
    claimPhysicalName(scope, 'kubernetes_namespace_v1', 'metadata.name', plan.namespaceName);
  }
  for (const kind of ['kubernetes_service_account_v1', 'kubernetes_pod_disruption_budget_v1', 'kubernetes_network_policy_v1']) {
    claimPhysicalName(scope, kind, 'metadata.name', plan.name, plan.namespaceName);
  }
  const namespace = plan.createNamespace
    ? new NamespaceV1(scope, 'Namespace', {
      metadata: {
        name: plan.namespaceName,
        labels: {
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
        annotations,
      },
      // Deleting a namespace deletes everything in it, including what other tools put there.
      lifecycle: statefulLifecycle(plan.retention.retain),
    })
    : undefined;
  // A reference, so every object waits for a namespace created here.
  const namespaceName = namespace ? namespace.metadata.name : plan.namespaceName;
  const metadata = (name: string) => ({ name, namespace: namespaceName, labels, annotations });

  const serviceAccount = new ServiceAccountV1(scope, 'ServiceAccount', {
    metadata: metadata(plan.name),
    automountServiceAccountToken: false,
  });

  const r: Rendering = { scope, plan, identity, selector, namespaceName, serviceAccount, deployments: [], autoscalers: [] };
  for (const group of plan.groups) {
    renderGroup(r, group, annotations);
  }

  const podDisruptionBudget = new PodDisruptionBudgetV1(scope, 'PodDisruptionBudget', {
    metadata: metadata(plan.name),
    spec: podDisruptionBudgetSpec(selector),
  });

  const ports = [...new Set([plan.port, plan.healthCheck.port ?? plan.port, plan.livenessCheck?.port ?? plan.port])];
  const networkPolicy = new NetworkPolicyV1(scope, 'NetworkPolicy', {
    metadata: metadata(plan.name),
    spec: {
      podSelector: { matchLabels: { ...selector } },
      policyTypes: ['Ingress'],
      // The service port (and a separate health-check port) only, from anywhere: the load balancer's traffic
      // arrives from nodes or from outside the cluster.
      // Ingress only, deliberately (kube-score pod-networkpolicy): the application's outbound destinations are
      // unknown here, and a default egress allow-list would break them silently. Users add their own Egress policy.
      ingress: [{ ports: ports.map((p) => ({ port: numberText(p), protocol: 'TCP' })) }],
    },
  });

  const targets: LoadBalancerTarget[] = [];
  if (plan.loadBalancer) {
    // One Service routes to one set of pods: both canary groups share the service selector; blue/green selects the
    // active colour only. The load balancer's Service lives in the namespace too: it waits for one created here.
    const active = plan.strategy === RolloutStrategy.BLUE_GREEN ? plan.groups.find((g) => g.weight > 0) : undefined;
    const routed = active ? { ...selector, [LABEL_TRACK]: active.track } : { ...selector };
    targets.push(
      plan.loadBalancer.addTarget(plan.targetId, {
        port: plan.port,
        healthCheck: plan.healthCheck,
        selector: routed,
        dependsOn: namespace ? [namespace] : undefined,
      }),
    );
  }

  return {
    resources: {
      deployments: r.deployments,
      autoscalers: r.autoscalers,
      serviceAccount,
      podDisruptionBudget,
      networkPolicy,
      createdNamespace: namespace,
      selector: { ...selector },
    },
    targets,
  };
}

function renderGroup(r: Rendering, group: ReplicaGroup, annotations: Record<string, string>): void {
  const d = r.plan;
  const suffix = group.idSuffix;
  const name = suffix ? `${d.name}-${group.track}` : d.name;
  const c = group.workload.container!;
  const selector = { ...r.selector, [LABEL_TRACK]: group.track };
  const podLabels = { ...standardLabels({ ...r.identity, version: c.version }), [LABEL_TRACK]: group.track };
  const probes = containerProbes(d.healthCheck, d.port, d.livenessCheck);
  const bake = group.minReadySeconds;
  // Terraform waits for the rollout; a baking canary needs longer than the default 10 minutes.
  const timeout = bake !== undefined ? `${Math.ceil(bake / 60) + 10}m` : undefined;

  const env = [
    ...Object.entries(c.environment).map(([key, value]) => ({ name: key, value })),
    ...Object.entries(c.secrets)
      .flatMap(([key, s]) =>
        s.kind === SecretRefKind.KUBERNETES ? [{ name: key, valueFrom: { secretKeyRef: { name: s.secretName, key: s.key, optional: false } } }] : [],
      ),
  ];

  claimPhysicalName(r.scope, 'kubernetes_deployment_v1', 'metadata.name', name, d.namespaceName);
  if (group.scaled && d.scaling) {
    claimPhysicalName(r.scope, 'kubernetes_horizontal_pod_autoscaler_v2', 'metadata.name', name, d.namespaceName);
  }
  const deployment = new DeploymentV1(r.scope, `Deployment${suffix}`, {
    metadata: { name, namespace: r.namespaceName, labels: standardLabels(r.identity), annotations },
    spec: {
      replicas: numberText(group.minReplicas),
      selector: { matchLabels: selector },
      // New pods first, old pods only once the new ones are ready: never fewer ready replicas than declared.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '0' } },
      minReadySeconds: bake,
      progressDeadlineSeconds: bake !== undefined ? bake + 600 : 600,
      revisionHistoryLimit: 10,
      template: {
        metadata: { labels: podLabels, annotations },
        spec: {
          serviceAccountName: r.serviceAccount.metadata.name,
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
  r.deployments.push(deployment);

  if (group.scaled && d.scaling) {
    r.autoscalers.push(
      new HorizontalPodAutoscalerV2(r.scope, `HorizontalPodAutoscaler${suffix}`, {
        metadata: { name, namespace: r.namespaceName, labels: standardLabels(r.identity), annotations },
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
    d.alerting.monitorWorkload({ kind: WorkloadKind.DEPLOYMENT, namespaceName: d.namespaceName, name, minReplicas: group.minReplicas });
  }
}
