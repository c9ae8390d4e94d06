import { IConstruct } from 'constructs';
import { NetworkSubnet } from '../../core/network';
import { isAligned, parseCidr } from '../../core/private/cidr';
import { validateRemovalPolicy } from '../../core/private/retention';
import { validateNoPlainSecrets } from '../../core/private/secrets';
import { PropValidator, formatValue, isUnresolved } from '../../core/private/validation';
import type { ExistingNetworkProps } from '../existing-network';
import type { MultiAzNetworkProps } from '../multi-az-network';
import { NatGatewayMode } from '../options';
import { DEFAULT_CIDR, DEFAULT_ZONES, MAX_ZONES, MIN_SUBNET_PREFIX, TIERS, slotsPerTier, tierBits } from './layout';

/** Every problem of a MultiAzNetwork's props, thrown at once. */
export function validateMultiAzNetwork(scope: IConstruct, props: MultiAzNetworkProps): void {
  const v = new PropValidator('MultiAzNetwork', scope);
  validateSecretsAndRetention(v, scope, props);
  const zoneCount = validateZones(v, props);
  validateCidr(v, props, zoneCount);
  v.enumValue('natGateways', props.natGateways, NatGatewayMode, 'NatGatewayMode');

  const flowLogs = props.flowLogs;
  if (flowLogs !== undefined) {
    v.require('flowLogs', flowLogs, isRecord(flowLogs), 'must be an object like { retention: Duration.days(365) }');
  }
  if (flowLogs !== undefined && isRecord(flowLogs)) {
    booleanProp(v, 'flowLogs.enabled', flowLogs.enabled);
    v.logRetention('flowLogs.retention', flowLogs.retention);
    v.kmsKeyArn('flowLogs.encryptionKeyArn', flowLogs.encryptionKeyArn);
  }
  if (props.tags !== undefined) {
    const tags = props.tags;
    v.require('tags', tags, () => isRecord(tags) && Object.values(tags).every((t) => typeof t === 'string'), 'must map tag keys to string values');
  }
  v.throwIfInvalid();
}

/** No secret in plain text anywhere in the props; a removal policy that is a member of RemovalPolicy. */
function validateSecretsAndRetention(v: PropValidator, scope: IConstruct, props: MultiAzNetworkProps): void {
  validateNoPlainSecrets(v, scope, props);
  validateRemovalPolicy(v, props.removalPolicy, { snapshots: false, what: 'flow logs' });
}

/** The zone count the rest of the validation lays out with. */
function validateZones(v: PropValidator, props: MultiAzNetworkProps): number {
  const azs = props.availabilityZones;
  if (azs === undefined) {
    const zones = props.zones ?? DEFAULT_ZONES;
    v.integer('zones', zones, 2, MAX_ZONES, `so the network survives the loss of a zone (AWS regions offer up to ${MAX_ZONES})`);
    return zones;
  }
  if (!Array.isArray(azs) || !azs.every((z) => typeof z === 'string')) {
    v.require('availabilityZones', azs, false, 'must be a list of availability zone names, e.g. ["eu-west-1a", "eu-west-1b"]');
    return DEFAULT_ZONES;
  }
  v.require(
    'availabilityZones',
    azs,
    azs.length >= 2,
    'must list at least 2 zones so the network survives the loss of a zone',
    'Add another availability zone of the region.',
  );
  v.require('availabilityZones', azs, azs.length <= MAX_ZONES, `must list at most ${MAX_ZONES} zones`);
  v.require('availabilityZones', azs, new Set(azs).size === azs.length, 'must not list a zone twice', 'Remove the duplicate zone.');
  if (props.zones !== undefined && !isUnresolved(props.zones)) {
    v.require(
      'zones',
      props.zones,
      props.zones === azs.length,
      `conflicts with \`availabilityZones\`, which lists ${azs.length} zones`,
      'Pass only one of `zones` and `availabilityZones`.',
    );
  }
  return azs.length;
}

function validateCidr(v: PropValidator, props: MultiAzNetworkProps, zoneCount: number): void {
  const cidr = props.cidr ?? DEFAULT_CIDR;
  if (isUnresolved(cidr)) {
    // Known at plan time only: Terraform lays the subnets out with cidrsubnet(), the largest that fit.
    if (props.subnetPrefixLength !== undefined) {
      v.fail(
        `\`subnetPrefixLength\` cannot be honoured with a \`cidr\` given as a token (its prefix length is unknown at synth time), got ${formatValue(props.subnetPrefixLength)}. Remove it, or pass \`cidr\` literally.`,
      );
    }
    return;
  }
  const parsed = typeof cidr === 'string' ? parseCidr(cidr) : undefined;
  if (!parsed) {
    v.require('cidr', cidr, false, 'must be an IPv4 CIDR block like "10.0.0.0/16"');
    return;
  }
  v.require('cidr', cidr, parsed.prefix >= 16 && parsed.prefix <= 24, 'must have a prefix length from /16 to /24 (AWS allows /16 to /28, and three tiers of subnets need room)');
  v.require('cidr', cidr, isAligned(parsed), 'must be a network address: its host bits must be zero', `Use "${cidr.replace(/\/\d+$/, '')}" aligned to its prefix, e.g. "10.0.0.0/16".`);
  const slots = slotsPerTier(zoneCount);
  const bits = tierBits(slots);
  const largest = parsed.prefix + bits;
  if (props.subnetPrefixLength !== undefined) {
    v.integer('subnetPrefixLength', props.subnetPrefixLength, largest, MIN_SUBNET_PREFIX, `to fit ${TIERS.length} tiers × ${slots} zone slots in ${cidr}`);
  } else if (largest > MIN_SUBNET_PREFIX) {
    v.require(
      'cidr',
      cidr,
      false,
      `is too small: ${TIERS.length} tiers × ${slots} zone slots need subnets of /${largest}, smaller than the AWS minimum /${MIN_SUBNET_PREFIX}`,
      `Use a /${MIN_SUBNET_PREFIX - bits} or larger block.`,
    );
  }
}

/** Every problem of the props of `MultiAzNetwork.fromExisting`, thrown at once. */
export function validateExistingNetwork(scope: IConstruct, props: ExistingNetworkProps): void {
  const v = new PropValidator('MultiAzNetwork.fromExisting', scope);
  v.require('vpcId', props.vpcId, typeof props.vpcId === 'string' && props.vpcId.length > 0, 'must be the VPC id, e.g. "vpc-0123456789abcdef0"');
  const cidr = props.vpcCidrBlock;
  v.require('vpcCidrBlock', cidr, typeof cidr === 'string' && parseCidr(cidr) !== undefined, 'must be the VPC\'s IPv4 CIDR block, e.g. "10.0.0.0/16"');

  const tiers: Array<[string, unknown]> = [
    ['publicSubnets', props.publicSubnets],
    ['privateSubnets', props.privateSubnets],
    ['isolatedSubnets', props.isolatedSubnets],
  ];
  if (tiers.every(([, subnets]) => subnets === undefined || (Array.isArray(subnets) && subnets.length === 0))) {
    v.fail('at least one of `publicSubnets`, `privateSubnets` or `isolatedSubnets` must list subnets, got none.');
  }
  for (const [prop, value] of tiers) {
    if (value === undefined || isUnresolved(value)) {
      continue;
    }
    if (!Array.isArray(value) || !value.every(isNetworkSubnet)) {
      v.require(prop, value, false, 'must list subnets as { subnetId, zone }, e.g. [{ subnetId: "subnet-1", zone: "eu-west-1a" }]');
      continue;
    }
    const subnets = value as NetworkSubnet[];
    if (subnets.length === 0) {
      continue;
    }
    const zones = subnets.map((s) => s.zone).filter((z) => !isUnresolved(z));
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
}

function isNetworkSubnet(value: unknown): boolean {
  if (!isRecord(value)) {
    return false;
  }
  const { subnetId, zone, cidrBlock } = value as Record<string, unknown>;
  return typeof subnetId === 'string' && subnetId.length > 0 && typeof zone === 'string' && zone.length > 0 && (cidrBlock === undefined || typeof cidrBlock === 'string');
}

function isRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function booleanProp(v: PropValidator, prop: string, value: unknown): void {
  if (value !== undefined) {
    v.require(prop, value, typeof value === 'boolean', 'must be true or false');
  }
}
