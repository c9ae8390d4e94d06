import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DatabaseEngine, MultiAzNetwork, Platform, ReplicatedDatabase, Replication } from '../src';

/**
 * The seed's "ALB + EC2 Auto Scaling + RDS Multi-AZ" web application, growing one capability at a time.
 */
export class AwsWebAppStack extends TerraformStack {
  /** The 3-zone network every other construct lands in. */
  public readonly network: MultiAzNetwork;
  /** The Multi-AZ PostgreSQL database: synchronous standby in another zone, TLS only, encrypted, backed up. */
  public readonly database: ReplicatedDatabase;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    new AwsProvider(this, 'aws', {
      region: 'eu-west-1',
      defaultTags: [{ tags: { project: 'aws-web-app', environment: 'production' } }],
    });

    this.network = new MultiAzNetwork(this, 'network', { zones: 3 });

    new TerraformOutput(this, 'vpc_id', { value: this.network.vpcId });

    // The seed's "RDS Multi-AZ": in the isolated subnets, admitting only the clients given to `allowFrom`.
    this.database = new ReplicatedDatabase(this, 'db', {
      platform: Platform.aws({ network: this.network }),
      engine: DatabaseEngine.postgres('16.4'),
      replication: Replication.multiAz(),
    });
  }
}
