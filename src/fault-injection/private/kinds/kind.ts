import { FaultExperimentKind } from '../../../core/fault-experiments';
import { ExperimentPlan, PlanningContext } from '../plan';

/** Derives the experiments of one kind from what the stack's constructs report. */
export interface KindPlanner {
  readonly kind: FaultExperimentKind;
  /** Every experiment of the kind (AWS and Kubernetes); `context.note` says why a construct got none. */
  plan(context: PlanningContext): ExperimentPlan[];
}
