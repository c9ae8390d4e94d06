import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';

/** One TCP path between two security groups. */
export interface SecurityGroupLink {
  /** The security group that opens the connection. */
  readonly fromSecurityGroupId: string;
  /** The security group that accepts it. */
  readonly toSecurityGroupId: string;
  readonly port: number;
  /** Description of the ingress rule on the receiving group. */
  readonly ingressDescription: string;
  /** Description of the egress rule on the connecting group. */
  readonly egressDescription: string;
  readonly tags?: Record<string, string>;
}

/**
 * Lets one security group reach another on one TCP port, and nothing else: an ingress rule on the receiver that
 * references the sender, and the matching egress rule on the sender (so neither side needs a CIDR-wide rule).
 * Created under `scope` with the construct ids given (they name Terraform resources: keep them stable).
 */
export function linkSecurityGroups(
  scope: Construct,
  ids: { readonly ingress: string; readonly egress: string },
  link: SecurityGroupLink,
): { readonly ingress: VpcSecurityGroupIngressRule; readonly egress: VpcSecurityGroupEgressRule } {
  const ingress = new VpcSecurityGroupIngressRule(scope, ids.ingress, {
    securityGroupId: link.toSecurityGroupId,
    referencedSecurityGroupId: link.fromSecurityGroupId,
    ipProtocol: 'tcp',
    fromPort: link.port,
    toPort: link.port,
    description: link.ingressDescription,
    tags: link.tags,
  });
  const egress = new VpcSecurityGroupEgressRule(scope, ids.egress, {
    securityGroupId: link.fromSecurityGroupId,
    referencedSecurityGroupId: link.toSecurityGroupId,
    ipProtocol: 'tcp',
    fromPort: link.port,
    toPort: link.port,
    description: link.egressDescription,
    tags: link.tags,
  });
  return { ingress, egress };
}
