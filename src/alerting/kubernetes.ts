import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { StatefulSetV1 } from '@cdktf/provider-kubernetes/lib/stateful-set-v1';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { CONFIG_DIR } from './private/config';
import { AlertmanagerPlan, rulesYamlOf } from './private/plan';
import { ALERTMANAGER_CLUSTER_PORT, ALERTMANAGER_WEB_PORT } from './private/ports';
import { HaAlertmanagerKubernetesResources } from './resources';
import {
  containerProbes,
  podDisruptionBudgetSpec,
  preferredHostAntiAffinity,
  restrictedContainerSecurityContext,
  restrictedPodSecurityContext,
  selectorLabels,
  standardAnnotations,
  standardLabels,
  zoneAndHostSpread,
} from '../core/private/kubernetes';
import { claimPhysicalName } from '../core/private/naming';
import { SecretRefKind } from '../core/secret-ref';

/** Where each replica's persistent volume is mounted (`--storage.path`). */
export const STORAGE_PATH = '/alertmanager';
/** Where the `clusterTls` Secret is mounted. */
export const CLUSTER_TLS_DIR = '/etc/alertmanager/tls';
/** The annotation carrying the configuration checksum on the pod template. */
export const CONFIG_CHECKSUM_ANNOTATION = 'cdktf-fault-tolerance.dev/config-checksum';

/** The Alertmanager command line: gossip with every peer, the configuration from the Secret mount. */
export function alertmanagerArgs(plan: AlertmanagerPlan): string[] {
  return [
    `--config.file=${CONFIG_DIR}/${plan.configFile}`,
    `--storage.path=${STORAGE_PATH}`,
    `--web.listen-address=:${ALERTMANAGER_WEB_PORT}`,
    ...(plan.externalUrl !== undefined ? [`--web.external-url=${plan.externalUrl}`] : []),
    `--cluster.listen-address=0.0.0.0:${ALERTMANAGER_CLUSTER_PORT}`,
    // Advertise the pod IP explicitly: Alertmanager refuses to guess a non-RFC 1918 address (e.g. 100.64.0.0/10 pods).
    // Bracketed, so an IPv6 pod IP stays one host ("[fd00::1]:9094"; "fd00::1:9094" is refused); IPv4 accepts it too.
    `--cluster.advertise-address=[$(POD_IP)]:${ALERTMANAGER_CLUSTER_PORT}`,
    // Rejects gossip from another Alertmanager cluster that reuses a pod IP.
    `--cluster.label=${plan.namespaceName}/${plan.name}`,
    ...plan.peers.map((peer) => `--cluster.peer=${peer}`),
    ...(plan.clusterTls !== undefined ? [`--cluster.tls-config=${CLUSTER_TLS_DIR}/${plan.clusterTls.configKey}`] : []),
  ];
}

/**
 * Renders an Alertmanager cluster with the Kubernetes provider: the ServiceAccount, the configuration Secret, the
 * rules ConfigMap, the headless and ClusterIP Services, the StatefulSet, the PodDisruptionBudget and the
 * NetworkPolicy, under fixed construct ids.
 */
export function renderHaAlertmanager(scope: Construct, d: AlertmanagerPlan): HaAlertmanagerKubernetesResources {
  const identity = { name: 'alertmanager', instance: d.name, component: 'alerting', version: d.version };
  const labels = standardLabels(identity);
  const selector = selectorLabels(identity);
  const annotations = standardAnnotations(scope);
  const metadata = (name: string) => ({ name, namespace: d.namespaceName, labels, annotations });
  const claims: Array<[string, string]> = [
    ['kubernetes_stateful_set_v1', d.name],
    ['kubernetes_service_v1', d.name],
    ['kubernetes_service_v1', d.headlessName],
    ['kubernetes_secret_v1', `${d.name}-config`],
    ['kubernetes_config_map_v1', `${d.name}-rules`],
    ['kubernetes_service_account_v1', d.name],
    ['kubernetes_pod_disruption_budget_v1', d.name],
    ['kubernetes_network_policy_v1', d.name],
  ];
  for (const [kind, name] of claims) {
    claimPhysicalName(scope, kind, 'metadata.name', name, d.namespaceName);
  }

  const serviceAccount = new ServiceAccountV1(scope, 'ServiceAccount', {
    metadata: metadata(d.name),
    automountServiceAccountToken: false,
  });

  const secretData: Record<string, string> = { [d.configFile]: d.configYaml };
  for (const file of d.credentialFiles) {
    if (file.configSecretKey !== undefined && file.ref.kind === SecretRefKind.TERRAFORM_VARIABLE) {
      secretData[file.configSecretKey] = file.ref.variable.stringValue;
    }
  }
  const configSecret = new SecretV1(scope, 'ConfigSecret', {
    metadata: metadata(`${d.name}-config`),
    type: 'Opaque',
    data: secretData,
  });

  const rulesConfigMap = new ConfigMapV1(scope, 'RulesConfigMap', {
    metadata: metadata(`${d.name}-rules`),
    // Lazy: constructs created later on the same platform register their workloads before synthesis.
    data: { 'rules.yaml': Lazy.stringValue({ produce: () => rulesYamlOf(d) }) },
  });

  const clusterPorts = [
    { name: 'mesh-tcp', port: ALERTMANAGER_CLUSTER_PORT, targetPort: 'mesh-tcp', protocol: 'TCP' },
    { name: 'mesh-udp', port: ALERTMANAGER_CLUSTER_PORT, targetPort: 'mesh-udp', protocol: 'UDP' },
  ];
  const webPort = { name: 'web', port: ALERTMANAGER_WEB_PORT, targetPort: 'web', protocol: 'TCP' };

  const headlessService = new ServiceV1(scope, 'HeadlessService', {
    metadata: metadata(d.headlessName),
    spec: {
      clusterIp: 'None',
      // Peers must resolve each other while they start, before any of them is ready.
      publishNotReadyAddresses: true,
      selector,
      port: [webPort, ...clusterPorts],
    },
  });

  const service = new ServiceV1(scope, 'Service', {
    metadata: metadata(d.name),
    spec: { type: 'ClusterIP', selector, port: [webPort] },
  });

  // Secret files: the configuration and Terraform-variable credentials from the construct's Secret, and each
  // referenced Kubernetes Secret key under secrets/<secret>/<key>. One read-only projected volume.
  const variableItems = d.credentialFiles
    .filter((f) => f.configSecretKey !== undefined)
    .map((f) => ({ key: f.configSecretKey!, path: f.path.slice(CONFIG_DIR.length + 1) }));
  const externalSecrets = new Map<string, Map<string, string>>();
  for (const file of d.credentialFiles) {
    if (file.ref.kind === SecretRefKind.KUBERNETES) {
      const items = externalSecrets.get(file.ref.secretName) ?? new Map<string, string>();
      items.set(file.ref.key, file.path.slice(CONFIG_DIR.length + 1));
      externalSecrets.set(file.ref.secretName, items);
    }
  }
  const sources = [
    { secret: [{ name: configSecret.metadata.name, items: [{ key: d.configFile, path: d.configFile }, ...variableItems] }] },
    ...[...externalSecrets.entries()].map(([name, items]) => ({
      secret: [{ name, items: [...items.entries()].map(([key, path]) => ({ key, path })) }],
    })),
  ];

  const probes = containerProbes(d.readiness, ALERTMANAGER_WEB_PORT, d.liveness);

  const statefulSet = new StatefulSetV1(scope, 'StatefulSet', {
    metadata: metadata(d.name),
    spec: {
      serviceName: headlessService.metadata.name,
      replicas: String(d.replicas),
      // Peers join each other while starting: start (and replace) them all at once, not one after another.
      podManagementPolicy: 'Parallel',
      // The volumes hold silences and the notification log: kept when the StatefulSet is deleted or scaled down
      // (RETAIN), so a StatefulSet created again with the same name finds them.
      persistentVolumeClaimRetentionPolicy: [
        { whenDeleted: d.retention.retain ? 'Retain' : 'Delete', whenScaled: 'Retain' },
      ],
      updateStrategy: [{ type: 'RollingUpdate', rollingUpdate: [{ partition: 0 }] }],
      selector: { matchLabels: selector },
      template: {
        metadata: {
          labels,
          annotations: { ...annotations, [CONFIG_CHECKSUM_ANNOTATION]: d.podChecksum },
        },
        spec: {
          serviceAccountName: serviceAccount.metadata.name,
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: restrictedPodSecurityContext(),
          topologySpreadConstraint: zoneAndHostSpread(selector, { zones: d.zoneSpread }),
          affinity: preferredHostAntiAffinity(selector),
          container: [
            {
              name: 'alertmanager',
              image: d.image,
              imagePullPolicy: 'IfNotPresent',
              args: alertmanagerArgs(d),
              env: [{ name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } }],
              port: [
                { name: 'web', containerPort: ALERTMANAGER_WEB_PORT, protocol: 'TCP' },
                { name: 'mesh-tcp', containerPort: ALERTMANAGER_CLUSTER_PORT, protocol: 'TCP' },
                { name: 'mesh-udp', containerPort: ALERTMANAGER_CLUSTER_PORT, protocol: 'UDP' },
              ],
              readinessProbe: probes.readinessProbe,
              livenessProbe: probes.livenessProbe,
              startupProbe: probes.startupProbe,
              resources: { requests: { ...d.resources.requests }, limits: { ...d.resources.limits } },
              securityContext: restrictedContainerSecurityContext(),
              volumeMount: [
                { name: 'config', mountPath: CONFIG_DIR, readOnly: true },
                { name: 'storage', mountPath: STORAGE_PATH },
                ...(d.clusterTls !== undefined ? [{ name: 'cluster-tls', mountPath: CLUSTER_TLS_DIR, readOnly: true }] : []),
              ],
            },
          ],
          volume: [
            { name: 'config', projected: [{ defaultMode: '0440', sources }] },
            ...(d.clusterTls !== undefined ? [{ name: 'cluster-tls', secret: { secretName: d.clusterTls.secretName, defaultMode: '0440' } }] : []),
          ],
        },
      },
      volumeClaimTemplate: [
        {
          // No version label: volume claim templates cannot change once the StatefulSet exists.
          metadata: { name: 'storage', labels: standardLabels({ ...identity, version: undefined }) },
          spec: {
            accessModes: ['ReadWriteOnce'],
            ...(d.storageClassName !== undefined ? { storageClassName: d.storageClassName } : {}),
            resources: { requests: { storage: d.storageSize } },
          },
        },
      ],
    },
  });

  const podDisruptionBudget = new PodDisruptionBudgetV1(scope, 'PodDisruptionBudget', {
    metadata: metadata(d.name),
    spec: podDisruptionBudgetSpec(selector),
  });

  const networkPolicy = new NetworkPolicyV1(scope, 'NetworkPolicy', {
    metadata: metadata(d.name),
    spec: {
      podSelector: { matchLabels: selector },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        // UI, unauthenticated API and metrics: only the listed clients (by default the Alertmanager's namespace). An
        // ingress rule without `from` would admit every pod, which could then silence alerts.
        ...(d.apiClients.length > 0
          ? [
            {
              from: d.apiClients.map((c) => ({
                namespaceSelector: { matchLabels: { ...(c.namespaceLabels ?? { 'kubernetes.io/metadata.name': d.namespaceName }) } },
                ...(c.podLabels !== undefined ? { podSelector: { matchLabels: { ...c.podLabels } } } : {}),
              })),
              ports: [{ port: String(ALERTMANAGER_WEB_PORT), protocol: 'TCP' }],
            },
          ]
          : []),
        // Gossip: the replicas only.
        {
          from: [{ podSelector: { matchLabels: selector } }],
          ports: [
            { port: String(ALERTMANAGER_CLUSTER_PORT), protocol: 'TCP' },
            { port: String(ALERTMANAGER_CLUSTER_PORT), protocol: 'UDP' },
          ],
        },
      ],
      // Egress: DNS, gossip to the replicas, and the notification services. DNS and the receivers are reached on
      // their port to any destination (no `to`): kube-dns pod labels and NodeLocal DNSCache addresses differ between
      // clusters, and receivers may be outside (PagerDuty, Slack) or inside the cluster, over IPv4 or IPv6.
      egress: [
        {
          ports: [
            { port: '53', protocol: 'UDP' },
            { port: '53', protocol: 'TCP' },
          ],
        },
        {
          to: [{ podSelector: { matchLabels: selector } }],
          ports: [
            { port: String(ALERTMANAGER_CLUSTER_PORT), protocol: 'TCP' },
            { port: String(ALERTMANAGER_CLUSTER_PORT), protocol: 'UDP' },
          ],
        },
        // HTTPS receivers (PagerDuty, Slack, webhooks) and, with email receivers, their smarthosts' SMTP ports.
        { ports: [443, ...d.smtpPorts.filter((p) => p !== 443)].map((p) => ({ port: String(p), protocol: 'TCP' })) },
      ],
    },
  });

  return { statefulSet, headlessService, service, configSecret, rulesConfigMap, serviceAccount, podDisruptionBudget, networkPolicy };
}
