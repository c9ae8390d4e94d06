import { TerraformProvider, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { EndpointPlan, ProvidedElement, RegionalFailoverPlan, providerOf } from './plan';
import { Duration } from '../../core/duration';
import { validateAlarmOptions } from '../../core/private/alarm-factory';
import { KnownProps, RenamedProps, checkStruct, requireKnown } from '../../core/private/runtime';
import { validateNoPlainSecrets } from '../../core/private/secrets';
import { PropValidator, formatValue, isUnresolved } from '../../core/private/validation';
import type { IRegionalDatabase, IRegionalEndpoint, RegionalEndpoint } from '../../core/regional';
import { DnsHealthCheckOptions, HealthCheckerRegion } from '../options';
import type { RegionalFailoverProps } from '../regional-failover';
import type { RegionalScopeProps } from '../regional-scope';

export const KIND = 'RegionalFailover';

/** A DNS name: labels of letters, digits and hyphens (1 to 63, no hyphen at either end), at most 253 characters, an optional final dot. */
const DOMAIN_NAME = /^(?=.{1,253}\.?$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]\.?$/;
/** A Route 53 hosted zone id, e.g. `Z0123456789ABCDEFGHIJ`. */
const HOSTED_ZONE_ID = /^[A-Z0-9]{1,32}$/;
/** An SNS topic ARN with its region. */
const SNS_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):\d{12}:.+$/;

/**
 * Reports every problem of a {@link RegionalFailoverProps} at once, before anything is rendered. Throws a
 * `ValidationError` listing them; returns when the props are valid.
 */
export function validateRegionalFailover(scope: IConstruct, props: RegionalFailoverProps): void {
  const v = new PropValidator(KIND, scope);
  if (!checkStruct<RegionalFailoverProps>(v, '', props, FAILOVER_PROPS, { example: '{ domainName, hostedZoneId, primary, secondary }', renamed: FAILOVER_RENAMED, required: true })) {
    v.throwIfInvalid();
    return;
  }
  validateNoPlainSecrets(v, scope, props);
  requireKnown(v, scope, 'healthCheck.regions', props.healthCheck?.regions, 'each checker region is rendered on its own');
  requireKnown(v, scope, 'tags', props.tags, 'the library adds its own tags to them; a tag value may be a token');
  requireKnown(v, scope, 'failOnCriticalAlarms', props.failOnCriticalAlarms, 'it decides which health checks are rendered');

  v.require('domainName', props.domainName, () => typeof props.domainName === 'string' && DOMAIN_NAME.test(props.domainName),
    'must be a DNS name like "shop.example.com" (labels of letters, digits and hyphens, at most 253 characters)');
  v.require('hostedZoneId', props.hostedZoneId, () => typeof props.hostedZoneId === 'string' && HOSTED_ZONE_ID.test(props.hostedZoneId),
    'must be a Route 53 hosted zone id like "Z0123456789ABCDEFGHIJ"');

  const primary = endpointOf(v, 'primary', props.primary);
  const secondary = endpointOf(v, 'secondary', props.secondary);
  if (primary && secondary && props.primary === props.secondary) {
    v.fail(`\`secondary\` is the same endpoint as \`primary\` ("${props.primary.node.path}"): a failover needs the declaration deployed in another region. Pass the other region's load balancer.`);
  }
  if (primary && secondary) {
    if ((primary.aliasHostedZoneId === undefined) !== (secondary.aliasHostedZoneId === undefined)) {
      v.fail(
        '`primary` and `secondary` must both be AWS load balancers (alias records) or both Kubernetes Services (CNAME records): ' +
          'an alias and a CNAME record cannot share one name. Deploy the same declaration on the same platform in both regions.',
      );
    }
    if (props.failOnCriticalAlarms === true) {
      for (const [prop, e] of [['primary', primary], ['secondary', secondary]] as Array<[string, RegionalEndpoint]>) {
        if (e.criticalAlarms.length === 0) {
          v.fail(`\`failOnCriticalAlarms\` needs critical CloudWatch alarms on \`${prop}\`, which reports none (a Kubernetes Service has none). Remove \`failOnCriticalAlarms\`.`);
        }
      }
    }
    if (Duration.isDuration(props.recordTtl) && primary.aliasHostedZoneId !== undefined) {
      v.require('recordTtl', props.recordTtl, false, 'applies to CNAME records only: alias records to AWS load balancers carry the load balancer\'s 60 s TTL', 'Remove it.');
    }
  }

  if (props.database !== undefined) {
    const database = props.database as IRegionalDatabase;
    if (typeof database !== 'object' || database === null || typeof database.regionalReplication !== 'function') {
      v.require('database', props.database, false, 'must be an IRegionalDatabase, e.g. a ReplicatedDatabase with Replication.auroraGlobal() or Replication.crossRegion()');
    } else if (database.regionalReplication() === undefined) {
      v.fail(
        `\`database\` ("${database.node.path}") keeps its data in one region: after a regional failover the secondary would have no data. ` +
          'Give it Replication.auroraGlobal({ provider, network }) (Aurora) or Replication.crossRegion({ provider, network }) (RDS).',
      );
    }
  }

  checkHealthCheck(v, props);
  // These enter the recovery time arithmetic, which the checks compare with the target at synth.
  for (const [prop, value] of [
    ['healthCheck.interval', props.healthCheck?.interval],
    ['healthCheck.failureThreshold', props.healthCheck?.failureThreshold],
    ['recordTtl', props.recordTtl],
    ['operatorResponseTime', props.operatorResponseTime],
  ] as Array<[string, unknown]>) {
    if (isUnresolved(value)) {
      v.fail(`\`${prop}\` must be known at synth time, not a Terraform token: it enters the regional recovery time the checks compare with the target.`);
    }
  }
  boolean(v, 'failOnCriticalAlarms', props.failOnCriticalAlarms);
  v.duration('recordTtl', props.recordTtl, { max: Duration.days(1), why: '(resolvers keep the old answer that long after a failover)' });
  v.duration('operatorResponseTime', props.operatorResponseTime, { max: Duration.days(1) });
  if (Duration.isDuration(props.operatorResponseTime) && props.database === undefined) {
    v.require('operatorResponseTime', props.operatorResponseTime, false, 'applies only with a `database`: it is the time until someone starts the database failover', 'Pass the `database`, or remove it.');
  }

  const provider = props.usEast1Provider;
  if (provider !== undefined) {
    if (!TerraformProvider.isTerraformProvider(provider) || provider.terraformResourceType !== 'aws') {
      v.require('usEast1Provider', provider, false, 'must be an AwsProvider for us-east-1');
    } else {
      const region = provider.region;
      v.require(
        'usEast1Provider.region',
        region,
        region === 'us-east-1',
        'must be "us-east-1": Route 53 publishes health-check metrics only there, so its alarms must live there',
      );
    }
  }

  const destination = props.alarmDestination;
  if (destination !== undefined) {
    const arns = (destination as { alarmActionArns?: unknown }).alarmActionArns;
    if (typeof destination !== 'object' || destination === null || !Array.isArray(arns)) {
      v.require('alarmDestination', destination, false, 'must be an IAlarmDestination, e.g. an AlarmTopic in us-east-1 or AlarmDestination.fromArns(...)');
    } else {
      arns.forEach((arn, i) => {
        const region = typeof arn === 'string' && !Token.isUnresolved(arn) ? SNS_ARN.exec(arn)?.[1] : undefined;
        if (region !== undefined) {
          v.require(
            `alarmDestination.alarmActionArns[${i}]`,
            arn,
            region === 'us-east-1',
            'must be an SNS topic in us-east-1: the health-check alarms live there and CloudWatch notifies topics of its own region only',
          );
        }
      });
    }
  }
  validateAlarmOptions(v, 'alarms', props.alarms as { [key: string]: any } | undefined);
  checkTags(v, props.tags);
  v.throwIfInvalid();
}

const FAILOVER_PROPS: KnownProps<RegionalFailoverProps> = {
  domainName: true,
  hostedZoneId: true,
  primary: true,
  secondary: true,
  database: true,
  healthCheck: true,
  failOnCriticalAlarms: true,
  recordTtl: true,
  operatorResponseTime: true,
  usEast1Provider: true,
  alarmDestination: true,
  alarms: true,
  tags: true,
};
const FAILOVER_RENAMED: RenamedProps = {
  zoneId: 'Use `hostedZoneId`.',
  recordName: 'Use `domainName`.',
  ttl: 'Use `recordTtl` (a Duration; CNAME records only).',
  provider: 'Use `usEast1Provider` (an AwsProvider for us-east-1).',
};
const HEALTH_CHECK_PROPS: KnownProps<DnsHealthCheckOptions> = {
  interval: true,
  failureThreshold: true,
  regions: true,
};
const HEALTH_CHECK_RENAMED: RenamedProps = {
  requestInterval: 'Use `interval` (a Duration of 10 or 30 seconds).',
  checkerRegions: 'Use `regions` (a list of HealthCheckerRegion).',
};

/** The endpoint's description, or undefined (with a problem recorded) when `value` is not an IRegionalEndpoint. */
function endpointOf(v: PropValidator, prop: string, value: IRegionalEndpoint | undefined): RegionalEndpoint | undefined {
  if (typeof value !== 'object' || value === null || typeof value.regionalEndpoint !== 'function') {
    v.require(prop, value, false, 'must be an IRegionalEndpoint, e.g. a HealthCheckedLoadBalancer in that region');
    return undefined;
  }
  const endpoint = value.regionalEndpoint();
  v.require(
    `${prop}.internetFacing`,
    endpoint.internetFacing,
    endpoint.internetFacing === true,
    'must be true: Route 53 health checkers run on the internet and cannot reach an internal load balancer',
    'Make the load balancer internet-facing (the default).',
  );
  return endpoint;
}

function checkHealthCheck(v: PropValidator, props: RegionalFailoverProps): void {
  const check = props.healthCheck;
  if (check === undefined) {
    return;
  }
  if (check === null || !checkStruct<DnsHealthCheckOptions>(v, 'healthCheck', check, HEALTH_CHECK_PROPS, { example: '{ interval: Duration.seconds(10), failureThreshold: 3 }', renamed: HEALTH_CHECK_RENAMED })) {
    if (check === null) {
      v.require('healthCheck', check, false, 'must be a DnsHealthCheckOptions, e.g. `{ interval: Duration.seconds(10), failureThreshold: 3 }`');
    }
    return;
  }
  if (check.interval !== undefined) {
    v.duration('healthCheck.interval', check.interval, { oneOf: [10, 30], why: '(the intervals Route 53 offers)' });
  }
  v.integer('healthCheck.failureThreshold', check.failureThreshold, 1, 10);
  const regions = check.regions;
  if (regions !== undefined && !Token.isUnresolved(regions)) {
    if (!Array.isArray(regions)) {
      v.require('healthCheck.regions', regions, false, 'must be a list of HealthCheckerRegion');
      return;
    }
    regions.forEach((r, i) => v.enumValue(`healthCheck.regions[${i}]`, r, HealthCheckerRegion, 'HealthCheckerRegion'));
    v.require('healthCheck.regions', regions, regions.length >= 3, 'must list at least 3 checker regions (Route 53 needs 3)');
    v.require('healthCheck.regions', regions, new Set(regions).size === regions.length, 'must list each checker region once');
  }
}

function boolean(v: PropValidator, prop: string, value: unknown): void {
  if (value !== undefined && !isUnresolved(value)) {
    v.require(prop, value, typeof value === 'boolean', 'must be true or false');
  }
}

function checkTags(v: PropValidator, tags: unknown): void {
  if (tags === undefined || Token.isUnresolved(tags)) {
    return;
  }
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) {
    v.require('tags', tags, false, 'must be a map of tag names to string values');
    return;
  }
  for (const [key, value] of Object.entries(tags)) {
    v.require(`tags.${key}`, value, typeof value === 'string', 'must be a string');
  }
}

/**
 * What only synth can tell, once aspects have given every resource its provider: the two endpoints (and the
 * database's copies) must be in different regions, the database's copies in the endpoints' regions, and the
 * endpoints must still report the health check and alarms the failover was rendered with.
 */
export function synthProblems(scope: IConstruct, plan: RegionalFailoverPlan): string[] {
  const problems: string[] = [];
  const prefix = `${KIND} "${scope.node.path}"`;
  const stack = TerraformStack.of(scope);
  const primary = locate(stack, plan.primary.endpoint.resource);
  const secondary = locate(stack, plan.secondary.endpoint.resource);
  if (primary.key === secondary.key) {
    problems.push(
      `${prefix}: \`primary\` and \`secondary\` are in one ${primary.kubernetes ? 'cluster' : 'region'} (${primary.description}): the loss of it takes both down. ` +
        'Deploy the secondary with the other region\'s provider (a RegionalScope of it).',
    );
  }
  const database = plan.database;
  if (database) {
    for (const [role, endpoint, copy] of [
      ['primary', primary, locate(stack, database.primaryResource)],
      ['secondary', secondary, locate(stack, database.secondaryResource)],
    ] as Array<[string, Location, Location]>) {
      if (!endpoint.kubernetes && endpoint.region && copy.region && endpoint.region !== copy.region) {
        problems.push(
          `${prefix}: the database's ${role} copy is in ${copy.region}, but the ${role} endpoint in ${endpoint.region}: ` +
            'the application would reach its database across regions. Swap the database\'s regions or the endpoints.',
        );
      }
    }
  }
  for (const e of [plan.primary, plan.secondary]) {
    problems.push(...drift(prefix, e, plan.failOnCriticalAlarms));
  }
  return problems;
}

/** The endpoint changed after the failover was rendered from it (a service registered later): report it. */
function drift(prefix: string, rendered: EndpointPlan, withAlarms: boolean): string[] {
  const owner = rendered.source;
  const current = owner.regionalEndpoint();
  const path = current.healthCheck.isHttp ? current.healthCheck.path : undefined;
  const fix = 'Declare the RegionalFailover after the services behind the load balancers.';
  const where = `${prefix}: the ${rendered.role.toLowerCase()} endpoint "${owner.node.path}"`;
  if (path !== rendered.path) {
    return [`${where} now checks ${formatValue(path)}, but its Route 53 health check was rendered with ${formatValue(rendered.path)}. ${fix}`];
  }
  if (withAlarms && current.criticalAlarms.length !== rendered.alarms.length) {
    return [
      `${where} now has ${current.criticalAlarms.length} critical alarms, but its calculated health check was rendered with ${rendered.alarms.length}. ${fix}`,
    ];
  }
  return [];
}

interface Location {
  /** What identifies the region or cluster: the literal region, else the provider's address. */
  readonly key: string;
  readonly region?: string;
  readonly kubernetes: boolean;
  readonly description: string;
}

/** The region (AWS) or cluster (Kubernetes) a resource is deployed to, from its provider (after aspects). */
function locate(stack: TerraformStack, resource: ProvidedElement): Location {
  const type = resource.terraformGeneratorMetadata?.providerName ?? 'aws';
  const aliasOf = (p: TerraformProvider): string | undefined => (p as { readonly alias?: string }).alias;
  const provider =
    providerOf(resource) ??
    stack.node
      .findAll()
      .find((c): c is TerraformProvider => TerraformProvider.isTerraformProvider(c) && c.terraformResourceType === type && !aliasOf(c));
  const alias = provider ? aliasOf(provider) : undefined;
  const address = provider ? `${provider.terraformResourceType}${alias ? `.${alias}` : ''}` : type;
  const region = (provider as { region?: unknown } | undefined)?.region;
  const literal = typeof region === 'string' && !Token.isUnresolved(region) ? region : undefined;
  const kubernetes = type === 'kubernetes';
  return {
    key: !kubernetes && literal ? `region:${literal}` : `provider:${address}`,
    region: kubernetes ? undefined : literal,
    kubernetes,
    description: !kubernetes && literal ? literal : `provider ${address}`,
  };
}

/** Problems of a {@link RegionalScopeProps}. */
export function validateRegionalScope(scope: IConstruct, props: RegionalScopeProps): void {
  const v = new PropValidator('RegionalScope', scope);
  if (props !== undefined && !checkStruct<RegionalScopeProps>(v, '', props, { providers: true }, { example: '{ providers: [euProvider] }', renamed: { provider: 'Use `providers` (a list).' } })) {
    v.throwIfInvalid();
    return;
  }
  const providers = (props as RegionalScopeProps | undefined)?.providers;
  if (!Array.isArray(providers) || providers.length === 0) {
    v.require('providers', providers, false, 'must list the providers of the region or cluster, e.g. `[new AwsProvider(this, \'eu\', { region: \'eu-west-1\', alias: \'eu\' })]`');
    v.throwIfInvalid();
    return;
  }
  const seen = new Map<string, number>();
  providers.forEach((p, i) => {
    if (!TerraformProvider.isTerraformProvider(p)) {
      v.require(`providers[${i}]`, p, false, 'must be a Terraform provider (AwsProvider, KubernetesProvider, ...)');
      return;
    }
    const type = p.terraformResourceType;
    if (seen.has(type)) {
      v.fail(`\`providers[${i}]\` ("${p.node.path}") is a second ${type} provider (the first is \`providers[${seen.get(type)}]\`): a scope is one region or cluster. Use one RegionalScope per region.`);
    }
    seen.set(type, i);
  });
  v.throwIfInvalid();
}
