import { Duration } from '../../core/duration';
import { PlatformKind } from '../../core/platform';
import { CapabilityKind } from '../../core/resilience';
import { ConstructResilience, FindingKind, FindingLevel, ResilienceFinding, ResilienceSuppression } from '../findings';
import { ResilienceTarget } from '../target';
import { renderMermaid } from './render-mermaid';
import type { Topology } from './topology';

/** What the renderers need from a report. */
export interface ReportData {
  readonly stackName: string;
  readonly stackPath: string;
  readonly target?: ResilienceTarget;
  readonly findings: ResilienceFinding[];
  readonly suppressions: ResilienceSuppression[];
  readonly constructs: ConstructResilience[];
  /** The failure domains, for the diagram (absent in reports built by hand). */
  readonly topology?: Topology;
  /** The resource types the stack manages. */
  readonly resourceTypes?: string[];
}

function seconds(d: Duration | undefined): number | null {
  return d === undefined || d.isUnresolved ? null : d.toMilliseconds() / 1000;
}

function human(d: Duration | undefined): string {
  return d === undefined ? '-' : d.toHumanString();
}

function relative(data: ReportData, path: string): string {
  return path.startsWith(`${data.stackPath}/`) ? path.slice(data.stackPath.length + 1) : path;
}

function active(data: ReportData): ResilienceFinding[] {
  return data.findings.filter((f) => f.suppressionReason === undefined);
}

function counts(data: ReportData): { errors: number; warnings: number; suppressed: number } {
  const open = active(data);
  return {
    errors: open.filter((f) => f.level === FindingLevel.ERROR).length,
    warnings: open.filter((f) => f.level === FindingLevel.WARNING).length,
    suppressed: data.findings.length - open.length,
  };
}

function plural(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

/** `2 errors, 1 warning, 1 suppressed` */
export function summaryLine(data: ReportData): string {
  const c = counts(data);
  return `${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${c.suppressed} suppressed`;
}

/** The one-line message of a finding, as annotated on its construct. */
export function findingMessage(f: ResilienceFinding): string {
  const unresolvable = f.kind === FindingKind.UNRESOLVABLE ? ' (unresolvable)' : '';
  const detail = f.detail ? ` ${capitalize(f.detail)}.` : '';
  return `${f.ruleId}${unresolvable}: ${f.info}${detail} ${f.explanation}`;
}

function capitalize(s: string): string {
  return s.length === 0 ? s : s[0].toUpperCase() + s.slice(1);
}

function targetLabel(data: ReportData, c: ConstructResilience): string {
  if (c.meetsTarget === undefined) {
    return '-';
  }
  if (c.meetsTarget) {
    return 'meets';
  }
  const open = data.findings.filter((f) => f.constructPath === c.constructPath && f.ruleId.startsWith('FT-TARGET-') && f.suppressionReason === undefined);
  const failed = open.filter((f) => f.kind === FindingKind.NON_COMPLIANT).map((f) => f.ruleId);
  return failed.length > 0 ? `fails ${failed.join(', ')}` : `unproven ${open.map((f) => f.ruleId).join(', ')}`;
}

function constructRow(data: ReportData, c: ConstructResilience): string[] {
  const f = c.facts;
  return [
    relative(data, c.constructPath),
    capabilityLabel(f.capability),
    platformLabel(f.platform),
    f.zones === undefined ? '-' : String(f.zones),
    f.replicas === undefined ? '-' : String(f.replicas),
    human(f.failureDetection),
    human(f.failover),
    human(f.recoveryPoint),
    targetLabel(data, c),
  ];
}

/** The capability as reports name it (`load-balancer`). */
function capabilityLabel(capability: CapabilityKind): string {
  return String(capability).toLowerCase().replace(/_/g, '-');
}

/** The platform as reports name it (`aws`, `kubernetes`). */
function platformLabel(platform: PlatformKind): string {
  return String(platform).toLowerCase();
}

const CONSTRUCT_HEADER = ['construct', 'capability', 'platform', 'zones', 'replicas', 'detection', 'failover', 'recovery point', 'target'];

function pad(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((value, i) => (i === r.length - 1 ? value : value.padEnd(widths[i]))).join('  ')).join('\n');
}

/** The plain-text table annotated on the stack (printed by `cdktf synth`). */
export function renderTable(data: ReportData): string {
  const lines = [
    `Resilience checks of stack "${data.stackName}": ${summaryLine(data)}.` +
      (data.target ? ` Target: ${data.target.toString()}.` : ' No resilience target declared.'),
  ];
  if (data.constructs.length > 0) {
    lines.push('', pad([CONSTRUCT_HEADER, ...data.constructs.map((c) => constructRow(data, c))]));
    const spofs = data.constructs.flatMap((c) =>
      (c.facts.acceptedSinglePointsOfFailure ?? []).map((s) => `  - ${relative(data, c.constructPath)}: ${s}`),
    );
    if (spofs.length > 0) {
      lines.push('Accepted single points of failure:', ...spofs);
    }
  }
  if (data.findings.length > 0) {
    const rows = data.findings.map((f) => [
      f.suppressionReason !== undefined ? 'suppressed' : f.level,
      f.ruleId,
      relative(data, f.constructPath),
      f.suppressionReason !== undefined ? `${f.info} Reason: ${f.suppressionReason}` : `${f.info}${f.detail ? ` ${capitalize(f.detail)}.` : ''}`,
    ]);
    lines.push('', pad([['level', 'rule', 'resource', 'finding'], ...rows]));
  }
  return lines.join('\n');
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function mdTable(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

/** The Markdown report written next to `cdk.tf.json`. */
export function renderMarkdown(data: ReportData): string {
  const c = counts(data);
  const out: string[] = [`# Resilience report: \`${data.stackName}\``, ''];
  out.push(data.target ? `Target: ${data.target.toString()}.` : 'No resilience target declared: only the resource rules ran.', '');
  out.push(
    `**${summaryLine(data)}.** ${c.errors > 0 ? 'The errors fail the synth.' : 'Nothing fails the synth.'}`,
    '',
  );

  out.push('## What each construct tolerates', '');
  if (data.constructs.length === 0) {
    out.push('No construct of this stack reports resilience facts.', '');
  } else {
    out.push(
      mdTable(
        [...CONSTRUCT_HEADER, 'accepted single points of failure'],
        data.constructs.map((k) => [...constructRow(data, k).map((v, i) => (i === 0 ? `\`${v}\`` : v)), (k.facts.acceptedSinglePointsOfFailure ?? []).join('; ') || '-']),
      ),
      '',
    );
  }

  const diagram = data.topology ? renderMermaid(data.topology) : undefined;
  if (diagram !== undefined) {
    out.push(
      '## Failure domains',
      '',
      'What each availability zone holds, read from the resources of the stack. Losing a zone loses everything in its box; ' +
        'what AWS places across zones and Kubernetes workloads spread over zones keep running elsewhere.',
      '',
      '```mermaid',
      diagram,
      '```',
      '',
    );
  }

  const open = active(data);
  out.push('## Findings', '');
  if (open.length === 0) {
    out.push('None.', '');
  } else {
    out.push(
      mdTable(
        ['level', 'rule', 'resource', 'finding'],
        open.map((f) => [
          f.kind === FindingKind.UNRESOLVABLE ? `${f.level} (unresolvable)` : f.level,
          f.ruleId,
          `\`${relative(data, f.constructPath)}\`${f.resourceAddress ? ` (\`${f.resourceAddress}\`)` : ''}`,
          `${f.info}${f.detail ? ` ${capitalize(f.detail)}.` : ''}`,
        ]),
      ),
      '',
    );
  }

  const silenced = data.findings.filter((f) => f.suppressionReason !== undefined);
  out.push('## Suppressed findings', '');
  if (silenced.length === 0) {
    out.push('None.', '');
  } else {
    out.push(
      mdTable(
        ['rule', 'resource', 'finding', 'reason'],
        silenced.map((f) => [f.ruleId, `\`${relative(data, f.constructPath)}\``, `${f.info}${f.detail ? ` ${capitalize(f.detail)}.` : ''}`, f.suppressionReason!]),
      ),
      '',
    );
  }

  if (data.suppressions.length > 0) {
    out.push('## Suppressions', '');
    out.push(
      mdTable(
        ['rule', 'on', 'applies to', 'reason', 'findings silenced'],
        data.suppressions.map((s) => [
          s.ruleId,
          `\`${relative(data, s.constructPath) || '(app)'}\``,
          s.appliesTo ?? 'all below',
          s.reason,
          s.matched === 0 ? '0 (stale: remove it)' : String(s.matched),
        ]),
      ),
      '',
    );
  }

  const fired = [...new Map(data.findings.map((f) => [f.ruleId, f])).values()];
  if (fired.length > 0) {
    out.push('## Why these rules matter', '');
    for (const f of fired) {
      out.push(`### ${f.ruleId}: ${f.info}`, '', f.explanation, '');
    }
  }
  return out.join('\n');
}

/** The machine-readable report written next to `cdk.tf.json`. */
export function renderJson(data: ReportData): string {
  const c = counts(data);
  const t = data.target;
  const json = {
    version: 1,
    stack: data.stackName,
    target: t
      ? {
        description: t.toString(),
        zoneLoss: t.zoneLoss,
        maxDetectionSeconds: seconds(t.maxDetection),
        recoveryTimeSeconds: seconds(t.recoveryTime),
        recoveryPointSeconds: seconds(t.recoveryPoint),
      }
      : null,
    summary: { ...c, passed: c.errors === 0 },
    constructs: data.constructs.map((k) => ({
      constructPath: k.constructPath,
      capability: capabilityLabel(k.facts.capability),
      platform: platformLabel(k.facts.platform),
      zones: k.facts.zones ?? null,
      replicas: k.facts.replicas ?? null,
      failureDetectionSeconds: seconds(k.facts.failureDetection),
      failoverSeconds: seconds(k.facts.failover),
      recoveryPointSeconds: seconds(k.facts.recoveryPoint),
      acceptedSinglePointsOfFailure: k.facts.acceptedSinglePointsOfFailure ?? [],
      meetsTarget: k.meetsTarget ?? null,
    })),
    findings: data.findings.map((f) => ({
      id: f.id,
      ruleId: f.ruleId,
      level: f.level,
      kind: f.kind,
      constructPath: f.constructPath,
      resourceAddress: f.resourceAddress ?? null,
      info: f.info,
      detail: f.detail,
      explanation: f.explanation,
      suppressed: f.suppressionReason !== undefined,
      suppressionReason: f.suppressionReason ?? null,
    })),
    suppressions: data.suppressions.map((s) => ({ ...s, appliesTo: s.appliesTo ?? null })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
