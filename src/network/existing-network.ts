import { Construct } from 'constructs';
import { planExistingNetwork } from './private/plan';
import { validateExistingNetwork } from './private/validate';
import { INetwork, NetworkSubnet, SubnetTier } from '../core/network';
import { subnetsOfTier } from '../core/private/network';

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
 * A network created outside this construct library, described by its ids and zones. It creates nothing.
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
    validateExistingNetwork(this, props ?? ({} as ExistingNetworkProps));
    const plan = planExistingNetwork(props);
    this.vpcId = plan.vpcId;
    this.vpcCidrBlock = plan.vpcCidrBlock;
    this.zones = plan.zones;
    this.publicSubnets = plan.publicSubnets;
    this.privateSubnets = plan.privateSubnets;
    this.isolatedSubnets = plan.isolatedSubnets;
  }

  public subnets(tier: SubnetTier): NetworkSubnet[] {
    return subnetsOfTier(this, tier);
  }
}
