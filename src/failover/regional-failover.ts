import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { DnsHealthCheckOptions, RegionalFailoverAlarms } from './options';
import { RegionalFailoverPlan, planRegionalFailover } from './private/plan';
import { synthProblems, validateRegionalFailover } from './private/validate';
import type { RegionalFailoverAwsResources } from './resources';
import { IAlarmDestination, MonitoredAlarm } from '../core/alarms';
import { Duration } from '../core/duration';
import { copyFacts } from '../core/private/facts';
import { IRegionalDatabase, IRegionalEndpoint, RegionalReplication } from '../core/regional';
import { IResilient, ResilienceFacts } from '../core/resilience';

/**
 * Props of {@link RegionalFailover}.
 */
export interface RegionalFailoverProps {
  /** The name clients use, e.g. `shop.example.com` (not the zone apex when the endpoints are Kubernetes Services: a CNAME cannot live there). */
  readonly domainName: string;
  /** The id of the Route 53 public hosted zone that holds `domainName`, e.g. `Z0123456789ABCDEFGHIJ`. */
  readonly hostedZoneId: string;
  /** The endpoint that serves traffic while it is healthy: a `HealthCheckedLoadBalancer` in the primary region (or cluster). */
  readonly primary: IRegionalEndpoint;
  /** The endpoint traffic moves to when the primary fails: the same declaration in the other region (or cluster). */
  readonly secondary: IRegionalEndpoint;
  /**
   * The database whose data follows the traffic: a `ReplicatedDatabase` with `Replication.auroraGlobal()` (one managed
   * failover call) or `Replication.crossRegion()` (an operator promotes the replica). Its failover time and recovery
   * point enter the regional recovery time and recovery point.
   * @default - no database: the recovery covers traffic only, and the checks report a secondary without a database
   * when the primary region holds one
   */
  readonly database?: IRegionalDatabase;
  /**
   * How Route 53 checks each endpoint (interval, failure threshold, checker regions).
   * @default - every 10 s from all 8 checker regions, unhealthy after 3 failures: 30 s to detect a dead region
   */
  readonly healthCheck?: DnsHealthCheckOptions;
  /**
   * Also fail over when one of the primary endpoint's critical CloudWatch alarms fires (no healthy target, 5XX
   * errors): each record then uses a calculated health check that is healthy only while the endpoint check and one
   * CloudWatch-alarm check per critical alarm are. The endpoints must report critical alarms (AWS load balancers do;
   * Kubernetes Services report none).
   * @default false - only the endpoint check moves traffic
   */
  readonly failOnCriticalAlarms?: boolean;
  /**
   * The TTL of CNAME failover records (Kubernetes endpoints), a whole number of seconds up to one day. It enters the
   * regional recovery time: resolvers keep the old answer that long. Alias records to AWS load balancers carry the
   * load balancer's 60 s and take no TTL.
   * @default Duration.seconds(60) - Route 53's advice for records with health checks
   */
  readonly recordTtl?: Duration;
  /**
   * How long it takes your on-call (or your automation) to start the database failover after the primary health
   * check alarm fires: Route 53 moves traffic on its own, the database does not. An assumption that enters the
   * regional recovery time; measure it in game days. Only with a `database`.
   * @default Duration.minutes(5)
   */
  readonly operatorResponseTime?: Duration;
  /**
   * An AWS provider for us-east-1, where Route 53 publishes its health-check metrics: the records, health checks and
   * their alarms are created with it. Pass yours when your providers assume a role, use a profile or set default
   * tags: a provider this construct creates has only its region and uses the default credentials.
   * @default - the stack's AWS provider whose region is literally us-east-1, else one created with the alias `<stack>_<path>_us_east_1`
   */
  readonly usEast1Provider?: AwsProvider;
  /**
   * Where the health-check alarms notify: SNS topics in us-east-1 (CloudWatch alarms notify topics of their own
   * region only), e.g. an `AlarmTopic` in a `RegionalScope` of the us-east-1 provider.
   * @default - the alarms are created without actions; the resilience checks flag them
   */
  readonly alarmDestination?: IAlarmDestination;
  /**
   * Changes to the default alarms.
   * @default - every alarm on, with the defaults of {@link RegionalFailoverAlarms}
   */
  readonly alarms?: RegionalFailoverAlarms;
  /**
   * Tags added to the health checks.
   * @default - only the library's own tags (Name, construct path, managed-by)
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Survives the loss of a region: Route 53 failover records in front of two regional deployments of the same
 * declaration, each health-checked from several continents, with alarms, and the data following through the
 * database's cross-region replication.
 *
 * ```ts
 * const euWest = new RegionalScope(this, 'eu-west-1', { providers: [euWestProvider] });
 * const euCentral = new RegionalScope(this, 'eu-central-1', { providers: [euCentralProvider] });
 * const primary = new WebApp(euWest, 'app');         // the same code in both regions
 * const secondary = new WebApp(euCentral, 'app');
 * new RegionalFailover(this, 'global', {
 *   domainName: 'shop.example.com',
 *   hostedZoneId: 'Z0123456789ABCDEFGHIJ',
 *   primary: primary.edge,
 *   secondary: secondary.edge,
 *   database: primary.db,                            // Replication.auroraGlobal({ provider: euCentralProvider, ... })
 * });
 * ```
 *
 * Declare it after the services behind the load balancers: it reads their health check and alarms.
 */
export class RegionalFailover extends Construct implements IResilient {
  /** The name clients use. */
  public readonly domainName: string;
  /** The primary endpoint. */
  public readonly primary: IRegionalEndpoint;
  /** The secondary endpoint. */
  public readonly secondary: IRegionalEndpoint;
  /**
   * The database's replication to the secondary region.
   * @default - undefined without a `database`
   */
  public readonly replication?: RegionalReplication;
  /** What was created: the health checks, records and alarms, and the us-east-1 provider. */
  public readonly aws: RegionalFailoverAwsResources;

  private readonly plan: RegionalFailoverPlan;

  constructor(scope: Construct, id: string, props: RegionalFailoverProps) {
    super(scope, id);
    validateRegionalFailover(this, props);
    const plan = planRegionalFailover(this, props);
    this.plan = plan;
    this.domainName = plan.domainName;
    this.primary = props.primary;
    this.secondary = props.secondary;
    this.replication = plan.database;
    // Loaded on first use: the Route 53 bindings are not loaded by apps without a regional failover.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { renderRegionalFailover } = require('./aws') as typeof import('./aws');
    this.aws = renderRegionalFailover(this, plan);
    this.node.addValidation({ validate: () => synthProblems(this, plan) });
  }

  /** The alarms on the health checks, in us-east-1. */
  public get alarms(): MonitoredAlarm[] {
    return [...this.aws.alarms];
  }

  /**
   * What a regional failover takes, step by step: Route 53 detection (failure threshold × interval), the DNS TTL,
   * and with a database the operator's response and the database's failover or promotion. `failureDetection` is the
   * first step, `failover` the sum of the others (an upper bound: the DNS change and the database failover may
   * overlap), `recoveryPoint` the database's replication lag bound.
   */
  public resilienceFacts(): ResilienceFacts {
    return copyFacts(this.plan.facts);
  }
}
