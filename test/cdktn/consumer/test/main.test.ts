import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktn';
// Types of toBeValidTerraformOffline() (the matcher itself is registered in jest.config.js).
import 'cdktn-fault-tolerance/proof';
import { validateOffline } from 'cdktn-fault-tolerance/proof';
import { buildApp, FragileStack, KubernetesStack, WebStack } from '../main';

const CLI = path.join(__dirname, '..', 'node_modules', '.bin', 'cdktn-fault-tolerance');

describe('a cdktn project using the installed cdktn-fault-tolerance', () => {
  jest.setTimeout(300_000);

  test('runs on the Node.js and cdktn it was installed with', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
    expect(require('cdktn/package.json').version).toBe('0.24.0');
    expect(require('@cdktn/provider-aws/package.json').cdktn.provider.version).toBe('6.66.0');
  });

  test('the AWS stack synthesizes with the checks running, and passes the offline proof against AWS provider 6.66', () => {
    const stack = new WebStack(Testing.app(), 'web');
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(synthesized.terraform.required_providers.aws).toEqual({ source: 'hashicorp/aws', version: '6.66.0' });
    expect(Object.keys(synthesized.resource.aws_nat_gateway)).toHaveLength(2);
    expect(stack.checks.report?.findings.filter((f) => f.level === 'ERROR')).toEqual([]);
    const result = validateOffline(stack);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.proof.schemas).toEqual([expect.stringContaining('@cdktn/provider-aws 25.7.0')]);
  });

  test('a fragile stack fails its synth: the checks run inside cdktn', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdktn-fragile-')), stackTraces: false });
    new FragileStack(app, 'fragile');
    expect(() => app.synth()).toThrow(/FT-NET-1/);
  });

  test('the Kubernetes stack synthesizes with the shipped bindings and passes the offline proof (hashicorp/kubernetes 2.38.0)', () => {
    const stack = new KubernetesStack(Testing.app(), 'kubernetes');
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(synthesized.terraform.required_providers.kubernetes).toEqual({ source: 'registry.terraform.io/hashicorp/kubernetes', version: '2.38.0' });
    expect(synthesized.resource.kubernetes_deployment_v1).toBeDefined();
    expect(synthesized.resource.kubernetes_pod_disruption_budget_v1).toBeDefined();
    expect(stack).toBeValidTerraformOffline();
  });

  test('the CLI proves the synthesized app', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktn-consumer-out-'));
    try {
      buildApp(outdir).synth();
      const run = spawnSync(CLI, ['prove', outdir], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^PASS web +validate ok, plan \d+ to add/m);
      expect(run.stdout).toMatch(/^PASS kubernetes +validate ok, plan \d+ to add/m);
      expect(run.status).toBe(0);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
