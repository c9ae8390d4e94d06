import 'cdktf/lib/testing/adapters/jest';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { LbTargetGroupAttachment } from '@cdktf/provider-aws/lib/lb-target-group-attachment';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { only, reportOf, unresolvables, violations } from './helpers';
import { AlarmDestination, HealthCheckedLoadBalancer, MultiAzService, Platform, Workload } from '../../src';
import { CERT, existingNetwork } from '../load-balancing/fixtures';

const CERTIFICATE = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';

/** An ALB with an HTTP listener redirecting to an HTTPS listener, and two target groups. */
function base(s: TerraformStack) {
  const lb = new Lb(s, 'lb', { subnets: ['subnet-a', 'subnet-b'] });
  const http = new LbListener(s, 'http', {
    loadBalancerArn: lb.arn,
    port: 80,
    protocol: 'HTTP',
    defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
  });
  const https = new LbListener(s, 'https', {
    loadBalancerArn: lb.arn,
    port: 443,
    protocol: 'HTTPS',
    certificateArn: CERTIFICATE,
    defaultAction: [{ type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '404' } }],
  });
  const api = new LbTargetGroup(s, 'api-tg', { port: 3000, protocol: 'HTTP', vpcId: 'vpc-1' });
  const web = new LbTargetGroup(s, 'web-tg', { port: 3000, protocol: 'HTTP', vpcId: 'vpc-1' });
  return { lb, http, https, api, web };
}

const forward = (...groups: Array<[LbTargetGroup, number]>) => [{ type: 'forward', forward: { targetGroup: groups.map(([g, weight]) => ({ arn: g.arn, weight })) } }];
const host = (name: string) => [{ hostHeader: { values: [name] } }];

describe('FT-LB-9: a listener rule of a plain-HTTP listener forwards', () => {
  test('Noncompliance: a forwarding rule on the redirecting port-80 listener', () => {
    const f = only('FT-LB-9', (s) => {
      const { http, api } = base(s);
      new LbListenerRule(s, 'leak', { listenerArn: http.arn, priority: 1, condition: host('api.example.com'), action: forward([api, 1]) });
    });
    expect(f.detail).toBe('it forwards requests of the plain-HTTP listener `aws_lb_listener.http`');
  });
  test('Compliance: forwarding rules on the HTTPS listener, redirecting rules on the HTTP one', () => {
    expect(
      violations('FT-LB-9', (s) => {
        const { http, https, api } = base(s);
        new LbListenerRule(s, 'api-rule', { listenerArn: https.arn, priority: 1, condition: host('api.example.com'), action: forward([api, 1]) });
        new LbListenerRule(s, 'old', {
          listenerArn: http.arn,
          priority: 1,
          condition: host('old.example.com'),
          action: [{ type: 'redirect', redirect: { host: 'new.example.com', statusCode: 'HTTP_301' } }],
        });
      }),
    ).toEqual([]);
  });
  test('Unresolvable: a listener outside the stack', () => {
    expect(
      unresolvables('FT-LB-9', (s) => {
        const { api } = base(s);
        const listener = new TerraformVariable(s, 'listener', { type: 'string' });
        new LbListenerRule(s, 'api-rule', { listenerArn: listener.stringValue, priority: 1, condition: host('a.example.com'), action: forward([api, 1]) });
      }),
    ).toEqual(['cannot check at synth time: `listener_arn` is `${var.listener}`, known only at deploy time']);
  });
});

describe('FT-LB-10: forwarded to a target group without registered targets', () => {
  test('Noncompliance: a rule forwarding to a target group nothing registers in', () => {
    const f = only('FT-LB-10', (s) => {
      const { https, api } = base(s);
      new LbListenerRule(s, 'api-rule', { listenerArn: https.arn, priority: 1, condition: host('api.example.com'), action: forward([api, 1]) });
    });
    expect(f.detail).toBe(
      'it forwards to `aws_lb_target_group.api-tg`, in which no Auto Scaling group, ECS service or target group attachment of this stack registers targets',
    );
    expect(f.level).toBe('warning');
  });
  test('Noncompliance: the listener\'s own default action', () => {
    expect(
      violations('FT-LB-10', (s) => {
        const { lb, api } = base(s);
        new LbListener(s, 'alt', { loadBalancerArn: lb.arn, port: 8443, protocol: 'HTTPS', certificateArn: CERTIFICATE, defaultAction: [{ type: 'forward', targetGroupArn: api.arn }] });
      }),
    ).toEqual(['FT-LB-10:alt']);
  });
  test('Compliance: an Auto Scaling group, an ECS service, an attachment register; an idle (weight 0) group is not traffic', () => {
    expect(
      violations('FT-LB-10', (s) => {
        const { https, api, web } = base(s);
        const idle = new LbTargetGroup(s, 'idle', { port: 3000, protocol: 'HTTP', vpcId: 'vpc-1' });
        const extra = new LbTargetGroup(s, 'extra', { port: 3000, protocol: 'HTTP', vpcId: 'vpc-1' });
        new LbListenerRule(s, 'api-rule', { listenerArn: https.arn, priority: 1, condition: host('api.example.com'), action: forward([api, 90], [idle, 0]) });
        new LbListenerRule(s, 'web-rule', { listenerArn: https.arn, priority: 2, condition: host('www.example.com'), action: forward([web, 1], [extra, 1]) });
        new AutoscalingGroup(s, 'asg', { minSize: 2, maxSize: 2, targetGroupArns: [api.arn], vpcZoneIdentifier: ['subnet-a'] });
        new EcsService(s, 'svc', { name: 'web', loadBalancer: [{ targetGroupArn: web.arn, containerName: 'app', containerPort: 3000 }] });
        new LbTargetGroupAttachment(s, 'attach', { targetGroupArn: extra.arn, targetId: '10.0.0.1' });
      }),
    ).toEqual([]);
  });
  test('Unresolvable: an Auto Scaling group whose target groups are a variable may register anywhere', () => {
    expect(
      unresolvables('FT-LB-10', (s) => {
        const { https, api } = base(s);
        const arns = new TerraformVariable(s, 'arns', { type: 'list(string)' });
        new LbListenerRule(s, 'api-rule', { listenerArn: https.arn, priority: 1, condition: host('api.example.com'), action: forward([api, 1]) });
        new AutoscalingGroup(s, 'asg', { minSize: 2, maxSize: 2, targetGroupArns: arns.listValue, vpcZoneIdentifier: ['subnet-a'] });
      }),
    ).toEqual(['cannot check at synth time: `aws_autoscaling_group.asg.target_group_arns` is `${var.arns}`, known only at deploy time']);
  });
});

describe('the library\'s routes: every rule\'s target groups are seen', () => {
  test('services behind routes pass FT-LB-9 and FT-LB-10; a route whose service is gone is found', () => {
    const build = (withService: boolean) => (stack: TerraformStack) => {
      const platform = Platform.aws({ network: existingNetwork(stack), alarms: AlarmDestination.fromArns('arn:aws:sns:eu-west-1:123456789012:oncall') });
      const edge = new HealthCheckedLoadBalancer(stack, 'edge', { platform, certificateArn: CERT });
      const api = edge.addRoute('api', { hostHeaders: ['api.example.com'] });
      if (withService) {
        new MultiAzService(stack, 'api', { platform, workload: Workload.container({ image: 'ghcr.io/acme/api:1.4.2', port: 3000 }), loadBalancer: api });
      } else {
        api.addTarget('api', { port: 3000 });
      }
    };
    const clean = reportOf(build(true)).findings.filter((f) => f.ruleId === 'FT-LB-9' || f.ruleId === 'FT-LB-10');
    expect(clean).toEqual([]);
    const missing = reportOf(build(false)).findings.filter((f) => f.ruleId === 'FT-LB-10');
    expect(missing.map((f) => [f.constructPath, f.detail])).toEqual([
      ['stack/edge/api/ListenerRule', expect.stringMatching(/^it forwards to `aws_lb_target_group\.edge_TargetGroupApi_\w+`, in which no Auto Scaling group/)],
    ]);
  });
});
