import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { CONSTRUCT_PATH_TAG, pathInStack } from './naming';
import { AlarmSeverity, MonitoredAlarm } from '../alarms';
import { FaultTarget } from '../fault-targets';

/** The tag value `ft:construct-path` of a construct's resources: `<stack>/<path below the stack>`. */
export function constructPathTagValue(scope: IConstruct): string {
  return `${TerraformStack.of(scope).node.id}/${pathInStack(scope)}`;
}

/** The `ft:construct-path` tag of a construct's resources, which selects them and nothing outside this stack. */
export function constructPathTag(scope: IConstruct): Record<string, string> {
  return { [CONSTRUCT_PATH_TAG]: constructPathTagValue(scope) };
}

/**
 * The alarms that say users are affected, among `alarms`: the critical ones, except those whose key is in
 * `capacityKeys` (reduced capacity that a fault experiment causes on purpose).
 */
export function userImpactAlarms(alarms: readonly MonitoredAlarm[], capacityKeys: readonly string[] = []): MonitoredAlarm[] {
  return alarms.filter((a) => a.severity === AlarmSeverity.CRITICAL && !capacityKeys.some((k) => a.key.endsWith(k)));
}

/** A copy of fault targets a caller may change without changing the construct's: what `faultTargets()` returns. */
export function copyFaultTargets(targets: readonly FaultTarget[]): FaultTarget[] {
  return targets.map((t) => ({
    ...t,
    tags: t.tags ? { ...t.tags } : undefined,
    zones: t.zones ? [...t.zones] : undefined,
    subnets: t.subnets ? t.subnets.map((s) => ({ ...s })) : undefined,
    podSelector: t.podSelector ? { ...t.podSelector } : undefined,
    stopConditions: t.stopConditions ? [...t.stopConditions] : undefined,
  }));
}
