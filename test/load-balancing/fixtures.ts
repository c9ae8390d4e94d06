import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import {
  AlarmDestination,
  HealthCheckedLoadBalancer,
  HealthCheckedLoadBalancerProps,
  INetwork,
  MultiAzNetwork,
  Platform,
} from '../../src';

export const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:oncall';
export const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000';

/** A network of 3 zones with known subnet ids, so tests read plain values. */
export function existingNetwork(scope: Construct): INetwork {
  return MultiAzNetwork.fromExisting(scope, 'network', {
    vpcId: 'vpc-1',
    vpcCidrBlock: '10.0.0.0/16',
    publicSubnets: [
      { subnetId: 'subnet-pub-a', zone: 'eu-west-1a' },
      { subnetId: 'subnet-pub-b', zone: 'eu-west-1b' },
      { subnetId: 'subnet-pub-c', zone: 'eu-west-1c' },
    ],
    privateSubnets: [
      { subnetId: 'subnet-priv-a', zone: 'eu-west-1a' },
      { subnetId: 'subnet-priv-b', zone: 'eu-west-1b' },
      { subnetId: 'subnet-priv-c', zone: 'eu-west-1c' },
    ],
  });
}

export type Props = Omit<HealthCheckedLoadBalancerProps, 'platform'> & { platform?: HealthCheckedLoadBalancerProps['platform'] };

export interface Synth {
  readonly text: string;
  readonly json: any;
  readonly lb: HealthCheckedLoadBalancer;
}

/**
 * Synthesizes a load balancer `edge` on AWS (certificate and alarm topic given unless overridden); `configure`
 * adds targets (default: one target `web` on port 3000).
 */
export function synthAws(props: Props = {}, configure?: (lb: HealthCheckedLoadBalancer, scope: Construct) => void): Synth {
  let lb!: HealthCheckedLoadBalancer;
  const text = Testing.synthScope((scope) => {
    const network = existingNetwork(scope);
    lb = new HealthCheckedLoadBalancer(scope, 'edge', {
      platform: Platform.aws({ network, alarms: AlarmDestination.fromArns(TOPIC) }),
      certificateArn: props.allowPlainHttp ? undefined : CERT,
      ...props,
    });
    (configure ?? ((l) => l.addTarget('web', { port: 3000 })))(lb, scope);
  });
  return { text, json: JSON.parse(text), lb };
}

/** Synthesizes a load balancer `web-lb` on Kubernetes in namespace `shop`; `configure` adds targets. */
export function synthKubernetes(props: Props = {}, configure?: (lb: HealthCheckedLoadBalancer) => void): Synth {
  let lb!: HealthCheckedLoadBalancer;
  const text = Testing.synthScope((scope) => {
    lb = new HealthCheckedLoadBalancer(scope, 'web-lb', { platform: Platform.kubernetes({ namespaceName: 'shop' }), ...props });
    (configure ?? ((l) => l.addTarget('web', { port: 3000, selector: { 'app.kubernetes.io/name': 'web' } })))(lb);
  });
  return { text, json: JSON.parse(text), lb };
}

/** The message of the error thrown by `fn(stack)`. */
export function errorOf(fn: (stack: TerraformStack) => void): string {
  const stack = new TerraformStack(Testing.app(), 'stack');
  try {
    fn(stack);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

/** The error of constructing `edge` on AWS with `props` (certificate given unless overridden). */
export function awsError(props: Props = {}, configure?: (lb: HealthCheckedLoadBalancer) => void): string {
  return errorOf((stack) => {
    const lb = new HealthCheckedLoadBalancer(stack, 'edge', {
      platform: Platform.aws({ network: existingNetwork(stack) }),
      certificateArn: CERT,
      ...props,
    });
    configure?.(lb);
  });
}

/** The error of constructing `web-lb` on Kubernetes with `props`. */
export function kubernetesError(props: Props = {}, configure?: (lb: HealthCheckedLoadBalancer) => void): string {
  return errorOf((stack) => {
    const lb = new HealthCheckedLoadBalancer(stack, 'web-lb', { platform: Platform.kubernetes({ namespaceName: 'shop' }), ...props });
    configure?.(lb);
  });
}

/** The resources of one type, by their synthesized name. */
export function resources(json: any, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {});
}
