import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  AlarmTopic,
  AwsPlatform,
  DatabaseEngine,
  Duration,
  HealthCheck,
  HealthCheckedLoadBalancer,
  MultiAzNetwork,
  MultiAzService,
  Platform,
  RegionalFailover,
  RegionalScope,
  ReplicatedDatabase,
  Replication,
  ResilienceChecks,
  ResilienceTarget,
  Workload,
} from '../src';

/** Props of {@link RegionalWebApp}: what differs between the regions. */
export interface RegionalWebAppProps {
  /** The ACM certificate of the domain, in this region (ACM certificates never leave their region). */
  readonly certificateArn: string;
}

/**
 * The web application of one region: the `aws-web-app` example's network, on-call topic, load balancer and service.
 * The same class is instantiated once per region; only the scope (its provider) and the certificate differ.
 */
export class RegionalWebApp extends Construct {
  /** The 3-zone network. */
  public readonly network: MultiAzNetwork;
  /** Where this region's alarms notify (CloudWatch notifies topics of its own region only). */
  public readonly oncall: AlarmTopic;
  /** The platform of this region's constructs. */
  public readonly platform: AwsPlatform;
  /** The internet-facing load balancer Route 53 health-checks and fails over between. */
  public readonly edge: HealthCheckedLoadBalancer;
  /** The API on 3 instances, one per zone. */
  public readonly api: MultiAzService;

  constructor(scope: Construct, id: string, props: RegionalWebAppProps) {
    super(scope, id);
    this.network = new MultiAzNetwork(this, 'network', { zones: 3 });
    this.oncall = new AlarmTopic(this, 'oncall', { emails: ['oncall@example.com'] });
    this.platform = Platform.aws({ network: this.network, alarms: this.oncall });
    this.edge = new HealthCheckedLoadBalancer(this, 'edge', { platform: this.platform, certificateArn: props.certificateArn });
    this.api = new MultiAzService(this, 'api', {
      platform: this.platform,
      workload: Workload.container({ image: 'ghcr.io/acme/api:1.4.2', port: 3000 }),
      healthCheck: HealthCheck.http('/health'),
      replicas: 3,
      loadBalancer: this.edge,
    });
  }
}

/**
 * The AWS web app in two regions behind Route 53 failover, with an Aurora global database: survives the loss of a
 * region (and of a zone in either).
 */
export class MultiRegionWebAppStack extends TerraformStack {
  /** The primary region's application (eu-west-1). */
  public readonly primary: RegionalWebApp;
  /** The secondary region's application (eu-central-1): the same code. */
  public readonly secondary: RegionalWebApp;
  /** The Aurora global database: writer in eu-west-1, secondary cluster in eu-central-1. */
  public readonly database: ReplicatedDatabase;
  /** Route 53 failover between the two load balancers. */
  public readonly failover: RegionalFailover;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const defaultTags = [{ tags: { project: 'multi-region-web-app', environment: 'production' } }];
    const euWest1 = new AwsProvider(this, 'aws-eu-west-1', { region: 'eu-west-1', alias: 'eu_west_1', defaultTags });
    const euCentral1 = new AwsProvider(this, 'aws-eu-central-1', { region: 'eu-central-1', alias: 'eu_central_1', defaultTags });
    // Route 53 publishes health-check metrics in us-east-1 only: the records, health checks and their alarms live there.
    const usEast1 = new AwsProvider(this, 'aws-us-east-1', { region: 'us-east-1', alias: 'us_east_1', defaultTags });

    // The same declaration twice: only the region (the scope's provider) and the regional certificate differ.
    const primaryRegion = new RegionalScope(this, 'eu-west-1', { providers: [euWest1] });
    const secondaryRegion = new RegionalScope(this, 'eu-central-1', { providers: [euCentral1] });
    this.primary = new RegionalWebApp(primaryRegion, 'app', {
      certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
    });
    this.secondary = new RegionalWebApp(secondaryRegion, 'app', {
      certificateArn: 'arn:aws:acm:eu-central-1:123456789012:certificate/11111111-1111-1111-1111-111111111111',
    });

    // The data follows: an Aurora global database, writer in eu-west-1, secondary cluster in eu-central-1 (lag alarmed
    // there, above the 1 minute recovery point objective, to the secondary region's on-call topic).
    this.database = new ReplicatedDatabase(primaryRegion, 'db', {
      platform: this.primary.platform,
      engine: DatabaseEngine.auroraPostgres('16.4'),
      replication: Replication.auroraGlobal({ provider: euCentral1, network: this.secondary.network, alarms: this.secondary.oncall }),
    });
    this.database.allowFrom(this.primary.api);
    this.database.allowFromSecondaryRegion(this.secondary.api);

    // The health-check alarms notify a topic in us-east-1.
    const global = new RegionalScope(this, 'us-east-1', { providers: [usEast1] });
    const globalOncall = new AlarmTopic(global, 'oncall', { emails: ['oncall@example.com'] });

    this.failover = new RegionalFailover(this, 'failover', {
      domainName: 'shop.example.com',
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      primary: this.primary.edge,
      secondary: this.secondary.edge,
      database: this.database,
      failOnCriticalAlarms: true,
      usEast1Provider: usEast1,
      alarmDestination: globalOncall,
    });
    new TerraformOutput(this, 'global_writer_endpoint', { value: this.database.globalWriterEndpoint });

    // Proof at synth: a lost zone in either region and a lost region survived, a regional failover within 10 minutes
    // (Route 53 detection + DNS TTL + on-call response + Aurora global failover) losing at most a minute of writes.
    ResilienceChecks.of(this, {
      target: ResilienceTarget.survive({
        zoneLoss: 1,
        regionLoss: 1,
        maxDetection: Duration.seconds(30),
        recoveryTime: Duration.minutes(10),
        recoveryPoint: Duration.minutes(1),
      }),
    });
  }
}
