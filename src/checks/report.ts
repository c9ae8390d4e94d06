import * as fs from 'fs';
import { ConstructResilience, FindingLevel, ResilienceFinding, ResilienceRuleInfo, ResilienceSuppression } from './findings';
import { ReportFormat } from './options';
import type * as Evaluate from './private/evaluate';
import { ReportData, renderJson, renderMarkdown, renderTable } from './private/render';
import type * as Junit from './private/render-junit';
import type * as Sarif from './private/render-sarif';
import { ResilienceTarget } from './target';

/** The rule catalogue, loaded when first needed. */
function allRules(): ResilienceRuleInfo[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./private/evaluate') as typeof Evaluate).ALL_RULES;
}

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
  /** The stack's construct path. */
  public readonly stackPath: string;
  /** The declared target, if any. */
  public readonly target?: ResilienceTarget;
  /** Every finding: errors, warnings, then suppressed findings; each by rule and path. */
  public readonly findings: ResilienceFinding[];
  /** Every suppression in the stack (and its ancestors), with how many findings it silenced. */
  public readonly suppressions: ResilienceSuppression[];
  /** What each construct that reports resilience facts tolerates. */
  public readonly constructs: ConstructResilience[];

  private readonly data: ReportData;

  private constructor(data: ReportData) {
    this.data = data;
    this.stackName = data.stackName;
    this.stackPath = data.stackPath;
    this.target = data.target;
    this.findings = data.findings;
    this.suppressions = data.suppressions;
    this.constructs = data.constructs;
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

  /**
   * The SARIF 2.1.0 report (`resilience-report.sarif`), for GitHub code scanning and other SARIF viewers.
   * @param tfJsonFile the stack's `cdk.tf.json`, where results are located (relative to the working directory when
   * inside it); when the file exists, each result points at its resource's line
   * @default - `cdk.tf.json`
   */
  public toSarif(tfJsonFile?: string): string {
    const file = tfJsonFile ?? 'cdk.tf.json';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sarif = require('./private/render-sarif') as typeof Sarif;
    let lines: Map<string, number> | undefined;
    try {
      lines = sarif.resourceLines(fs.readFileSync(file, 'utf8'));
    } catch {
      lines = undefined; // not written yet: the results point at the file
    }
    return sarif.renderSarif(this.data, allRules(), file, lines);
  }

  /** The JUnit XML report (`resilience-report.junit.xml`): one test case per rule, failing on its errors. */
  public toJunitXml(): string {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('./private/render-junit') as typeof Junit).renderJunit(this.data, allRules());
  }

  /**
   * The report in one format, as written next to the stack's `cdk.tf.json`.
   * @internal
   */
  public _render(format: ReportFormat, tfJsonFile: string): string {
    switch (format) {
      case ReportFormat.JSON:
        return this.toJson();
      case ReportFormat.MARKDOWN:
        return this.toMarkdown();
      case ReportFormat.SARIF:
        return this.toSarif(tfJsonFile);
      case ReportFormat.JUNIT:
        return this.toJunitXml();
    }
  }
}
