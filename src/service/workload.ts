import { checkContainerProps, checkMachineImageProps } from './private/arguments';
import type { WorkloadDescription } from './private/variants';
import { brand, isBranded } from '../core/private/brand';
import type { SecretRef } from '../core/secret-ref';

/**
 * What kind of thing a {@link Workload} runs.
 */
export enum WorkloadType {
  /** A container image: Docker on EC2 instances (AWS), a Deployment's pods (Kubernetes). */
  CONTAINER = 'CONTAINER',
  /** An Amazon Machine Image with its own start-up script (AWS only). */
  MACHINE_IMAGE = 'MACHINE_IMAGE',
}

/**
 * Props of {@link Workload.container}.
 */
export interface ContainerWorkloadProps {
  /**
   * The image, pinned to a version: a tag other than `latest` (`ghcr.io/acme/api:1.4.2`) or a digest
   * (`...@sha256:...`). On AWS the image must be public or in Amazon ECR of the same account (the instance role, or
   * the task execution role on Fargate, may pull exactly that repository).
   */
  readonly image: string;
  /** The port the container listens on (1 to 65535); the load balancer and the health check use it. */
  readonly port: number;
  /**
   * CPU reserved for and available to the container (a Kubernetes quantity, `250m` is a quarter of a core).
   * Kubernetes: the request and the limit. AWS Fargate: the task's CPU, rounded up to a Fargate task size. AWS EC2
   * instances: `docker run --cpus`.
   * @default - Kubernetes: '250m'; Fargate: 0.25 vCPU (the smallest task); EC2 instances: the whole instance
   */
  readonly cpu?: string;
  /**
   * Memory reserved for and available to the container (`256Mi`, `1Gi`); beyond it the container is restarted.
   * Kubernetes: the request and the limit. AWS Fargate: the task's memory, rounded up to what a Fargate task of that
   * CPU offers. AWS EC2 instances: `docker run --memory`.
   * @default - Kubernetes: '256Mi'; Fargate: 512 MiB (the smallest task); EC2 instances: the whole instance
   */
  readonly memory?: string;
  /**
   * Plain environment variables. Never put credentials here: they are visible in the configuration, the state and
   * (on AWS) the instance user data. Use `secrets`.
   * @default - none
   */
  readonly environment?: { [name: string]: string };
  /**
   * Secret environment variables, by reference: `SecretRef.awsSecretsManager(secretArn, jsonKey)` on AWS (on EC2
   * instances the instance role may read exactly this secret; the value is fetched when an instance boots and written
   * to a root-only environment file; on Fargate ECS reads it with the task execution role when a task starts, and
   * `SecretRef.awsSsmParameter(parameterArn)` works too), `SecretRef.kubernetes(secretName, key)` on Kubernetes
   * (passed with `valueFrom.secretKeyRef`; a missing Secret or key keeps the pod from starting). The value never
   * appears in the configuration, the plan, the state or the user data. A plain string is rejected without being
   * echoed.
   * @default - none
   */
  readonly secrets?: { [name: string]: SecretRef };
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
    checkContainerProps(props);
    return new Workload({ workloadType: WorkloadType.CONTAINER, port: props?.port, container: { ...props } });
  }

  /** An Amazon Machine Image with an optional start-up script (AWS only). */
  public static machineImage(props: MachineImageWorkloadProps): Workload {
    checkMachineImageProps(props);
    return new Workload({ workloadType: WorkloadType.MACHINE_IMAGE, port: props?.port, machineImage: { ...props } });
  }

  /** Whether `value` is a `Workload` (also across copies of this library in one process). */
  public static isWorkload(value: unknown): boolean {
    return isBranded(value, 'Workload');
  }

  /** What kind of workload this is. */
  public readonly workloadType: WorkloadType;
  /** The port the workload listens on. */
  public readonly port: number;

  private readonly description: WorkloadDescription;

  private constructor(description: WorkloadDescription) {
    this.workloadType = description.workloadType;
    this.port = description.port;
    this.description = description;
    brand(this, 'Workload');
  }

  /** A short description for messages: the image, or the AMI id. */
  public toString(): string {
    const d = this.description;
    return String(d.workloadType === WorkloadType.CONTAINER ? d.container.image : d.machineImage.imageId);
  }

  /**
   * What the workload declares, for validation and planning.
   * @internal
   */
  public _describe(): WorkloadDescription {
    return this.description;
  }
}
