import * as fs from 'fs';
import * as path from 'path';
import { AnnotationMetadataEntryType, App, IAspect, ISynthesisSession, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { FindingLevel, ResilienceRuleInfo, ResilienceSuppressionOptions } from './findings';
import { ReportFormat } from './options';
import type * as Evaluate from './private/evaluate';
import { appChecksOn, checksOn, isApp, registerOnApp, registerOnStack, stacksOf } from './private/registration';
import { findingMessage } from './private/render';
import { addSuppression, reasonProblem } from './private/suppressions';
import { validateChecksProps } from './private/validate';
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
   * Write the reports into the stack's output directory (`cdktf.out/stacks/<stack>/`, next to `cdk.tf.json`).
   * @default true
   */
  readonly writeReports?: boolean;
  /**
   * Which reports to write: `resilience-report.json`, `.md` (with a diagram of the failure domains), `.sarif`
   * (SARIF 2.1.0, for GitHub code scanning) and `.junit.xml` (JUnit XML, for a CI's test tab).
   * @default - all four: ReportFormat.JSON, ReportFormat.MARKDOWN, ReportFormat.SARIF, ReportFormat.JUNIT
   */
  readonly reportFormats?: ReportFormat[];
  /**
   * Add the summary table (what each construct tolerates, and every finding) as an info annotation on the stack,
   * which `cdktf synth` prints.
   * @default true
   */
  readonly printSummary?: boolean;
}

const RUNNER_ID = 'ResilienceChecksRunner';

/** The file each report format is written to. */
const REPORT_FILES: Record<ReportFormat, string> = {
  [ReportFormat.JSON]: 'resilience-report.json',
  [ReportFormat.MARKDOWN]: 'resilience-report.md',
  [ReportFormat.SARIF]: 'resilience-report.sarif',
  [ReportFormat.JUNIT]: 'resilience-report.junit.xml',
};

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
 * Proves at synth time that a stack (or every stack of an App) has no single point of failure: rules over every
 * Terraform resource of the stack (this library's, raw provider resources, other people's constructs), and an
 * optional target checked against what each construct of this library tolerates.
 *
 * ```ts
 * ResilienceChecks.of(app, {
 *   target: ResilienceTarget.survive({ zoneLoss: 1, maxDetection: Duration.seconds(30) }),
 * });
 * ResilienceChecks.suppress(db, 'FT-DB-1', 'dev database, no SLA');
 * ```
 *
 * Rules read the final Terraform configuration (`stack.toTerraform()`: what `cdk.tf.json` will hold, overrides
 * included). Each finding is an annotation on its resource: errors fail `cdktf synth` and `app.synth()`, warnings
 * do not. The summary table is an info annotation on the stack, and the reports (JSON, Markdown, SARIF, JUnit XML)
 * are written next to `cdk.tf.json`. `Testing.synth()` does not fail on error annotations: in unit tests use
 * `ResilienceFindings.fromStack(stack)` or the jest matcher `toPassResilienceChecks()`.
 */
export class ResilienceChecks implements IAspect {
  /** The file name of the machine-readable report, in the stack's output directory. */
  public static readonly REPORT_JSON_FILE = REPORT_FILES[ReportFormat.JSON];
  /** The file name of the human report, in the stack's output directory. */
  public static readonly REPORT_MARKDOWN_FILE = REPORT_FILES[ReportFormat.MARKDOWN];
  /** The file name of the SARIF 2.1.0 report, in the stack's output directory. */
  public static readonly REPORT_SARIF_FILE = REPORT_FILES[ReportFormat.SARIF];
  /** The file name of the JUnit XML report, in the stack's output directory. */
  public static readonly REPORT_JUNIT_FILE = REPORT_FILES[ReportFormat.JUNIT];

  /**
   * The checks of `scope`, declared on first use. Pass `props` once, in the first call.
   *
   * - An App: checks on every stack of the app (those added later too, until it synthesizes), each reported on
   *   its own. `app.synth()` synthesizes every stack and writes every report before it fails on the errors of
   *   any of them.
   * - A stack, or any construct in one: checks on that stack. A stack of an App with checks has its checks
   *   already; `of(stack)` returns them.
   */
  public static of(scope: IConstruct, props?: ResilienceChecksProps): ResilienceChecks {
    if (props !== undefined) {
      validateChecksProps(scope, props);
    }
    if (isApp(scope)) {
      const existing = appChecksOn<ResilienceChecks>(scope);
      if (existing) {
        if (props !== undefined) {
          throw new Error('ResilienceChecks.of(app): the checks are already declared on this app; pass their props once, in the first call.');
        }
        return existing;
      }
      const checks = new ResilienceChecks(scope, undefined, props ?? {});
      registerOnApp(scope, checks);
      return checks;
    }
    let stack: TerraformStack;
    try {
      stack = TerraformStack.of(scope);
    } catch {
      throw new Error(
        `ResilienceChecks.of("${scope.node.path}"): "${scope.node.path}" is neither an App nor in a TerraformStack; pass the App, a stack, or a construct in a stack.`,
      );
    }
    const existing = ResilienceChecks._checksOf(stack);
    if (existing) {
      if (props !== undefined) {
        const by = existing.app ? ' by ResilienceChecks.of(app)' : '';
        throw new Error(
          `ResilienceChecks.of("${stack.node.path}"): the checks are already declared on this stack${by}; pass their props once, in the first call.`,
        );
      }
      return existing;
    }
    return ResilienceChecks.declare(stack, props ?? {});
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

  /**
   * The checks of a stack: declared on it, or by the checks of its App (declared on the stack now if the app
   * declared them after the stack was created). `undefined` when the stack has none.
   * @internal
   */
  public static _checksOf(stack: TerraformStack): ResilienceChecks | undefined {
    const own = ResilienceChecks.onStack(stack);
    if (own) return own;
    let app: App | undefined;
    try {
      app = App.of(stack);
    } catch {
      return undefined;
    }
    const appChecks = appChecksOn<ResilienceChecks>(app);
    if (!appChecks) return undefined;
    appChecks._declareOn(stack);
    return ResilienceChecks.onStack(stack);
  }

  /**
   * Runs checks with `props` on a stack once, without declaring them (nothing annotated or written): the report.
   * @internal
   */
  public static _evaluateUndeclared(stack: TerraformStack, props: ResilienceChecksProps): ResilienceReport {
    validateChecksProps(stack, props);
    return new ResilienceChecks(stack, stack, props).reportNow(stack).report;
  }

  private static onStack(stack: TerraformStack): ResilienceChecks | undefined {
    return checksOn<ResilienceChecks>(stack);
  }

  private static declare(stack: TerraformStack, props: ResilienceChecksProps, app?: App): ResilienceChecks {
    const checks = new ResilienceChecks(stack, stack, props, app);
    registerOnStack(stack, checks, app);
    return checks;
  }

  /** The App or stack the checks were declared on. */
  public readonly scope: IConstruct;
  /**
   * The stack the checks run on.
   * @default - none: the checks of an App run on each of its stacks (`ResilienceChecks.of(stack)` returns them)
   */
  public readonly stack?: TerraformStack;
  /** The declared target, if any. */
  public readonly target?: ResilienceTarget;
  /** Whether warnings fail the synth too. */
  public readonly warningsAsErrors: boolean;

  private readonly props: ResilienceChecksProps;
  private readonly app?: App;
  private readonly writeReports: boolean;
  private readonly printSummary: boolean;
  private readonly reportFormats: ReportFormat[];
  private lastReport?: ResilienceReport;
  private deferErrors = false;
  private deferred: Array<{ construct: IConstruct; message: string }> = [];

  private constructor(scope: IConstruct, stack: TerraformStack | undefined, props: ResilienceChecksProps, app?: App) {
    this.scope = scope;
    this.stack = stack;
    this.app = app;
    this.props = props;
    this.target = props.target;
    this.warningsAsErrors = props.warningsAsErrors ?? false;
    this.writeReports = props.writeReports ?? true;
    this.printSummary = props.printSummary ?? true;
    this.reportFormats = props.reportFormats ?? [ReportFormat.JSON, ReportFormat.MARKDOWN, ReportFormat.SARIF, ReportFormat.JUNIT];
  }

  /**
   * The report of the last synth of the stack (`undefined` before the first, and on the checks of an App: read
   * `reports`). `Testing.synth(stack)` runs the checks too.
   */
  public get report(): ResilienceReport | undefined {
    return this.lastReport;
  }

  /**
   * The reports of the last synth, one per stack in synthesis order: every stack of an App (a stack not yet
   * synthesized is left out), or the one stack.
   */
  public get reports(): ResilienceReport[] {
    if (this.stack) {
      return this.lastReport ? [this.lastReport] : [];
    }
    return stacksOf(this.scope)
      .map((s) => ResilienceChecks.onStack(s)?.report)
      .filter((r): r is ResilienceReport => r !== undefined);
  }

  /**
   * Runs the checks now and returns the report, without annotating or writing anything. Aspects and overrides
   * that are applied at synth time are not seen yet; prefer `report` after a synth. On the checks of an App this
   * throws: call it on a stack's checks (`ResilienceChecks.of(stack).evaluate()`).
   */
  public evaluate(): ResilienceReport {
    if (!this.stack) {
      throw new Error('ResilienceChecks.of(app).evaluate(): the checks of an App evaluate one stack at a time; call ResilienceChecks.of(stack).evaluate().');
    }
    return this.reportNow(this.stack).report;
  }

  /**
   * Declares checks with the app's props on one of its stacks.
   * @internal
   */
  public _declareOn(stack: TerraformStack): void {
    if (!ResilienceChecks.onStack(stack)) {
      ResilienceChecks.declare(stack, this.props, this.scope as App);
    }
  }

  /** Called by cdktf for every construct of the stack during synthesis. */
  public visit(node: IConstruct): void {
    if (!this.stack) {
      return;
    }
    if (node === this.stack) {
      this.placeRunner(this.stack);
    } else if (node instanceof ChecksRunner && node.checks === this) {
      this.run(this.stack);
    }
  }

  /**
   * Called by the stack's synthesizer before `app.synth()` synthesizes the stack.
   * @internal
   */
  public _beginSynthesis(deferErrors: boolean): void {
    this.deferErrors = deferErrors;
    this.deferred = [];
  }

  /**
   * Called by the stack's synthesizer once its `cdk.tf.json` is written: adds the deferred error annotations (to
   * the constructs and the stack's manifest) and returns them as cdktf words them.
   * @internal
   */
  public _endSynthesis(session: ISynthesisSession): string[] {
    const deferred = this.deferred;
    this.deferErrors = false;
    this.deferred = [];
    if (!this.stack) {
      return [];
    }
    if (this.writeReports && this.lastReport && this.reportFormats.includes(ReportFormat.SARIF)) {
      // cdk.tf.json is written now: point each result at its resource's line.
      const dir = path.join(session.outdir, 'stacks', this.stack.node.id);
      if (fs.existsSync(dir)) {
        fs.writeFileSync(path.join(dir, REPORT_FILES[ReportFormat.SARIF]), this.lastReport.toSarif(path.join(dir, 'cdk.tf.json')));
      }
    }
    if (deferred.length === 0) {
      return [];
    }
    const manifest = session.manifest.forStack(this.stack);
    const annotations = [...(manifest.annotations ?? [])];
    for (const { construct, message } of deferred) {
      annotate(construct, AnnotationMetadataEntryType.ERROR, message);
      annotations.push({ constructPath: construct.node.path, level: AnnotationMetadataEntryType.ERROR as any, message });
    }
    (manifest as { annotations: typeof annotations }).annotations = annotations;
    return deferred.map(({ construct, message }) => `[${construct.node.path}] ${message}`);
  }

  /** Puts the runner last among the stack's children (again on every synth: constructs may have been added). */
  private placeRunner(stack: TerraformStack): void {
    const existing = stack.node.tryFindChild(RUNNER_ID);
    if (existing !== undefined) {
      if (!(existing instanceof ChecksRunner)) {
        throw new Error(`ResilienceChecks: the stack "${stack.node.path}" has a child named "${RUNNER_ID}"; rename it, the checks need that id.`);
      }
      stack.node.tryRemoveChild(RUNNER_ID);
    }
    new ChecksRunner(stack, this);
  }

  private reportNow(stack: TerraformStack): { report: ResilienceReport; evaluation: Evaluate.Evaluation } {
    const evaluation = rules().evaluateStack(stack, { target: this.target, warningsAsErrors: this.warningsAsErrors });
    const report = ResilienceReport._create({
      stackName: stack.node.id,
      stackPath: stack.node.path,
      target: this.target,
      findings: evaluation.findings.map((f) => f.finding),
      suppressions: evaluation.suppressions,
      constructs: evaluation.constructs,
      topology: evaluation.topology,
      resourceTypes: evaluation.resourceTypes,
    });
    return { report, evaluation };
  }

  private run(stack: TerraformStack): void {
    const { report, evaluation } = this.reportNow(stack);
    this.lastReport = report;

    for (const { finding, construct } of evaluation.findings) {
      if (finding.suppressionReason !== undefined) {
        continue;
      }
      const message = findingMessage(finding);
      const scope = construct ?? stack;
      if (finding.level === FindingLevel.ERROR && this.deferErrors) {
        this.deferred.push({ construct: scope, message });
      } else {
        annotate(scope, finding.level === FindingLevel.ERROR ? AnnotationMetadataEntryType.ERROR : AnnotationMetadataEntryType.WARN, message);
      }
    }
    if (this.printSummary) {
      annotate(stack, AnnotationMetadataEntryType.INFO, report.toTable());
    }
    if (this.writeReports) {
      this.write(stack, report);
    }
  }

  private write(stack: TerraformStack, report: ResilienceReport): void {
    let outdir: string;
    try {
      outdir = App.of(stack).outdir;
    } catch {
      return; // a stack outside an App has no output directory
    }
    // The directory cdktf writes the stack's cdk.tf.json to (Manifest.stacksFolder/<stack id>).
    const dir = path.join(outdir, 'stacks', stack.node.id);
    fs.mkdirSync(dir, { recursive: true });
    for (const format of new Set(this.reportFormats)) {
      fs.writeFileSync(path.join(dir, REPORT_FILES[format]), report._render(format, path.join(dir, 'cdk.tf.json')));
    }
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
