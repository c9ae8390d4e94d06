/**
 * Where a {@link ServiceSecret} is kept.
 */
export enum ServiceSecretSource {
  /** An AWS Secrets Manager secret, read at instance boot by the instance role (AWS only). */
  AWS_SECRETS_MANAGER = 'awsSecretsManager',
  /** A key of a Kubernetes Secret in the service's namespace (Kubernetes only). */
  KUBERNETES = 'kubernetes',
}

/**
 * A secret handed to the workload as an environment variable, by reference only: its value never appears in the
 * Terraform configuration, the plan, the state or the instance user data.
 *
 * ```ts
 * secrets: {
 *   DATABASE_PASSWORD: ServiceSecret.awsSecretsManager(db.masterUserSecretArn!, 'password'),   // AWS
 *   API_TOKEN: ServiceSecret.kubernetes('api-credentials', 'token'),                           // Kubernetes
 * }
 * ```
 */
export class ServiceSecret {
  /**
   * A secret in AWS Secrets Manager (AWS only). The instance role may read exactly this secret
   * (`secretsmanager:GetSecretValue`); the value is fetched when an instance boots and written to a root-only
   * (0600) environment file. A secret encrypted with a customer-managed KMS key also needs `kms:Decrypt` on that
   * key for the instance role.
   *
   * @param secretArn the secret's ARN
   * @param jsonKey the key to read from a JSON secret (e.g. `password` of an RDS-managed secret); the whole
   *   secret string when omitted
   */
  public static awsSecretsManager(secretArn: string, jsonKey?: string): ServiceSecret {
    return new ServiceSecret(ServiceSecretSource.AWS_SECRETS_MANAGER, { secretArn, jsonKey });
  }

  /**
   * A key of an existing Kubernetes Secret in the service's namespace (Kubernetes only), passed with
   * `valueFrom.secretKeyRef`. A missing Secret or key keeps the pod from starting (never an empty value).
   */
  public static kubernetes(secretName: string, key: string): ServiceSecret {
    return new ServiceSecret(ServiceSecretSource.KUBERNETES, { secretName, key });
  }

  /** Whether `value` is a `ServiceSecret` (also across copies of this library in one process). */
  public static isServiceSecret(value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as any)[SECRET_MARK] === true;
  }

  /** Where the secret is kept. */
  public readonly source: ServiceSecretSource;
  /** The Secrets Manager secret ARN. @default - undefined for Kubernetes secrets */
  public readonly secretArn?: string;
  /** The key read from a JSON Secrets Manager secret. @default - the whole secret string */
  public readonly jsonKey?: string;
  /** The Kubernetes Secret's name. @default - undefined for Secrets Manager secrets */
  public readonly secretName?: string;
  /** The key within the Kubernetes Secret. @default - undefined for Secrets Manager secrets */
  public readonly key?: string;

  private constructor(
    source: ServiceSecretSource,
    ref: { secretArn?: string; jsonKey?: string; secretName?: string; key?: string },
  ) {
    this.source = source;
    this.secretArn = ref.secretArn;
    this.jsonKey = ref.jsonKey;
    this.secretName = ref.secretName;
    this.key = ref.key;
    Object.defineProperty(this, SECRET_MARK, { value: true, enumerable: false });
  }
}

const SECRET_MARK = Symbol.for('cdktf-fault-tolerance.ServiceSecret');

/**
 * What kind of thing a {@link Workload} runs.
 */
export enum WorkloadType {
  /** A container image: Docker on EC2 instances (AWS), a Deployment's pods (Kubernetes). */
  CONTAINER = 'container',
  /** An Amazon Machine Image with its own start-up script (AWS only). */
  MACHINE_IMAGE = 'machineImage',
}

/**
 * Props of {@link Workload.container}.
 */
export interface ContainerWorkloadProps {
  /**
   * The image, pinned to a version: a tag other than `latest` (`ghcr.io/acme/api:1.4.2`) or a digest
   * (`...@sha256:...`). On AWS the image must be public or in Amazon ECR of the same account (the instance role
   * may pull exactly that repository).
   */
  readonly image: string;
  /** The port the container listens on (1 to 65535); the load balancer and the health check use it. */
  readonly port: number;
  /**
   * CPU reserved for and available to the container (a Kubernetes quantity, `250m` is a quarter of a core).
   * Kubernetes: the request and the limit. AWS: `docker run --cpus`.
   * @default - Kubernetes: '250m'; AWS: the whole instance
   */
  readonly cpu?: string;
  /**
   * Memory reserved for and available to the container (`256Mi`, `1Gi`); beyond it the container is restarted.
   * Kubernetes: the request and the limit. AWS: `docker run --memory`.
   * @default - Kubernetes: '256Mi'; AWS: the whole instance
   */
  readonly memory?: string;
  /**
   * Plain environment variables. Never put credentials here: they are visible in the configuration, the state and
   * (on AWS) the instance user data. Use `secrets`.
   * @default - none
   */
  readonly environment?: { [name: string]: string };
  /**
   * Secret environment variables, by reference ({@link ServiceSecret}). A plain string is rejected.
   * @default - none
   */
  readonly secrets?: { [name: string]: ServiceSecret };
  /**
   * The entrypoint, replacing the image's.
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * The arguments, replacing the image's command.
   * @default - the image's command
   */
  readonly args?: string[];
  /**
   * The user id the container runs as (never 0). The group id is the same.
   * @default 65534 (nobody)
   */
  readonly user?: number;
}

/**
 * Props of {@link Workload.machineImage}.
 */
export interface MachineImageWorkloadProps {
  /** The AMI id (`ami-0123456789abcdef0`). */
  readonly imageId: string;
  /** The port the instances listen on; the load balancer and the health check use it. */
  readonly port: number;
  /**
   * A start-up script starting with `#!` (plain text; it is base64-encoded for the launch template). Never put
   * credentials in it: user data is readable by anyone who may describe the instances. It runs first; then the
   * library's wrapper waits for the health check to pass locally and completes the launch lifecycle hook, so the
   * instance joins the load balancer only once healthy (the image needs bash, curl and the AWS CLI).
   * @default - none: the image starts the application itself (the wrapper still waits for it)
   */
  readonly userData?: string;
}

/**
 * What a service runs. One declaration, rendered by every platform that can run it.
 *
 * ```ts
 * Workload.container({ image: 'ghcr.io/acme/api:1.4.2', port: 3000 });
 * Workload.machineImage({ imageId: 'ami-0123456789abcdef0', port: 8080 }); // AWS only
 * ```
 */
export class Workload {
  /** A container image: Docker on hardened EC2 instances on AWS, a Deployment on Kubernetes. */
  public static container(props: ContainerWorkloadProps): Workload {
    return new Workload(WorkloadType.CONTAINER, props.port, props, undefined);
  }

  /** An Amazon Machine Image with an optional start-up script (AWS only). */
  public static machineImage(props: MachineImageWorkloadProps): Workload {
    return new Workload(WorkloadType.MACHINE_IMAGE, props.port, undefined, props);
  }

  /** Whether `value` is a `Workload` (also across copies of this library in one process). */
  public static isWorkload(value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as any)[WORKLOAD_MARK] === true;
  }

  /** What kind of workload this is. */
  public readonly type: WorkloadType;
  /** The port the workload listens on. */
  public readonly port: number;
  /** The container declaration. @default - undefined for machine images */
  public readonly containerProps?: ContainerWorkloadProps;
  /** The machine-image declaration. @default - undefined for containers */
  public readonly machineImageProps?: MachineImageWorkloadProps;

  private constructor(type: WorkloadType, port: number, container?: ContainerWorkloadProps, machine?: MachineImageWorkloadProps) {
    this.type = type;
    this.port = port;
    this.containerProps = container;
    this.machineImageProps = machine;
    Object.defineProperty(this, WORKLOAD_MARK, { value: true, enumerable: false });
  }

  /** A short description for messages: the image, or the AMI id. */
  public toString(): string {
    return this.containerProps ? this.containerProps.image : this.machineImageProps!.imageId;
  }
}

const WORKLOAD_MARK = Symbol.for('cdktf-fault-tolerance.Workload');
