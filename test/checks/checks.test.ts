import 'cdktf/lib/testing/adapters/jest';
import * as fs from 'fs';
import * as path from 'path';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AnnotationMetadataEntryType, Aspects, IAspect, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { reportOf, unresolvables, violations } from './helpers';
import { FindingKind, FindingLevel, ResilienceChecks } from '../../src';

/** A stack with one warning (FT-LB-2 on `lb`) and, unless `fixed`, one error (FT-LB-1). */
function lbStack(fixed: boolean, props: Parameters<typeof ResilienceChecks.of>[1] = {}) {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'stack');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const checks = ResilienceChecks.of(stack, props);
  const lb = new Lb(stack, 'lb', { loadBalancerType: 'network', enableCrossZoneLoadBalancing: true, subnets: fixed ? ['a', 'b'] : ['a'] });
  return { app, stack, checks, lb };
}

function annotations(scope: IConstruct, type: string): string[] {
  return scope.node.metadata.filter((m) => m.type === type).map((m) => m.data as string);
}

describe('what the rules read', () => {
  test('resource overrides count (addOverride fixes a finding)', () => {
    expect(violations('FT-DB-1', (s) => new DbInstance(s, 'db', { instanceClass: 'db.t3.micro' }).addOverride('multi_az', true))).toEqual([]);
  });

  test('resource overrides count (addOverride breaks a compliant resource)', () => {
    expect(violations('FT-LB-2', (s) => new Lb(s, 'lb', { subnets: ['a', 'b'], enableDeletionProtection: true }).addOverride('enable_deletion_protection', false))).toEqual([
      'FT-LB-2:lb',
    ]);
  });

  test('stack-level overrides of a resource count', () => {
    expect(
      violations('FT-DB-1', (s) => {
        new DbInstance(s, 'db', { instanceClass: 'db.t3.micro' }).overrideLogicalId('db');
        s.addOverride('resource.aws_db_instance.db.multi_az', true);
      }),
    ).toEqual([]);
  });

  test('changes made by another aspect, even one added after the checks, count', () => {
    class MultiAz implements IAspect {
      public visit(node: IConstruct): void {
        if (node instanceof DbInstance) {
          node.multiAz = true;
        }
      }
    }
    expect(violations('FT-DB-1', (s) => {
      new DbInstance(s, 'db', { instanceClass: 'db.t3.micro' });
      Aspects.of(s).add(new MultiAz());
    })).toEqual([]);
  });

  test('resources added to nested constructs are checked, with their construct path', () => {
    expect(
      violations('FT-DB-1', (s) => {
        const child = new TerraformStack(Testing.app(), 'unrelated'); // other stacks are not checked
        new DbInstance(child, 'db', { instanceClass: 'db.t3.micro' });
        new DbInstance(new Construct(s, 'data'), 'Primary', { instanceClass: 'db.t3.micro' });
      }),
    ).toEqual(['FT-DB-1:data/Primary']);
  });
});

describe('unresolvable values', () => {
  test('a token yields an unresolvable finding of its own kind, reported as a warning', () => {
    const report = reportOf((s) => {
      const v = new TerraformVariable(s, 'protect', { type: 'bool' });
      new Lb(s, 'lb', { subnets: ['a', 'b'], enableDeletionProtection: v.booleanValue });
    });
    const f = report.findings.find((x) => x.ruleId === 'FT-LB-2')!;
    expect(f.kind).toBe(FindingKind.UNRESOLVABLE);
    expect(f.level).toBe(FindingLevel.WARNING);
    expect(f.detail).toBe('cannot check at synth time: `enable_deletion_protection` is `${var.protect}`, known only at deploy time');
  });

  test('a value computed from another resource is unresolvable too', () => {
    expect(
      unresolvables('FT-DB-5', (s) => {
        const source = new DbInstance(s, 'source', { instanceClass: 'db.t3.micro', backupRetentionPeriod: 7 });
        new DbInstance(s, 'db', { instanceClass: 'db.t3.micro', backupRetentionPeriod: source.backupRetentionPeriod });
      }),
    ).toEqual(['cannot check at synth time: `backup_retention_period` is `${aws_db_instance.source.backup_retention_period}`, known only at deploy time']);
  });
});

describe('errors and warnings', () => {
  test('an error is an error annotation on the resource, a warning a warning annotation', () => {
    const { stack, lb } = lbStack(false);
    Testing.synth(stack);
    expect(annotations(lb, AnnotationMetadataEntryType.ERROR)).toEqual([
      expect.stringMatching(/^FT-LB-1: The load balancer is placed in fewer than 2 availability zones\. `subnets`\/`subnet_mapping` place it in 1 subnet\. A load balancer/),
    ]);
    expect(annotations(lb, AnnotationMetadataEntryType.WARN)).toEqual([expect.stringMatching(/^FT-LB-2: /)]);
  });

  test('errors fail app.synth() with every error listed', () => {
    const { app } = lbStack(false);
    expect(() => app.synth()).toThrow(/Encountered Annotations with level "ERROR":\n\[stack\/lb\] FT-LB-1: The load balancer is placed in fewer than 2 availability zones/);
  });

  test('warnings do not fail app.synth()', () => {
    const { app, checks } = lbStack(true);
    expect(() => app.synth()).not.toThrow();
    expect(checks.report!.warnings.map((f) => f.id)).toEqual(['FT-LB-2:lb']);
    expect(checks.report!.errors).toEqual([]);
  });

  test('warningsAsErrors raises warnings (and unresolvable values) to errors', () => {
    const { app, checks } = lbStack(true, { warningsAsErrors: true });
    expect(() => app.synth()).toThrow(/\[stack\/lb\] FT-LB-2: The load balancer does not have deletion protection/);
    expect(checks.report!.errors.map((f) => [f.id, f.level])).toEqual([['FT-LB-2:lb', FindingLevel.ERROR]]);
  });

  test('under cdktf synth (CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS) the stack and reports are written and the errors are in the manifest', () => {
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true';
    let setup: ReturnType<typeof lbStack>;
    try {
      setup = lbStack(false);
    } finally {
      delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    }
    setup.app.synth();
    const dir = path.join(setup.app.outdir, 'stacks', 'stack');
    expect(fs.readdirSync(dir).sort()).toEqual([
      'cdk.tf.json',
      'resilience-report.json',
      'resilience-report.junit.xml',
      'resilience-report.md',
      'resilience-report.sarif',
    ]);
    const manifest = JSON.parse(fs.readFileSync(path.join(setup.app.outdir, 'manifest.json'), 'utf8'));
    const levels = manifest.stacks.stack.annotations.map((a: any) => `${a.level} ${a.constructPath} ${a.message.split(':')[0]}`);
    expect(levels).toEqual(expect.arrayContaining(['@cdktf/error stack/lb FT-LB-1', '@cdktf/warn stack/lb FT-LB-2']));
    expect(levels.filter((l: string) => l.startsWith('@cdktf/info stack '))).toHaveLength(1);
  });

  test('Testing.synth does not fail on errors; the report holds them', () => {
    const { stack, checks } = lbStack(false);
    expect(() => Testing.synth(stack)).not.toThrow();
    expect(checks.report!.errors.map((f) => f.id)).toEqual(['FT-LB-1:lb']);
  });

  test('synthesizing twice annotates once and sees new resources', () => {
    const { stack, lb, checks } = lbStack(false);
    Testing.synth(stack);
    new Lb(stack, 'second', { subnets: ['a'], loadBalancerType: 'network', enableCrossZoneLoadBalancing: true });
    Testing.synth(stack);
    expect(annotations(lb, AnnotationMetadataEntryType.ERROR)).toHaveLength(1);
    expect(checks.report!.errors.map((f) => f.id)).toEqual(['FT-LB-1:lb', 'FT-LB-1:second']);
  });

  test('the summary table is one info annotation on the stack, unless printSummary is false', () => {
    const { stack } = lbStack(false);
    Testing.synth(stack);
    expect(annotations(stack, AnnotationMetadataEntryType.INFO)).toEqual([
      expect.stringMatching(/^Resilience checks of stack "stack": 1 error, 1 warning, 0 suppressed\. No resilience target declared\./),
    ]);
    const quiet = lbStack(false, { printSummary: false });
    Testing.synth(quiet.stack);
    expect(annotations(quiet.stack, AnnotationMetadataEntryType.INFO)).toEqual([]);
  });

  test('the construct tree gains only a plain runner construct, no Terraform element', () => {
    const { stack } = lbStack(true);
    const before = JSON.parse(Testing.synth(stack));
    expect(stack.node.children.map((c) => c.node.id)).toEqual(['aws', 'lb', 'ResilienceChecksRunner']);
    expect(Object.keys(before.resource)).toEqual(['aws_lb']);
  });
});

describe('ResilienceChecks.of', () => {
  test('returns the same checks for any construct of the stack', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const checks = ResilienceChecks.of(stack, { warningsAsErrors: true });
    const child = new Lb(stack, 'lb', { subnets: ['a', 'b'] });
    expect(ResilienceChecks.of(child)).toBe(checks);
    expect(checks.warningsAsErrors).toBe(true);
  });

  test('props may be given once', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    ResilienceChecks.of(stack);
    expect(() => ResilienceChecks.of(stack, {})).toThrow(
      'ResilienceChecks.of("stack"): the checks are already declared on this stack; pass their props once, in the first call.',
    );
  });

  test('evaluate() runs the checks without a synth', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const checks = ResilienceChecks.of(stack);
    new Lb(stack, 'lb', { subnets: ['a'] });
    expect(checks.report).toBeUndefined();
    expect(checks.evaluate().errors.map((f) => f.id)).toEqual(['FT-LB-1:lb', 'FT-LB-3:lb']);
  });

  test('rules() lists every rule with a unique id, a level, an info and an explanation', () => {
    const rules = ResilienceChecks.rules();
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.id).toMatch(/^FT-[A-Z0-9]+-\d+$/);
      expect([FindingLevel.ERROR, FindingLevel.WARNING]).toContain(r.level);
      expect(r.info).toMatch(/^[A-Z].*\.$/);
      expect(r.explanation.length).toBeGreaterThan(60);
    }
  });
});
