import 'cdktf/lib/testing/adapters/jest';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { CERT } from './fixtures';
import { AlarmTopic, Duration, HealthCheck, HealthCheckedLoadBalancer, LoadBalancerType, MultiAzNetwork, Platform, TargetType } from '../../src';

// The real terraform binary validates and plans the synthesized JSON against the provider schemas (offline).
describe('HealthCheckedLoadBalancer: Terraform accepts what it renders', () => {
  test('ALB with two weighted targets, NLB, and the wiring to a service', () => {
    const stack = new TerraformStack(Testing.app(), 'lb');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const network = new MultiAzNetwork(stack, 'network', { availabilityZones: ['eu-west-1a', 'eu-west-1b'] });
    const oncall = new AlarmTopic(stack, 'oncall', { emails: ['oncall@example.com'] });
    const platform = Platform.aws({ network, alarms: oncall });
    const alb = new HealthCheckedLoadBalancer(stack, 'edge', { platform, certificateArn: CERT, stickiness: Duration.minutes(5) });
    alb.addTarget('blue', { port: 3000, weight: 90, slowStart: Duration.seconds(30) });
    alb.addTarget('green', { port: 3000, weight: 10, targetType: TargetType.IP, healthCheck: HealthCheck.http('/ready', { port: 8081 }) });
    alb.allowTo({ securityGroupId: network.aws.vpc.defaultSecurityGroupId }, 3000);
    const nlb = new HealthCheckedLoadBalancer(stack, 'tcp', {
      platform,
      loadBalancerType: LoadBalancerType.NETWORK,
      internetFacing: false,
      certificateArn: CERT,
      accessLogs: { bucketName: 'central-lb-logs' },
    });
    nlb.addTarget('grpc', { port: 50051 });
    expect(stack).toBeValidTerraformOffline();
  });

  test('Kubernetes LoadBalancer Service', () => {
    const stack = new TerraformStack(Testing.app(), 'k8s');
    new KubernetesProvider(stack, 'kubernetes', { configPath: '~/.kube/config' });
    const lb = new HealthCheckedLoadBalancer(stack, 'web-lb', {
      platform: Platform.kubernetes({ namespaceName: 'shop' }),
      internetFacing: false,
      allowedCidrs: ['10.0.0.0/8'],
    });
    lb.addTarget('web', { port: 3000, selector: { 'app.kubernetes.io/name': 'web' } });
    expect(stack).toBeValidTerraformOffline();
  });
});
