import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  AlarmTopic,
  DatabaseEngine,
  Duration,
  HealthCheck,
  HealthCheckedLoadBalancer,
  MultiAzNetwork,
  MultiAzService,
  Platform,
  ReplicatedDatabase,
  Replication,
  ResilienceChecks,
  ResilienceTarget,
  Rollout,
  SecretRef,
  Workload,
} from '../src';

/**
 * A web application the way AWS users run containers: services on ECS Fargate behind one Application Load Balancer,
 * routed by host and path, a Multi-AZ database, and one dashboard of the whole stack's health.
 */
export class AwsFargateWebAppStack extends TerraformStack {
  /** The 3-zone network. */
  public readonly network: MultiAzNetwork;
  /** Where alarms notify; it also creates the stack's health dashboard. */
  public readonly oncall: AlarmTopic;
  /** One ALB for every service: HTTPS, one listener rule per route. */
  public readonly edge: HealthCheckedLoadBalancer;
  /** The API on `api.example.com`, with a canary. */
  public readonly api: MultiAzService;
  /** The storefront on `www.example.com`, its static assets on `/assets/*` by another service. */
  public readonly web: MultiAzService;
  /** The static assets service. */
  public readonly assets: MultiAzService;
  /** The database of the API. */
  public readonly database: ReplicatedDatabase;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    new AwsProvider(this, 'aws', {
      region: 'eu-west-1',
      defaultTags: [{ tags: { project: 'aws-fargate-web-app', environment: 'production' } }],
    });

    this.network = new MultiAzNetwork(this, 'network', { zones: 3 });
    this.oncall = new AlarmTopic(this, 'oncall', { emails: ['oncall@example.com'] });
    // Containers run on ECS Fargate: the platform's default for them.
    const aws = Platform.aws({ network: this.network, alarms: this.oncall });

    this.edge = new HealthCheckedLoadBalancer(this, 'edge', {
      platform: aws,
      certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
    });

    this.database = new ReplicatedDatabase(this, 'db', {
      platform: aws,
      engine: DatabaseEngine.postgres('16'),
      replication: Replication.multiAz(),
    });

    // The API: 3 tasks (one per zone) scaling to 12, a canary taking 10% of api.example.com; the database password is
    // read by ECS from the secret RDS manages, never written anywhere (the secret exists on AWS: `!`).
    this.api = new MultiAzService(this, 'api', {
      platform: aws,
      workload: Workload.container({
        image: 'ghcr.io/acme/api:1.4.2',
        port: 3000,
        cpu: '500m',
        memory: '1Gi',
        environment: { DB_HOST: this.database.writerEndpoint },
        secrets: { DB_PASSWORD: SecretRef.awsSecretsManager(this.database.masterUserSecretArn!, 'password') },
      }),
      healthCheck: HealthCheck.http('/health'),
      loadBalancer: this.edge.addRoute('api', { hostHeaders: ['api.example.com'] }),
      rollout: Rollout.canary({ weight: 10, bakeTime: Duration.minutes(10) }),
      scaling: { minReplicas: 3, maxReplicas: 12, targetRequestsPerTarget: 1000 },
    });
    this.database.allowFrom(this.api);

    // The storefront, and its static assets on a path of the same host by another service.
    this.web = new MultiAzService(this, 'web', {
      platform: aws,
      workload: Workload.container({ image: 'ghcr.io/acme/web:2.3.0', port: 8080 }),
      healthCheck: HealthCheck.http('/healthz'),
      loadBalancer: this.edge.addRoute('web', { hostHeaders: ['www.example.com'] }),
    });
    this.assets = new MultiAzService(this, 'assets', {
      platform: aws,
      workload: Workload.container({ image: 'ghcr.io/acme/assets:1.0.7', port: 8080 }),
      healthCheck: HealthCheck.http('/healthz'),
      loadBalancer: this.edge.addRoute('assets', { hostHeaders: ['www.example.com'], pathPatterns: ['/assets/*'] }),
    });

    new TerraformOutput(this, 'edge_dns_name', { value: this.edge.dnsName });
    new TerraformOutput(this, 'dashboard_name', { value: this.oncall.dashboard!.name });

    ResilienceChecks.of(this, {
      target: ResilienceTarget.survive({ zoneLoss: 1, maxDetection: Duration.seconds(30) }),
    });
  }
}
