import * as fc from 'fast-check';
import { awsStack } from './stacks';
import { Duration, FaultExperiments, FaultExperimentsProps, ResilienceTarget } from '../../src';

function problemsOf(props: FaultExperimentsProps): string {
  const { stack } = awsStack();
  try {
    FaultExperiments.of(stack, props);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

const PREFIX = 'FaultExperiments "shop/FaultExperiments": ';

describe('FaultExperiments validation', () => {
  test.each<[string, FaultExperimentsProps, string]>([
    [
      'more zones than the target tolerates',
      { target: ResilienceTarget.survive({ zoneLoss: 1 }), zones: ['eu-west-1a', 'eu-west-1b'] },
      '`zones` lists 2 zones, but the target tolerates the loss of 1: an experiment never injects more than the target says the stack tolerates, ' +
        'got ["eu-west-1a", "eu-west-1b"]. List at most 1 zone, or raise `target.zoneLoss`.',
    ],
    [
      'a zone when the target tolerates no zone loss',
      { target: ResilienceTarget.survive({ zoneLoss: 0 }), zones: ['eu-west-1a'] },
      '`zones` lists 1 zone, but the target tolerates the loss of 0: an experiment never injects more than the target says the stack tolerates, ' +
        'got ["eu-west-1a"]. List at most 0 zones, or raise `target.zoneLoss`.',
    ],
    ['a zone listed twice', { zones: ['eu-west-1a', 'eu-west-1a'] }, '`zones` must not list a zone twice, got ["eu-west-1a", "eu-west-1a"].'],
    ['an empty zone name', { zones: [''] }, '`zones` must be a list of zone names such as "eu-west-1a", got [""].'],
    ['a fault shorter than a minute', { faultDuration: Duration.seconds(30) }, '`faultDuration` must be a whole number of seconds from 1min to 12h (FIS actions last 1 minute to 12 hours), got 30s.'],
    ['a fault longer than 12 hours', { faultDuration: Duration.hours(13) }, '`faultDuration` must be a whole number of seconds from 1min to 12h (FIS actions last 1 minute to 12 hours), got 13h.'],
    ['a duration given as a number', { faultDuration: 600 as any }, '`faultDuration` must be a Duration, e.g. `Duration.seconds(30)`, got 600.'],
    ['an unknown kind', { kinds: ['REGION_LOSS' as any] }, '`kinds[0]` must be one of FaultExperimentKind.ZONE_LOSS, FaultExperimentKind.INSTANCE_LOSS, FaultExperimentKind.DATABASE_FAILOVER, FaultExperimentKind.CPU_STRESS, got "REGION_LOSS".'],
    ['a target that is not one', { target: { zoneLoss: 1.5 } as any }, '`target` must be a resilience target with a whole `zoneLoss` from 0 to 5, got {"zoneLoss":1.5}. Pass `ResilienceTarget.survive({ zoneLoss: 1 })`.'],
    [
      'a stop condition that is not an alarm ARN',
      { stopConditionAlarmArns: ['arn:aws:sns:eu-west-1:123456789012:oncall'] },
      '`stopConditionAlarmArns[0]` must be a CloudWatch alarm ARN like "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:name", got "arn:aws:sns:eu-west-1:123456789012:oncall".',
    ],
    ['a log retention CloudWatch Logs does not offer', { logRetention: Duration.days(10) }, '`logRetention` must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days (the retention periods CloudWatch Logs accepts), got 10d.'],
    ['a key alias instead of a key', { logEncryptionKeyArn: 'arn:aws:kms:eu-west-1:123456789012:alias/logs' }, '`logEncryptionKeyArn` must be a KMS key ARN like "arn:aws:kms:eu-west-1:123456789012:key/..." (not an alias: the service needs the key itself), got "arn:aws:kms:eu-west-1:123456789012:alias/logs".'],
    ['a schedule that is not cron', { schedule: 'every tuesday' }, '`schedule` must be a cron schedule of 5 fields (e.g. "0 10 * * 2", Tuesdays at 10:00) or a descriptor such as "@weekly" or "@every 168h", got "every tuesday".'],
    ['outputs that are not a boolean', { outputs: 'yes' as any }, '`outputs` must be true or false, got "yes".'],
    ['tags that are not strings', { tags: { team: 1 } as any }, '`tags` must map tag keys to string values, got {"team":1}.'],
  ])('%s', (_name, props, message) => {
    expect(problemsOf(props)).toBe(`${PREFIX}${message}`);
  });

  test('an opt-out needs a construct and a reason that says why', () => {
    const { stack, db } = awsStack();
    expect(() => FaultExperiments.of(stack, { exclude: [{ construct: db, reason: 'todo' }, { construct: 'db' as any, reason: 'the database is a sandbox' }] })).toThrow(
      `${PREFIX.replace(': ', '')} has 2 invalid props:\n` +
        '  - `exclude[0].reason` must be a sentence of at least 10 characters and two words saying why, got "todo". E.g. `\'the sandbox database has no standby\'`.\n' +
        '  - `exclude[1].construct` must be a construct of the stack, got {"construct":"db","reason":"the database is a sandbox"}.',
    );
  });

  test('every problem is reported at once', () => {
    const message = problemsOf({ zones: ['a', 'b'], faultDuration: Duration.seconds(1), outputs: 1 as any });
    expect(message.split('\n')).toEqual([
      `${PREFIX.replace(': ', '')} has 3 invalid props:`,
      expect.stringContaining('`zones` lists 2 zones'),
      expect.stringContaining('`faultDuration` must be'),
      expect.stringContaining('`outputs` must be true or false'),
    ]);
  });

  test('property: zones beyond the target\'s zone loss are always refused, within it never', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 }), (zoneLoss, count) => {
        const zones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'].slice(0, count);
        const message = problemsOf({ target: ResilienceTarget.survive({ zoneLoss }), zones });
        return count > zoneLoss ? message.includes('an experiment never injects more than the target says the stack tolerates') : message === '';
      }),
      { numRuns: 12 },
    );
  });

  test('property: any fault duration outside 1 minute to 12 hours is refused', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 43201, max: 10 ** 6 })), (seconds) =>
        problemsOf({ faultDuration: Duration.seconds(seconds), kinds: [] }).includes('`faultDuration` must be a whole number of seconds from 1min to 12h'),
      ),
      { numRuns: 8 },
    );
  });
});
