import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Construct } from 'constructs';
import { subnet } from './helpers';

/** A network over `zones` with one NAT gateway per zone, or a single one; returns the subnets by tier. */
function network(scope: Construct, zones: string[], singleNat: boolean) {
  const publicSubnets = zones.map((z) => subnet(scope, `public-${z}`, z));
  const privateSubnets = zones.map((z) => subnet(scope, `private-${z}`, z));
  const nats = (singleNat ? zones.slice(0, 1) : zones).map((z, i) => new NatGateway(scope, `nat-${z}`, { subnetId: publicSubnets[i].id }));
  zones.forEach((z, i) => {
    const table = new RouteTable(scope, `private-rt-${z}`, { vpcId: 'vpc-1' });
    new Route(scope, `private-default-${z}`, { routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nats[Math.min(i, nats.length - 1)].id });
    new RouteTableAssociation(scope, `private-assoc-${z}`, { routeTableId: table.id, subnetId: privateSubnets[i].id });
  });
  return { publicSubnets, privateSubnets };
}

/** Every single point of failure the checks know, built from raw provider resources. */
export function fragileStack(scope: Construct): void {
  const netScope = new Construct(scope, 'net');
  new Vpc(netScope, 'vpc', { cidrBlock: '10.0.0.0/16' });
  const net = network(netScope, ['eu-west-1a', 'eu-west-1b'], true);

  const web = new Construct(scope, 'web');
  const lb = new Lb(web, 'lb', { subnets: [net.publicSubnets[0].id] });
  const tg = new LbTargetGroup(web, 'tg', { port: 80, protocol: 'HTTP', vpcId: 'vpc-1' });
  new LbListener(web, 'http', { loadBalancerArn: lb.arn, port: 80, protocol: 'HTTP', defaultAction: [{ type: 'forward', targetGroupArn: tg.arn }] });
  new AutoscalingGroup(web, 'asg', {
    minSize: 1,
    maxSize: 2,
    vpcZoneIdentifier: [net.privateSubnets[0].id],
    targetGroupArns: [tg.arn],
    launchTemplate: { id: 'lt-1', version: '$Latest' },
  });
  new Instance(web, 'bastion', { ami: 'ami-12345678', instanceType: 't3.micro', subnetId: net.publicSubnets[0].id });
  new CloudwatchMetricAlarm(web, 'errors', {
    alarmName: 'web-5xx',
    comparisonOperator: 'GreaterThanThreshold',
    evaluationPeriods: 1,
    metricName: 'HTTPCode_ELB_5XX_Count',
    namespace: 'AWS/ApplicationELB',
    period: 60,
    statistic: 'Sum',
    threshold: 5,
  });

  const data = new Construct(scope, 'data');
  new DbSubnetGroup(data, 'subnets', { subnetIds: [net.privateSubnets[0].id] });
  new DbInstance(data, 'db', {
    instanceClass: 'db.t3.micro',
    engine: 'postgres',
    engineVersion: '14.12',
    allocatedStorage: 20,
    username: 'app',
    password: 'correct-horse-battery',
    skipFinalSnapshot: true,
    backupRetentionPeriod: 0,
  });

  new DeploymentV1(scope, 'app', {
    metadata: { name: 'app' },
    spec: {
      replicas: '1',
      selector: { matchLabels: { app: 'app' } },
      strategy: { type: 'Recreate' },
      template: { metadata: { labels: { app: 'app' } }, spec: { container: [{ name: 'app', image: 'acme/app:latest' }] } },
    },
  });
}

/** The same application without a single point of failure, built from raw provider resources. */
export function robustStack(scope: Construct): void {
  const zones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
  const netScope = new Construct(scope, 'net');
  const vpc = new Vpc(netScope, 'vpc', { cidrBlock: '10.0.0.0/16' });
  new FlowLog(netScope, 'flow-log', { vpcId: vpc.id, trafficType: 'ALL', logDestination: 'arn:aws:logs:eu-west-1:123456789012:log-group:flow', logDestinationType: 'cloud-watch-logs' });
  const net = network(netScope, zones, false);
  const oncall = ['arn:aws:sns:eu-west-1:123456789012:oncall'];

  const web = new Construct(scope, 'web');
  const lb = new Lb(web, 'lb', { subnets: net.publicSubnets.map((s) => s.id), enableDeletionProtection: true, dropInvalidHeaderFields: true });
  const tg = new LbTargetGroup(web, 'tg', {
    port: 80,
    protocol: 'HTTP',
    vpcId: 'vpc-1',
    deregistrationDelay: '30',
    healthCheck: { path: '/health', interval: 10, unhealthyThreshold: 2, timeout: 5 },
  });
  new LbListener(web, 'https', {
    loadBalancerArn: lb.arn,
    port: 443,
    protocol: 'HTTPS',
    certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
    defaultAction: [{ type: 'forward', targetGroupArn: tg.arn }],
  });
  new LbListener(web, 'http', {
    loadBalancerArn: lb.arn,
    port: 80,
    protocol: 'HTTP',
    defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
  });
  const template = new LaunchTemplate(web, 'template', {
    imageId: 'ami-12345678',
    instanceType: 't3.small',
    metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1, httpEndpoint: 'enabled' },
  });
  new AutoscalingGroup(web, 'asg', {
    minSize: 3,
    maxSize: 6,
    vpcZoneIdentifier: net.privateSubnets.map((s) => s.id),
    targetGroupArns: [tg.arn],
    healthCheckType: 'ELB',
    healthCheckGracePeriod: 60,
    launchTemplate: { id: template.id, version: '$Latest' },
    instanceRefresh: { strategy: 'Rolling', preferences: { minHealthyPercentage: 100 } },
  });
  new CloudwatchMetricAlarm(web, 'errors', {
    alarmName: 'web-5xx',
    comparisonOperator: 'GreaterThanThreshold',
    evaluationPeriods: 1,
    metricName: 'HTTPCode_ELB_5XX_Count',
    namespace: 'AWS/ApplicationELB',
    period: 60,
    statistic: 'Sum',
    threshold: 5,
    alarmActions: oncall,
    okActions: oncall,
  });

  const data = new Construct(scope, 'data');
  const subnets = new DbSubnetGroup(data, 'subnets', { subnetIds: net.privateSubnets.map((s) => s.id) });
  const db = new DbInstance(data, 'db', {
    instanceClass: 'db.m6g.large',
    engine: 'postgres',
    engineVersion: '16.4',
    allocatedStorage: 20,
    maxAllocatedStorage: 200,
    dbSubnetGroupName: subnets.name,
    multiAz: true,
    storageEncrypted: true,
    backupRetentionPeriod: 14,
    deletionProtection: true,
    finalSnapshotIdentifier: 'db-final',
    username: 'app',
    manageMasterUserPassword: true,
  });
  new CloudwatchMetricAlarm(data, 'db-storage', {
    alarmName: 'db-free-storage',
    comparisonOperator: 'LessThanThreshold',
    evaluationPeriods: 5,
    metricName: 'FreeStorageSpace',
    namespace: 'AWS/RDS',
    dimensions: { DBInstanceIdentifier: db.identifier },
    period: 60,
    statistic: 'Minimum',
    threshold: 2e9,
    alarmActions: oncall,
    okActions: oncall,
  });

  const labels = { app: 'app' };
  const probe = { httpGet: { path: '/health', port: '3000' }, periodSeconds: 10, failureThreshold: 2, timeoutSeconds: 5 };
  new DeploymentV1(scope, 'app', {
    metadata: { name: 'app', namespace: 'shop' },
    spec: {
      replicas: '3',
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '0', maxSurge: '1' } },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: '1000' },
          topologySpreadConstraint: [
            { topologyKey: 'topology.kubernetes.io/zone', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule', labelSelector: [{ matchLabels: labels }] },
          ],
          container: [
            {
              name: 'app',
              image: 'registry.example.com/app:1.0.0',
              readinessProbe: probe,
              livenessProbe: probe,
              resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '256Mi' } },
            },
          ],
        },
      },
    },
  });
  new PodDisruptionBudgetV1(scope, 'app-pdb', { metadata: { name: 'app', namespace: 'shop' }, spec: { maxUnavailable: '1', selector: { matchLabels: labels } } });
  new ServiceV1(scope, 'app-service', { metadata: { name: 'app', namespace: 'shop' }, spec: { selector: labels, port: [{ port: 80, targetPort: '3000' }] } });
}
