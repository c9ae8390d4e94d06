import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import type { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import type { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import type { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import type { RdsClusterParameterGroup } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import type { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import type { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import type { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { MonitoredAlarm } from '../core/alarms';
import { AlertRuleGroup } from '../core/alert-routing';

/**
 * What a {@link ReplicatedDatabase} creates on AWS, to wire or override without forking.
 */
export interface ReplicatedDatabaseAwsResources {
  /** The security group of every instance; admits only the clients given to `allowFrom`, allows no egress. */
  readonly securityGroup: SecurityGroup;
  /** The subnet group over the network's isolated subnets. */
  readonly subnetGroup: DbSubnetGroup;
  /**
   * The KMS key created for the database.
   * @default - none when `encryptionKeyArn` was given
   */
  readonly encryptionKey?: KmsKey;
  /** The ARN of the KMS key that encrypts the database: the created key's, or `encryptionKeyArn`. */
  readonly encryptionKeyArn: string;
  /**
   * The parameter group of an RDS instance (and its same-region read replicas).
   * @default - none for Aurora engines
   */
  readonly parameterGroup?: DbParameterGroup;
  /**
   * The cluster parameter group of an Aurora cluster.
   * @default - none for RDS engines
   */
  readonly clusterParameterGroup?: RdsClusterParameterGroup;
  /** The role Enhanced Monitoring publishes operating-system metrics with. */
  readonly monitoringRole: IamRole;
  /** The log groups the engine logs are exported to (the cross-region replica's included). */
  readonly logGroups: CloudwatchLogGroup[];
  /**
   * The primary RDS instance.
   * @default - none for Aurora engines
   */
  readonly instance?: DbInstance;
  /** The same-region read replicas of an RDS instance (empty for Aurora). */
  readonly readReplicas: DbInstance[];
  /**
   * The Aurora cluster.
   * @default - none for RDS engines
   */
  readonly cluster?: RdsCluster;
  /** The Aurora instances; the first is the initial writer (empty for RDS engines). */
  readonly clusterInstances: RdsClusterInstance[];
  /**
   * The replica in the disaster-recovery region.
   * @default - none unless `Replication.crossRegion`
   */
  readonly crossRegionReplica?: DbInstance;
  /**
   * The replica's security group in the disaster-recovery region; it admits nobody until you add rules.
   * @default - none unless `Replication.crossRegion`
   */
  readonly crossRegionSecurityGroup?: SecurityGroup;
  /** The hostname of the writer: the instance's address or the cluster's endpoint. */
  readonly writerEndpoint: string;
  /**
   * The hostname for read-only traffic: Aurora's reader endpoint, the first read replica of an RDS instance, or
   * the writer when there is no reader.
   */
  readonly readerEndpoint: string;
  /** The ARN of the Secrets Manager secret RDS keeps the master user's password in. */
  readonly masterUserSecretArn: string;
  /** The alarms created for the database (the cross-region replica's last). */
  readonly alarms: MonitoredAlarm[];
}

/**
 * What a {@link ReplicatedDatabase} creates on Kubernetes: a CloudNativePG cluster backed up by the Barman Cloud
 * plugin, and the names of the objects the operator creates for it.
 */
export interface ReplicatedDatabaseKubernetesResources {
  /** The CloudNativePG `Cluster` (`postgresql.cnpg.io/v1`). */
  readonly cluster: Manifest;
  /**
   * The Barman Cloud plugin's `ObjectStore` (`barmancloud.cnpg.io/v1`): where base backups and the WAL archive go,
   * and how long they are kept.
   * @default - none with `BackupStore.none()`
   */
  readonly objectStore?: Manifest;
  /**
   * The daily `ScheduledBackup` (`postgresql.cnpg.io/v1`), which also takes a backup when created.
   * @default - none with `BackupStore.none()`
   */
  readonly scheduledBackup?: Manifest;
  /**
   * The NetworkPolicy that admits the instances to each other, the operator and the metrics scrapers only; each
   * `allowFrom` adds one more for its client.
   */
  readonly networkPolicy: NetworkPolicyV1;
  /** The Cluster's name. */
  readonly clusterName: string;
  /** The namespace of the Cluster. */
  readonly namespaceName: string;
  /** The labels of every instance's pod (`cnpg.io/cluster`). */
  readonly podSelector: { [key: string]: string };
  /**
   * The labels of the current primary's pod (`cnpg.io/cluster` and `cnpg.io/instanceRole: primary`): the operator
   * moves them on failover, so they always select the primary, e.g. for a primary-kill experiment.
   */
  readonly primaryPodSelector: { [key: string]: string };
  /** The Service that always routes to the primary (`<name>-rw`). */
  readonly writerServiceName: string;
  /** The Service that routes to the standbys (`<name>-ro`). */
  readonly readerServiceName: string;
  /**
   * The Secret the operator creates for the application user (`<name>-app`, keys `username`, `password`, `host`,
   * `port`, `dbname`, `uri`, `jdbc-uri`, `pgpass`): refer to it, never copy it.
   */
  readonly appSecretName: string;
  /** The Secret holding the CA that signed the server certificate (`<name>-ca`, key `ca.crt`), for `sslmode=verify-full`. */
  readonly caSecretName: string;
  /** The alerting rules, registered with the platform's `alerting` when it has one. */
  readonly alertRules: AlertRuleGroup;
}
