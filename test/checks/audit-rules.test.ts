import 'cdktf/lib/testing/adapters/jest';
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DefaultVpc } from '@cdktf/provider-aws/lib/default-vpc';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LaunchConfiguration } from '@cdktf/provider-aws/lib/launch-configuration';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { SpotInstanceRequest } from '@cdktf/provider-aws/lib/spot-instance-request';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { CronJobV1 } from '@cdktf/provider-kubernetes/lib/cron-job-v1';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { PodV1 } from '@cdktf/provider-kubernetes/lib/pod-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { findings, only, reportOf, unresolvables, violations } from './helpers';
import {
  AlarmDestination,
  FindingLevel,
  HaAlertmanager,
  HealthCheckedLoadBalancer,
  MultiAzNetwork,
  MultiAzService,
  Platform,
  Receiver,
  DatabaseEngine,
  ReplicatedDatabase,
  Replication,
  ResilienceChecks,
  DeploymentColor,
  Rollout,
  Route,
  SecretRef,
  Workload,
} from '../../src';

// The six rule classes an independent audit of raw provider resources found missing: each has a non-compliant
// and a compliant case, and this library's own constructs comply.

const TOPIC = ['arn:aws:sns:eu-west-1:123456789012:oncall'];

describe('FT-EC2-1: instance metadata without IMDSv2', () => {
  test('Noncompliance 1: an instance without metadata options (an error)', () => {
    const f = only('FT-EC2-1', (s) => new Instance(s, 'bastion', { ami: 'ami-1', instanceType: 't3.micro' }));
    expect(f.level).toBe(FindingLevel.ERROR);
    expect(f.detail).toBe('`metadata_options.http_tokens` is unset: IMDSv1 stays enabled unless the AMI or the account\'s default requires tokens');
  });
  test('Noncompliance 2: tokens optional, on every resource type that launches instances', () => {
    expect(
      violations('FT-EC2-1', (s) => {
        const metadataOptions = { httpTokens: 'optional' };
        new Instance(s, 'instance', { ami: 'ami-1', instanceType: 't3.micro', metadataOptions });
        new SpotInstanceRequest(s, 'spot', { ami: 'ami-1', instanceType: 't3.micro', metadataOptions });
        new LaunchTemplate(s, 'template', { imageId: 'ami-1', metadataOptions });
        new LaunchConfiguration(s, 'configuration', { imageId: 'ami-1', instanceType: 't3.micro', metadataOptions });
      }),
    ).toEqual(['FT-EC2-1:configuration', 'FT-EC2-1:instance', 'FT-EC2-1:spot', 'FT-EC2-1:template']);
    expect(only('FT-EC2-1', (s) => new LaunchTemplate(s, 'template', { imageId: 'ami-1' })).detail).toContain('`metadata_options.http_tokens` is unset');
  });
  test('Compliance: tokens required, the endpoint disabled, or an instance launched from a compliant template of the stack', () => {
    expect(
      violations('FT-EC2-1', (s) => {
        new Instance(s, 'required', { ami: 'ami-1', instanceType: 't3.micro', metadataOptions: { httpTokens: 'required' } });
        new Instance(s, 'disabled', { ami: 'ami-1', instanceType: 't3.micro', metadataOptions: { httpEndpoint: 'disabled' } });
        const template = new LaunchTemplate(s, 'template', { imageId: 'ami-1', metadataOptions: { httpTokens: 'required' } });
        new Instance(s, 'from-template', { instanceType: 't3.micro', launchTemplate: { id: template.id } });
        new Instance(s, 'by-name', { instanceType: 't3.micro', launchTemplate: { name: 'named' } });
        new LaunchTemplate(s, 'named-template', { name: 'named', metadataOptions: { httpTokens: 'required' } });
      }),
    ).toEqual([]);
  });
  test('Unresolvable: a variable, or a template outside the stack', () => {
    expect(
      unresolvables('FT-EC2-1', (s) => {
        const tokens = new TerraformVariable(s, 'tokens', { type: 'string' });
        new Instance(s, 'variable', { ami: 'ami-1', instanceType: 't3.micro', metadataOptions: { httpTokens: tokens.stringValue } });
        new Instance(s, 'outside', { instanceType: 't3.micro', launchTemplate: { id: 'lt-0123' } });
      }),
    ).toEqual([
      'cannot check at synth time: the metadata options of launch template "lt-0123" (not defined in this stack), known only at deploy time',
      'cannot check at synth time: `metadata_options.http_tokens` is `${var.tokens}`, known only at deploy time',
    ]);
  });
});

describe('FT-NET-2: VPC without flow logs', () => {
  test('Noncompliance: a VPC and the default VPC without flow logs (warnings)', () => {
    const found = findings('FT-NET-2', (s) => {
      new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
      new DefaultVpc(s, 'default');
      const other = new Vpc(s, 'other', { cidrBlock: '10.1.0.0/16' });
      new FlowLog(s, 'other-log', { vpcId: other.id, trafficType: 'ALL', logDestination: 'arn:aws:s3:::logs', logDestinationType: 's3' });
    });
    expect(found.map((f) => [f.id, f.level, f.detail])).toEqual([
      ['FT-NET-2:default', FindingLevel.WARNING, 'no `aws_flow_log` of this stack has `vpc_id` set to it'],
      ['FT-NET-2:vpc', FindingLevel.WARNING, 'no `aws_flow_log` of this stack has `vpc_id` set to it'],
    ]);
  });
  test('Compliance: a flow log of the VPC, and MultiAzNetwork by default', () => {
    expect(
      violations('FT-NET-2', (s) => {
        const vpc = new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
        new FlowLog(s, 'log', { vpcId: vpc.id, trafficType: 'REJECT', logDestination: 'arn:aws:s3:::logs', logDestinationType: 's3' });
        new MultiAzNetwork(s, 'network');
      }),
    ).toEqual([]);
    expect(violations('FT-NET-2', (s) => new MultiAzNetwork(s, 'network', { flowLogs: { enabled: false } }))).toEqual(['FT-NET-2:network/Vpc']);
  });
  test('Unresolvable: a flow log whose VPC is a variable', () => {
    expect(
      unresolvables('FT-NET-2', (s) => {
        new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
        const id = new TerraformVariable(s, 'vpc_id', { type: 'string' });
        new FlowLog(s, 'log', { vpcId: id.stringValue, trafficType: 'ALL', logDestination: 'arn:aws:s3:::logs', logDestinationType: 's3' });
      }),
    ).toEqual(['cannot check at synth time: `aws_flow_log.log.vpc_id` is `${var.vpc_id}`, known only at deploy time']);
  });
});

describe('FT-MON-2: database without an alarm', () => {
  const database = (s: TerraformStack, id: string, identifier?: string) =>
    new DbInstance(s, id, { identifier, instanceClass: 'db.m6g.large', engine: 'postgres', allocatedStorage: 20 });
  const alarm = (s: TerraformStack, id: string, config: Partial<CloudwatchMetricAlarmConfig>) =>
    new CloudwatchMetricAlarm(s, id, {
      alarmName: id,
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 5,
      threshold: 80,
      alarmActions: TOPIC,
      ...config,
    });
  const rds = { metricName: 'CPUUtilization', namespace: 'AWS/RDS', period: 60, statistic: 'Average' };

  test('Noncompliance: an instance and a cluster nobody watches (warnings), or watched under another name', () => {
    const found = findings('FT-MON-2', (s) => {
      database(s, 'db', 'orders');
      alarm(s, 'other', { ...rds, dimensions: { DBInstanceIdentifier: 'payments' } });
      new RdsCluster(s, 'cluster', { engine: 'aurora-postgresql', clusterIdentifier: 'ledger' });
    });
    expect(found.map((f) => [f.id, f.level, f.detail])).toEqual([
      [
        'FT-MON-2:cluster',
        FindingLevel.WARNING,
        'no `aws_cloudwatch_metric_alarm` of this stack has a `DBClusterIdentifier` (or `DBInstanceIdentifier` of one of its instances) dimension naming it',
      ],
      ['FT-MON-2:db', FindingLevel.WARNING, 'no `aws_cloudwatch_metric_alarm` of this stack has a `DBInstanceIdentifier` dimension naming it'],
    ]);
  });
  test('Compliance: by reference, by literal identifier, in a metric query, on a cluster instance; ReplicatedDatabase', () => {
    expect(
      violations('FT-MON-2', (s) => {
        const byReference = database(s, 'by-reference');
        alarm(s, 'cpu', { ...rds, dimensions: { DBInstanceIdentifier: byReference.identifier } });
        database(s, 'by-name', 'orders');
        alarm(s, 'orders-cpu', { ...rds, dimensions: { DBInstanceIdentifier: 'orders' } });
        database(s, 'in-query', 'payments');
        alarm(s, 'math', {
          metricQuery: [
            { id: 'e1', expression: 'm1 * 100', returnData: true },
            { id: 'm1', metric: { ...rds, stat: 'Average', dimensions: { DBInstanceIdentifier: 'payments' } } },
          ],
        });
        const cluster = new RdsCluster(s, 'cluster', { engine: 'aurora-postgresql' });
        const writer = new RdsClusterInstance(s, 'writer', { clusterIdentifier: cluster.id, instanceClass: 'db.r7g.large', engine: 'aurora-postgresql', identifier: 'ledger-1' });
        alarm(s, 'writer-cpu', { ...rds, dimensions: { DBInstanceIdentifier: writer.identifier } });
      }),
    ).toEqual([]);
  });
  test('ReplicatedDatabase alarms on every instance it creates (RDS with read replicas, Aurora)', () => {
    const build = (replication: Replication, engine: DatabaseEngine) => (s: TerraformStack) => {
      const network = new MultiAzNetwork(s, 'network', { availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] });
      new ReplicatedDatabase(s, 'db', { platform: Platform.aws({ network, alarms: AlarmDestination.fromArns(TOPIC[0]) }), engine, replication });
    };
    expect(violations('FT-MON-2', build(Replication.multiAz({ readReplicas: 2 }), DatabaseEngine.postgres('16')))).toEqual([]);
    expect(violations('FT-MON-2', build(Replication.aurora(), DatabaseEngine.auroraPostgres('16.4')))).toEqual([]);
  });
  test('Unresolvable: an RDS dimension from a variable', () => {
    expect(
      unresolvables('FT-MON-2', (s) => {
        database(s, 'db', 'orders');
        const name = new TerraformVariable(s, 'db_name', { type: 'string' });
        alarm(s, 'cpu', { ...rds, dimensions: { DBInstanceIdentifier: name.stringValue } });
      }),
    ).toEqual(['cannot check at synth time: `aws_cloudwatch_metric_alarm.cpu` dimension `DBInstanceIdentifier` is `${var.db_name}`, known only at deploy time']);
  });
});

/** A Deployment in `namespace` with pod labels `{ app: id }`, its pod spec changed by `podSpec`. */
function deployment(s: TerraformStack, id: string, namespace: string | undefined, podSpec: Record<string, unknown> = {}): DeploymentV1 {
  return new DeploymentV1(s, id, {
    metadata: { name: id, namespace },
    spec: {
      replicas: '2',
      selector: { matchLabels: { app: id } },
      template: {
        metadata: { labels: { app: id, tier: 'web' } },
        spec: { automountServiceAccountToken: false, container: [{ name: 'app', image: 'registry.example.com/app:1.0.0' }], ...podSpec },
      },
    },
  });
}

function service(s: TerraformStack, id: string, namespace: string | undefined, selector: Record<string, string> | undefined): ServiceV1 {
  return new ServiceV1(s, id, { metadata: { name: id, namespace }, spec: { selector, port: [{ port: 80, targetPort: '3000' }] } });
}

describe('FT-K8S-14: service-account token mounted', () => {
  test('Noncompliance: unset (the provider mounts it) or true, on Deployments and bare Pods (warnings)', () => {
    const found = findings('FT-K8S-14', (s) => {
      deployment(s, 'unset', 'shop', { automountServiceAccountToken: undefined });
      deployment(s, 'mounted', 'shop', { automountServiceAccountToken: true });
      new PodV1(s, 'pod', { metadata: { name: 'pod', namespace: 'shop' }, spec: { container: [{ name: 'app', image: 'app:1.0.0' }] } });
    });
    expect(found.map((f) => [f.id, f.level, f.detail])).toEqual([
      ['FT-K8S-14:mounted', FindingLevel.WARNING, '`automount_service_account_token` is true'],
      ['FT-K8S-14:pod', FindingLevel.WARNING, '`automount_service_account_token` is unset (the provider\'s default `true` mounts the token)'],
      ['FT-K8S-14:unset', FindingLevel.WARNING, '`automount_service_account_token` is unset (the provider\'s default `true` mounts the token)'],
    ]);
  });
  test('Compliance: false in the pod spec; MultiAzService and HaAlertmanager never mount it', () => {
    expect(violations('FT-K8S-14', (s) => deployment(s, 'app', 'shop'))).toEqual([]);
    expect(
      violations('FT-K8S-14', (s) => {
        const platform = Platform.kubernetes({ namespaceName: 'shop' });
        const lb = new HealthCheckedLoadBalancer(s, 'lb', { platform, port: 80 });
        new MultiAzService(s, 'web', { platform, workload: Workload.container({ image: 'registry.example.com/web:1.0.0', port: 3000 }), loadBalancer: lb });
        new HaAlertmanager(s, 'alerting', {
          platform: Platform.kubernetes({ namespaceName: 'monitoring' }),
          receivers: [Receiver.webhook('hook', SecretRef.kubernetes('hook', 'url'))],
          route: Route.to('hook'),
        });
      }),
    ).toEqual([]);
  });
  test('Unresolvable: from a variable', () => {
    expect(
      unresolvables('FT-K8S-14', (s) => {
        const mount = new TerraformVariable(s, 'mount', { type: 'bool' });
        deployment(s, 'app', 'shop', { automountServiceAccountToken: mount.booleanValue });
      }),
    ).toEqual(['cannot check at synth time: `automount_service_account_token` is `${var.mount}`, known only at deploy time']);
  });
});

describe('FT-K8S-15: workload in the default namespace', () => {
  test('Noncompliance: unset, "default", or a created namespace named default (warnings), on Deployments, Pods and CronJobs', () => {
    const found = findings('FT-K8S-15', (s) => {
      deployment(s, 'unset', undefined);
      deployment(s, 'literal', 'default');
      const ns = new NamespaceV1(s, 'ns', { metadata: { name: 'default' } });
      deployment(s, 'created', ns.metadata.name);
      new PodV1(s, 'pod', { metadata: { name: 'pod' }, spec: { container: [{ name: 'app', image: 'app:1.0.0' }] } });
      new CronJobV1(s, 'cron', {
        metadata: { name: 'cron' },
        spec: {
          schedule: '0 * * * *',
          jobTemplate: { metadata: {}, spec: { template: { metadata: {}, spec: { container: [{ name: 'job', image: 'job:1.0.0' }] } } } },
        },
      });
    });
    expect(found.map((f) => [f.id, f.level, f.detail])).toEqual([
      ['FT-K8S-15:created', FindingLevel.WARNING, '`metadata.namespace` refers to a namespace named "default"'],
      ['FT-K8S-15:cron', FindingLevel.WARNING, '`metadata.namespace` is unset, so it is created in `default`'],
      ['FT-K8S-15:literal', FindingLevel.WARNING, '`metadata.namespace` is "default"'],
      ['FT-K8S-15:pod', FindingLevel.WARNING, '`metadata.namespace` is unset, so it is created in `default`'],
      ['FT-K8S-15:unset', FindingLevel.WARNING, '`metadata.namespace` is unset, so it is created in `default`'],
    ]);
  });
  test('Compliance: a namespace of its own, given or created; constructs on Platform.kubernetes({ namespaceName })', () => {
    expect(
      violations('FT-K8S-15', (s) => {
        deployment(s, 'given', 'shop');
        const ns = new NamespaceV1(s, 'ns', { metadata: { name: 'orders' } });
        deployment(s, 'created', ns.metadata.name);
        const platform = Platform.kubernetes({ namespaceName: 'shop' });
        const lb = new HealthCheckedLoadBalancer(s, 'lb', { platform, port: 80 });
        new MultiAzService(s, 'web', { platform, workload: Workload.container({ image: 'registry.example.com/web:1.0.0', port: 3000 }), loadBalancer: lb });
      }),
    ).toEqual([]);
  });
  test('Unresolvable: a namespace from a variable', () => {
    expect(
      unresolvables('FT-K8S-15', (s) => {
        const ns = new TerraformVariable(s, 'namespace', { type: 'string' });
        deployment(s, 'app', ns.stringValue);
      }),
    ).toEqual(['cannot check at synth time: `metadata.namespace` is `${var.namespace}`, known only at deploy time']);
  });
});

describe('FT-K8S-16: Deployment no Service selects', () => {
  test('Noncompliance: no Service, a Service in another namespace, a selector with a label the pods lack, no selector', () => {
    const found = findings('FT-K8S-16', (s) => {
      deployment(s, 'lonely', 'shop');
      deployment(s, 'elsewhere', 'shop');
      service(s, 'elsewhere-svc', 'orders', { app: 'elsewhere' });
      deployment(s, 'typo', 'shop');
      service(s, 'typo-svc', 'shop', { app: 'typo', tier: 'frontend' });
      deployment(s, 'manual', 'shop');
      service(s, 'manual-svc', 'shop', undefined);
    });
    expect(found.map((f) => [f.id, f.level])).toEqual([
      ['FT-K8S-16:elsewhere', FindingLevel.WARNING],
      ['FT-K8S-16:lonely', FindingLevel.WARNING],
      ['FT-K8S-16:manual', FindingLevel.WARNING],
      ['FT-K8S-16:typo', FindingLevel.WARNING],
    ]);
    expect(found[3].detail).toBe('no Service in namespace "shop" selects its pod labels {"app":"typo","tier":"web"}');
  });
  test('Compliance: a Service whose selector is a subset of the pod labels, in the same (created) namespace', () => {
    expect(
      violations('FT-K8S-16', (s) => {
        deployment(s, 'app', 'shop');
        service(s, 'app-svc', 'shop', { app: 'app' });
        deployment(s, 'both', 'shop');
        service(s, 'both-svc', 'shop', { app: 'both', tier: 'web' });
        const ns = new NamespaceV1(s, 'ns', { metadata: { name: 'orders' } });
        deployment(s, 'by-reference', ns.metadata.name);
        service(s, 'literal-namespace', 'orders', { app: 'by-reference' });
        deployment(s, 'in-default', undefined);
        service(s, 'default-svc', 'default', { app: 'in-default' });
      }),
    ).toEqual([]);
  });
  test('Compliance: MultiAzService behind a HealthCheckedLoadBalancer; a service without one is reported', () => {
    const build = (withLb: boolean) => (s: TerraformStack) => {
      const platform = Platform.kubernetes({ namespaceName: 'shop' });
      const lb = withLb ? new HealthCheckedLoadBalancer(s, 'lb', { platform, port: 80 }) : undefined;
      new MultiAzService(s, 'web', { platform, workload: Workload.container({ image: 'registry.example.com/web:1.0.0', port: 3000 }), loadBalancer: lb });
    };
    expect(violations('FT-K8S-16', build(true))).toEqual([]);
    expect(violations('FT-K8S-16', build(false))).toEqual(['FT-K8S-16:web/Deployment']);
  });
  test('Exempt: the idle colour of a blue/green MultiAzService, reported as suppressed with the reason', () => {
    const report = reportOf((s) => {
      const platform = Platform.kubernetes({ namespaceName: 'shop' });
      const lb = new HealthCheckedLoadBalancer(s, 'lb', { platform, port: 80 });
      new MultiAzService(s, 'web', {
        platform,
        workload: Workload.container({ image: 'registry.example.com/web:1.0.0', port: 3000 }),
        loadBalancer: lb,
        rollout: Rollout.blueGreen({ active: DeploymentColor.GREEN }),
      });
    });
    expect(report.warnings.filter((f) => f.ruleId === 'FT-K8S-16')).toEqual([]);
    const [idle] = report.suppressed.filter((f) => f.ruleId === 'FT-K8S-16');
    expect(idle.id).toBe('FT-K8S-16:web/DeploymentBlue');
    expect(idle.suppressionReason).toMatch(
      /^the idle colour of a blue\/green rollout: kubernetes_service_v1\.lb_Service_\w+ routes to the active colour kubernetes_deployment_v1\.web_DeploymentGreen_\w+, and switching colours makes it select this one$/,
    );
  });
  test('Unresolvable: a selector value from a variable', () => {
    expect(
      unresolvables('FT-K8S-16', (s) => {
        deployment(s, 'app', 'shop');
        const app = new TerraformVariable(s, 'app_label', { type: 'string' });
        service(s, 'svc', 'shop', { app: app.stringValue });
      }),
    ).toEqual(['cannot check at synth time: `kubernetes_service_v1.svc.spec.selector.app` is `${var.app_label}`, known only at deploy time']);
  });
});

test('the six rules are in the catalogue with their levels, and an empty stack has no finding', () => {
  expect(reportOf(() => undefined).findings).toEqual([]);
  const levels = Object.fromEntries(
    ResilienceChecks.rules()
      .filter((r) => ['FT-EC2-1', 'FT-NET-2', 'FT-MON-2', 'FT-K8S-14', 'FT-K8S-15', 'FT-K8S-16'].includes(r.id))
      .map((r) => [r.id, r.level]),
  );
  expect(levels).toEqual({
    'FT-EC2-1': 'error',
    'FT-NET-2': 'warning',
    'FT-MON-2': 'warning',
    'FT-K8S-14': 'warning',
    'FT-K8S-15': 'warning',
    'FT-K8S-16': 'warning',
  });
});
