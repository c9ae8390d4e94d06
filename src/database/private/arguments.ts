/*
 * The arguments of the database's factories (DatabaseEngine, Replication) as they arrive at run time: the right
 * types and only known options, thrown at once as one error naming the factory. What needs the network or the
 * engine (zones, counts, a supported version) is judged by the ReplicatedDatabase they are given to.
 */
import { KnownProps, checkStruct, isNetworkShape, isRecord } from '../../core/private/runtime';
import { PropValidator, isUnresolved } from '../../core/private/validation';
import type { AuroraReplicationOptions, CrossRegionReplicationOptions, MultiAzReplicationOptions } from '../replication';

const MULTI_AZ: KnownProps<MultiAzReplicationOptions> = { readReplicas: true };
const AURORA: KnownProps<AuroraReplicationOptions> = { readers: true, writerZone: true, readerZones: true };
const CROSS_REGION: KnownProps<CrossRegionReplicationOptions> = {
  readReplicas: true,
  provider: true,
  network: true,
  encryptionKeyArn: true,
  instanceClass: true,
  multiAz: true,
  alarms: true,
};

/** `DatabaseEngine.<engine>(version)`: a version string. */
export function checkEngineVersion(factory: string, version: unknown, example: string): void {
  const v = new PropValidator(factory);
  v.require('version', version, typeof version === 'string' && version.length > 0, `must be the engine version as a string, e.g. ${JSON.stringify(example)}`);
  v.throwIfInvalid();
}

/** `Replication.multiAz(options)`. */
export function checkMultiAzOptions(options: unknown): void {
  const v = new PropValidator('Replication.multiAz');
  if (checkStruct(v, '', options, MULTI_AZ, { example: '{ readReplicas: 1 }' }) && isRecord(options)) {
    numberOption(v, 'readReplicas', options.readReplicas);
  }
  v.throwIfInvalid();
}

/** `Replication.aurora(options)`. */
export function checkAuroraOptions(options: unknown): void {
  const v = new PropValidator('Replication.aurora');
  if (checkStruct(v, '', options, AURORA, { example: '{ readers: 2 }' }) && isRecord(options)) {
    numberOption(v, 'readers', options.readers);
    if (options.writerZone !== undefined && !isUnresolved(options.writerZone)) {
      v.require('writerZone', options.writerZone, typeof options.writerZone === 'string', 'must be a zone name like "eu-west-1a"');
    }
    const zones = options.readerZones;
    if (zones !== undefined && !isUnresolved(zones)) {
      v.require('readerZones', zones, Array.isArray(zones) && zones.every((z) => typeof z === 'string'), 'must be a list of zone names like ["eu-west-1b"]');
    }
  }
  v.throwIfInvalid();
}

/** `Replication.crossRegion(options)`: options are required (the provider and the network of the other region). */
export function checkCrossRegionOptions(options: unknown): void {
  const v = new PropValidator('Replication.crossRegion');
  if (checkStruct(v, '', options, CROSS_REGION, { example: '{ provider: drProvider, network: drNetwork }', required: true }) && isRecord(options)) {
    numberOption(v, 'readReplicas', options.readReplicas);
    if (options.provider === undefined) {
      v.require('provider', options.provider, false, 'is required: an AwsProvider for the disaster-recovery region, with an alias');
    }
    if (options.network === undefined || !isNetworkShape(options.network)) {
      v.require('network', options.network, false, 'must be the network in the disaster-recovery region (an INetwork such as MultiAzNetwork.fromExisting(...))');
    }
    if (options.alarms !== undefined) {
      const arns = (options.alarms as { alarmActionArns?: unknown }).alarmActionArns;
      v.require('alarms', options.alarms, Array.isArray(arns), 'must be an alarm destination (an AlarmTopic, or AlarmDestination.fromArns(...))');
    }
    if (options.multiAz !== undefined && !isUnresolved(options.multiAz)) {
      v.require('multiAz', options.multiAz, typeof options.multiAz === 'boolean', 'must be true or false');
    }
    for (const key of ['encryptionKeyArn', 'instanceClass'] as const) {
      const value = options[key];
      if (value !== undefined && !isUnresolved(value)) {
        v.require(key, value, typeof value === 'string', 'must be a string');
      }
    }
    if (options.provider !== undefined && typeof (options.provider as { terraformResourceType?: unknown }).terraformResourceType !== 'string') {
      v.require('provider', options.provider, false, 'must be an AwsProvider for the disaster-recovery region, with an alias');
    }
  }
  v.throwIfInvalid();
}

function numberOption(v: PropValidator, prop: string, value: unknown): void {
  if (value !== undefined && !isUnresolved(value)) {
    v.require(prop, value, typeof value === 'number' && Number.isFinite(value), 'must be a number');
  }
}
