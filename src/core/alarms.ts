import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { Duration } from './duration';
import { attached } from './private/brand';
import { checkAlarmArns } from './private/core-arguments';

/**
 * Where alarms notify. Implemented by `AlarmTopic`, or by {@link AlarmDestination.fromArns} for topics
 * and other alarm actions that already exist.
 */
export interface IAlarmDestination {
  /** The ARNs put in every alarm's `alarm_actions` and `ok_actions`. */
  readonly alarmActionArns: string[];
}

/**
 * Alarm destinations that already exist outside this stack.
 */
export class AlarmDestination {
  /** Notify existing SNS topics (or other CloudWatch alarm actions) by ARN. */
  public static fromArns(...arns: string[]): IAlarmDestination {
    checkAlarmArns(arns);
    return { alarmActionArns: arns };
  }

  private constructor() {}
}

/**
 * How urgent an alarm is.
 */
export enum AlarmSeverity {
  /** Users are (or are about to be) affected: page someone. */
  CRITICAL = 'CRITICAL',
  /** Redundancy is reduced or a limit is near: look at it during working hours. */
  WARNING = 'WARNING',
}

/**
 * Changes to one of a construct's default alarms. Every alarm is on by default.
 */
export interface AlarmOptions {
  /**
   * Create this alarm. Turning it off means nobody is told when this failure happens.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * The threshold the metric is compared with.
   * @default - the construct's documented default for this alarm
   */
  readonly threshold?: number;
  /**
   * How many periods are evaluated.
   * @default - the construct's documented default for this alarm
   */
  readonly evaluationPeriods?: number;
  /**
   * How many of the evaluated periods must breach to alarm.
   * @default - all evaluated periods
   */
  readonly datapointsToAlarm?: number;
  /**
   * The length of one period (10 s, 30 s or a multiple of 60 s).
   * @default - the construct's documented default for this alarm, usually 1 minute
   */
  readonly period?: Duration;
  /**
   * The severity.
   * @default - the construct's documented default for this alarm
   */
  readonly severity?: AlarmSeverity;
}

/**
 * One alarm created by a construct of this library, as listed by {@link AlarmRegistry}.
 */
export interface MonitoredAlarm {
  /** The path of the construct the alarm watches. */
  readonly constructPath: string;
  /** The alarm's stable key within its construct (e.g. `Elb5xx`). */
  readonly key: string;
  /** The alarm name in CloudWatch. */
  readonly alarmName: string;
  /** The alarm's severity. */
  readonly severity: AlarmSeverity;
  /** The alarm resource. */
  readonly alarm: CloudwatchMetricAlarm;
  /** Whether the alarm notifies anyone (has alarm actions). */
  readonly notifies: boolean;
}

/**
 * Lists the alarms that this library's constructs created in a stack: for reports, dashboards and
 * fault-injection stop conditions.
 *
 * ```ts
 * const critical = AlarmRegistry.of(stack).alarms.filter((a) => a.severity === AlarmSeverity.CRITICAL);
 * ```
 */
export class AlarmRegistry {
  /** The registry of the stack that contains `scope`. */
  public static of(scope: IConstruct): AlarmRegistry {
    return attached(TerraformStack.of(scope), 'AlarmRegistry', () => new AlarmRegistry());
  }

  private readonly entries: MonitoredAlarm[] = [];

  private constructor() {}

  /** Every alarm created so far in the stack, in creation order. */
  public get alarms(): MonitoredAlarm[] {
    return [...this.entries];
  }

  /** The alarms of one construct (matched by construct path prefix). */
  public alarmsOf(scope: IConstruct): MonitoredAlarm[] {
    const path = scope.node.path;
    return this.entries.filter((a) => a.constructPath === path || a.constructPath.startsWith(`${path}/`));
  }

  /** Records an alarm; called by the constructs that create alarms. */
  public register(alarm: MonitoredAlarm): void {
    this.entries.push(alarm);
  }
}
