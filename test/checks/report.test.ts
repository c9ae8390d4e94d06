import 'cdktf/lib/testing/adapters/jest';
import * as fs from 'fs';
import * as path from 'path';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { Duration, MultiAzNetwork, ResilienceChecks, ResilienceChecksProps, ResilienceTarget } from '../../src';

/** A stack with a network, a suppressed single-AZ database and an unprotected, single-zone load balancer. */
function build(props: ResilienceChecksProps = {}): { app: App; stack: TerraformStack; checks: ResilienceChecks } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'web');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const checks = ResilienceChecks.of(stack, { target: ResilienceTarget.survive({ zoneLoss: 1, maxDetection: Duration.seconds(30) }), ...props });
  new MultiAzNetwork(stack, 'network');
  const db = new DbInstance(stack, 'db', {
    instanceClass: 'db.t3.micro',
    engine: 'postgres',
    storageEncrypted: true,
    deletionProtection: true,
    manageMasterUserPassword: true,
    backupRetentionPeriod: 7,
    allocatedStorage: 20,
    maxAllocatedStorage: 100,
  });
  ResilienceChecks.suppress(db, 'FT-DB-1', 'dev database, no SLA');
  new CloudwatchMetricAlarm(stack, 'db-cpu', {
    alarmName: 'db-cpu',
    comparisonOperator: 'GreaterThanThreshold',
    evaluationPeriods: 5,
    metricName: 'CPUUtilization',
    namespace: 'AWS/RDS',
    dimensions: { DBInstanceIdentifier: db.identifier },
    period: 60,
    statistic: 'Average',
    threshold: 80,
    alarmActions: ['arn:aws:sns:eu-west-1:123456789012:oncall'],
  });
  new Lb(stack, 'lb', { loadBalancerType: 'network', enableCrossZoneLoadBalancing: true, subnets: ['subnet-a'] });
  return { app, stack, checks };
}

function synthesized(props: ResilienceChecksProps = {}): { dir: string; checks: ResilienceChecks } {
  process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true'; // as under `cdktf synth`
  try {
    const { app, checks } = build(props);
    app.synth();
    return { dir: path.join(app.outdir, 'stacks', 'web'), checks };
  } finally {
    delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  }
}

describe('reports', () => {
  const { dir, checks } = synthesized();

  test('are written next to cdk.tf.json', () => {
    expect(fs.readdirSync(dir).sort()).toEqual([
      'cdk.tf.json',
      ResilienceChecks.REPORT_JSON_FILE,
      ResilienceChecks.REPORT_JUNIT_FILE,
      ResilienceChecks.REPORT_MARKDOWN_FILE,
      ResilienceChecks.REPORT_SARIF_FILE,
    ]);
    expect(ResilienceChecks.REPORT_JSON_FILE).toBe('resilience-report.json');
    expect(ResilienceChecks.REPORT_MARKDOWN_FILE).toBe('resilience-report.md');
  });

  test('JSON: target, summary, constructs, every finding and every suppression with its reason', () => {
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'resilience-report.json'), 'utf8'));
    expect(json.version).toBe(1);
    expect(json.stack).toBe('web');
    expect(json.target).toEqual({
      description: 'tolerate the loss of 1 zone, detect failures within 30s',
      zoneLoss: 1,
      maxDetectionSeconds: 30,
      recoveryTimeSeconds: null,
      recoveryPointSeconds: null,
    });
    expect(json.summary).toEqual({ errors: 1, warnings: 1, suppressed: 1, passed: false });
    expect(json.constructs).toEqual([
      {
        constructPath: 'web/network',
        capability: 'network',
        platform: 'aws',
        zones: 3,
        replicas: 3,
        failureDetectionSeconds: null,
        failoverSeconds: null,
        recoveryPointSeconds: null,
        acceptedSinglePointsOfFailure: [],
        meetsTarget: true,
      },
    ]);
    expect(json.findings.map((f: any) => [f.id, f.level, f.kind, f.suppressed, f.suppressionReason])).toEqual([
      ['FT-LB-1:lb', 'error', 'non-compliant', false, null],
      ['FT-LB-2:lb', 'warning', 'non-compliant', false, null],
      ['FT-DB-1:db', 'error', 'non-compliant', true, 'dev database, no SLA'],
    ]);
    expect(json.findings[0]).toEqual({
      id: 'FT-LB-1:lb',
      ruleId: 'FT-LB-1',
      level: 'error',
      kind: 'non-compliant',
      constructPath: 'web/lb',
      resourceAddress: 'aws_lb.lb',
      info: 'The load balancer is placed in fewer than 2 availability zones.',
      detail: '`subnets`/`subnet_mapping` place it in 1 subnet',
      explanation: expect.stringContaining('Attach one subnet in each of at least 2 zones.'),
      suppressed: false,
      suppressionReason: null,
    });
    expect(json.suppressions).toEqual([{ ruleId: 'FT-DB-1', reason: 'dev database, no SLA', constructPath: 'web/db', appliesTo: null, matched: 1 }]);
  });

  test('Markdown: summary, construct table, findings, suppressed findings with reasons, explanations', () => {
    const md = fs.readFileSync(path.join(dir, 'resilience-report.md'), 'utf8');
    expect(md).toContain('# Resilience report: `web`');
    expect(md).toContain('Target: tolerate the loss of 1 zone, detect failures within 30s.');
    expect(md).toContain('**1 error, 1 warning, 1 suppressed.** The errors fail the synth.');
    expect(md).toContain('| `network` | network | aws | 3 | 3 | - | - | - | meets | - |');
    expect(md).toContain('| error | FT-LB-1 | `lb` (`aws_lb.lb`) | The load balancer is placed in fewer than 2 availability zones. `subnets`/`subnet_mapping` place it in 1 subnet. |');
    expect(md).toContain('| FT-DB-1 | `db` | The RDS DB instance is not Multi-AZ. `multi_az` is unset (default false). | dev database, no SLA |');
    expect(md).toContain('| FT-DB-1 | `db` | all below | dev database, no SLA | 1 |');
    expect(md).toContain('### FT-LB-1: The load balancer is placed in fewer than 2 availability zones.');
    expect(md).toMatchSnapshot();
  });

  test('the report object matches the files', () => {
    const report = checks.report!;
    expect(report.toJson()).toBe(fs.readFileSync(path.join(dir, 'resilience-report.json'), 'utf8'));
    expect(report.toMarkdown()).toBe(fs.readFileSync(path.join(dir, 'resilience-report.md'), 'utf8'));
    expect(report.stackName).toBe('web');
    expect(report.errors.map((f) => f.id)).toEqual(['FT-LB-1:lb']);
    expect(report.suppressed.map((f) => f.suppressionReason)).toEqual(['dev database, no SLA']);
  });

  test('the summary table', () => {
    expect(checks.report!.toTable()).toMatchSnapshot();
  });

  test('writeReports: false writes nothing', () => {
    const quiet = synthesized({ writeReports: false });
    expect(fs.readdirSync(quiet.dir)).toEqual(['cdk.tf.json']);
  });
});
