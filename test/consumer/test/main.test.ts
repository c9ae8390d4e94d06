import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
// Types of toBeValidTerraformOffline() (the matcher itself is registered in jest.config.js).
import 'cdktf-fault-tolerance/proof';
import { validateOffline } from 'cdktf-fault-tolerance/proof';
import { buildApp, ChaosStack, NetworkStack } from '../main';

const CLI = path.join(__dirname, '..', 'node_modules', '.bin', 'cdktf-fault-tolerance');

describe('a cdktf project using the installed cdktf-fault-tolerance', () => {
  jest.setTimeout(120_000);

  test('snapshot of the network stack', () => {
    const stack = new NetworkStack(Testing.app(), 'network');
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test('the network stack passes the offline Terraform proof (real terraform validate + plan)', () => {
    expect(new NetworkStack(Testing.app(), 'network')).toBeValidTerraformOffline();
  });

  test('the Chaos Mesh object is validated against the bundled CRDs; a wrong mode is rejected', () => {
    expect(new ChaosStack(Testing.app(), 'chaos')).toBeValidTerraformOffline({ crds: ['chaos-mesh'] });
    expect(new ChaosStack(new App(), 'chaos', { mode: 'most' })).not.toBeValidTerraformOffline({ crds: ['chaos-mesh'] });
    const result = validateOffline(new ChaosStack(Testing.app(), 'chaos'), { crds: ['chaos-mesh'] });
    expect(result.proof.manifests).toEqual([expect.objectContaining({ status: 'validated' })]);
    expect(result.proof.schemas).toEqual([expect.stringContaining('real schema')]);
  });

  test('without the CRD installed, the kind is unknown like on a real cluster', () => {
    expect(() => expect(new ChaosStack(Testing.app(), 'chaos')).toBeValidTerraformOffline()).toThrow(
      /API did not recognize GroupVersionKind from manifest \(CRD may not be installed\)/,
    );
  });

  test('the CLI proves a synthesized app, as any language\'s CI would run it', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-out-'));
    try {
      buildApp(outdir).synth();
      const run = spawnSync(CLI, ['prove', '--crds=chaos-mesh', outdir], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^PASS chaos +validate ok, plan 1 to add \/ 1 resources/m);
      expect(run.stdout).toMatch(/^PASS network +validate ok/m);
      expect(run.stdout).toContain('manifest kubernetes_manifest.kill-one-web-pod (chaos-mesh.org/v1alpha1 PodChaos): validated');
      expect(run.stdout).toMatch(/terraform-offline: 2 stacks proven against terraform \d/);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('requiring the library does not load the proof', () => {
    const run = spawnSync(
      process.execPath,
      ['-e', "require('cdktf-fault-tolerance'); console.log(Object.keys(require.cache).filter((f) => /[\\\\/]lib[\\\\/]proof[\\\\/]|grpc|msgpack/.test(f)).length)"],
      { cwd: path.join(__dirname, '..'), encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('0');
  });
});
