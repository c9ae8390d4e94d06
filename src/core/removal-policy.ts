/**
 * What happens to a construct's stateful resources (data, encryption keys, logs, volumes) when Terraform would delete
 * them: on `terraform destroy`, when the construct is removed from the code, or when a change would replace them
 * (a renamed construct, see `Refactor.move`). As in AWS CDK, stateful resources are retained unless you opt out.
 *
 * Plain JavaScript and other jsii languages pass the member name: `'RETAIN'`, `'SNAPSHOT'`, `'DESTROY'`; any other
 * value is refused.
 */
export enum RemovalPolicy {
  /**
   * Kept. Every stateful resource gets Terraform's `lifecycle.prevent_destroy`: `terraform destroy`, or a change that
   * would replace it, fails the plan. `prevent_destroy` guards only resources still declared, so where the cloud can,
   * it guards too, also when the construct is removed from the code or renamed without `Refactor.move`: RDS deletion
   * protection and a final snapshot, CloudWatch log groups `skip_destroy` (left in place), an S3 bucket that refuses
   * deletion while it holds objects, KMS keys' 30-day deletion window, Kubernetes volumes retained when their
   * StatefulSet is deleted. The default.
   */
  RETAIN = 'RETAIN',
  /**
   * Databases only: the database can be deleted, but a final snapshot and the automated backups are kept (the
   * encryption key that reads them is kept for its 30-day deletion window). A change that forces replacement deletes
   * the database and recreates it empty.
   */
  SNAPSHOT = 'SNAPSHOT',
  /**
   * Deleted with the stack, and replaced freely: **the data is lost**: database contents and backups, logs,
   * access-log objects (the bucket is emptied: `force_destroy`), Alertmanager silences and notification state, and
   * encryption keys (after their 30-day deletion window, every backup or snapshot they encrypt becomes unreadable).
   * For throw-away environments only.
   */
  DESTROY = 'DESTROY',
}
