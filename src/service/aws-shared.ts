import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import type { AwsServicePlan } from './private/plan';
import { parseImage } from '../core/private/image';
import { AccountContext, cloudWatchLogsStatement, encryptionKey } from '../core/private/kms';
import { renderedPath } from '../core/private/moves';
import { SECURITY_GROUP_DESCRIPTION_CHARACTER, claimPhysicalName, fitDescription, physicalName } from '../core/private/naming';
import { statefulLifecycle } from '../core/private/retention';

/*
 * What a service renders the same way on EC2 instances (aws.ts) and on Fargate (ecs.ts): its security group and
 * egress rules, the container log group and its key, and what an image in Amazon ECR is.
 */

const ECR_REGISTRY = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;

/** What the shared pieces read while a service renders. */
export interface SharedRendering {
  readonly scope: Construct;
  readonly plan: AwsServicePlan;
  readonly tags: Record<string, string>;
  readonly ctx: AccountContext;
}

/**
 * The replicas' security group, created first so the load balancer can link to it, with its egress rules: HTTPS out,
 * DNS inside the VPC (see {@link createEgressRules}).
 */
export function createSecurityGroup(scope: Construct, plan: AwsServicePlan, tags: Record<string, string>): SecurityGroup {
  const securityGroup = new SecurityGroup(scope, 'SecurityGroup', {
    namePrefix: `${physicalName(scope, undefined, { maxLength: 200, start: { pattern: /^(?!sg-)/, prefix: 'svc-' } })}-`,
    description: fitDescription(
      `Service ${renderedPath(scope)}: from its load balancer only; HTTPS out, DNS inside the VPC`,
      255,
      SECURITY_GROUP_DESCRIPTION_CHARACTER,
    ),
    vpcId: plan.vpcId,
    tags,
    lifecycle: { createBeforeDestroy: true },
  });
  createEgressRules(scope, plan, tags, securityGroup);
  return securityGroup;
}

/**
 * Egress: HTTPS anywhere (Systems Manager, Secrets Manager, CloudWatch Logs, package repositories, the image
 * registry) and DNS inside the VPC (custom resolvers; the Amazon resolver, metadata and time service are not
 * filtered). Anything else inside the VPC is reached through links that add their own egress rule
 * (`database.allowFrom(service)`), or through the `allowVpcEgress` opt-in.
 */
function createEgressRules(scope: Construct, plan: AwsServicePlan, tags: Record<string, string>, securityGroup: SecurityGroup): void {
  const vpc = plan.vpcCidrBlock;
  const rule = (id: string, ipProtocol: string, fromPort: number, toPort: number, cidr: string, description: string) =>
    new VpcSecurityGroupEgressRule(scope, id, {
      securityGroupId: securityGroup.id,
      ipProtocol,
      fromPort,
      toPort,
      cidrIpv4: cidr,
      description,
      tags,
    });
  rule(
    'EgressHttps',
    'tcp',
    443,
    443,
    plan.internetEgress ? '0.0.0.0/0' : vpc,
    plan.internetEgress
      ? 'HTTPS to AWS APIs (SSM, Secrets Manager, Logs), package repositories and the image registry'
      : 'HTTPS to VPC endpoints only (internetEgress is off)',
  );
  if (plan.allowVpcEgress) {
    rule('EgressVpcTcp', 'tcp', 0, 65535, vpc, 'TCP to any port inside the VPC (allowVpcEgress)');
  }
  rule('EgressDnsUdp', 'udp', 53, 53, vpc, 'DNS to resolvers inside the VPC');
  rule('EgressDnsTcp', 'tcp', 53, 53, vpc, 'DNS over TCP (large answers) to resolvers inside the VPC');
}

/** The container log group's name, known at synth time (the start-up script and the task definition name it). */
export function logGroupName(plan: AwsServicePlan): string {
  return `/cdktf-fault-tolerance/services/${plan.name}`;
}

/** The container log group, kept `logRetention` and encrypted with the given key or a created, rotated one. */
export function createLogGroup(r: SharedRendering): { group: CloudwatchLogGroup; key?: KmsKey } {
  const name = logGroupName(r.plan);
  const retain = r.plan.retention.retain;
  const key = r.plan.logEncryptionKeyArn
    ? undefined
    : encryptionKey(r.scope, 'LogEncryptionKey', r.ctx, {
      description: `Encrypts the container logs of ${renderedPath(r.scope)}`,
      statements: [cloudWatchLogsStatement(r.ctx, name)],
      tags: r.tags,
      retain,
    });
  claimPhysicalName(r.scope, 'aws_cloudwatch_log_group', 'name', name);
  const group = new CloudwatchLogGroup(r.scope, 'LogGroup', {
    name,
    retentionInDays: r.plan.logRetentionDays,
    kmsKeyId: r.plan.logEncryptionKeyArn ?? key!.arn,
    // Retained: removing the service from the code leaves its logs in place.
    skipDestroy: retain ? true : undefined,
    tags: r.tags,
    lifecycle: statefulLifecycle(retain),
  });
  return { group, key };
}

/** The ECR registry, account, region and repository of an image in Amazon ECR, or undefined. */
export function ecrRepository(image: string | undefined): { registry: string; account: string; region: string; repository: string } | undefined {
  if (image === undefined || Token.isUnresolved(image)) {
    return undefined;
  }
  const ref = parseImage(image);
  const m = ref.registry ? ECR_REGISTRY.exec(ref.registry) : null;
  return m ? { registry: ref.registry!, account: m[1], region: m[2], repository: ref.repository } : undefined;
}
