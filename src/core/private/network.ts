import type { INetwork, NetworkSubnet } from '../network';
import { SubnetTier } from '../network';

/** The subnets of one tier of a network. */
export function subnetsOfTier(network: INetwork, tier: SubnetTier): NetworkSubnet[] {
  switch (tier) {
    case SubnetTier.PUBLIC:
      return network.publicSubnets;
    case SubnetTier.PRIVATE:
      return network.privateSubnets;
    case SubnetTier.ISOLATED:
      return network.isolatedSubnets;
  }
}
