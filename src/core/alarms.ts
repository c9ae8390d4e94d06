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
    return { alarmActionArns: arns };
  }

  private constructor() {}
}
