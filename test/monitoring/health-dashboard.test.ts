import 'cdktf/lib/testing/adapters/jest';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { catalogueProblem, isStatistic } from './metric-catalogue';
import { EXAMPLES } from '../../examples/main';
import {
  AlarmDestination,
  AlarmTopic,
  DatabaseEngine,
  HealthCheck,
  HealthCheckedLoadBalancer,
  HealthDashboard,
  LoadBalancerType,
  MetricRegistry,
  MultiAzNetwork,
  MultiAzService,
  Platform,
  ReplicatedDatabase,
  Replication,
  Workload,
} from '../../src';
import { CERT, existingNetwork } from '../load-balancing/fixtures';

/** The attributes of every AWS resource and data source type, from the real provider schema (hashicorp/aws 6.25.0). */
const SCHEMA = (() => {
  const file = path.join(__dirname, '..', '..', 'schemas', 'terraform-providers', 'aws-6.25.0.json.gz');
  const dump = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'));
  const aws = Object.values<any>(dump.provider_schemas)[0];
  const attributes = (schemas: Record<string, any>) =>
    new Map(Object.entries(schemas).map(([type, schema]) => [type, new Set(Object.keys(schema.block.attributes ?? {}))]));
  return { resources: attributes(aws.resource_schemas), data: attributes(aws.data_source_schemas) };
})();

function synthExample(name: string): any {
  const app = Testing.stubVersion(new App({ stackTraces: false }));
  EXAMPLES[name](app, name);
  return JSON.parse(Testing.synth(app.node.findChild(name) as TerraformStack));
}

function dashboards(json: any): any[] {
  return Object.values(json.resource?.aws_cloudwatch_dashboard ?? {});
}

function bodyOf(dashboard: any): any {
  return JSON.parse(dashboard.dashboard_body);
}

/**
 * Why a value in the dashboard does not resolve: every Terraform reference in it must name a resource or data source
 * of the stack and an attribute its type has in the provider schema; a literal must be non-empty.
 */
function unresolved(json: any, value: unknown): string[] {
  if (typeof value !== 'string' || value.length === 0) {
    return [`${JSON.stringify(value)} is not a non-empty string`];
  }
  const problems: string[] = [];
  for (const [, expression] of value.matchAll(/\$\{([^}]*)\}/g)) {
    const refs = [...expression.matchAll(/\b(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)/g)];
    if (refs.length === 0) {
      problems.push(`\${${expression}} refers to nothing the stack defines`);
    }
    for (const [ref, data, type, name, attribute] of refs) {
      const section = data ? json.data : json.resource;
      if (!section?.[type]?.[name]) {
        problems.push(`${ref}: no ${data ? 'data source' : 'resource'} ${type}.${name} in the stack`);
      } else if (!(data ? SCHEMA.data : SCHEMA.resources).get(type)?.has(attribute)) {
        problems.push(`${ref}: ${type} has no attribute ${attribute}`);
      }
    }
  }
  return problems;
}

/** Every problem of a dashboard body: layout, metrics unknown to CloudWatch, dimensions that do not resolve, alarms. */
function dashboardProblems(json: any, dashboard: any): string[] {
  const body = bodyOf(dashboard);
  const problems: string[] = [];
  const widgets: any[] = body.widgets;
  if (widgets.length > 500) {
    problems.push(`${widgets.length} widgets`);
  }
  const cells = new Set<string>();
  for (const w of widgets) {
    if (!(w.x >= 0 && w.width >= 1 && w.x + w.width <= 24 && w.y >= 0 && w.height >= 1)) {
      problems.push(`widget outside the grid: ${JSON.stringify([w.x, w.y, w.width, w.height])}`);
    }
    for (let x = w.x; x < w.x + w.width; x++) {
      for (let y = w.y; y < w.y + w.height; y++) {
        if (cells.has(`${x},${y}`)) {
          problems.push(`widgets overlap at ${x},${y}`);
        }
        cells.add(`${x},${y}`);
      }
    }
    if (w.type === 'metric') {
      problems.push(...unresolved(json, w.properties.region).map((p) => `region: ${p}`));
      for (const metric of w.properties.metrics) {
        const options = metric[metric.length - 1];
        const [namespace, metricName, ...pairs] = metric.slice(0, -1);
        const names = pairs.filter((_: unknown, i: number) => i % 2 === 0);
        const values = pairs.filter((_: unknown, i: number) => i % 2 === 1);
        const problem = catalogueProblem(namespace, metricName, names);
        if (problem) {
          problems.push(`${w.properties.title}: ${problem}`);
        }
        if (!isStatistic(options.stat)) {
          problems.push(`${w.properties.title}: statistic ${options.stat}`);
        }
        values.forEach((v: unknown, i: number) => problems.push(...unresolved(json, v).map((p) => `${w.properties.title} ${names[i]}: ${p}`)));
      }
    } else if (w.type === 'alarm') {
      if (w.properties.alarms.length > 100) {
        problems.push(`${w.properties.alarms.length} alarms in one widget`);
      }
      for (const arn of w.properties.alarms) {
        problems.push(...unresolved(json, arn));
        if (!/^\$\{aws_cloudwatch_metric_alarm\.[\w-]+\.arn\}$/.test(arn)) {
          problems.push(`alarm ${arn} is not an alarm's ARN`);
        }
      }
    } else if (w.type !== 'text') {
      problems.push(`widget type ${w.type}`);
    }
  }
  return problems;
}

/** Every problem of the stack's alarms against the catalogue. */
function alarmProblems(json: any): string[] {
  return Object.values<any>(json.resource?.aws_cloudwatch_metric_alarm ?? {}).flatMap((a) => {
    const problem = catalogueProblem(a.namespace, a.metric_name, Object.keys(a.dimensions ?? {}));
    return [...(problem ? [`${a.alarm_name}: ${problem}`] : []), ...Object.values(a.dimensions ?? {}).flatMap((v) => unresolved(json, v))];
  });
}

/** The metric widgets' lines: `[title, namespace, metric, label]`. */
function lines(dashboard: any): string[][] {
  return bodyOf(dashboard)
    .widgets.filter((w: any) => w.type === 'metric')
    .flatMap((w: any) => w.properties.metrics.map((m: any[]) => [w.properties.title, m[0], m[1], m[m.length - 1].label]));
}

describe('HealthDashboard of the aws-fargate-web-app example', () => {
  const json = synthExample('aws-fargate-web-app');
  const [dashboard] = dashboards(json);
  const body = bodyOf(dashboard);

  test('one dashboard, created by the alarm topic, named after the stack', () => {
    expect(dashboards(json)).toHaveLength(1);
    expect(dashboard.dashboard_name).toBe('aws-fargate-web-app-oncall-dashboard');
    expect(body).toMatchObject({ start: '-PT3H', periodOverride: 'inherit' });
  });

  test('every widget\'s metrics exist in their namespace with those dimensions, every dimension resolves, the layout holds', () => {
    expect(dashboardProblems(json, dashboard)).toEqual([]);
  });

  test('every alarm of the stack is a metric CloudWatch publishes, by dimensions that resolve', () => {
    expect(alarmProblems(json)).toEqual([]);
  });

  test('the alarm states: every alarm of the stack once, critical first', () => {
    const shown: string[] = body.widgets.filter((w: any) => w.type === 'alarm').flatMap((w: any) => w.properties.alarms);
    const alarms = Object.entries<any>(json.resource.aws_cloudwatch_metric_alarm);
    expect([...shown].sort()).toEqual(alarms.map(([name]) => `\${aws_cloudwatch_metric_alarm.${name}.arn}`).sort());
    const severity = (arn: string) => alarms.find(([name]) => arn.includes(`.${name}.`))![1].tags['ft:severity'];
    const order = shown.map(severity);
    expect(order.indexOf('warning')).toBeGreaterThan(order.lastIndexOf('critical'));
  });

  test('the load balancer: requests, 5XX, p99 latency and healthy targets per target group', () => {
    const edge = lines(dashboard).filter(([, , , label]) => ['api', 'api-canary', 'web', 'assets'].includes(label));
    for (const metric of ['RequestCount', 'HTTPCode_Target_5XX_Count', 'TargetResponseTime', 'HealthyHostCount']) {
      expect(edge.filter(([title, , m]) => m === metric && !title.includes('per zone')).map(([, , , label]) => label)).toEqual(['api', 'api-canary', 'web', 'assets']);
    }
    expect(lines(dashboard)).toContainEqual(['5XX responses: targets and the load balancer', 'AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', 'load balancer']);
  });

  test('the services: running tasks, healthy tasks per zone (3 zones), CPU and memory', () => {
    const api = body.widgets.filter((w: any) => w.type === 'metric');
    const running = lines(dashboard).filter(([, , m]) => m === 'RunningTaskCount');
    expect(running.map(([title, , , label]) => [title, label])).toEqual([
      ['Running tasks (minimum 3)', 'stable'],
      ['Running tasks (minimum 3)', 'canary'],
      ['Running tasks (minimum 3)', 'running tasks'],
      ['Running tasks (minimum 3)', 'running tasks'],
    ]);
    const perZone = api.find((w: any) => w.properties.title === 'Healthy replicas per zone (load balancer checks)');
    expect(perZone.properties.metrics.map((m: any[]) => m[m.length - 1].label)).toEqual([
      'stable zone 1', 'stable zone 2', 'stable zone 3', 'canary zone 1', 'canary zone 2', 'canary zone 3',
    ]);
    expect(perZone.properties.metrics[0].slice(0, 8)).toEqual([
      'AWS/ApplicationELB',
      'HealthyHostCount',
      'TargetGroup',
      expect.stringMatching(/aws_lb_target_group\.edge_TargetGroupApi_\w+\.arn_suffix/),
      'LoadBalancer',
      expect.stringMatching(/aws_lb\.edge_LoadBalancer_\w+\.arn_suffix/),
      'AvailabilityZone',
      expect.stringMatching(/^\$\{element\(data\.aws_availability_zones\.network_AvailabilityZones_\w+\.names, 0\)\}$/),
    ]);
    expect(lines(dashboard).filter(([, , m]) => m === 'MemoryUtilization')).toHaveLength(4);
  });

  test('the database: CPU, connections and free storage of the writer', () => {
    expect(lines(dashboard).filter(([, ns]) => ns === 'AWS/RDS').map(([title, , metric]) => [title, metric])).toEqual([
      ['Writer CPU (%)', 'CPUUtilization'],
      ['Connections', 'DatabaseConnections'],
      ['Free storage (bytes)', 'FreeStorageSpace'],
    ]);
  });

  test('one section per construct, its header naming the construct', () => {
    const headers = body.widgets.filter((w: any) => w.type === 'text').map((w: any) => w.properties.markdown);
    expect(headers.slice(1)).toEqual(['## edge', '## db', '## api', '## web', '## assets']);
  });
});

describe('HealthDashboard: other constructs', () => {
  test('EC2 instances (aws-web-app): in-service instances and the instances\' CPU', () => {
    const json = synthExample('aws-web-app');
    const [dashboard] = dashboards(json);
    expect(dashboardProblems(json, dashboard)).toEqual([]);
    expect(alarmProblems(json)).toEqual([]);
    expect(lines(dashboard).filter(([, ns]) => ns === 'AWS/AutoScaling' || ns === 'AWS/EC2').map(([, ns, m]) => [ns, m])).toEqual([
      ['AWS/AutoScaling', 'GroupInServiceInstances'],
      ['AWS/EC2', 'CPUUtilization'],
    ]);
  });

  test('Aurora with readers, read replicas, a Network Load Balancer: every metric and alarm in the catalogue', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const network = new MultiAzNetwork(stack, 'network', { availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] });
    const oncall = new AlarmTopic(stack, 'oncall');
    const platform = Platform.aws({ network, alarms: oncall });
    new ReplicatedDatabase(stack, 'aurora', { platform, engine: DatabaseEngine.auroraPostgres('16.4'), replication: Replication.aurora({ readers: 2 }) });
    new ReplicatedDatabase(stack, 'pg', { platform, engine: DatabaseEngine.postgres('16'), replication: Replication.multiAz({ readReplicas: 2 }) });
    const nlb = new HealthCheckedLoadBalancer(stack, 'tcp', { platform, loadBalancerType: LoadBalancerType.NETWORK, certificateArn: CERT });
    new MultiAzService(stack, 'grpc', { platform, workload: Workload.container({ image: 'ghcr.io/acme/grpc:1.0.0', port: 50051 }), healthCheck: HealthCheck.tcp(), loadBalancer: nlb });
    const json = JSON.parse(Testing.synth(stack));
    const [dashboard] = dashboards(json);
    expect(dashboardProblems(json, dashboard)).toEqual([]);
    expect(alarmProblems(json)).toEqual([]);
    const rds = lines(dashboard).filter(([, ns]) => ns === 'AWS/RDS').map(([, , m, label]) => `${m} ${label}`);
    expect(rds).toEqual(expect.arrayContaining(['FreeLocalStorage writer', 'AuroraReplicaLagMaximum most lagging reader (ms)', 'ReplicaLag replica 1 (s)', 'ReplicaLag replica 2 (s)']));
    expect(lines(dashboard).filter(([, ns]) => ns === 'AWS/NetworkELB').map(([, , m]) => m)).toEqual([
      'NewFlowCount', 'TCP_ELB_Reset_Count', 'TCP_Target_Reset_Count', 'HealthyHostCount', 'HealthyHostCount', 'HealthyHostCount', 'HealthyHostCount',
    ]);
    expect(stack).toBeValidTerraformOffline();
  });

  test('a dashboard per group of constructs shows their alarms and graphs only', () => {
    let api!: MultiAzService;
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        const platform = Platform.aws({ network: existingNetwork(scope), alarms: AlarmDestination.fromArns('arn:aws:sns:eu-west-1:123456789012:oncall') });
        const edge = new HealthCheckedLoadBalancer(scope, 'edge', { platform, certificateArn: CERT });
        api = new MultiAzService(scope, 'api', { platform, workload: Workload.container({ image: 'ghcr.io/acme/api:1.4.2', port: 3000 }), loadBalancer: edge });
        new HealthDashboard(scope, 'team', { constructs: [api], name: 'api-team' });
      }),
    );
    const [dashboard] = dashboards(json);
    expect(dashboard.dashboard_name).toBe('api-team');
    const body = bodyOf(dashboard);
    expect(body.widgets.filter((w: any) => w.type === 'text').map((w: any) => w.properties.markdown).slice(1)).toEqual(['## api']);
    const shown: string[] = body.widgets.filter((w: any) => w.type === 'alarm').flatMap((w: any) => w.properties.alarms);
    expect(shown).toHaveLength(api.ecs!.alarms.length);
    expect(shown.every((arn) => arn.includes('api_Alarms_'))).toBe(true);
  });
});

describe('HealthDashboard: one per stack, opt-out', () => {
  const build = (configure: (stack: TerraformStack) => void) => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    configure(stack);
    return { stack, json: JSON.parse(Testing.synth(stack)) };
  };

  test('an alarm topic creates the stack\'s dashboard; a second topic does not create another', () => {
    const { stack, json } = build((s) => {
      new AlarmTopic(s, 'oncall');
      new AlarmTopic(s, 'dr');
    });
    expect(dashboards(json).map((d) => d.dashboard_name)).toEqual(['stack-oncall-dashboard']);
    expect(HealthDashboard.of(stack)!.node.path).toBe('stack/oncall/Dashboard');
    expect((stack.node.findChild('oncall') as AlarmTopic).dashboard).toBe(HealthDashboard.of(stack));
    expect((stack.node.findChild('dr') as AlarmTopic).dashboard).toBeUndefined();
  });

  test('`dashboard: false` opts out', () => {
    const { stack, json } = build((s) => new AlarmTopic(s, 'oncall', { dashboard: false }));
    expect(dashboards(json)).toEqual([]);
    expect(HealthDashboard.of(stack)).toBeUndefined();
  });

  test('the key metrics of constructs of one\'s own', () => {
    const { json } = build((s) => {
      new HealthDashboard(s, 'health');
      MetricRegistry.of(s).register({
        constructPath: 'stack/queue',
        title: 'Messages waiting',
        metrics: [{ metricNamespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: 'orders' }, statistic: 'Maximum' }],
      });
    });
    expect(lines(dashboards(json)[0])).toEqual([['Messages waiting', 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'ApproximateNumberOfMessagesVisible']]);
  });

  test('MetricRegistry lists a construct\'s graphs and those below it', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const network = existingNetwork(stack);
    const edge = new HealthCheckedLoadBalancer(stack, 'edge', { platform: Platform.aws({ network }), certificateArn: CERT });
    new MultiAzService(stack, 'api', { platform: Platform.aws({ network }), workload: Workload.container({ image: 'ghcr.io/acme/api:1.4.2', port: 3000 }), loadBalancer: edge });
    const registry = MetricRegistry.of(stack);
    expect(registry.graphsOf(edge).map((g) => g.title)).toEqual([
      'Requests per target group',
      '5XX responses: targets and the load balancer',
      'Target response time, p99 (seconds)',
      'Healthy targets per target group',
    ]);
    expect(registry.graphs.map((g) => g.constructPath)).toEqual([...Array(4).fill('stack/edge'), ...Array(3).fill('stack/api')]);
  });

  test('more than 500 widgets fail the synth, naming the fix', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const dashboard = new HealthDashboard(stack, 'health');
    for (let i = 0; i < 500; i++) {
      MetricRegistry.of(stack).register({ constructPath: `stack/c${i}`, title: 'x', metrics: [{ metricNamespace: 'AWS/SQS', metricName: 'NumberOfMessagesSent', dimensions: { QueueName: `q${i}` }, statistic: 'Sum' }] });
    }
    expect(dashboard.node.validate()).toEqual([
      'HealthDashboard "stack/health" would have 1001 widgets: a CloudWatch dashboard holds at most 500. Split it: one HealthDashboard per group of constructs (`constructs`), and `dashboard: false` on the AlarmTopic if it created this one.',
    ]);
    // A dashboard of a group of constructs is split by narrowing its group.
    const group = new HealthDashboard(stack, 'group', { constructs: [stack] });
    expect(group.node.validate()).toEqual([
      'HealthDashboard "stack/group" would have 1001 widgets: a CloudWatch dashboard holds at most 500. Split it: one HealthDashboard per group of constructs (`constructs`).',
    ]);
  });

  test('invalid props', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(() => new HealthDashboard(stack, 'a', { name: 'has spaces', constructs: [] })).toThrow(
      'HealthDashboard "stack/a" has 2 invalid props:\n' +
        '  - `name` must be 1 to 255 letters, digits, "-" or "_", got "has spaces".\n' +
        '  - `constructs` must be a non-empty list of constructs, got []. Leave it out to show the whole stack.',
    );
    expect(() => new AlarmTopic(stack, 'oncall', { dashboard: 'yes' as any })).toThrow('AlarmTopic "stack/oncall": `dashboard` must be true or false, got "yes".');
  });
});
