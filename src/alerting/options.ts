/**
 * How Prometheus finds the Alertmanager replicas. Either way Prometheus sends every alert to every replica, never
 * through a load-balanced address (the replicas deduplicate among themselves).
 */
export enum AlertmanagerDiscovery {
  /** `static_configs`: each replica's stable DNS name (`<name>-0.<headless>.<namespace>.svc:9093`, ...). */
  STATIC = 'STATIC',
  /** `dns_sd_configs`: an SRV lookup of the headless Service's `web` port (IPv4 or IPv6), so a changed replica count needs no Prometheus change. */
  DNS = 'DNS',
}

/**
 * The persistent volume of each Alertmanager replica (silences and the notification log).
 */
export interface AlertmanagerStorage {
  /**
   * The volume size.
   * @default '1Gi'
   */
  readonly size?: string;
  /**
   * The storage class.
   * @default - the cluster's default storage class
   */
  readonly storageClassName?: string;
}

/**
 * Pods admitted to Alertmanager's web port (9093: UI, v2 API, `/metrics`) by the NetworkPolicy. The API is
 * unauthenticated: whoever reaches it can create silences and post alerts. Both selectors must match.
 *
 * ```ts
 * // Prometheus in namespace "prometheus"
 * { namespaceLabels: { 'kubernetes.io/metadata.name': 'prometheus' }, podLabels: { 'app.kubernetes.io/name': 'prometheus' } }
 * ```
 */
export interface AlertmanagerApiClient {
  /**
   * Labels of the namespaces the clients run in (`namespaceSelector`); `{}` selects every namespace.
   * @default - the Alertmanager's own namespace only
   */
  readonly namespaceLabels?: { [key: string]: string };
  /**
   * Labels of the client pods (`podSelector`).
   * @default - every pod of the selected namespaces
   */
  readonly podLabels?: { [key: string]: string };
}

/**
 * TLS for the gossip between replicas (`--cluster.tls-config`, experimental in Alertmanager), from an existing
 * Secret. The Secret is mounted read-only at `/etc/alertmanager/tls`; the cluster TLS configuration refers to its
 * certificate files there (`tls_server_config.cert_file: /etc/alertmanager/tls/tls.crt`, ...).
 */
export interface AlertmanagerClusterTls {
  /** The name of a Secret in the Alertmanager's namespace holding the TLS configuration file and the certificates. */
  readonly secretName: string;
  /**
   * The key of the cluster TLS configuration file (`tls_server_config` and `tls_client_config`) in the Secret.
   * @default 'cluster-tls-config.yml'
   */
  readonly configKey?: string;
}
