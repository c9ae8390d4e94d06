import { ConstructResilience, FaultExperimentEntry, FindingLevel, ResilienceFinding, ResilienceSuppression } from './findings';
import { ReportData, renderJson, renderMarkdown, renderTable } from './private/render';
import { ResilienceTarget } from './target';

/**
 * The result of the resilience checks on one stack: every finding (suppressed ones with their reason), every
 * suppression, and what each construct of this library tolerates. `ResilienceChecks` writes it as
 * `resilience-report.json` and `resilience-report.md` next to the stack's `cdk.tf.json`.
 */
export class ResilienceReport {
  /** @internal */
  public static _create(data: ReportData): ResilienceReport {
    return new ResilienceReport(data);
  }

  /** The stack's name (its construct id, also its directory in `cdktf.out/stacks`). */
  public readonly stackName: string;
  /** The declared target, if any. */
  public readonly target?: ResilienceTarget;
  /** Every finding: errors, warnings, then suppressed findings; each by rule and path. */
  public readonly findings: ResilienceFinding[];
  /** Every suppression in the stack (and its ancestors), with how many findings it silenced. */
  public readonly suppressions: ResilienceSuppression[];
  /** What each construct that reports resilience facts tolerates. */
  public readonly constructs: ConstructResilience[];
  /** Every fault experiment of the stack: its hypothesis, blast radius and stop conditions. */
  public readonly experiments: FaultExperimentEntry[];

  private readonly data: ReportData;

  private constructor(data: ReportData) {
    this.data = data;
    this.stackName = data.stackName;
    this.target = data.target;
    this.findings = data.findings;
    this.suppressions = data.suppressions;
    this.constructs = data.constructs;
    this.experiments = data.experiments ?? [];
  }

  /** The findings that fail the synth: unsuppressed errors. */
  public get errors(): ResilienceFinding[] {
    return this.findings.filter((f) => f.suppressionReason === undefined && f.level === FindingLevel.ERROR);
  }

  /** The unsuppressed warnings. */
  public get warnings(): ResilienceFinding[] {
    return this.findings.filter((f) => f.suppressionReason === undefined && f.level === FindingLevel.WARNING);
  }

  /** The findings silenced by a suppression. */
  public get suppressed(): ResilienceFinding[] {
    return this.findings.filter((f) => f.suppressionReason !== undefined);
  }

  /** The machine-readable report (`resilience-report.json`). */
  public toJson(): string {
    return renderJson(this.data);
  }

  /** The human report (`resilience-report.md`). */
  public toMarkdown(): string {
    return renderMarkdown(this.data);
  }

  /** The plain-text summary table that `cdktf synth` prints (an info annotation on the stack). */
  public toTable(): string {
    return renderTable(this.data);
  }
}
