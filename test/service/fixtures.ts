import { TerraformStack, Testing } from 'cdktf';
import {
  AlarmDestination,
  AwsCompute,
  HealthCheckedLoadBalancer,
  MultiAzService,
  MultiAzServiceProps,
  Platform,
  Workload,
} from '../../src';

// The network, topic and certificate are the load-balancing tests' own fixtures: one definition for both.
import { CERT, TOPIC, existingNetwork } from '../load-balancing/fixtures';

export { CERT, TOPIC, existingNetwork };
export const IMAGE = 'ghcr.io/acme/api:1.4.2';
export const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:api/db-AbCdEf';

/** Props without a platform (and, optionally, without a workload). */
export type Props = Omit<MultiAzServiceProps, 'platform' | 'workload'> & {
  platform?: MultiAzServiceProps['platform'];
  workload?: MultiAzServiceProps['workload'];
};

export interface Synth {
  readonly text: string;
  readonly json: any;
  readonly service: MultiAzService;
  readonly lb?: HealthCheckedLoadBalancer;
}

export interface SynthOptions {
  /** Put the service behind a load balancer `edge` (default true). */
  readonly loadBalancer?: boolean;
}

export interface AwsSynthOptions extends SynthOptions {
  /** What runs the replicas (default EC2 instances: these fixtures test the EC2 rendering unless told otherwise). */
  readonly compute?: AwsCompute;
}

/**
 * Synthesizes service `api` on AWS (3-zone network, alarm topic), behind load balancer `edge` unless turned off, on
 * EC2 instances unless `options.compute` says otherwise.
 */
export function synthAws(props: Props = {}, options: AwsSynthOptions = {}): Synth {
  let service!: MultiAzService;
  let lb: HealthCheckedLoadBalancer | undefined;
  const text = Testing.synthScope((scope) => {
    const platform = Platform.aws({
      network: existingNetwork(scope),
      alarms: AlarmDestination.fromArns(TOPIC),
      compute: options.compute ?? AwsCompute.EC2,
    });
    lb = options.loadBalancer === false ? undefined : new HealthCheckedLoadBalancer(scope, 'edge', { platform, certificateArn: CERT });
    service = new MultiAzService(scope, 'api', {
      platform,
      workload: Workload.container({ image: IMAGE, port: 3000 }),
      loadBalancer: lb,
      ...props,
    });
  });
  return { text, json: JSON.parse(text), service, lb };
}

/** Synthesizes service `web` on Kubernetes in namespace `shop`, behind load balancer `web-lb` unless turned off. */
export function synthKubernetes(props: Props = {}, options: SynthOptions = {}): Synth {
  let service!: MultiAzService;
  let lb: HealthCheckedLoadBalancer | undefined;
  const text = Testing.synthScope((scope) => {
    const platform = Platform.kubernetes({ namespaceName: 'shop' });
    lb = options.loadBalancer === false ? undefined : new HealthCheckedLoadBalancer(scope, 'web-lb', { platform, port: 80 });
    service = new MultiAzService(scope, 'web', {
      platform,
      workload: Workload.container({ image: 'registry.example.com/fault-app:1.0.0', port: 3000 }),
      loadBalancer: lb,
      ...props,
    });
  });
  return { text, json: JSON.parse(text), service, lb };
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

/** The error of constructing `api` on AWS (EC2 instances unless `compute` says otherwise) with `props`. */
export function awsError(props: Props = {}, compute: AwsCompute = AwsCompute.EC2): string {
  return errorOf((stack) => {
    new MultiAzService(stack, 'api', {
      platform: Platform.aws({ network: existingNetwork(stack), compute }),
      workload: Workload.container({ image: IMAGE, port: 3000 }),
      ...props,
    });
  });
}

/** The error of constructing `web` on Kubernetes with `props`. */
export function kubernetesError(props: Props = {}): string {
  return errorOf((stack) => {
    new MultiAzService(stack, 'web', {
      platform: Platform.kubernetes({ namespaceName: 'shop' }),
      workload: Workload.container({ image: 'registry.example.com/fault-app:1.0.0', port: 3000 }),
      ...props,
    });
  });
}

/** The resources of one type, by their synthesized name. */
export function resources(json: any, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The one resource of a type. */
export function only(json: any, type: string): any {
  const all = resources(json, type);
  if (all.length !== 1) {
    throw new Error(`expected one ${type}, got ${all.length}`);
  }
  return all[0];
}

/** The resource with construct id path `name` (e.g. `api_AutoScalingGroup_xxx` starts with `api_AutoScalingGroup`). */
export function named(json: any, type: string, prefix: string): any {
  const entries = Object.entries(json.resource?.[type] ?? {}).filter(([k]) => k.startsWith(`${prefix}_`) || k === prefix);
  if (entries.length !== 1) {
    throw new Error(`expected one ${type} named ${prefix}*, got ${entries.map(([k]) => k).join(', ') || 'none'}`);
  }
  return entries[0][1];
}

/** Decodes the base64 user data of a launch template. */
export function userDataOf(launchTemplate: any): string {
  return Buffer.from(launchTemplate.user_data, 'base64').toString('utf8');
}
