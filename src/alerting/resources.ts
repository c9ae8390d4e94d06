import type { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import type { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import type { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import type { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import type { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import type { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import type { StatefulSetV1 } from '@cdktf/provider-kubernetes/lib/stateful-set-v1';

/**
 * What an `HaAlertmanager` creates on Kubernetes.
 */
export interface HaAlertmanagerKubernetesResources {
  /** The StatefulSet of gossiping replicas. */
  readonly statefulSet: StatefulSetV1;
  /** The headless Service the replicas find each other through (publishes not-ready addresses). */
  readonly headlessService: ServiceV1;
  /** The ClusterIP Service of the UI and API (port 9093). Prometheus must not send alerts through it. */
  readonly service: ServiceV1;
  /** The Secret holding the configuration (and Terraform-variable credentials). */
  readonly configSecret: SecretV1;
  /** The ConfigMap holding `rules.yaml`, the Prometheus alerting rules. */
  readonly rulesConfigMap: ConfigMapV1;
  /** The ServiceAccount of the pods (no API token mounted). */
  readonly serviceAccount: ServiceAccountV1;
  /** The PodDisruptionBudget (one replica down at a time). */
  readonly podDisruptionBudget: PodDisruptionBudgetV1;
  /**
   * The NetworkPolicy admitting gossip from the replicas only, and the web port from `apiClients` only; egress to DNS
   * (53), the replicas' gossip port, HTTPS (443) and the email receivers' SMTP ports only.
   */
  readonly networkPolicy: NetworkPolicyV1;
}
