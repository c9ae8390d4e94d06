import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import type { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import type { Eip } from '@cdktf/provider-aws/lib/eip';
import type { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import type { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import type { Subnet } from '@cdktf/provider-aws/lib/subnet';
import type { Vpc } from '@cdktf/provider-aws/lib/vpc';

/**
 * What a `MultiAzNetwork` creates on AWS.
 */
export interface MultiAzNetworkAwsResources {
  /**
   * The lookup of the region's zones that need no opt-in.
   * @default - none when `availabilityZones` names the zones
   */
  readonly zoneLookup?: DataAwsAvailabilityZones;
  /** The VPC. */
  readonly vpc: Vpc;
  /** The default security group, with every rule removed. */
  readonly defaultSecurityGroup: DefaultSecurityGroup;
  /** The internet gateway. */
  readonly internetGateway: InternetGateway;
  /** The public subnets, one per zone. */
  readonly publicSubnets: Subnet[];
  /** The private subnets, one per zone. */
  readonly privateSubnets: Subnet[];
  /** The isolated subnets, one per zone. */
  readonly isolatedSubnets: Subnet[];
  /** The route table of the public subnets (default route to the internet gateway). */
  readonly publicRouteTable: RouteTable;
  /** The route tables of the private subnets, one per zone (default route to that zone's NAT gateway). */
  readonly privateRouteTables: RouteTable[];
  /** The route table of the isolated subnets (no route leaves the VPC). */
  readonly isolatedRouteTable: RouteTable;
  /** The NAT gateways: one per zone, one, or none. */
  readonly natGateways: NatGateway[];
  /** The Elastic IPs of the NAT gateways, in the same order. */
  readonly natElasticIps: Eip[];
  /**
   * The flow log.
   * @default - none when flow logs are turned off
   */
  readonly flowLog?: FlowLog;
  /**
   * The flow log group.
   * @default - none when flow logs are turned off
   */
  readonly flowLogGroup?: CloudwatchLogGroup;
  /**
   * The role VPC Flow Logs writes to the log group with.
   * @default - none when flow logs are turned off
   */
  readonly flowLogRole?: IamRole;
  /**
   * The KMS key created for the flow log group.
   * @default - none when flow logs are turned off or `flowLogs.encryptionKeyArn` is given
   */
  readonly flowLogKey?: KmsKey;
}
