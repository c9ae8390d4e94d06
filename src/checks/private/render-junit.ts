import { ReportData } from './render';
import { FindingKind, FindingLevel, ResilienceFinding, ResilienceRuleInfo } from '../findings';

/*
 * JUnit XML, the report every CI's test tab reads: one <testsuite> for the stack and one <testcase> per rule, so a
 * rule keeps its name from run to run. A rule with an unsuppressed error fails (one <failure> listing every
 * resource); warnings and suppressed findings do not fail and are listed in <system-out>; a rule that had nothing
 * to check (no resource of its types, or no target declared) is <skipped>.
 */

/** Text for XML content and attributes: escaped, and without the characters XML 1.0 cannot carry. */
export function xmlText(s: string): string {
  return s
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function line(data: ReportData, f: ResilienceFinding): string {
  const where = f.constructPath.startsWith(`${data.stackPath}/`) ? f.constructPath.slice(data.stackPath.length + 1) : f.constructPath;
  const address = f.resourceAddress ? ` (${f.resourceAddress})` : '';
  const unresolvable = f.kind === FindingKind.UNRESOLVABLE ? ' [unresolvable]' : '';
  const detail = f.detail ? `: ${f.detail}` : '';
  return `${where}${address}${unresolvable}${detail}`;
}

/** The JUnit XML report of one stack. */
export function renderJunit(data: ReportData, rules: ResilienceRuleInfo[]): string {
  const types = data.resourceTypes ? new Set(data.resourceTypes) : undefined;
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  for (const rule of rules) {
    const findings = data.findings.filter((f) => f.ruleId === rule.id);
    const errors = findings.filter((f) => f.suppressionReason === undefined && f.level === FindingLevel.ERROR);
    const warnings = findings.filter((f) => f.suppressionReason === undefined && f.level === FindingLevel.WARNING);
    const suppressed = findings.filter((f) => f.suppressionReason !== undefined);
    const isTarget = rule.id.startsWith('FT-TARGET-');
    const applies = isTarget ? data.target !== undefined : types === undefined || rule.resourceTypes.some((t) => types.has(t));
    const name = `${rule.id}: ${rule.info}`;
    const open = `    <testcase classname="${xmlText(`resilience.${data.stackName}`)}" name="${xmlText(name)}" time="0"`;
    const body: string[] = [];
    if (errors.length > 0) {
      failures++;
      const message = `${errors.length} ${errors.length === 1 ? 'resource breaks' : 'resources break'} ${rule.id}`;
      body.push(
        `      <failure message="${xmlText(message)}" type="${rule.level}">${xmlText(
          [...errors.map((f) => `- ${line(data, f)}`), '', rule.explanation].join('\n'),
        )}</failure>`,
      );
    } else if (!applies && findings.length === 0) {
      skipped++;
      const why = isTarget ? 'no resilience target declared' : `the stack has no ${rule.resourceTypes.join(', ')}`;
      body.push(`      <skipped message="${xmlText(why)}"/>`);
    }
    const notes = [
      ...warnings.map((f) => `warning ${line(data, f)}`),
      ...suppressed.map((f) => `suppressed ${line(data, f)} - reason: ${f.suppressionReason}`),
    ];
    if (notes.length > 0) {
      body.push(`      <system-out>${xmlText(notes.join('\n'))}</system-out>`);
    }
    cases.push(body.length === 0 ? `${open}/>` : [`${open}>`, ...body, '    </testcase>'].join('\n'));
  }
  const counts = `tests="${rules.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0"`;
  const properties = data.target ? ['    <properties>', `      <property name="target" value="${xmlText(data.target.toString())}"/>`, '    </properties>'] : [];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlText(`resilience checks of ${data.stackName}`)}" ${counts}>`,
    `  <testsuite name="${xmlText(`resilience.${data.stackName}`)}" ${counts}>`,
    ...properties,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
