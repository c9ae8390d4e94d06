import 'cdktf/lib/testing/adapters/jest';
import { App, Testing } from 'cdktf';
import { EXAMPLES } from '../examples/main';
import { ResilienceChecks } from '../src';
import { chaosMeshValidators, schemaErrors } from './fault-injection/chaos-mesh-schema';

function synthExample(name: string): any {
  const app = Testing.stubVersion(new App({ stackTraces: false }));
  EXAMPLES[name](app, name);
  const stack = app.node.findChild(name) as any;
  return JSON.parse(Testing.synth(stack));
}

describe('examples', () => {
  test('every example is registered under its documented stack name', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(['aws-fargate-web-app', 'aws-web-app', 'kubernetes-web-app', 'multi-region-web-app']);
  });

  test('aws-web-app: a network over 3 zones with 3 NAT gateways', () => {
    const json = synthExample('aws-web-app');
    expect(Object.keys(json.resource.aws_subnet)).toHaveLength(9);
    expect(Object.keys(json.resource.aws_nat_gateway)).toHaveLength(3);
    expect(json.provider.aws[0].region).toBe('eu-west-1');
  });

  test('kubernetes-web-app: configures the Kubernetes provider', () => {
    const json = synthExample('kubernetes-web-app');
    expect(json.provider.kubernetes).toHaveLength(1);
  });

  test('aws-web-app: an internet-facing ALB over the 3 public subnets, HTTPS with HTTP redirected, alarms to on-call', () => {
    const json = synthExample('aws-web-app');
    const [lb]: any[] = Object.values(json.resource.aws_lb);
    expect(lb).toEqual(expect.objectContaining({ internal: false, load_balancer_type: 'application', enable_deletion_protection: true }));
    expect(lb.subnets).toHaveLength(3);
    const listeners: any[] = Object.values(json.resource.aws_lb_listener);
    expect(listeners.map((l) => [l.port, l.protocol]).sort()).toEqual([[443, 'HTTPS'], [80, 'HTTP']]);
    const edgeAlarms = Object.values(json.resource.aws_cloudwatch_metric_alarm).filter((a: any) => a.alarm_name.startsWith('aws-web-app-edge-'));
    expect(edgeAlarms.length).toBeGreaterThanOrEqual(6);
    for (const alarm of edgeAlarms as any[]) {
      expect(alarm.alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.oncall_Topic_\w+\.arn\}$/)]);
    }
  });

  test('kubernetes-web-app: a LoadBalancer Service from port 80 to the web pods\' port 3000', () => {
    const json = synthExample('kubernetes-web-app');
    const services = Object.values(json.resource.kubernetes_service_v1).filter((s: any) => s.spec.type === 'LoadBalancer') as any[];
    expect(services).toHaveLength(1);
    expect(services[0].metadata.namespace).toBe('shop');
    expect(services[0].spec.port).toEqual([expect.objectContaining({ port: 80, target_port: '3000' })]);
  });
});

describe('examples: MultiAzService', () => {
  test('aws-web-app: 3 hardened instances of the API over the 3 zones, behind the ALB, admitted by the database', () => {
    const app = Testing.stubVersion(new App({ stackTraces: false }));
    EXAMPLES['aws-web-app'](app, 'aws-web-app');
    const stack = app.node.findChild('aws-web-app') as any;
    const json = JSON.parse(Testing.synth(stack));
    const [asg]: any[] = Object.values(json.resource.aws_autoscaling_group);
    expect(asg).toEqual(expect.objectContaining({ min_size: 3, max_size: 3, health_check_type: 'ELB' }));
    expect(asg.vpc_zone_identifier).toHaveLength(3);
    expect(asg.target_group_arns).toEqual([expect.stringMatching(/aws_lb_target_group\.edge_TargetGroupApi_\w+\.arn/)]);
    const [lt]: any[] = Object.values(json.resource.aws_launch_template);
    expect(lt.metadata_options.http_tokens).toBe('required');
    expect(Buffer.from(lt.user_data, 'base64').toString()).toContain('ghcr.io/acme/api:1.4.2');
    const ingress = Object.values(json.resource.aws_vpc_security_group_ingress_rule) as any[];
    expect(ingress.filter((r) => /api_SecurityGroup/.test(r.referenced_security_group_id ?? ''))).toEqual([
      expect.objectContaining({ from_port: 5432, security_group_id: expect.stringMatching(/db_SecurityGroup/) }),
    ]);
    expect(stack.api.resilienceFacts()).toMatchObject({ zones: 3, replicas: 3 });
  });

  test('kubernetes-web-app: the seed\'s app with 3 replicas behind the LoadBalancer Service, watched by the alerting rules', () => {
    const app = Testing.stubVersion(new App({ stackTraces: false }));
    EXAMPLES['kubernetes-web-app'](app, 'kubernetes-web-app');
    const stack = app.node.findChild('kubernetes-web-app') as any;
    const json = JSON.parse(Testing.synth(stack));
    const [deployment]: any[] = Object.values(json.resource.kubernetes_deployment_v1);
    expect(deployment.spec.replicas).toBe('3');
    const container = deployment.spec.template.spec.container[0];
    expect(container).toEqual(expect.objectContaining({ image: 'registry.example.com/fault-app:1.0.0' }));
    expect(container.readiness_probe.http_get).toEqual({ path: '/health', port: '3000', scheme: 'HTTP' });
    const lb = (Object.values(json.resource.kubernetes_service_v1) as any[]).find((s) => s.spec.type === 'LoadBalancer');
    expect(lb.spec.selector).toEqual(stack.web.kubernetes!.selector);
    expect(Object.values(json.resource.kubernetes_namespace_v1)).toEqual([
      expect.objectContaining({ metadata: expect.objectContaining({ name: 'shop', labels: expect.objectContaining({ 'pod-security.kubernetes.io/enforce': 'restricted' }) }) }),
    ]);
    expect(stack.alerting.monitoredWorkloads.map((w: any) => w.name)).toContain(stack.web.kubernetes!.deployments[0].metadata.nameInput);
  });

  test('aws-fargate-web-app: three services on Fargate behind one ALB, routed by host and path, and the stack\'s dashboard', () => {
    const app = Testing.stubVersion(new App({ stackTraces: false }));
    EXAMPLES['aws-fargate-web-app'](app, 'aws-fargate-web-app');
    const stack = app.node.findChild('aws-fargate-web-app') as any;
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.keys(json.resource.aws_lb)).toHaveLength(1);
    expect(json.resource.aws_autoscaling_group).toBeUndefined();
    const services = Object.values(json.resource.aws_ecs_service) as any[];
    expect(services.map((s) => [s.name, s.launch_type, s.desired_count]).sort()).toEqual([
      ['aws-fargate-web-app-api', 'FARGATE', 3],
      ['aws-fargate-web-app-api-canary', 'FARGATE', 2],
      ['aws-fargate-web-app-assets', 'FARGATE', 3],
      ['aws-fargate-web-app-web', 'FARGATE', 3],
    ]);
    const rules = Object.values(json.resource.aws_lb_listener_rule) as any[];
    expect(rules.map((r) => r.condition)).toEqual(
      expect.arrayContaining([
        [{ host_header: { values: ['api.example.com'] } }],
        [{ host_header: { values: ['www.example.com'] } }],
        [{ host_header: { values: ['www.example.com'] } }, { path_pattern: { values: ['/assets/*'] } }],
      ]),
    );
    // The assets route (host and path) is evaluated before the storefront (host only) it is part of.
    const priority = (id: string) => rules.find((r) => JSON.stringify(r.tags).includes(`"Name":"aws-fargate-web-app-edge-${id}"`)).priority;
    expect(priority('assets')).toBeLessThan(priority('web'));
    const canary = rules.find((r) => r.condition[0].host_header.values[0] === 'api.example.com');
    expect(canary.action[0].forward.target_group.map((t: any) => t.weight)).toEqual([90, 10]);
    // The database password is read by ECS from the secret RDS manages; the database's address (known at deploy time)
    // makes Terraform encode the definitions.
    const api = (Object.values(json.resource.aws_ecs_task_definition) as any[]).filter((td) => td.container_definitions.includes('DB_PASSWORD'));
    expect(api).toHaveLength(2);
    for (const td of api) {
      expect(td.container_definitions).toMatch(/^\$\{jsonencode\(/);
      expect(td.container_definitions).toMatch(/"valueFrom" = "\$\{aws_db_instance\.db_Instance_\w+\.master_user_secret\[0\]\.secret_arn\}:password::"/);
    }
    expect(Object.values(json.resource.aws_cloudwatch_dashboard)).toHaveLength(1);
    expect(stack.api.resilienceFacts()).toMatchObject({ zones: 3, replicas: 3 });
  });

  test.each(Object.keys(EXAMPLES))('%s: the resilience checks find no error and no warning', (name) => {
    const app = Testing.stubVersion(new App({ stackTraces: false }));
    EXAMPLES[name](app, name);
    const stack = app.node.findChild(name) as any;
    // After a synth: aspects (a RegionalScope's providers) have run, as in `cdktf synth`.
    Testing.synth(stack);
    const report = ResilienceChecks.of(stack).report!;
    expect(report.errors.map((f) => `${f.ruleId} ${f.constructPath}: ${f.detail}`)).toEqual([]);
    expect(report.warnings.map((f) => `${f.ruleId} ${f.constructPath}: ${f.detail}`)).toEqual([]);
    expect(report.constructs.length).toBeGreaterThanOrEqual(3);
  });

  test('aws-web-app: the service reaches the database port and nothing else inside the VPC', () => {
    const json = synthExample('aws-web-app');
    const egress = Object.values(json.resource.aws_vpc_security_group_egress_rule) as any[];
    const fromApi = egress.filter((r) => String(r.security_group_id).includes('api_SecurityGroup'));
    // The load balancer, too, reaches the service through the security-group link only.
    const fromEdge = egress.filter((r) => String(r.security_group_id).includes('edge_SecurityGroup'));
    expect(fromEdge.map((r) => [r.from_port, r.cidr_ipv4])).toEqual([[3000, undefined]]);
    expect(fromApi.some((r) => r.from_port === 0 && r.to_port === 65535)).toBe(false);
    expect(fromApi).toContainEqual(
      expect.objectContaining({
        from_port: 5432,
        to_port: 5432,
        referenced_security_group_id: expect.stringMatching(/^\$\{aws_security_group\.db_SecurityGroup_\w+\.id\}$/),
      }),
    );
  });
});

describe('examples: fault experiments', () => {
  test('aws-web-app: FIS templates for zone loss, instance loss and database failover (and CPU stress), each with stop conditions', () => {
    const app = Testing.stubVersion(new App({ stackTraces: false }));
    EXAMPLES['aws-web-app'](app, 'aws-web-app');
    const stack = app.node.findChild('aws-web-app') as any;
    const json = JSON.parse(Testing.synth(stack));
    const names = stack.experiments.experiments.map((e: any) => e.name);
    expect(names).toEqual(['zone-loss', 'instance-loss-api', 'database-failover-db', 'cpu-stress-api']);
    const templates = Object.values<any>(json.resource.aws_fis_experiment_template);
    expect(templates).toHaveLength(4);
    for (const t of templates) {
      expect(t.stop_condition.length).toBeGreaterThanOrEqual(1);
      expect(t.stop_condition.every((c: any) => c.source === 'aws:cloudwatch:alarm')).toBe(true);
    }
    expect(Object.keys(json.output.fault_experiments.value).sort()).toEqual([...names].sort());
  });

  test('kubernetes-web-app: Chaos Mesh pod kill and zone failure (and CPU stress), created paused', () => {
    const app = Testing.stubVersion(new App({ stackTraces: false }));
    EXAMPLES['kubernetes-web-app'](app, 'kubernetes-web-app');
    const stack = app.node.findChild('kubernetes-web-app') as any;
    const json = JSON.parse(Testing.synth(stack));
    expect(stack.experiments.experiments.map((e: any) => e.name)).toEqual(['kubernetes-zone-loss', 'instance-loss-web', 'cpu-stress-web']);
    // The database's CloudNativePG objects are kubernetes_manifest resources too.
    const chaos = Object.values<any>(json.resource.kubernetes_manifest).map((m) => m.manifest).filter((o) => o.apiVersion.startsWith('chaos-mesh.org/'));
    const kinds = chaos.map((o) => `${o.kind}/${o.spec.action ?? 'stress'}`);
    expect(kinds.sort()).toEqual(['NetworkChaos/partition', 'PodChaos/pod-failure', 'PodChaos/pod-kill', 'StressChaos/stress']);
    const validators = chaosMeshValidators();
    for (const o of chaos) {
      expect({ name: o.metadata.name, errors: schemaErrors(validators, o) }).toEqual({ name: o.metadata.name, errors: [] });
    }
  });
});

describe('examples: multi-region-web-app', () => {
  const app = Testing.stubVersion(new App({ stackTraces: false }));
  EXAMPLES['multi-region-web-app'](app, 'multi-region-web-app');
  const stack = app.node.findChild('multi-region-web-app') as any;
  const json = JSON.parse(Testing.synth(stack));
  const report = ResilienceChecks.of(stack).report!;
  const providersOf = (type: string) => Object.values<any>(json.resource[type]).map((r) => r.provider).sort();

  test('the same declaration in two regions: one load balancer, service and network per region, each with its region\'s provider', () => {
    expect(json.provider.aws.map((p: any) => [p.alias, p.region])).toEqual([
      ['eu_west_1', 'eu-west-1'],
      ['eu_central_1', 'eu-central-1'],
      ['us_east_1', 'us-east-1'],
    ]);
    expect(providersOf('aws_lb')).toEqual(['aws.eu_central_1', 'aws.eu_west_1']);
    // The web app's container runs on ECS Fargate (the default for a container on AWS) in each region.
    expect(providersOf('aws_ecs_service')).toEqual(['aws.eu_central_1', 'aws.eu_west_1']);
    expect(providersOf('aws_vpc')).toEqual(['aws.eu_central_1', 'aws.eu_west_1']);
    expect(stack.primary.api.resilienceFacts()).toMatchObject({ zones: 3, replicas: 3 });
    expect(stack.secondary.api.resilienceFacts()).toMatchObject({ zones: 3, replicas: 3 });
  });

  test('failover DNS: PRIMARY to eu-west-1, SECONDARY to eu-central-1, calculated health checks, alarms in us-east-1', () => {
    const records = Object.values<any>(json.resource.aws_route53_record);
    expect(records.map((r) => [r.failover_routing_policy.type, r.alias.name.includes('eu-west-1') ? 'eu-west-1' : 'eu-central-1', r.provider])).toEqual([
      ['PRIMARY', 'eu-west-1', 'aws.us_east_1'],
      ['SECONDARY', 'eu-central-1', 'aws.us_east_1'],
    ]);
    expect(Object.values<any>(json.resource.aws_route53_health_check).map((c) => c.type).sort()).toEqual([
      'CALCULATED', 'CALCULATED', 'CLOUDWATCH_METRIC', 'CLOUDWATCH_METRIC', 'CLOUDWATCH_METRIC', 'CLOUDWATCH_METRIC', 'CLOUDWATCH_METRIC', 'CLOUDWATCH_METRIC', 'HTTPS', 'HTTPS',
    ]);
    const route53Alarms = Object.values<any>(json.resource.aws_cloudwatch_metric_alarm).filter((a) => a.namespace === 'AWS/Route53');
    expect(route53Alarms).toHaveLength(4);
    for (const alarm of route53Alarms) {
      expect(alarm.provider).toBe('aws.us_east_1');
      expect(alarm.alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.us-east-1_oncall_Topic_\w+\.arn\}$/)]);
    }
  });

  test('the data follows: an Aurora global database, writer cluster in eu-west-1, secondary cluster in eu-central-1, the secondary app admitted there', () => {
    expect(Object.values<any>(json.resource.aws_rds_global_cluster)).toHaveLength(1);
    expect(providersOf('aws_rds_cluster')).toEqual(['aws.eu_central_1', 'aws.eu_west_1']);
    const ingress = Object.values<any>(json.resource.aws_vpc_security_group_ingress_rule).filter((r) => r.from_port === 5432);
    expect(ingress.map((r) => r.provider).sort()).toEqual(['aws.eu_central_1', 'aws.eu_west_1']);
    expect(stack.failover.replication.failoverTime.toMinutes()).toBe(2);
  });

  test('the report shows the regional RTO/RPO arithmetic, and the target is met', () => {
    expect(report.target?.regionLoss).toBe(1);
    expect(report.constructs.find((c) => c.constructPath === 'multi-region-web-app/failover')?.meetsTarget).toBe(true);
    expect(report.toTable()).toContain('  recovery time 30s + 1min + 5min + 2min = 8min 30s, losing at most 1min of data');
    expect(report.toMarkdown()).toContain('**Recovery time: 30s + 1min + 5min + 2min = 8min 30s** (target: 10min). **Recovery point: 1min** (target: 1min)');
  });
});
