import 'cdktf/lib/testing/adapters/jest';
import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { CERT, awsError, errorOf, existingNetwork, kubernetesError, synthAws } from './fixtures';
import {
  Duration,
  ExternalTrafficPolicy,
  HealthCheck,
  HealthCheckedLoadBalancer,
  INetwork,
  LoadBalancerType,
  MultiAzNetwork,
  NetworkSubnet,
  Platform,
  SubnetTier,
  TargetProtocol,
} from '../../src';

const PREFIX = 'HealthCheckedLoadBalancer "stack/edge": ';

/** A network of one's own making, e.g. with two public subnets in the same zone. */
class OneZoneNetwork extends Construct implements INetwork {
  public readonly vpcId = 'vpc-1';
  public readonly vpcCidrBlock = '10.0.0.0/16';
  public readonly zones = ['eu-west-1a'];
  public readonly publicSubnets: NetworkSubnet[] = [
    { subnetId: 'subnet-a1', zone: 'eu-west-1a' },
    { subnetId: 'subnet-a2', zone: 'eu-west-1a' },
  ];
  public readonly privateSubnets: NetworkSubnet[] = [];
  public readonly isolatedSubnets: NetworkSubnet[] = [];
  public subnets(tier: SubnetTier): NetworkSubnet[] {
    return tier === SubnetTier.PUBLIC ? this.publicSubnets : [];
  }
}

describe('HealthCheckedLoadBalancer validation: AWS props', () => {
  test('port outside 1..65535', () => {
    expect(awsError({ port: 0 })).toBe(`${PREFIX}\`port\` must be a whole number from 1 to 65535, got 0.`);
  });

  test('an internet-facing HTTPS load balancer without certificate says how to fix it', () => {
    expect(awsError({ certificateArn: undefined })).toBe(
      `${PREFIX}\`certificateArn\` is required so clients reach the internet-facing load balancer over HTTPS, got nothing. Pass the ARN of an ACM certificate, or set \`allowPlainHttp: true\` to serve unencrypted traffic.`,
    );
  });

  test('an internal load balancer needs a certificate too (encryption in transit by default)', () => {
    expect(awsError({ certificateArn: undefined, internetFacing: false })).toBe(
      `${PREFIX}\`certificateArn\` is required so clients reach the internal load balancer over HTTPS, got nothing. Pass the ARN of an ACM certificate, or set \`allowPlainHttp: true\` to serve unencrypted traffic.`,
    );
  });

  test('a Network Load Balancer without certificate asks for TLS', () => {
    expect(awsError({ certificateArn: undefined, loadBalancerType: LoadBalancerType.NETWORK })).toContain(
      'is required so clients reach the internet-facing load balancer over TLS, got nothing.',
    );
  });

  test('allowPlainHttp conflicts with certificateArn', () => {
    expect(awsError({ allowPlainHttp: true })).toBe(
      `${PREFIX}\`allowPlainHttp\` conflicts with \`certificateArn\`: a certificate means the load balancer serves HTTPS. Remove one of them.`,
    );
  });

  test('certificateArn must be a certificate ARN', () => {
    expect(awsError({ certificateArn: 'my-cert' })).toBe(
      `${PREFIX}\`certificateArn\` must be an ACM or IAM certificate ARN like "arn:aws:acm:eu-west-1:123456789012:certificate/<id>", got "my-cert".`,
    );
  });

  test('sslPolicy must not allow TLS 1.0 or 1.1', () => {
    expect(awsError({ sslPolicy: 'ELBSecurityPolicy-2016-08' })).toBe(
      `${PREFIX}\`sslPolicy\` must be an ELB security policy that allows only TLS 1.2 or newer, without the weaker "Ext" cipher suites, got "ELBSecurityPolicy-2016-08". Use "ELBSecurityPolicy-TLS13-1-2-2021-06" (the default) or another ELBSecurityPolicy-TLS13-1-2-* policy.`,
    );
    expect(awsError({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06' })).toContain('without the weaker "Ext" cipher suites, got "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06"');
    expect(() => synthAws({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04' })).not.toThrow();
  });

  test('sslPolicy conflicts with allowPlainHttp', () => {
    expect(awsError({ certificateArn: undefined, allowPlainHttp: true, sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' })).toBe(
      `${PREFIX}\`sslPolicy\` conflicts with \`allowPlainHttp\`: a plain listener has no TLS policy. Remove \`sslPolicy\`.`,
    );
  });

  test('HTTPS on port 80 collides with the redirect', () => {
    expect(awsError({ port: 80 })).toBe(
      `${PREFIX}\`port\` must not be 80 while \`redirectHttp\` is on: port 80 redirects to HTTPS, got 80. Use 443 (the default), or set \`redirectHttp: false\`.`,
    );
    expect(() => synthAws({ port: 80, redirectHttp: false })).not.toThrow();
  });

  test('redirectHttp needs an HTTPS listener on an ALB', () => {
    expect(awsError({ certificateArn: undefined, allowPlainHttp: true, redirectHttp: true })).toBe(
      `${PREFIX}\`redirectHttp\` needs an HTTPS listener to redirect to, got true. Pass \`certificateArn\`, or remove \`redirectHttp\`.`,
    );
    expect(awsError({ loadBalancerType: LoadBalancerType.NETWORK, redirectHttp: true })).toBe(
      `${PREFIX}\`redirectHttp\` is only possible on an Application Load Balancer, got true. Remove \`redirectHttp\`.`,
    );
  });

  test('a health check timeout not below its interval', () => {
    expect(awsError({ healthCheck: HealthCheck.http('/health', { interval: Duration.seconds(10), timeout: Duration.seconds(10) }) })).toBe(
      `${PREFIX}\`healthCheck.timeout\` must be shorter than the interval (10s), or checks overlap, got 10s. Lower the timeout or raise the interval.`,
    );
  });

  test('a TCP health check on an Application Load Balancer', () => {
    expect(awsError({ healthCheck: HealthCheck.tcp() })).toBe(
      `${PREFIX}\`healthCheck.protocol\` must be HTTP, HTTPS or gRPC on an Application Load Balancer, got "TCP". Use \`HealthCheck.http(path)\`, or \`loadBalancerType: LoadBalancerType.NETWORK\`.`,
    );
  });

  test('a network without public subnets cannot host an internet-facing load balancer', () => {
    const message = errorOf((stack) => {
      const network = MultiAzNetwork.fromExisting(stack, 'network', {
        vpcId: 'vpc-1',
        vpcCidrBlock: '10.0.0.0/16',
        privateSubnets: [
          { subnetId: 'subnet-a', zone: 'eu-west-1a' },
          { subnetId: 'subnet-b', zone: 'eu-west-1b' },
        ],
      });
      new HealthCheckedLoadBalancer(stack, 'edge', { platform: Platform.aws({ network }), certificateArn: CERT });
    });
    expect(message).toBe(
      `${PREFIX}\`platform.network\` must have public subnets in at least 2 zones so the internet-facing load balancer survives the loss of a zone, got []. Add public subnets in another availability zone.`,
    );
  });

  test('subnets in one zone only', () => {
    const message = errorOf((stack) => {
      const network = new OneZoneNetwork(stack, 'network');
      new HealthCheckedLoadBalancer(stack, 'edge', { platform: Platform.aws({ network }), certificateArn: CERT });
    });
    expect(message).toBe(
      `${PREFIX}\`platform.network\` must have public subnets in at least 2 zones so the internet-facing load balancer survives the loss of a zone, got ["eu-west-1a", "eu-west-1a"]. Add public subnets in another availability zone.`,
    );
  });

  test('an existing network refuses a tier in one zone before the load balancer sees it', () => {
    expect(
      errorOf((stack) =>
        MultiAzNetwork.fromExisting(stack, 'network', {
          vpcId: 'vpc-1',
          vpcCidrBlock: '10.0.0.0/16',
          publicSubnets: [{ subnetId: 'subnet-a', zone: 'eu-west-1a' }],
        }),
      ),
    ).toContain('`publicSubnets` must span at least 2 distinct zones');
  });

  test('allowedCidrs must be CIDR blocks, and not empty', () => {
    expect(awsError({ allowedCidrs: ['10.0.0.1', '2001:db8::/200'] })).toBe(
      `HealthCheckedLoadBalancer "stack/edge" has 2 invalid props:
  - \`allowedCidrs[0]\` must be an IPv4 or IPv6 CIDR block like "203.0.113.0/24" or "2001:db8::/32", got "10.0.0.1".
  - \`allowedCidrs[1]\` must be an IPv4 or IPv6 CIDR block like "203.0.113.0/24" or "2001:db8::/32", got "2001:db8::/200".`,
    );
    expect(awsError({ allowedCidrs: [] })).toBe(
      `${PREFIX}\`allowedCidrs\` must list at least one CIDR block, got []. Leave it out to accept the default, or set \`internetFacing: false\` to admit the VPC only.`,
    );
  });

  test('idleTimeout, stickiness and the load balancer name', () => {
    expect(awsError({ idleTimeout: Duration.seconds(5000) })).toBe(`${PREFIX}\`idleTimeout\` must be a whole number of seconds from 1s to 1h 6min 40s, got 1h 23min 20s.`);
    expect(awsError({ stickiness: Duration.days(8) })).toBe(`${PREFIX}\`stickiness\` must be a whole number of seconds from 1s to 7d, got 8d.`);
    expect(awsError({ name: 'internal-edge' })).toBe(
      `${PREFIX}\`name\` must be 1 to 32 letters, digits or hyphens, not starting or ending with a hyphen nor with "internal-", got "internal-edge".`,
    );
  });

  test('zonalShift and clientKeepAlive', () => {
    expect(awsError({ zonalShift: 'yes' as any })).toBe(`${PREFIX}\`zonalShift\` must be true or false, got "yes".`);
    expect(awsError({ clientKeepAlive: Duration.seconds(30) })).toBe(`${PREFIX}\`clientKeepAlive\` must be a whole number of seconds from 1min to 7d, got 30s.`);
    expect(awsError({ loadBalancerType: LoadBalancerType.NETWORK, clientKeepAlive: Duration.minutes(5) })).toBe(
      `${PREFIX}\`clientKeepAlive\` is only supported on an Application Load Balancer, got 5min. Remove \`clientKeepAlive\`.`,
    );
    expect(kubernetesError({ zonalShift: true })).toBe(
      'HealthCheckedLoadBalancer "stack/web-lb": `zonalShift` is only supported on AWS, got true. Shift traffic with your cloud\'s tools; remove it on Kubernetes.',
    );
  });

  test('ALB-only props on a Network Load Balancer', () => {
    expect(awsError({ loadBalancerType: LoadBalancerType.NETWORK, idleTimeout: Duration.seconds(30), alarms: { elb5xx: { enabled: false } } })).toBe(
      `HealthCheckedLoadBalancer "stack/edge" has 2 invalid props:
  - \`idleTimeout\` is only supported on an Application Load Balancer, got 30s. Remove \`idleTimeout\`.
  - \`alarms.elb5xx\` only exists on an Application Load Balancer, got {"enabled":false}. Remove \`alarms.elb5xx\`.`,
    );
    expect(awsError({ alarms: { tcpResets: { threshold: 5 } } })).toBe(
      `${PREFIX}\`alarms.tcpResets\` only exists on a Network Load Balancer, got {"threshold":5}. Remove \`alarms.tcpResets\`.`,
    );
  });

  test('alarm options are validated', () => {
    expect(awsError({ alarms: { unhealthyHosts: { evaluationPeriods: 0 } } })).toBe(
      `${PREFIX}\`alarms.unhealthyHosts.evaluationPeriods\` must be a whole number from 1 to 100, got 0.`,
    );
  });

  test('access log options', () => {
    expect(awsError({ accessLogs: { prefix: 'AWSLogs/edge' } })).toBe(
      `${PREFIX}\`accessLogs.prefix\` must be a non-empty prefix without "AWSLogs" that neither starts nor ends with "/", got "AWSLogs/edge".`,
    );
    expect(awsError({ accessLogs: { bucketName: 'My_Bucket' } })).toBe(
      `${PREFIX}\`accessLogs.bucketName\` must be an S3 bucket name (3 to 63 lower-case letters, digits, dots or hyphens), got "My_Bucket".`,
    );
    expect(awsError({ accessLogs: { retention: Duration.hours(36) } })).toBe(`${PREFIX}\`accessLogs.retention\` must be a whole number of days of at least 1d, got 1d 12h.`);
    expect(awsError({ accessLogs: { enabled: false, bucketName: 'logs' } })).toBe(
      `${PREFIX}\`accessLogs.enabled\` is false, so \`accessLogs.bucketName\`, \`accessLogs.prefix\` and \`accessLogs.retention\` have no effect. Remove them, or turn access logs on.`,
    );
  });

  test('Kubernetes-only props are refused on AWS', () => {
    expect(awsError({ externalTrafficPolicy: ExternalTrafficPolicy.LOCAL, annotations: { a: 'b' } })).toBe(
      `HealthCheckedLoadBalancer "stack/edge" has 2 invalid props:
  - \`externalTrafficPolicy\` is only supported on Kubernetes, got "LOCAL". An AWS load balancer sends traffic to its target groups' healthy targets in every zone; remove it.
  - \`annotations\` is only supported on Kubernetes, got {"a":"b"}. Use \`tags\` on AWS.`,
    );
  });

  test('every problem is reported at once', () => {
    const message = awsError({ certificateArn: undefined, port: 70000, healthCheck: HealthCheck.http('health') });
    expect(message).toBe(`HealthCheckedLoadBalancer "stack/edge" has 3 invalid props:
  - \`port\` must be a whole number from 1 to 65535, got 70000.
  - \`healthCheck.path\` must start with "/" (at most 1024 characters), got "health".
  - \`certificateArn\` is required so clients reach the internet-facing load balancer over HTTPS, got nothing. Pass the ARN of an ACM certificate, or set \`allowPlainHttp: true\` to serve unencrypted traffic.`);
  });

  test('tokens are not validated', () => {
    expect(() =>
      synthAws({}, (lb, scope) => {
        const port = new TerraformVariable(scope, 'port', { type: 'number' }).numberValue;
        lb.addTarget('web', { port, weight: port });
      }),
    ).not.toThrow();
  });
});

describe('HealthCheckedLoadBalancer validation: values from plain JavaScript', () => {
  test('enum props take the member names; the old lower-case values are refused', () => {
    expect(awsError({ loadBalancerType: 'application' as any })).toBe(
      `${PREFIX}\`loadBalancerType\` must be one of LoadBalancerType.APPLICATION, LoadBalancerType.NETWORK, got "application".`,
    );
    expect(kubernetesError({ externalTrafficPolicy: 'Local' as any })).toBe(
      'HealthCheckedLoadBalancer "stack/web-lb": `externalTrafficPolicy` must be one of ExternalTrafficPolicy.CLUSTER, ExternalTrafficPolicy.LOCAL, got "Local".',
    );
    expect(awsError({}, (lb) => lb.addTarget('web', { port: 3000, targetType: 'ip' as any }))).toBe(
      `${PREFIX}\`addTarget("web").targetType\` must be one of TargetType.INSTANCE, TargetType.IP, got "ip".`,
    );
    expect(() => synthAws({ loadBalancerType: 'NETWORK' as any, healthCheck: HealthCheck.tcp() })).not.toThrow();
  });

  test('a value of the wrong type is a problem like any other, never a TypeError', () => {
    expect(awsError({ idleTimeout: 60 as any, internetFacing: 'no' as any, accessLogs: { retention: 30 as any } })).toBe(
      `HealthCheckedLoadBalancer "stack/edge" has 3 invalid props:
  - \`internetFacing\` must be true or false, got "no".
  - \`idleTimeout\` must be a Duration, e.g. \`Duration.seconds(30)\`, got 60.
  - \`accessLogs.retention\` must be a Duration, e.g. \`Duration.seconds(30)\`, got 30.`,
    );
    expect(awsError({}, (lb) => lb.addTarget('web', { port: 3000, deregistrationDelay: 30 as any }))).toBe(
      `${PREFIX}\`addTarget("web").deregistrationDelay\` must be a Duration, e.g. \`Duration.seconds(30)\`, got 30.`,
    );
    expect(awsError({ name: 42 as any })).toBe(
      `${PREFIX}\`name\` must be 1 to 32 letters, digits or hyphens, not starting or ending with a hyphen nor with "internal-", got 42.`,
    );
  });

  test('a target security group needs its id', () => {
    expect(awsError({}, (lb) => lb.addTarget('web', { port: 3000, targetSecurityGroup: {} as any }))).toBe(
      `${PREFIX}\`addTarget("web").targetSecurityGroup.securityGroupId\` must be the id of the targets' security group, got nothing.`,
    );
    expect(kubernetesError({}, (lb) => lb.addTarget('web', { port: 3000, selector: { app: 'web' }, targetSecurityGroup: { securityGroupId: 'sg-1' } }))).toBe(
      'HealthCheckedLoadBalancer "stack/web-lb": `addTarget("web").targetSecurityGroup` is only supported on AWS, got {"securityGroupId":"sg-1"}. Remove `targetSecurityGroup` on Kubernetes.',
    );
  });
});

describe('HealthCheckedLoadBalancer validation: AWS targets', () => {
  const target = (options: any, id: string = 'web', before?: (lb: HealthCheckedLoadBalancer) => void, props: any = {}) =>
    awsError(props, (lb) => {
      before?.(lb);
      lb.addTarget(id, options);
    });

  test('a weight out of range', () => {
    expect(target({ port: 3000, weight: 1000 })).toBe(
      `${PREFIX}\`addTarget("web").weight\` must be a whole number from 0 to 999 relative to the other targets, got 1000.`,
    );
  });

  test('a target port out of range, and a missing one', () => {
    expect(target({ port: 70000 })).toBe(`${PREFIX}\`addTarget("web").port\` must be a whole number from 1 to 65535, got 70000.`);
    expect(target({})).toBe(`${PREFIX}\`addTarget("web").port\` is required: the port the targets receive traffic on, got nothing.`);
  });

  test('ids: a letter first, unique ignoring case', () => {
    expect(target({ port: 3000 }, '1st')).toBe(
      `${PREFIX}\`addTarget("1st") id\` must start with a letter, followed by at most 31 letters, digits or hyphens, got "1st".`,
    );
    expect(target({ port: 3000 }, 'Web', (lb) => lb.addTarget('web', { port: 3000 }))).toBe(
      `${PREFIX}\`addTarget("Web") id\` must be unique among the targets of this load balancer (ignoring case), got "Web".`,
    );
  });

  test('at most 5 target groups on an ALB, 1 on an NLB', () => {
    const fill = (lb: HealthCheckedLoadBalancer) => ['a', 'b', 'c', 'd', 'e'].forEach((id) => lb.addTarget(id, { port: 3000 }));
    expect(target({ port: 3000 }, 'f', fill)).toBe(
      `${PREFIX}\`addTarget("f")\` would be the 6th target: an Application Load Balancer listener forwards to at most 5 target groups. Remove a target first, or route it by host or path with \`addRoute\`.`,
    );
    expect(target({ port: 3000 }, 'green', (lb) => lb.addTarget('blue', { port: 3000 }), { loadBalancerType: LoadBalancerType.NETWORK })).toBe(
      `${PREFIX}\`addTarget("green")\` would be a second target: a Network Load Balancer listener forwards to one target group (weighted targets need an Application Load Balancer).`,
    );
  });

  test('target options of the other platform or load balancer type', () => {
    expect(target({ port: 3000, selector: { app: 'web' } })).toBe(
      `${PREFIX}\`addTarget("web").selector\` is only supported on Kubernetes, got {"app":"web"}. Register AWS targets with the target group ARN (\`targetGroupArn\`) instead.`,
    );
    expect(target({ port: 3000, protocol: TargetProtocol.TCP })).toBe(
      `${PREFIX}\`addTarget("web").protocol\` must be HTTP or HTTPS behind an Application Load Balancer, got "TCP".`,
    );
    expect(target({ port: 3000, slowStart: Duration.seconds(60) }, 'web', undefined, { loadBalancerType: LoadBalancerType.NETWORK })).toBe(
      `${PREFIX}\`addTarget("web").slowStart\` is only supported behind an Application Load Balancer, got 1min. Remove \`slowStart\`.`,
    );
  });

  test('deregistration delay and slow start ranges', () => {
    expect(target({ port: 3000, deregistrationDelay: Duration.hours(2), slowStart: Duration.seconds(10) })).toBe(
      `HealthCheckedLoadBalancer "stack/edge" has 2 invalid props:
  - \`addTarget("web").deregistrationDelay\` must be a whole number of seconds up to 1h, got 2h.
  - \`addTarget("web").slowStart\` must be a whole number of seconds from 30s to 15min, got 10s.`,
    );
  });

  test('a target health check is validated like the load balancer\'s', () => {
    expect(target({ port: 3000, healthCheck: HealthCheck.http('/h', { interval: Duration.seconds(2), timeout: Duration.seconds(1) }) })).toBe(
      `HealthCheckedLoadBalancer "stack/edge" has 2 invalid props:
  - \`addTarget("web").healthCheck.interval\` must be a whole number of seconds from 5 s to 300 s (the load balancer limits), got 2s.
  - \`addTarget("web").healthCheck.timeout\` must be a whole number of seconds from 2 s to 120 s, got 1s.`,
    );
  });

  test('gRPC needs HTTPS', () => {
    expect(target({ port: 50051, healthCheck: HealthCheck.grpc() }, 'grpc', undefined, { certificateArn: undefined, allowPlainHttp: true })).toBe(
      `${PREFIX}\`addTarget("grpc").healthCheck\` is a gRPC check, but gRPC needs an HTTPS listener and \`allowPlainHttp\` is on. Pass \`certificateArn\` instead.`,
    );
  });

  test('allowTo port', () => {
    expect(awsError({}, (lb) => lb.allowTo({ securityGroupId: 'sg-1' }, 0))).toBe(`${PREFIX}\`allowTo() port\` must be a whole number from 1 to 65535, got 0.`);
  });
});

describe('HealthCheckedLoadBalancer validation: Kubernetes', () => {
  const K8S = 'HealthCheckedLoadBalancer "stack/web-lb": ';

  test('AWS-only props are refused with what to do instead', () => {
    expect(kubernetesError({ certificateArn: CERT })).toBe(
      `${K8S}\`certificateArn\` is only supported on AWS, got "${CERT}". A Service does not terminate TLS: terminate it in the pods, or pass your cloud's annotation (e.g. \`service.beta.kubernetes.io/aws-load-balancer-ssl-cert\`) in \`annotations\`.`,
    );
    expect(kubernetesError({ loadBalancerType: LoadBalancerType.NETWORK, alarms: {} })).toBe(
      `HealthCheckedLoadBalancer "stack/web-lb" has 2 invalid props:
  - \`loadBalancerType\` is only supported on AWS, got "NETWORK". The cloud's load balancer controller picks the kind; select it with \`annotations\`.
  - \`alarms\` is only supported on AWS, got {}. Alarms of a Kubernetes load balancer are not rendered yet; remove it.`,
    );
  });

  test('a certificate is not required, and allowPlainHttp is accepted', () => {
    expect(() => kubernetesError({ allowPlainHttp: true })).toThrow('expected an error');
  });

  test('the selector is required and must be made of valid labels', () => {
    expect(kubernetesError({}, (lb) => lb.addTarget('web', { port: 3000 }))).toBe(
      `${K8S}\`addTarget("web").selector\` is required on Kubernetes: the labels of the pods the Service routes to, got nothing. Pass e.g. \`{ 'app.kubernetes.io/name': 'web' }\`.`,
    );
    expect(kubernetesError({}, (lb) => lb.addTarget('web', { port: 3000, selector: { 'app/name/x': 'web', 'app': 'web app' } }))).toBe(
      `HealthCheckedLoadBalancer "stack/web-lb" has 2 invalid props:
  - \`addTarget("web").selector["app/name/x"]\` must be a valid label key, got "app/name/x".
  - \`addTarget("web").selector["app"]\` must be a valid label value (at most 63 letters, digits, "-", "_" or "."), got "web app".`,
    );
  });

  test('AWS-only target options are refused', () => {
    expect(kubernetesError({}, (lb) => lb.addTarget('web', { port: 3000, selector: { app: 'web' }, protocol: TargetProtocol.HTTP }))).toBe(
      `${K8S}\`addTarget("web").protocol\` is only supported on AWS, got "HTTP". Remove \`protocol\` on Kubernetes.`,
    );
  });

  test('one target per Service', () => {
    expect(
      kubernetesError({}, (lb) => {
        lb.addTarget('blue', { port: 3000, selector: { app: 'web' } });
        lb.addTarget('green', { port: 3000, selector: { app: 'web' } });
      }),
    ).toBe(
      `${K8S}\`addTarget("green")\` would be a second target: a Kubernetes Service routes to one set of pods (select every version with one shared label instead).`,
    );
  });

  test('Service name and annotation keys', () => {
    expect(kubernetesError({ name: 'Web_LB', annotations: { 'bad key': 'x' } })).toBe(
      `HealthCheckedLoadBalancer "stack/web-lb" has 2 invalid props:
  - \`name\` must be a Kubernetes Service name: at most 63 lower-case letters, digits or hyphens, starting with a letter, got "Web_LB".
  - \`annotations["bad key"]\` must be a valid annotation key (an optional DNS prefix and "/", then at most 63 letters, digits, "-", "_" or "."), got "bad key".`,
    );
  });

  test('security-group wiring throws on Kubernetes', () => {
    expect(kubernetesError({}, (lb) => lb.allowTo({ securityGroupId: 'sg-1' }, 3000))).toBe(
      'HealthCheckedLoadBalancer "stack/web-lb" runs on Kubernetes: allowTo() wires AWS security groups and has nothing to do there.',
    );
    expect(kubernetesError({}, (lb) => lb.securityGroupId)).toBe(
      'HealthCheckedLoadBalancer "stack/web-lb" runs on Kubernetes and has no security group; security-group wiring (allowTo, allowFrom) is AWS only.',
    );
  });
});

describe('HealthCheckedLoadBalancer validation: properties', () => {
  test('any port outside 1..65535 yields the exact error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -100_000, max: 0 }), fc.integer({ min: 65_536, max: 1_000_000 })), (port) => {
        expect(awsError({ port })).toBe(`${PREFIX}\`port\` must be a whole number from 1 to 65535, got ${port}.`);
      }),
      { numRuns: 50 },
    );
  });

  test('any fractional port yields the same error', () => {
    fc.assert(
      fc.property(fc.double({ min: 1.01, max: 65534.99, noNaN: true }).filter((p) => !Number.isInteger(p)), (port) => {
        expect(awsError({ port })).toBe(`${PREFIX}\`port\` must be a whole number from 1 to 65535, got ${port}.`);
      }),
      { numRuns: 30 },
    );
  });

  test('any target weight outside 0..999 yields the exact error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1000, max: -1 }), fc.integer({ min: 1000, max: 100_000 })), (weight) => {
        expect(awsError({}, (lb) => lb.addTarget('web', { port: 3000, weight }))).toBe(
          `${PREFIX}\`addTarget("web").weight\` must be a whole number from 0 to 999 relative to the other targets, got ${weight}.`,
        );
      }),
      { numRuns: 50 },
    );
  });

  test('any health check timeout at or above its interval yields the exact error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 120 }), fc.integer({ min: 0, max: 10 }), (interval, extra) => {
        const timeout = Math.min(interval + extra, 120);
        const healthCheck = HealthCheck.http('/health', { interval: Duration.seconds(interval), timeout: Duration.seconds(timeout) });
        expect(awsError({ healthCheck })).toBe(
          `${PREFIX}\`healthCheck.timeout\` must be shorter than the interval (${Duration.seconds(interval)}), or checks overlap, got ${Duration.seconds(timeout)}. Lower the timeout or raise the interval.`,
        );
      }),
      { numRuns: 40 },
    );
  });

  test('any valid port other than 80 becomes the HTTPS listener port', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65535 }).filter((p) => p !== 80), (port) => {
        const { json } = synthAws({ port, accessLogs: { enabled: false } });
        const listeners = Object.values(json.resource.aws_lb_listener) as any[];
        expect(listeners.find((l) => l.protocol === 'HTTPS').port).toBe(port);
      }),
      { numRuns: 15 },
    );
  });

  test('any malformed IPv4 CIDR in allowedCidrs is named with its index', () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !/^[\d.:a-fA-F]+\/\d+$/.test(s)), (cidr) => {
        expect(awsError({ allowedCidrs: ['10.0.0.0/8', cidr] })).toContain('`allowedCidrs[1]` must be an IPv4 or IPv6 CIDR block');
      }),
      { numRuns: 50 },
    );
  });
});

test('fixtures: the existing network spans 3 zones', () => {
  const message = errorOf((stack) => {
    expect(existingNetwork(stack).zones).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    throw new Error('done');
  });
  expect(message).toBe('done');
});
