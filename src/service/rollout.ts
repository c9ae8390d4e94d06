import { checkBlueGreenOptions, checkCanaryOptions } from './private/arguments';
import type { RolloutDescription } from './private/variants';
import type { Workload } from './workload';
import { Duration } from '../core/duration';
import { brand, isBranded } from '../core/private/brand';

/**
 * How a new version of a service replaces the running one.
 */
export enum RolloutStrategy {
  /** Replace replicas a few at a time, new ones first: capacity never drops below the minimum. */
  ROLLING = 'ROLLING',
  /** Two full-size colours; the load balancer sends all traffic to the active one, the other stands by. */
  BLUE_GREEN = 'BLUE_GREEN',
  /** A small second group (the canary) takes a share of the traffic next to the stable group. */
  CANARY = 'CANARY',
}

/**
 * The two colours of a blue/green rollout.
 */
export enum DeploymentColor {
  /** The blue colour. */
  BLUE = 'BLUE',
  /** The green colour. */
  GREEN = 'GREEN',
}

/**
 * Options of {@link Rollout.blueGreen}.
 */
export interface BlueGreenRolloutOptions {
  /** The colour that receives all traffic, and runs the service's `workload`. */
  readonly active: DeploymentColor;
  /**
   * What the idle colour runs: the next version, to try before switching, or the previous one, kept for an
   * instant switch back.
   * @default - the service's `workload`: the idle colour is a warm, full-size copy of the active one
   */
  readonly standby?: Workload;
}

/**
 * Options of {@link Rollout.canary}.
 */
export interface CanaryRolloutOptions {
  /**
   * The share of traffic the canary receives, in percent (1 to 99). On AWS the two target groups are weighted
   * `weight` and `100 - weight`; on Kubernetes the Service spreads requests over the pods of both Deployments, so
   * the canary gets `weight`% of the pods (rounded to at least one pod).
   */
  readonly weight: number;
  /**
   * How long a new version runs on a small share of replicas, watched by the alarms (AWS) or the probes
   * (Kubernetes), before the rest follow (1 minute to 48 hours). AWS: promoting a version (changing the
   * service's `workload`) replaces `weight`% of the stable group's instances first, waits `bakeTime` and rolls
   * back automatically when an alarm fires. Kubernetes: a canary pod counts as available only after being ready
   * for `bakeTime` (`min_ready_seconds`), so `terraform apply` of a new canary succeeds only once it has baked.
   * @default Duration.minutes(10)
   */
  readonly bakeTime?: Duration;
  /**
   * The version under test, run by the canary group. Promote it by making it the service's `workload` (and
   * removing it here); remove it to end a canary without promoting.
   * @default - the service's `workload`: between releases the canary group runs the stable version
   */
  readonly workload?: Workload;
}

/**
 * How new versions of a {@link MultiAzService} are rolled out. Every strategy keeps the declared minimum of
 * healthy replicas during a deployment and stops (and on AWS rolls back) a version that fails its health checks
 * or alarms.
 *
 * ```ts
 * Rollout.rolling();                                                        // the default
 * Rollout.blueGreen({ active: DeploymentColor.BLUE, standby: next });       // switch by flipping `active`
 * Rollout.canary({ weight: 10, bakeTime: Duration.minutes(10), workload: next });
 * ```
 */
export class Rollout {
  /**
   * Replace replicas a few at a time, starting new ones before stopping old ones. AWS: an instance refresh with
   * 100% minimum and 200% maximum healthy capacity, rolled back automatically when an alarm fires. Kubernetes:
   * `max_unavailable = 0`, `max_surge` 25% (at least 1).
   */
  public static rolling(): Rollout {
    return new Rollout({ strategy: RolloutStrategy.ROLLING });
  }

  /**
   * Two full-size colours. AWS: two Auto Scaling groups behind weighted target groups (active 100, idle 0).
   * Kubernetes: two Deployments; the Service selects the active colour's pods.
   */
  public static blueGreen(options: BlueGreenRolloutOptions): Rollout {
    checkBlueGreenOptions(options);
    return new Rollout({ strategy: RolloutStrategy.BLUE_GREEN, active: options?.active, standby: options?.standby });
  }

  /**
   * A stable group running the service's `workload`, and a canary group running `options.workload` that takes
   * `weight`% of the traffic. AWS: two Auto Scaling groups behind weighted target groups; the canary target
   * group's alarms roll the canary back. Kubernetes: a second Deployment sharing the Service's selector.
   */
  public static canary(options: CanaryRolloutOptions): Rollout {
    checkCanaryOptions(options);
    return new Rollout({
      strategy: RolloutStrategy.CANARY,
      weight: options?.weight,
      bakeTime: options?.bakeTime ?? DEFAULT_BAKE_TIME,
      workload: options?.workload,
    });
  }

  /** Whether `value` is a `Rollout` (also across copies of this library in one process). */
  public static isRollout(value: unknown): boolean {
    return isBranded(value, 'Rollout');
  }

  /** The strategy. */
  public readonly strategy: RolloutStrategy;

  private readonly description: RolloutDescription;

  private constructor(description: RolloutDescription) {
    this.strategy = description.strategy;
    this.description = description;
    brand(this, 'Rollout');
  }

  /** A short description for messages, e.g. `Rollout.canary({ weight: 10, bakeTime: 10min })`. */
  public toString(): string {
    const d = this.description;
    switch (d.strategy) {
      case RolloutStrategy.ROLLING:
        return 'Rollout.rolling()';
      case RolloutStrategy.BLUE_GREEN:
        return `Rollout.blueGreen({ active: ${String(d.active)}${d.standby !== undefined ? `, standby: ${String(d.standby)}` : ''} })`;
      case RolloutStrategy.CANARY:
        return `Rollout.canary({ weight: ${String(d.weight)}, bakeTime: ${String(d.bakeTime)}${d.workload !== undefined ? `, workload: ${String(d.workload)}` : ''} })`;
    }
  }

  /**
   * What the rollout declares, for validation and planning.
   * @internal
   */
  public _describe(): RolloutDescription {
    return this.description;
  }
}

const DEFAULT_BAKE_TIME = Duration.minutes(10);
