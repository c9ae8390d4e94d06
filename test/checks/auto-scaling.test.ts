import 'cdktf/lib/testing/adapters/jest';
import { AutoscalingAttachment } from '@cdktf/provider-aws/lib/autoscaling-attachment';
import { AutoscalingGroup, AutoscalingGroupConfig } from '@cdktf/provider-aws/lib/autoscaling-group';
import { TerraformStack } from 'cdktf';
import { only, subnet, twoZones, unresolvables, violations } from './helpers';

const LT = { id: 'lt-1', version: '$Latest' };

function asg(s: TerraformStack, id: string, config: Partial<AutoscalingGroupConfig> = {}): AutoscalingGroup {
  return new AutoscalingGroup(s, id, { minSize: 2, maxSize: 4, launchTemplate: LT, vpcZoneIdentifier: ['subnet-a', 'subnet-b'], ...config });
}

describe('FT-ASG-1: Auto Scaling group in fewer than 2 zones', () => {
  test('Noncompliance 1: one subnet', () => {
    expect(violations('FT-ASG-1', (s) => asg(s, 'asg', { vpcZoneIdentifier: ['subnet-a'] }))).toEqual(['FT-ASG-1:asg']);
  });
  test('Noncompliance 2: two subnets of one zone', () => {
    const f = only('FT-ASG-1', (s) => asg(s, 'asg', { vpcZoneIdentifier: [subnet(s, 'a', 'eu-west-1a').id, subnet(s, 'b', 'eu-west-1a').id] }));
    expect(f.detail).toBe('`vpc_zone_identifier` lists 2 subnets in 1 zone (eu-west-1a)');
  });
  test('Noncompliance 3: one availability zone', () => {
    expect(violations('FT-ASG-1', (s) => asg(s, 'asg', { vpcZoneIdentifier: undefined, availabilityZones: ['eu-west-1a'] }))).toEqual(['FT-ASG-1:asg']);
  });
  test('Unresolvable: subnets as an expression', () => {
    expect(unresolvables('FT-ASG-1', (s) => asg(s, 'asg', { vpcZoneIdentifier: undefined }).addOverride('vpc_zone_identifier', '${var.subnets}'))).toEqual([
      'cannot check at synth time: `vpc_zone_identifier` is `${var.subnets}`, known only at deploy time',
    ]);
  });
  test('Compliance', () => {
    expect(
      violations('FT-ASG-1', (s) => {
        asg(s, 'asg', { vpcZoneIdentifier: twoZones(s).map((x) => x.id) });
        asg(s, 'azs', { vpcZoneIdentifier: undefined, availabilityZones: ['eu-west-1a', 'eu-west-1b'] });
      }),
    ).toEqual([]);
  });
});

describe('FT-ASG-2: ASG behind a load balancer without ELB health checks', () => {
  test('Noncompliance 1: target_group_arns, default EC2 health checks', () => {
    expect(only('FT-ASG-2', (s) => asg(s, 'asg', { targetGroupArns: ['arn:tg'] })).detail).toBe('`health_check_type` is unset (default "EC2")');
  });
  test('Noncompliance 2: attached by aws_autoscaling_attachment', () => {
    expect(
      violations('FT-ASG-2', (s) => {
        const group = asg(s, 'asg', { healthCheckType: 'EC2' });
        new AutoscalingAttachment(s, 'attach', { autoscalingGroupName: group.name, lbTargetGroupArn: 'arn:tg' });
      }),
    ).toEqual(['FT-ASG-2:asg']);
  });
  test('Compliance: ELB health checks; not applicable without a load balancer', () => {
    expect(
      violations('FT-ASG-2', (s) => {
        asg(s, 'asg', { targetGroupArns: ['arn:tg'], healthCheckType: 'ELB' });
        asg(s, 'worker');
      }),
    ).toEqual([]);
  });
});

describe('FT-ASG-3: ASG behind a load balancer with min_size < 2', () => {
  test('Noncompliance 1', () => {
    expect(only('FT-ASG-3', (s) => asg(s, 'asg', { minSize: 1, targetGroupArns: ['arn:tg'], healthCheckType: 'ELB' })).detail).toBe('`min_size` is 1');
  });
  test('Compliance: 2 instances; a worker group of 1 is not applicable', () => {
    expect(
      violations('FT-ASG-3', (s) => {
        asg(s, 'asg', { minSize: 2, targetGroupArns: ['arn:tg'] });
        asg(s, 'worker', { minSize: 1 });
      }),
    ).toEqual([]);
  });
});

describe('FT-ASG-4: ASG without instance refresh', () => {
  test('Noncompliance 1', () => {
    expect(violations('FT-ASG-4', (s) => asg(s, 'asg'))).toEqual(['FT-ASG-4:asg']);
  });
  test('Compliance', () => {
    expect(
      violations('FT-ASG-4', (s) => asg(s, 'asg', { instanceRefresh: { strategy: 'Rolling', preferences: { minHealthyPercentage: 100 } } })),
    ).toEqual([]);
  });
});
