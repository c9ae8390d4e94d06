import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { FindingKind, ResilienceChecks, ResilienceChecksProps, ResilienceFinding, ResilienceReport } from '../../src';

/** Synthesizes a stack built by `build` with the checks declared, and returns the report. */
export function reportOf(build: (stack: TerraformStack) => void, props: ResilienceChecksProps = {}): ResilienceReport {
  const stack = new TerraformStack(Testing.app(), 'stack');
  const checks = ResilienceChecks.of(stack, { writeReports: false, printSummary: false, ...props });
  build(stack);
  Testing.synth(stack);
  return checks.report!;
}

/** The findings of one rule. */
export function findings(ruleId: string, build: (stack: TerraformStack) => void, props: ResilienceChecksProps = {}): ResilienceFinding[] {
  return reportOf(build, props).findings.filter((f) => f.ruleId === ruleId);
}

/** `FT-DB-1:db` entries of one rule's non-compliant findings. */
export function violations(ruleId: string, build: (stack: TerraformStack) => void, props: ResilienceChecksProps = {}): string[] {
  return findings(ruleId, build, props)
    .filter((f) => f.kind === FindingKind.NON_COMPLIANT)
    .map((f) => f.id);
}

/** The details of one rule's unresolvable findings. */
export function unresolvables(ruleId: string, build: (stack: TerraformStack) => void, props: ResilienceChecksProps = {}): string[] {
  return findings(ruleId, build, props)
    .filter((f) => f.kind === FindingKind.UNRESOLVABLE)
    .map((f) => f.detail);
}

/** The one finding of a rule (fails when there is not exactly one). */
export function only(ruleId: string, build: (stack: TerraformStack) => void, props: ResilienceChecksProps = {}): ResilienceFinding {
  const found = findings(ruleId, build, props);
  expect(found).toHaveLength(1);
  return found[0];
}

/** A subnet in a given zone, with a stable id. */
export function subnet(scope: Construct, id: string, zone: string): Subnet {
  return new Subnet(scope, id, { vpcId: 'vpc-1', cidrBlock: '10.0.0.0/24', availabilityZone: zone });
}

/** Two subnets in two zones. */
export function twoZones(scope: Construct, prefix = 'subnet'): Subnet[] {
  return [subnet(scope, `${prefix}-a`, 'eu-west-1a'), subnet(scope, `${prefix}-b`, 'eu-west-1b')];
}
