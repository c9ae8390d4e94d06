import type { Duration } from '../../core/duration';
import type { DeploymentColor, Rollout, RolloutStrategy } from '../rollout';
import type { ContainerWorkloadProps, MachineImageWorkloadProps, Workload, WorkloadType } from '../workload';

/** What a {@link Rollout} declares, as validation and planning read it. */
export type RolloutDescription =
  | { readonly strategy: RolloutStrategy.ROLLING }
  | { readonly strategy: RolloutStrategy.BLUE_GREEN; readonly active: DeploymentColor; readonly standby?: Workload }
  | { readonly strategy: RolloutStrategy.CANARY; readonly weight: number; readonly bakeTime: Duration; readonly workload?: Workload };

/** What a {@link Workload} declares, as validation and planning read it. */
export type WorkloadDescription =
  | { readonly workloadType: WorkloadType.CONTAINER; readonly port: number; readonly container: ContainerWorkloadProps }
  | { readonly workloadType: WorkloadType.MACHINE_IMAGE; readonly port: number; readonly machineImage: MachineImageWorkloadProps };
