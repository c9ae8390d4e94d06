import type { Lb } from '@cdktf/provider-aws/lib/lb';
import type { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import type { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import type { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import type { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import type { LoadBalancerType } from './options';
import type { MonitoredAlarm } from '../core/alarms';

/**
 * What a {@link HealthCheckedLoadBalancer} creates on AWS.
 */
export interface LoadBalancerAwsResources {
  /** The kind of load balancer. */
  readonly loadBalancerType: LoadBalancerType;
  /** The load balancer (`arn`, `arnSuffix`, `dnsName`, `zoneId` for Route 53 alias records). */
  readonly loadBalancer: Lb;
  /** The load balancer's security group. */
  readonly securityGroup: SecurityGroup;
  /** The listener that forwards to the targets (HTTPS, plain HTTP, TLS or TCP). */
  readonly listener: LbListener;
  /**
   * The HTTPS listener of an Application Load Balancer.
   * @default - undefined without a certificate or on a Network Load Balancer
   */
  readonly httpsListener?: LbListener;
  /**
   * The port 80 listener of an Application Load Balancer: the redirect to HTTPS, or the plain HTTP listener when
   * `allowPlainHttp` is set.
   * @default - undefined when there is none
   */
  readonly httpListener?: LbListener;
  /**
   * The access log bucket, when this construct created it.
   * @default - undefined when access logs are off or go to an existing bucket
   */
  readonly accessLogBucket?: S3Bucket;
  /**
   * The name of the bucket access logs are written to.
   * @default - undefined when access logs are off
   */
  readonly accessLogBucketName?: string;
  /** The target groups, in the order targets were added (it grows as targets are added). */
  readonly targetGroups: LbTargetGroup[];
  /** The listener rules of the routes (`addRoute`), in the order routes were added (it grows as routes are added). */
  readonly listenerRules: LbListenerRule[];
  /** The alarms of the load balancer itself (those of its targets are on each target). */
  readonly alarms: MonitoredAlarm[];
}

/**
 * What a {@link HealthCheckedLoadBalancer} creates on Kubernetes.
 */
export interface LoadBalancerKubernetesResources {
  /** The Service of type LoadBalancer. */
  readonly service: ServiceV1;
}
