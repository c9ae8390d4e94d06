import { AlarmOptions } from '../core/alarms';

/**
 * Automatic scaling of a {@link MultiAzService} between a minimum and a maximum number of replicas. AWS: target
 * tracking policies on the Auto Scaling group (EC2 instances) or of Application Auto Scaling on the ECS service
 * (Fargate). Kubernetes: a HorizontalPodAutoscaler (`autoscaling/v2`). The replica count is then left to them.
 */
export interface ServiceScaling {
  /** The fewest replicas, at least 2: a single replica is a single point of failure at quiet times. */
  readonly minReplicas: number;
  /** The most replicas, at least `minReplicas`. */
  readonly maxReplicas: number;
  /**
   * Keep the average CPU utilization of the replicas near this percentage (10 to 90). AWS:
   * `ASGAverageCPUUtilization` (EC2 instances) or `ECSServiceAverageCPUUtilization` (Fargate, against the task
   * size); Kubernetes: the pods' CPU against their request.
   * @default - 60 when `targetRequestsPerTarget` is not given either; otherwise no CPU target
   */
  readonly targetCpuUtilization?: number;
  /**
   * Keep the requests per replica and minute near this number (AWS only, behind an Application Load Balancer:
   * `ALBRequestCountPerTarget` of the group's target group). Kubernetes has no such metric without a custom metrics
   * adapter, and is rejected.
   * @default - no request-count target
   */
  readonly targetRequestsPerTarget?: number;
}

/**
 * Changes to the default alarms of a {@link MultiAzService} on AWS. The load balancer's alarms on the service's
 * target groups (unhealthy hosts, no healthy host, target 5XX) are created by the load balancer and reused: see
 * `LoadBalancerAlarms`. Each alarm exists on EC2 instances, on Fargate, or on both; setting one of the other compute
 * is an error.
 */
export interface ServiceAlarms {
  /**
   * The replicas of a group work hard: `CPUUtilization` Average ≥ 80% for 5 minutes, warning (EC2: of the
   * instances, `AWS/EC2`; Fargate: of the tasks against their task size, `AWS/ECS`). With scaling this means the
   * group is at its maximum, or scaling does not keep up.
   * @default - on, with the values above
   */
  readonly cpuUtilization?: AlarmOptions;
  /**
   * A group runs fewer in-service instances than its minimum: `GroupInServiceInstances` Minimum below the
   * group's minimum for 5 minutes, critical. Replacing a failed instance takes 2 to 4 minutes; longer means the
   * group cannot launch (capacity, quota, image, start-up script). EC2 only.
   * @default - on, with the values above
   */
  readonly inServiceInstances?: AlarmOptions;
  /**
   * A service runs fewer tasks than its minimum: Container Insights `RunningTaskCount` Minimum below the
   * group's minimum for 5 minutes, critical. Replacing a failed task takes about a minute; longer means tasks
   * cannot start (image pull, secrets, capacity, a crashing container). Fargate only.
   * @default - on, with the values above
   */
  readonly runningTasks?: AlarmOptions;
  /**
   * The tasks of a service use most of their memory: `MemoryUtilization` Average ≥ 80% of the task size for 5
   * minutes, warning; beyond the task size a container is stopped. Fargate only.
   * @default - on, with the values above
   */
  readonly memoryUtilization?: AlarmOptions;
}
