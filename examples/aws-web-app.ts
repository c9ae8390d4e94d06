import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AlarmTopic, DatabaseEngine, HealthCheckedLoadBalancer, MultiAzNetwork, Platform, ReplicatedDatabase, Replication } from '../src';

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

  constructor(scope: Construct, id: string) {
    super(scope, id);

    new AwsProvider(this, 'aws', {
      region: 'eu-west-1',
      defaultTags: [{ tags: { project: 'aws-web-app', environment: 'production' } }],
    });

    this.network = new MultiAzNetwork(this, 'network', { zones: 3 });

    new TerraformOutput(this, 'vpc_id', { value: this.network.vpcId });

    // The seed's "ALB": TLS 1.2+ on 443 with the certificate, port 80 redirecting, alarms to the on-call topic.
    this.oncall = new AlarmTopic(this, 'oncall', { emails: ['oncall@example.com'] });
    this.edge = new HealthCheckedLoadBalancer(this, 'edge', {
      platform: Platform.aws({ network: this.network, alarms: this.oncall }),
      certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
    });
    // The web servers' target group on port 3000; a MultiAzService given `loadBalancer: this.edge` registers its
    // own target instead.
    this.edge.addTarget('web', { port: 3000 });
    new TerraformOutput(this, 'edge_dns_name', { value: this.edge.dnsName });

    // The seed's "RDS Multi-AZ": in the isolated subnets, admitting only the clients given to `allowFrom`.
    this.database = new ReplicatedDatabase(this, 'db', {
      platform: Platform.aws({ network: this.network }),
      engine: DatabaseEngine.postgres('16.4'),
      replication: Replication.multiAz(),
    });
  }
}
