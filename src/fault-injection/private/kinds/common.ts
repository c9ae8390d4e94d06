import { Duration } from '../../../core/duration';
import { FaultTarget } from '../../../core/fault-targets';
import { LABEL_MANAGED_BY } from '../../../core/private/kubernetes';
import { MANAGED_BY } from '../../../core/private/naming';
import { isoDuration } from '../fis-catalogue';
import { Involved } from '../inventory';
import { FisFilterPlan } from '../plan';

/** `1 zone`, `2 zones`. */
export function plural(count: number, noun: string, pluralNoun: string = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** `api` → `Api`, `shop/api-v2` → `ShopApiV2`: a construct id suffix. */
export function idOf(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p.length > 0)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
}

/** `shop/api` → `shop-api`: an experiment name segment. */
export function slugOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'construct';
}

/** The replicas a construct keeps running: its facts, else its target's. */
export function replicasOf(owner: Involved, target?: FaultTarget): number | undefined {
  return owner.facts.replicas ?? target?.replicas;
}

/**
 * The zones a construct's replicas are spread over: its facts, else one per replica when they are forced apart
 * (Kubernetes `DoNotSchedule` spread), as the resilience checks count them.
 */
export function zonesOf(owner: Involved): number | undefined {
  if (owner.facts.zones !== undefined) {
    return owner.facts.zones;
  }
  return owner.facts.spreadAcrossZones ? owner.facts.replicas : undefined;
}

/** `within 25s`, or nothing when the construct does not know its detection time. */
export function detectionClause(owner: Involved, subject: string): string | undefined {
  const d = owner.facts.failureDetection;
  return d && !d.isUnresolved ? `${subject} within ${d.toHumanString()}` : undefined;
}

/** The fault's length as FIS writes it. */
export function fisDuration(d: Duration): string {
  return isoDuration(d.toSeconds());
}

/** The fault's length as Chaos Mesh writes it (a Go duration). */
export function chaosDuration(d: Duration): string {
  return `${d.toSeconds()}s`;
}

/** Instances of a group that are running, inside its VPC: the filters that keep a FIS target inside this stack. */
export function runningInVpc(target: FaultTarget, zones?: string[]): FisFilterPlan[] {
  return [
    ...(zones ? [{ path: 'Placement.AvailabilityZone', values: zones }] : []),
    { path: 'State.Name', values: ['running'] },
    ...(target.vpcId ? [{ path: 'VpcId', values: [target.vpcId] }] : []),
  ];
}

/** The labels of every pod this library renders: what a zone partition cuts off (in one namespace). */
export const STACK_PODS = { [LABEL_MANAGED_BY]: MANAGED_BY };

/** The closing clause of every hypothesis on AWS. */
export const NO_USER_IMPACT = 'no alarm that says users are affected fires';
