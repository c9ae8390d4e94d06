import { TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { FindingKind, ResilienceFinding } from './findings';
import { ResilienceReport } from './report';
import { ResilienceChecks, ResilienceChecksProps } from './resilience-checks';

/**
 * Which findings an assertion of {@link ResilienceFindings} is about. Every field given must match; none given
 * matches every finding.
 */
export interface ResilienceFindingQuery {
  /**
   * The rule, e.g. `FT-DB-1`.
   * @default - any rule
   */
  readonly ruleId?: string;
  /**
   * A construct: findings on it and on everything below it (a construct of this library, a resource, a stack).
   * @default - anywhere in the stack
   */
  readonly construct?: IConstruct;
  /**
   * A construct path, full (`web/db`) or below the stack (`db`): findings on it and on everything below it.
   * @default - anywhere in the stack
   */
  readonly path?: string;
  /**
   * The Terraform address of the resource, e.g. `aws_db_instance.db_Instance_1A2B3C4D`.
   * @default - any resource
   */
  readonly resourceAddress?: string;
  /**
   * Text the finding's detail (what was found on the resource) contains.
   * @default - any detail
   */
  readonly detailContains?: string;
  /**
   * Text the reason of the suppression contains (matches suppressed findings only).
   * @default - any reason
   */
  readonly reasonContains?: string;
  /**
   * Non-compliant, or unresolvable (a value known only at deploy time).
   * @default - either
   */
  readonly kind?: FindingKind;
}

/**
 * Assertions on the findings of the resilience checks of one stack, in the style of AWS CDK's
 * `Annotations.fromStack(stack).hasError(...)`: for unit tests in any jsii language (an assertion that fails
 * throws an error that lists what was found instead).
 *
 * ```ts
 * const findings = ResilienceFindings.fromStack(stack);
 * findings.hasNoError();
 * findings.hasWarning({ ruleId: 'FT-DB-12', construct: db });
 * findings.hasSuppressed({ ruleId: 'FT-DB-1', reasonContains: 'no SLA' });
 * ```
 */
export class ResilienceFindings {
  /**
   * Synthesizes the stack (like `Testing.synth`, which runs every aspect) and takes the findings of its checks:
   * the checks declared on the stack or its App, or, when none are, checks with `props` run once without being
   * declared.
   * @param props the checks to run when the stack declares none; refused when it does (its own props apply)
   * @default - the declared checks, or checks with default props
   */
  public static fromStack(stack: TerraformStack, props?: ResilienceChecksProps): ResilienceFindings {
    if (!TerraformStack.isStack(stack)) {
      throw new Error(`ResilienceFindings.fromStack: expected a TerraformStack, got ${describe(stack)}.`);
    }
    const declared = ResilienceChecks._checksOf(stack);
    if (declared && props !== undefined) {
      throw new Error(
        `ResilienceFindings.fromStack("${stack.node.path}"): the stack declares its checks, whose props apply; call fromStack(stack) without props.`,
      );
    }
    Testing.synth(stack);
    const report = declared ? declared.report : ResilienceChecks._evaluateUndeclared(stack, props ?? {});
    if (!report) {
      throw new Error(`ResilienceFindings.fromStack("${stack.node.path}"): the checks did not run during the synth.`);
    }
    return new ResilienceFindings(report);
  }

  /** The findings of a report (e.g. `ResilienceChecks.of(stack).report` after a synth). */
  public static fromReport(report: ResilienceReport): ResilienceFindings {
    if (!(report instanceof ResilienceReport)) {
      throw new Error(`ResilienceFindings.fromReport: expected a ResilienceReport, got ${describe(report)}.`);
    }
    return new ResilienceFindings(report);
  }

  /** The report the assertions read. */
  public readonly report: ResilienceReport;

  private constructor(report: ResilienceReport) {
    this.report = report;
  }

  /** Whether the stack passes: no unsuppressed error. */
  public get passed(): boolean {
    return this.report.errors.length === 0;
  }

  /** The unsuppressed errors matching the query. */
  public findErrors(query: ResilienceFindingQuery = {}): ResilienceFinding[] {
    return this.find(this.report.errors, query, 'findErrors');
  }

  /** The unsuppressed warnings matching the query. */
  public findWarnings(query: ResilienceFindingQuery = {}): ResilienceFinding[] {
    return this.find(this.report.warnings, query, 'findWarnings');
  }

  /** The suppressed findings matching the query. */
  public findSuppressed(query: ResilienceFindingQuery = {}): ResilienceFinding[] {
    return this.find(this.report.suppressed, query, 'findSuppressed');
  }

  /** Asserts that at least one unsuppressed error matches the query. */
  public hasError(query: ResilienceFindingQuery): void {
    this.expectSome('hasError', 'an error', this.report.errors, query);
  }

  /** Asserts that no unsuppressed error matches the query (none at all without one). */
  public hasNoError(query: ResilienceFindingQuery = {}): void {
    this.expectNone('hasNoError', 'error', this.report.errors, query);
  }

  /** Asserts that at least one unsuppressed warning matches the query. */
  public hasWarning(query: ResilienceFindingQuery): void {
    this.expectSome('hasWarning', 'a warning', this.report.warnings, query);
  }

  /** Asserts that no unsuppressed warning matches the query (none at all without one). */
  public hasNoWarning(query: ResilienceFindingQuery = {}): void {
    this.expectNone('hasNoWarning', 'warning', this.report.warnings, query);
  }

  /** Asserts that at least one suppressed finding matches the query. */
  public hasSuppressed(query: ResilienceFindingQuery): void {
    this.expectSome('hasSuppressed', 'a suppressed finding', this.report.suppressed, query);
  }

  /** Asserts that no suppressed finding matches the query (none at all without one). */
  public hasNoSuppressed(query: ResilienceFindingQuery = {}): void {
    this.expectNone('hasNoSuppressed', 'suppressed finding', this.report.suppressed, query);
  }

  /** Every finding of the stack as lines for an assertion's message. */
  public toString(): string {
    return listing(this.report);
  }

  private find(list: ResilienceFinding[], query: ResilienceFindingQuery, method: string): ResilienceFinding[] {
    const q = this.checkQuery(query, method);
    return list.filter((f) => this.matches(f, q));
  }

  private expectSome(method: string, what: string, list: ResilienceFinding[], query: ResilienceFindingQuery): void {
    if (this.find(list, query, method).length > 0) return;
    throw new Error(
      `${this.where(method)}: expected ${what} matching ${describeQuery(query)}, found none.\n${listing(this.report)}`,
    );
  }

  private expectNone(method: string, what: string, list: ResilienceFinding[], query: ResilienceFindingQuery): void {
    const found = this.find(list, query, method);
    if (found.length === 0) return;
    const matching = Object.keys(query).length > 0 ? ` matching ${describeQuery(query)}` : '';
    throw new Error(
      `${this.where(method)}: expected no ${what}${matching}, found ${found.length}:\n` +
        found.map((f) => `${line(this.report, f)}\n    Fix: ${f.explanation}`).join('\n'),
    );
  }

  private where(method: string): string {
    return `ResilienceFindings.${method} on stack "${this.report.stackName}"`;
  }

  private checkQuery(query: ResilienceFindingQuery, method: string): ResilienceFindingQuery {
    const problems: string[] = [];
    if (query === null || typeof query !== 'object' || Array.isArray(query)) {
      throw new Error(`${this.where(method)}: the query must be an object like { ruleId: 'FT-DB-1' }, got ${describe(query)}.`);
    }
    for (const key of ['ruleId', 'path', 'resourceAddress', 'detailContains', 'reasonContains'] as const) {
      const value = query[key];
      if (value !== undefined && (typeof value !== 'string' || value === '')) {
        problems.push(`\`${key}\` must be a non-empty string, got ${describe(value)}.`);
      }
    }
    if (typeof query.ruleId === 'string' && query.ruleId !== '' && !ResilienceChecks.rules().some((r) => r.id === query.ruleId)) {
      problems.push(`\`ruleId\` must be a rule of the catalogue (RULES.md, ResilienceChecks.rules()), got ${JSON.stringify(query.ruleId)}.`);
    }
    if (query.construct !== undefined && !isConstruct(query.construct)) {
      problems.push(`\`construct\` must be a construct (e.g. the database), got ${describe(query.construct)}.`);
    }
    if (query.kind !== undefined && !Object.values(FindingKind).includes(query.kind)) {
      problems.push(`\`kind\` must be FindingKind.NON_COMPLIANT or FindingKind.UNRESOLVABLE, got ${describe(query.kind)}.`);
    }
    const unknown = Object.keys(query).filter(
      (k) => !['ruleId', 'construct', 'path', 'resourceAddress', 'detailContains', 'reasonContains', 'kind'].includes(k),
    );
    if (unknown.length > 0) {
      problems.push(`unknown ${unknown.length === 1 ? 'field' : 'fields'} ${unknown.map((k) => `\`${k}\``).join(', ')}: a query has ruleId, construct, path, resourceAddress, detailContains, reasonContains and kind.`);
    }
    if (problems.length > 0) {
      throw new Error(`${this.where(method)}: invalid query:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
    return query;
  }

  private matches(f: ResilienceFinding, q: ResilienceFindingQuery): boolean {
    if (q.ruleId !== undefined && f.ruleId !== q.ruleId) return false;
    if (q.construct !== undefined && !below(f.constructPath, q.construct.node.path)) return false;
    if (q.path !== undefined) {
      const stackPath = this.report.stackPath;
      const full = q.path === stackPath || q.path.startsWith(`${stackPath}/`) ? q.path : `${stackPath}/${q.path}`;
      if (!below(f.constructPath, full)) return false;
    }
    if (q.resourceAddress !== undefined && f.resourceAddress !== q.resourceAddress) return false;
    if (q.detailContains !== undefined && !f.detail.includes(q.detailContains)) return false;
    if (q.reasonContains !== undefined && !(f.suppressionReason ?? '').includes(q.reasonContains)) return false;
    if (q.kind !== undefined && f.kind !== q.kind) return false;
    return true;
  }
}

function below(path: string, scope: string): boolean {
  return scope === '' || path === scope || path.startsWith(`${scope}/`);
}

function isConstruct(value: unknown): value is IConstruct {
  return typeof value === 'object' && value !== null && typeof (value as IConstruct).node?.path === 'string';
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (isConstruct(value)) return `the construct "${value.node.path}"`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' && value !== null) return value.constructor?.name && value.constructor.name !== 'Object' ? `a ${value.constructor.name}` : 'an object';
  return String(value);
}

function describeQuery(query: ResilienceFindingQuery): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${isConstruct(v) ? `"${v.node.path}"` : JSON.stringify(v)}`);
  return parts.length === 0 ? 'anything' : `{ ${parts.join(', ')} }`;
}

/** `  - FT-LB-1 lb (aws_lb.lb): detail` */
function line(report: ResilienceReport, f: ResilienceFinding): string {
  const path = f.constructPath.startsWith(`${report.stackPath}/`) ? f.constructPath.slice(report.stackPath.length + 1) : f.constructPath;
  const address = f.resourceAddress ? ` (${f.resourceAddress})` : '';
  const unresolvable = f.kind === FindingKind.UNRESOLVABLE ? ' [unresolvable]' : '';
  const reason = f.suppressionReason !== undefined ? ` - suppressed: ${f.suppressionReason}` : '';
  const detail = f.detail ? ` ${f.detail[0].toUpperCase()}${f.detail.slice(1)}.` : '';
  return `  - ${f.ruleId} ${path}${address}${unresolvable}: ${f.info}${detail}${reason}`;
}

/** Every finding of a report, grouped by status. */
function listing(report: ResilienceReport): string {
  const groups: Array<[string, ResilienceFinding[]]> = [
    ['Errors', report.errors],
    ['Warnings', report.warnings],
    ['Suppressed', report.suppressed],
  ];
  const text = groups.filter(([, list]) => list.length > 0).map(([title, list]) => `${title}:\n${list.map((f) => line(report, f)).join('\n')}`);
  return text.length > 0 ? text.join('\n') : 'The stack has no finding.';
}
