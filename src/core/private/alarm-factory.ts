import { Construct } from 'constructs';
import { Duration } from '../duration';
import { renderedPath } from './moves';
import { awsTags, claimPhysicalName, fitDescription, physicalName } from './naming';
import { KnownProps, checkStruct, isRecord, requireKnown, unknownProps } from './runtime';
import { PropValidator } from './validation';
import { IAlarmDestination, AlarmOptions, AlarmRegistry, AlarmSeverity, MonitoredAlarm } from '../alarms';

/** A default alarm of a construct, before the user's {@link AlarmOptions} are applied. */
export interface AlarmDefinition {
  /** Stable key, also the construct id of the alarm resource and the suffix of its name (`Elb5xx`). */
  readonly key: string;
  /** What is wrong, one sentence. */
  readonly summary: string;
  /** What the person paged should do, one or two sentences. */
  readonly action: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, string>;
  /** `Sum`, `Average`, `Maximum`, `Minimum`, `SampleCount`, or a percentile like `p99`. */
  readonly statistic: string;
  readonly comparison:
  | 'GreaterThanOrEqualToThreshold'
  | 'GreaterThanThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm?: number;
  readonly period: Duration;
  readonly severity: AlarmSeverity;
  /** @default 'notBreaching' */
  readonly treatMissingData?: 'missing' | 'ignore' | 'breaching' | 'notBreaching';
}

/** The options of one alarm, for the unknown-prop check. */
export const ALARM_OPTION_PROPS: KnownProps<AlarmOptions> = {
  enabled: true,
  threshold: true,
  evaluationPeriods: true,
  datapointsToAlarm: true,
  period: true,
  severity: true,
};

/**
 * Validates the user's alarm options of a construct (prop `alarms.<key>`), collecting problems in `v`. `keys`, when
 * given, are the alarms the construct has: another key is reported (with "did you mean").
 */
export function validateAlarmOptions(
  v: PropValidator,
  prop: string,
  options: { [key: string]: AlarmOptions | undefined } | undefined,
  keys?: string[],
): void {
  if (options === undefined) {
    return;
  }
  if (!isRecord(options)) {
    v.require(prop, options, false, 'must be an object of alarm options by alarm, like { cpuUtilization: { threshold: 90 } }');
    return;
  }
  if (keys !== undefined) {
    unknownProps(v, prop, options, keys);
  }
  for (const [key, o] of Object.entries(options)) {
    if (o === undefined || !checkStruct<AlarmOptions>(v, `${prop}.${key}`, o, ALARM_OPTION_PROPS, { example: '{ threshold: 90, evaluationPeriods: 5 }' })) {
      continue;
    }
    if (o.enabled !== undefined) {
      requireKnown(v, undefined, `${prop}.${key}.enabled`, o.enabled, 'it decides whether the alarm is rendered');
      v.require(`${prop}.${key}.enabled`, o.enabled, typeof o.enabled === 'boolean', 'must be true or false');
    }
    if (o.evaluationPeriods !== undefined) {
      v.integer(`${prop}.${key}.evaluationPeriods`, o.evaluationPeriods, 1, 100);
    }
    if (o.datapointsToAlarm !== undefined) {
      const evaluated = typeof o.evaluationPeriods === 'number' && Number.isInteger(o.evaluationPeriods) && o.evaluationPeriods >= 1 ? o.evaluationPeriods : 100;
      v.integer(`${prop}.${key}.datapointsToAlarm`, o.datapointsToAlarm, 1, evaluated, 'and at most `evaluationPeriods`');
    }
    if (o.threshold !== undefined) {
      v.require(`${prop}.${key}.threshold`, o.threshold, typeof o.threshold === 'number' && Number.isFinite(o.threshold), 'must be a finite number');
    }
    if (o.period !== undefined) {
      const period = o.period;
      if (!Duration.isDuration(period)) {
        v.require(`${prop}.${key}.period`, period, false, 'must be a Duration, e.g. `Duration.minutes(1)`');
      } else {
        v.require(
          `${prop}.${key}.period`,
          period,
          () => {
            const s = period.toMilliseconds() / 1000;
            return s === 10 || s === 30 || (s >= 60 && s % 60 === 0);
          },
          'must be 10 s, 30 s or a whole number of minutes',
        );
      }
    }
    v.enumValue(`${prop}.${key}.severity`, o.severity, AlarmSeverity, 'AlarmSeverity');
  }
}

/**
 * Creates a construct's alarms with stable names, descriptions that say what to do, and the platform's
 * destination on both `alarm_actions` and `ok_actions`; registers them in the stack's {@link AlarmRegistry}.
 */
export class AlarmFactory {
  private readonly created: MonitoredAlarm[] = [];

  /**
   * @param scope the construct the alarms belong to; alarms are created under `<scope>/Alarms/<key>`
   * @param destination where alarms notify, if anywhere
   * @param overrides the user's `alarms` prop, keyed by the alarm's camel-case name
   */
  constructor(
    private readonly scope: Construct,
    private readonly destination: IAlarmDestination | undefined,
    private readonly overrides: { [key: string]: AlarmOptions | undefined } = {},
  ) {}

  /** The alarms created by this factory. */
  public get alarms(): MonitoredAlarm[] {
    return [...this.created];
  }

  /**
   * Creates the alarm unless the user turned it off. `optionKey` is the name of the alarm in the construct's
   * alarm props (e.g. `elb5xx`).
   */
  public create(optionKey: string, definition: AlarmDefinition): MonitoredAlarm | undefined {
    const options = this.overrides[optionKey] ?? {};
    if (options.enabled === false) {
      return undefined;
    }
    const severity = options.severity ?? definition.severity;
    const name = physicalName(this.scope, definition.key, { maxLength: 255, lowerCase: false });
    claimPhysicalName(this.scope, 'aws_cloudwatch_metric_alarm', 'alarm_name', name);
    const evaluationPeriods = options.evaluationPeriods ?? definition.evaluationPeriods;
    const threshold = options.threshold ?? definition.threshold;
    const period = options.period ?? definition.period;
    const percentile = /^p\d+(\.\d+)?$/.test(definition.statistic);
    const actions = this.destination?.alarmActionArns ?? [];
    // Loaded on first use: every construct's validation imports this module (validateAlarmOptions) when the library is
    // required, and must not load the AWS bindings with it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { CloudwatchMetricAlarm } = require('@cdktf/provider-aws/lib/cloudwatch-metric-alarm') as typeof import('@cdktf/provider-aws/lib/cloudwatch-metric-alarm');
    const alarm = new CloudwatchMetricAlarm(this.alarmScope(), definition.key, {
      alarmName: name,
      alarmDescription: fitDescription(`[${severity}] ${definition.summary} ${definition.action} (construct: ${renderedPath(this.scope)})`, 1024),
      namespace: definition.namespace,
      metricName: definition.metricName,
      dimensions: definition.dimensions,
      statistic: percentile ? undefined : definition.statistic,
      extendedStatistic: percentile ? definition.statistic : undefined,
      comparisonOperator: definition.comparison,
      threshold,
      evaluationPeriods,
      datapointsToAlarm: options.datapointsToAlarm ?? definition.datapointsToAlarm ?? evaluationPeriods,
      period: period.toSeconds(),
      treatMissingData: definition.treatMissingData ?? 'notBreaching',
      actionsEnabled: true,
      alarmActions: actions.length > 0 ? actions : undefined,
      okActions: actions.length > 0 ? actions : undefined,
      tags: awsTags(this.scope, name, { 'ft:severity': severity.toLowerCase() }),
    });
    const monitored: MonitoredAlarm = {
      constructPath: this.scope.node.path,
      key: definition.key,
      alarmName: name,
      severity,
      alarm,
      notifies: actions.length > 0,
    };
    this.created.push(monitored);
    AlarmRegistry.of(this.scope).register(monitored);
    return monitored;
  }

  private alarmScope(): Construct {
    const existing = this.scope.node.tryFindChild('Alarms');
    return (existing as Construct | undefined) ?? new Construct(this.scope, 'Alarms');
  }
}
