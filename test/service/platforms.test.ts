import 'cdktf/lib/testing/adapters/jest';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { CERT, existingNetwork, only, resources, synthAws, synthKubernetes, userDataOf } from './fixtures';
import {
  AlarmTopic,
  DatabaseEngine,
  Duration,
  HaAlertmanager,
  HealthCheck,
  HealthCheckedLoadBalancer,
  MultiAzNetwork,
  MultiAzService,
  MultiAzServiceProps,
  Platform,
  Receiver,
  ReplicatedDatabase,
  ResilienceChecks,
  ResilienceTarget,
  Rollout,
  RolloutStrategy,
  SecretRef,

  Workload,
} from '../../src';
import { closeOfflineProviders, terraformAvailable } from '../../src/proof/runner';

/** One declaration, minus where it runs. */
const DECLARATION: Omit<MultiAzServiceProps, 'platform' | 'loadBalancer'> = {
  workload: Workload.container({
    image: 'registry.example.com/fault-app:1.0.0',
    port: 3000,
    cpu: '500m',
    memory: '512Mi',
    environment: { NODE_ENV: 'production' },
    args: ['server.js'],
  }),
  healthCheck: HealthCheck.http('/health'),
  rollout: Rollout.canary({ weight: 25, bakeTime: Duration.minutes(5) }),
  scaling: { minReplicas: 3, maxReplicas: 9, targetCpuUtilization: 60 },
  shutdownGracePeriod: Duration.seconds(20),
};

describe('one declaration, two platforms', () => {
  let aws!: MultiAzService;
  let k8s!: MultiAzService;
  const awsJson = JSON.parse(
    Testing.synthScope((scope) => {
      const platform = Platform.aws({ network: existingNetwork(scope) });
      const edge = new HealthCheckedLoadBalancer(scope, 'edge', { platform, certificateArn: CERT });
      aws = new MultiAzService(scope, 'web', { ...DECLARATION, platform, loadBalancer: edge });
    }),
  );
  const k8sJson = JSON.parse(
    Testing.synthScope((scope) => {
      const platform = Platform.kubernetes({ namespaceName: 'shop' });
      const lb = new HealthCheckedLoadBalancer(scope, 'web-lb', { platform, port: 80 });
      k8s = new MultiAzService(scope, 'web', { ...DECLARATION, platform, loadBalancer: lb });
    }),
  );

  test('the same name, port, health check, minimum and rollout', () => {
    for (const service of [aws, k8s]) {
      expect([service.name, service.port, service.minReplicas, service.rolloutStrategy]).toEqual(['stack-web', 3000, 3, RolloutStrategy.CANARY]);
      expect(service.healthCheck.path).toBe('/health');
    }
  });

  test('the same image, arguments, environment and limits', () => {
    const script = userDataOf(resources(awsJson, 'aws_launch_template')[0]);
    expect(script).toContain('\'registry.example.com/fault-app:1.0.0\' \\\n  \'server.js\'');
    expect(script).toContain('NODE_ENV=production');
    expect(script).toContain('--cpus 0.5');
    expect(script).toContain('--memory 536870912');
    expect(script).toContain('--stop-timeout 20');
    const app = resources(k8sJson, 'kubernetes_deployment_v1')[0].spec.template.spec.container[0];
    expect(app).toMatchObject({ image: 'registry.example.com/fault-app:1.0.0', args: ['server.js'], env: [{ name: 'NODE_ENV', value: 'production' }] });
    expect(app.resources.limits).toMatchObject({ cpu: '500m', memory: '512Mi' });
  });

  test('the same health check: the target group on AWS, the probes on Kubernetes', () => {
    const tg = resources(awsJson, 'aws_lb_target_group')[0];
    expect(tg.health_check).toMatchObject({ path: '/health', interval: 10, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 2 });
    const app = resources(k8sJson, 'kubernetes_deployment_v1')[0].spec.template.spec.container[0];
    expect(app.readiness_probe).toMatchObject({ http_get: { path: '/health', port: '3000', scheme: 'HTTP' }, period_seconds: 10, timeout_seconds: 5 });
    expect(aws.resilienceFacts().failureDetection!.toSeconds()).toBe(k8s.resilienceFacts().failureDetection!.toSeconds());
  });

  test('the same scaling range: target tracking on AWS, an HPA on Kubernetes', () => {
    const stable = resources(awsJson, 'aws_autoscaling_group').find((g) => g.name === 'stack-web');
    expect(stable).toMatchObject({ min_size: 3, max_size: 9 });
    expect(resources(awsJson, 'aws_autoscaling_policy')[0].target_tracking_configuration.target_value).toBe(60);
    expect(only(k8sJson, 'kubernetes_horizontal_pod_autoscaler_v2').spec).toMatchObject({ min_replicas: 3, max_replicas: 9 });
  });

  test('the same canary: weighted target groups on AWS, a second Deployment on Kubernetes', () => {
    expect(aws.targets.map((t) => t.weight)).toEqual([75, 25]);
    expect(aws.aws!.autoScalingGroups).toHaveLength(2);
    expect(k8s.kubernetes!.deployments).toHaveLength(2);
    expect(resources(k8sJson, 'kubernetes_deployment_v1').map((d) => d.spec.replicas).sort()).toEqual(['1', '3']);
  });
});

/** The service's own resources and data sources (the load balancer's are snapshotted by its own tests). */
function own(json: any, id: string): any {
  const pick = (blocks: any) =>
    Object.fromEntries(
      Object.entries(blocks ?? {})
        .map(([type, byName]: [string, any]) => [type, Object.fromEntries(Object.entries(byName).filter(([name]) => name.startsWith(`${id}_`)))])
        .filter(([, byName]) => Object.keys(byName).length > 0),
    );
  return { resource: pick(json.resource), data: pick(json.data) };
}

describe('snapshots (the service\'s own resources)', () => {
  test('AWS, minimal', () => {
    expect(own(synthAws().json, 'api')).toMatchSnapshot();
  });

  test('AWS, maximal', () => {
    const { json } = synthAws({
      workload: Workload.container({
        image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/api:1.4.2',
        port: 3000,
        cpu: '1',
        memory: '1Gi',
        environment: { NODE_ENV: 'production' },
        secrets: { DB_PASSWORD: SecretRef.awsSecretsManager('arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf', 'password') },
        command: ['node'],
        args: ['server.js'],
        user: 10001,
      }),
      healthCheck: HealthCheck.http('/ready', { interval: Duration.seconds(5), timeout: Duration.seconds(2), gracePeriod: Duration.seconds(30) }),
      rollout: Rollout.canary({ weight: 10, bakeTime: Duration.minutes(15), workload: Workload.container({ image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/api:1.5.0', port: 3000 }) }),
      scaling: { minReplicas: 3, maxReplicas: 12, targetCpuUtilization: 50, targetRequestsPerTarget: 1000 },
      name: 'payments-api',
      instanceType: 'm7g.large',
      rootVolumeSize: 40,
      instanceBootTime: Duration.minutes(2),
      logRetention: Duration.days(731),
      alarms: { cpuUtilization: { threshold: 90 } },
      tags: { team: 'payments' },
      shutdownGracePeriod: Duration.seconds(45),
    });
    expect(own(json, 'api')).toMatchSnapshot();
  });

  test('Kubernetes, minimal', () => {
    expect(own(synthKubernetes().json, 'web')).toMatchSnapshot();
  });

  test('Kubernetes, maximal', () => {
    const { json } = synthKubernetes({
      workload: Workload.container({
        image: 'registry.example.com/fault-app:1.0.0',
        port: 3000,
        cpu: '500m',
        memory: '512Mi',
        environment: { NODE_ENV: 'production' },
        secrets: { API_TOKEN: SecretRef.kubernetes('fault-app', 'api-token') },
        args: ['server.js'],
        user: 10001,
      }),
      zones: 3,
      createNamespace: true,
      rollout: Rollout.canary({ weight: 10, workload: Workload.container({ image: 'registry.example.com/fault-app:1.1.0', port: 3000 }) }),
      scaling: { minReplicas: 3, maxReplicas: 12, targetCpuUtilization: 70 },
      shutdownGracePeriod: Duration.seconds(45),
      name: 'fault-app',
    });
    expect(own(json, 'web')).toMatchSnapshot();
  });
});

/** A production-shaped AWS stack: network, topic, ALB, database, a canary service with secrets and scaling. */
function maximalAwsStack(): TerraformStack {
  const app = Testing.stubVersion(new App({ stackTraces: false }));
  const stack = new TerraformStack(app, 'service-aws');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const network = new MultiAzNetwork(stack, 'network', { zones: 3 });
  const oncall = new AlarmTopic(stack, 'oncall', { emails: ['oncall@example.com'] });
  const aws = Platform.aws({ network, alarms: oncall });
  const edge = new HealthCheckedLoadBalancer(stack, 'edge', { platform: aws, certificateArn: CERT });
  const db = new ReplicatedDatabase(stack, 'db', { platform: aws, engine: DatabaseEngine.postgres('16.4') });
  const api = new MultiAzService(stack, 'api', {
    platform: aws,
    workload: Workload.container({
      image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/api:1.4.2',
      port: 3000,
      environment: { DB_HOST: db.writerEndpoint, NODE_ENV: 'production' },
      secrets: { DB_PASSWORD: SecretRef.awsSecretsManager('arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf', 'password') },
    }),
    healthCheck: HealthCheck.http('/health'),
    loadBalancer: edge,
    rollout: Rollout.canary({ weight: 10, bakeTime: Duration.minutes(10), workload: Workload.container({ image: 'ghcr.io/acme/api:1.5.0', port: 3000 }) }),
    scaling: { minReplicas: 3, maxReplicas: 12, targetCpuUtilization: 50, targetRequestsPerTarget: 1000 },
  });
  db.allowFrom(api);
  new MultiAzService(stack, 'worker', {
    platform: aws,
    workload: Workload.machineImage({ imageId: 'ami-0123456789abcdef0', port: 8080, userData: '#!/bin/bash\nsystemctl start worker\n' }),
    healthCheck: HealthCheck.http('/health'),
    zones: 2,
  });
  return stack;
}

/** A production-shaped Kubernetes stack: HA Alertmanager, a LoadBalancer Service, a canary service with scaling. */
function maximalKubernetesStack(): TerraformStack {
  const app = Testing.stubVersion(new App({ stackTraces: false }));
  const stack = new TerraformStack(app, 'service-k8s');
  new KubernetesProvider(stack, 'kubernetes', { configPath: '~/.kube/config' });
  const alerting = new HaAlertmanager(stack, 'alerting', {
    platform: Platform.kubernetes({ namespaceName: 'monitoring' }),
    receivers: [Receiver.pagerDuty('oncall', SecretRef.kubernetes('pagerduty', 'routing-key'))],
  });
  const k8s = Platform.kubernetes({ namespaceName: 'shop', alerting });
  const lb = new HealthCheckedLoadBalancer(stack, 'web-lb', { platform: k8s, port: 80 });
  new MultiAzService(stack, 'web', {
    platform: k8s,
    createNamespace: true,
    zones: 3,
    workload: Workload.container({
      image: 'registry.example.com/fault-app:1.0.0',
      port: 3000,
      secrets: { API_TOKEN: SecretRef.kubernetes('fault-app', 'api-token') },
    }),
    healthCheck: HealthCheck.http('/health'),
    loadBalancer: lb,
    rollout: Rollout.canary({ weight: 10, workload: Workload.container({ image: 'registry.example.com/fault-app:1.1.0', port: 3000 }) }),
    scaling: { minReplicas: 3, maxReplicas: 12 },
  });
  new MultiAzService(stack, 'admin', {
    platform: k8s,
    workload: Workload.container({ image: 'registry.example.com/admin@sha256:' + 'b'.repeat(64), port: 8080 }),
    rollout: Rollout.blueGreen({ active: 'GREEN' as any }),
  });
  return stack;
}

const target = ResilienceTarget.survive({ zoneLoss: 1, maxDetection: Duration.seconds(30) });

describe('resilience checks on maximal stacks', () => {
  test('AWS: no errors, no warnings from the service', () => {
    const stack = maximalAwsStack();
    const report = ResilienceChecks.of(stack, { target, writeReports: false, printSummary: false }).evaluate();
    expect(report.errors).toEqual([]);
    expect(report.warnings.filter((f) => f.constructPath.includes('/api') || f.constructPath.includes('/worker'))).toEqual([]);
    // Without a load balancer the health check is not evaluated on AWS: the service says so at synth instead.
    expect(stack.node.findChild('worker').node.metadata.map((m) => m.data)).toContainEqual(expect.stringContaining('has no load balancer'));
  });

  test('Kubernetes: no errors; the one-pod canary is exempt with its reason', () => {
    const stack = maximalKubernetesStack();
    const report = ResilienceChecks.of(stack, { target, writeReports: false, printSummary: false }).evaluate();
    expect(report.errors).toEqual([]);
    expect(report.suppressed.map((f) => f.ruleId)).toEqual(['FT-K8S-1']);
    // admin has no load balancer, so no Service routes to either colour: FT-K8S-16 says so.
    expect(
      report.warnings.filter((f) => f.constructPath.includes('/web/') || f.constructPath.endsWith('/web') || f.constructPath.includes('/admin')).map((f) => f.id),
    ).toEqual(['FT-K8S-16:admin/DeploymentBlue', 'FT-K8S-16:admin/DeploymentGreen']);
  });
});

(terraformAvailable() ? describe : describe.skip)('maximal stacks, proven offline against Terraform', () => {
  jest.setTimeout(120_000);
  afterAll(() => closeOfflineProviders());

  test('AWS: canary with secrets, a database reference and scaling, plus a machine image, pass terraform validate and plan', () => {
    expect(maximalAwsStack()).toBeValidTerraformOffline();
  });

  test('Kubernetes: created namespace, canary with an HPA, blue/green, pass terraform validate and plan', () => {
    expect(maximalKubernetesStack()).toBeValidTerraformOffline();
  });
});
