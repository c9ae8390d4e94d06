import 'cdktf/lib/testing/adapters/jest';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SARIF_SCHEMA, sarifSchemaErrors } from './engines/sarif-schema';
import { fragileStack, robustStack } from './stacks';
import { EXAMPLES } from '../../examples/main';
import { MultiAzNetwork, ReportFormat, ResilienceChecks, ResilienceChecksProps, ResilienceReport } from '../../src';

/** A stack with an error (single-zone load balancer), a warning (no deletion protection) and a suppressed finding. */
function build(app: App, props: ResilienceChecksProps = {}): TerraformStack {
  const stack = new TerraformStack(app, 'web');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  ResilienceChecks.of(stack, props);
  const db = new DbInstance(stack, 'db', {
    instanceClass: 'db.t3.micro',
    engine: 'postgres',
    storageEncrypted: true,
    deletionProtection: true,
    manageMasterUserPassword: true,
    backupRetentionPeriod: 7,
    allocatedStorage: 20,
    maxAllocatedStorage: 100,
  });
  ResilienceChecks.suppress(db, 'FT-DB-1', 'dev database <no SLA> & "no" standby');
  ResilienceChecks.suppress(db, 'FT-MON-2', 'the dev database pages nobody, by design');
  new Lb(stack, 'lb', { loadBalancerType: 'network', enableCrossZoneLoadBalancing: true, subnets: ['subnet-a'] });
  return stack;
}

/** Synthesizes like `cdktf synth` (every stack written, errors reported in the manifest) and returns the stack's directory. */
function synthesized(props: ResilienceChecksProps = {}): string {
  process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true';
  try {
    const app = Testing.app();
    build(app, props);
    app.synth();
    return path.join(app.outdir, 'stacks', 'web');
  } finally {
    delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  }
}

/** The report of a stack built by `fill`, synthesized with Testing.synth. */
function reportOf(fill: (scope: Construct) => void): ResilienceReport {
  const stack = new TerraformStack(Testing.app(), 'stack');
  const checks = ResilienceChecks.of(stack, { writeReports: false, printSummary: false });
  fill(stack);
  Testing.synth(stack);
  return checks.report!;
}

describe('report formats', () => {
  const dir = synthesized();

  test('every format is written by default, next to cdk.tf.json', () => {
    expect(fs.readdirSync(dir).sort()).toEqual([
      'cdk.tf.json',
      ResilienceChecks.REPORT_JSON_FILE,
      ResilienceChecks.REPORT_JUNIT_FILE,
      ResilienceChecks.REPORT_MARKDOWN_FILE,
      ResilienceChecks.REPORT_SARIF_FILE,
    ]);
    expect([ResilienceChecks.REPORT_SARIF_FILE, ResilienceChecks.REPORT_JUNIT_FILE]).toEqual(['resilience-report.sarif', 'resilience-report.junit.xml']);
  });

  test('reportFormats chooses which are written', () => {
    const only = synthesized({ reportFormats: [ReportFormat.SARIF, ReportFormat.JUNIT] });
    expect(fs.readdirSync(only).sort()).toEqual(['cdk.tf.json', 'resilience-report.junit.xml', 'resilience-report.sarif']);
  });

  test('reportFormats is validated like every prop', () => {
    const stack = new TerraformStack(Testing.app(), 'bad');
    expect(() => ResilienceChecks.of(stack, { reportFormats: ['PDF' as ReportFormat, ReportFormat.JSON], writeReports: 'yes' as any })).toThrow(
      'ResilienceChecks "bad" has 2 invalid props:\n' +
        '  - `writeReports` must be true or false, got "yes".\n' +
        '  - `reportFormats[0]` must be one of ReportFormat.JSON, ReportFormat.MARKDOWN, ReportFormat.SARIF, ReportFormat.JUNIT, got "PDF".',
    );
  });

  describe('SARIF 2.1.0', () => {
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'resilience-report.sarif'), 'utf8'));

    test('validates against the SARIF 2.1.0 JSON schema', () => {
      expect(SARIF_SCHEMA.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0-rtm.5 JSON Schema');
      expect(sarifSchemaErrors(sarif)).toEqual([]);
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    });

    test('the schema check can fail: a result with an unknown level or without a message is rejected', () => {
      const broken = JSON.parse(JSON.stringify(sarif));
      broken.runs[0].results[0].level = 'fatal';
      expect(sarifSchemaErrors(broken)).toEqual([expect.stringContaining('/runs/0/results/0/level must be equal to one of the allowed values')]);
      const noMessage = JSON.parse(JSON.stringify(sarif));
      delete noMessage.runs[0].results[0].message;
      expect(sarifSchemaErrors(noMessage)).toEqual([expect.stringContaining("must have required property 'message'")]);
    });

    test('one run per stack: the tool with every rule, a category per stack', () => {
      const [run] = sarif.runs;
      expect(sarif.runs).toHaveLength(1);
      expect(run.tool.driver.name).toBe('cdktf-fault-tolerance');
      expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual(ResilienceChecks.rules().map((r) => r.id));
      expect(run.tool.driver.rules.find((r: any) => r.id === 'FT-LB-1')).toEqual(
        expect.objectContaining({
          shortDescription: { text: 'The load balancer is placed in fewer than 2 availability zones.' },
          defaultConfiguration: { level: 'error' },
          helpUri: expect.stringMatching(/RULES\.md$/),
        }),
      );
      expect(run.automationDetails).toEqual({ id: 'cdktf-fault-tolerance/web/' });
    });

    test('results: level, message, the resource\'s line in cdk.tf.json, its construct path; suppressions with their reason', () => {
      const results = sarif.runs[0].results;
      expect(results.map((r: any) => [r.ruleId, r.level, r.suppressions?.[0]?.justification ?? null])).toEqual([
        ['FT-LB-1', 'error', null],
        ['FT-LB-2', 'warning', null],
        ['FT-DB-1', 'error', 'dev database <no SLA> & "no" standby'],
        ['FT-MON-2', 'warning', 'the dev database pages nobody, by design'],
      ]);
      const rules = sarif.runs[0].tool.driver.rules;
      for (const r of results) {
        expect(rules[r.ruleIndex].id).toBe(r.ruleId);
      }
      const lb = results[0];
      expect(lb.message.text).toBe('The load balancer is placed in fewer than 2 availability zones. `subnets`/`subnet_mapping` place it in 1 subnet. (lb)');
      const uri = lb.locations[0].physicalLocation.artifactLocation.uri;
      // The test's output directory is outside the working directory: an absolute file URI (inside it, a relative path).
      expect(uri).toMatch(/^file:\/\/\//);
      expect(fileURLToPath(uri)).toBe(path.join(dir, 'cdk.tf.json'));
      const lines = fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8').split('\n');
      expect(lines[lb.locations[0].physicalLocation.region.startLine - 1]).toBe('      "lb": {');
      expect(lines[lines.lastIndexOf('    "aws_lb": {') + 1]).toBe('      "lb": {');
      const db = results[2];
      expect(lines[db.locations[0].physicalLocation.region.startLine - 1]).toBe('      "db": {');
      expect(lines.slice(0, db.locations[0].physicalLocation.region.startLine).reverse().find((l) => /^ {4}"/.test(l))).toBe('    "aws_db_instance": {');
      expect(lb.locations[0].logicalLocations).toEqual([{ name: 'aws_lb.lb', fullyQualifiedName: 'web/lb', kind: 'resource' }]);
      expect(lb.partialFingerprints).toEqual({ 'resilienceFindingId/v1': 'web:FT-LB-1:lb' });
    });

    test('a report rendered before cdk.tf.json exists points at the file without a line, and stays valid', () => {
      const report = reportOf((s) => new Lb(s, 'lb', { subnets: ['subnet-a'] }));
      const log = JSON.parse(report.toSarif(path.join(dir, 'missing', 'cdk.tf.json')));
      expect(sarifSchemaErrors(log)).toEqual([]);
      expect(log.runs[0].results[0].locations[0].physicalLocation.region).toBeUndefined();
    });
  });

  describe('JUnit XML', () => {
    const xml = fs.readFileSync(path.join(dir, 'resilience-report.junit.xml'), 'utf8');
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' }).parse(xml);
    const suite = parsed.testsuites.testsuite;
    const byRule = (id: string) => suite.testcase.find((c: any) => c.name.startsWith(`${id}:`));

    test('is well-formed XML (fast-xml-parser validator)', () => {
      expect(XMLValidator.validate(xml)).toBe(true);
      expect(XMLValidator.validate(xml.replace('</testsuite>', ''))).not.toBe(true); // the validator can fail
    });

    test('one test case per rule, counted in the suite', () => {
      expect(suite.testcase.map((c: any) => c.name.split(':')[0])).toEqual(ResilienceChecks.rules().map((r) => r.id));
      expect(suite.name).toBe('resilience.web');
      expect(Number(suite.tests)).toBe(ResilienceChecks.rules().length);
      expect(Number(suite.failures)).toBe(1);
      expect(suite.testcase.filter((c: any) => c.failure !== undefined)).toHaveLength(1);
      expect(Number(suite.skipped)).toBe(suite.testcase.filter((c: any) => c.skipped !== undefined).length);
      expect(parsed.testsuites.tests).toBe(suite.tests);
    });

    test('an error fails its rule with every resource and the explanation', () => {
      const lb = byRule('FT-LB-1');
      expect(lb.classname).toBe('resilience.web');
      expect(lb.failure.type).toBe('error');
      expect(lb.failure.message).toBe('1 resource breaks FT-LB-1');
      expect(lb.failure['#text']).toContain('- lb (aws_lb.lb): `subnets`/`subnet_mapping` place it in 1 subnet');
      expect(lb.failure['#text']).toContain('A load balancer has a node only in the zones of its subnets');
    });

    test('warnings and suppressed findings pass with a note; rules with nothing to check are skipped', () => {
      expect(byRule('FT-LB-2').failure).toBeUndefined();
      expect(byRule('FT-LB-2')['system-out']).toBe('warning lb (aws_lb.lb): `enable_deletion_protection` is unset (default false)');
      expect(byRule('FT-DB-1')['system-out']).toBe(
        'suppressed db (aws_db_instance.db): `multi_az` is unset (default false) - reason: dev database <no SLA> & "no" standby',
      );
      expect(byRule('FT-K8S-1').skipped.message).toBe('the stack has no kubernetes_deployment, kubernetes_deployment_v1, kubernetes_stateful_set, kubernetes_stateful_set_v1');
      expect(byRule('FT-TARGET-1').skipped.message).toBe('no resilience target declared');
      expect(byRule('FT-DB-4').skipped).toBeUndefined(); // a database is there and passes
    });

    test('XML special and control characters in names and reasons stay well-formed', () => {
      fc.assert(
        fc.property(fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes('/')), fc.string({ minLength: 0, maxLength: 30 }), (id, extra) => {
          const report = reportOf((s) => {
            const lb = new Lb(s, `lb${id}`, { subnets: ['subnet-a'] });
            ResilienceChecks.suppress(lb, 'FT-LB-2', `accepted by the team ${extra}`);
          });
          const text = report.toJunitXml();
          expect(XMLValidator.validate(text)).toBe(true);
        }),
        { numRuns: 25 },
      );
    });
  });
});

/** Parses diagrams with Mermaid's own parser (test/checks/engines/mermaid-parse.mjs). */
function parseMermaid(diagrams: string[]): { version: string; results: Array<{ ok: boolean; type?: string; error?: string }> } {
  const run = spawnSync(process.execPath, [path.join(__dirname, 'engines', 'mermaid-parse.mjs')], { input: JSON.stringify(diagrams), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`mermaid-parse failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** The ```mermaid block of a Markdown report. */
function diagramOf(markdown: string): string | undefined {
  return /```mermaid\n([\s\S]*?)\n```/.exec(markdown)?.[1];
}

describe('the failure-domain diagram in the Markdown report', () => {
  function example(name: string): string {
    const app = Testing.stubVersion(new App({ stackTraces: false }));
    EXAMPLES[name](app, name);
    const stack = app.node.findChild(name) as TerraformStack;
    Testing.synth(stack);
    return ResilienceChecks.of(stack).report!.toMarkdown();
  }

  test('aws-web-app: a box per zone with its subnets, NAT gateway, load balancer node and instances; the database across zones', () => {
    const diagram = diagramOf(example('aws-web-app'))!;
    expect(diagram.split('\n')[0]).toBe('flowchart TB');
    expect(diagram.match(/^ {2}subgraph zone\d/gm)).toHaveLength(3);
    // The example's zones are looked up at deploy time: the first, second and third zone of the region.
    expect(diagram).toContain('subgraph zone1["zone #35;1"]');
    expect(diagram.match(/\["3 subnets: public, private, isolated"\]/g)).toHaveLength(3);
    expect(diagram.match(/\(\["load balancer edge\/LoadBalancer"\]\)/g)).toHaveLength(3);
    expect(diagram.match(/\["api\/AutoScalingGroup: 1 instance"\]/g)).toHaveLength(3);
    expect(diagram).toContain('[("db/Instance: primary and synchronous standby in two zones (subnet group: zone #35;1, zone #35;2, zone #35;3)")]');
    expect(diagram).toMatch(/^ {2}n\d+ --> n\d+$/m); // the load balancer's node in a zone routes to that zone's instances
  });

  test('kubernetes-web-app: the load balancer Service, workloads spread over zones', () => {
    const diagram = diagramOf(example('kubernetes-web-app'))!;
    expect(diagram).toContain('subgraph k8s_spread["Kubernetes: spread over zones"]');
    expect(diagram).toMatch(/Deployment web\/Deployment: \d+ pods/);
    expect(diagram).toMatch(/StatefulSet alerting\/StatefulSet: 3 pods/);
    expect(diagram).toMatch(/\(\["Service web-lb\/Service \(LoadBalancer\)"\]\)/);
    // The CloudNativePG database: three instances in distinct zones (required zone anti-affinity).
    const spread = diagram.slice(diagram.indexOf('subgraph k8s_spread'));
    expect(spread.slice(0, spread.indexOf('\n  end'))).toMatch(/\[\("CloudNativePG db\/Cluster: 3 instances \(a primary and 2 standbys\)"\)\]/);
  });

  test('raw resources: the fragile stack shows its single NAT gateway zone and unspread workload', () => {
    const diagram = diagramOf(reportOf(fragileStack).toMarkdown())!;
    expect(diagram).toContain('NAT gateway net/nat-eu-west-1a');
    expect(diagram).toContain('subgraph k8s_unspread["Kubernetes: not spread, may share one zone or node"]');
    expect(diagramOf(reportOf(() => undefined).toMarkdown())).toBeUndefined();
  });

  test('raw CloudNativePG clusters: spread over zones only when the zone anti-affinity is required or a zone spread constraint is strict', () => {
    const cluster = (name: string, spec: Record<string, unknown>) => (s: Construct) =>
      new Manifest(s, name, { manifest: { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name, namespace: 'shop' }, spec } });
    const diagram = diagramOf(
      reportOf((s) => {
        cluster('defaults', {})(s); // one instance; the operator's default anti-affinity is preferred, on the node
        cluster('preferred', { instances: 3, affinity: { podAntiAffinityType: 'preferred', topologyKey: 'topology.kubernetes.io/zone' } })(s);
        cluster('disabled', { instances: 3, affinity: { enablePodAntiAffinity: false, podAntiAffinityType: 'required', topologyKey: 'topology.kubernetes.io/zone' } })(s);
        cluster('required', { instances: 2, affinity: { podAntiAffinityType: 'required', topologyKey: 'topology.kubernetes.io/zone' } })(s);
        cluster('spread', { instances: '${var.instances}', topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' }] })(s);
        new Manifest(s, 'other', { manifest: { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Pooler', metadata: { name: 'p', namespace: 'shop' }, spec: { instances: 2 } } });
      }).toMarkdown(),
    )!;
    const block = (id: string) => {
      const start = diagram.indexOf(`subgraph ${id}[`);
      return start < 0 ? '' : diagram.slice(start, diagram.indexOf('\n  end', start));
    };
    expect(block('k8s_unspread')).toContain('[("CloudNativePG defaults: 1 instance (no standby)")]');
    expect(block('k8s_unspread')).toContain('[("CloudNativePG preferred: 3 instances (a primary and 2 standbys)")]');
    expect(block('k8s_unspread')).toContain('[("CloudNativePG disabled: 3 instances (a primary and 2 standbys)")]');
    expect(block('k8s_spread')).toContain('[("CloudNativePG required: 2 instances (a primary and 1 standby)")]');
    expect(block('k8s_spread')).toContain('[("CloudNativePG spread: instances")]');
    expect(diagram).not.toContain('Pooler');
    expect(diagram).not.toContain('CloudNativePG other');
    expect(parseMermaid([diagram]).results[0]).toMatchObject({ ok: true });
  });

  test('every diagram is valid Mermaid, as its own parser reads it (examples, raw stacks, hostile names)', () => {
    const names = fc.sample(fc.string({ minLength: 1, maxLength: 24 }).filter((s) => !s.includes('/') && s.trim() !== ''), { numRuns: 30, seed: 7 });
    const hostile = ['a"b', 'x[y]z', 'end', 'subgraph', '#quot;', '`code`', '<script>', 'a --> b', 'zone;1', 'émoji 🚀', 'graph TD', '%%'];
    const diagrams = [
      diagramOf(example('aws-web-app'))!,
      diagramOf(example('kubernetes-web-app'))!,
      diagramOf(reportOf(fragileStack).toMarkdown())!,
      diagramOf(reportOf(robustStack).toMarkdown())!,
      ...[...hostile, ...names].map(
        (name) =>
          diagramOf(
            reportOf((s) => {
              const network = new MultiAzNetwork(s, name, { availabilityZones: ['eu-west-1a', `zone ${name}`] });
              new Lb(s, `lb ${name}`, { subnets: network.publicSubnets.map((sn) => sn.subnetId) });
            }).toMarkdown(),
          )!,
      ),
    ];
    expect(diagrams.every((d) => typeof d === 'string' && d.length > 0)).toBe(true);
    const { version, results } = parseMermaid(diagrams);
    expect(version).toMatch(/^11\./);
    const failures = results.map((r, i) => (r.ok ? undefined : `${r.error}\n---\n${diagrams[i]}`)).filter((f) => f !== undefined);
    expect(failures).toEqual([]);
    expect(results.every((r) => r.type === 'flowchart-v2')).toBe(true);
  });

  test('the parser rejects a broken diagram (the check can fail)', () => {
    const { results } = parseMermaid(['flowchart TB\n  subgraph z["zone"\n  a["x"y"]']);
    expect(results[0].ok).toBe(false);
  });
});
