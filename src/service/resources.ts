import type { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import type { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import type { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import type { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import type { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import type { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import type { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import type { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import type { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import type { HorizontalPodAutoscalerV2 } from '@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2';
import type { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import type { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import type { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import type { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import type { MonitoredAlarm } from '../core/alarms';

/**
 * What a {@link MultiAzService} creates on AWS. Per group of replicas (the stable or blue group first, then the
 * canary or green group) a launch template and an Auto Scaling group.
 */
export interface ServiceAwsResources {
  /** The security group of every instance. */
  readonly securityGroup: SecurityGroup;
  /** The instances' role. */
  readonly role: IamRole;
  /** The instance profile. */
  readonly instanceProfile: IamInstanceProfile;
  /**
   * The container log group.
   * @default - undefined for a machine image
   */
  readonly logGroup?: CloudwatchLogGroup;
  /**
   * The key encrypting the log group, when created here.
   * @default - undefined with `logEncryptionKeyArn` or for a machine image
   */
  readonly logEncryptionKey?: KmsKey;
  /** Every launch template, stable (or blue) first. */
  readonly launchTemplates: LaunchTemplate[];
  /** Every Auto Scaling group, in the order of `launchTemplates`. */
  readonly autoScalingGroups: AutoscalingGroup[];
  /** The target tracking policies. */
  readonly scalingPolicies: AutoscalingPolicy[];
  /** The service's own alarms (CPU, in-service instances), per group; its target groups' alarms are on its targets. */
  readonly alarms: MonitoredAlarm[];
}

/**
 * What a {@link MultiAzService} creates on ECS Fargate. Per group of replicas (the stable or blue group first, then
 * the canary or green group) a task definition and an ECS service.
 */
export interface ServiceEcsResources {
  /** The cluster, with Container Insights. */
  readonly cluster: EcsCluster;
  /** The security group of every task. */
  readonly securityGroup: SecurityGroup;
  /** The task role: the application's own permissions, none until you attach a policy. */
  readonly taskRole: IamRole;
  /** The task execution role: ECS pulls the image, reads the declared secrets and writes the logs with it. */
  readonly executionRole: IamRole;
  /** The container log group. */
  readonly logGroup: CloudwatchLogGroup;
  /**
   * The key encrypting the log group, when created here.
   * @default - undefined with `logEncryptionKeyArn`
   */
  readonly logEncryptionKey?: KmsKey;
  /** Every task definition, stable (or blue) first. */
  readonly taskDefinitions: EcsTaskDefinition[];
  /** Every ECS service, in the order of `taskDefinitions`. */
  readonly services: EcsService[];
  /** The Application Auto Scaling targets of the scaled services. */
  readonly scalingTargets: AppautoscalingTarget[];
  /** The target tracking policies. */
  readonly scalingPolicies: AppautoscalingPolicy[];
  /** The service's own alarms (running tasks, CPU, memory), per group; its target groups' alarms are on its targets. */
  readonly alarms: MonitoredAlarm[];
}

/**
 * What a {@link MultiAzService} creates on Kubernetes. Per group of replicas (the stable or blue group first, then
 * the canary or green group) a Deployment.
 */
export interface ServiceKubernetesResources {
  /** Every Deployment, stable (or blue) first. */
  readonly deployments: DeploymentV1[];
  /** The HorizontalPodAutoscalers, when scaling. */
  readonly autoscalers: HorizontalPodAutoscalerV2[];
  /** The ServiceAccount of the pods, without an API token. */
  readonly serviceAccount: ServiceAccountV1;
  /** The PodDisruptionBudget over every group's pods. */
  readonly podDisruptionBudget: PodDisruptionBudgetV1;
  /** The NetworkPolicy admitting traffic on the service port only. */
  readonly networkPolicy: NetworkPolicyV1;
  /**
   * The namespace, when `createNamespace` is set.
   * @default - undefined: the namespace exists already
   */
  readonly createdNamespace?: NamespaceV1;
  /** The labels every pod of the service carries and the load balancer selects on. */
  readonly selector: { [key: string]: string };
}
