import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  AlarmDestination,
  AlarmTopic,
  AwsCompute,
  BackupStore,
  DatabaseEngine,
  DeploymentColor,
  Duration,
  HaAlertmanager,
  HealthCheck,
  HealthCheckedLoadBalancer,
  InhibitRule,
  IResilient,
  Matcher,
  MultiAzNetwork,
  MultiAzService,
  Platform,
  Receiver,
  ReplicatedDatabase,
  Replication,
  ResilienceTarget,
  Rollout,
  Route,
  SecretRef,
  Workload,
  WorkloadKind,
} from '../../src';

/*
 * Every construct of the library, built from props a test can replace one at a time: the token table
 * (tokens.test.ts) sets one prop to a Terraform variable, the unknown-props test adds a misspelled one. Each builder
 * reads every prop it passes through `get(path, fallback)`, so a test can tell which props a builder covers.
 */

export const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:oncall';
export const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000';
export const IMAGE = 'ghcr.io/acme/api:1.4.2';
export const ECR_IMAGE = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2';
export const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

/** Reads one prop: the value under test at `path`, else `fallback`. */
export type Get = <T>(path: string, fallback: T) => T;

export interface Subject {
  /** The construct kind, as validation errors name it. */
  readonly kind: string;
  /** The providers its stack needs. */
  readonly providers: Array<'aws' | 'kubernetes'>;
  /** The CRDs its Kubernetes manifests need (for the offline proof). */
  readonly crds?: string[];
  /** Builds the subject (and what it needs) in `scope`; returns the constructs whose facts are reported. */
  readonly build: (scope: Construct, get: Get) => IResilient[];
}

/** A 3-zone network with known zones (isolated subnets for databases). */
export function network(scope: Construct, id = 'network') {
  return MultiAzNetwork.fromExisting(scope, id, {
    vpcId: 'vpc-1',
    vpcCidrBlock: '10.0.0.0/16',
    publicSubnets: ZONES.map((zone, i) => ({ subnetId: `subnet-pub-${i}`, zone })),
    privateSubnets: ZONES.map((zone, i) => ({ subnetId: `subnet-priv-${i}`, zone })),
    isolatedSubnets: ZONES.map((zone, i) => ({ subnetId: `subnet-iso-${i}`, zone })),
  });
}

/** A health check whose every option is read through `get`, at `prefix`. */
export function healthCheck(get: Get, prefix: string, path = '/health'): HealthCheck {
  return HealthCheck.http(path, {
    port: get(`${prefix}.port`, undefined),
    interval: get(`${prefix}.interval`, undefined),
    timeout: get(`${prefix}.timeout`, undefined),
    healthyThreshold: get(`${prefix}.healthyThreshold`, undefined),
    unhealthyThreshold: get(`${prefix}.unhealthyThreshold`, undefined),
    gracePeriod: get(`${prefix}.gracePeriod`, undefined),
  });
}

/** Alarm options of one alarm, read through `get` at `alarms.<key>`. */
function alarm(get: Get, key: string) {
  return {
    threshold: get(`alarms.${key}.threshold`, undefined),
    evaluationPeriods: get(`alarms.${key}.evaluationPeriods`, undefined),
    datapointsToAlarm: get(`alarms.${key}.datapointsToAlarm`, undefined),
    period: get(`alarms.${key}.period`, undefined),
  };
}

function lbAws(scope: Construct, get: Get): IResilient[] {
  const lb = new HealthCheckedLoadBalancer(scope, 'subject', {
    platform: Platform.aws({ network: network(scope), alarms: AlarmDestination.fromArns(TOPIC) }),
    certificateArn: CERT,
    port: get('port', undefined),
    healthCheck: healthCheck(get, 'healthCheck'),
    allowedCidrs: get('allowedCidrs', undefined),
    idleTimeout: get('idleTimeout', undefined),
    stickiness: get('stickiness', undefined),
    accessLogs: { retention: get('accessLogs.retention', undefined) },
    alarms: { elb5xx: alarm(get, 'elb5xx') },
  });
  lb.addTarget('web', {
    port: get('addTarget.port', 3000),
    weight: get('addTarget.weight', undefined),
    healthCheck: get('addTarget.healthCheck', undefined),
    deregistrationDelay: get('addTarget.deregistrationDelay', undefined),
    slowStart: get('addTarget.slowStart', undefined),
  });
  return [lb];
}

function lbKubernetes(scope: Construct, get: Get): IResilient[] {
  const lb = new HealthCheckedLoadBalancer(scope, 'subject', {
    platform: Platform.kubernetes({ namespaceName: 'shop' }),
    port: get('port', undefined),
    healthCheck: healthCheck(get, 'healthCheck'),
    allowedCidrs: get('allowedCidrs', undefined),
  });
  lb.addTarget('web', { port: get('addTarget.port', 3000), selector: { 'app.kubernetes.io/name': 'web' } });
  return [lb];
}

function container(get: Get, prefix: string, image = IMAGE): Workload {
  return Workload.container({
    image,
    port: get(`${prefix}.port`, 3000),
    user: get(`${prefix}.user`, undefined),
    command: get(`${prefix}.command`, undefined),
    args: get(`${prefix}.args`, undefined),
  });
}

function serviceProps(get: Get) {
  return {
    workload: container(get, 'workload'),
    healthCheck: healthCheck(get, 'healthCheck'),
    replicas: get('replicas', undefined),
    zones: get('zones', undefined),
    shutdownGracePeriod: get('shutdownGracePeriod', undefined),
  };
}

function serviceAws(scope: Construct, get: Get): IResilient[] {
  const platform = Platform.aws({ network: network(scope), alarms: AlarmDestination.fromArns(TOPIC), compute: AwsCompute.EC2 });
  const lb = new HealthCheckedLoadBalancer(scope, 'edge', { platform, certificateArn: CERT });
  const service = new MultiAzService(scope, 'subject', {
    platform,
    loadBalancer: lb,
    ...serviceProps(get),
    rootVolumeSize: get('rootVolumeSize', undefined),
    instanceBootTime: get('instanceBootTime', undefined),
    logRetention: get('logRetention', undefined),
    alarms: { cpuUtilization: alarm(get, 'cpuUtilization') },
  });
  return [service, lb];
}

function serviceAwsScaled(scope: Construct, get: Get): IResilient[] {
  const platform = Platform.aws({ network: network(scope), alarms: AlarmDestination.fromArns(TOPIC), compute: AwsCompute.EC2 });
  const lb = new HealthCheckedLoadBalancer(scope, 'edge', { platform, certificateArn: CERT });
  const service = new MultiAzService(scope, 'subject', {
    platform,
    loadBalancer: lb,
    workload: container(get, 'workload'),
    scaling: {
      minReplicas: get('scaling.minReplicas', 2),
      maxReplicas: get('scaling.maxReplicas', 6),
      targetCpuUtilization: get('scaling.targetCpuUtilization', undefined),
      targetRequestsPerTarget: get('scaling.targetRequestsPerTarget', undefined),
    },
  });
  return [service];
}

function serviceAwsCanary(scope: Construct, get: Get): IResilient[] {
  const platform = Platform.aws({ network: network(scope), alarms: AlarmDestination.fromArns(TOPIC), compute: AwsCompute.EC2 });
  const lb = new HealthCheckedLoadBalancer(scope, 'edge', { platform, certificateArn: CERT });
  const service = new MultiAzService(scope, 'subject', {
    platform,
    loadBalancer: lb,
    workload: container(get, 'workload'),
    replicas: get('replicas', undefined),
    rollout: Rollout.canary({ weight: get('rollout.weight', 10), bakeTime: get('rollout.bakeTime', undefined) }),
  });
  return [service];
}

function serviceKubernetes(scope: Construct, get: Get): IResilient[] {
  const platform = Platform.kubernetes({ namespaceName: 'shop' });
  const lb = new HealthCheckedLoadBalancer(scope, 'web-lb', { platform });
  const service = new MultiAzService(scope, 'subject', {
    platform,
    loadBalancer: lb,
    ...serviceProps(get),
    livenessCheck: healthCheck(get, 'livenessCheck', '/alive'),
  });
  return [service, lb];
}

function serviceKubernetesScaled(scope: Construct, get: Get): IResilient[] {
  const service = new MultiAzService(scope, 'subject', {
    platform: Platform.kubernetes({ namespaceName: 'shop' }),
    workload: container(get, 'workload'),
    scaling: {
      minReplicas: get('scaling.minReplicas', 2),
      maxReplicas: get('scaling.maxReplicas', 6),
      targetCpuUtilization: get('scaling.targetCpuUtilization', undefined),
    },
  });
  return [service];
}

function serviceKubernetesCanary(scope: Construct, get: Get): IResilient[] {
  const service = new MultiAzService(scope, 'subject', {
    platform: Platform.kubernetes({ namespaceName: 'shop' }),
    workload: container(get, 'workload'),
    replicas: get('replicas', undefined),
    rollout: Rollout.canary({ weight: get('rollout.weight', 10), bakeTime: get('rollout.bakeTime', undefined) }),
  });
  return [service];
}

function serviceBlueGreen(scope: Construct, get: Get): IResilient[] {
  const service = new MultiAzService(scope, 'subject', {
    platform: Platform.kubernetes({ namespaceName: 'shop' }),
    workload: container(get, 'workload'),
    rollout: Rollout.blueGreen({ active: DeploymentColor.BLUE, standby: container(get, 'rollout.standby', 'ghcr.io/acme/api:1.4.3') }),
  });
  return [service];
}

function database(scope: Construct, get: Get): IResilient[] {
  const db = new ReplicatedDatabase(scope, 'subject', {
    platform: Platform.aws({ network: network(scope), alarms: AlarmDestination.fromArns(TOPIC) }),
    engine: DatabaseEngine.postgres('16.4'),
    replication: Replication.multiAz({ readReplicas: get('replication.readReplicas', undefined) }),
    port: get('port', undefined),
    storage: {
      allocatedStorage: get('storage.allocatedStorage', undefined),
      maxAllocatedStorage: get('storage.maxAllocatedStorage', undefined),
    },
    backupRetention: get('backupRetention', undefined),
    recoveryPointObjective: get('recoveryPointObjective', undefined),
    monitoringInterval: get('monitoringInterval', undefined),
    logRetention: get('logRetention', undefined),
    alarms: { cpuUtilization: alarm(get, 'cpuUtilization') },
  });
  return [db];
}

function databaseIops(scope: Construct, get: Get): IResilient[] {
  const db = new ReplicatedDatabase(scope, 'subject', {
    platform: Platform.aws({ network: network(scope) }),
    engine: DatabaseEngine.postgres('16.4'),
    storage: { allocatedStorage: 400, iops: get('storage.iops', 12000), throughput: get('storage.throughput', 500) },
  });
  return [db];
}

function aurora(scope: Construct, get: Get): IResilient[] {
  const db = new ReplicatedDatabase(scope, 'subject', {
    platform: Platform.aws({ network: network(scope) }),
    engine: DatabaseEngine.auroraPostgres('16.4'),
    replication: Replication.aurora({ readers: get('replication.readers', undefined), readerZones: get('replication.readerZones', undefined) }),
  });
  return [db];
}

function databaseKubernetes(scope: Construct, get: Get): IResilient[] {
  const db = new ReplicatedDatabase(scope, 'subject', {
    platform: Platform.kubernetes({ namespaceName: 'shop', backupStore: BackupStore.s3({ destinationPath: 's3://acme-db-backups/shop/' }) }),
    engine: DatabaseEngine.postgres('16.4'),
    replication: Replication.multiAz({ readReplicas: get('replication.readReplicas', undefined) }),
    port: get('port', undefined),
    storage: { allocatedStorage: get('storage.allocatedStorage', undefined) },
    backupRetention: get('backupRetention', undefined),
    recoveryPointObjective: get('recoveryPointObjective', undefined),
  });
  return [db];
}

const PAGERDUTY = Receiver.pagerDuty('oncall', SecretRef.kubernetes('pagerduty', 'routing-key'));

function alertmanager(scope: Construct, get: Get): IResilient[] {
  const am = new HaAlertmanager(scope, 'subject', {
    platform: Platform.kubernetes({ namespaceName: 'monitoring' }),
    replicas: get('replicas', undefined),
    receivers: get('receivers', [PAGERDUTY, Receiver.webhook('hook', SecretRef.kubernetes('hooks', 'url'), { maxAlerts: get('receivers[1].maxAlerts', undefined) })]),
    route: Route.to('oncall', {
      groupBy: get('route.groupBy', undefined),
      groupWait: get('route.groupWait', undefined),
      groupInterval: get('route.groupInterval', undefined),
      repeatInterval: get('route.repeatInterval', undefined),
      routes: get('route.routes', [Route.to('hook', { matchers: get('route.routes[0].matchers', [Matcher.equal('severity', 'info')]) })]),
    }),
    inhibitRules: get('inhibitRules', [
      InhibitRule.of({
        sourceMatchers: get('inhibitRules[0].sourceMatchers', [Matcher.equal('severity', 'critical')]),
        targetMatchers: get('inhibitRules[0].targetMatchers', [Matcher.equal('severity', 'warning')]),
        equal: get('inhibitRules[0].equal', ['alertname']),
      }),
    ]),
    apiClients: get('apiClients', undefined),
  });
  am.monitorWorkload({ kind: WorkloadKind.DEPLOYMENT, namespaceName: 'shop', name: 'web', minReplicas: get('monitorWorkload.minReplicas', 3) });
  return [am];
}

function alarmTopic(scope: Construct, get: Get): IResilient[] {
  new AlarmTopic(scope, 'subject', { emails: get('emails', ['oncall@example.com']), httpsEndpoints: get('httpsEndpoints', undefined) });
  return [];
}

function multiAzNetwork(scope: Construct, get: Get): IResilient[] {
  const n = new MultiAzNetwork(scope, 'subject', {
    zones: get('zones', undefined),
    availabilityZones: get('availabilityZones', undefined),
    subnetPrefixLength: get('subnetPrefixLength', undefined),
    flowLogs: { retention: get('flowLogs.retention', undefined) },
  });
  return [n];
}

function existingNetwork(scope: Construct, get: Get): IResilient[] {
  const n = MultiAzNetwork.fromExisting(scope, 'subject', {
    vpcId: 'vpc-1',
    vpcCidrBlock: '10.0.0.0/16',
    publicSubnets: get('publicSubnets', ZONES.map((zone, i) => ({ subnetId: `subnet-pub-${i}`, zone }))),
    privateSubnets: get('privateSubnets', ZONES.map((zone, i) => ({ subnetId: `subnet-priv-${i}`, zone }))),
    isolatedSubnets: get('isolatedSubnets', undefined),
  });
  // Something placed in it, so the subnets are rendered.
  const lb = new HealthCheckedLoadBalancer(scope, 'edge', { platform: Platform.aws({ network: n }), allowPlainHttp: true });
  lb.addTarget('web', { port: 3000 });
  return [lb];
}

function resilienceTarget(_scope: Construct, get: Get): IResilient[] {
  ResilienceTarget.survive({
    zoneLoss: get('zoneLoss', undefined),
    maxDetection: get('maxDetection', undefined),
    recoveryTime: get('recoveryTime', undefined),
    recoveryPoint: get('recoveryPoint', undefined),
  });
  return [];
}

export const SUBJECTS: Record<string, Subject> = {
  'MultiAzNetwork': { kind: 'MultiAzNetwork', providers: ['aws'], build: multiAzNetwork },
  'MultiAzNetwork.fromExisting': { kind: 'MultiAzNetwork.fromExisting', providers: ['aws'], build: existingNetwork },
  'HealthCheckedLoadBalancer (AWS)': { kind: 'HealthCheckedLoadBalancer', providers: ['aws'], build: lbAws },
  'HealthCheckedLoadBalancer (Kubernetes)': { kind: 'HealthCheckedLoadBalancer', providers: ['kubernetes'], build: lbKubernetes },
  'MultiAzService (AWS)': { kind: 'MultiAzService', providers: ['aws'], build: serviceAws },
  'MultiAzService (AWS, scaling)': { kind: 'MultiAzService', providers: ['aws'], build: serviceAwsScaled },
  'MultiAzService (AWS, canary)': { kind: 'MultiAzService', providers: ['aws'], build: serviceAwsCanary },
  'MultiAzService (Kubernetes)': { kind: 'MultiAzService', providers: ['kubernetes'], build: serviceKubernetes },
  'MultiAzService (Kubernetes, scaling)': { kind: 'MultiAzService', providers: ['kubernetes'], build: serviceKubernetesScaled },
  'MultiAzService (Kubernetes, canary)': { kind: 'MultiAzService', providers: ['kubernetes'], build: serviceKubernetesCanary },
  'MultiAzService (Kubernetes, blue/green)': { kind: 'MultiAzService', providers: ['kubernetes'], build: serviceBlueGreen },
  'ReplicatedDatabase (Multi-AZ)': { kind: 'ReplicatedDatabase', providers: ['aws'], build: database },
  'ReplicatedDatabase (provisioned gp3)': { kind: 'ReplicatedDatabase', providers: ['aws'], build: databaseIops },
  'ReplicatedDatabase (Aurora)': { kind: 'ReplicatedDatabase', providers: ['aws'], build: aurora },
  'ReplicatedDatabase (Kubernetes)': { kind: 'ReplicatedDatabase', providers: ['kubernetes'], crds: ['cloudnative-pg', 'barman-cloud'], build: databaseKubernetes },
  'HaAlertmanager': { kind: 'HaAlertmanager', providers: ['kubernetes'], build: alertmanager },
  'AlarmTopic': { kind: 'AlarmTopic', providers: ['aws'], build: alarmTopic },
  'ResilienceTarget.survive': { kind: 'ResilienceTarget.survive', providers: [], build: resilienceTarget },
};

/** Adds the providers a subject needs to `stack` (the offline proof needs them). */
export function addProviders(stack: TerraformStack, subject: Subject): void {
  if (subject.providers.includes('aws')) {
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  }
  if (subject.providers.includes('kubernetes')) {
    new KubernetesProvider(stack, 'kubernetes', { configPath: '~/.kube/config' });
  }
}

/** Durations used as literal defaults. */
export const seconds = (n: number) => Duration.seconds(n);
