import 'cdktf/lib/testing/adapters/jest';
import { TerraformStack, Testing, Token } from 'cdktf';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { findings, reportOf } from './helpers';
import { CapabilityKind, Duration, FindingKind, IResilient, MultiAzNetwork, NatGatewayMode, PlatformKind, ResilienceChecks, ResilienceFacts, ResilienceTarget } from '../../src';
import { survivingReplicas } from '../../src/checks/private/target-rules';

/** A construct that reports the facts it is given, as the constructs of this library do. */
class Reporting extends Construct implements IResilient {
  constructor(scope: Construct, id: string, private readonly facts: Partial<ResilienceFacts>) {
    super(scope, id);
  }
  public resilienceFacts(): ResilienceFacts {
    return { capability: CapabilityKind.SERVICE, platform: PlatformKind.AWS, ...this.facts };
  }
}

const oneZone = ResilienceTarget.survive({ zoneLoss: 1, maxDetection: Duration.seconds(30) });

function targetFindings(facts: Partial<ResilienceFacts>, target: ResilienceTarget = oneZone): Array<[string, string, string]> {
  return reportOf((s) => new Reporting(s, 'api', facts), { target })
    .findings.filter((f) => f.ruleId.startsWith('FT-TARGET-'))
    .map((f) => [f.ruleId, f.kind, f.detail]);
}

describe('FT-TARGET-1: zone loss', () => {
  test('Noncompliance 1: 2 replicas in 1 zone', () => {
    expect(targetFindings({ zones: 1, replicas: 2 })).toEqual([
      ['FT-TARGET-1', FindingKind.NON_COMPLIANT, 'tolerate the loss of 1 zone: `api` runs 2 replicas in 1 zone'],
    ]);
  });
  test('Noncompliance 2: 1 replica in 3 zones', () => {
    expect(targetFindings({ zones: 3, replicas: 1 })).toEqual([
      ['FT-TARGET-1', FindingKind.NON_COMPLIANT, 'tolerate the loss of 1 zone: `api` runs 1 replica in 3 zones, none left after losing 1 zone'],
    ]);
  });
  test('Noncompliance 3: 3 replicas in 3 zones do not survive the loss of 3 zones', () => {
    expect(targetFindings({ zones: 3, replicas: 3 }, ResilienceTarget.survive({ zoneLoss: 3 }))[0][2]).toBe(
      'tolerate the loss of 3 zones: `api` runs 3 replicas in 3 zones',
    );
  });
  test('Noncompliance 4: 2 replicas in 3 zones do not survive the loss of 2 zones', () => {
    expect(targetFindings({ zones: 3, replicas: 2 }, ResilienceTarget.survive({ zoneLoss: 2 }))[0][2]).toBe(
      'tolerate the loss of 2 zones: `api` runs 2 replicas in 3 zones, none left after losing 2 zones',
    );
  });
  test('Noncompliance 5: an accepted single point of failure', () => {
    expect(targetFindings({ zones: 3, replicas: 3, acceptedSinglePointsOfFailure: ['one NAT gateway serves every zone'] })).toEqual([
      ['FT-TARGET-1', FindingKind.NON_COMPLIANT, 'tolerate the loss of 1 zone: `api` accepts a single point of failure: one NAT gateway serves every zone'],
    ]);
  });
  test('Noncompliance 6: a load balancer in 1 zone (no replicas)', () => {
    expect(targetFindings({ zones: 1 })[0][2]).toBe('tolerate the loss of 1 zone: `api` spans 1 zone');
  });
  test('Noncompliance 7: replicas spread by the scheduler, too few of them', () => {
    expect(targetFindings({ replicas: 1, spreadAcrossZones: true })[0][2]).toBe('tolerate the loss of 1 zone: `api` runs 1 replica, spread over at most 1 zone');
  });
  test('Unresolvable: zones not known at synth time', () => {
    expect(targetFindings({ replicas: 3 })).toEqual([
      ['FT-TARGET-1', FindingKind.UNRESOLVABLE, 'cannot check at synth time: the number of zones `api` spans, known only at deploy time'],
    ]);
  });
  test('Compliance', () => {
    expect(targetFindings({ zones: 2, replicas: 2 })).toEqual([]);
    expect(targetFindings({ zones: 3, replicas: 2 })).toEqual([]);
    expect(targetFindings({ zones: 3 })).toEqual([]);
    expect(targetFindings({ replicas: 3, spreadAcrossZones: true })).toEqual([]);
    expect(targetFindings({ zones: 1, replicas: 1 }, ResilienceTarget.survive({ zoneLoss: 0 }))).toEqual([]);
  });
  test('survivingReplicas: the zones holding the most replicas fail first', () => {
    expect(survivingReplicas(3, 2, 1)).toBe(1);
    expect(survivingReplicas(4, 3, 2)).toBe(1);
    expect(survivingReplicas(6, 3, 2)).toBe(2);
    expect(survivingReplicas(2, 3, 2)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 6 }), (r, z, k) => {
        // Brute force: spread r replicas round-robin over z zones, remove the k fullest zones.
        const perZone = Array.from({ length: z }, (_, i) => Math.floor(r / z) + (i < r % z ? 1 : 0)).sort((a, b) => b - a);
        const expected = perZone.slice(Math.min(k, z)).reduce((a, b) => a + b, 0);
        return survivingReplicas(r, z, k) === expected;
      }),
    );
  });
});

describe('FT-TARGET-2: detection time', () => {
  test('Noncompliance 1', () => {
    expect(targetFindings({ zones: 3, replicas: 3, failureDetection: Duration.seconds(45) })).toEqual([
      ['FT-TARGET-2', FindingKind.NON_COMPLIANT, 'detect failures within 30s: `api` takes up to 45s'],
    ]);
  });
  test('Unresolvable: a token', () => {
    expect(targetFindings({ zones: 3, replicas: 3, failureDetection: Duration.seconds(Token.asNumber('${var.x}')) })).toEqual([
      ['FT-TARGET-2', FindingKind.UNRESOLVABLE, 'cannot check at synth time: the failure detection time of `api`, known only at deploy time'],
    ]);
  });
  test('Compliance', () => {
    expect(targetFindings({ zones: 3, replicas: 3, failureDetection: Duration.seconds(25) })).toEqual([]);
    expect(targetFindings({ zones: 3, replicas: 3, failureDetection: Duration.seconds(30) })).toEqual([]);
  });
});

describe('FT-TARGET-3: recovery time', () => {
  const target = ResilienceTarget.survive({ recoveryTime: Duration.minutes(1) });
  test('Noncompliance 1: detection plus failover', () => {
    expect(targetFindings({ zones: 2, replicas: 2, failureDetection: Duration.seconds(25), failover: Duration.seconds(40) }, target)).toEqual([
      ['FT-TARGET-3', FindingKind.NON_COMPLIANT, 'recover within 1min: `api` needs up to 1min 5s (detection 25s + failover 40s)'],
    ]);
  });
  test('Noncompliance 2: failover alone', () => {
    expect(targetFindings({ zones: 2, replicas: 2, failover: Duration.minutes(2) }, target)[0][2]).toBe('recover within 1min: `api` needs up to 2min (failover)');
  });
  test('Compliance: within, or not declared', () => {
    expect(targetFindings({ zones: 2, replicas: 2, failureDetection: Duration.seconds(20), failover: Duration.seconds(40) }, target)).toEqual([]);
    expect(targetFindings({ zones: 2, replicas: 2, failover: Duration.minutes(10) })).toEqual([]);
  });
});

describe('FT-TARGET-4: recovery point', () => {
  const target = ResilienceTarget.survive({ recoveryPoint: Duration.seconds(0) });
  test('Noncompliance 1', () => {
    expect(targetFindings({ zones: 2, replicas: 2, recoveryPoint: Duration.minutes(5) }, target)).toEqual([
      ['FT-TARGET-4', FindingKind.NON_COMPLIANT, 'lose at most 0s of data: a failover of `api` may lose up to 5min'],
    ]);
  });
  test('Compliance', () => {
    expect(targetFindings({ zones: 2, replicas: 2, recoveryPoint: Duration.seconds(0) }, target)).toEqual([]);
  });
});

describe('targets on the constructs of this library', () => {
  test('MultiAzNetwork with a NAT gateway per zone meets the target', () => {
    const report = reportOf((s) => new MultiAzNetwork(s, 'network'), { target: oneZone });
    expect(report.constructs.map((c) => [c.constructPath, c.facts.zones, c.facts.replicas, c.meetsTarget])).toEqual([['stack/network', 3, 3, true]]);
    expect(report.findings.filter((f) => f.ruleId.startsWith('FT-TARGET-'))).toEqual([]);
  });

  test('MultiAzNetwork with a single NAT gateway fails it, with a clear message', () => {
    const [f] = findings('FT-TARGET-1', (s) => new MultiAzNetwork(s, 'network', { natGateways: NatGatewayMode.SINGLE }), { target: oneZone });
    expect(f.detail).toBe(
      'tolerate the loss of 1 zone: `network` runs 1 replica in 3 zones, none left after losing 1 zone; `network` accepts a single point of failure: ' +
        'one NAT gateway serves every zone: losing its zone cuts outbound internet access of all private subnets',
    );
    expect(f.constructPath).toBe('stack/network');
    expect(f.resourceAddress).toBeUndefined();
  });

  test('a target finding is suppressed on the construct, and the construct then counts as meeting it', () => {
    const report = reportOf(
      (s) => {
        const network = new MultiAzNetwork(s, 'network', { natGateways: NatGatewayMode.SINGLE });
        ResilienceChecks.suppress(network, 'FT-TARGET-1', 'staging network, a single NAT gateway saves cost');
      },
      { target: oneZone },
    );
    expect(report.constructs[0].meetsTarget).toBe(true);
    expect(report.suppressed.map((f) => f.id)).toEqual(['FT-TARGET-1:network']);
  });

  test('without a target the facts are reported but not judged', () => {
    const report = reportOf((s) => new MultiAzNetwork(s, 'network'));
    expect(report.constructs.map((c) => c.meetsTarget)).toEqual([undefined]);
  });

  test('errors fail the synth', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'stack');
    ResilienceChecks.of(stack, { target: oneZone });
    new Reporting(stack, 'api', { zones: 1, replicas: 2 });
    expect(() => app.synth()).toThrow('[stack/api] FT-TARGET-1: The construct cannot survive the loss of the declared number of zones. Tolerate the loss of 1 zone: `api` runs 2 replicas in 1 zone.');
  });
});

describe('ResilienceTarget', () => {
  test('defaults: 1 zone, detection within a minute', () => {
    const t = ResilienceTarget.survive();
    expect([t.zoneLoss, t.maxDetection.toSeconds(), t.recoveryTime, t.recoveryPoint]).toEqual([1, 60, undefined, undefined]);
    expect(t.toString()).toBe('tolerate the loss of 1 zone, detect failures within 1min');
  });
  test('toString lists every declared bound', () => {
    expect(
      ResilienceTarget.survive({
        zoneLoss: 2,
        maxDetection: Duration.seconds(30),
        recoveryTime: Duration.minutes(2),
        recoveryPoint: Duration.seconds(0),
      }).toString(),
    ).toBe('tolerate the loss of 2 zones, detect failures within 30s, recover within 2min, lose at most 0s of data');
  });
  test('invalid props are listed at once', () => {
    expect(() => ResilienceTarget.survive({ zoneLoss: 1.5, maxDetection: Duration.seconds(0) })).toThrow(
      'ResilienceTarget.survive has 2 invalid props:\n' +
        '  - `zoneLoss` must be a whole number from 0 to 5 (AWS regions have up to 6 zones), got 1.5.\n' +
        '  - `maxDetection` must be longer than 0 s: no check detects a failure instantly, got 0s.',
    );
  });
  test('a token duration is rejected', () => {
    expect(() => ResilienceTarget.survive({ recoveryTime: Duration.seconds(Token.asNumber('${var.x}')) })).toThrow(
      'ResilienceTarget.survive: `recoveryTime` must be known at synth time, not a Terraform token (the checks compare it with each construct\'s facts), got a Duration of seconds given as a Terraform token. Pass a literal value.',
    );
  });
});

describe('the construct table', () => {
  test('a construct whose zones are unknown is unproven, not meeting the target', () => {
    const report = reportOf((s) => new Reporting(s, 'api', { replicas: 3 }), { target: oneZone });
    expect(report.constructs.map((c) => c.meetsTarget)).toEqual([false]);
    expect(report.toTable()).toContain('api        service     aws       -      3         -          -         -               unproven FT-TARGET-1');
  });
});
