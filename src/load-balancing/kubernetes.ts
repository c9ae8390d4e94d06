import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Lazy, dependable } from 'cdktf';
import { Construct } from 'constructs';
import { ExternalTrafficPolicy } from './options';
import { KubernetesLoadBalancerPlan, TargetPlan, numberString, serviceAnnotations } from './private/plan';
import { LoadBalancerKubernetesResources } from './resources';
import { LoadBalancerTarget } from '../core/load-balancer';
import { LABEL_COMPONENT, LABEL_INSTANCE, LABEL_MANAGED_BY, standardAnnotations } from '../core/private/kubernetes';
import { MANAGED_BY, claimPhysicalName } from '../core/private/naming';

/** How each traffic policy is written in the Service spec. */
const EXTERNAL_TRAFFIC_POLICIES: Record<ExternalTrafficPolicy, string> = {
  [ExternalTrafficPolicy.CLUSTER]: 'Cluster',
  [ExternalTrafficPolicy.LOCAL]: 'Local',
};

/**
 * Renders a load balancer on Kubernetes: a Service of type LoadBalancer whose selector, target port and health
 * check annotations follow the first of `targets()`, read at synth (so a target added after construction is
 * rendered).
 */
export function renderKubernetesLoadBalancer(
  scope: Construct,
  plan: KubernetesLoadBalancerPlan,
  targets: () => readonly LoadBalancerTarget[],
): LoadBalancerKubernetesResources {
  const target = (): LoadBalancerTarget | undefined => targets()[0];
  const annotations = () => standardAnnotations(scope, serviceAnnotations(plan, target()?.healthCheck ?? plan.healthCheck));
  claimPhysicalName(scope, 'kubernetes_service_v1', 'metadata.name', plan.name, plan.namespaceName);
  const service = new ServiceV1(scope, 'Service', {
    metadata: {
      name: plan.name,
      namespace: plan.namespaceName,
      labels: { [LABEL_INSTANCE]: plan.name, [LABEL_COMPONENT]: 'load-balancer', [LABEL_MANAGED_BY]: MANAGED_BY },
      // Computed at synth, so the health check of a target added later is rendered.
      annotations: Lazy.anyValue({ produce: annotations }) as any,
    },
    spec: {
      type: 'LoadBalancer',
      selector: Lazy.anyValue({ produce: () => target()?.selector }) as any,
      port: [
        {
          name: 'traffic',
          port: plan.port,
          protocol: 'TCP',
          targetPort: Lazy.stringValue({ produce: () => (target() ? numberString(target()!.port) : undefined) }),
        },
      ],
      externalTrafficPolicy: EXTERNAL_TRAFFIC_POLICIES[plan.externalTrafficPolicy],
      // Only ready pods receive traffic.
      publishNotReadyAddresses: false,
      sessionAffinity: 'None',
      loadBalancerSourceRanges: plan.allowedCidrs,
    },
  });
  return { service };
}

/** Routes the Service to the target's pods (the Service reads the target at synth); the Service waits for `dependsOn`. */
export function renderKubernetesTarget(resources: LoadBalancerKubernetesResources, t: TargetPlan): LoadBalancerTarget {
  if (t.dependsOn && t.dependsOn.length > 0) {
    resources.service.dependsOn = [...(resources.service.dependsOn ?? []), ...t.dependsOn.map((d) => dependable(d))];
  }
  return {
    id: t.id,
    port: t.port,
    weight: t.weight,
    healthCheck: t.healthCheck,
    selector: t.selector,
    alarms: [],
  };
}

/** The first ingress hostname the cloud assigned to the Service (empty where it assigns only an IP). */
export function serviceDnsName(resources: LoadBalancerKubernetesResources): string {
  return resources.service.status.get(0).loadBalancer.get(0).ingress.get(0).hostname;
}
