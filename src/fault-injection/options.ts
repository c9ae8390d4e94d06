import type { IConstruct } from 'constructs';

/**
 * A construct that no fault experiment injects faults into, with the reason (shown in the experiments' report).
 */
export interface FaultExperimentOptOut {
  /** The construct; everything below it is left alone too. */
  readonly construct: IConstruct;
  /**
   * Why, as a sentence (at least 10 characters and two words): e.g. `'the payments sandbox has no standby'`.
   */
  readonly reason: string;
}
