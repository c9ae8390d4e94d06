import { ResilienceFacts } from '../resilience';

/** A copy of `facts` a caller may change without changing the construct's: what `resilienceFacts()` returns. */
export function copyFacts(facts: ResilienceFacts): ResilienceFacts {
  return { ...facts, acceptedSinglePointsOfFailure: [...(facts.acceptedSinglePointsOfFailure ?? [])] };
}
