import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { LoadBalancerTarget } from './options';
import { Duration } from '../core/duration';
import { HealthCheck } from '../core/health-check';
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

/** The cloud-provider-aws / AWS Load Balancer Controller annotations of the cloud load balancer's node checks. */
const AWS_HEALTH_CHECK_ANNOTATIONS = {
  interval: 'service.beta.kubernetes.io/aws-load-balancer-healthcheck-interval',
  timeout: 'service.beta.kubernetes.io/aws-load-balancer-healthcheck-timeout',
  healthyThreshold: 'service.beta.kubernetes.io/aws-load-balancer-healthcheck-healthy-threshold',
  unhealthyThreshold: 'service.beta.kubernetes.io/aws-load-balancer-healthcheck-unhealthy-threshold',
};

/** The longest health check timeout a Classic ELB accepts (cloud-provider-aws allows 2 s to 60 s). */
const MAX_ELB_TIMEOUT_SECONDS = 60;

/**
 * Renders a load balancer on Kubernetes: a Service of type LoadBalancer whose selector and target port are set
 * when a target is added (lazily, so a target added after construction is rendered).
 */
export class KubernetesLoadBalancerRenderer {
  public readonly service: ServiceV1;
  public readonly targets: LoadBalancerTarget[] = [];

  constructor(private readonly scope: Construct, private readonly d: KubernetesLoadBalancerDescription) {
    const target = () => this.targets[0];
    this.service = new ServiceV1(scope, 'Service', {
      metadata: {
        name: d.name,
        namespace: d.namespace,
        labels: { [LABEL_INSTANCE]: d.name, [LABEL_COMPONENT]: 'load-balancer', [LABEL_MANAGED_BY]: MANAGED_BY },
        // Computed at synth, so the health check of a target added later is rendered.
        annotations: Lazy.anyValue({ produce: () => this.annotations() }) as any,
      },
      spec: {
        type: 'LoadBalancer',
        selector: Lazy.anyValue({ produce: () => target()?.selector }) as any,
        port: [
          {
            name: 'traffic',
            port: d.port,
            protocol: 'TCP',
            targetPort: Lazy.stringValue({ produce: () => (target() ? numberString(target().port) : undefined) }),
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

  /**
   * The Service's annotations: the AWS cloud load balancer's node health check timed like the target's health
   * check, the internal-load-balancer annotations, then the user's `annotations`, which win.
   */
  public annotations(): Record<string, string> {
    const check = this.targets[0]?.healthCheck ?? this.d.healthCheck;
    return standardAnnotations(this.scope, {
      ...awsHealthCheckAnnotations(check),
      ...(this.d.internal ? INTERNAL_ANNOTATIONS : {}),
      ...this.d.annotations,
    });
  }

  /**
   * The worst-case time for the AWS cloud load balancer to take a dead node out of rotation, from the health check
   * annotations in effect (`unhealthy-threshold` × `interval` + `timeout`); undefined when one of them is not a
   * number known at synth.
   */
  public cloudFailureDetection(): Duration | undefined {
    const annotations = this.annotations();
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

/** A number as an annotation or `target_port` string: its decimal form, or a string token when it is a token. */
function numberString(port: number): string {
  return Token.isUnresolved(port) ? Token.asString(port) : String(port);
}
