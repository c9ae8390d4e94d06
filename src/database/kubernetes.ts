import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import {
  BARMAN_CLOUD_API_VERSION,
  BARMAN_CLOUD_PLUGIN,
  BackupPlan,
  CNPG_API_VERSION,
  FAILOVER_DELAY,
  INSTANCE_MANAGER_PORT,
  KubernetesDatabasePlan,
  METRICS_PORT,
  OPERATOR_NAMESPACE,
  OPERATOR_POD_LABELS,
  POSTGRES_PORT,
  READINESS,
  SWITCHOVER_DELAY,
} from './private/kubernetes-plan';
import { ReplicatedDatabaseKubernetesResources } from './resources';
import { BackupStoreKind } from '../core/backup-store';
import { TOPOLOGY_ZONE, standardAnnotations, standardLabels } from '../core/private/kubernetes';
import { SecretRefDescription } from '../core/private/secrets';
import { SecretRef, SecretRefKind } from '../core/secret-ref';

/** The label Kubernetes sets on every namespace to its name. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
/**
 * Client authentication (`pg_hba.conf`), after CloudNativePG's own rules (local peer access, certificate
 * authentication of its replication and pooler users): password authentication over TLS only, every connection
 * without TLS refused, so the operator's final `host all all all scram-sha-256` rule is never reached.
 */
export const PG_HBA = ['hostssl all all all scram-sha-256', 'hostnossl all all all reject'];
/** The plugin sidecar that archives WAL and takes base backups in every instance's pod: small, bounded. */
const SIDECAR_RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } };
/** How long Terraform waits for the Cluster to report Ready (the first backup included) before the apply fails. */
const READY_TIMEOUT = '30m';

/**
 * Renders a validated database on Kubernetes: the Barman Cloud plugin's ObjectStore, the CloudNativePG Cluster, the
 * daily ScheduledBackup (all through `kubernetes_manifest`), the NetworkPolicy and the outputs, under `db` with fixed
 * construct ids.
 */
export function renderKubernetesDatabase(db: Construct, plan: KubernetesDatabasePlan): ReplicatedDatabaseKubernetesResources {
  const labels = standardLabels({ name: 'postgresql', instance: plan.name, component: 'database' });
  const annotations = standardAnnotations(db);
  const metadata = (name: string) => ({ name, namespace: plan.namespaceName, labels, annotations });
  const lifecycle = plan.retain ? { preventDestroy: true } : undefined;

  const objectStore = plan.backup
    ? new Manifest(db, 'ObjectStore', {
      manifest: {
        apiVersion: BARMAN_CLOUD_API_VERSION,
        kind: 'ObjectStore',
        metadata: metadata(plan.backup.objectStoreName),
        spec: objectStoreSpec(plan.backup),
      },
      lifecycle,
    })
    : undefined;

  const cluster = new Manifest(db, 'Cluster', {
    manifest: {
      apiVersion: CNPG_API_VERSION,
      kind: 'Cluster',
      metadata: metadata(plan.name),
      spec: clusterSpec(db, plan),
    },
    // The operator's admission webhook replaces `parameters` with the complete, sanitized set and may add its
    // configured plugins: values the API server changes must be computed, or the apply reports an inconsistent result
    // (the provider's defaults, metadata labels and annotations, are kept).
    computedFields: ['metadata.labels', 'metadata.annotations', 'spec.postgresql.parameters', 'spec.plugins'],
    // `terraform apply` fails unless the cluster becomes Ready: a broken declaration never passes for a database.
    wait: { condition: [{ type: 'Ready', status: 'True' }] },
    timeouts: { create: READY_TIMEOUT, update: READY_TIMEOUT },
    dependsOn: objectStore ? [objectStore] : undefined,
    lifecycle,
  });

  const scheduledBackup = plan.backup
    ? new Manifest(db, 'ScheduledBackup', {
      manifest: {
        apiVersion: CNPG_API_VERSION,
        kind: 'ScheduledBackup',
        metadata: metadata(plan.backup.scheduledBackupName),
        spec: {
          schedule: plan.backup.schedule,
          cluster: { name: plan.name },
          method: 'plugin',
          pluginConfiguration: { name: BARMAN_CLOUD_PLUGIN },
          // A first backup right away, so point-in-time recovery does not wait for the first scheduled run.
          immediate: true,
          backupOwnerReference: 'self',
          target: 'prefer-standby',
        },
      },
      dependsOn: [cluster],
    })
    : undefined;

  const ports = (...numbers: number[]) => numbers.map((port) => ({ port: String(port), protocol: 'TCP' }));
  const networkPolicy = new NetworkPolicyV1(db, 'NetworkPolicy', {
    metadata: metadata(plan.name),
    spec: {
      podSelector: { matchLabels: { ...plan.podSelector } },
      policyTypes: ['Ingress'],
      ingress: [
        // Streaming replication and the instance managers' status API (the primary isolation check calls its peers).
        { from: [{ podSelector: { matchLabels: { ...plan.podSelector } } }], ports: ports(POSTGRES_PORT, INSTANCE_MANAGER_PORT) },
        // The operator reads each instance's status and manages PostgreSQL (CloudNativePG's networking guide).
        {
          from: [
            {
              namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: OPERATOR_NAMESPACE } },
              podSelector: { matchLabels: { ...OPERATOR_POD_LABELS } },
            },
          ],
          ports: ports(POSTGRES_PORT, INSTANCE_MANAGER_PORT),
        },
        // The exporter: Prometheus in the database's or the alerting's namespace.
        {
          from: plan.metricsClientNamespaces.map((ns) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: ns } } })),
          ports: ports(METRICS_PORT),
        },
      ],
    },
  });

  const resources: ReplicatedDatabaseKubernetesResources = {
    cluster,
    objectStore,
    scheduledBackup,
    networkPolicy,
    clusterName: plan.name,
    namespaceName: plan.namespaceName,
    podSelector: { ...plan.podSelector },
    primaryPodSelector: { ...plan.primaryPodSelector },
    writerServiceName: `${plan.name}-rw`,
    readerServiceName: `${plan.name}-ro`,
    appSecretName: plan.appSecretName,
    caSecretName: plan.caSecretName,
    alertRules: plan.alertRules,
  };
  if (plan.outputs) {
    new TerraformOutput(db, 'WriterEndpoint', { value: plan.writerEndpoint, description: `Writer hostname of ${db.node.path}` });
    new TerraformOutput(db, 'ReaderEndpoint', { value: plan.readerEndpoint, description: `Read-only hostname of ${db.node.path}` });
    new TerraformOutput(db, 'Port', { value: POSTGRES_PORT, description: `Port of ${db.node.path}` });
    new TerraformOutput(db, 'AppSecretName', { value: plan.appSecretName, description: `Secret with the application credentials of ${db.node.path}` });
  }
  return resources;
}

/**
 * A NetworkPolicy admitting the pods `podSelector` in `namespaceName` (and only them) to the database port of the
 * cluster's instances. NetworkPolicies are additive: the cluster's own policy keeps admitting the rest.
 */
export function renderClientNetworkPolicy(
  db: Construct,
  id: string,
  plan: KubernetesDatabasePlan,
  policyName: string,
  client: { readonly namespaceName: string; readonly podSelector: Record<string, string> },
): NetworkPolicyV1 {
  return new NetworkPolicyV1(db, id, {
    metadata: {
      name: policyName,
      namespace: plan.namespaceName,
      labels: standardLabels({ name: 'postgresql', instance: plan.name, component: 'database' }),
      annotations: standardAnnotations(db),
    },
    spec: {
      podSelector: { matchLabels: { ...plan.podSelector } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: client.namespaceName } },
              podSelector: { matchLabels: { ...client.podSelector } },
            },
          ],
          ports: [{ port: String(POSTGRES_PORT), protocol: 'TCP' }],
        },
      ],
    },
  });
}

function clusterSpec(db: Construct, plan: KubernetesDatabasePlan): Record<string, unknown> {
  const s3 = plan.backup?.store.kind === BackupStoreKind.S3 ? plan.backup.store : undefined;
  const restricted = { type: 'RuntimeDefault' };
  return {
    description: `Database ${db.node.path}`,
    instances: plan.instances,
    imageName: plan.image,
    // A restart must not depend on the registry: the image is pinned.
    imagePullPolicy: 'IfNotPresent',
    postgresql: {
      ...(Object.keys(plan.parameters).length > 0 ? { parameters: { ...plan.parameters } } : {}),
      pg_hba: [...PG_HBA],
      // Quorum commit: every commit waits for one standby (ANY 1 of them); never acknowledged without one
      // (`required`), and a failover promotes only a standby proven to hold every acknowledged commit.
      ...(plan.synchronous ? { synchronous: { method: 'any', number: 1, dataDurability: 'required', failoverQuorum: true } } : {}),
    },
    bootstrap: { initdb: { database: plan.databaseName, owner: plan.databaseName, dataChecksums: true } },
    enableSuperuserAccess: false,
    storage: {
      size: plan.storageSize,
      ...(plan.storageClassName !== undefined ? { storageClass: plan.storageClassName } : {}),
      resizeInUseVolumes: true,
    },
    resources: {
      requests: { cpu: plan.cpu, memory: plan.memory },
      limits: { cpu: plan.cpu, memory: plan.memory },
    },
    affinity: {
      enablePodAntiAffinity: true,
      podAntiAffinityType: plan.allowSingleZone ? 'preferred' : 'required',
      topologyKey: TOPOLOGY_ZONE,
    },
    enablePDB: true,
    failoverDelay: FAILOVER_DELAY.toSeconds(),
    switchoverDelay: SWITCHOVER_DELAY.toSeconds(),
    probes: { readiness: { ...READINESS } },
    // Updates restart the standbys first, then move the primary by switchover instead of restarting it in place.
    primaryUpdateStrategy: 'unsupervised',
    primaryUpdateMethod: 'switchover',
    seccompProfile: restricted,
    podSecurityContext: { runAsNonRoot: true, seccompProfile: restricted },
    securityContext: {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: restricted,
    },
    ...(plan.backup
      ? {
        plugins: [
          {
            name: BARMAN_CLOUD_PLUGIN,
            enabled: true,
            isWALArchiver: true,
            parameters: { barmanObjectName: plan.backup.objectStoreName, serverName: plan.backup.serverName },
          },
        ],
      }
      : {}),
    ...(s3?.roleArn !== undefined ? { serviceAccountTemplate: { metadata: { annotations: { 'eks.amazonaws.com/role-arn': s3.roleArn } } } } : {}),
  };
}

function objectStoreSpec(backup: BackupPlan): Record<string, unknown> {
  const store = backup.store;
  const encryption = backup.serverSideEncryption ? { encryption: 'AES256' } : {};
  const configuration: Record<string, unknown> = {
    destinationPath: store.destinationPath,
    wal: { compression: 'gzip', ...encryption },
    data: { compression: 'gzip', ...encryption },
  };
  switch (store.kind) {
    case BackupStoreKind.S3:
      if (store.endpointUrl !== undefined) {
        configuration.endpointURL = store.endpointUrl;
      }
      configuration.s3Credentials =
        store.accessKeyId !== undefined && store.secretAccessKey !== undefined
          ? { accessKeyId: secretKeySelector(store.accessKeyId), secretAccessKey: secretKeySelector(store.secretAccessKey) }
          : { inheritFromIAMRole: true };
      break;
    case BackupStoreKind.GOOGLE_CLOUD_STORAGE:
      configuration.googleCredentials =
        store.applicationCredentials !== undefined
          ? { applicationCredentials: secretKeySelector(store.applicationCredentials) }
          : { gkeEnvironment: true };
      break;
    case BackupStoreKind.AZURE_BLOB_STORAGE:
      configuration.azureCredentials =
        store.connectionString !== undefined ? { connectionString: secretKeySelector(store.connectionString) } : { inheritFromAzureAD: true };
      break;
  }
  return {
    configuration,
    retentionPolicy: backup.retentionPolicy,
    instanceSidecarConfiguration: { resources: SIDECAR_RESOURCES },
  };
}

/** A `{ name, key }` selector of a Kubernetes Secret: the value itself never passes through Terraform. */
function secretKeySelector(ref: SecretRef): { name: string; key: string } {
  const d = ref._describe() as Extract<SecretRefDescription, { readonly kind: SecretRefKind.KUBERNETES }>;
  return { name: d.secretName, key: d.key };
}
