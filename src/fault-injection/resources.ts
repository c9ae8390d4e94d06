import type { CloudwatchCompositeAlarm } from '@cdktf/provider-aws/lib/cloudwatch-composite-alarm';
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { FisExperimentTemplate } from '@cdktf/provider-aws/lib/fis-experiment-template';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import type { TerraformOutput } from 'cdktf';

/**
 * What {@link FaultExperiments} creates on AWS: per experiment an AWS FIS experiment template and its own
 * least-privilege role; one encrypted log group the experiments log to.
 */
export interface FaultExperimentsAwsResources {
  /** The experiment templates, in the order of `FaultExperiments.experiments` (AWS ones). */
  readonly templates: FisExperimentTemplate[];
  /** The role of each template, in the same order. */
  readonly roles: IamRole[];
  /** The inline policy of each role, in the same order. */
  readonly policies: IamRolePolicy[];
  /** The log group every experiment logs to. */
  readonly logGroup: CloudwatchLogGroup;
  /**
   * The key encrypting the log group.
   * @default - undefined with `logEncryptionKeyArn`
   */
  readonly logEncryptionKey?: KmsKey;
  /**
   * The composite alarm that stops the experiments when more than 5 alarms are stop conditions (FIS takes at most 5).
   * @default - undefined: the alarms are the stop conditions themselves
   */
  readonly stopConditionAlarm?: CloudwatchCompositeAlarm;
  /**
   * The `fault_experiments` output: each experiment's template id, hypothesis and stop conditions, for CI.
   * @default - undefined with `outputs: false`
   */
  readonly output?: TerraformOutput;
}

/**
 * What {@link FaultExperiments} creates on Kubernetes: Chaos Mesh objects, through `kubernetes_manifest`.
 */
export interface FaultExperimentsKubernetesResources {
  /** Every Chaos Mesh object (PodChaos, NetworkChaos, StressChaos, or the Schedules that run them). */
  readonly manifests: Manifest[];
}
