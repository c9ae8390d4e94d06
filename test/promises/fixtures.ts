import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import {
  AlarmTopic,
  AwsCompute,
  DatabaseEngine,
  HaAlertmanager,
  HealthCheck,
  HealthCheckedLoadBalancer,
  MultiAzNetwork,
  MultiAzService,
  Platform,
  Receiver,
  ReplicatedDatabase,
  SecretRef,
  Workload,
} from '../../src';

export const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000';
export const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

/** The construct ids of a whole application; each may be a path (`a/b`), whose parents are plain constructs. */
export interface AppIds {
  readonly network: string;
  readonly oncall: string;
  readonly edge: string;
  readonly api: string;
  readonly worker: string;
  readonly db: string;
}

export const DEFAULT_IDS: AppIds = { network: 'network', oncall: 'oncall', edge: 'edge', api: 'api', worker: 'worker', db: 'db' };

/** The scope a construct with id path `path` is created in, and its own id: parents are created as plain constructs. */
export function placeAt(stack: Construct, path: string): [Construct, string] {
  const parts = path.split('/');
  let scope: Construct = stack;
  for (const part of parts.slice(0, -1)) {
    scope = (scope.node.tryFindChild(part) as Construct | undefined) ?? new Construct(scope, part);
  }
  return [scope, parts[parts.length - 1]];
}

/** Every AWS construct of the library, wired as an application: network, alarm topic, load balancer, 2 services, database. */
export function awsApp(stack: TerraformStack, ids: AppIds = DEFAULT_IDS): void {
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const network = new MultiAzNetwork(...placeAt(stack, ids.network), { availabilityZones: ZONES });
  const oncall = new AlarmTopic(...placeAt(stack, ids.oncall), { emails: ['oncall@example.com'] });
  const platform = Platform.aws({ network, alarms: oncall, compute: AwsCompute.EC2 });
  const edge = new HealthCheckedLoadBalancer(...placeAt(stack, ids.edge), { platform, certificateArn: CERT });
  const api = new MultiAzService(...placeAt(stack, ids.api), {
    platform,
    workload: Workload.container({
      image: 'ghcr.io/acme/api:1.4.2',
      port: 3000,
      environment: { LOG_LEVEL: 'debug', PORT: '3000', PUBLIC_KEY_URL: 'https://auth.example.com/.well-known/jwks.json' },
      secrets: { DB_PASSWORD: SecretRef.awsSecretsManager('arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf', 'password') },
    }),
    loadBalancer: edge,
  });
  new MultiAzService(...placeAt(stack, ids.worker), {
    platform,
    workload: Workload.machineImage({ imageId: 'ami-0123456789abcdef0', port: 8080, userData: '#!/bin/bash\nexport LOG_LEVEL=info\n/opt/worker/start' }),
  });
  const db = new ReplicatedDatabase(...placeAt(stack, ids.db), { platform, engine: DatabaseEngine.postgres('16') });
  db.allowFrom(api);
}

/** Every Kubernetes construct of the library: Alertmanager, load balancer, a service that creates its namespace. */
export function kubernetesApp(stack: TerraformStack, ids: Pick<AppIds, 'edge' | 'api'> & { readonly alerting: string } = { edge: 'edge', api: 'api', alerting: 'alerting' }): void {
  new KubernetesProvider(stack, 'kubernetes', {});
  const alerting = new HaAlertmanager(...placeAt(stack, ids.alerting), {
    platform: Platform.kubernetes({ namespaceName: 'monitoring' }),
    receivers: [Receiver.pagerDuty('pagerduty', SecretRef.kubernetes('pagerduty', 'routing-key'))],
  });
  const platform = Platform.kubernetes({ namespaceName: 'shop', alerting });
  const edge = new HealthCheckedLoadBalancer(...placeAt(stack, ids.edge), { platform });
  new MultiAzService(...placeAt(stack, ids.api), {
    platform,
    workload: Workload.container({ image: 'ghcr.io/acme/api:1.4.2', port: 3000, environment: { LOG_LEVEL: 'debug' } }),
    healthCheck: HealthCheck.http('/health'),
    loadBalancer: edge,
    createNamespace: true,
  });
}

/** A fresh stack named `name` in its own app. */
export function newStack(name = 'stack'): TerraformStack {
  return new TerraformStack(Testing.app(), name);
}

/** Every resource of a synthesized stack, as `[type, logical id, body]`. */
export function resourcesOf(json: any): Array<[string, string, any]> {
  const out: Array<[string, string, any]> = [];
  for (const [type, byId] of Object.entries(json.resource ?? {})) {
    for (const [id, body] of Object.entries(byId as Record<string, any>)) {
      out.push([type, id, body]);
    }
  }
  return out;
}
