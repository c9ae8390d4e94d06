import { IAlarmDestination } from './alarms';
import type { IAlertRouting } from './alert-routing';
import type { BackupStore } from './backup-store';
import type { INetwork } from './network';
import { checkAwsPlatformProps, checkKubernetesPlatformProps } from './private/core-arguments';

/**
 * The platforms a construct can be rendered on.
 */
export enum PlatformKind {
  /** Amazon Web Services, through the Terraform AWS provider. */
  AWS = 'AWS',
  /** Kubernetes, through the Terraform Kubernetes provider. */
  KUBERNETES = 'KUBERNETES',
}

/**
 * What runs the replicas of a service on AWS.
 */
export enum AwsCompute {
  /**
   * ECS on Fargate: no hosts to patch, a task role per service, rolling deployments with the circuit breaker. Runs
   * containers only. The default for containers.
   */
  FARGATE = 'FARGATE',
  /**
   * EC2 instances in Auto Scaling groups: Docker on hardened Amazon Linux for a container, or your machine image.
   * The default (and the only choice) for machine images.
   */
  EC2 = 'EC2',
}

/**
 * Props of {@link Platform.aws}.
 */
export interface AwsPlatformProps {
  /** The multi-zone network constructs are placed in. */
  readonly network: INetwork;
  /**
   * Where the alarms of every construct on this platform notify.
   * @default - alarms are created without actions; the resilience checks flag them
   */
  readonly alarms?: IAlarmDestination;
  /**
   * What runs the replicas of the services on this platform. The declaration of a service stays the same: only
   * this value says whether its container runs on Fargate or on EC2 instances.
   * @default - containers on Fargate (`AwsCompute.FARGATE`), machine images on EC2 instances (`AwsCompute.EC2`)
   */
  readonly compute?: AwsCompute;
}

/**
 * Props of {@link Platform.kubernetes}.
 */
export interface KubernetesPlatformProps {
  /**
   * The namespace constructs are placed in.
   * @default 'default'
   */
  readonly namespaceName?: string;
  /**
   * Where the alerts of every construct on this platform go (an `HaAlertmanager`); each construct registers its
   * workloads so the alerting rules watch them.
   * @default - constructs on this platform register no alerting rules
   */
  readonly alerting?: IAlertRouting;
  /**
   * Where stateful constructs on this platform keep their backups (a `ReplicatedDatabase` writes its base backups
   * and WAL archive below it, in a folder of its own). A database on Kubernetes needs one, or
   * `BackupStore.none()` to visibly run without backups.
   * @default - none: a `ReplicatedDatabase` on this platform fails with an error naming this prop
   */
  readonly backupStore?: BackupStore;
}

/**
 * Where a construct is rendered. The rest of a declaration stays the same when the platform changes:
 *
 * ```ts
 * const platform = Platform.aws({ network, alarms: oncall }); // or Platform.kubernetes({ namespaceName: 'shop' })
 * new HealthCheckedLoadBalancer(this, 'edge', { platform, ... });
 * ```
 */
export abstract class Platform {
  /** Render on AWS, in `network`. */
  public static aws(props: AwsPlatformProps): AwsPlatform {
    checkAwsPlatformProps(props);
    return new AwsPlatform(props);
  }

  /** Render on Kubernetes, in a namespace. */
  public static kubernetes(props: KubernetesPlatformProps = {}): KubernetesPlatform {
    checkKubernetesPlatformProps(props);
    return new KubernetesPlatform(props);
  }

  /** Which platform this is. */
  public abstract readonly kind: PlatformKind;
}

/**
 * The AWS platform: a network and an alarm destination.
 */
export class AwsPlatform extends Platform {
  /** Always {@link PlatformKind.AWS}. */
  public readonly kind = PlatformKind.AWS;
  /** The network constructs are placed in. */
  public readonly network: INetwork;
  /** Where alarms notify, if anywhere. */
  public readonly alarms?: IAlarmDestination;
  /**
   * What runs the replicas of services, when chosen.
   * @default - containers on Fargate, machine images on EC2 instances
   */
  public readonly compute?: AwsCompute;

  constructor(props: AwsPlatformProps) {
    super();
    this.network = props.network;
    this.alarms = props.alarms;
    this.compute = props.compute;
  }
}

/**
 * The Kubernetes platform: a namespace.
 */
export class KubernetesPlatform extends Platform {
  /** Always {@link PlatformKind.KUBERNETES}. */
  public readonly kind = PlatformKind.KUBERNETES;
  /** The namespace constructs are placed in. */
  public readonly namespaceName: string;
  /** Where alerts go and which workloads the alerting rules watch, if anywhere. */
  public readonly alerting?: IAlertRouting;
  /** Where databases on this platform keep their backups, if anywhere. */
  public readonly backupStore?: BackupStore;

  constructor(props: KubernetesPlatformProps = {}) {
    super();
    this.namespaceName = props?.namespaceName ?? 'default';
    this.alerting = props?.alerting;
    this.backupStore = props?.backupStore;
  }
}
