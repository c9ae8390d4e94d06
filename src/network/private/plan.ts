import { Fn } from 'cdktf';
import { IConstruct } from 'constructs';
import { Duration } from '../../core/duration';
import { INetwork, SubnetTier } from '../../core/network';
import { PlatformKind } from '../../core/platform';
import { parseCidr, subnetOf } from '../../core/private/cidr';
import { physicalName } from '../../core/private/naming';
import { RetentionPlan, retentionOf } from '../../core/private/retention';
import { CapabilityKind, ResilienceFacts } from '../../core/resilience';
import type { ExistingNetworkProps } from '../existing-network';
import type { MultiAzNetworkProps } from '../multi-az-network';
import { NatGatewayMode } from '../options';
import { DEFAULT_CIDR, DEFAULT_ZONES, TIERS, TIER_NAMES, slotsPerTier, tierBits } from './layout';

/** The subnets of one tier. */
export interface SubnetTierPlan {
  readonly tier: SubnetTier;
  /** The construct-id prefix: `Public` for `PublicSubnet1`, `PublicRouteTable`. */
  readonly idPrefix: string;
  /** The `ft:subnet-tier` tag value and name segment: `public`. */
  readonly label: string;
  /** The CIDR block of each zone's subnet, in zone order (a `cidrsubnet()` expression when `cidr` is a token). */
  readonly cidrBlocks: string[];
}

/** The VPC flow logs. */
export interface FlowLogPlan {
  readonly logGroupName: string;
  readonly retentionDays: number;
  /** The key given by the user; a key is created when absent. */
  readonly encryptionKeyArn?: string;
}

/** Everything the AWS rendering of a MultiAzNetwork needs, defaults applied. */
export interface MultiAzNetworkPlan {
  /** The physical name every resource's Name tag starts with. */
  readonly name: string;
  readonly cidr: string;
  readonly zoneCount: number;
  /** The zone names given by the user; looked up (zones that need no opt-in) when absent. */
  readonly availabilityZones?: string[];
  readonly tiers: SubnetTierPlan[];
  /** One per zone, one, or none. */
  readonly natGatewayCount: number;
  /** Absent when flow logs are turned off. */
  readonly flowLogs?: FlowLogPlan;
  readonly tags: Record<string, string>;
  /** Whether the flow-log group and key are guarded against deletion. */
  readonly retention: RetentionPlan;
  readonly facts: ResilienceFacts;
}

/** The plan of a MultiAzNetwork whose props are valid. */
export function planMultiAzNetwork(scope: IConstruct, props: MultiAzNetworkProps): MultiAzNetworkPlan {
  const name = physicalName(scope);
  const cidr = props.cidr ?? DEFAULT_CIDR;
  const availabilityZones = props.availabilityZones !== undefined ? [...props.availabilityZones] : undefined;
  const zoneCount = availabilityZones?.length ?? props.zones ?? DEFAULT_ZONES;
  const slots = slotsPerTier(zoneCount);
  const bits = tierBits(slots);
  const parsed = parseCidr(cidr);
  // A CIDR given as a token is only known at plan time: Terraform computes the same layout with cidrsubnet().
  const subnetPrefix = parsed ? props.subnetPrefixLength ?? parsed.prefix + bits : undefined;
  const tiers = TIERS.map((tier, tierIndex): SubnetTierPlan => ({
    tier,
    idPrefix: TIER_NAMES[tier].id,
    label: TIER_NAMES[tier].label,
    cidrBlocks: Array.from({ length: zoneCount }, (_, zoneIndex) => {
      const index = tierIndex * slots + zoneIndex;
      return parsed && subnetPrefix !== undefined ? subnetOf(parsed, subnetPrefix, index) : Fn.cidrsubnet(cidr, bits, index);
    }),
  }));

  const natMode = props.natGateways ?? NatGatewayMode.PER_ZONE;
  const natGatewayCount = natMode === NatGatewayMode.PER_ZONE ? zoneCount : natMode === NatGatewayMode.SINGLE ? 1 : 0;

  const retention = props.flowLogs?.retention ?? Duration.days(365);
  const flowLogs: FlowLogPlan | undefined =
    props.flowLogs?.enabled ?? true
      ? { logGroupName: `/vpc/flow-logs/${name}`, retentionDays: retention.toDays(), encryptionKeyArn: props.flowLogs?.encryptionKeyArn }
      : undefined;

  return {
    name,
    cidr,
    zoneCount,
    availabilityZones,
    tiers,
    natGatewayCount,
    flowLogs,
    tags: props.tags ?? {},
    retention: retentionOf(props.removalPolicy),
    facts: {
      capability: CapabilityKind.NETWORK,
      platform: PlatformKind.AWS,
      zones: zoneCount,
      replicas: natGatewayCount,
      acceptedSinglePointsOfFailure:
        natMode === NatGatewayMode.SINGLE
          ? ['one NAT gateway serves every zone: losing its zone cuts outbound internet access of all private subnets']
          : [],
    },
  };
}

/** What `MultiAzNetwork.fromExisting` describes: the network as INetwork presents it. */
export type ExistingNetworkPlan = Pick<INetwork, 'vpcId' | 'vpcCidrBlock' | 'zones' | 'publicSubnets' | 'privateSubnets' | 'isolatedSubnets'>;

/** The plan of an existing network whose props are valid. */
export function planExistingNetwork(props: ExistingNetworkProps): ExistingNetworkPlan {
  const publicSubnets = [...(props.publicSubnets ?? [])];
  const privateSubnets = [...(props.privateSubnets ?? [])];
  const isolatedSubnets = [...(props.isolatedSubnets ?? [])];
  const all = [...publicSubnets, ...privateSubnets, ...isolatedSubnets].map((s) => s.zone);
  return {
    vpcId: props.vpcId,
    vpcCidrBlock: props.vpcCidrBlock,
    zones: all.filter((z, i) => all.indexOf(z) === i),
    publicSubnets,
    privateSubnets,
    isolatedSubnets,
  };
}
