import 'cdktf/lib/testing/adapters/jest';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { reportOf } from './helpers';
import { ResilienceChecks } from '../../src';

/** Two single-AZ databases below `data`: `data/Primary` and `data/Reports`. */
function databases(s: TerraformStack): { data: Construct; primary: DbInstance; reports: DbInstance } {
  const data = new Construct(s, 'data');
  const primary = new DbInstance(data, 'Primary', { instanceClass: 'db.t3.micro' });
  const reports = new DbInstance(data, 'Reports', { instanceClass: 'db.t3.micro' });
  return { data, primary, reports };
}

function multiAz(report: ReturnType<typeof reportOf>) {
  return report.findings.filter((f) => f.ruleId === 'FT-DB-1').map((f) => [f.id, f.suppressionReason]);
}

describe('suppressions', () => {
  test('a suppression on a construct silences the rule on everything below it, with its reason', () => {
    const report = reportOf((s) => {
      const { data } = databases(s);
      ResilienceChecks.suppress(data, 'FT-DB-1', 'dev databases, no SLA');
    });
    expect(multiAz(report)).toEqual([
      ['FT-DB-1:data/Primary', 'dev databases, no SLA'],
      ['FT-DB-1:data/Reports', 'dev databases, no SLA'],
    ]);
    expect(report.errors.filter((f) => f.ruleId === 'FT-DB-1')).toEqual([]);
    expect(report.suppressed.filter((f) => f.ruleId === 'FT-DB-1')).toHaveLength(2);
    expect(report.suppressions).toEqual([{ ruleId: 'FT-DB-1', reason: 'dev databases, no SLA', constructPath: 'stack/data', appliesTo: undefined, matched: 2 }]);
  });

  test('a suppression only silences its rule', () => {
    const report = reportOf((s) => ResilienceChecks.suppress(databases(s).primary, 'FT-DB-1', 'dev database, no SLA'));
    expect(report.errors.map((f) => f.id)).toContain('FT-DB-4:data/Primary');
  });

  test.each([
    ['a finding id', () => 'FT-DB-1:data/Reports'],
    ['a path below the stack', () => 'data/Reports'],
    ['a path below the construct', () => 'Reports'],
    ['a full construct path', () => 'stack/data/Reports'],
    ['a Terraform address', (reports: DbInstance) => `aws_db_instance.${reports.friendlyUniqueId}`],
  ])('appliesTo limits it to one finding, given as %s', (_what, appliesTo) => {
    const report = reportOf((s) => {
      const { data, reports } = databases(s);
      ResilienceChecks.suppress(data, 'FT-DB-1', 'reporting replica tolerates a restore', { appliesTo: appliesTo(reports) });
    });
    expect(multiAz(report)).toEqual([
      ['FT-DB-1:data/Primary', undefined],
      ['FT-DB-1:data/Reports', 'reporting replica tolerates a restore'],
    ]);
  });

  test('the most specific suppression gives the reason; a stack-wide one applies too', () => {
    const report = reportOf((s) => {
      const { primary } = databases(s);
      ResilienceChecks.suppress(s, 'FT-DB-1', 'whole stack is a disposable preview environment');
      ResilienceChecks.suppress(primary, 'FT-DB-1', 'primary is restored from snapshots nightly');
    });
    expect(multiAz(report)).toEqual([
      ['FT-DB-1:data/Primary', 'primary is restored from snapshots nightly'],
      ['FT-DB-1:data/Reports', 'whole stack is a disposable preview environment'],
    ]);
  });

  test('a suppression that matches nothing is listed as stale (matched 0)', () => {
    const report = reportOf((s) => {
      const { data } = databases(s);
      ResilienceChecks.suppress(data, 'FT-LB-1', 'no load balancer here any more');
    });
    expect(report.suppressions.map((x) => [x.ruleId, x.matched])).toEqual([['FT-LB-1', 0]]);
  });

  test('suppressed errors do not fail the synth', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'stack');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    ResilienceChecks.of(stack);
    new DbInstance(stack, 'db', {
      instanceClass: 'db.t3.micro',
      engine: 'postgres',
      storageEncrypted: true,
      deletionProtection: true,
      manageMasterUserPassword: true,
      backupRetentionPeriod: 7,
      maxAllocatedStorage: 100,
      allocatedStorage: 20,
    });
    ResilienceChecks.suppress(stack, 'FT-DB-1', 'dev database, no SLA');
    expect(() => app.synth()).not.toThrow();
  });

  describe('the reason is required, as a sentence', () => {
    const suppress = (reason: string) => () => {
      const stack = new TerraformStack(Testing.app(), 'stack');
      ResilienceChecks.suppress(new DbInstance(stack, 'db', { instanceClass: 'db.t3.micro' }), 'FT-DB-1', reason);
    };
    test.each(['', '   ', 'dev', 'no-sla-dev-db', 'dev db'])('rejects %j', (reason) => {
      expect(suppress(reason)).toThrow(
        `ResilienceChecks.suppress("stack/db", "FT-DB-1"): the reason must be a sentence of at least 10 characters and two words saying why the finding is acceptable, got ${JSON.stringify(reason)}. Write who accepts the risk and why, e.g. 'dev database, no SLA'.`,
      );
    });
    test.each(['TODO fix later', 'to do later.', 'tbd tbd tbd', 'n/a n/a n/a'])('rejects the placeholder %j', (reason) => {
      expect(suppress(reason)).toThrow(/the reason must (say why the finding is acceptable, not be a placeholder|be a sentence, not one word repeated)/);
    });
    test('accepts a sentence', () => {
      expect(suppress('dev database, no SLA')).not.toThrow();
    });
  });

  test('an unknown rule is rejected', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(() => ResilienceChecks.suppress(stack, 'FT-DB-99', 'dev database, no SLA')).toThrow(
      'ResilienceChecks.suppress("stack", "FT-DB-99"): unknown rule; the rules are listed in RULES.md and by ResilienceChecks.rules().',
    );
  });

  test('an empty appliesTo is rejected', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(() => ResilienceChecks.suppress(stack, 'FT-DB-1', 'dev database, no SLA', { appliesTo: ' ' })).toThrow(
      'ResilienceChecks.suppress("stack", "FT-DB-1"): `appliesTo` must name a finding id, a construct path or a Terraform address, got " ".',
    );
  });
});
