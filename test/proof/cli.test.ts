import 'cdktf/lib/testing/adapters/jest';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformStack, Testing } from 'cdktf';
import { main } from '../../src/proof/cli';
import { terraformAvailable } from '../../src/proof/runner';

const hasTerraform = terraformAvailable();

function stackJson(broken: boolean): string {
  const stack = new TerraformStack(Testing.app(), broken ? 'bad' : 'good');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
  const subnet = new Subnet(stack, 'subnet', { vpcId: vpc.id, cidrBlock: '10.0.1.0/24' });
  if (broken) subnet.addOverride('map_public_ip_on_launch', 'perhaps');
  return Testing.synth(stack);
}

function run(argv: string[]): { code: number; out: string } {
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.join(' '));
  });
  const error = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    lines.push(args.join(' '));
  });
  try {
    const code = main(argv);
    return { code, out: lines.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('terraform-offline CLI', () => {
  jest.setTimeout(60_000);
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfo-cli-test-'));
    for (const name of ['good', 'bad']) {
      fs.mkdirSync(path.join(dir, 'stacks', name), { recursive: true });
      fs.writeFileSync(path.join(dir, 'stacks', name, 'cdk.tf.json'), stackJson(name === 'bad'));
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('prints a skip line and exits 0 when terraform cannot be run', () => {
    const { code, out } = run(['--terraform=/nonexistent/terraform', dir]);
    expect(code).toBe(0);
    expect(out).toMatch(/^terraform-offline: SKIPPED - .*the offline Terraform proof did not run\.$/);
  });

  (hasTerraform ? test : test.skip)('prints one line per stack and exits 1 when a stack fails', () => {
    const { code, out } = run([dir]);
    expect(code).toBe(1);
    expect(out).toMatch(/^PASS good +validate ok, plan 2 to add \/ 2 resources, \d+ ms$/m);
    expect(out).toMatch(/^FAIL bad +validate 1 error, plan skipped, \d+ ms$/m);
    expect(out).toContain('Error: Incorrect attribute value type');
    expect(out).toContain('Inappropriate value for attribute "map_public_ip_on_launch": a bool is required.');
    expect(out).toMatch(/terraform-offline: 1 of 2 stacks failed$/);
  });

  (hasTerraform ? test : test.skip)('exits 0 when every stack passes', () => {
    const { code, out } = run([path.join(dir, 'stacks', 'good', 'cdk.tf.json')]);
    expect(code).toBe(0);
    expect(out).toMatch(/terraform-offline: 1 stack proven against terraform \d+\.\d+\.\d+$/);
  });
});
