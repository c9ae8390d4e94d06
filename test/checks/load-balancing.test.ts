import 'cdktf/lib/testing/adapters/jest';
import { Elb } from '@cdktf/provider-aws/lib/elb';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { TerraformVariable } from 'cdktf';
import { only, subnet, twoZones, unresolvables, violations } from './helpers';
import { Duration, ResilienceTarget } from '../../src';

describe('FT-LB-1: load balancer in fewer than 2 zones', () => {
  test('Noncompliance 1: one subnet', () => {
    expect(violations('FT-LB-1', (s) => new Lb(s, 'lb', { subnets: ['subnet-a'] }))).toEqual(['FT-LB-1:lb']);
  });
  test('Noncompliance 2: two subnets of the same zone', () => {
    const f = only('FT-LB-1', (s) => {
      const [a, b] = [subnet(s, 'a', 'eu-west-1a'), subnet(s, 'b', 'eu-west-1a')];
      new Lb(s, 'lb', { subnets: [a.id, b.id] });
    });
    expect(f.detail).toBe('`subnets`/`subnet_mapping` place it in 2 subnets in 1 zone (eu-west-1a)');
  });
  test('Noncompliance 3: one subnet mapping', () => {
    expect(violations('FT-LB-1', (s) => new Lb(s, 'lb', { loadBalancerType: 'network', subnetMapping: [{ subnetId: 'subnet-a' }] }))).toEqual([
      'FT-LB-1:lb',
    ]);
  });
  test('Noncompliance 4: Classic Load Balancer in one zone', () => {
    expect(violations('FT-LB-1', (s) => new Elb(s, 'clb', { availabilityZones: ['eu-west-1a'], listener: [] }))).toEqual(['FT-LB-1:clb']);
  });
  test('Unresolvable: subnets from a variable', () => {
    const details = unresolvables('FT-LB-1', (s) => {
      const v = new TerraformVariable(s, 'subnets', { type: 'list(string)' });
      new Lb(s, 'lb', { subnets: v.listValue });
    });
    expect(details).toEqual(['cannot check at synth time: `subnets` is `${var.subnets}`, known only at deploy time']);
  });
  test('Compliance', () => {
    expect(
      violations('FT-LB-1', (s) => {
        new Lb(s, 'lb', { subnets: twoZones(s).map((x) => x.id) });
        new Lb(s, 'external', { subnets: ['subnet-a', 'subnet-b'] }); // zones unknown: two subnets may span two zones
        new Elb(s, 'clb', { availabilityZones: ['eu-west-1a', 'eu-west-1b'], listener: [] });
      }),
    ).toEqual([]);
  });
});

describe('FT-LB-2: load balancer without deletion protection', () => {
  test('Noncompliance 1: unset', () => {
    expect(only('FT-LB-2', (s) => new Lb(s, 'lb', { subnets: ['a', 'b'] })).detail).toBe('`enable_deletion_protection` is unset (default false)');
  });
  test('Noncompliance 2: false', () => {
    expect(violations('FT-LB-2', (s) => new Lb(s, 'lb', { subnets: ['a', 'b'], enableDeletionProtection: false }))).toEqual(['FT-LB-2:lb']);
  });
  test('Compliance', () => {
    expect(violations('FT-LB-2', (s) => new Lb(s, 'lb', { subnets: ['a', 'b'], enableDeletionProtection: true }))).toEqual([]);
  });
});

describe('FT-LB-3: ALB without HTTPS listener', () => {
  test('Noncompliance 1: no listener', () => {
    expect(only('FT-LB-3', (s) => new Lb(s, 'lb', { subnets: ['a', 'b'] })).detail).toBe('no listener is attached to it');
  });
  test('Noncompliance 2: HTTP listener only', () => {
    const f = only('FT-LB-3', (s) => {
      const lb = new Lb(s, 'lb', { subnets: ['a', 'b'] });
      new LbListener(s, 'http', { loadBalancerArn: lb.arn, port: 80, protocol: 'HTTP', defaultAction: [{ type: 'fixed-response' }] });
    });
    expect(f.detail).toBe('its listeners use HTTP only');
  });
  test('Compliance: HTTPS listener; NLB not applicable', () => {
    expect(
      violations('FT-LB-3', (s) => {
        const lb = new Lb(s, 'lb', { subnets: ['a', 'b'] });
        new LbListener(s, 'https', { loadBalancerArn: lb.arn, port: 443, protocol: 'HTTPS', certificateArn: 'arn:cert', defaultAction: [{ type: 'forward', targetGroupArn: 'tg' }] });
        new Lb(s, 'nlb', { loadBalancerType: 'network', subnets: ['a', 'b'] });
      }),
    ).toEqual([]);
  });
});

describe('FT-LB-4: HTTP listener that forwards', () => {
  test('Noncompliance 1: forward', () => {
    expect(
      violations('FT-LB-4', (s) => {
        const lb = new Lb(s, 'lb', { subnets: ['a', 'b'] });
        new LbListener(s, 'http', { loadBalancerArn: lb.arn, port: 80, protocol: 'HTTP', defaultAction: [{ type: 'forward', targetGroupArn: 'tg' }] });
      }),
    ).toEqual(['FT-LB-4:http']);
  });
  test('Noncompliance 2: protocol unset on an ALB defaults to HTTP', () => {
    expect(
      violations('FT-LB-4', (s) => {
        const lb = new Lb(s, 'lb', { subnets: ['a', 'b'] });
        new LbListener(s, 'http', { loadBalancerArn: lb.arn, port: 80, defaultAction: [{ type: 'forward', targetGroupArn: 'tg' }] });
      }),
    ).toEqual(['FT-LB-4:http']);
  });
  test('Compliance: redirect to HTTPS; TCP listener not applicable', () => {
    expect(
      violations('FT-LB-4', (s) => {
        const lb = new Lb(s, 'lb', { subnets: ['a', 'b'] });
        new LbListener(s, 'http', {
          loadBalancerArn: lb.arn,
          port: 80,
          protocol: 'HTTP',
          defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
        });
        const nlb = new Lb(s, 'nlb', { loadBalancerType: 'network', subnets: ['a', 'b'] });
        new LbListener(s, 'tcp', { loadBalancerArn: nlb.arn, port: 80, defaultAction: [{ type: 'forward', targetGroupArn: 'tg' }] });
      }),
    ).toEqual([]);
  });
});

describe('FT-LB-5: target group with health checks disabled', () => {
  test('Noncompliance 1', () => {
    expect(violations('FT-LB-5', (s) => new LbTargetGroup(s, 'tg', { port: 80, protocol: 'HTTP', healthCheck: { enabled: false } }))).toEqual([
      'FT-LB-5:tg',
    ]);
  });
  test('Compliance: default enabled; Lambda targets not applicable', () => {
    expect(
      violations('FT-LB-5', (s) => {
        new LbTargetGroup(s, 'tg', { port: 80, protocol: 'HTTP' });
        new LbTargetGroup(s, 'fn', { targetType: 'lambda', healthCheck: { enabled: false } });
      }),
    ).toEqual([]);
  });
});

describe('FT-LB-6: target group detection slower than allowed', () => {
  test('Noncompliance 1: no health_check block uses the AWS defaults (30 s × 2 + 5 s)', () => {
    const f = only('FT-LB-6', (s) => new LbTargetGroup(s, 'tg', { port: 80, protocol: 'HTTP' }));
    expect(f.detail).toBe(
      'it detects a dead target in up to 65 s (interval 30 s (default) × unhealthy_threshold 2 (AWS default) + timeout 5 s (AWS default)), more than 60 s',
    );
  });
  test('Noncompliance 2: a health_check block uses the provider defaults (30 s × 3 + 5 s)', () => {
    const f = only('FT-LB-6', (s) => new LbTargetGroup(s, 'tg', { port: 80, protocol: 'HTTP', healthCheck: { path: '/health' } }));
    expect(f.detail).toContain('up to 95 s');
  });
  test('Noncompliance 3: TCP default timeout is 10 s', () => {
    const f = only('FT-LB-6', (s) => new LbTargetGroup(s, 'tg', { port: 80, protocol: 'TCP', healthCheck: { protocol: 'TCP', interval: 30, unhealthyThreshold: 2 } }));
    expect(f.detail).toBe('it detects a dead target in up to 70 s (interval 30 s × unhealthy_threshold 2 + timeout 10 s (AWS default)), more than 60 s');
  });
  test('Noncompliance 4: the target\'s maxDetection is the limit', () => {
    const target = ResilienceTarget.survive({ maxDetection: Duration.seconds(20) });
    const f = only(
      'FT-LB-6',
      (s) => new LbTargetGroup(s, 'tg', { port: 80, protocol: 'HTTP', healthCheck: { interval: 10, unhealthyThreshold: 2, timeout: 5 } }),
      { target },
    );
    expect(f.detail).toBe('it detects a dead target in up to 25 s (interval 10 s × unhealthy_threshold 2 + timeout 5 s), more than 20 s');
  });
  test('Compliance', () => {
    expect(
      violations('FT-LB-6', (s) => {
        new LbTargetGroup(s, 'tg', { port: 80, protocol: 'HTTP', healthCheck: { interval: 10, unhealthyThreshold: 2, timeout: 5 } });
        new LbTargetGroup(s, 'off', { port: 80, protocol: 'HTTP', healthCheck: { enabled: false } }); // FT-LB-5 reports it
      }),
    ).toEqual([]);
  });
});

describe('FT-LB-7: cross-zone load balancing off', () => {
  test('Noncompliance 1: NLB default', () => {
    expect(violations('FT-LB-7', (s) => new Lb(s, 'nlb', { loadBalancerType: 'network', subnets: ['a', 'b'] }))).toEqual(['FT-LB-7:nlb']);
  });
  test('Noncompliance 2: Classic Load Balancer with cross-zone off', () => {
    expect(
      violations('FT-LB-7', (s) => new Elb(s, 'clb', { availabilityZones: ['a', 'b'], listener: [], crossZoneLoadBalancing: false })),
    ).toEqual(['FT-LB-7:clb']);
  });
  test('Compliance', () => {
    expect(
      violations('FT-LB-7', (s) => {
        new Lb(s, 'nlb', { loadBalancerType: 'network', subnets: ['a', 'b'], enableCrossZoneLoadBalancing: true });
        new Lb(s, 'alb', { subnets: ['a', 'b'] }); // always cross-zone
      }),
    ).toEqual([]);
  });
});

describe('FT-LB-8: target group without deregistration delay', () => {
  test('Noncompliance 1', () => {
    expect(violations('FT-LB-8', (s) => new LbTargetGroup(s, 'tg', { port: 80, protocol: 'HTTP', deregistrationDelay: '0' }))).toEqual([
      'FT-LB-8:tg',
    ]);
  });
  test('Compliance', () => {
    expect(
      violations('FT-LB-8', (s) => {
        new LbTargetGroup(s, 'default', { port: 80, protocol: 'HTTP' });
        new LbTargetGroup(s, 'tg', { port: 80, protocol: 'HTTP', deregistrationDelay: '30' });
      }),
    ).toEqual([]);
  });
});
