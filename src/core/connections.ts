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

/**
 * Pods on Kubernetes, as a NetworkPolicy selects them: a namespace and labels every pod carries.
 */
export interface KubernetesPods {
  /** The namespace the pods run in. */
  readonly namespaceName: string;
  /** Labels every pod carries, e.g. `{ 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'shop-web' }`. */
  readonly podSelector: { [key: string]: string };
}

/**
 * Something on Kubernetes whose pods other constructs can admit (and only them) with a NetworkPolicy, instead of
 * opening a port to the whole cluster.
 *
 * ```ts
 * db.allowFrom(web);         // a NetworkPolicy admits the service's pods on the database port
 * ```
 */
export interface IKubernetesConnectable {
  /**
   * This construct's pods.
   * @default - undefined when the construct does not run on Kubernetes
   */
  readonly kubernetesPods?: KubernetesPods;
}
