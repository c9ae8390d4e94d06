import 'cdktf/lib/testing/adapters/jest';
import { App, Testing } from 'cdktf';
import { EXAMPLES } from '../examples/main';

function synthExample(name: string): any {
  const app = Testing.stubVersion(new App({ stackTraces: false }));
  EXAMPLES[name](app, name);
  const stack = app.node.findChild(name) as any;
  return JSON.parse(Testing.synth(stack));
}

describe('examples', () => {
  test('every example is registered under its documented stack name', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(['aws-web-app', 'kubernetes-web-app']);
  });

  test('aws-web-app: a network over 3 zones with 3 NAT gateways', () => {
    const json = synthExample('aws-web-app');
    expect(Object.keys(json.resource.aws_subnet)).toHaveLength(9);
    expect(Object.keys(json.resource.aws_nat_gateway)).toHaveLength(3);
    expect(json.provider.aws[0].region).toBe('eu-west-1');
  });

  test('kubernetes-web-app: configures the Kubernetes provider', () => {
    const json = synthExample('kubernetes-web-app');
    expect(json.provider.kubernetes).toHaveLength(1);
  });

  test('aws-web-app: an internet-facing ALB over the 3 public subnets, HTTPS with HTTP redirected, alarms to on-call', () => {
    const json = synthExample('aws-web-app');
    const [lb]: any[] = Object.values(json.resource.aws_lb);
    expect(lb).toEqual(expect.objectContaining({ internal: false, load_balancer_type: 'application', enable_deletion_protection: true }));
    expect(lb.subnets).toHaveLength(3);
    const listeners: any[] = Object.values(json.resource.aws_lb_listener);
    expect(listeners.map((l) => [l.port, l.protocol]).sort()).toEqual([[443, 'HTTPS'], [80, 'HTTP']]);
    const edgeAlarms = Object.values(json.resource.aws_cloudwatch_metric_alarm).filter((a: any) => a.alarm_name.startsWith('aws-web-app-edge-'));
    expect(edgeAlarms.length).toBeGreaterThanOrEqual(6);
    for (const alarm of edgeAlarms as any[]) {
      expect(alarm.alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.oncall_Topic_\w+\.arn\}$/)]);
    }
  });

  test('kubernetes-web-app: a LoadBalancer Service from port 80 to the web pods\' port 3000', () => {
    const json = synthExample('kubernetes-web-app');
    const services = Object.values(json.resource.kubernetes_service_v1).filter((s: any) => s.spec.type === 'LoadBalancer') as any[];
    expect(services).toHaveLength(1);
    expect(services[0].metadata.namespace).toBe('shop');
    expect(services[0].spec.port).toEqual([expect.objectContaining({ port: 80, target_port: '3000' })]);
  });
});
