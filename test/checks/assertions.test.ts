import 'cdktf/lib/testing/adapters/jest';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { Duration, FindingKind, ResilienceChecks, ResilienceFindings, ResilienceTarget } from '../../src';
// The matcher (and its types); test/setup-jest.ts registers it on expect.
import { toPassResilienceChecks } from '../../src/checks/jest';

/** A stack: `edge/lb` in one zone (FT-LB-1 error, FT-LB-2 warning), a database with a suppressed FT-DB-1. */
function fixture(declare = true): { stack: TerraformStack; edge: Construct; lb: Lb; db: DbInstance } {
  const stack = new TerraformStack(Testing.app(), 'web');
  if (declare) ResilienceChecks.of(stack, { writeReports: false, printSummary: false });
  const edge = new Construct(stack, 'edge');
  const lb = new Lb(edge, 'lb', { loadBalancerType: 'network', enableCrossZoneLoadBalancing: true, subnets: ['subnet-a'] });
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
  ResilienceChecks.suppress(db, 'FT-MON-2', 'dev database, nobody is paged');
  return { stack, edge, lb, db };
}

/** A stack that passes every rule. */
function passing(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'ok');
  new Lb(stack, 'lb', {
    loadBalancerType: 'network',
    enableCrossZoneLoadBalancing: true,
    enableDeletionProtection: true,
    subnetMapping: [{ subnetId: 'subnet-a' }, { subnetId: 'subnet-b' }],
  });
  return stack;
}

describe('ResilienceFindings', () => {
  test('fromStack synthesizes the stack and reads its declared checks', () => {
    const { stack } = fixture();
    const findings = ResilienceFindings.fromStack(stack);
    expect(findings.report).toBe(ResilienceChecks.of(stack).report);
    expect(findings.passed).toBe(false);
    expect(findings.findErrors().map((f) => f.id)).toEqual(['FT-LB-1:edge/lb']);
    expect(findings.findWarnings().map((f) => f.id)).toEqual(['FT-LB-2:edge/lb']);
    expect(findings.findSuppressed().map((f) => f.id)).toEqual(['FT-DB-1:db', 'FT-MON-2:db']);
  });

  test('fromStack runs checks once without declaring them when the stack has none (with the given props)', () => {
    const { stack } = fixture(false);
    const findings = ResilienceFindings.fromStack(stack, { target: ResilienceTarget.survive({ zoneLoss: 1, maxDetection: Duration.seconds(30) }) });
    expect(findings.findErrors().map((f) => f.ruleId)).toEqual(['FT-LB-1']);
    expect(findings.report.target?.toString()).toBe('tolerate the loss of 1 zone, detect failures within 30s');
    expect(stack.node.tryFindChild('ResilienceChecksRunner')).toBeUndefined(); // nothing declared
    expect(() => ResilienceFindings.fromStack(fixture().stack, {})).toThrow(
      'ResilienceFindings.fromStack("web"): the stack declares its checks, whose props apply; call fromStack(stack) without props.',
    );
  });

  test('queries: rule, construct and everything below it, path (relative or full), address, detail, kind', () => {
    const { stack, edge, lb, db } = fixture();
    const findings = ResilienceFindings.fromStack(stack);
    findings.hasError({ ruleId: 'FT-LB-1' });
    findings.hasError({ construct: edge }); // the load balancer is below `edge`
    findings.hasError({ construct: lb, ruleId: 'FT-LB-1' });
    findings.hasError({ path: 'edge' });
    findings.hasError({ path: 'web/edge/lb' });
    findings.hasError({ resourceAddress: 'aws_lb.edge_lb_EDD013FC' });
    findings.hasError({ detailContains: 'place it in 1 subnet', kind: FindingKind.NON_COMPLIANT });
    findings.hasNoError({ construct: db });
    findings.hasNoError({ ruleId: 'FT-LB-1', kind: FindingKind.UNRESOLVABLE });
    findings.hasWarning({ ruleId: 'FT-LB-2', construct: lb });
    findings.hasNoWarning({ path: 'db' });
    findings.hasSuppressed({ ruleId: 'FT-DB-1', construct: db, reasonContains: 'no SLA' });
    findings.hasNoSuppressed({ construct: lb });
    expect(findings.findErrors({ path: 'ed' })).toEqual([]); // a path matches whole segments only
  });

  test('a failing assertion throws with what it looked for and everything that was found', () => {
    const findings = ResilienceFindings.fromStack(fixture().stack);
    expect(() => findings.hasError({ ruleId: 'FT-DB-7', path: 'db' })).toThrow(
      'ResilienceFindings.hasError on stack "web": expected an error matching { ruleId: "FT-DB-7", path: "db" }, found none.\n' +
        'Errors:\n' +
        '  - FT-LB-1 edge/lb (aws_lb.edge_lb_EDD013FC): The load balancer is placed in fewer than 2 availability zones. `subnets`/`subnet_mapping` place it in 1 subnet.\n' +
        'Warnings:\n' +
        '  - FT-LB-2 edge/lb (aws_lb.edge_lb_EDD013FC): The load balancer does not have deletion protection. `enable_deletion_protection` is unset (default false).\n' +
        'Suppressed:\n' +
        '  - FT-DB-1 db (aws_db_instance.db): The RDS DB instance is not Multi-AZ. `multi_az` is unset (default false). - suppressed: dev database, no SLA\n' +
        '  - FT-MON-2 db (aws_db_instance.db): No CloudWatch alarm watches the database. No `aws_cloudwatch_metric_alarm` of this stack has a `DBInstanceIdentifier` dimension naming it. - suppressed: dev database, nobody is paged',
    );
    expect(() => findings.hasNoError()).toThrow(
      /^ResilienceFindings\.hasNoError on stack "web": expected no error, found 1:\n {2}- FT-LB-1 edge\/lb \(aws_lb\.edge_lb_EDD013FC\): [^\n]+\n {4}Fix: A load balancer has a node only in the zones of its subnets/,
    );
    expect(() => findings.hasWarning({ ruleId: 'FT-DB-12' })).toThrow(/expected a warning matching \{ ruleId: "FT-DB-12" \}, found none/);
    expect(() => findings.hasSuppressed({ ruleId: 'FT-DB-1', reasonContains: 'prod' })).toThrow(/expected a suppressed finding matching/);
    expect(() => ResilienceFindings.fromStack(passing()).hasError({ ruleId: 'FT-LB-1' })).toThrow(/found none\.\nThe stack has no finding\.$/);
  });

  test('unresolvable findings are found by kind', () => {
    const stack = new TerraformStack(Testing.app(), 'vars');
    const subnets = new TerraformVariable(stack, 'subnets', { type: 'list(string)' });
    new Lb(stack, 'lb', { subnets: subnets.listValue, enableDeletionProtection: true });
    ResilienceFindings.fromStack(stack).hasWarning({ ruleId: 'FT-LB-1', kind: FindingKind.UNRESOLVABLE });
  });

  test('an invalid query is refused with every problem, in any language (wrong types included)', () => {
    const findings = ResilienceFindings.fromStack(fixture().stack);
    expect(() => findings.hasError({ ruleId: 'FT-LB-99', construct: 'edge' as any, kind: 'broken' as any, detail: 'x' } as any)).toThrow(
      'ResilienceFindings.hasError on stack "web": invalid query:\n' +
        '  - `ruleId` must be a rule of the catalogue (RULES.md, ResilienceChecks.rules()), got "FT-LB-99".\n' +
        '  - `construct` must be a construct (e.g. the database), got "edge".\n' +
        '  - `kind` must be FindingKind.NON_COMPLIANT or FindingKind.UNRESOLVABLE, got "broken".\n' +
        '  - unknown field `detail`: a query has ruleId, construct, path, resourceAddress, detailContains, reasonContains and kind.',
    );
    expect(() => findings.findErrors({ path: 42 as any })).toThrow('`path` must be a non-empty string, got 42.');
    expect(() => findings.hasError(null as any)).toThrow("the query must be an object like { ruleId: 'FT-DB-1' }, got null.");
    expect(() => ResilienceFindings.fromStack({} as any)).toThrow('ResilienceFindings.fromStack: expected a TerraformStack, got an object.');
    expect(() => ResilienceFindings.fromReport('report' as any)).toThrow('ResilienceFindings.fromReport: expected a ResilienceReport, got "report".');
  });

  test('fromReport reads a report taken after a synth', () => {
    const { stack } = fixture();
    Testing.synth(stack);
    ResilienceFindings.fromReport(ResilienceChecks.of(stack).report!).hasError({ ruleId: 'FT-LB-1' });
  });
});

describe('expect(stack).toPassResilienceChecks()', () => {
  test('passes for a stack without errors; warnings pass unless failOnWarnings', () => {
    expect(passing()).toPassResilienceChecks();
    const warned = new TerraformStack(Testing.app(), 'warned');
    new Lb(warned, 'lb', { loadBalancerType: 'network', enableCrossZoneLoadBalancing: true, subnetMapping: [{ subnetId: 'a' }, { subnetId: 'b' }] });
    expect(warned).toPassResilienceChecks();
    expect(warned).not.toPassResilienceChecks({ failOnWarnings: true });
  });

  test('fails with every finding, how to fix each rule and how to suppress', () => {
    const { stack } = fixture();
    expect(stack).not.toPassResilienceChecks();
    const result = toPassResilienceChecks(stack);
    expect(result.pass).toBe(false);
    expect(result.message()).toBe(
      'expected stack "web" to pass the resilience checks (1 error, 1 warning, 2 suppressed):\n\n' +
        'Errors:\n' +
        '  - FT-LB-1 edge/lb (aws_lb.edge_lb_EDD013FC): The load balancer is placed in fewer than 2 availability zones. `subnets`/`subnet_mapping` place it in 1 subnet.\n' +
        'Warnings:\n' +
        '  - FT-LB-2 edge/lb (aws_lb.edge_lb_EDD013FC): The load balancer does not have deletion protection. `enable_deletion_protection` is unset (default false).\n' +
        'Suppressed:\n' +
        '  - FT-DB-1 db (aws_db_instance.db): The RDS DB instance is not Multi-AZ. `multi_az` is unset (default false). - suppressed: dev database, no SLA\n' +
        '  - FT-MON-2 db (aws_db_instance.db): No CloudWatch alarm watches the database. No `aws_cloudwatch_metric_alarm` of this stack has a `DBInstanceIdentifier` dimension naming it. - suppressed: dev database, nobody is paged\n\n' +
        'How to fix:\n' +
        `  FT-LB-1: ${ResilienceChecks.rules().find((r) => r.id === 'FT-LB-1')!.explanation}\n\n` +
        "Or accept a finding with a reason: ResilienceChecks.suppress(construct, 'FT-LB-1', 'who accepts it and why').",
    );
    expect(() => expect(stack).toPassResilienceChecks()).toThrow(/expected stack "web" to pass the resilience checks/);
  });

  test('a target for a stack without declared checks; a report or findings are accepted too', () => {
    const stack = passing();
    expect(stack).toPassResilienceChecks({ target: ResilienceTarget.survive({ zoneLoss: 1 }) });
    const { stack: failing } = fixture();
    expect(ResilienceFindings.fromStack(failing)).not.toPassResilienceChecks();
    expect(ResilienceChecks.of(failing).report).not.toPassResilienceChecks();
  });

  test('anything else fails with what to pass', () => {
    const result = toPassResilienceChecks('stack');
    expect(result.pass).toBe(false);
    expect(result.message()).toBe('toPassResilienceChecks: expected a TerraformStack, a ResilienceReport or ResilienceFindings, got string.');
  });
});
