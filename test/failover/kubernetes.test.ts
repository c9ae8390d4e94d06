import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { ZONE_ID, byName, ref, resource, twoClusters } from './fixtures';
import { AlarmDestination, Duration, PlatformKind, RegionalFailover, RegionalFailoverProps } from '../../src';
import { closeOfflineProviders, terraformAvailable } from '../../src/proof/runner';

/** Two clusters with the same web service, and a RegionalFailover between their LoadBalancer Services. */
function synthClusters(props: Partial<RegionalFailoverProps> = {}, options: Parameters<typeof twoClusters>[0] = {}) {
  const clusters = twoClusters(options);
  const failover = new RegionalFailover(clusters.stack, 'global', {
    domainName: 'shop.example.com',
    hostedZoneId: ZONE_ID,
    primary: clusters.primary.lb,
    secondary: clusters.secondary.lb,
    alarmDestination: AlarmDestination.fromArns('arn:aws:sns:us-east-1:123456789012:global-oncall'),
    ...props,
  });
  const json = JSON.parse(Testing.synth(clusters.stack, true));
  return { ...clusters, failover, json };
}

describe('RegionalFailover over two Kubernetes clusters: the same construct, only the endpoints\' platform differs', () => {
  const { json, failover, primary } = synthClusters();
  const hostname = (cluster: string) => `${ref(json, 'kubernetes_service_v1', `${cluster}_web-lb_Service`, 'status').slice(0, -1)}[0].load_balancer[0].ingress[0].hostname}`;

  test('each cluster\'s resources render with its own kubernetes provider', () => {
    expect(resource(json, 'kubernetes_service_v1', 'eu_web-lb_Service').provider).toBe('kubernetes.eu');
    expect(resource(json, 'kubernetes_service_v1', 'us_web-lb_Service').provider).toBe('kubernetes.us');
    expect(Object.values(byName(json, 'kubernetes_deployment_v1')).map((d: any) => d.provider).sort()).toEqual(['kubernetes.eu', 'kubernetes.us']);
  });

  test('failover CNAME records to each Service\'s status hostname, with a 60 s TTL', () => {
    expect(resource(json, 'aws_route53_record', 'PrimaryRecord')).toEqual({
      provider: 'aws',
      zone_id: ZONE_ID,
      name: 'shop.example.com',
      type: 'CNAME',
      ttl: 60,
      records: [hostname('eu')],
      set_identifier: 'primary',
      failover_routing_policy: { type: 'PRIMARY' },
      health_check_id: ref(json, 'aws_route53_health_check', 'PrimaryHealthCheck', 'id'),
    });
    expect(resource(json, 'aws_route53_record', 'SecondaryRecord')).toMatchObject({ type: 'CNAME', records: [hostname('us')], failover_routing_policy: { type: 'SECONDARY' } });
  });

  test('an HTTP health check of each Service\'s hostname on its port, with the pods\' readiness path', () => {
    expect(resource(json, 'aws_route53_health_check', 'PrimaryHealthCheck')).toMatchObject({
      type: 'HTTP',
      fqdn: hostname('eu'),
      port: 80,
      resource_path: '/health',
      request_interval: 10,
      failure_threshold: 3,
    });
    expect(resource(json, 'aws_route53_health_check', 'PrimaryHealthCheck').enable_sni).toBeUndefined();
  });

  test('the Route 53 resources and alarms use the stack\'s us-east-1 provider (the default one here)', () => {
    expect(resource(json, 'aws_route53_record', 'PrimaryRecord').provider).toBe('aws');
    expect(json.provider.aws).toEqual([{ region: 'us-east-1' }]);
    expect(Object.values(byName(json, 'aws_cloudwatch_metric_alarm')).map((a: any) => a.metric_name)).toEqual(['HealthCheckStatus', 'HealthCheckStatus']);
  });

  test('the endpoint of a Kubernetes load balancer: platform, hostname, no alias zone, no alarms, the Service as resource', () => {
    const endpoint = primary.lb.regionalEndpoint();
    expect(endpoint).toMatchObject({ platformKind: PlatformKind.KUBERNETES, port: 80, tls: false, internetFacing: true, criticalAlarms: [] });
    expect(endpoint.aliasHostedZoneId).toBeUndefined();
    expect(endpoint.resource).toBe(primary.lb.kubernetes!.service);
    expect(endpoint.dnsName).toBe(primary.lb.dnsName);
  });

  test('facts: detection, and the record TTL as DNS step (naming each cluster by its provider alias)', () => {
    const facts = failover.resilienceFacts();
    expect(facts.recoverySteps?.map((s) => [s.name, s.duration.toSeconds()])).toEqual([
      ['Route 53 detection (3 × 10s)', 30],
      ['DNS TTL (1min)', 60],
    ]);
    expect(facts.recoverySteps?.[0].description).toContain('`eu/web-lb` (cluster "eu")');
    expect(facts.recoverySteps?.[1].description).toBe('Resolvers drop the cached answer after the CNAME record\'s TTL (`recordTtl`).');
  });
});

describe('RegionalFailover over Kubernetes: options', () => {
  test('recordTtl: the CNAME TTL and the DNS step follow it', () => {
    const { json, failover } = synthClusters({ recordTtl: Duration.seconds(30) });
    expect(resource(json, 'aws_route53_record', 'PrimaryRecord').ttl).toBe(30);
    expect(failover.resilienceFacts().recoverySteps?.[1].duration.toSeconds()).toBe(30);
  });

  test('a Service whose AWS cloud load balancer terminates TLS (certificate annotation, port 443) is checked over HTTPS with SNI', () => {
    const { json, primary } = synthClusters({}, {
      port: 443,
      annotations: { 'service.beta.kubernetes.io/aws-load-balancer-ssl-cert': 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' },
    });
    expect(primary.lb.regionalEndpoint().tls).toBe(true);
    expect(resource(json, 'aws_route53_health_check', 'PrimaryHealthCheck')).toMatchObject({ type: 'HTTPS', port: 443, enable_sni: true });
  });
});

const hasTerraform = terraformAvailable();
(hasTerraform ? describe : describe.skip)('RegionalFailover over two clusters passes terraform validate and plan offline', () => {
  afterAll(() => closeOfflineProviders());

  test('two kubernetes provider aliases and the AWS provider for Route 53', () => {
    const { stack } = synthClusters();
    expect(stack).toBeValidTerraformOffline();
  }, 180_000);
});
