import 'cdktf/lib/testing/adapters/jest';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { TerraformStack, Testing } from 'cdktf';
import { resources, synthKubernetes } from './fixtures';
import { CapabilityKind, Duration, ExternalTrafficPolicy, HealthCheck, HealthCheckedLoadBalancer, ILoadBalancer, Platform, PlatformKind } from '../../src';

const SELECTOR = { 'app.kubernetes.io/name': 'web' };

describe('HealthCheckedLoadBalancer on Kubernetes: defaults', () => {
  const { text, json, lb } = synthKubernetes();

  test('a Service of type LoadBalancer in the platform namespace', () => {
    expect(text).toHaveResourceWithProperties(ServiceV1, {
      metadata: expect.objectContaining({ name: 'stack-web-lb', namespace: 'shop' }),
      spec: expect.objectContaining({ type: 'LoadBalancer' }),
    });
    expect(resources(json, 'kubernetes_service_v1')).toHaveLength(1);
  });

  test('maps port 80 to the target port 3000 over TCP', () => {
    expect(text).toHaveResourceWithProperties(ServiceV1, {
      spec: expect.objectContaining({ port: [{ name: 'traffic', port: 80, protocol: 'TCP', target_port: '3000' }] }),
    });
  });

  test('routes to the pods of the target\'s selector', () => {
    expect(text).toHaveResourceWithProperties(ServiceV1, { spec: expect.objectContaining({ selector: SELECTOR }) });
  });

  test('only ready pods receive traffic', () => {
    expect(text).toHaveResourceWithProperties(ServiceV1, { spec: expect.objectContaining({ publish_not_ready_addresses: false }) });
  });

  test('externalTrafficPolicy Cluster, no session affinity', () => {
    expect(text).toHaveResourceWithProperties(ServiceV1, {
      spec: expect.objectContaining({ external_traffic_policy: 'Cluster', session_affinity: 'None' }),
    });
  });

  test('internet-facing and not restricted by source range', () => {
    const service = resources(json, 'kubernetes_service_v1')[0];
    expect(service.spec.load_balancer_source_ranges).toBeUndefined();
    expect(Object.keys(service.metadata.annotations).filter((k) => k.includes('internal') || k.includes('scheme') || k.includes('load-balancer-type'))).toEqual([]);
  });

  test('labelled and annotated with the library and the construct path', () => {
    expect(text).toHaveResourceWithProperties(ServiceV1, {
      metadata: expect.objectContaining({
        labels: {
          'app.kubernetes.io/instance': 'stack-web-lb',
          'app.kubernetes.io/component': 'load-balancer',
          'app.kubernetes.io/managed-by': 'cdktf-fault-tolerance',
        },
        annotations: expect.objectContaining({ 'cdktf-fault-tolerance.dev/construct-path': 'stack/web-lb' }),
      }),
    });
  });

  test('exposes the Service and nothing of AWS', () => {
    expect(lb.kubernetes!.service).toBeInstanceOf(ServiceV1);
    expect(lb.aws).toBeUndefined();
    expect(lb.alarms).toEqual([]);
    expect(lb.port).toBe(80);
    expect(typeof lb.dnsName).toBe('string');
  });

  test('the load balancer contract a service reads: one target, no request counts', () => {
    const contract: ILoadBalancer = lb;
    expect([contract.platformKind, contract.maxTargets, contract.countsRequests]).toEqual([PlatformKind.KUBERNETES, 1, false]);
    expect(lb.name).toBe('stack-web-lb');
    expect(lb.targets[0].loadBalancerArnSuffix).toBeUndefined();
  });

  test('addTarget returns the selector and the health check for the pods\' readiness probe', () => {
    const [target] = lb.targets;
    expect(target.selector).toEqual(SELECTOR);
    expect(target.port).toBe(3000);
    expect(target.targetGroupArn).toBeUndefined();
    expect(target.alarms).toEqual([]);
    expect(target.healthCheck.path).toBe('/health');
  });

  test('reports the platform and the detection time of the pods\' health check', () => {
    const facts = lb.resilienceFacts();
    expect(facts.platform).toBe(PlatformKind.KUBERNETES);
    expect(facts.capability).toBe(CapabilityKind.LOAD_BALANCER);
    expect(facts.zones).toBeUndefined();
    expect(facts.failureDetection!.toSeconds()).toBe(25);
  });

  test('the AWS cloud load balancer checks the nodes with the health check\'s timing, not its slow defaults', () => {
    expect(resources(json, 'kubernetes_service_v1')[0].metadata.annotations).toEqual({
      'cdktf-fault-tolerance.dev/construct-path': 'stack/web-lb',
      'service.beta.kubernetes.io/aws-load-balancer-healthcheck-interval': '10',
      'service.beta.kubernetes.io/aws-load-balancer-healthcheck-timeout': '5',
      'service.beta.kubernetes.io/aws-load-balancer-healthcheck-healthy-threshold': '2',
      'service.beta.kubernetes.io/aws-load-balancer-healthcheck-unhealthy-threshold': '2',
    });
  });

  test('snapshot of the minimal configuration', () => {
    expect(text).toMatchSnapshot();
  });
});

describe('HealthCheckedLoadBalancer on Kubernetes: options', () => {
  test('internetFacing: false sets the internal-load-balancer annotations of AWS, Azure and GKE', () => {
    const { text } = synthKubernetes({ internetFacing: false });
    expect(text).toHaveResourceWithProperties(ServiceV1, {
      metadata: expect.objectContaining({
        annotations: expect.objectContaining({
          'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal',
          'service.beta.kubernetes.io/aws-load-balancer-internal': 'true',
          'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
          'networking.gke.io/load-balancer-type': 'Internal',
        }),
      }),
    });
  });

  test('allowedCidrs become loadBalancerSourceRanges', () => {
    const { text } = synthKubernetes({ allowedCidrs: ['203.0.113.0/24'] });
    expect(text).toHaveResourceWithProperties(ServiceV1, { spec: expect.objectContaining({ load_balancer_source_ranges: ['203.0.113.0/24'] }) });
  });

  test('externalTrafficPolicy: Local', () => {
    const { text } = synthKubernetes({ externalTrafficPolicy: ExternalTrafficPolicy.LOCAL });
    expect(text).toHaveResourceWithProperties(ServiceV1, { spec: expect.objectContaining({ external_traffic_policy: 'Local' }) });
  });

  test('annotations are added and win over the construct\'s own', () => {
    const { text } = synthKubernetes({
      internetFacing: false,
      annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb', 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing' },
    });
    expect(text).toHaveResourceWithProperties(ServiceV1, {
      metadata: expect.objectContaining({
        annotations: expect.objectContaining({
          'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
          'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
        }),
      }),
    });
  });

  test('port and name', () => {
    const { text } = synthKubernetes({ port: 8080, name: 'web' });
    expect(text).toHaveResourceWithProperties(ServiceV1, {
      metadata: expect.objectContaining({ name: 'web' }),
      spec: expect.objectContaining({ port: [expect.objectContaining({ port: 8080, target_port: '3000' })] }),
    });
  });

  test('the namespace defaults to "default"', () => {
    const text = Testing.synthScope((scope) => {
      const lb = new HealthCheckedLoadBalancer(scope, 'web-lb', { platform: Platform.kubernetes() });
      lb.addTarget('web', { port: 3000, selector: SELECTOR });
    });
    expect(text).toHaveResourceWithProperties(ServiceV1, { metadata: expect.objectContaining({ namespace: 'default' }) });
  });

  test('a target added later sets the selector and target port at synth (lazily)', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const lb = new HealthCheckedLoadBalancer(stack, 'web-lb', { platform: Platform.kubernetes({ namespaceName: 'shop' }) });
    const before = JSON.parse(Testing.synth(stack));
    expect(before.resource.kubernetes_service_v1['web-lb_Service_509AC776'].spec.selector).toBeUndefined();
    lb.addTarget('web', { port: 4000, selector: { app: 'web' } });
    const after = JSON.parse(Testing.synth(stack));
    expect(after.resource.kubernetes_service_v1['web-lb_Service_509AC776'].spec).toEqual(
      expect.objectContaining({ selector: { app: 'web' }, port: [expect.objectContaining({ target_port: '4000' })] }),
    );
  });

  test('dependsOn: the Service waits for them (a namespace the service behind it creates)', () => {
    const { json } = synthKubernetes({}, (l) => {
      const namespace = new NamespaceV1(l, 'Namespace', { metadata: { name: 'shop' } });
      l.addTarget('web', { port: 3000, selector: SELECTOR, dependsOn: [namespace] });
    });
    expect(resources(json, 'kubernetes_service_v1')[0].depends_on).toEqual([expect.stringMatching(/^kubernetes_namespace_v1\.web-lb_Namespace/)]);
  });

  test('a Service without a target fails the synth', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new HealthCheckedLoadBalancer(stack, 'web-lb', { platform: Platform.kubernetes({ namespaceName: 'shop' }) });
    expect(() => Testing.synth(stack, true)).toThrow('HealthCheckedLoadBalancer "stack/web-lb" has no target, so it has nowhere to send traffic.');
  });

  test('a target health check drives the reported detection time', () => {
    const { lb } = synthKubernetes({}, (l) =>
      l.addTarget('web', { port: 3000, selector: SELECTOR, healthCheck: HealthCheck.tcp({ interval: Duration.seconds(5), timeout: Duration.seconds(2) }) }),
    );
    expect(lb.resilienceFacts().failureDetection!.toSeconds()).toBe(12);
  });

  test('the node health check annotations follow the target\'s health check, added after the Service', () => {
    const { json: out, lb } = synthKubernetes({}, (l) =>
      l.addTarget('web', {
        port: 3000,
        selector: SELECTOR,
        healthCheck: HealthCheck.http('/ready', { interval: Duration.seconds(6), timeout: Duration.seconds(3), healthyThreshold: 3, unhealthyThreshold: 4 }),
      }),
    );
    expect(resources(out, 'kubernetes_service_v1')[0].metadata.annotations).toEqual(
      expect.objectContaining({
        'service.beta.kubernetes.io/aws-load-balancer-healthcheck-interval': '6',
        'service.beta.kubernetes.io/aws-load-balancer-healthcheck-timeout': '3',
        'service.beta.kubernetes.io/aws-load-balancer-healthcheck-healthy-threshold': '3',
        'service.beta.kubernetes.io/aws-load-balancer-healthcheck-unhealthy-threshold': '4',
      }),
    );
    expect(lb.resilienceFacts().failureDetection!.toSeconds()).toBe(27);
  });

  test('the node check timeout is capped at the Classic ELB maximum of 60 s', () => {
    const { json: out, lb } = synthKubernetes({ healthCheck: HealthCheck.tcp({ interval: Duration.seconds(120), timeout: Duration.seconds(90) }) });
    const annotations = resources(out, 'kubernetes_service_v1')[0].metadata.annotations;
    expect(annotations['service.beta.kubernetes.io/aws-load-balancer-healthcheck-timeout']).toBe('60');
    expect(annotations['service.beta.kubernetes.io/aws-load-balancer-healthcheck-interval']).toBe('120');
    // The pods' detection (2 × 120 s + 90 s) is the slower one.
    expect(lb.resilienceFacts().failureDetection!.toSeconds()).toBe(330);
  });

  test('user annotations win over the node health check annotations, and the reported detection follows them', () => {
    const { json: out, lb } = synthKubernetes({
      annotations: {
        'service.beta.kubernetes.io/aws-load-balancer-healthcheck-interval': '30',
        'service.beta.kubernetes.io/aws-load-balancer-healthcheck-unhealthy-threshold': '3',
      },
    });
    const annotations = resources(out, 'kubernetes_service_v1')[0].metadata.annotations;
    expect(annotations['service.beta.kubernetes.io/aws-load-balancer-healthcheck-interval']).toBe('30');
    expect(annotations['service.beta.kubernetes.io/aws-load-balancer-healthcheck-unhealthy-threshold']).toBe('3');
    expect(annotations['service.beta.kubernetes.io/aws-load-balancer-healthcheck-timeout']).toBe('5');
    // The cloud's node checks (3 × 30 s + 5 s) are slower than the pods' readiness (25 s).
    expect(lb.resilienceFacts().failureDetection!.toSeconds()).toBe(95);
  });

  test('a node health check annotation that is not a number makes the detection time unknown', () => {
    const { lb } = synthKubernetes({ annotations: { 'service.beta.kubernetes.io/aws-load-balancer-healthcheck-interval': 'fast' } });
    expect(lb.resilienceFacts().failureDetection).toBeUndefined();
  });

  test('snapshot of the maximal configuration', () => {
    const { text } = synthKubernetes(
      {
        port: 443,
        internetFacing: false,
        allowedCidrs: ['10.0.0.0/8', '192.168.0.0/16'],
        name: 'shop-web',
        externalTrafficPolicy: ExternalTrafficPolicy.LOCAL,
        healthCheck: HealthCheck.http('/ready'),
        annotations: { 'service.beta.kubernetes.io/aws-load-balancer-ssl-cert': 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' },
      },
      (lb) => lb.addTarget('web', { port: 8443, weight: 1, selector: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'shop' } }),
    );
    expect(text).toMatchSnapshot();
  });
});
