import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformProvider, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { IAlarmDestination, AlarmOptions, MonitoredAlarm } from '../../core/alarms';
import { Duration } from '../../core/duration';
import { PlatformKind } from '../../core/platform';
import { isBranded } from '../../core/private/brand';
import { pathInStack, physicalName } from '../../core/private/naming';
import { DatabaseFailoverMode, IRegionalEndpoint, RecoveryStep, RegionalEndpoint, RegionalReplication } from '../../core/regional';
import { CapabilityKind, ResilienceFacts } from '../../core/resilience';
import { HealthCheckerRegion } from '../options';
import type { RegionalFailoverProps } from '../regional-failover';

/** The TTL Route 53 gives an alias record to an Elastic Load Balancing load balancer: the load balancer's own. */
export const ALIAS_TTL = Duration.seconds(60);
const DEFAULT_INTERVAL = Duration.seconds(10);
const DEFAULT_THRESHOLD = 3;
const DEFAULT_RECORD_TTL = Duration.seconds(60);
const DEFAULT_OPERATOR_RESPONSE = Duration.minutes(5);

/** Each checker region as the Route 53 API spells it. */
export const CHECKER_REGIONS: Record<HealthCheckerRegion, string> = {
  [HealthCheckerRegion.US_EAST_1]: 'us-east-1',
  [HealthCheckerRegion.US_WEST_1]: 'us-west-1',
  [HealthCheckerRegion.US_WEST_2]: 'us-west-2',
  [HealthCheckerRegion.EU_WEST_1]: 'eu-west-1',
  [HealthCheckerRegion.AP_SOUTHEAST_1]: 'ap-southeast-1',
  [HealthCheckerRegion.AP_SOUTHEAST_2]: 'ap-southeast-2',
  [HealthCheckerRegion.AP_NORTHEAST_1]: 'ap-northeast-1',
  [HealthCheckerRegion.SA_EAST_1]: 'sa-east-1',
};

/** The two roles, as construct ids and alarm keys spell them. */
export type Role = 'Primary' | 'Secondary';

/** One region's endpoint, with what its health check and record are made of. */
export interface EndpointPlan {
  readonly role: Role;
  /** The construct the endpoint was read from (read again at synth to catch later changes). */
  readonly source: IRegionalEndpoint;
  readonly endpoint: RegionalEndpoint;
  /** `HTTPS`, `HTTP` or `TCP`: HTTPS when the endpoint serves TLS, TCP when the service's check is not HTTP. */
  readonly protocol: string;
  /** The service's health check path (HTTP and HTTPS checks). */
  readonly path?: string;
  /** The critical alarms combined with the endpoint check (with `failOnCriticalAlarms`). */
  readonly alarms: MonitoredAlarm[];
  /** How the report names the region: `eu-west-1`, `cluster "eu"`, or the role. */
  readonly label: string;
}

/** A validated regional failover with every default applied. */
export interface RegionalFailoverPlan {
  /** The base of the physical names (`<stack>-<path>`). */
  readonly name: string;
  readonly domainName: string;
  readonly hostedZoneId: string;
  readonly primary: EndpointPlan;
  readonly secondary: EndpointPlan;
  /** Alias A records to load balancers, or CNAME records to hostnames. */
  readonly alias: boolean;
  /** The records' TTL (CNAME), or the load balancer's (alias). */
  readonly ttl: Duration;
  readonly interval: Duration;
  readonly failureThreshold: number;
  /** The checker regions as the API spells them. */
  readonly checkerRegions: string[];
  readonly failOnCriticalAlarms: boolean;
  readonly database?: RegionalReplication;
  readonly operatorResponseTime: Duration;
  /** The given or found provider; undefined means the renderer creates one named `usEast1Alias`. */
  readonly usEast1Provider?: AwsProvider;
  readonly usEast1Alias: string;
  readonly alarmDestination?: IAlarmDestination;
  readonly alarms: { [key: string]: AlarmOptions | undefined };
  readonly tags: Record<string, string>;
  readonly facts: ResilienceFacts;
}

/** Applies the defaults to valid props and computes the regional recovery time and point. */
export function planRegionalFailover(scope: IConstruct, props: RegionalFailoverProps): RegionalFailoverPlan {
  const failOnCriticalAlarms = props.failOnCriticalAlarms ?? false;
  const primary = endpointPlan('Primary', props.primary, failOnCriticalAlarms);
  const secondary = endpointPlan('Secondary', props.secondary, failOnCriticalAlarms);
  const alias = primary.endpoint.aliasHostedZoneId !== undefined;
  const interval = props.healthCheck?.interval ?? DEFAULT_INTERVAL;
  const failureThreshold = props.healthCheck?.failureThreshold ?? DEFAULT_THRESHOLD;
  const database = props.database?.regionalReplication();
  const ttl = alias ? ALIAS_TTL : props.recordTtl ?? DEFAULT_RECORD_TTL;
  const operatorResponseTime = props.operatorResponseTime ?? DEFAULT_OPERATOR_RESPONSE;
  const regions = props.healthCheck?.regions ?? (Object.keys(CHECKER_REGIONS) as HealthCheckerRegion[]);
  const plan = {
    name: physicalName(scope, undefined, { maxLength: 200 }),
    // A token (e.g. a zone's name read at plan time) is passed through as it is.
    domainName: Token.isUnresolved(props.domainName) ? props.domainName : props.domainName.replace(/\.$/, '').toLowerCase(),
    hostedZoneId: props.hostedZoneId,
    primary,
    secondary,
    alias,
    ttl,
    interval,
    failureThreshold,
    checkerRegions: regions.map((r) => CHECKER_REGIONS[r]),
    failOnCriticalAlarms,
    database,
    operatorResponseTime,
    usEast1Provider: props.usEast1Provider ?? findUsEast1Provider(scope),
    usEast1Alias: `${physicalName(scope, 'us-east-1', { maxLength: 64 }).replace(/-/g, '_')}`,
    alarmDestination: props.alarmDestination,
    alarms: { ...(props.alarms ?? {}) },
    tags: props.tags ?? {},
  };
  return { ...plan, facts: regionalFacts(plan) };
}

function endpointPlan(role: Role, source: IRegionalEndpoint, failOnCriticalAlarms: boolean): EndpointPlan {
  const endpoint = source.regionalEndpoint();
  const check = endpoint.healthCheck;
  return {
    role,
    source,
    endpoint,
    protocol: check.isHttp ? (endpoint.tls ? 'HTTPS' : 'HTTP') : 'TCP',
    path: check.isHttp ? check.path : undefined,
    alarms: failOnCriticalAlarms ? endpoint.criticalAlarms : [],
    label: regionLabel(endpoint) ?? `the ${role.toLowerCase()} region`,
  };
}

/**
 * The steps of a regional failover: Route 53 detection, the DNS TTL, and with a database the operator's response and
 * the database's failover or promotion. Their sum is the regional recovery time.
 */
function regionalFacts(plan: Omit<RegionalFailoverPlan, 'facts'>): ResilienceFacts {
  const { primary, secondary, interval, failureThreshold, ttl, database } = plan;
  const detection = interval.times(failureThreshold);
  const checked = primary.path !== undefined ? `${primary.protocol} checks of ${primary.path}` : `${primary.protocol} checks`;
  const steps: RecoveryStep[] = [
    {
      name: `Route 53 detection (${failureThreshold} × ${interval.toHumanString()})`,
      description:
        `Route 53 health checkers find the primary endpoint \`${pathOf(primary)}\` (${primary.label}) unhealthy after ${failureThreshold} failed ` +
        `${checked} ${interval.toHumanString()} apart, and answer with the SECONDARY record: \`${pathOf(secondary)}\` (${secondary.label}).`,
      duration: detection,
    },
    {
      name: `DNS TTL (${ttl.toHumanString()})`,
      description: plan.alias
        ? 'Resolvers drop the cached answer: an alias record to a load balancer carries the load balancer\'s 60 s TTL.'
        : 'Resolvers drop the cached answer after the CNAME record\'s TTL (`recordTtl`).',
      duration: ttl,
    },
  ];
  if (database) {
    steps.push({
      name: `operator response (${plan.operatorResponseTime.toHumanString()})`,
      description:
        'On-call (or your automation) starts the database failover after the primary health-check alarm: Route 53 moves traffic on its own, the database ' +
        'does not (`operatorResponseTime`, an assumption: measure it in game days).',
      duration: plan.operatorResponseTime,
      manual: true,
    });
    const managed = database.mode === DatabaseFailoverMode.MANAGED;
    steps.push({
      name: `${managed ? 'database failover' : 'replica promotion'} (${database.failoverTime.toHumanString()})`,
      description: `${database.failoverDescription} Runbook: ${database.runbook[0]}`,
      duration: database.failoverTime,
      manual: !managed,
    });
  }
  const rest = steps.slice(1).map((s) => s.duration);
  return {
    capability: CapabilityKind.REGIONAL_FAILOVER,
    platform: PlatformKind.AWS,
    regions: 2,
    failureDetection: detection,
    failover: rest.reduce((sum, d) => sum.plus(d)),
    recoveryPoint: database?.recoveryPoint,
    recoverySteps: steps,
    acceptedSinglePointsOfFailure: [],
  };
}

function pathOf(endpoint: EndpointPlan): string {
  return pathInStack(endpoint.endpoint.resource).replace(/\/(LoadBalancer|Service)$/, '');
}

/** A Terraform resource or data source: what tells its provider. */
export type ProvidedElement = IConstruct & {
  readonly provider?: TerraformProvider;
  readonly terraformGeneratorMetadata?: { readonly providerName: string };
};

/**
 * The provider an endpoint's resource renders with: its own, else the provider a `RegionalScope` above it assigns to
 * resources of its type (aspects set it only at synth). Undefined means the default provider of the type.
 */
export function providerOf(resource: ProvidedElement): TerraformProvider | undefined {
  if (resource.provider) {
    return resource.provider;
  }
  const type = resource.terraformGeneratorMetadata?.providerName;
  for (const s of [...resource.node.scopes].reverse()) {
    if (isBranded(s, 'RegionalScope')) {
      return ((s as unknown as { readonly providers: TerraformProvider[] }).providers ?? []).find((p) => p.terraformResourceType === type);
    }
  }
  return undefined;
}

/** The region of an AWS endpoint (`eu-west-1`) or the cluster of a Kubernetes one (`cluster "eu"`), when known at synth. */
function regionLabel(endpoint: RegionalEndpoint): string | undefined {
  const provider = providerOf(endpoint.resource);
  if (!provider) {
    return undefined;
  }
  const { region, alias } = provider as unknown as { readonly region?: unknown; readonly alias?: unknown };
  if (typeof region === 'string' && !Token.isUnresolved(region)) {
    return region;
  }
  return typeof alias === 'string' && !Token.isUnresolved(alias) ? `${provider.terraformResourceType === 'kubernetes' ? 'cluster' : 'provider'} "${alias}"` : undefined;
}

/** The stack's AWS provider whose region is literally us-east-1, preferring the default (un-aliased) one. */
function findUsEast1Provider(scope: IConstruct): AwsProvider | undefined {
  const candidates = TerraformStack.of(scope)
    .node.findAll()
    .filter((c): c is AwsProvider => TerraformProvider.isTerraformProvider(c) && c.terraformResourceType === 'aws' && (c as AwsProvider).region === 'us-east-1');
  return candidates.find((p) => !p.alias) ?? candidates[0];
}
