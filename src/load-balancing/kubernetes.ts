import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { LoadBalancerTarget } from './options';
import { KubernetesLoadBalancerDescription, TargetDescription } from './private/description';
import { LABEL_COMPONENT, LABEL_INSTANCE, LABEL_MANAGED_BY, standardAnnotations } from '../core/private/kubernetes';
import { MANAGED_BY } from '../core/private/naming';

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

/**
 * Renders a load balancer on Kubernetes: a Service of type LoadBalancer whose selector and target port are set
 * when a target is added (lazily, so a target added after construction is rendered).
 */
export class KubernetesLoadBalancerRenderer {
  public readonly service: ServiceV1;
  public readonly targets: LoadBalancerTarget[] = [];

  constructor(scope: Construct, d: KubernetesLoadBalancerDescription) {
    const target = () => this.targets[0];
    this.service = new ServiceV1(scope, 'Service', {
      metadata: {
        name: d.name,
        namespace: d.namespace,
        labels: { [LABEL_INSTANCE]: d.name, [LABEL_COMPONENT]: 'load-balancer', [LABEL_MANAGED_BY]: MANAGED_BY },
        annotations: standardAnnotations(scope, { ...(d.internal ? INTERNAL_ANNOTATIONS : {}), ...d.annotations }),
      },
      spec: {
        type: 'LoadBalancer',
        selector: Lazy.anyValue({ produce: () => target()?.selector }) as any,
        port: [
          {
            name: 'traffic',
            port: d.port,
            protocol: 'TCP',
            targetPort: Lazy.stringValue({ produce: () => (target() ? portString(target().port) : undefined) }),
          },
        ],
        externalTrafficPolicy: d.externalTrafficPolicy,
        // Only ready pods receive traffic.
        publishNotReadyAddresses: false,
        sessionAffinity: 'None',
        loadBalancerSourceRanges: d.allowedCidrs,
      },
    });
  }

  /** The first ingress hostname the cloud assigned to the Service (empty where it assigns only an IP). */
  public get dnsName(): string {
    return this.service.status.get(0).loadBalancer.get(0).ingress.get(0).hostname;
  }

  /** Routes the Service to the target's pods. */
  public addTarget(t: TargetDescription): LoadBalancerTarget {
    const target: LoadBalancerTarget = {
      id: t.id,
      port: t.port,
      weight: t.weight,
      healthCheck: t.healthCheck,
      selector: t.selector,
      alarms: [],
    };
    this.targets.push(target);
    return target;
  }
}

/** A port as the Service's `target_port` string. */
function portString(port: number): string {
  return Token.isUnresolved(port) ? Token.asString(port) : String(port);
}
