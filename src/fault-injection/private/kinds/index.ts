import { cpuStress } from './cpu-stress';
import { databaseFailover } from './database-failover';
import { instanceLoss } from './instance-loss';
import { KindPlanner } from './kind';
import { zoneLoss } from './zone-loss';

/**
 * Every kind of experiment, in the order experiments are declared. Adding a kind: write a `KindPlanner` in a file
 * of this folder (what it injects per platform, its hypothesis in numbers from the facts, its blast radius), add its
 * `FaultExperimentKind` member in core, list it here, and give every FIS action it uses a catalogue entry
 * (`fis-catalogue.ts`) and a policy (`iam.ts`).
 */
export const KIND_PLANNERS: KindPlanner[] = [zoneLoss, instanceLoss, databaseFailover, cpuStress];
