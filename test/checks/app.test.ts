import 'cdktf/lib/testing/adapters/jest';
import * as fs from 'fs';
import * as path from 'path';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { ResilienceChecks, ResilienceTarget } from '../../src';

/** A stack whose load balancer sits in one zone (an error) or in two (passes; a warning without deletion protection). */
function lbStack(app: Construct, id: string, failing: boolean): TerraformStack {
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new Lb(stack, 'lb', { loadBalancerType: 'network', enableCrossZoneLoadBalancing: true, subnets: failing ? ['subnet-a'] : [] });
  if (!failing) {
    stack.node.tryRemoveChild('lb');
    new Lb(stack, 'lb', {
      loadBalancerType: 'network',
      enableCrossZoneLoadBalancing: true,
      enableDeletionProtection: true,
      subnetMapping: [{ subnetId: 'subnet-a' }, { subnetId: 'subnet-b' }],
    });
  }
  return stack;
}

function files(app: App, stack: string): string[] {
  const dir = path.join(app.outdir, 'stacks', stack);
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

describe('ResilienceChecks.of(app)', () => {
  test('reports every stack: the failing one first, the passing one after it; app.synth() fails only at the end', () => {
    const app = Testing.app();
    lbStack(app, 'failing', true);
    lbStack(app, 'passing', false);
    const checks = ResilienceChecks.of(app);

    expect(() => app.synth()).toThrow(
      /^Encountered Annotations with level "ERROR":\n\[failing\/lb\] FT-LB-1: [^\n]*\n\nResilience checks failed \(every stack was synthesized and its reports written\):\n {2}failing: 1 error\n {2}passing: passed\n$/,
    );
    expect(checks.reports.map((r) => [r.stackName, r.errors.map((f) => f.id), r.warnings.map((f) => f.id)])).toEqual([
      ['failing', ['FT-LB-1:lb'], ['FT-LB-2:lb']],
      ['passing', [], []],
    ]);
    const written = ['cdk.tf.json', 'resilience-report.json', 'resilience-report.junit.xml', 'resilience-report.md', 'resilience-report.sarif'];
    expect(files(app, 'failing')).toEqual(written); // the failing stack's Terraform is written too
    expect(files(app, 'passing')).toEqual(written);
  });

  test('the error annotation is on the resource after the synth, as cdktf reports it', () => {
    const app = Testing.app();
    const stack = lbStack(app, 'failing', true);
    ResilienceChecks.of(app);
    expect(() => app.synth()).toThrow();
    const lb = stack.node.findChild('lb');
    expect(lb.node.metadata.filter((m) => m.type === '@cdktf/error').map((m) => String(m.data).split(':')[0])).toEqual(['FT-LB-1']);
  });

  test('under cdktf synth every stack is written and the errors are in the manifest; nothing is thrown', () => {
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true';
    let app: App;
    try {
      app = Testing.app();
      lbStack(app, 'failing', true);
      lbStack(app, 'passing', false);
    } finally {
      delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    }
    ResilienceChecks.of(app);
    expect(() => app.synth()).not.toThrow();
    const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8'));
    const errors = (name: string) => manifest.stacks[name].annotations.filter((a: any) => a.level === '@cdktf/error').map((a: any) => a.message.split(':')[0]);
    expect(errors('failing')).toEqual(['FT-LB-1']);
    expect(errors('passing')).toEqual([]);
  });

  test('every stack passing: app.synth() succeeds and writes the manifest', () => {
    const app = Testing.app();
    lbStack(app, 'one', false);
    lbStack(app, 'two', false);
    ResilienceChecks.of(app, { target: ResilienceTarget.survive({ zoneLoss: 1 }) });
    expect(() => app.synth()).not.toThrow();
    expect(fs.existsSync(path.join(app.outdir, 'manifest.json'))).toBe(true);
  });

  test('stacks added after the declaration are checked too, with the app\'s props', () => {
    const app = Testing.app();
    lbStack(app, 'first', false);
    const checks = ResilienceChecks.of(app, { warningsAsErrors: true });
    const late = lbStack(app, 'late', true);
    expect(() => app.synth()).toThrow(/late: 2 errors/);
    expect(ResilienceChecks.of(late).warningsAsErrors).toBe(true);
    expect(ResilienceChecks.of(late).scope).toBe(late);
    expect(checks.reports.map((r) => r.stackName)).toEqual(['first', 'late']);
  });

  test('declared before the app has any stack: every stack is still checked', () => {
    const app = Testing.app();
    const checks = ResilienceChecks.of(app);
    lbStack(app, 'failing', true);
    lbStack(app, 'passing', false);
    expect(() => app.synth()).toThrow(/failing: 1 error\n {2}passing: passed/);
    expect(checks.reports.map((r) => r.stackName)).toEqual(['failing', 'passing']);
  });

  test('a stack of the app returns the app\'s checks for it; passing props again is refused', () => {
    const app = Testing.app();
    const stack = lbStack(app, 'stack', false);
    const checks = ResilienceChecks.of(app);
    expect(checks.scope).toBe(app);
    expect(checks.stack).toBeUndefined();
    expect(checks.report).toBeUndefined();
    expect(ResilienceChecks.of(app)).toBe(checks);
    expect(ResilienceChecks.of(stack).stack).toBe(stack);
    expect(() => ResilienceChecks.of(app, {})).toThrow('ResilienceChecks.of(app): the checks are already declared on this app; pass their props once, in the first call.');
    expect(() => ResilienceChecks.of(stack, {})).toThrow(
      'ResilienceChecks.of("stack"): the checks are already declared on this stack by ResilienceChecks.of(app); pass their props once, in the first call.',
    );
    expect(() => checks.evaluate()).toThrow('ResilienceChecks.of(app).evaluate(): the checks of an App evaluate one stack at a time; call ResilienceChecks.of(stack).evaluate().');
  });

  test('a stack that declared its own checks keeps them', () => {
    const app = Testing.app();
    const stack = lbStack(app, 'own', true);
    const own = ResilienceChecks.of(stack, { writeReports: false });
    ResilienceChecks.of(app);
    expect(ResilienceChecks.of(stack)).toBe(own);
    expect(() => app.synth()).toThrow(/own: 1 error/);
    expect(files(app, 'own')).toEqual(['cdk.tf.json']);
  });

  test('checks of one stack: its cdk.tf.json is written before app.synth() fails', () => {
    const app = Testing.app();
    const stack = lbStack(app, 'alone', true);
    ResilienceChecks.of(stack);
    expect(() => app.synth()).toThrow(/Resilience checks failed[^]*alone: 1 error/);
    expect(files(app, 'alone')).toContain('cdk.tf.json');
  });

  test('a construct outside any stack is refused with what to pass', () => {
    const app = Testing.app();
    const loose = new Construct(app, 'loose');
    expect(() => ResilienceChecks.of(loose)).toThrow(
      'ResilienceChecks.of("loose"): "loose" is neither an App nor in a TerraformStack; pass the App, a stack, or a construct in a stack.',
    );
  });

  test('Testing.synth of a stack of an app with checks runs them (declared then if the stack came later)', () => {
    const app = Testing.app();
    ResilienceChecks.of(app, { writeReports: false, warningsAsErrors: true });
    const stack = lbStack(app, 'stack', true);
    expect(ResilienceChecks.of(stack).warningsAsErrors).toBe(true); // the app's checks, not new ones
    expect(ResilienceChecks.of(stack).report).toBeUndefined();
    Testing.synth(stack);
    expect(ResilienceChecks.of(stack).report!.errors.map((f) => f.id)).toEqual(['FT-LB-1:lb', 'FT-LB-2:lb']);
  });
});
