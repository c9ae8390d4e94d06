import { AlarmSeverity, MonitoredAlarm } from '../../core/alarms';
import type { LoadBalancerTarget } from '../../core/load-balancer';
import { PlatformKind } from '../../core/platform';
import type { RegionalEndpoint } from '../../core/regional';
import type { LoadBalancerAwsResources, LoadBalancerKubernetesResources } from '../resources';
import type { LoadBalancerPlan } from './plan';

/** The annotation that makes the AWS cloud load balancer of a Service terminate TLS (cloud-provider-aws, AWS Load Balancer Controller). */
const AWS_TLS_CERTIFICATE_ANNOTATION = 'service.beta.kubernetes.io/aws-load-balancer-ssl-cert';

/**
 * The load balancer as a regional failover sees it: its DNS name (the load balancer's on AWS, the Service's status
 * hostname on Kubernetes), the health check of the target that receives traffic, and its critical alarms.
 */
export function regionalEndpointOf(
  plan: LoadBalancerPlan,
  dnsName: string,
  targets: readonly LoadBalancerTarget[],
  aws: LoadBalancerAwsResources | undefined,
  kubernetes: LoadBalancerKubernetesResources | undefined,
): RegionalEndpoint {
  // The target that serves traffic: weight 0 marks the idle colour of a blue/green rollout.
  const serving = targets.find((t) => typeof t.weight !== 'number' || t.weight > 0) ?? targets[0];
  const alarms: MonitoredAlarm[] = [...(aws?.alarms ?? []), ...targets.flatMap((t) => t.alarms)];
  const common = {
    platformKind: plan.platform,
    dnsName,
    port: plan.port,
    internetFacing: !plan.internal,
    healthCheck: serving?.healthCheck ?? plan.healthCheck,
    criticalAlarms: alarms.filter((a) => a.severity === AlarmSeverity.CRITICAL),
  };
  if (plan.platform === PlatformKind.AWS) {
    return { ...common, aliasHostedZoneId: aws!.loadBalancer.zoneId, tls: plan.certificateArn !== undefined, resource: aws!.loadBalancer };
  }
  return { ...common, tls: plan.annotations[AWS_TLS_CERTIFICATE_ANNOTATION] !== undefined, resource: kubernetes!.service };
}
