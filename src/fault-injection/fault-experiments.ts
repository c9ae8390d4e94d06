import { Annotations, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { FaultExperimentOptOut } from './options';
import { inventoryOf } from './private/inventory';
import { planFaultExperiments } from './private/plan';
import { KIND, validateFaultExperiments, validatePlannedExperiments } from './private/validate';
import type { FaultExperimentsAwsResources, FaultExperimentsKubernetesResources } from './resources';
import { Duration } from '../core/duration';
import { DeclaredFaultExperiment, FaultExperimentKind, FaultExperimentRegistry } from '../core/fault-experiments';
import { PlatformKind } from '../core/platform';
import { RemovalPolicy } from '../core/removal-policy';
import { IResilienceTarget } from '../core/resilience';

/**
 * Props of {@link FaultExperiments.of}.
 */
export interface FaultExperimentsProps {
  /**
   * What the stack must survive (the same `ResilienceTarget` the resilience checks use). Experiments never inject more
   * than it tolerates: a zone experiment loses at most `zoneLoss` zones, and none when it is 0.
   * @default - survive the loss of 1 zone, detect failures within 1 minute
   */
  readonly target?: IResilienceTarget;
  /**
   * Which kinds of experiment to derive.
   * @default - every kind that applies to the stack's constructs: zone loss, instance loss, database failover and CPU stress
   */
  readonly kinds?: FaultExperimentKind[];
  /**
   * The zones a zone experiment loses: AWS zone names (`eu-west-1a`), or on Kubernetes the values of the nodes'
   * `topology.kubernetes.io/zone` label. At most the target's `zoneLoss`.
   * @default - AWS: the network's first `zoneLoss` zones; Kubernetes: none, and no zone experiment (the cluster's
   * zones are not known at synth time)
   */
  readonly zones?: string[];
  /**
   * How long faults that last are injected (zones lost, CPU stressed): 1 minute to 12 hours, whole seconds.
   * @default Duration.minutes(10)
   */
  readonly faultDuration?: Duration;
  /**
   * Constructs no experiment injects faults into, each with the reason. Leaving a construct out means nothing proves
   * that it survives the faults the target declares.
   * @default - every construct of the stack that reports fault targets
   */
  readonly exclude?: FaultExperimentOptOut[];
  /**
   * More CloudWatch alarms (by ARN) that stop every AWS experiment, e.g. a business metric's alarm.
   * @default - only the constructs' alarms that say users are affected
   */
  readonly stopConditionAlarmArns?: string[];
  /**
   * How long the experiment logs are kept (AWS; a retention CloudWatch Logs accepts).
   * @default Duration.days(365)
   */
  readonly logRetention?: Duration;
  /**
   * ARN of the KMS key encrypting the experiment log group (AWS; a key ARN, not an alias); its policy must let
   * CloudWatch Logs of the region use it.
   * @default - a customer-managed key with rotation is created
   */
  readonly logEncryptionKeyArn?: string;
  /**
   * Run the Kubernetes experiments as recurring game days: a Chaos Mesh Schedule per object, on this cron schedule
   * (e.g. `'0 10 * * 2'`, Tuesdays at 10:00, in the controller's time zone). The faults are then injected
   * automatically, without anyone starting them.
   * @default - no schedule: the Chaos Mesh objects are created paused and run on demand
   */
  readonly schedule?: string;
  /**
   * Add the `fault_experiments` Terraform output (AWS): each experiment's template id, hypothesis and stop
   * conditions, which CI reads to start the experiments.
   * @default true
   */
  readonly outputs?: boolean;
  /**
   * Tags added to every AWS resource.
   * @default - only the library's own tags (Name, construct path, managed-by)
   */
  readonly tags?: { [key: string]: string };
  /**
   * What happens to the AWS experiments' log group and its encryption key when Terraform would delete them
   * (`terraform destroy`, the experiments removed from the code, or replaced by a rename without `Refactor.move`).
   * `RemovalPolicy.DESTROY` lets them go: the record of every experiment run (what was injected, when, and what
   * stopped it) is lost with them, and logs encrypted with the key can no longer be read.
   * @default RemovalPolicy.RETAIN - `prevent_destroy` on the log group and the created key
   */
  readonly removalPolicy?: RemovalPolicy;
}

const ID = 'FaultExperiments';

/**
 * Fault experiments derived from the same declaration: what each construct of the stack reports (its fault targets
 * and resilience facts) and the stack's resilience target give every experiment its faults, its blast radius and its
 * hypothesis in numbers.
 *
 * ```ts
 * FaultExperiments.of(this, {
 *   target: ResilienceTarget.survive({ zoneLoss: 1, maxDetection: Duration.seconds(30) }),
 * });
 * ```
 *
 * - **AWS**: per experiment an AWS FIS experiment template (zone loss composed like the FIS scenario "AZ Availability:
 *   Power Interruption", instance loss, database failover, CPU stress), checked against a catalogue of FIS actions at
 *   synth; its own role allowed only its actions on this stack's resources; the constructs' alarms that say users are
 *   affected as stop conditions; logs to an encrypted log group. Nothing runs until an experiment is started.
 * - **Kubernetes**: Chaos Mesh objects (PodChaos, NetworkChaos, StressChaos) created paused, or Schedules.
 *
 * Declare it after every construct it should test (last in the stack): it reads them when it is created.
 */
export class FaultExperiments extends Construct {
  /**
   * The fault experiments of the stack that contains `scope`, declared on first use (as a child `FaultExperiments` of
   * the stack). Pass `props` once, in the first call.
   */
  public static of(scope: IConstruct, props?: FaultExperimentsProps): FaultExperiments {
    const stack = TerraformStack.of(scope);
    const existing = stack.node.tryFindChild(ID);
    if (existing !== undefined) {
      if (!(existing instanceof FaultExperiments)) {
        throw new Error(`FaultExperiments.of("${stack.node.path}"): the stack has a child named "${ID}"; rename it, the experiments need that id.`);
      }
      if (props !== undefined) {
        throw new Error(`FaultExperiments.of("${stack.node.path}"): the experiments are already declared on this stack; pass their props once, in the first call.`);
      }
      return existing;
    }
    return new FaultExperiments(stack, ID, props ?? {});
  }

  /** Every experiment declared: name, kind, platform, hypothesis, blast radius and stop conditions. */
  public readonly experiments: DeclaredFaultExperiment[];
  /**
   * What was created on AWS: the experiment templates, their roles and the log group.
   * @default - undefined when no AWS construct reports fault targets
   */
  public readonly aws?: FaultExperimentsAwsResources;
  /**
   * What was created on Kubernetes: the Chaos Mesh objects.
   * @default - undefined when no Kubernetes construct reports fault targets
   */
  public readonly kubernetes?: FaultExperimentsKubernetesResources;

  private constructor(scope: Construct, id: string, props: FaultExperimentsProps) {
    super(scope, id);
    validateFaultExperiments(this, props);
    const inventory = inventoryOf(this, props.exclude ?? []);
    const plan = planFaultExperiments(this, props, inventory);
    validatePlannedExperiments(this, plan);

    const onAws = plan.experiments.filter((e) => e.platform === PlatformKind.AWS);
    const onKubernetes = plan.experiments.filter((e) => e.platform === PlatformKind.KUBERNETES);
    let awsStopConditions: string[] = [];
    let manifests: string[][] = [];
    // Each platform's renderer is loaded on first use, so Kubernetes-only apps never load the AWS bindings.
    if (onAws.length > 0) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { renderAwsExperiments, stopConditionNames } = require('./aws') as typeof import('./aws');
      this.aws = renderAwsExperiments(this, plan, onAws);
      awsStopConditions = stopConditionNames(plan);
    }
    if (onKubernetes.length > 0) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { renderKubernetesExperiments } = require('./kubernetes') as typeof import('./kubernetes');
      const rendered = renderKubernetesExperiments(this, plan, onKubernetes);
      this.kubernetes = rendered.resources;
      manifests = rendered.perExperiment.map((list) => list.map((m) => m.node.path));
    }

    const stack = TerraformStack.of(this).node.path;
    const registry = FaultExperimentRegistry.of(this);
    this.experiments = plan.experiments.map((e): DeclaredFaultExperiment => {
      const aws = e.platform === PlatformKind.AWS;
      const resources = aws ? [this.aws!.templates[onAws.indexOf(e)].node.path] : manifests[onKubernetes.indexOf(e)];
      const declared: DeclaredFaultExperiment = {
        name: e.name,
        kind: e.kind,
        platform: e.platform,
        hypothesis: e.hypothesis,
        blastRadius: e.blastRadius,
        stopConditions: aws ? [...awsStopConditions] : [],
        constructPaths: e.constructs.map((c) => `${stack}/${c}`),
        resourcePaths: resources,
      };
      registry.register(declared);
      return declared;
    });

    for (const note of plan.notes) {
      Annotations.of(this).addWarning(`${KIND} "${this.node.path}": ${note}`);
    }
    if (plan.experiments.length === 0) {
      Annotations.of(this).addWarning(
        `${KIND} "${this.node.path}": no experiment was derived: no construct of the stack reports fault targets. Declare FaultExperiments last in the stack.`,
      );
    }
  }
}
