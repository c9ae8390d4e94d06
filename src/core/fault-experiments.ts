import { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { PlatformKind } from './platform';
import { attached } from './private/brand';

/**
 * The kinds of fault experiment this library derives from a stack's constructs.
 */
export enum FaultExperimentKind {
  /**
   * The loss of whole zones, composed like the AWS FIS scenario "AZ Availability: Power Interruption": instances
   * stopped, subnets cut off, no new capacity there, databases failed over (AWS); pods failed and the zone
   * partitioned from the others (Kubernetes). Never more zones than the target's `zoneLoss`.
   */
  ZONE_LOSS = 'ZONE_LOSS',
  /** One replica of each service lost: an instance terminated (AWS), a pod killed (Kubernetes). */
  INSTANCE_LOSS = 'INSTANCE_LOSS',
  /** Each database failed over to its standby or a reader (AWS). */
  DATABASE_FAILOVER = 'DATABASE_FAILOVER',
  /** The CPU of one replica of each service saturated (AWS Systems Manager `AWSFIS-Run-CPU-Stress`, Chaos Mesh StressChaos). */
  CPU_STRESS = 'CPU_STRESS',
}

/**
 * One fault experiment declared in a stack, as the resilience report lists it.
 */
export interface DeclaredFaultExperiment {
  /** The experiment's name, unique in the stack (e.g. `zone-loss`, `instance-loss-api`). */
  readonly name: string;
  /** What it injects. */
  readonly kind: FaultExperimentKind;
  /** Where it runs. */
  readonly platform: PlatformKind;
  /** What must hold while the fault lasts, in numbers taken from the constructs' facts. */
  readonly hypothesis: string;
  /** How much it breaks, e.g. `1 zone (eu-west-1a)` or `1 of 3 instances of api`. */
  readonly blastRadius: string;
  /** The names of the CloudWatch alarms that stop it (AWS); empty on Kubernetes, where `duration` bounds it. */
  readonly stopConditions: string[];
  /** The paths of the constructs it tests. */
  readonly constructPaths: string[];
  /** The construct paths of the resources that implement it (the FIS template, the Chaos Mesh objects). */
  readonly resourcePaths: string[];
}

/**
 * Lists the fault experiments declared in a stack: for the resilience report, dashboards and CI.
 */
export class FaultExperimentRegistry {
  /** The registry of the stack that contains `scope`. */
  public static of(scope: IConstruct): FaultExperimentRegistry {
    return attached(TerraformStack.of(scope), 'FaultExperimentRegistry', () => new FaultExperimentRegistry());
  }

  private readonly entries: DeclaredFaultExperiment[] = [];

  private constructor() {}

  /** Every experiment declared so far in the stack, in declaration order. */
  public get experiments(): DeclaredFaultExperiment[] {
    return this.entries.map((e) => ({
      ...e,
      stopConditions: [...e.stopConditions],
      constructPaths: [...e.constructPaths],
      resourcePaths: [...e.resourcePaths],
    }));
  }

  /** Records an experiment; called by the construct that declares it. */
  public register(experiment: DeclaredFaultExperiment): void {
    this.entries.push(experiment);
  }
}
