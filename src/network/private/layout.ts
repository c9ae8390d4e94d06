import { SubnetTier } from '../../core/network';
import { nextPowerOfTwo } from '../../core/private/cidr';

/** The VPC CIDR block used unless `cidr` is given. */
export const DEFAULT_CIDR = '10.0.0.0/16';
/** The number of zones spanned unless `zones` or `availabilityZones` is given. */
export const DEFAULT_ZONES = 3;
/** The most zones an AWS region offers. */
export const MAX_ZONES = 6;
/** The smallest subnet AWS allows. */
export const MIN_SUBNET_PREFIX = 28;

/** The tiers, in the order their address blocks are laid out. */
export const TIERS: SubnetTier[] = [SubnetTier.PUBLIC, SubnetTier.PRIVATE, SubnetTier.ISOLATED];

/** How a tier appears in construct ids (`PublicSubnet1`) and in tags and names (`public`). */
export const TIER_NAMES: Record<SubnetTier, { readonly id: string; readonly label: string }> = {
  [SubnetTier.PUBLIC]: { id: 'Public', label: 'public' },
  [SubnetTier.PRIVATE]: { id: 'Private', label: 'private' },
  [SubnetTier.ISOLATED]: { id: 'Isolated', label: 'isolated' },
};

/**
 * Subnet slots per tier: room for 4 zones (8 beyond 4), so adding a zone later never renumbers existing subnets.
 * A zone count that is not a sensible whole number (it is reported elsewhere) lays out as the default.
 */
export function slotsPerTier(zoneCount: number): number {
  const safe = Number.isInteger(zoneCount) && zoneCount >= 1 && zoneCount <= 64 ? zoneCount : DEFAULT_ZONES;
  return nextPowerOfTwo(Math.max(safe, 4));
}

/** The prefix bits that split the VPC into tiers × slots; three tiers round up to four blocks, one kept for future tiers. */
export function tierBits(slots: number): number {
  return Math.log2(nextPowerOfTwo(TIERS.length * slots));
}
