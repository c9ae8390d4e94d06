import { Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { subnetsOfTier } from './private/tiers';
import { PropValidator } from '../core/private/validation';

/**
 * The tiers of subnets in a network.
 */
export enum SubnetTier {
  /** Routed to the internet gateway: load balancers and NAT gateways. */
  PUBLIC = 'public',
  /** Routed to the internet through a NAT gateway, unreachable from it: application nodes. */
  PRIVATE = 'private',
  /** No route outside the VPC: databases and other state. */
  ISOLATED = 'isolated',
}

/**
 * One subnet, with the zone it is in.
 */
export interface NetworkSubnet {
  /** The subnet id. */
  readonly subnetId: string;
  /** The availability zone name (may be a token when the zone is looked up at plan time). */
  readonly zone: string;
  /**
   * The subnet's CIDR block.
   * @default - not known
   */
  readonly cidrBlock?: string;
}

/**
 * A multi-zone network that constructs place themselves in.
 */
export interface INetwork extends IConstruct {
  /** The VPC id. */
  readonly vpcId: string;
  /** The VPC's IPv4 CIDR block (used for "from inside the VPC" rules). */
  readonly vpcCidrBlock: string;
  /** The zones the network spans, one entry per zone, in order. */
  readonly zones: string[];
  /** Subnets routed to the internet gateway, one or more per zone. */
  readonly publicSubnets: NetworkSubnet[];
  /** Subnets with outbound access through NAT, one or more per zone. */
  readonly privateSubnets: NetworkSubnet[];
  /** Subnets without any route outside the VPC, one or more per zone. */
  readonly isolatedSubnets: NetworkSubnet[];
  /** The subnets of one tier. */
  subnets(tier: SubnetTier): NetworkSubnet[];
}

/**
 * Props of {@link MultiAzNetwork.fromExisting}: a VPC created elsewhere.
 */
export interface ExistingNetworkProps {
  /** The VPC id. */
  readonly vpcId: string;
  /** The VPC's IPv4 CIDR block. */
  readonly vpcCidrBlock: string;
  /**
   * Public subnets with their zones (needed by internet-facing load balancers).
   * @default - none
   */
  readonly publicSubnets?: NetworkSubnet[];
  /**
   * Private subnets with their zones (needed by services and internal load balancers).
   * @default - none
   */
  readonly privateSubnets?: NetworkSubnet[];
  /**
   * Isolated subnets with their zones (needed by databases).
   * @default - none
   */
  readonly isolatedSubnets?: NetworkSubnet[];
}

/**
 * A network created outside this construct library, described by its ids and zones.
 */
export class ExistingNetwork extends Construct implements INetwork {
  public readonly vpcId: string;
  public readonly vpcCidrBlock: string;
  public readonly zones: string[];
  public readonly publicSubnets: NetworkSubnet[];
  public readonly privateSubnets: NetworkSubnet[];
  public readonly isolatedSubnets: NetworkSubnet[];

  constructor(scope: Construct, id: string, props: ExistingNetworkProps) {
    super(scope, id);
    const v = new PropValidator('MultiAzNetwork.fromExisting', this);
    const tiers: Array<[string, NetworkSubnet[] | undefined]> = [
      ['publicSubnets', props.publicSubnets],
      ['privateSubnets', props.privateSubnets],
      ['isolatedSubnets', props.isolatedSubnets],
    ];
    if (tiers.every(([, subnets]) => !subnets || subnets.length === 0)) {
      v.fail('at least one of `publicSubnets`, `privateSubnets` or `isolatedSubnets` must list subnets, got none.');
    }
    for (const [prop, subnets] of tiers) {
      if (!subnets || subnets.length === 0) {
        continue;
      }
      const zones = subnets.map((s) => s.zone).filter((z) => !Token.isUnresolved(z));
      if (zones.length === subnets.length) {
        v.require(
          prop,
          zones,
          new Set(zones).size >= 2,
          'must span at least 2 distinct zones so the network survives the loss of a zone',
          'Add a subnet in another availability zone.',
        );
      }
      const ids = subnets.map((s) => s.subnetId);
      v.require(prop, ids, new Set(ids).size === ids.length, 'must not list the same subnet twice');
    }
    v.throwIfInvalid();

    this.vpcId = props.vpcId;
    this.vpcCidrBlock = props.vpcCidrBlock;
    this.publicSubnets = [...(props.publicSubnets ?? [])];
    this.privateSubnets = [...(props.privateSubnets ?? [])];
    this.isolatedSubnets = [...(props.isolatedSubnets ?? [])];
    const all = [...this.publicSubnets, ...this.privateSubnets, ...this.isolatedSubnets].map((s) => s.zone);
    this.zones = all.filter((z, i) => all.indexOf(z) === i);
  }

  public subnets(tier: SubnetTier): NetworkSubnet[] {
    return subnetsOfTier(this, tier);
  }
}
