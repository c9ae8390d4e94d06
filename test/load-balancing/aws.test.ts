import 'cdktf/lib/testing/adapters/jest';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { DefaultTokenResolver, StringConcat, TerraformStack, TerraformVariable, Testing, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import { CERT, TOPIC, existingNetwork, resources, synthAws } from './fixtures';
import { AlarmRegistry, AlarmSeverity, CapabilityKind, Duration, HealthCheck, HealthCheckedLoadBalancer, IAwsConnectable, ILoadBalancer, LoadBalancerType, MultiAzNetwork, Platform, PlatformKind, TargetProtocol, TargetType } from '../../src';

const LB = (json: any) => resources(json, 'aws_lb')[0];
const ref = (type: string, construct: any, attribute: string) => `\${${type}.${construct.friendlyUniqueId}.${attribute}}`;
/** A token resolved to its Terraform expression, so two reads of one attribute compare equal. */
const resolved = (scope: Construct, value: unknown) =>
  Tokenization.resolve(value, { scope, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });

describe('HealthCheckedLoadBalancer on AWS: defaults', () => {
  const { text, json, lb } = synthAws();

  test('an internet-facing IPv4 Application Load Balancer in the public subnet of every zone', () => {
    expect(text).toHaveResourceWithProperties(Lb, {
      name: 'stack-edge',
      load_balancer_type: 'application',
      internal: false,
      ip_address_type: 'ipv4',
      subnets: ['subnet-pub-a', 'subnet-pub-b', 'subnet-pub-c'],
      security_groups: [ref('aws_security_group', lb.aws!.securityGroup, 'id')],
    });
  });

  test('deletion protection is on', () => {
    expect(text).toHaveResourceWithProperties(Lb, { enable_deletion_protection: true });
  });

  test('invalid header fields are dropped and HTTP desync is mitigated defensively', () => {
    expect(text).toHaveResourceWithProperties(Lb, { drop_invalid_header_fields: true, desync_mitigation_mode: 'defensive' });
  });

  test('HTTP/2 on, idle timeout 60 s', () => {
    expect(text).toHaveResourceWithProperties(Lb, { enable_http2: true, idle_timeout: 60 });
  });

  test('zonal shift is on (gray zone failures can be shifted away from); the client keep-alive is the load balancer\'s own', () => {
    expect(text).toHaveResourceWithProperties(Lb, { enable_zonal_shift: true });
    expect(LB(json).client_keep_alive).toBeUndefined();
  });

  test('an HTTPS listener on 443 with the certificate and a TLS 1.3/1.2 policy', () => {
    expect(text).toHaveResourceWithProperties(LbListener, {
      port: 443,
      protocol: 'HTTPS',
      certificate_arn: CERT,
      ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      load_balancer_arn: ref('aws_lb', lb.aws!.loadBalancer, 'arn'),
    });
  });

  test('port 80 only redirects to HTTPS on 443 with a 301', () => {
    expect(text).toHaveResourceWithProperties(LbListener, {
      port: 80,
      protocol: 'HTTP',
      default_action: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }],
    });
    expect(resources(json, 'aws_lb_listener')).toHaveLength(2);
  });

  test('the HTTPS listener forwards to the target group with its weight; stickiness stated as off', () => {
    expect(text).toHaveResourceWithProperties(LbListener, {
      protocol: 'HTTPS',
      default_action: [
        {
          type: 'forward',
          forward: {
            target_group: [{ arn: ref('aws_lb_target_group', lb.aws!.targetGroups[0], 'arn'), weight: 1 }],
            stickiness: { enabled: false, duration: 1 },
          },
        },
      ],
    });
  });

  test('its own security group in the VPC, without inline rules', () => {
    expect(text).toHaveResourceWithProperties(SecurityGroup, {
      name: 'stack-edge-lb',
      vpc_id: 'vpc-1',
      description: 'Load balancer stack/edge: listener ports from allowed clients, target ports to targets',
    });
    const sg = resources(json, 'aws_security_group')[0];
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
  });

  test('ingress only on 443 and 80, from 0.0.0.0/0 and ::/0, one described rule each', () => {
    const rules = resources(json, 'aws_vpc_security_group_ingress_rule');
    expect(rules.map((r) => [r.from_port, r.to_port, r.cidr_ipv4 ?? r.cidr_ipv6]).sort()).toEqual([
      [443, 443, '0.0.0.0/0'],
      [443, 443, '::/0'],
      [80, 80, '0.0.0.0/0'],
      [80, 80, '::/0'],
    ]);
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      security_group_id: ref('aws_security_group', lb.aws!.securityGroup, 'id'),
      ip_protocol: 'tcp',
      cidr_ipv4: '0.0.0.0/0',
      from_port: 80,
      description: 'Clients in 0.0.0.0/0 to the HTTP to HTTPS redirect listener on port 80',
    });
    for (const rule of rules) {
      expect(rule.description).toMatch(/^Clients in .+ to the .+ listener on port \d+$/);
    }
  });

  test('egress only to the target port inside the VPC, never to 0.0.0.0/0', () => {
    const rules = resources(json, 'aws_vpc_security_group_egress_rule');
    expect(rules).toHaveLength(1);
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      security_group_id: ref('aws_security_group', lb.aws!.securityGroup, 'id'),
      ip_protocol: 'tcp',
      from_port: 3000,
      to_port: 3000,
      cidr_ipv4: '10.0.0.0/16',
      description: 'To targets on port 3000 inside the VPC (traffic and health checks)',
    });
  });

  test('the target group is health-checked from the core HealthCheck defaults', () => {
    expect(text).toHaveResourceWithProperties(LbTargetGroup, {
      port: 3000,
      protocol: 'HTTP',
      target_type: 'instance',
      vpc_id: 'vpc-1',
      health_check: {
        enabled: true,
        protocol: 'HTTP',
        path: '/health',
        port: 'traffic-port',
        interval: 10,
        timeout: 5,
        healthy_threshold: 2,
        unhealthy_threshold: 2,
        matcher: '200-399',
      },
    });
  });

  test('the target group drains for 30 s, has no slow start and is replaced create-before-destroy', () => {
    expect(text).toHaveResourceWithProperties(LbTargetGroup, {
      deregistration_delay: '30',
      lifecycle: { create_before_destroy: true },
    });
    const tg = resources(json, 'aws_lb_target_group')[0];
    expect(tg.slow_start).toBeUndefined();
    expect(tg.name).toBeUndefined();
    expect(tg.protocol_version).toBeUndefined();
  });

  test('access logs go to a created bucket, which the load balancer waits for', () => {
    const bucket = resources(json, 'aws_s3_bucket')[0];
    expect(LB(json).access_logs).toEqual({ bucket: ref('aws_s3_bucket', lb.aws!.accessLogBucket, 'bucket'), enabled: true });
    expect(LB(json).depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_s3_bucket_policy\./)]));
    expect(bucket.bucket_prefix).toBe('stack-edge-access-logs-');
    expect(text).toHaveResourceWithProperties(S3Bucket, { force_destroy: false });
  });

  test('the log bucket is encrypted with SSE-S3 (the only encryption ELB log delivery supports)', () => {
    expect(text).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
    });
  });

  test('the log bucket is versioned, private and owner-enforced', () => {
    expect(text).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: 'Enabled' } });
    expect(text).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(text).toHaveResourceWithProperties(S3BucketOwnershipControls, { rule: { object_ownership: 'BucketOwnerEnforced' } });
  });

  test('logs expire after 365 days, old versions after 30, incomplete uploads after 7', () => {
    expect(text).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [
        expect.objectContaining({
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: 365 }],
          noncurrent_version_expiration: [{ noncurrent_days: 30 }],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        }),
      ],
    });
  });

  test('the bucket policy lets ELB log delivery write the account\'s logs and denies non-TLS access', () => {
    const policy = JSON.parse(resources(json, 'aws_s3_bucket_policy')[0].policy);
    expect(policy.Statement).toEqual([
      {
        Sid: 'ElbLogDeliveryWrite',
        Effect: 'Allow',
        Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: expect.stringMatching(/^\$\{aws_s3_bucket\.\w+\.arn\}\/AWSLogs\/\$\{data\.aws_caller_identity\.\w+\.account_id\}\/\*$/),
      },
      {
        Sid: 'ElbAccountLogDeliveryWrite',
        Effect: 'Allow',
        Principal: {
          AWS: expect.stringMatching(
            /^arn:\$\{data\.aws_partition\.\w+\.partition\}:iam::\$\{lookup\(local\.(\w+), data\.aws_region\.\w+\.region, data\.aws_caller_identity\.\w+\.account_id\)\}:root$/,
          ),
        },
        Action: 's3:PutObject',
        Resource: expect.stringMatching(/^\$\{aws_s3_bucket\.\w+\.arn\}\/AWSLogs\/\$\{data\.aws_caller_identity\.\w+\.account_id\}\/\*$/),
      },
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [expect.stringMatching(/\.arn\}$/), expect.stringMatching(/\.arn\}\/\*$/)],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
  });

  test('regions launched before August 2022 resolve their regional ELB account, newer ones fall back to this account', () => {
    const policy = JSON.parse(resources(json, 'aws_s3_bucket_policy')[0].policy);
    const local = /lookup\(local\.(\w+),/.exec(policy.Statement[1].Principal.AWS)![1];
    const accounts = json.locals[local];
    expect(accounts['eu-west-1']).toBe('156460612806');
    expect(accounts['us-east-1']).toBe('127311923021');
    expect(accounts['ap-southeast-3']).toBe('589379963580');
    expect(accounts['cn-north-1']).toBe('638102146993');
    expect(accounts['us-gov-west-1']).toBe('048591011584');
    // Regions launched since August 2022 use the service principal only: they are not in the map.
    expect(accounts['eu-central-2']).toBeUndefined();
    expect(accounts['il-central-1']).toBeUndefined();
    for (const id of Object.values(accounts)) {
      expect(id).toMatch(/^\d{12}$/);
    }
  });

  test('6 alarms (3 for the load balancer, 3 per target), each notifying the platform destination', () => {
    expect(lb.alarms.map((a) => [a.key, a.severity])).toEqual([
      ['Elb5xx', AlarmSeverity.CRITICAL],
      ['TargetResponseTimeP99', AlarmSeverity.WARNING],
      ['RejectedConnections', AlarmSeverity.WARNING],
      ['WebUnhealthyHosts', AlarmSeverity.WARNING],
      ['WebNoHealthyHosts', AlarmSeverity.CRITICAL],
      ['WebTarget5xx', AlarmSeverity.CRITICAL],
    ]);
    for (const alarm of resources(json, 'aws_cloudwatch_metric_alarm')) {
      expect(alarm.alarm_actions).toEqual([TOPIC]);
      expect(alarm.ok_actions).toEqual([TOPIC]);
    }
    expect(AlarmRegistry.of(lb).alarmsOf(lb)).toHaveLength(6);
  });

  test('ELB 5XX: the load balancer answering 5XX itself pages', () => {
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'stack-edge-Elb5xx',
      namespace: 'AWS/ApplicationELB',
      metric_name: 'HTTPCode_ELB_5XX_Count',
      dimensions: { LoadBalancer: ref('aws_lb', lb.aws!.loadBalancer, 'arn_suffix') },
      statistic: 'Sum',
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      threshold: 10,
      evaluation_periods: 3,
      datapoints_to_alarm: 2,
      period: 60,
      alarm_description: expect.stringMatching(/^\[CRITICAL\] The load balancer itself answers 5XX .* Check the UnHealthyHostCount/),
    });
  });

  test('unhealthy hosts per target group: Maximum >= 1 with the TargetGroup and LoadBalancer dimensions', () => {
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'stack-edge-WebUnhealthyHosts',
      metric_name: 'UnHealthyHostCount',
      dimensions: {
        TargetGroup: ref('aws_lb_target_group', lb.aws!.targetGroups[0], 'arn_suffix'),
        LoadBalancer: ref('aws_lb', lb.aws!.loadBalancer, 'arn_suffix'),
      },
      statistic: 'Maximum',
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      evaluation_periods: 2,
    });
  });

  test('no healthy host in a target group pages within a minute', () => {
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      metric_name: 'HealthyHostCount',
      statistic: 'Minimum',
      comparison_operator: 'LessThanThreshold',
      threshold: 1,
      evaluation_periods: 1,
      tags: expect.objectContaining({ 'ft:severity': 'critical' }),
    });
  });

  test('target 5XX per target group, p99 response time and rejected connections', () => {
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      metric_name: 'HTTPCode_Target_5XX_Count',
      dimensions: expect.objectContaining({ TargetGroup: ref('aws_lb_target_group', lb.aws!.targetGroups[0], 'arn_suffix') }),
      threshold: 10,
    });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      metric_name: 'TargetResponseTime',
      extended_statistic: 'p99',
      threshold: 2,
      evaluation_periods: 5,
      datapoints_to_alarm: 3,
    });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      metric_name: 'RejectedConnectionCount',
      statistic: 'Sum',
      threshold: 1,
    });
  });

  test('exposes what it created', () => {
    expect(lb.aws!.loadBalancer).toBeInstanceOf(Lb);
    expect(lb.aws!.loadBalancerType).toBe(LoadBalancerType.APPLICATION);
    expect(lb.aws!.listener).toBe(lb.aws!.httpsListener);
    expect(lb.aws!.httpListener).toBeInstanceOf(LbListener);
    expect(lb.aws!.httpListener).not.toBe(lb.aws!.httpsListener);
    expect(lb.aws!.securityGroup).toBeInstanceOf(SecurityGroup);
    expect(resolved(lb, lb.securityGroupId)).toBe(ref('aws_security_group', lb.aws!.securityGroup, 'id'));
    expect(lb.aws!.accessLogBucket).toBeInstanceOf(S3Bucket);
    expect(resolved(lb, lb.aws!.accessLogBucketName)).toBe(ref('aws_s3_bucket', lb.aws!.accessLogBucket, 'bucket'));
    expect(lb.aws!.targetGroups).toHaveLength(1);
    expect(resolved(lb, lb.aws!.loadBalancer.arn)).toBe(ref('aws_lb', lb.aws!.loadBalancer, 'arn'));
    expect(resolved(lb, lb.aws!.loadBalancer.arnSuffix)).toBe(ref('aws_lb', lb.aws!.loadBalancer, 'arn_suffix'));
    expect(resolved(lb, lb.dnsName)).toBe(ref('aws_lb', lb.aws!.loadBalancer, 'dns_name'));
    expect(resolved(lb, lb.aws!.loadBalancer.zoneId)).toBe(ref('aws_lb', lb.aws!.loadBalancer, 'zone_id'));
    expect(lb.kubernetes).toBeUndefined();
    expect(lb.port).toBe(443);
  });

  test('addTarget returns what a service needs to attach itself', () => {
    const [target] = lb.targets;
    expect([target.id, target.port, target.weight, target.selector]).toEqual(['web', 3000, 1, undefined]);
    expect(target.targetGroup).toBe(lb.aws!.targetGroups[0]);
    expect(resolved(lb, target.targetGroupArn)).toBe(ref('aws_lb_target_group', lb.aws!.targetGroups[0], 'arn'));
    expect(resolved(lb, target.targetGroupArnSuffix)).toBe(ref('aws_lb_target_group', lb.aws!.targetGroups[0], 'arn_suffix'));
    expect(target.alarms.map((a) => a.key)).toEqual(['WebUnhealthyHosts', 'WebNoHealthyHosts', 'WebTarget5xx']);
  });

  test('the load balancer contract a service reads: 5 weighted targets, requests counted, the load balancer\'s metric dimension', () => {
    const contract: ILoadBalancer = lb;
    expect([contract.platformKind, contract.maxTargets, contract.countsRequests, contract.healthCheck.path]).toEqual([PlatformKind.AWS, 5, true, '/health']);
    expect(lb.name).toBe('stack-edge');
    expect(resolved(lb, lb.targets[0].loadBalancerArnSuffix)).toBe(ref('aws_lb', lb.aws!.loadBalancer, 'arn_suffix'));
  });

  test('reports 3 zones and detection within 25 s', () => {
    const facts = lb.resilienceFacts();
    expect(facts).toEqual({
      capability: CapabilityKind.LOAD_BALANCER,
      platform: PlatformKind.AWS,
      zones: 3,
      failureDetection: expect.anything(),
      acceptedSinglePointsOfFailure: [],
    });
    expect(facts.failureDetection!.toSeconds()).toBe(25);
  });

  test('snapshot of the minimal configuration', () => {
    expect(text).toMatchSnapshot();
  });
});

describe('HealthCheckedLoadBalancer on AWS: options', () => {
  test('internetFacing: false: in the private subnets, reachable from the VPC only', () => {
    const { text, json } = synthAws({ internetFacing: false });
    expect(text).toHaveResourceWithProperties(Lb, { internal: true, subnets: ['subnet-priv-a', 'subnet-priv-b', 'subnet-priv-c'] });
    const rules = resources(json, 'aws_vpc_security_group_ingress_rule');
    expect(rules.map((r) => [r.from_port, r.cidr_ipv4, r.cidr_ipv6])).toEqual([
      [443, '10.0.0.0/16', undefined],
      [80, '10.0.0.0/16', undefined],
    ]);
  });

  test('allowedCidrs replaces the default sources', () => {
    const { json } = synthAws({ allowedCidrs: ['203.0.113.0/24', '2001:db8::/32'] });
    const rules = resources(json, 'aws_vpc_security_group_ingress_rule');
    expect(rules).toHaveLength(4);
    expect(new Set(rules.map((r) => r.cidr_ipv4 ?? r.cidr_ipv6))).toEqual(new Set(['203.0.113.0/24', '2001:db8::/32']));
  });

  test('port moves the HTTPS listener, the redirect target and the ingress rule', () => {
    const { text, json } = synthAws({ port: 8443 });
    expect(text).toHaveResourceWithProperties(LbListener, { port: 8443, protocol: 'HTTPS' });
    expect(text).toHaveResourceWithProperties(LbListener, {
      port: 80,
      default_action: [expect.objectContaining({ redirect: expect.objectContaining({ port: '8443' }) })],
    });
    expect(resources(json, 'aws_vpc_security_group_ingress_rule').map((r) => r.from_port)).toEqual(expect.arrayContaining([8443, 80]));
  });

  test('redirectHttp: false removes port 80 entirely', () => {
    const { json, lb } = synthAws({ redirectHttp: false });
    expect(resources(json, 'aws_lb_listener').map((l) => l.port)).toEqual([443]);
    expect(resources(json, 'aws_vpc_security_group_ingress_rule').map((r) => r.from_port)).toEqual([443, 443]);
    expect(lb.aws!.httpListener).toBeUndefined();
  });

  test('allowPlainHttp: one plain HTTP listener on 80 forwarding to the targets, no HTTPS', () => {
    const { text, json, lb } = synthAws({ allowPlainHttp: true });
    const listeners = resources(json, 'aws_lb_listener');
    expect(listeners).toHaveLength(1);
    expect(text).toHaveResourceWithProperties(LbListener, {
      port: 80,
      protocol: 'HTTP',
      default_action: [expect.objectContaining({ type: 'forward' })],
    });
    expect(listeners[0].certificate_arn).toBeUndefined();
    expect(lb.aws!.httpsListener).toBeUndefined();
    expect(lb.aws!.listener).toBe(lb.aws!.httpListener);
    expect(resources(json, 'aws_vpc_security_group_ingress_rule')[0].description).toBe(
      'Clients in 0.0.0.0/0 to the plain HTTP listener on port 80',
    );
  });

  test('sslPolicy', () => {
    const { text } = synthAws({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' });
    expect(text).toHaveResourceWithProperties(LbListener, { ssl_policy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' });
  });

  test('deletionProtection: false', () => {
    expect(synthAws({ deletionProtection: false }).text).toHaveResourceWithProperties(Lb, { enable_deletion_protection: false });
  });

  test('zonalShift: false', () => {
    expect(synthAws({ zonalShift: false }).text).toHaveResourceWithProperties(Lb, { enable_zonal_shift: false });
  });

  test('clientKeepAlive', () => {
    expect(synthAws({ clientKeepAlive: Duration.minutes(5) }).text).toHaveResourceWithProperties(Lb, { client_keep_alive: 300 });
  });

  test('idleTimeout', () => {
    expect(synthAws({ idleTimeout: Duration.minutes(2) }).text).toHaveResourceWithProperties(Lb, { idle_timeout: 120 });
  });

  test('name', () => {
    expect(synthAws({ name: 'shop-edge' }).text).toHaveResourceWithProperties(Lb, { name: 'shop-edge' });
  });

  test('tags are added to every resource', () => {
    const { text } = synthAws({ tags: { team: 'shop' } });
    expect(text).toHaveResourceWithProperties(Lb, { tags: expect.objectContaining({ 'team': 'shop', 'ft:managed-by': 'cdktf-fault-tolerance' }) });
    expect(text).toHaveResourceWithProperties(LbTargetGroup, { tags: expect.objectContaining({ team: 'shop', Name: 'stack-edge-web' }) });
    expect(text).toHaveResourceWithProperties(S3Bucket, { tags: expect.objectContaining({ team: 'shop' }) });
  });

  test('accessLogs.bucketName writes to an existing bucket and creates none', () => {
    const { json, lb } = synthAws({ accessLogs: { bucketName: 'central-lb-logs', prefix: 'shop/edge' } });
    expect(LB(json).access_logs).toEqual({ bucket: 'central-lb-logs', prefix: 'shop/edge', enabled: true });
    expect(resources(json, 'aws_s3_bucket')).toHaveLength(0);
    expect(LB(json).depends_on).toBeUndefined();
    expect(lb.aws!.accessLogBucket).toBeUndefined();
    expect(lb.aws!.accessLogBucketName).toBe('central-lb-logs');
  });

  test('accessLogs.prefix on the created bucket scopes the delivery policy', () => {
    const { json } = synthAws({ accessLogs: { prefix: 'edge' } });
    const policy = JSON.parse(resources(json, 'aws_s3_bucket_policy')[0].policy);
    expect(policy.Statement[0].Resource).toMatch(/\.arn\}\/edge\/AWSLogs\//);
    expect(policy.Statement[1].Sid).toBe('ElbAccountLogDeliveryWrite');
    expect(policy.Statement[1].Resource).toBe(policy.Statement[0].Resource);
    expect(LB(json).access_logs.prefix).toBe('edge');
  });

  test('accessLogs.retention', () => {
    expect(synthAws({ accessLogs: { retention: Duration.days(90) } }).text).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ expiration: [{ days: 90 }] })],
    });
  });

  test('accessLogs.enabled: false', () => {
    const { json, lb } = synthAws({ accessLogs: { enabled: false } });
    expect(LB(json).access_logs).toBeUndefined();
    expect(resources(json, 'aws_s3_bucket')).toHaveLength(0);
    expect(lb.aws!.accessLogBucketName).toBeUndefined();
  });

  test('stickiness keeps a client on its target group', () => {
    const { text } = synthAws({ stickiness: Duration.hours(1) });
    expect(text).toHaveResourceWithProperties(LbListener, {
      default_action: [expect.objectContaining({ forward: expect.objectContaining({ stickiness: { enabled: true, duration: 3600 } }) })],
    });
  });

  test('healthCheck of the load balancer applies to targets without their own', () => {
    const { text, json } = synthAws({
      healthCheck: HealthCheck.https('/ready', { port: 8081, interval: Duration.seconds(5), timeout: Duration.seconds(3), healthyHttpCodes: '200' }),
    });
    expect(text).toHaveResourceWithProperties(LbTargetGroup, {
      health_check: expect.objectContaining({ protocol: 'HTTPS', path: '/ready', port: '8081', interval: 5, timeout: 3, matcher: '200' }),
    });
    expect(resources(json, 'aws_vpc_security_group_egress_rule').map((r) => r.from_port)).toEqual([3000, 8081]);
  });

  test('target options: weight, ip targets, HTTPS to targets, deregistration delay, slow start, own health check', () => {
    const { text } = synthAws({}, (lb) =>
      lb.addTarget('api', {
        port: 8443,
        weight: 5,
        targetType: TargetType.IP,
        protocol: TargetProtocol.HTTPS,
        deregistrationDelay: Duration.seconds(0),
        slowStart: Duration.seconds(60),
        healthCheck: HealthCheck.http('/live', { unhealthyThreshold: 3 }),
      }),
    );
    expect(text).toHaveResourceWithProperties(LbTargetGroup, {
      port: 8443,
      protocol: 'HTTPS',
      target_type: 'ip',
      deregistration_delay: '0',
      slow_start: 60,
      health_check: expect.objectContaining({ path: '/live', unhealthy_threshold: 3 }),
    });
    expect(text).toHaveResourceWithProperties(LbListener, {
      default_action: [expect.objectContaining({ forward: expect.objectContaining({ target_group: [expect.objectContaining({ weight: 5 })] }) })],
    });
  });

  test('a gRPC health check makes a GRPC target group checked with the standard health service', () => {
    const { text } = synthAws({}, (lb) => lb.addTarget('grpc', { port: 50051, healthCheck: HealthCheck.grpc() }));
    expect(text).toHaveResourceWithProperties(LbTargetGroup, {
      protocol: 'HTTP',
      protocol_version: 'GRPC',
      health_check: expect.objectContaining({ protocol: 'HTTP', path: '/grpc.health.v1.Health/Check', matcher: '0' }),
    });
  });

  test('blue/green and canary: several weighted target groups on one listener, each with its own alarms', () => {
    const { text, json, lb } = synthAws({}, (l) => {
      l.addTarget('blue', { port: 3000, weight: 90 });
      l.addTarget('green', { port: 3000, weight: 10 });
      l.addTarget('idle', { port: 3000, weight: 0 });
    });
    expect(resources(json, 'aws_lb_target_group')).toHaveLength(3);
    expect(text).toHaveResourceWithProperties(LbListener, {
      default_action: [
        expect.objectContaining({
          forward: expect.objectContaining({
            target_group: lb.aws!.targetGroups.map((tg, i) => ({ arn: ref('aws_lb_target_group', tg, 'arn'), weight: [90, 10, 0][i] })),
          }),
        }),
      ],
    });
    expect(resources(json, 'aws_vpc_security_group_egress_rule')).toHaveLength(1);
    expect(lb.alarms.map((a) => a.key)).toEqual(expect.arrayContaining(['BlueUnhealthyHosts', 'GreenTarget5xx', 'IdleUnhealthyHosts']));
    // An idle (weight 0) colour has no healthy host by design: no "no healthy host" alarm for it.
    expect(lb.alarms.map((a) => a.key)).not.toContain('IdleNoHealthyHosts');
  });

  test('a target added after other constructs still reaches the listener (the forward action is lazy)', () => {
    const { text, lb } = synthAws({}, (l, scope) => {
      new Construct(scope, 'unrelated');
      l.addTarget('late', { port: 4000 });
    });
    expect(text).toHaveResourceWithProperties(LbListener, {
      default_action: [expect.objectContaining({ forward: expect.objectContaining({ target_group: [expect.objectContaining({ arn: ref('aws_lb_target_group', lb.aws!.targetGroups[0], 'arn') })] }) })],
    });
  });

  test('alarms can be turned off and tuned', () => {
    const { text, lb } = synthAws({
      alarms: {
        elb5xx: { enabled: false },
        unhealthyHosts: { threshold: 2, evaluationPeriods: 5, datapointsToAlarm: 3, severity: AlarmSeverity.CRITICAL },
        targetResponseTime: { period: Duration.minutes(5) },
      },
    });
    expect(lb.alarms.map((a) => a.key)).not.toContain('Elb5xx');
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      metric_name: 'UnHealthyHostCount',
      threshold: 2,
      evaluation_periods: 5,
      datapoints_to_alarm: 3,
      tags: expect.objectContaining({ 'ft:severity': 'critical' }),
    });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { metric_name: 'TargetResponseTime', period: 300 });
  });

  test('without an alarm destination, alarms are created without actions', () => {
    const text = Testing.synthScope((scope) => {
      const lb = new HealthCheckedLoadBalancer(scope, 'edge', { platform: Platform.aws({ network: existingNetwork(scope) }), certificateArn: CERT });
      lb.addTarget('web', { port: 3000 });
    });
    for (const alarm of resources(JSON.parse(text), 'aws_cloudwatch_metric_alarm')) {
      expect(alarm.alarm_actions).toBeUndefined();
    }
  });

  test('allowTo: the target admits the load balancer\'s security group only, and the load balancer may reach it', () => {
    class Service extends Construct implements IAwsConnectable {
      public readonly securityGroupId = 'sg-service';
    }
    const { text, json, lb } = synthAws({}, (l, scope) => {
      l.addTarget('web', { port: 3000 });
      const service = new Service(scope, 'api');
      l.allowTo(service, 3000);
      l.allowTo(service, 3000);
      l.allowTo({ securityGroupId: 'sg-other' }, 9000);
    });
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      security_group_id: 'sg-service',
      referenced_security_group_id: ref('aws_security_group', lb.aws!.securityGroup, 'id'),
      ip_protocol: 'tcp',
      from_port: 3000,
      to_port: 3000,
      description: 'From load balancer stack/edge on port 3000',
    });
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      security_group_id: ref('aws_security_group', lb.aws!.securityGroup, 'id'),
      referenced_security_group_id: 'sg-service',
      from_port: 3000,
      description: 'To stack/api on port 3000',
    });
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, { referenced_security_group_id: 'sg-other', from_port: 9000 });
    expect(resources(json, 'aws_vpc_security_group_ingress_rule').filter((r) => r.referenced_security_group_id)).toHaveLength(2);
  });

  test('targetSecurityGroup: the target is linked by security group on its traffic and health-check ports, no VPC-wide egress', () => {
    class Service extends Construct implements IAwsConnectable {
      public readonly securityGroupId = 'sg-service';
    }
    const { json } = synthAws({}, (l, scope) => {
      const api = new Service(scope, 'api');
      l.addTarget('web', { port: 3000, healthCheck: HealthCheck.http('/health', { port: 3001 }), targetSecurityGroup: { securityGroupId: api.securityGroupId, owner: api } });
    });
    const egress = resources(json, 'aws_vpc_security_group_egress_rule');
    expect(egress.filter((r) => r.cidr_ipv4 !== undefined)).toEqual([]);
    expect(egress.map((r) => [r.referenced_security_group_id, r.from_port]).sort()).toEqual([
      ['sg-service', 3000],
      ['sg-service', 3001],
    ]);
    const ingress = resources(json, 'aws_vpc_security_group_ingress_rule').filter((r) => r.security_group_id === 'sg-service');
    expect(ingress.map((r) => r.from_port).sort()).toEqual([3000, 3001]);
  });

  test('targetSecurityGroup without an owner: each target gets its own numbered link', () => {
    const { json } = synthAws({}, (l) => {
      l.addTarget('blue', { port: 3000, targetSecurityGroup: { securityGroupId: 'sg-blue' } });
      l.addTarget('green', { port: 3000, targetSecurityGroup: { securityGroupId: 'sg-green' } });
    });
    const egress = Object.entries(json.resource.aws_vpc_security_group_egress_rule) as Array<[string, any]>;
    expect(egress.map(([id, r]) => [id.replace(/_[0-9A-F]{8}$/, ''), r.referenced_security_group_id])).toEqual([
      ['edge_AllowTo-Connectable1-3000-Egress', 'sg-blue'],
      ['edge_AllowTo-Connectable2-3000-Egress', 'sg-green'],
    ]);
  });

  test('a target port known only at deploy time gets a numbered egress rule, once per port', () => {
    const { json } = synthAws({}, (l, scope) => {
      const port = new TerraformVariable(scope, 'port', { type: 'number' }).numberValue;
      const other = new TerraformVariable(scope, 'other', { type: 'number' }).numberValue;
      l.addTarget('blue', { port });
      l.addTarget('green', { port });
      l.addTarget('red', { port: other });
      l.addTarget('web', { port: 3000 });
    });
    const egress = Object.entries(json.resource.aws_vpc_security_group_egress_rule) as Array<[string, any]>;
    expect(egress.map(([id, r]) => [id.replace(/_[0-9A-F]{8}$/, ''), r.from_port])).toEqual([
      ['edge_EgressPort3000', 3000],
      ['edge_EgressPortToken1', '${var.port}'],
      ['edge_EgressPortToken2', '${var.other}'],
    ]);
  });

  test('dependsOn: the target group waits for them', () => {
    const { json } = synthAws({}, (l, scope) => {
      const bucket = new S3Bucket(scope, 'assets');
      l.addTarget('web', { port: 3000, dependsOn: [bucket] });
    });
    expect(resources(json, 'aws_lb_target_group')[0].depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket\.assets/)]);
  });

  test('without targetSecurityGroup the load balancer may reach the target port anywhere in the VPC', () => {
    const { text } = synthAws();
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, { from_port: 3000, cidr_ipv4: '10.0.0.0/16' });
  });

  test('a network whose zones are known only at plan time (MultiAzNetwork) counts its subnets', () => {
    let lb!: HealthCheckedLoadBalancer;
    Testing.synthScope((scope) => {
      const network = new MultiAzNetwork(scope, 'network');
      lb = new HealthCheckedLoadBalancer(scope, 'edge', { platform: Platform.aws({ network }), certificateArn: CERT });
      lb.addTarget('web', { port: 3000 });
    });
    expect(lb.resilienceFacts().zones).toBe(3);
  });

  test('the slowest target health check is the detection time', () => {
    const { lb } = synthAws({}, (l) => {
      l.addTarget('fast', { port: 3000 });
      l.addTarget('slow', { port: 3000, healthCheck: HealthCheck.http('/health', { interval: Duration.seconds(30), unhealthyThreshold: 3 }) });
    });
    expect(lb.resilienceFacts().failureDetection!.toSeconds()).toBe(95);
  });

  test('snapshot of the maximal configuration', () => {
    const { text } = synthAws(
      {
        port: 8443,
        internetFacing: false,
        allowedCidrs: ['10.0.0.0/8'],
        name: 'shop-edge',
        sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06',
        healthCheck: HealthCheck.http('/ready', { healthyHttpCodes: '200-299' }),
        deletionProtection: false,
        idleTimeout: Duration.seconds(30),
        stickiness: Duration.minutes(10),
        accessLogs: { prefix: 'edge', retention: Duration.days(30) },
        alarms: { rejectedConnections: { enabled: false }, elb5xx: { threshold: 5 } },
        tags: { team: 'shop' },
      },
      (lb) => {
        lb.addTarget('blue', { port: 3000, weight: 90, targetType: TargetType.IP, slowStart: Duration.seconds(30) });
        lb.addTarget('green', { port: 3000, weight: 10, targetType: TargetType.IP, deregistrationDelay: Duration.seconds(10) });
        lb.allowTo({ securityGroupId: 'sg-service' }, 3000);
      },
    );
    expect(text).toMatchSnapshot();
  });
});

describe('HealthCheckedLoadBalancer on AWS: Network Load Balancer', () => {
  const { text, json, lb } = synthAws({ loadBalancerType: LoadBalancerType.NETWORK });

  test('a network load balancer with cross-zone load balancing, without ALB-only attributes', () => {
    expect(text).toHaveResourceWithProperties(Lb, { load_balancer_type: 'network', enable_cross_zone_load_balancing: true, enable_deletion_protection: true });
    const nlb = LB(json);
    for (const attribute of ['drop_invalid_header_fields', 'desync_mitigation_mode', 'idle_timeout', 'enable_http2']) {
      expect(nlb[attribute]).toBeUndefined();
    }
  });

  test('zonal shift is off by default (it would keep connections to unhealthy targets open); on when asked, with that trade-off', () => {
    expect(LB(json).enable_zonal_shift).toBe(false);
    expect(resources(json, 'aws_lb_target_group')[0].target_health_state).toBeUndefined();
    const shifted = synthAws({ loadBalancerType: LoadBalancerType.NETWORK, zonalShift: true });
    expect(shifted.text).toHaveResourceWithProperties(Lb, { enable_zonal_shift: true });
    expect(resources(shifted.json, 'aws_lb_target_group')[0].target_health_state).toEqual([{ enable_unhealthy_connection_termination: false }]);
  });

  test('a TLS listener on 443 with the certificate, forwarding to one TCP target group', () => {
    expect(resources(json, 'aws_lb_listener')).toHaveLength(1);
    expect(text).toHaveResourceWithProperties(LbListener, {
      port: 443,
      protocol: 'TLS',
      certificate_arn: CERT,
      ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      default_action: [{ type: 'forward', target_group_arn: ref('aws_lb_target_group', lb.aws!.targetGroups[0], 'arn') }],
    });
    expect(lb.aws!.httpsListener).toBeUndefined();
    expect(lb.aws!.listener).toBeInstanceOf(LbListener);
  });

  test('the target group speaks TCP, is TCP health-checked and closes connections of deregistered targets', () => {
    expect(text).toHaveResourceWithProperties(LbTargetGroup, {
      protocol: 'TCP',
      connection_termination: true,
      health_check: expect.objectContaining({ protocol: 'TCP', port: 'traffic-port', interval: 10, timeout: 5 }),
    });
    const check = resources(json, 'aws_lb_target_group')[0].health_check;
    expect(check.matcher).toBeUndefined();
    expect(check.path).toBeUndefined();
  });

  test('NLB alarms: TCP resets, unhealthy and no healthy hosts in AWS/NetworkELB', () => {
    expect(lb.alarms.map((a) => a.key)).toEqual(['TcpElbResets', 'WebUnhealthyHosts', 'WebNoHealthyHosts']);
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { namespace: 'AWS/NetworkELB', metric_name: 'TCP_ELB_Reset_Count' });
  });

  test('the log bucket policy admits delivery.logs.amazonaws.com for this account', () => {
    const policy = JSON.parse(resources(json, 'aws_s3_bucket_policy')[0].policy);
    expect(policy.Statement.map((s: any) => s.Sid)).toEqual(['LogDeliveryAclCheck', 'LogDeliveryWrite', 'DenyInsecureTransport']);
    expect(policy.Statement[1].Condition.StringEquals['s3:x-amz-acl']).toBe('bucket-owner-full-control');
  });

  test('allowPlainHttp makes a TCP listener', () => {
    const plain = synthAws({ loadBalancerType: LoadBalancerType.NETWORK, allowPlainHttp: true });
    expect(plain.text).toHaveResourceWithProperties(LbListener, { port: 80, protocol: 'TCP' });
  });
});

describe('HealthCheckedLoadBalancer on AWS: synth-time checks', () => {
  test('a load balancer without any target fails the synth', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new HealthCheckedLoadBalancer(stack, 'edge', { platform: Platform.aws({ network: existingNetwork(stack) }), certificateArn: CERT });
    expect(() => Testing.synth(stack, true)).toThrow(
      'HealthCheckedLoadBalancer "stack/edge" has no target, so it has nowhere to send traffic. Call `addTarget(id, { port, ... })` or pass the load balancer to the service behind it.',
    );
  });

  test('a load balancer whose targets all have weight 0 fails the synth', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const lb = new HealthCheckedLoadBalancer(stack, 'edge', { platform: Platform.aws({ network: existingNetwork(stack) }), certificateArn: CERT });
    lb.addTarget('blue', { port: 3000, weight: 0 });
    expect(() => Testing.synth(stack, true)).toThrow(
      'HealthCheckedLoadBalancer "stack/edge": every target has weight 0, so no request is served. Give at least one target a weight above 0.',
    );
  });

  test('a load balancer with a target passes the synth-time checks', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const lb = new HealthCheckedLoadBalancer(stack, 'edge', { platform: Platform.aws({ network: existingNetwork(stack) }), certificateArn: CERT });
    lb.addTarget('web', { port: 3000 });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});
