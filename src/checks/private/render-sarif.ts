import * as fs from 'fs';
import * as path from 'path';
import { ReportData } from './render';
import { FindingKind, FindingLevel, ResilienceRuleInfo } from '../findings';

/*
 * SARIF 2.1.0 (OASIS), the format GitHub code scanning and other viewers read: one run per stack, every rule of the
 * catalogue in `tool.driver.rules`, one result per finding (suppressed ones with their `suppressions`), located in
 * the stack's cdk.tf.json (the resource's line once the file is written) and, logically, at the construct path.
 */

const REPO = 'https://github.com/cdktf-fault-tolerance/cdktf-fault-tolerance';

/** The version of this package (the tool's version in the report). */
function packageVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The URI of the stack's cdk.tf.json: relative to the working directory (the repository, in CI) when inside it. */
function artifactUri(file: string): string {
  const relative = path.relative(process.cwd(), file);
  if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) {
    return relative.split(path.sep).map(encodeURIComponent).join('/');
  }
  const absolute = path.resolve(file).split(path.sep).map(encodeURIComponent).join('/');
  return `file://${absolute.startsWith('/') ? '' : '/'}${absolute}`;
}

/**
 * The 1-based line of each resource in a cdk.tf.json written by cdktf (keys sorted, two-space indentation):
 * `resource` (or `data`) > type > name.
 */
export function resourceLines(json: string): Map<string, number> {
  const lines = json.split('\n');
  const found = new Map<string, number>();
  let section: string | undefined;
  let type: string | undefined;
  lines.forEach((line, i) => {
    const key = /^( *)"((?:[^"\\]|\\.)*)": \{/.exec(line);
    if (!key) return;
    const depth = key[1].length / 2;
    const name = key[2];
    if (depth === 1) {
      section = name === 'resource' || name === 'data' ? name : undefined;
      type = undefined;
    } else if (depth === 2 && section) {
      type = name;
    } else if (depth === 3 && section && type) {
      found.set(`${section === 'data' ? 'data.' : ''}${type}.${name}`, i + 1);
    }
  });
  return found;
}

/** The SARIF log of one stack. `tfJsonFile` is where the stack's cdk.tf.json is (or will be) written. */
export function renderSarif(data: ReportData, rules: ResilienceRuleInfo[], tfJsonFile: string, lines?: Map<string, number>): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const uri = artifactUri(tfJsonFile);
  const relative = (p: string) => (p.startsWith(`${data.stackPath}/`) ? p.slice(data.stackPath.length + 1) : p);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cdktf-fault-tolerance',
            fullName: 'cdktf-fault-tolerance resilience checks',
            informationUri: REPO,
            version: packageVersion(),
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/-/g, ''),
              shortDescription: { text: r.info },
              fullDescription: { text: r.explanation },
              help: { text: `${r.info} ${r.explanation}`, markdown: `**${r.info}**\n\n${r.explanation}` },
              helpUri: `${REPO}/blob/main/RULES.md`,
              defaultConfiguration: { level: r.level === FindingLevel.ERROR ? 'error' : 'warning' },
              properties: { tags: ['resilience', ...r.resourceTypes] },
            })),
          },
        },
        automationDetails: { id: `cdktf-fault-tolerance/${data.stackName}/` },
        artifacts: [{ location: { uri }, mimeType: 'application/json', description: { text: `The synthesized Terraform of stack ${data.stackName}` } }],
        results: data.findings.map((f) => {
          const line = f.resourceAddress ? lines?.get(f.resourceAddress) : undefined;
          const detail = f.detail ? ` ${f.detail[0].toUpperCase()}${f.detail.slice(1)}.` : '';
          return {
            ruleId: f.ruleId,
            ruleIndex: index.get(f.ruleId) ?? -1,
            kind: 'fail',
            level: f.level === FindingLevel.ERROR ? 'error' : 'warning',
            message: { text: `${f.info}${detail} (${relative(f.constructPath)})` },
            locations: [
              {
                physicalLocation: { artifactLocation: { uri, index: 0 }, ...(line ? { region: { startLine: line } } : {}) },
                logicalLocations: [
                  f.resourceAddress
                    ? { name: f.resourceAddress, fullyQualifiedName: f.constructPath, kind: 'resource' }
                    : { name: relative(f.constructPath), fullyQualifiedName: f.constructPath, kind: 'module' },
                ],
              },
            ],
            partialFingerprints: { 'resilienceFindingId/v1': `${data.stackName}:${f.id}` },
            ...(f.suppressionReason !== undefined ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: f.suppressionReason }] } : {}),
            properties: {
              findingId: f.id,
              constructPath: f.constructPath,
              unresolvable: f.kind === FindingKind.UNRESOLVABLE,
            },
          };
        }),
        properties: {
          stack: data.stackName,
          target: data.target ? data.target.toString() : null,
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
