import { IConstruct } from 'constructs';
import { DEFAULT_CIDR, DEFAULT_ZONES, MAX_ZONES, MIN_SUBNET_PREFIX, TIERS, slotsPerTier, tierBits } from './layout';
import { NetworkSubnet } from '../../core/network';
import { isAligned, parseCidr } from '../../core/private/cidr';
import { ValidationError } from '../../core/private/errors';
import { literalAwsRegion, isZoneOfRegion } from '../../core/private/regions';
import { validateRemovalPolicy } from '../../core/private/retention';
import { KnownProps, RenamedProps, checkStruct, requireKnown } from '../../core/private/runtime';
import { validateNoPlainSecrets } from '../../core/private/secrets';
import { PropValidator, formatValue, isUnresolved } from '../../core/private/validation';
import type { ExistingNetworkProps } from '../existing-network';
import type { MultiAzNetworkProps } from '../multi-az-network';
import { FlowLogOptions, NatGatewayMode } from '../options';

/** Every problem of a MultiAzNetwork's props, thrown at once. */
export function validateMultiAzNetwork(scope: IConstruct, props: MultiAzNetworkProps): void {
  const v = new PropValidator('MultiAzNetwork', scope);
  validateNetworkShape(v, scope, props);
  validateSecretsAndRetention(v, scope, props);
  const zoneCount = validateZones(v, props);
  validateCidr(v, props, zoneCount);
  v.enumValue('natGateways', props.natGateways, NatGatewayMode, 'NatGatewayMode');

  // Its shape (an object of known props) is checked with the other props' (validateNetworkShape).
  const flowLogs = props.flowLogs;
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
    if (props.subnetPrefixLength !== undefined) {
      // Its lower bound depends on the block; the upper one does not.
      v.integer('subnetPrefixLength', props.subnetPrefixLength, 17, MIN_SUBNET_PREFIX, '(a subnet prefix length, checked against `cidr` once it is valid)');
    }
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
  validateExistingNetworkShape(v, scope, props);
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
    if (!Array.isArray(value) || !value.every(isNetworkSubnet) || !value.every((s) => Object.keys(s).every((k) => k in SUBNET_PROPS))) {
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

const NETWORK_PROPS: KnownProps<MultiAzNetworkProps> = {
  removalPolicy: true,
  cidr: true,
  zones: true,
  availabilityZones: true,
  subnetPrefixLength: true,
  natGateways: true,
  flowLogs: true,
  tags: true,
};
const NETWORK_RENAMED: RenamedProps = {
  maxAzs: 'Use `zones` (how many zones) or `availabilityZones` (which zones).',
  flowLogRetentionDays: 'Use `flowLogs: { retention: Duration.days(n) }`.',
  natGatewayMode: 'Use `natGateways`.',
};
const FLOW_LOG_PROPS: KnownProps<FlowLogOptions> = { enabled: true, retention: true, encryptionKeyArn: true };
const EXISTING_PROPS: KnownProps<ExistingNetworkProps> = {
  vpcId: true,
  vpcCidrBlock: true,
  publicSubnets: true,
  privateSubnets: true,
  isolatedSubnets: true,
};
const SUBNET_PROPS: KnownProps<NetworkSubnet> = { subnetId: true, zone: true, cidrBlock: true };

/**
 * The props as they arrive at run time: no unknown (misspelled or renamed) prop, no token where the value decides how
 * many resources are rendered, and zones of the AWS provider's region.
 */
function validateNetworkShape(v: PropValidator, scope: IConstruct, props: MultiAzNetworkProps): void {
  checkStruct(v, '', props, NETWORK_PROPS, { example: '{ zones: 3 }', renamed: NETWORK_RENAMED });
  requireKnown(v, scope, 'zones', props.zones, 'it decides how many subnets, route tables and NAT gateways are rendered');
  requireKnown(v, scope, 'availabilityZones', props.availabilityZones, 'it decides how many subnets, route tables and NAT gateways are rendered; a zone name in it may be a token');
  requireKnown(v, scope, 'subnetPrefixLength', props.subnetPrefixLength, 'it decides the CIDR block of every subnet');
  requireKnown(v, scope, 'flowLogs.enabled', props.flowLogs?.enabled, 'it decides whether the flow log resources are rendered');
  requireKnown(v, scope, 'tags', props.tags, 'the library adds its own tags to them; a tag value may be a token');
  checkStruct(v, 'flowLogs', props.flowLogs, FLOW_LOG_PROPS, { example: '{ retention: Duration.days(365) }' });
  const azs = props.availabilityZones;
  if (Array.isArray(azs) && !isUnresolved(azs)) {
    validateZoneNames(v, scope, 'availabilityZones', azs);
  }
}

/** The props of `MultiAzNetwork.fromExisting` as they arrive at run time. */
function validateExistingNetworkShape(v: PropValidator, scope: IConstruct, props: ExistingNetworkProps): void {
  checkStruct(v, '', props, EXISTING_PROPS, { example: '{ vpcId, vpcCidrBlock, privateSubnets: [{ subnetId, zone }] }' });
  for (const tier of ['publicSubnets', 'privateSubnets', 'isolatedSubnets'] as const) {
    const subnets = props[tier];
    requireKnown(v, scope, tier, subnets, 'the constructs placed in the network count its subnets and zones; a subnet id or zone in it may be a token');
  }
}

/**
 * Every literal zone name must belong to the region of the AWS provider the network's resources are created with: a
 * subnet in another region's zone fails at apply. Checked when the stack is synthesized, after aspects have given the
 * resources their provider (a disaster-recovery network gets its region's provider that way).
 */
function validateZoneNames(_v: PropValidator, scope: IConstruct, prop: string, zones: unknown[]): void {
  scope.node.addValidation({
    validate: () => {
      const vpc = scope.node.tryFindChild('Vpc') as { provider?: unknown } | undefined;
      const provider = vpc?.provider;
      const region = literalAwsRegion(scope, isProviderLike(provider) ? provider : undefined);
      if (region === undefined) {
        return [];
      }
      const problems = zones.flatMap((zone, i) =>
        typeof zone === 'string' && !isUnresolved(zone) && !isZoneOfRegion(zone, region)
          ? [`\`${prop}[${i}]\` must be an availability zone of the AWS provider's region ${region} (e.g. "${region}a"), got ${formatValue(zone)}. Use the zones of ${region}, or give the network's resources a provider of the zone's region.`]
          : [],
      );
      return problems.length === 0 ? [] : [new ValidationError('MultiAzNetwork', scope.node.path, problems).message];
    },
  });
}

function isProviderLike(value: unknown): value is import('cdktf').TerraformProvider {
  return typeof value === 'object' && value !== null && (value as { terraformResourceType?: unknown }).terraformResourceType !== undefined;
}
