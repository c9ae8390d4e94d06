import { Duration } from '../core/duration';
import { brand } from '../core/private/brand';
import { KnownProps, checkStruct, requireKnown } from '../core/private/runtime';
import { PropValidator } from '../core/private/validation';
import { IResilienceTarget } from '../core/resilience';

/**
 * Props of {@link ResilienceTarget.survive}.
 */
export interface SurvivalTargetProps {
  /**
   * How many availability zones may fail at once while every construct keeps serving (0 to 5).
   * @default 1
   */
  readonly zoneLoss?: number;
  /**
   * How many regions may fail at once while the stack keeps serving (0 to 5): a `RegionalFailover` must span more
   * regions than that, and its regional recovery time and recovery point are checked against `recoveryTime` and
   * `recoveryPoint` like every other construct's.
   * @default 0 - region loss is not checked
   */
  readonly regionLoss?: number;
  /**
   * The longest time any construct may take to detect a failure (health checks, probes, alarms). Also the limit the
   * target-group and readiness-probe rules (FT-LB-6, FT-K8S-11) apply.
   * @default Duration.minutes(1)
   */
  readonly maxDetection?: Duration;
  /**
   * The longest time from a failure to traffic being served again: detection plus failover.
   * @default - recovery time is not checked
   */
  readonly recoveryTime?: Duration;
  /**
   * The most data a failover may lose (replication lag bound); `Duration.seconds(0)` demands synchronous replication.
   * @default - recovery point is not checked
   */
  readonly recoveryPoint?: Duration;
}

/**
 * What a whole stack must survive, declared on `ResilienceChecks` and checked against the resilience facts that
 * each construct of this library reports:
 *
 * ```ts
 * ResilienceChecks.of(stack, {
 *   target: ResilienceTarget.survive({ zoneLoss: 1, maxDetection: Duration.seconds(30) }),
 * });
 * ```
 */
export class ResilienceTarget implements IResilienceTarget {
  /** Survive the loss of `zoneLoss` zones (and `regionLoss` regions), detecting failures within `maxDetection`. */
  public static survive(props: SurvivalTargetProps = {}): ResilienceTarget {
    return new ResilienceTarget(props);
  }

  /** How many zones may fail at once. */
  public readonly zoneLoss: number;
  /** How many regions may fail at once (0: region loss is not checked). */
  public readonly regionLoss: number;
  /** The longest acceptable failure detection. */
  public readonly maxDetection: Duration;
  /** The longest acceptable recovery (detection plus failover), if declared. */
  public readonly recoveryTime?: Duration;
  /** The most data a failover may lose, if declared. */
  public readonly recoveryPoint?: Duration;

  private constructor(input: SurvivalTargetProps) {
    brand(this, 'ResilienceTarget');
    const v = new PropValidator('ResilienceTarget.survive');
    const props = checkStruct<SurvivalTargetProps>(v, '', input, TARGET_PROPS, { example: '{ zoneLoss: 1, maxDetection: Duration.seconds(30) }' }) ? input : {};
    const zoneLoss = props.zoneLoss ?? 1;
    if (requireKnown(v, undefined, 'zoneLoss', zoneLoss, 'the checks compare it with each construct\'s zones')) {
      v.require('zoneLoss', zoneLoss, typeof zoneLoss === 'number' && Number.isInteger(zoneLoss) && zoneLoss >= 0 && zoneLoss <= 5, 'must be a whole number from 0 to 5 (AWS regions have up to 6 zones)');
    }
    const regionLoss = props.regionLoss ?? 0;
    if (requireKnown(v, undefined, 'regionLoss', regionLoss, 'the checks compare it with each construct\'s regions')) {
      v.require('regionLoss', regionLoss, typeof regionLoss === 'number' && Number.isInteger(regionLoss) && regionLoss >= 0 && regionLoss <= 5, 'must be a whole number from 0 to 5 (a RegionalFailover spans 2 regions, so 1 is the most it survives)');
    }
    const durations: Array<[string, Duration | undefined]> = [
      ['maxDetection', props.maxDetection],
      ['recoveryTime', props.recoveryTime],
      ['recoveryPoint', props.recoveryPoint],
    ];
    for (const [name, d] of durations) {
      if (d !== undefined && requireKnown(v, undefined, name, d, 'the checks compare it with each construct\'s facts')) {
        v.require(name, d, Duration.isDuration(d), 'must be a Duration, e.g. `Duration.seconds(30)`');
      }
    }
    const max = props.maxDetection;
    if (max !== undefined && Duration.isDuration(max) && !max.isUnresolved && max.toMilliseconds() === 0) {
      v.fail('`maxDetection` must be longer than 0 s: no check detects a failure instantly, got 0s.');
    }
    v.throwIfInvalid();
    this.zoneLoss = zoneLoss;
    this.regionLoss = regionLoss;
    this.maxDetection = props.maxDetection ?? Duration.minutes(1);
    this.recoveryTime = props.recoveryTime;
    this.recoveryPoint = props.recoveryPoint;
  }

  /** E.g. `tolerate the loss of 1 zone, detect failures within 30s`. */
  public toString(): string {
    const regions = this.regionLoss > 0 ? ` and ${this.regionLoss} ${this.regionLoss === 1 ? 'region' : 'regions'}` : '';
    const parts = [
      `tolerate the loss of ${this.zoneLoss} ${this.zoneLoss === 1 ? 'zone' : 'zones'}${regions}`,
      `detect failures within ${this.maxDetection.toHumanString()}`,
    ];
    if (this.recoveryTime) {
      parts.push(`recover within ${this.recoveryTime.toHumanString()}`);
    }
    if (this.recoveryPoint) {
      parts.push(`lose at most ${this.recoveryPoint.toHumanString()} of data`);
    }
    return parts.join(', ');
  }
}

const TARGET_PROPS: KnownProps<SurvivalTargetProps> = {
  zoneLoss: true,
  regionLoss: true,
  maxDetection: true,
  recoveryTime: true,
  recoveryPoint: true,
};
