import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
// Types of toPassResilienceChecks() (the matcher itself is registered in jest.config.js).
import 'cdktf-fault-tolerance/testing';
import { ResilienceChecks, ResilienceFindings, ResilienceTarget } from 'cdktf-fault-tolerance';
import { NetworkStack } from '../main';

/** A stack whose load balancer sits in one zone: FT-LB-1, an error. */
function singleZoneStack(scope: App, id: string): TerraformStack {
  const stack = new TerraformStack(scope, id);
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new Lb(stack, 'lb', { loadBalancerType: 'network', enableCrossZoneLoadBalancing: true, enableDeletionProtection: true, subnets: ['subnet-a'] });
  return stack;
}

describe('the resilience checks from the installed cdktf-fault-tolerance', () => {
  jest.setTimeout(60_000);

  test('the network stack passes (jest matcher, with a target)', () => {
    expect(new NetworkStack(Testing.app(), 'network')).toPassResilienceChecks({ target: ResilienceTarget.survive({ zoneLoss: 1 }) });
  });

  test('a single-zone load balancer fails the matcher, which names the rule', () => {
    const stack = singleZoneStack(Testing.app(), 'bad');
    expect(stack).not.toPassResilienceChecks();
    expect(() => expect(stack).toPassResilienceChecks()).toThrow(/FT-LB-1 lb \(aws_lb\.lb\)/);
  });

  test('ResilienceFindings asserts by rule and construct', () => {
    const stack = singleZoneStack(Testing.app(), 'bad');
    const findings = ResilienceFindings.fromStack(stack);
    findings.hasError({ ruleId: 'FT-LB-1', construct: stack.node.findChild('lb') });
    expect(() => findings.hasNoError()).toThrow(/expected no error, found 1/);
  });

  test('checks over the app report every stack (SARIF and JUnit too) before app.synth() fails', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-checks-'));
    try {
      const app = new App({ outdir, stackTraces: false });
      singleZoneStack(app, 'bad');
      new NetworkStack(app, 'network');
      ResilienceChecks.of(app);
      expect(() => app.synth()).toThrow(/Resilience checks failed[^]*bad: 1 error\n {2}network: passed/);
      for (const stack of ['bad', 'network']) {
        const files = fs.readdirSync(path.join(outdir, 'stacks', stack));
        expect(files).toEqual(expect.arrayContaining(['cdk.tf.json', 'resilience-report.sarif', 'resilience-report.junit.xml']));
      }
      const sarif = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'bad', 'resilience-report.sarif'), 'utf8'));
      expect(sarif.runs[0].results.map((r: any) => r.ruleId)).toContain('FT-LB-1');
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
