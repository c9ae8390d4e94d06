import 'cdktf/lib/testing/adapters/jest';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing } from 'cdktf';
import { GLOBAL_TOPIC, ZONE_ID, byName, crossRegionDatabase, globalDatabase, ref, resource, synthFailover, twoRegions } from './fixtures';
import {
  AlarmSeverity,
  CapabilityKind,
  DatabaseFailoverMode,
  Duration,
  HealthCheck,
  HealthCheckerRegion,
  PlatformKind,
  RegionalFailover,
} from '../../src';
import { closeOfflineProviders, terraformAvailable } from '../../src/proof/runner';

const ALL_CHECKER_REGIONS = ['us-east-1', 'us-west-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1'];

describe('RegionalFailover on AWS: records, health checks and alarms (defaults)', () => {
  const { json, failover } = synthFailover();
  const primaryLb = (attribute: string) => ref(json, 'aws_lb', 'eu-west-1_app_edge_LoadBalancer', attribute);
  const secondaryLb = (attribute: string) => ref(json, 'aws_lb', 'eu-central-1_app_edge_LoadBalancer', attribute);

  test('a PRIMARY alias record to the primary load balancer, evaluating target health, with the primary health check', () => {
    expect(resource(json, 'aws_route53_record', 'global_PrimaryRecord')).toEqual({
      provider: 'aws.us_east_1',
      zone_id: ZONE_ID,
      name: 'shop.example.com',
      type: 'A',
      set_identifier: 'primary',
      failover_routing_policy: { type: 'PRIMARY' },
      health_check_id: ref(json, 'aws_route53_health_check', 'global_PrimaryHealthCheck', 'id'),
      alias: { name: primaryLb('dns_name'), zone_id: primaryLb('zone_id'), evaluate_target_health: true },
    });
  });

  test('a SECONDARY alias record to the secondary load balancer, with the secondary health check', () => {
    expect(resource(json, 'aws_route53_record', 'global_SecondaryRecord')).toMatchObject({
      set_identifier: 'secondary',
      failover_routing_policy: { type: 'SECONDARY' },
      health_check_id: ref(json, 'aws_route53_health_check', 'global_SecondaryHealthCheck', 'id'),
      alias: { name: secondaryLb('dns_name'), zone_id: secondaryLb('zone_id'), evaluate_target_health: true },
    });
  });

  test('an HTTPS health check of each load balancer on 443 with the service\'s path, every 10 s, 3 failures, from all 8 checker regions, SNI on', () => {
    expect(resource(json, 'aws_route53_health_check', 'global_PrimaryHealthCheck')).toEqual({
      provider: 'aws.us_east_1',
      type: 'HTTPS',
      fqdn: primaryLb('dns_name'),
      port: 443,
      resource_path: '/health',
      request_interval: 10,
      failure_threshold: 3,
      regions: ALL_CHECKER_REGIONS,
      enable_sni: true,
      tags: expect.objectContaining({ 'Name': 'stack-global-primary', 'ft:managed-by': 'cdktf-fault-tolerance' }),
    });
    expect(resource(json, 'aws_route53_health_check', 'global_SecondaryHealthCheck')).toMatchObject({ type: 'HTTPS', fqdn: secondaryLb('dns_name') });
  });

  test('no calculated or CloudWatch-alarm checks without failOnCriticalAlarms', () => {
    expect(Object.keys(byName(json, 'aws_route53_health_check')).sort()).toEqual([
      expect.stringMatching(/^global_PrimaryHealthCheck_/),
      expect.stringMatching(/^global_SecondaryHealthCheck_/),
    ]);
  });

  test('an alarm on each health check, in us-east-1 (HealthCheckStatus exists only there), critical, notifying the destination', () => {
    const alarms = Object.values(byName(json, 'aws_cloudwatch_metric_alarm')).filter((a: any) => a.namespace === 'AWS/Route53');
    expect(alarms).toHaveLength(2);
    expect(resource(json, 'aws_cloudwatch_metric_alarm', 'global_Alarms_PrimaryUnhealthy')).toMatchObject({
      provider: 'aws.us_east_1',
      alarm_name: 'stack-global-PrimaryUnhealthy',
      metric_name: 'HealthCheckStatus',
      dimensions: { HealthCheckId: ref(json, 'aws_route53_health_check', 'global_PrimaryHealthCheck', 'id') },
      statistic: 'Minimum',
      comparison_operator: 'LessThanThreshold',
      threshold: 1,
      period: 60,
      evaluation_periods: 1,
      alarm_actions: [GLOBAL_TOPIC],
      ok_actions: [GLOBAL_TOPIC],
      tags: expect.objectContaining({ 'ft:severity': 'critical' }),
    });
    expect(resource(json, 'aws_cloudwatch_metric_alarm', 'global_Alarms_SecondaryUnhealthy')).toMatchObject({
      provider: 'aws.us_east_1',
      dimensions: { HealthCheckId: ref(json, 'aws_route53_health_check', 'global_SecondaryHealthCheck', 'id') },
    });
    expect(failover.alarms.map((a) => [a.key, a.severity, a.notifies])).toEqual([
      ['PrimaryUnhealthy', AlarmSeverity.CRITICAL, true],
      ['SecondaryUnhealthy', AlarmSeverity.CRITICAL, true],
    ]);
  });

  test('exposes what it created', () => {
    expect(failover.aws.primary.record.setIdentifierInput).toBe('primary');
    expect(failover.aws.secondary.healthCheck.typeInput).toBe('HTTPS');
    expect(failover.aws.primary.calculatedHealthCheck).toBeUndefined();
    expect(failover.aws.usEast1Provider.alias).toBe('us_east_1');
    expect(failover.domainName).toBe('shop.example.com');
  });

  test('facts: 2 regions, detection 3 × 10 s, failover = the 60 s alias TTL, no recovery point without a database', () => {
    const facts = failover.resilienceFacts();
    expect(facts).toMatchObject({ capability: CapabilityKind.REGIONAL_FAILOVER, platform: PlatformKind.AWS, regions: 2 });
    expect(facts.failureDetection?.toSeconds()).toBe(30);
    expect(facts.failover?.toSeconds()).toBe(60);
    expect(facts.recoveryPoint).toBeUndefined();
    expect(facts.recoverySteps?.map((s) => [s.name, s.duration.toSeconds(), s.manual ?? false])).toEqual([
      ['Route 53 detection (3 × 10s)', 30, false],
      ['DNS TTL (1min)', 60, false],
    ]);
    expect(facts.recoverySteps?.[0].description).toBe(
      'Route 53 health checkers find the primary endpoint `eu-west-1/app/edge` (eu-west-1) unhealthy after 3 failed HTTPS checks of /health 10s apart, ' +
        'and answer with the SECONDARY record: `eu-central-1/app/edge` (eu-central-1).',
    );
  });

  test('resilienceFacts() returns a copy', () => {
    const facts = failover.resilienceFacts();
    facts.recoverySteps!.pop();
    expect(failover.resilienceFacts().recoverySteps).toHaveLength(2);
  });
});

describe('RegionalFailover options', () => {
  test('healthCheck: a 30 s interval, 2 failures, 3 checker regions', () => {
    const { json, failover } = synthFailover({
      healthCheck: {
        interval: Duration.seconds(30),
        failureThreshold: 2,
        regions: [HealthCheckerRegion.EU_WEST_1, HealthCheckerRegion.US_EAST_1, HealthCheckerRegion.AP_NORTHEAST_1],
      },
    });
    expect(resource(json, 'aws_route53_health_check', 'PrimaryHealthCheck')).toMatchObject({
      request_interval: 30,
      failure_threshold: 2,
      regions: ['eu-west-1', 'us-east-1', 'ap-northeast-1'],
    });
    expect(failover.resilienceFacts().failureDetection?.toSeconds()).toBe(60);
  });

  test('the service\'s own health check path and port reach Route 53 (the target\'s check, not the load balancer default)', () => {
    const { json } = synthFailover({}, { edge: { healthCheck: HealthCheck.http('/ready') } });
    expect(resource(json, 'aws_route53_health_check', 'PrimaryHealthCheck')).toMatchObject({ resource_path: '/ready', port: 443, type: 'HTTPS' });
  });

  test('a gRPC service health check gives a TCP Route 53 check without a path (Route 53 does not speak gRPC)', () => {
    const { json } = synthFailover({}, { edge: { healthCheck: HealthCheck.grpc() } });
    const check = resource(json, 'aws_route53_health_check', 'PrimaryHealthCheck');
    expect(check).toMatchObject({ type: 'TCP', port: 443 });
    expect(check.resource_path).toBeUndefined();
    expect(check.enable_sni).toBeUndefined();
  });

  test('failOnCriticalAlarms: one CloudWatch-alarm check per critical alarm of the endpoint, a calculated check over all, the record on it', () => {
    const { json, failover, primary } = synthFailover({ failOnCriticalAlarms: true });
    const critical = primary.edge.regionalEndpoint().criticalAlarms;
    expect(critical.map((a) => a.key)).toEqual(['Elb5xx', 'WebNoHealthyHosts', 'WebTarget5xx']);
    critical.forEach((alarm, i) => {
      expect(resource(json, 'aws_route53_health_check', `global_PrimaryAlarmHealthCheck${i + 1}_`)).toEqual({
        provider: 'aws.us_east_1',
        type: 'CLOUDWATCH_METRIC',
        cloudwatch_alarm_name: alarm.alarmName,
        cloudwatch_alarm_region: `\${element(split(":", ${ref(json, 'aws_cloudwatch_metric_alarm', `eu-west-1_app_edge_Alarms_${alarm.key}_`, 'arn').slice(2, -1)}), 3)}`,
        insufficient_data_health_status: 'LastKnownStatus',
        tags: expect.any(Object),
      });
    });
    expect(resource(json, 'aws_route53_health_check', 'global_PrimaryCalculatedHealthCheck')).toMatchObject({
      type: 'CALCULATED',
      child_health_threshold: 4,
      child_healthchecks: [
        ref(json, 'aws_route53_health_check', 'global_PrimaryHealthCheck', 'id'),
        ref(json, 'aws_route53_health_check', 'global_PrimaryAlarmHealthCheck1', 'id'),
        ref(json, 'aws_route53_health_check', 'global_PrimaryAlarmHealthCheck2', 'id'),
        ref(json, 'aws_route53_health_check', 'global_PrimaryAlarmHealthCheck3', 'id'),
      ],
    });
    expect(resource(json, 'aws_route53_record', 'PrimaryRecord').health_check_id).toBe(ref(json, 'aws_route53_health_check', 'global_PrimaryCalculatedHealthCheck', 'id'));
    expect(failover.alarms.map((a) => [a.key, a.severity])).toEqual([
      ['PrimaryUnhealthy', AlarmSeverity.CRITICAL],
      ['SecondaryUnhealthy', AlarmSeverity.CRITICAL],
      ['PrimaryFailedOver', AlarmSeverity.CRITICAL],
      ['SecondaryDegraded', AlarmSeverity.WARNING],
    ]);
    expect(resource(json, 'aws_cloudwatch_metric_alarm', 'global_Alarms_PrimaryFailedOver').dimensions).toEqual({
      HealthCheckId: ref(json, 'aws_route53_health_check', 'global_PrimaryCalculatedHealthCheck', 'id'),
    });
  });

  test('alarms: options change and turn off the health-check alarms', () => {
    const { json, failover } = synthFailover({ alarms: { secondaryUnhealthy: { enabled: false }, primaryUnhealthy: { evaluationPeriods: 2 } } });
    expect(failover.alarms.map((a) => a.key)).toEqual(['PrimaryUnhealthy']);
    expect(resource(json, 'aws_cloudwatch_metric_alarm', 'PrimaryUnhealthy')).toMatchObject({ evaluation_periods: 2, datapoints_to_alarm: 2 });
  });

  test('without alarmDestination the alarms notify nobody (the checks flag them)', () => {
    const { failover } = synthFailover({ alarmDestination: undefined });
    expect(failover.alarms.every((a) => !a.notifies)).toBe(true);
  });

  test('tags reach the health checks', () => {
    const { json } = synthFailover({ tags: { team: 'edge' } });
    for (const check of Object.values(byName(json, 'aws_route53_health_check'))) {
      expect((check as any).tags).toMatchObject({ team: 'edge' });
    }
  });

  test('a trailing dot and capitals in domainName are normalised', () => {
    const { json } = synthFailover({ domainName: 'Shop.Example.com.' });
    expect(resource(json, 'aws_route53_record', 'PrimaryRecord').name).toBe('shop.example.com');
  });
});

describe('RegionalFailover: the us-east-1 provider', () => {
  test('usEast1Provider: the given provider renders the records, checks and alarms', () => {
    const regions = twoRegions();
    const mine = new AwsProvider(regions.stack, 'mine', { region: 'us-east-1', alias: 'global_dns' });
    const failover = new RegionalFailover(regions.stack, 'global', {
      domainName: 'shop.example.com', hostedZoneId: ZONE_ID, primary: regions.primary.edge, secondary: regions.secondary.edge, usEast1Provider: mine,
    });
    const json = JSON.parse(Testing.synth(regions.stack, true));
    expect(failover.aws.usEast1Provider).toBe(mine);
    for (const type of ['aws_route53_record', 'aws_route53_health_check']) {
      expect(Object.values(byName(json, type)).map((r: any) => r.provider)).toEqual(['aws.global_dns', 'aws.global_dns']);
    }
    expect(json.provider.aws).toHaveLength(3);
  });

  test('found: the stack\'s provider whose region is us-east-1 is reused', () => {
    const { json, failover } = synthFailover();
    expect(failover.aws.usEast1Provider.node.id).toBe('aws-us-east-1');
    expect(json.provider.aws.map((p: any) => p.alias).sort()).toEqual(['eu_central_1', 'eu_west_1', 'us_east_1']);
  });

  test('created: without one, a us-east-1 provider with a derived alias (region only)', () => {
    const { json, failover } = synthFailover({}, { usEast1: false });
    expect(failover.aws.usEast1Provider.node.path).toBe('stack/global/UsEast1');
    expect(json.provider.aws).toContainEqual({ alias: 'stack_global_us_east_1', region: 'us-east-1' });
    expect(resource(json, 'aws_route53_record', 'PrimaryRecord').provider).toBe('aws.stack_global_us_east_1');
    expect(resource(json, 'aws_cloudwatch_metric_alarm', 'PrimaryUnhealthy').provider).toBe('aws.stack_global_us_east_1');
  });
});

describe('RegionalFailover: the data follows', () => {
  test('an Aurora global database: managed failover, operator response, recovery point from the RPO', () => {
    const { failover } = synthFailover({}, { database: globalDatabase });
    expect(failover.replication?.mode).toBe(DatabaseFailoverMode.MANAGED);
    const facts = failover.resilienceFacts();
    expect(facts.recoverySteps?.map((s) => [s.name, s.duration.toSeconds(), s.manual ?? false])).toEqual([
      ['Route 53 detection (3 × 10s)', 30, false],
      ['DNS TTL (1min)', 60, false],
      ['operator response (5min)', 300, true],
      ['database failover (2min)', 120, false],
    ]);
    expect(facts.failover?.toSeconds()).toBe(480);
    expect(facts.recoveryPoint?.toSeconds()).toBe(60);
    expect(facts.recoverySteps?.[3].description).toContain(
      'aws rds failover-global-cluster --global-cluster-identifier stack-eu-west-1-db-global --target-db-cluster-identifier <ARN of stack-eu-west-1-db-dr> --allow-data-loss',
    );
  });

  test('an RDS cross-region replica: the promotion is a manual step, counted as 10 minutes', () => {
    const { failover } = synthFailover({ operatorResponseTime: Duration.minutes(15) }, { database: crossRegionDatabase });
    expect(failover.replication?.mode).toBe(DatabaseFailoverMode.MANUAL_PROMOTION);
    const steps = failover.resilienceFacts().recoverySteps!;
    expect(steps.slice(2).map((s) => [s.name, s.duration.toMinutes(), s.manual])).toEqual([
      ['operator response (15min)', 15, true],
      ['replica promotion (10min)', 10, true],
    ]);
    expect(steps[3].description).toContain('aws rds promote-read-replica --db-instance-identifier stack-eu-west-1-db-dr');
    expect(failover.resilienceFacts().failover?.toMinutes()).toBe(26);
  });
});

const hasTerraform = terraformAvailable();
(hasTerraform ? describe : describe.skip)('RegionalFailover passes terraform validate and plan offline (three provider aliases)', () => {
  afterAll(() => closeOfflineProviders());

  test('with an Aurora global database and calculated health checks', () => {
    const { stack } = synthFailover({ failOnCriticalAlarms: true }, { database: globalDatabase });
    expect(stack).toBeValidTerraformOffline();
  }, 180_000);

  test('with a created us-east-1 provider and an RDS cross-region replica', () => {
    const { stack } = synthFailover({}, { usEast1: false, database: crossRegionDatabase });
    expect(stack).toBeValidTerraformOffline();
  }, 180_000);
});
