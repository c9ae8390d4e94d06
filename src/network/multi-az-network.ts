import type { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Construct } from 'constructs';
import { ExistingNetwork, ExistingNetworkProps } from './existing-network';
import { FlowLogOptions, NatGatewayMode } from './options';
import { planMultiAzNetwork } from './private/plan';
import { validateMultiAzNetwork } from './private/validate';
import { MultiAzNetworkAwsResources } from './resources';
import { FaultTarget, FaultTargetKind, IFaultInjectable } from '../core/fault-targets';
import { INetwork, NetworkSubnet, SubnetTier } from '../core/network';
import { PlatformKind } from '../core/platform';
import { copyFacts } from '../core/private/facts';
import { constructPathTag, copyFaultTargets } from '../core/private/fault-targets';
import { subnetsOfTier } from '../core/private/network';
import { RemovalPolicy } from '../core/removal-policy';
import { IResilient, ResilienceFacts } from '../core/resilience';

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
   * used), so adding a zone later never renumbers existing subnets. Needs a `cidr` known at synth time.
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
  /**
   * What happens to the flow-log group and its encryption key when Terraform would delete them (`terraform destroy`,
   * the network removed from the code, or replaced by a rename without `Refactor.move`).
   * @default RemovalPolicy.RETAIN - `prevent_destroy` on both, and the log group is left in place (`skip_destroy`)
   *   when it is removed from the code
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An AWS VPC spread over several availability zones, with a public, a private and an isolated subnet in every
 * zone, a NAT gateway per zone, encrypted flow logs and a closed default security group.
 *
 * ```ts
 * const network = new MultiAzNetwork(this, 'network', { zones: 3 });
 * ```
 */
export class MultiAzNetwork extends Construct implements INetwork, IResilient, IFaultInjectable {
  /** Describes a VPC created elsewhere, so the constructs of this library can be placed in it. */
  public static fromExisting(scope: Construct, id: string, props: ExistingNetworkProps): INetwork {
    return new ExistingNetwork(scope, id, props);
  }

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
  /** The resources created on AWS: VPC, subnets, gateways, route tables, flow logs. */
  public readonly aws: MultiAzNetworkAwsResources;
  /** Whether the private subnets reach the internet: false with `natGateways: NatGatewayMode.NONE`. */
  public readonly privateInternetAccess?: boolean;

  private readonly facts: ResilienceFacts;
  private readonly physicalName: string;

  constructor(scope: Construct, id: string, props: MultiAzNetworkProps = {}) {
    super(scope, id);
    validateMultiAzNetwork(this, props ?? {});
    const plan = planMultiAzNetwork(this, props ?? {});
    // Loaded on first use, so Kubernetes-only apps never load the VPC bindings.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { renderMultiAzNetwork } = require('./aws') as typeof import('./aws');
    this.aws = renderMultiAzNetwork(this, plan);
    this.facts = plan.facts;
    this.physicalName = plan.name;
    this.zoneCount = plan.zoneCount;
    this.privateInternetAccess = plan.natGatewayCount > 0;
    this.vpcId = this.aws.vpc.id;
    this.vpcCidrBlock = this.aws.vpc.cidrBlock;
    this.publicSubnets = describe(this.aws.publicSubnets);
    this.privateSubnets = describe(this.aws.privateSubnets);
    this.isolatedSubnets = describe(this.aws.isolatedSubnets);
    this.zones = this.publicSubnets.map((s) => s.zone);
  }

  /** The subnets of one tier, one per zone. */
  public subnets(tier: SubnetTier): NetworkSubnet[] {
    return subnetsOfTier(this, tier);
  }

  /** The network spans `zoneCount` zones; its outbound path survives a zone loss only with a NAT per zone. */
  public resilienceFacts(): ResilienceFacts {
    return copyFacts(this.facts);
  }

  /**
   * Where faults can be injected: the subnets of every tier, each with its zone, selected by the network's
   * `ft:construct-path` tag inside its VPC (a zone experiment cuts off the subnets of the lost zones).
   */
  public faultTargets(): FaultTarget[] {
    return copyFaultTargets([
      {
        kind: FaultTargetKind.SUBNETS,
        platform: PlatformKind.AWS,
        name: this.physicalName,
        tags: constructPathTag(this),
        vpcId: this.vpcId,
        zones: this.zones,
        subnets: [...this.publicSubnets, ...this.privateSubnets, ...this.isolatedSubnets],
      },
    ]);
  }
}

/** The subnets as the constructs placed in the network see them: the zone and CIDR block as configured. */
function describe(subnets: Subnet[]): NetworkSubnet[] {
  return subnets.map((subnet) => ({ subnetId: subnet.id, zone: subnet.availabilityZoneInput ?? '', cidrBlock: subnet.cidrBlockInput }));
}
