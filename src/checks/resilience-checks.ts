import * as fs from 'fs';
import * as path from 'path';
import { AnnotationMetadataEntryType, App, Aspects, IAspect, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { FindingLevel, ResilienceRuleInfo, ResilienceSuppressionOptions } from './findings';
import type * as Evaluate from './private/evaluate';
import { findingMessage } from './private/render';
import { addSuppression, reasonProblem } from './private/suppressions';
import { ResilienceReport } from './report';
import { ResilienceTarget } from './target';

/**
 * Props of {@link ResilienceChecks.of}.
 */
export interface ResilienceChecksProps {
  /**
   * What the stack must survive. Each construct of this library that reports resilience facts is checked against
   * it (rules FT-TARGET-1 to FT-TARGET-4); its `maxDetection` also bounds the detection-time rules.
   * @default - no target: only the resource rules run, and detection time is bounded by one minute
   */
  readonly target?: ResilienceTarget;
  /**
   * Report warnings (and unresolvable values) as errors, so that they fail the synth too.
   * @default false
   */
  readonly warningsAsErrors?: boolean;
  /**
   * Write `resilience-report.json` and `resilience-report.md` into the stack's output directory
   * (`cdktf.out/stacks/<stack>/`, next to `cdk.tf.json`).
   * @default true
   */
  readonly writeReports?: boolean;
  /**
   * Add the summary table (what each construct tolerates, and every finding) as an info annotation on the stack,
   * which `cdktf synth` prints.
   * @default true
   */
  readonly printSummary?: boolean;
}

const CHECKS = Symbol.for('cdktf-fault-tolerance.ResilienceChecks');
const RUNNER_ID = 'ResilienceChecksRunner';

/**
 * The construct the checks place as the last child of the stack: aspects visit it after every other construct,
 * so the checks see each resource after all aspects and overrides have been applied.
 */
class ChecksRunner extends Construct {
  constructor(scope: Construct, public readonly checks: ResilienceChecks) {
    super(scope, RUNNER_ID);
  }
}

/**
 * Proves at synth time that a stack has no single point of failure: rules over every Terraform resource of the
 * stack (this library's, raw provider resources, other people's constructs), and an optional target checked
 * against what each construct of this library tolerates.
 *
 * ```ts
 * ResilienceChecks.of(stack, {
 *   target: ResilienceTarget.survive({ zoneLoss: 1, maxDetection: Duration.seconds(30) }),
 * });
 * ResilienceChecks.suppress(db, 'FT-DB-1', 'dev database, no SLA');
 * ```
 *
 * Rules read the final Terraform configuration (`stack.toTerraform()`: what `cdk.tf.json` will hold, overrides
 * included). Each finding is an annotation on its resource: errors fail `cdktf synth` and `app.synth()`, warnings
 * do not. The summary table is an info annotation on the stack, and the JSON and Markdown reports are written next
 * to `cdk.tf.json`. `Testing.synth()` does not fail on error annotations; read `checks.report` in unit tests.
 */
export class ResilienceChecks implements IAspect {
  /** The file name of the machine-readable report, in the stack's output directory. */
  public static readonly REPORT_JSON_FILE = 'resilience-report.json';
  /** The file name of the human report, in the stack's output directory. */
  public static readonly REPORT_MARKDOWN_FILE = 'resilience-report.md';

  /**
   * The checks of the stack that contains `scope`, declared on first use. Pass `props` once, in the first call.
   */
  public static of(scope: IConstruct, props?: ResilienceChecksProps): ResilienceChecks {
    const stack = TerraformStack.of(scope);
    const existing: ResilienceChecks | undefined = (stack as any)[CHECKS];
    if (existing) {
      if (props !== undefined) {
        throw new Error(
          `ResilienceChecks.of("${stack.node.path}"): the checks are already declared on this stack; pass their props once, in the first call.`,
        );
      }
      return existing;
    }
    const checks = new ResilienceChecks(stack, props ?? {});
    Object.defineProperty(stack, CHECKS, { value: checks, enumerable: false });
    Aspects.of(stack).add(checks);
    return checks;
  }

  /**
   * Silences a rule on a construct and everything below it (or, with `appliesTo`, on one finding), with a written
   * reason that the report shows.
   *
   * @param scope the construct (a resource, a construct of this library, or a whole stack)
   * @param ruleId the rule, e.g. `FT-DB-1`
   * @param reason why this is acceptable, as a sentence: `'dev database, no SLA'`
   */
  public static suppress(scope: IConstruct, ruleId: string, reason: string, options: ResilienceSuppressionOptions = {}): void {
    const where = `ResilienceChecks.suppress("${scope.node.path}", ${JSON.stringify(ruleId)})`;
    if (!rules().ALL_RULES.some((r) => r.id === ruleId)) {
      throw new Error(`${where}: unknown rule; the rules are listed in RULES.md and by ResilienceChecks.rules().`);
    }
    const problem = reasonProblem(reason);
    if (problem) {
      throw new Error(
        `${where}: the reason ${problem}, got ${JSON.stringify(reason)}. ` +
          "Write who accepts the risk and why, e.g. 'dev database, no SLA'.",
      );
    }
    if (options.appliesTo !== undefined && (typeof options.appliesTo !== 'string' || options.appliesTo.trim() === '')) {
      throw new Error(`${where}: \`appliesTo\` must name a finding id, a construct path or a Terraform address, got ${JSON.stringify(options.appliesTo)}.`);
    }
    addSuppression(scope, { ruleId, reason: reason.trim(), appliesTo: options.appliesTo });
  }

  /** Every rule: id, level, one-line info and explanation (the content of RULES.md). */
  public static rules(): ResilienceRuleInfo[] {
    return rules().ALL_RULES.map((r) => ({ ...r, resourceTypes: [...r.resourceTypes] }));
  }

  /** The stack the checks run on. */
  public readonly stack: TerraformStack;
  /** The declared target, if any. */
  public readonly target?: ResilienceTarget;
  /** Whether warnings fail the synth too. */
  public readonly warningsAsErrors: boolean;

  private readonly writeReports: boolean;
  private readonly printSummary: boolean;
  private lastReport?: ResilienceReport;

  private constructor(stack: TerraformStack, props: ResilienceChecksProps) {
    if (props.target !== undefined && !(props.target instanceof ResilienceTarget)) {
      throw new Error(`ResilienceChecks.of("${stack.node.path}"): \`target\` must be a ResilienceTarget, e.g. ResilienceTarget.survive({ zoneLoss: 1 }).`);
    }
    this.stack = stack;
    this.target = props.target;
    this.warningsAsErrors = props.warningsAsErrors ?? false;
    this.writeReports = props.writeReports ?? true;
    this.printSummary = props.printSummary ?? true;
  }

  /**
   * The report of the last synth (`undefined` before the first). `Testing.synth(stack)` runs the checks too.
   */
  public get report(): ResilienceReport | undefined {
    return this.lastReport;
  }

  /**
   * Runs the checks now and returns the report, without annotating or writing anything. Aspects and overrides
   * that are applied at synth time are not seen yet; prefer `report` after a synth.
   */
  public evaluate(): ResilienceReport {
    const evaluation = rules().evaluateStack(this.stack, { target: this.target, warningsAsErrors: this.warningsAsErrors });
    return ResilienceReport._create({
      stackName: this.stack.node.id,
      stackPath: this.stack.node.path,
      target: this.target,
      findings: evaluation.findings.map((f) => f.finding),
      suppressions: evaluation.suppressions,
      constructs: evaluation.constructs,
      experiments: evaluation.experiments,
    });
  }

  /** Called by cdktf for every construct of the stack during synthesis. */
  public visit(node: IConstruct): void {
    if (node === this.stack) {
      this.placeRunner();
    } else if (node instanceof ChecksRunner && node.checks === this) {
      this.run();
    }
  }

  /** Puts the runner last among the stack's children (again on every synth: constructs may have been added). */
  private placeRunner(): void {
    const existing = this.stack.node.tryFindChild(RUNNER_ID);
    if (existing !== undefined) {
      if (!(existing instanceof ChecksRunner)) {
        throw new Error(`ResilienceChecks: the stack "${this.stack.node.path}" has a child named "${RUNNER_ID}"; rename it, the checks need that id.`);
      }
      this.stack.node.tryRemoveChild(RUNNER_ID);
    }
    new ChecksRunner(this.stack, this);
  }

  private run(): void {
    const evaluation = rules().evaluateStack(this.stack, { target: this.target, warningsAsErrors: this.warningsAsErrors });
    const report = ResilienceReport._create({
      stackName: this.stack.node.id,
      stackPath: this.stack.node.path,
      target: this.target,
      findings: evaluation.findings.map((f) => f.finding),
      suppressions: evaluation.suppressions,
      constructs: evaluation.constructs,
      experiments: evaluation.experiments,
    });
    this.lastReport = report;

    for (const { finding, construct } of evaluation.findings) {
      if (finding.suppressionReason !== undefined) {
        continue;
      }
      const type = finding.level === FindingLevel.ERROR ? AnnotationMetadataEntryType.ERROR : AnnotationMetadataEntryType.WARN;
      annotate(construct ?? this.stack, type, findingMessage(finding));
    }
    if (this.printSummary) {
      annotate(this.stack, AnnotationMetadataEntryType.INFO, report.toTable());
    }
    if (this.writeReports) {
      this.write(report);
    }
  }

  private write(report: ResilienceReport): void {
    let outdir: string;
    try {
      outdir = App.of(this.stack).outdir;
    } catch {
      return; // a stack outside an App has no output directory
    }
    // The directory cdktf writes the stack's cdk.tf.json to (Manifest.stacksFolder/<stack id>).
    const dir = path.join(outdir, 'stacks', this.stack.node.id);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, ResilienceChecks.REPORT_JSON_FILE), report.toJson());
    fs.writeFileSync(path.join(dir, ResilienceChecks.REPORT_MARKDOWN_FILE), report.toMarkdown());
  }
}

/**
 * Adds an annotation the way `Annotations.of(scope).addError()` does (cdktf collects it into the manifest and fails
 * the synth on errors), without the stack trace of this library's code, and only once per synth-repeated message.
 */
function annotate(scope: IConstruct, type: AnnotationMetadataEntryType, message: string): void {
  if (scope.node.metadata.some((m) => m.type === type && m.data === message)) {
    return;
  }
  scope.node.addMetadata(type, message);
}

/** The rules and their evaluation, loaded when first needed so that requiring the library stays cheap. */
function rules(): typeof Evaluate {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./private/evaluate') as typeof Evaluate;
}
