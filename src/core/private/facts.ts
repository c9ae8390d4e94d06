import { ResilienceFacts } from '../resilience';

/** A copy of `facts` a caller may change without changing the construct's: what `resilienceFacts()` returns. */
export function copyFacts(facts: ResilienceFacts): ResilienceFacts {
  const copy: ResilienceFacts = { ...facts, acceptedSinglePointsOfFailure: [...(facts.acceptedSinglePointsOfFailure ?? [])] };
  return facts.recoverySteps ? { ...copy, recoverySteps: facts.recoverySteps.map((s) => ({ ...s })) } : copy;
}

/**
 * How many replicas survive the loss of `lost` zones when `replicas` are spread as evenly as possible over `zones`
 * zones and the zones holding the most replicas fail. (The resilience checks apply the same arithmetic in FT-TARGET-1.)
 */
export function survivingReplicas(replicas: number, zones: number, lost: number): number {
  if (lost >= zones) {
    return 0;
  }
  const perZone = Math.ceil(replicas / zones);
  const fullZones = replicas % zones === 0 ? zones : replicas % zones;
  const fromFull = Math.min(lost, fullZones) * perZone;
  const fromRest = Math.max(0, lost - fullZones) * (perZone - 1);
  return Math.max(0, replicas - fromFull - fromRest);
}
