import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformResource, TerraformStack, dependable } from 'cdktf';
import { Construct } from 'constructs';
import {
  BackupStore,
  DatabaseEngine,
  Duration,
  HaAlertmanager,
  HealthCheck,
  HealthCheckedLoadBalancer,
  Matcher,
  MultiAzService,
  Platform,
  Receiver,
  ReplicatedDatabase,
  ResilienceChecks,
  ResilienceTarget,
  Route,
  SecretRef,
  Workload,
} from '../src';

/**
 * The seed's hands-on (a Node.js app with replicas behind a LoadBalancer Service, plus HA Alertmanager), made
 * production-grade one capability at a time.
 */
export class KubernetesWebAppStack extends TerraformStack {
  /** 3 gossiping Alertmanagers in `monitoring`: critical alerts page, warnings go to Slack. */
  public readonly alerting: HaAlertmanager;
  /** The seed's LoadBalancer Service in `shop`: port 80 to the web pods' port 3000, ready pods only. */
  public readonly webLoadBalancer: HealthCheckedLoadBalancer;
  /** The seed's Node.js app: 3 hardened replicas, one per zone, probed on /health, rolled out without downtime. */
  public readonly web: MultiAzService;
  /** The app's PostgreSQL: a CloudNativePG cluster of 3 instances, one per zone, synchronous, backed up to S3. */
  public readonly database: ReplicatedDatabase;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    new KubernetesProvider(this, 'kubernetes', {
      configPath: '~/.kube/config',
    });

    // The Secrets `pagerduty` and `slack` must exist in `monitoring`; their values never pass through Terraform.
    this.alerting = new HaAlertmanager(this, 'alerting', {
      platform: Platform.kubernetes({ namespaceName: 'monitoring' }),
      replicas: 3,
      receivers: [
        Receiver.pagerDuty('pagerduty', SecretRef.kubernetes('pagerduty', 'routing-key')),
        Receiver.slack('slack', SecretRef.kubernetes('slack', 'webhook-url'), { channel: '#shop-alerts' }),
      ],
      route: Route.to('slack', {
        groupBy: ['alertname', 'namespace'],
        routes: [
          Route.to('pagerduty', { matchers: [Matcher.equal('severity', 'critical')] }),
          Route.to('slack', { matchers: [Matcher.equal('severity', 'warning')] }),
        ],
      }),
    });
    // Constructs on `Platform.kubernetes({ namespaceName: 'shop', alerting: this.alerting })` register their workloads.

    // The platform of the shop: its namespace, where alerts go, and where databases keep backups (the pods' IAM role
    // writes to the bucket: no keys in the configuration).
    const k8s = Platform.kubernetes({
      namespaceName: 'shop',
      alerting: this.alerting,
      backupStore: BackupStore.s3({ destinationPath: 's3://acme-shop-db-backups/kubernetes/' }),
    });

    // The seed's LoadBalancer Service: port 80 to the web pods' port 3000 (the service below registers its pods).
    this.webLoadBalancer = new HealthCheckedLoadBalancer(this, 'web-lb', { platform: k8s, port: 80 });

    // The app's data: PostgreSQL 16 run by CloudNativePG (the operator and its Barman Cloud plugin must be installed):
    // a primary and two standbys in three zones, every commit on a standby before it is acknowledged, TLS only,
    // backed up daily with a continuous WAL archive; its alerting rules go to the Alertmanagers above.
    this.database = new ReplicatedDatabase(this, 'db', { platform: k8s, engine: DatabaseEngine.postgres('16') });

    // The seed's app: replicas spread over the cluster's 3 zones, readiness (and liveness, startup) on /health, in a
    // `shop` namespace that enforces the restricted Pod Security Standard; the alerting rules watch it. It reaches the
    // database through the primary's Service, with the credentials of the Secret the operator keeps (never copied).
    this.web = new MultiAzService(this, 'web', {
      platform: k8s,
      workload: Workload.container({
        image: 'registry.example.com/fault-app:1.0.0',
        port: 3000,
        environment: { PGHOST: this.database.writerEndpoint, PGPORT: String(this.database.port), PGSSLMODE: 'require' },
        secrets: {
          PGUSER: SecretRef.kubernetes(this.database.kubernetes!.appSecretName, 'username'),
          PGPASSWORD: SecretRef.kubernetes(this.database.kubernetes!.appSecretName, 'password'),
          PGDATABASE: SecretRef.kubernetes(this.database.kubernetes!.appSecretName, 'dbname'),
        },
      }),
      healthCheck: HealthCheck.http('/health'),
      replicas: 3,
      zones: 3,
      loadBalancer: this.webLoadBalancer,
      createNamespace: true,
    });
    // Only the web pods reach the database port (a NetworkPolicy next to the database's own).
    this.database.allowFrom(this.web);
    // The service creates the `shop` namespace: the database's objects wait for it.
    const namespace = this.web.kubernetes!.createdNamespace!;
    for (const resource of this.database.node.findAll()) {
      if (resource instanceof TerraformResource && (resource.dependsOn ?? []).length === 0) {
        resource.dependsOn = [dependable(namespace)];
      }
    }

    // Proof at synth: no single point of failure, a lost zone survived, failures detected within 30 s. Errors fail
    // the synth; the report lands next to cdk.tf.json (resilience-report.json and .md).
    ResilienceChecks.of(this, {
      target: ResilienceTarget.survive({ zoneLoss: 1, maxDetection: Duration.seconds(30) }),
    });
    ResilienceChecks.suppress(
      this.webLoadBalancer,
      'FT-TARGET-1',
      'The cloud load balancer behind a Kubernetes Service spans the zones of the cluster nodes, which only the cluster knows.',
    );
  }
}
