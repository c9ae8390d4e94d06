import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { INetwork, NetworkSubnet, SubnetTier } from '../core/network';
import { subnetsOfTier } from '../core/private/network';
import { PropValidator } from '../core/private/validation';

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
