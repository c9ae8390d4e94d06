/**
 * Something on AWS that has its own security group, so other constructs can admit it (and only it) by
 * security-group reference instead of CIDR ranges.
 *
 * ```ts
 * db.allowFrom(api);         // the database's security group admits the service's security group
 * edge.allowTo(api);         // ... and the service admits the load balancer only
 * ```
 */
export interface IAwsConnectable {
  /** The id of the security group attached to this construct's network interfaces. */
  readonly securityGroupId: string;
}
