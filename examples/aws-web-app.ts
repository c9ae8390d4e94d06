import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  AlarmTopic,
  AwsCompute,
  DatabaseEngine,
  Duration,
  FaultExperiments,
  HealthCheck,
  HealthCheckedLoadBalancer,
  MultiAzNetwork,
  MultiAzService,
  Platform,
  ReplicatedDatabase,
  Replication,
  ResilienceChecks,
  ResilienceTarget,
  Workload,
} from '../src';

/**
 * The seed's "ALB + EC2 Auto Scaling + RDS Multi-AZ" web application, growing one capability at a time.
 */
export class AwsWebAppStack extends TerraformStack {
  /** The 3-zone network every other construct lands in. */
  public readonly network: MultiAzNetwork;
  /** The Multi-AZ PostgreSQL database: synchronous standby in another zone, TLS only, encrypted, backed up. */
  public readonly database: ReplicatedDatabase;
  /** Where alarms notify: an encrypted SNS topic with the on-call address subscribed. */
  public readonly oncall: AlarmTopic;
  /** The seed's "ALB": internet-facing over the 3 zones, HTTPS only (HTTP redirects), access logs, alarms. */
  public readonly edge: HealthCheckedLoadBalancer;
  /** The seed's "EC2 Auto Scaling": 3 hardened instances, one per zone, behind the ALB, rolled out without downtime. */
  public readonly api: MultiAzService;
  /** The fault experiments that test the resilience target: AWS FIS templates, started by CI on staging. */
  public readonly experiments: FaultExperiments;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    new AwsProvider(this, 'aws', {
      region: 'eu-west-1',
      defaultTags: [{ tags: { project: 'aws-web-app', environment: 'production' } }],
    });

    this.network = new MultiAzNetwork(this, 'network', { zones: 3 });

    new TerraformOutput(this, 'vpc_id', { value: this.network.vpcId });

    // The seed's "ALB": TLS 1.2+ on 443 with the certificate, port 80 redirecting, alarms to the on-call topic (which
    // also creates the stack's health dashboard).
    this.oncall = new AlarmTopic(this, 'oncall', { emails: ['oncall@example.com'] });
    // The seed runs its container on EC2 instances; containers run on Fargate unless the platform says otherwise
    // (see aws-fargate-web-app).
    const aws = Platform.aws({ network: this.network, alarms: this.oncall, compute: AwsCompute.EC2 });
    this.edge = new HealthCheckedLoadBalancer(this, 'edge', {
      platform: aws,
      certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
    });

    // The seed's "EC2 Auto Scaling": the container on 3 instances (one per zone), registered with the ALB, which alone
    // may reach them on port 3000.
    this.api = new MultiAzService(this, 'api', {
      platform: aws,
      workload: Workload.container({ image: 'ghcr.io/acme/api:1.4.2', port: 3000 }),
      healthCheck: HealthCheck.http('/health'),
      replicas: 3,
      loadBalancer: this.edge,
    });
    new TerraformOutput(this, 'edge_dns_name', { value: this.edge.dnsName });

    // The seed's "RDS Multi-AZ": in the isolated subnets, admitting only the clients given to `allowFrom`.
    this.database = new ReplicatedDatabase(this, 'db', {
      platform: aws,
      engine: DatabaseEngine.postgres('16'),
      replication: Replication.multiAz(),
    });
    this.database.allowFrom(this.api);

    // Proof at synth: no single point of failure, a lost zone survived, failures detected within 30 s. Errors fail
    // the synth; the report lands next to cdk.tf.json (resilience-report.json and .md).
    const target = ResilienceTarget.survive({ zoneLoss: 1, maxDetection: Duration.seconds(30) });
    ResilienceChecks.of(this, { target });

    // Proof by fault injection, from the same declaration: AWS FIS experiment templates for a zone loss (instances
    // stopped, subnets cut off, no capacity there, the database failed over), the loss of an instance, a database
    // failover and CPU stress, each with its hypothesis and the alarms that stop it. Nothing runs until CI (or a game
    // day) starts one: see examples/ci/github-actions.yml.
    this.experiments = FaultExperiments.of(this, { target });
  }
}
