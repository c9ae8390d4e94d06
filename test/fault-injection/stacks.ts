import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import {
  AlarmSeverity,
  AlarmTopic,
  AwsCompute,
  DatabaseEngine,
  FaultExperiments,
  FaultExperimentsProps,
  HealthCheck,
  HealthCheckedLoadBalancer,
  MultiAzNetwork,
  MultiAzService,
  Platform,
  ReplicatedDatabase,
  Replication,
  Workload,
} from '../../src';

export const CERTIFICATE = 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000';

/** What an AWS test stack holds. */
export interface AwsStack {
  readonly stack: TerraformStack;
  readonly network: MultiAzNetwork;
  readonly edge: HealthCheckedLoadBalancer;
  readonly api: MultiAzService;
  readonly db: ReplicatedDatabase;
}

export interface AwsStackOptions {
  /** Zones looked up at deploy time instead of named. */
  readonly lookupZones?: boolean;
  readonly replicas?: number;
  readonly aurora?: boolean;
  readonly alarms?: boolean;
  readonly unhealthyHostsSeverity?: AlarmSeverity;
}

/** The seed's web application: network, ALB, service, Multi-AZ database, alarms to a topic. */
export function awsStack(options: AwsStackOptions = {}): AwsStack {
  const stack = new TerraformStack(Testing.stubVersion(new App({ stackTraces: false })), 'shop');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const network = new MultiAzNetwork(stack, 'network', options.lookupZones ? { zones: 3 } : { availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] });
  const oncall = new AlarmTopic(stack, 'oncall', { emails: ['oncall@example.com'] });
  const aws = Platform.aws({ network, alarms: oncall, compute: AwsCompute.EC2 });
  const off = options.alarms === false ? { enabled: false } : undefined;
  const edge = new HealthCheckedLoadBalancer(stack, 'edge', {
    platform: aws,
    certificateArn: CERTIFICATE,
    alarms: off
      ? { elb5xx: off, noHealthyHosts: off, target5xx: off }
      : options.unhealthyHostsSeverity
        ? { unhealthyHosts: { severity: options.unhealthyHostsSeverity } }
        : undefined,
  });
  const api = new MultiAzService(stack, 'api', {
    platform: aws,
    workload: Workload.container({ image: 'ghcr.io/acme/api:1.4.2', port: 3000 }),
    healthCheck: HealthCheck.http('/health'),
    replicas: options.replicas ?? 3,
    loadBalancer: edge,
  });
  const db = new ReplicatedDatabase(stack, 'db', {
    platform: aws,
    engine: options.aurora ? DatabaseEngine.auroraPostgres('16.4') : DatabaseEngine.postgres('16'),
    replication: options.aurora ? Replication.aurora() : Replication.multiAz(),
    alarms: off ? { freeStorageSpace: off } : undefined,
  });
  db.allowFrom(api);
  return { stack, network, edge, api, db };
}

/** A Kubernetes stack: a web service with 3 replicas over 3 zones behind a LoadBalancer Service. */
export function kubernetesStack(): { stack: TerraformStack; web: MultiAzService; lb: HealthCheckedLoadBalancer } {
  const stack = new TerraformStack(Testing.stubVersion(new App({ stackTraces: false })), 'cluster');
  new KubernetesProvider(stack, 'kubernetes', { configPath: '~/.kube/config' });
  const k8s = Platform.kubernetes({ namespaceName: 'shop' });
  const lb = new HealthCheckedLoadBalancer(stack, 'web-lb', { platform: k8s, port: 80 });
  const web = new MultiAzService(stack, 'web', {
    platform: k8s,
    workload: Workload.container({ image: 'registry.example.com/web:1.0.0', port: 3000 }),
    replicas: 3,
    zones: 3,
    loadBalancer: lb,
  });
  return { stack, web, lb };
}

/** Declares the experiments on a stack and returns them with the synthesized JSON. */
export function experimentsOf(stack: TerraformStack, props?: FaultExperimentsProps): { experiments: FaultExperiments; json: any } {
  const experiments = FaultExperiments.of(stack, props);
  return { experiments, json: JSON.parse(Testing.synth(stack)) };
}

/** The synthesized FIS templates, by experiment name (their `ft:experiment` tag). */
export function templates(json: any): Record<string, any> {
  return Object.fromEntries(Object.values<any>(json.resource.aws_fis_experiment_template ?? {}).map((t) => [t.tags['ft:experiment'], t]));
}

/** The synthesized Chaos Mesh objects. */
export function chaosObjects(json: any): any[] {
  return Object.values<any>(json.resource.kubernetes_manifest ?? {}).map((m) => m.manifest);
}

/** The synthesized resources of a type whose construct path below the stack starts with `path`, e.g. `FaultExperiments/PolicyZoneLoss`. */
export function byPath(json: any, type: string, path: string): any[] {
  const prefix = `${path.split('/').join('_')}`;
  return Object.entries<any>(json.resource[type] ?? {})
    .filter(([id]) => id.startsWith(prefix))
    .map(([, r]) => r);
}

/** The policy document of an experiment's role. */
export function experimentPolicyOf(json: any, id: string): any {
  const [policy] = byPath(json, 'aws_iam_role_policy', `FaultExperiments/Policy${id}`);
  return JSON.parse(policy.policy);
}
