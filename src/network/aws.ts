import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { FlowLogPlan, MultiAzNetworkPlan } from './private/plan';
import { MultiAzNetworkAwsResources } from './resources';
import { SubnetTier } from '../core/network';
import { accountContext, cloudWatchLogsStatement, encryptionKey } from '../core/private/kms';
import { renderedPath } from '../core/private/moves';
import { awsTags, claimPhysicalName, physicalName } from '../core/private/naming';
import { RetentionPlan, statefulLifecycle } from '../core/private/retention';

/**
 * Renders a MultiAzNetwork: the VPC, a public, a private and an isolated subnet per zone, the internet gateway, the
 * NAT gateways, the route tables, the closed default security group and the flow logs, under fixed construct ids.
 */
export function renderMultiAzNetwork(scope: Construct, plan: MultiAzNetworkPlan): MultiAzNetworkAwsResources {
  const { name, tags } = plan;

  let zoneNames: string[];
  let zoneLookup: DataAwsAvailabilityZones | undefined;
  if (plan.availabilityZones) {
    zoneNames = plan.availabilityZones;
  } else {
    zoneLookup = new DataAwsAvailabilityZones(scope, 'AvailabilityZones', {
      // No `state` filter: a zone reported `impaired` during an incident must not shift the indices below (which
      // would replace subnets) or shrink the list (which would fail the plan exactly when a fix must be applied).
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
    });
    const names = zoneLookup.names;
    zoneNames = Array.from({ length: plan.zoneCount }, (_, i) => Fn.element(names, i));
  }

  const vpc = new Vpc(scope, 'Vpc', {
    cidrBlock: plan.cidr,
    enableDnsHostnames: true,
    enableDnsSupport: true,
    tags: awsTags(scope, name, tags),
    lifecycle: zoneLookup
      ? {
        precondition: [
          {
            // element() wraps around: without this, a region with fewer zones would silently place two
            // subnets of a tier in one zone.
            condition: `\${length(${zoneLookup.fqn}.names) >= ${plan.zoneCount}}`,
            errorMessage: `MultiAzNetwork "${scope.node.path}" spans ${plan.zoneCount} availability zones, but the region offers fewer without opt-in. Lower \`zones\` or pass \`availabilityZones\`.`,
          },
        ],
      }
      : undefined,
  });

  const defaultSecurityGroup = new DefaultSecurityGroup(scope, 'DefaultSecurityGroup', {
    vpcId: vpc.id,
    ingress: [],
    egress: [],
    tags: awsTags(scope, `${name}-default-closed`, tags),
  });

  const internetGateway = new InternetGateway(scope, 'InternetGateway', {
    vpcId: vpc.id,
    tags: awsTags(scope, name, tags),
  });

  const subnets = {} as Record<SubnetTier, Subnet[]>;
  for (const tier of plan.tiers) {
    subnets[tier.tier] = zoneNames.map(
      (zone, zoneIndex) =>
        new Subnet(scope, `${tier.idPrefix}Subnet${zoneIndex + 1}`, {
          vpcId: vpc.id,
          availabilityZone: zone,
          cidrBlock: tier.cidrBlocks[zoneIndex],
          mapPublicIpOnLaunch: false,
          tags: awsTags(scope, `${name}-${tier.label}-${zoneIndex + 1}`, { 'ft:subnet-tier': tier.label, ...tags }),
        }),
    );
  }

  // Public tier: one route table (route tables are regional, not a zonal failure domain).
  const publicRouteTable = new RouteTable(scope, 'PublicRouteTable', {
    vpcId: vpc.id,
    tags: awsTags(scope, `${name}-public`, tags),
  });
  new Route(scope, 'PublicDefaultRoute', {
    routeTableId: publicRouteTable.id,
    destinationCidrBlock: '0.0.0.0/0',
    gatewayId: internetGateway.id,
  });
  subnets[SubnetTier.PUBLIC].forEach((subnet, i) => {
    new RouteTableAssociation(scope, `PublicSubnet${i + 1}RouteTableAssociation`, {
      subnetId: subnet.id,
      routeTableId: publicRouteTable.id,
    });
  });

  // NAT gateways: in the public subnet of their zone.
  const natElasticIps: Eip[] = [];
  const natGateways: NatGateway[] = [];
  for (let i = 0; i < plan.natGatewayCount; i++) {
    const eip = new Eip(scope, `NatEip${i + 1}`, {
      domain: 'vpc',
      tags: awsTags(scope, `${name}-nat-${i + 1}`, tags),
      dependsOn: [internetGateway],
    });
    natElasticIps.push(eip);
    natGateways.push(
      new NatGateway(scope, `NatGateway${i + 1}`, {
        allocationId: eip.allocationId,
        subnetId: subnets[SubnetTier.PUBLIC][i].id,
        connectivityType: 'public',
        tags: awsTags(scope, `${name}-nat-${i + 1}`, tags),
        dependsOn: [internetGateway],
      }),
    );
  }

  // Private tier: one route table per zone, routed through the NAT gateway of the same zone.
  const privateRouteTables = subnets[SubnetTier.PRIVATE].map((subnet, i) => {
    const table = new RouteTable(scope, `PrivateRouteTable${i + 1}`, {
      vpcId: vpc.id,
      tags: awsTags(scope, `${name}-private-${i + 1}`, tags),
    });
    if (natGateways.length > 0) {
      new Route(scope, `PrivateDefaultRoute${i + 1}`, {
        routeTableId: table.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: natGateways[Math.min(i, natGateways.length - 1)].id,
      });
    }
    new RouteTableAssociation(scope, `PrivateSubnet${i + 1}RouteTableAssociation`, {
      subnetId: subnet.id,
      routeTableId: table.id,
    });
    return table;
  });

  // Isolated tier: no route leaves the VPC.
  const isolatedRouteTable = new RouteTable(scope, 'IsolatedRouteTable', {
    vpcId: vpc.id,
    tags: awsTags(scope, `${name}-isolated`, tags),
  });
  subnets[SubnetTier.ISOLATED].forEach((subnet, i) => {
    new RouteTableAssociation(scope, `IsolatedSubnet${i + 1}RouteTableAssociation`, {
      subnetId: subnet.id,
      routeTableId: isolatedRouteTable.id,
    });
  });

  const flow = plan.flowLogs ? renderFlowLogs(scope, vpc, name, plan.flowLogs, tags, plan.retention) : undefined;
  return {
    zoneLookup,
    vpc,
    defaultSecurityGroup,
    internetGateway,
    publicSubnets: subnets[SubnetTier.PUBLIC],
    privateSubnets: subnets[SubnetTier.PRIVATE],
    isolatedSubnets: subnets[SubnetTier.ISOLATED],
    publicRouteTable,
    privateRouteTables,
    isolatedRouteTable,
    natGateways,
    natElasticIps,
    flowLog: flow?.flowLog,
    flowLogGroup: flow?.logGroup,
    flowLogRole: flow?.role,
    flowLogKey: flow?.key,
  };
}

function renderFlowLogs(scope: Construct, vpc: Vpc, name: string, plan: FlowLogPlan, tags: Record<string, string>, retention: RetentionPlan) {
  const ctx = accountContext(scope, { region: true });
  let key: KmsKey | undefined;
  let kmsKeyArn = plan.encryptionKeyArn;
  if (!kmsKeyArn) {
    key = encryptionKey(scope, 'FlowLogKey', ctx, {
      description: `Encrypts the VPC flow logs of ${renderedPath(scope)}`,
      statements: [cloudWatchLogsStatement(ctx, plan.logGroupName)],
      tags: awsTags(scope, `${name}-flow-logs`, tags),
      retain: retention.retain,
    });
    kmsKeyArn = key.arn;
  }

  claimPhysicalName(scope, 'aws_cloudwatch_log_group', 'name', plan.logGroupName);
  const logGroup = new CloudwatchLogGroup(scope, 'FlowLogGroup', {
    name: plan.logGroupName,
    retentionInDays: plan.retentionDays,
    kmsKeyId: kmsKeyArn,
    // Retained: removing the network from the code leaves the log group (and the record of its traffic) in place.
    skipDestroy: retention.retain ? true : undefined,
    tags: awsTags(scope, `${name}-flow-logs`, tags),
    lifecycle: statefulLifecycle(retention.retain),
  });
  const roleName = physicalName(scope, 'flow-logs', { maxLength: 64 });
  claimPhysicalName(scope, 'aws_iam_role', 'name', roleName);
  const role = new IamRole(scope, 'FlowLogRole', {
    name: roleName,
    description: `Lets VPC Flow Logs write to ${logGroup.name}`,
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
          Action: 'sts:AssumeRole',
          // Only flow logs of this account may use the role (no confused deputy).
          Condition: {
            StringEquals: { 'aws:SourceAccount': ctx.accountId },
            ArnLike: { 'aws:SourceArn': `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:vpc-flow-log/*` },
          },
        },
      ],
    }),
    tags: awsTags(scope, `${name}-flow-logs`, tags),
  });
  new IamRolePolicy(scope, 'FlowLogRolePolicy', {
    name: 'write-flow-logs',
    role: role.id,
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [logGroup.arn, `${logGroup.arn}:*`],
        },
      ],
    }),
  });
  const flowLog = new FlowLog(scope, 'FlowLog', {
    vpcId: vpc.id,
    trafficType: 'ALL',
    logDestinationType: 'cloud-watch-logs',
    logDestination: logGroup.arn,
    iamRoleArn: role.arn,
    maxAggregationInterval: 60,
    tags: awsTags(scope, `${name}-flow-logs`, tags),
  });
  return { flowLog, logGroup, role, key };
}
