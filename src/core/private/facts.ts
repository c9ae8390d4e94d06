import { ResilienceFacts } from '../resilience';

/** A copy of `facts` a caller may change without changing the construct's: what `resilienceFacts()` returns. */
export function copyFacts(facts: ResilienceFacts): ResilienceFacts {
  const copy: ResilienceFacts = { ...facts, acceptedSinglePointsOfFailure: [...(facts.acceptedSinglePointsOfFailure ?? [])] };
  return facts.recoverySteps ? { ...copy, recoverySteps: facts.recoverySteps.map((s) => ({ ...s })) } : copy;
}
