import { IConstruct } from 'constructs';

/**
 * The tiers of subnets in a network.
 */
export enum SubnetTier {
  /** Routed to the internet gateway: load balancers and NAT gateways. */
  PUBLIC = 'PUBLIC',
  /** Routed to the internet through a NAT gateway, unreachable from it: application nodes. */
  PRIVATE = 'PRIVATE',
  /** No route outside the VPC: databases and other state. */
  ISOLATED = 'ISOLATED',
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
  /**
   * Whether the private subnets reach the internet (through NAT gateways). Constructs placed there refuse what can
   * never work without it (instances pulling a public image, installing packages or calling AWS APIs).
   * @default - not known (a network created elsewhere): nothing is refused
   */
  readonly privateInternetAccess?: boolean;
  /** The subnets of one tier. */
  subnets(tier: SubnetTier): NetworkSubnet[];
}
