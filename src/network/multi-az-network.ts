import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ExistingNetwork, ExistingNetworkProps } from './existing-network';
import { Duration } from '../core/duration';
import { INetwork, NetworkSubnet, SubnetTier } from '../core/network';
import { PlatformKind } from '../core/platform';
import { ParsedCidr, isAligned, nextPowerOfTwo, parseCidr, subnetOf } from '../core/private/cidr';
import { accountContext, cloudWatchLogsStatement, encryptionKey } from '../core/private/kms';
import { awsTags, physicalName } from '../core/private/naming';
import { subnetsOfTier } from '../core/private/network';
import { LOG_RETENTION_DAYS, PropValidator } from '../core/private/validation';
import { CapabilityKind, IResilient, ResilienceFacts } from '../core/resilience';

/**
 * How private subnets reach the internet.
 */
export enum NatGatewayMode {
  /**
   * One NAT gateway in each zone; each zone's private subnets route through their own zone's gateway, so losing
   * a zone never cuts the others off. The default.
   */
  PER_ZONE = 'PER_ZONE',
  /**
   * One NAT gateway for all zones. Cheaper, but a **single point of failure**: when its zone fails, the private
   * subnets of every zone lose outbound internet access (package mirrors, external APIs, AWS endpoints without
   * VPC endpoints).
   */
  SINGLE = 'SINGLE',
  /** No NAT gateway: private subnets have no route to the internet (use VPC endpoints). */
  NONE = 'NONE',
}

/**
 * VPC flow logs of a {@link MultiAzNetwork}.
 */
export interface FlowLogOptions {
  /**
   * Record flow logs. Turning them off loses the record of accepted and rejected traffic that incident
   * response and audits rely on.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * How long flow logs are kept (CloudWatch Logs accepts 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
   * 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days).
   * @default Duration.days(365)
   */
  readonly retention?: Duration;
  /**
   * ARN of a KMS key that encrypts the log group; its key policy must allow the CloudWatch Logs service.
   * @default - a KMS key with rotation is created for the flow logs
   */
  readonly encryptionKeyArn?: string;
}

/**
 * Props of {@link MultiAzNetwork}.
 */
export interface MultiAzNetworkProps {
  /**
   * The VPC's IPv4 CIDR block, a /16 to /24.
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;
  /**
   * How many availability zones to span (2 to 6). Ignored when `availabilityZones` is given.
   * @default 3
   */
  readonly zones?: number;
  /**
   * The availability zone names to span, e.g. `['eu-west-1a', 'eu-west-1b', 'eu-west-1c']`.
   * @default - the first `zones` zones of the region that need no opt-in, read from `aws_availability_zones`
   */
  readonly availabilityZones?: string[];
  /**
   * The prefix length of every subnet. Each tier gets room for up to 4 zones (8 when more than 4 zones are
   * used), so adding a zone later never renumbers existing subnets.
   * @default - the largest subnets that fit: /20 in a /16 VPC with up to 4 zones
   */
  readonly subnetPrefixLength?: number;
  /**
   * How private subnets reach the internet.
   * @default NatGatewayMode.PER_ZONE
   */
  readonly natGateways?: NatGatewayMode;
  /**
   * VPC flow logs.
   * @default - all traffic logged to an encrypted CloudWatch log group kept for 365 days
   */
  readonly flowLogs?: FlowLogOptions;
  /**
   * Tags added to every resource of the network.
   * @default - only the library's own tags (Name, construct path, managed-by)
   */
  readonly tags?: { [key: string]: string };
}

const TIERS: SubnetTier[] = [SubnetTier.PUBLIC, SubnetTier.PRIVATE, SubnetTier.ISOLATED];

/**
 * An AWS VPC spread over several availability zones, with a public, a private and an isolated subnet in every
 * zone, a NAT gateway per zone, encrypted flow logs and a closed default security group.
 *
 * ```ts
 * const network = new MultiAzNetwork(this, 'network', { zones: 3 });
 * ```
 */
export class MultiAzNetwork extends Construct implements INetwork, IResilient {
  /** Describes a VPC created elsewhere, so the constructs of this library can be placed in it. */
  public static fromExisting(scope: Construct, id: string, props: ExistingNetworkProps): INetwork {
    return new ExistingNetwork(scope, id, props);
  }

  /** The VPC. */
  public readonly vpc: Vpc;
  /** The VPC id. */
  public readonly vpcId: string;
  /** The VPC CIDR block. */
  public readonly vpcCidrBlock: string;
  /** The zone names, one per zone, in order (tokens when read from `aws_availability_zones`). */
  public readonly zones: string[];
  /** How many zones the network spans. */
  public readonly zoneCount: number;
  /** Public subnets, one per zone. */
  public readonly publicSubnets: NetworkSubnet[];
  /** Private subnets, one per zone. */
  public readonly privateSubnets: NetworkSubnet[];
  /** Isolated subnets, one per zone. */
  public readonly isolatedSubnets: NetworkSubnet[];
  /** The subnet resources by tier, one per zone. */
  public readonly subnetResources: { [tier: string]: Subnet[] };
  /** The internet gateway. */
  public readonly internetGateway: InternetGateway;
  /** The NAT gateways: one per zone, one, or none. */
  public readonly natGateways: NatGateway[];
  /** The route tables of the private subnets, one per zone. */
  public readonly privateRouteTables: RouteTable[];
  /** The flow log, unless turned off. */
  public readonly flowLog?: FlowLog;
  /** The flow log group, unless flow logs are turned off. */
  public readonly flowLogGroup?: CloudwatchLogGroup;
  /** The default security group, with every rule removed. */
  public readonly defaultSecurityGroup: DefaultSecurityGroup;

  private readonly natMode: NatGatewayMode;

  constructor(scope: Construct, id: string, props: MultiAzNetworkProps = {}) {
    super(scope, id);
    const layout = validate(this, props);
    const tags = props.tags ?? {};
    const name = physicalName(this);
    this.natMode = props.natGateways ?? NatGatewayMode.PER_ZONE;

    let zoneNames: string[];
    let zoneLookup: DataAwsAvailabilityZones | undefined;
    if (props.availabilityZones) {
      zoneNames = [...props.availabilityZones];
    } else {
      zoneLookup = new DataAwsAvailabilityZones(this, 'AvailabilityZones', {
        // No `state` filter: a zone reported `impaired` during an incident must not shift the indices below (which
        // would replace subnets) or shrink the list (which would fail the plan exactly when a fix must be applied).
        filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
      });
      zoneNames = Array.from({ length: layout.zoneCount }, (_, i) => Fn.element(zoneLookup!.names, i));
    }
    this.zones = zoneNames;
    this.zoneCount = layout.zoneCount;

    this.vpc = new Vpc(this, 'Vpc', {
      cidrBlock: layout.cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: awsTags(this, name, tags),
      lifecycle: zoneLookup
        ? {
          precondition: [
            {
              // element() wraps around: without this, a region with fewer zones would silently place two
              // subnets of a tier in one zone.
              condition: `\${length(${zoneLookup.fqn}.names) >= ${layout.zoneCount}}`,
              errorMessage: `MultiAzNetwork "${this.node.path}" spans ${layout.zoneCount} availability zones, but the region offers fewer without opt-in. Lower \`zones\` or pass \`availabilityZones\`.`,
            },
          ],
        }
        : undefined,
    });
    this.vpcId = this.vpc.id;
    this.vpcCidrBlock = this.vpc.cidrBlock;

    this.defaultSecurityGroup = new DefaultSecurityGroup(this, 'DefaultSecurityGroup', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: awsTags(this, `${name}-default-closed`, tags),
    });

    this.internetGateway = new InternetGateway(this, 'InternetGateway', {
      vpcId: this.vpc.id,
      tags: awsTags(this, name, tags),
    });

    this.subnetResources = {};
    const described: { [tier: string]: NetworkSubnet[] } = {};
    TIERS.forEach((tier, tierIndex) => {
      this.subnetResources[tier] = [];
      described[tier] = [];
      zoneNames.forEach((zone, zoneIndex) => {
        const index = tierIndex * layout.slotsPerTier + zoneIndex;
        // A CIDR given as a token is only known at plan time: let Terraform compute the same layout.
        const cidr = layout.parsed
          ? subnetOf(layout.parsed, layout.subnetPrefix, index)
          : Fn.cidrsubnet(layout.cidr, layout.newBits, index);
        const subnet = new Subnet(this, `${capitalize(tier.toLowerCase())}Subnet${zoneIndex + 1}`, {
          vpcId: this.vpc.id,
          availabilityZone: zone,
          cidrBlock: cidr,
          mapPublicIpOnLaunch: false,
          tags: awsTags(this, `${name}-${tier.toLowerCase()}-${zoneIndex + 1}`, { 'ft:subnet-tier': tier.toLowerCase(), ...tags }),
        });
        this.subnetResources[tier].push(subnet);
        described[tier].push({ subnetId: subnet.id, zone, cidrBlock: cidr });
      });
    });
    this.publicSubnets = described[SubnetTier.PUBLIC];
    this.privateSubnets = described[SubnetTier.PRIVATE];
    this.isolatedSubnets = described[SubnetTier.ISOLATED];

    // Public tier: one route table (route tables are regional, not a zonal failure domain).
    const publicRoutes = new RouteTable(this, 'PublicRouteTable', {
      vpcId: this.vpc.id,
      tags: awsTags(this, `${name}-public`, tags),
    });
    new Route(this, 'PublicDefaultRoute', {
      routeTableId: publicRoutes.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: this.internetGateway.id,
    });
    this.subnetResources[SubnetTier.PUBLIC].forEach((subnet, i) => {
      new RouteTableAssociation(this, `PublicSubnet${i + 1}RouteTableAssociation`, {
        subnetId: subnet.id,
        routeTableId: publicRoutes.id,
      });
    });

    // NAT gateways: in the public subnet of their zone.
    const natCount = this.natMode === NatGatewayMode.PER_ZONE ? layout.zoneCount : this.natMode === NatGatewayMode.SINGLE ? 1 : 0;
    this.natGateways = [];
    for (let i = 0; i < natCount; i++) {
      const eip = new Eip(this, `NatEip${i + 1}`, {
        domain: 'vpc',
        tags: awsTags(this, `${name}-nat-${i + 1}`, tags),
        dependsOn: [this.internetGateway],
      });
      this.natGateways.push(
        new NatGateway(this, `NatGateway${i + 1}`, {
          allocationId: eip.allocationId,
          subnetId: this.subnetResources[SubnetTier.PUBLIC][i].id,
          connectivityType: 'public',
          tags: awsTags(this, `${name}-nat-${i + 1}`, tags),
          dependsOn: [this.internetGateway],
        }),
      );
    }

    // Private tier: one route table per zone, routed through the NAT gateway of the same zone.
    this.privateRouteTables = this.subnetResources[SubnetTier.PRIVATE].map((subnet, i) => {
      const table = new RouteTable(this, `PrivateRouteTable${i + 1}`, {
        vpcId: this.vpc.id,
        tags: awsTags(this, `${name}-private-${i + 1}`, tags),
      });
      if (this.natGateways.length > 0) {
        new Route(this, `PrivateDefaultRoute${i + 1}`, {
          routeTableId: table.id,
          destinationCidrBlock: '0.0.0.0/0',
          natGatewayId: this.natGateways[Math.min(i, this.natGateways.length - 1)].id,
        });
      }
      new RouteTableAssociation(this, `PrivateSubnet${i + 1}RouteTableAssociation`, {
        subnetId: subnet.id,
        routeTableId: table.id,
      });
      return table;
    });

    // Isolated tier: no route leaves the VPC.
    const isolatedRoutes = new RouteTable(this, 'IsolatedRouteTable', {
      vpcId: this.vpc.id,
      tags: awsTags(this, `${name}-isolated`, tags),
    });
    this.subnetResources[SubnetTier.ISOLATED].forEach((subnet, i) => {
      new RouteTableAssociation(this, `IsolatedSubnet${i + 1}RouteTableAssociation`, {
        subnetId: subnet.id,
        routeTableId: isolatedRoutes.id,
      });
    });

    if (props.flowLogs?.enabled ?? true) {
      const flow = this.createFlowLogs(name, layout.flowLogRetentionDays, props.flowLogs?.encryptionKeyArn, tags);
      this.flowLog = flow.flowLog;
      this.flowLogGroup = flow.logGroup;
    }
  }

  /** The subnets of one tier, one per zone. */
  public subnets(tier: SubnetTier): NetworkSubnet[] {
    return subnetsOfTier(this, tier);
  }

  /** The network spans `zoneCount` zones; its outbound path survives a zone loss only with a NAT per zone. */
  public resilienceFacts(): ResilienceFacts {
    return {
      capability: CapabilityKind.NETWORK,
      platform: PlatformKind.AWS,
      zones: this.zoneCount,
      replicas: this.natGateways.length,
      acceptedSinglePointsOfFailure:
        this.natMode === NatGatewayMode.SINGLE
          ? ['one NAT gateway serves every zone: losing its zone cuts outbound internet access of all private subnets']
          : [],
    };
  }

  private createFlowLogs(name: string, retentionDays: number, keyArn: string | undefined, tags: Record<string, string>) {
    const logGroupName = `/vpc/flow-logs/${name}`;
    const ctx = accountContext(this, { region: true });
    let kmsKeyArn = keyArn;
    if (!kmsKeyArn) {
      const key = encryptionKey(this, 'FlowLogKey', ctx, {
        description: `Encrypts the VPC flow logs of ${this.node.path}`,
        statements: [cloudWatchLogsStatement(ctx, logGroupName)],
        tags: awsTags(this, `${name}-flow-logs`, tags),
      });
      kmsKeyArn = key.arn;
    }

    const logGroup = new CloudwatchLogGroup(this, 'FlowLogGroup', {
      name: logGroupName,
      retentionInDays: retentionDays,
      kmsKeyId: kmsKeyArn,
      tags: awsTags(this, `${name}-flow-logs`, tags),
    });
    const role = new IamRole(this, 'FlowLogRole', {
      name: physicalName(this, 'flow-logs', { maxLength: 64 }),
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
      tags: awsTags(this, `${name}-flow-logs`, tags),
    });
    new IamRolePolicy(this, 'FlowLogRolePolicy', {
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
    const flowLog = new FlowLog(this, 'FlowLog', {
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags: awsTags(this, `${name}-flow-logs`, tags),
    });
    return { flowLog, logGroup };
  }
}

interface Layout {
  readonly cidr: string;
  readonly parsed?: ParsedCidr;
  readonly newBits: number;
  readonly zoneCount: number;
  readonly slotsPerTier: number;
  readonly subnetPrefix: number;
  readonly flowLogRetentionDays: number;
}

function validate(scope: Construct, props: MultiAzNetworkProps): Layout {
  const v = new PropValidator('MultiAzNetwork', scope);
  const cidr = props.cidr ?? '10.0.0.0/16';

  let zoneCount = props.zones ?? 3;
  if (props.availabilityZones !== undefined) {
    const azs = props.availabilityZones;
    zoneCount = azs.length;
    v.require(
      'availabilityZones',
      azs,
      azs.length >= 2,
      'must list at least 2 zones so the network survives the loss of a zone',
      'Add another availability zone of the region.',
    );
    v.require('availabilityZones', azs, azs.length <= 6, 'must list at most 6 zones');
    v.require('availabilityZones', azs, new Set(azs).size === azs.length, 'must not list a zone twice', 'Remove the duplicate zone.');
    if (props.zones !== undefined && !Token.isUnresolved(props.zones)) {
      v.require(
        'zones',
        props.zones,
        props.zones === azs.length,
        `conflicts with \`availabilityZones\`, which lists ${azs.length} zones`,
        'Pass only one of `zones` and `availabilityZones`.',
      );
    }
  } else {
    v.integer('zones', zoneCount, 2, 6, 'so the network survives the loss of a zone (AWS regions offer up to 6)');
  }

  const parsed = Token.isUnresolved(cidr) ? undefined : parseCidr(cidr);
  let subnetPrefix = 0;
  const safeZones = Number.isInteger(zoneCount) && zoneCount >= 1 && zoneCount <= 64 ? zoneCount : 3;
  const slotsPerTier = nextPowerOfTwo(Math.max(safeZones, 4));
  // Three tiers of `slotsPerTier` subnets round up to four: the fourth block stays free for future tiers.
  const bits = Math.log2(nextPowerOfTwo(TIERS.length * slotsPerTier));
  if (!Token.isUnresolved(cidr)) {
    if (!parsed) {
      v.require('cidr', cidr, false, 'must be an IPv4 CIDR block like "10.0.0.0/16"');
    } else {
      v.require('cidr', cidr, parsed.prefix >= 16 && parsed.prefix <= 24, 'must have a prefix length from /16 to /24 (AWS allows /16 to /28, and three tiers of subnets need room)');
      v.require('cidr', cidr, isAligned(parsed), 'must be a network address: its host bits must be zero', `Use "${cidr.replace(/\/\d+$/, '')}" aligned to its prefix, e.g. "10.0.0.0/16".`);
      const largest = parsed.prefix + bits;
      subnetPrefix = props.subnetPrefixLength ?? largest;
      if (props.subnetPrefixLength !== undefined) {
        v.integer('subnetPrefixLength', props.subnetPrefixLength, largest, 28, `to fit ${TIERS.length} tiers × ${slotsPerTier} zone slots in ${cidr}`);
      } else if (largest > 28) {
        v.require(
          'cidr',
          cidr,
          false,
          `is too small: ${TIERS.length} tiers × ${slotsPerTier} zone slots need subnets of /${largest}, smaller than the AWS minimum /28`,
          `Use a /${28 - bits} or larger block.`,
        );
      }
    }
  }

  const retention = props.flowLogs?.retention ?? Duration.days(365);
  let retentionDays = 365;
  if (!retention.isUnresolved) {
    const days = retention.toMilliseconds() / 86_400_000;
    retentionDays = days;
    v.require(
      'flowLogs.retention',
      retention,
      LOG_RETENTION_DAYS.includes(days),
      `must be one of the CloudWatch Logs retention periods (${LOG_RETENTION_DAYS.join(', ')} days)`,
    );
  } else {
    retentionDays = retention.toDays();
  }

  v.throwIfInvalid();
  const newBits = parsed ? subnetPrefix - parsed.prefix : bits;
  return { cidr, parsed, newBits, zoneCount, slotsPerTier, subnetPrefix, flowLogRetentionDays: retentionDays };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
