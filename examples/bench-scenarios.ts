import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { AlarmTopic, HealthCheck, HealthCheckedLoadBalancer, MultiAzNetwork, MultiAzService, Platform, Workload } from '../src';

/**
 * An Application Load Balancer listener forwards to at most 5 target groups (weighted), so every 5 services share one
 * load balancer; a service on its own host name or path needs listener rules, which HealthCheckedLoadBalancer does
 * not render yet.
 */
const SERVICES_PER_LOAD_BALANCER = 5;

/** One AWS stack: a 3-zone network, an alarm topic, and `count` MultiAzServices behind Application Load Balancers. */
function services(app: App, count: number): void {
  const stack = new TerraformStack(app, `services-${count}`);
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const network = new MultiAzNetwork(stack, 'network', { zones: 3 });
  const oncall = new AlarmTopic(stack, 'oncall', { emails: ['oncall@example.com'] });
  const aws = Platform.aws({ network, alarms: oncall });
  let edge: HealthCheckedLoadBalancer | undefined;
  for (let i = 0; i < count; i++) {
    if (i % SERVICES_PER_LOAD_BALANCER === 0) {
      edge = new HealthCheckedLoadBalancer(stack, `edge${i / SERVICES_PER_LOAD_BALANCER}`, {
        platform: aws,
        certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
      });
    }
    new MultiAzService(stack, `api${i}`, {
      platform: aws,
      workload: Workload.container({ image: `ghcr.io/acme/api-${i}:1.4.2`, port: 3000 }),
      healthCheck: HealthCheck.http('/health'),
      replicas: 3,
      loadBalancer: edge,
    });
  }
}

/** Benchmark scenarios picked up by `tools/bench.js` (synthesized one per process with `FT_BENCH_SCENARIO`). */
export const BENCH_SCENARIOS: Record<string, (app: App) => void> = {
  'services-1': (app) => services(app, 1),
  'services-10': (app) => services(app, 10),
  'services-100': (app) => services(app, 100),
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
