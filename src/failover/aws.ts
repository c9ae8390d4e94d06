import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { EndpointPlan, RegionalFailoverPlan } from './private/plan';
import { RegionalFailoverAwsResources, RegionalFailoverRoleResources } from './resources';
import { AlarmSeverity, MonitoredAlarm } from '../core/alarms';
import { Duration } from '../core/duration';
import { AlarmFactory } from '../core/private/alarm-factory';
import { awsTags } from '../core/private/naming';

/**
 * Renders a regional failover on Route 53, with the us-east-1 provider: per region an explicit health check of the
 * endpoint (and, with `failOnCriticalAlarms`, one CloudWatch-alarm check per critical alarm and a calculated check
 * over them), a failover record, and alarms on the health checks.
 */
export function renderRegionalFailover(scope: Construct, plan: RegionalFailoverPlan): RegionalFailoverAwsResources {
  const provider = plan.usEast1Provider ?? new AwsProvider(scope, 'UsEast1', { region: 'us-east-1', alias: plan.usEast1Alias });
  const factory = new AlarmFactory(scope, plan.alarmDestination, plan.alarms);
  const primary = renderRole(scope, plan, plan.primary, provider);
  const secondary = renderRole(scope, plan, plan.secondary, provider);

  const alarms: Array<MonitoredAlarm | undefined> = [
    healthCheckAlarm(factory, 'primaryUnhealthy', 'PrimaryUnhealthy', primary.healthCheck, AlarmSeverity.CRITICAL,
      `Route 53 finds the primary endpoint (${plan.primary.label}) of ${plan.domainName} unhealthy: traffic is moving to the secondary region.`,
      plan.database
        ? 'Start the database failover runbook now (the database does not follow on its own), then find why the primary region fails.'
        : 'Confirm the secondary serves, then find why the primary region fails.'),
    healthCheckAlarm(factory, 'secondaryUnhealthy', 'SecondaryUnhealthy', secondary.healthCheck, AlarmSeverity.CRITICAL,
      `Route 53 finds the secondary endpoint (${plan.secondary.label}) of ${plan.domainName} unhealthy: there is nothing to fail over to.`,
      'Restore the secondary region before the primary fails too: check its load balancer, targets and health endpoint.'),
  ];
  if (primary.calculatedHealthCheck && secondary.calculatedHealthCheck) {
    alarms.push(
      healthCheckAlarm(factory, 'primaryFailedOver', 'PrimaryFailedOver', primary.calculatedHealthCheck, AlarmSeverity.CRITICAL,
        `The primary region (${plan.primary.label}) of ${plan.domainName} is unhealthy or one of its critical alarms fires: traffic is moving to the secondary region.`,
        'Look at the primary endpoint\'s critical alarms; start the database failover runbook if the primary region cannot recover soon.'),
      healthCheckAlarm(factory, 'secondaryDegraded', 'SecondaryDegraded', secondary.calculatedHealthCheck, AlarmSeverity.WARNING,
        `The secondary region (${plan.secondary.label}) of ${plan.domainName} is unhealthy or one of its critical alarms fires: a failover would land on a degraded region.`,
        'Look at the secondary endpoint\'s critical alarms and fix them during working hours.'),
    );
  }
  const created = alarms.filter((a): a is MonitoredAlarm => a !== undefined);
  // Route 53 publishes health-check metrics in us-east-1 only.
  created.forEach((a) => (a.alarm.provider = provider));
  return { usEast1Provider: provider, primary, secondary, alarms: created };
}

function renderRole(scope: Construct, plan: RegionalFailoverPlan, e: EndpointPlan, provider: AwsProvider): RegionalFailoverRoleResources {
  const role = e.role;
  const tags = (suffix: string) => awsTags(scope, `${plan.name}-${role.toLowerCase()}${suffix}`, plan.tags);
  const healthCheck = new Route53HealthCheck(scope, `${role}HealthCheck`, {
    provider,
    type: e.protocol,
    fqdn: e.endpoint.dnsName,
    port: e.endpoint.port,
    resourcePath: e.path,
    requestInterval: plan.interval.toSeconds(),
    failureThreshold: plan.failureThreshold,
    regions: plan.checkerRegions,
    // The endpoint's certificate names the domain, not the load balancer: SNI sends the checked name; Route 53 does
    // not validate the certificate.
    enableSni: e.protocol === 'HTTPS' ? true : undefined,
    tags: tags(''),
  });

  const alarmHealthChecks = e.alarms.map(
    (alarm, i) =>
      new Route53HealthCheck(scope, `${role}AlarmHealthCheck${i + 1}`, {
        provider,
        type: 'CLOUDWATCH_METRIC',
        cloudwatchAlarmName: alarm.alarmName,
        // The alarm's own region, read from its ARN (arn:aws:cloudwatch:<region>:<account>:alarm:<name>).
        cloudwatchAlarmRegion: Token.asString(Fn.element(Fn.split(':', alarm.alarm.arn), 3)),
        // While the region's CloudWatch cannot be read, keep the last status: the endpoint check decides.
        insufficientDataHealthStatus: 'LastKnownStatus',
        tags: tags(`-alarm-${i + 1}`),
      }),
  );
  const calculatedHealthCheck =
    alarmHealthChecks.length > 0
      ? new Route53HealthCheck(scope, `${role}CalculatedHealthCheck`, {
        provider,
        type: 'CALCULATED',
        childHealthchecks: [healthCheck.id, ...alarmHealthChecks.map((c) => c.id)],
        // Healthy only while the endpoint and every critical alarm are.
        childHealthThreshold: alarmHealthChecks.length + 1,
        tags: tags('-calculated'),
      })
      : undefined;

  const failover = {
    provider,
    zoneId: plan.hostedZoneId,
    name: plan.domainName,
    setIdentifier: role.toLowerCase(),
    failoverRoutingPolicy: { type: role.toUpperCase() },
    healthCheckId: (calculatedHealthCheck ?? healthCheck).id,
  };
  const record = plan.alias
    ? new Route53Record(scope, `${role}Record`, {
      ...failover,
      type: 'A',
      alias: { name: e.endpoint.dnsName, zoneId: e.endpoint.aliasHostedZoneId!, evaluateTargetHealth: true },
    })
    : new Route53Record(scope, `${role}Record`, {
      ...failover,
      type: 'CNAME',
      ttl: plan.ttl.toSeconds(),
      records: [e.endpoint.dnsName],
    });
  return { healthCheck, alarmHealthChecks, calculatedHealthCheck, record };
}

function healthCheckAlarm(
  factory: AlarmFactory,
  optionKey: string,
  key: string,
  check: Route53HealthCheck,
  severity: AlarmSeverity,
  summary: string,
  action: string,
): MonitoredAlarm | undefined {
  return factory.create(optionKey, {
    key,
    summary,
    action,
    namespace: 'AWS/Route53',
    metricName: 'HealthCheckStatus',
    dimensions: { HealthCheckId: check.id },
    statistic: 'Minimum',
    comparison: 'LessThanThreshold',
    threshold: 1,
    evaluationPeriods: 1,
    period: Duration.minutes(1),
    severity,
  });
}
