import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { AlarmTopic, AwsCompute, HealthCheck, HealthCheckedLoadBalancer, HealthDashboard, MultiAzNetwork, MultiAzService, Platform, Workload } from '../src';

/**
 * An Application Load Balancer's own forward action takes at most 5 target groups (weighted), so without routes
 * every 5 services need a load balancer of their own.
 */
const SERVICES_PER_LOAD_BALANCER = 5;
/**
 * With routes (one listener rule per service), one load balancer carries many services: at most 100 rules and 100
 * target groups per load balancer (AWS quotas), so 50 services each leave room for a canary or a second colour.
 */
const ROUTED_SERVICES_PER_LOAD_BALANCER = 50;
/** Services (and their load balancers) per health dashboard: well within the 500 widgets of a dashboard. */
const SERVICES_PER_DASHBOARD = 50;
const CERTIFICATE = 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000';

/**
 * One AWS stack: a 3-zone network, an alarm topic, and `count` MultiAzServices on EC2 instances behind Application
 * Load Balancers, 5 per load balancer on its default action; a health dashboard per 50 services (100 services behind
 * 20 load balancers are 507 widgets, beyond the 500 of one CloudWatch dashboard).
 */
function services(app: App, count: number): void {
  const stack = new TerraformStack(app, `services-${count}`);
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const network = new MultiAzNetwork(stack, 'network', { zones: 3 });
  const oncall = new AlarmTopic(stack, 'oncall', { emails: ['oncall@example.com'], dashboard: false });
  const aws = Platform.aws({ network, alarms: oncall, compute: AwsCompute.EC2 });
  let edge: HealthCheckedLoadBalancer | undefined;
  const groups: IConstruct[][] = [];
  for (let i = 0; i < count; i++) {
    if (i % SERVICES_PER_DASHBOARD === 0) {
      groups.push([]);
    }
    const group = groups[groups.length - 1];
    if (i % SERVICES_PER_LOAD_BALANCER === 0) {
      edge = new HealthCheckedLoadBalancer(stack, `edge${i / SERVICES_PER_LOAD_BALANCER}`, { platform: aws, certificateArn: CERTIFICATE });
      group.push(edge);
    }
    group.push(new MultiAzService(stack, `api${i}`, {
      platform: aws,
      workload: Workload.container({ image: `ghcr.io/acme/api-${i}:1.4.2`, port: 3000 }),
      healthCheck: HealthCheck.http('/health'),
      replicas: 3,
      loadBalancer: edge,
    }));
  }
  groups.forEach((constructs, n) => new HealthDashboard(stack, `health${n}`, { constructs }));
}

/**
 * One AWS stack: a 3-zone network, an alarm topic (and its dashboard), and `count` MultiAzServices on ECS Fargate,
 * each on its own path of a shared Application Load Balancer (50 services per load balancer).
 */
function fargateServices(app: App, count: number): void {
  const stack = new TerraformStack(app, `fargate-services-${count}`);
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const network = new MultiAzNetwork(stack, 'network', { zones: 3 });
  const oncall = new AlarmTopic(stack, 'oncall', { emails: ['oncall@example.com'] });
  const aws = Platform.aws({ network, alarms: oncall });
  let edge: HealthCheckedLoadBalancer | undefined;
  for (let i = 0; i < count; i++) {
    if (i % ROUTED_SERVICES_PER_LOAD_BALANCER === 0) {
      edge = new HealthCheckedLoadBalancer(stack, `edge${i / ROUTED_SERVICES_PER_LOAD_BALANCER}`, { platform: aws, certificateArn: CERTIFICATE });
    }
    new MultiAzService(stack, `api${i}`, {
      platform: aws,
      workload: Workload.container({ image: `ghcr.io/acme/api-${i}:1.4.2`, port: 3000 }),
      healthCheck: HealthCheck.http('/health'),
      replicas: 3,
      loadBalancer: edge!.addRoute(`api${i}`, { pathPatterns: [`/api${i}/*`] }),
    });
  }
}

/** Benchmark scenarios picked up by `tools/bench.js` (synthesized one per process with `FT_BENCH_SCENARIO`). */
export const BENCH_SCENARIOS: Record<string, (app: App) => void> = {
  'services-1': (app) => services(app, 1),
  'services-10': (app) => services(app, 10),
  'services-100': (app) => services(app, 100),
  'fargate-services-100': (app) => fargateServices(app, 100),
};

if (require.main === module) {
  const name = process.env.FT_BENCH_SCENARIO ?? '';
  const scenario = BENCH_SCENARIOS[name];
  if (!scenario) {
    throw new Error(`FT_BENCH_SCENARIO must be one of ${Object.keys(BENCH_SCENARIOS).join(', ')}, got "${name}"`);
  }
  const app = new App();
  scenario(app);
  app.synth();
}
