#!/usr/bin/env node
// @ts-check
/**
 * Runs the AWS FIS experiments a stack declares (FaultExperiments), one after the other, with the AWS CLI, and fails
 * when one of them is stopped by a stop condition, naming the hypothesis that failed.
 *
 *   terraform output -json fault_experiments > experiments.json
 *   node run-fault-experiments.js experiments.json [--only=zone-loss,instance-loss-api] [--timeout=3600]
 *
 * `experiments.json` maps each experiment's name to { template_id, hypothesis, stop_conditions, ... } (the
 * `fault_experiments` output). For each one: `aws fis start-experiment` (retried with backoff when the API throttles
 * or fails), then `aws fis get-experiment` until the experiment ends, polling with a growing interval and tolerating
 * transient errors. Completed: the hypothesis held. Stopped: a stop condition fired, so the hypothesis failed; the
 * alarms in ALARM among its stop conditions are named. Failed: the experiment could not run (permissions, targets).
 * Exit code 1 when any experiment did not complete; a Markdown summary goes to $GITHUB_STEP_SUMMARY when set.
 *
 * FIS_POLL_SECONDS (default 15) and FIS_RETRY_SECONDS (default 5) set the first poll and retry intervals.
 */
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');

const AWS = process.env.AWS_CLI || 'aws';
const POLL = Number(process.env.FIS_POLL_SECONDS || 15);
const RETRY = Number(process.env.FIS_RETRY_SECONDS || 5);
const MAX_POLL = 60 * POLL / 15;
const ATTEMPTS = 5;
const TERMINAL = ['completed', 'stopped', 'failed', 'cancelled'];

/** @param {number} seconds */
function sleep(seconds) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.round(seconds * 1000));
}

/** Runs the AWS CLI and parses its JSON output. @param {string[]} args @returns {any} */
function aws(args) {
  const out = execFileSync(AWS, [...args, '--output', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out.trim() === '' ? {} : JSON.parse(out);
}

/** Calls the CLI up to ATTEMPTS times, waiting longer after each failure (throttling, network). @param {string[]} args @param {string} what */
function withRetries(args, what) {
  let wait = RETRY;
  for (let attempt = 1; ; attempt++) {
    try {
      return aws(args);
    } catch (e) {
      const message = String(/** @type {any} */ (e).stderr || /** @type {any} */ (e).message).trim();
      if (attempt >= ATTEMPTS) throw new Error(`${what} failed ${ATTEMPTS} times: ${message}`);
      console.log(`  ${what} failed (attempt ${attempt} of ${ATTEMPTS}): ${message}; retrying in ${wait}s`);
      sleep(wait);
      wait *= 2;
    }
  }
}

/** The stop-condition alarms that are in ALARM now. @param {string[]} names @returns {string[]} */
function alarmsFiring(names) {
  if (names.length === 0) return [];
  try {
    const found = aws(['cloudwatch', 'describe-alarms', '--alarm-names', ...names, '--state-value', 'ALARM']);
    return [...(found.MetricAlarms || []), ...(found.CompositeAlarms || [])].map((a) => a.AlarmName);
  } catch {
    return [];
  }
}

/**
 * Runs one experiment to its end. @param {string} name @param {any} spec @param {number} timeoutSeconds
 * @returns {{ name: string, status: string, reason: string, hypothesis: string, firing: string[], id?: string }}
 */
function run(name, spec, timeoutSeconds) {
  console.log(`== ${name}: ${spec.hypothesis}`);
  const started = withRetries(['fis', 'start-experiment', '--experiment-template-id', spec.template_id, '--tags', `ci-run=${process.env.GITHUB_RUN_ID || 'local'}`], `start ${name}`);
  const id = started.experiment.id;
  console.log(`  started ${id}`);
  const deadline = Date.now() + timeoutSeconds * 1000;
  let wait = POLL;
  let misses = 0;
  let state = started.experiment.state || { status: 'pending' };
  while (!TERMINAL.includes(state.status)) {
    if (Date.now() > deadline) {
      withRetries(['fis', 'stop-experiment', '--id', id], `stop ${name}`);
      return { name, id, status: 'timed out', reason: `still ${state.status} after ${timeoutSeconds}s; stopped`, hypothesis: spec.hypothesis, firing: [] };
    }
    sleep(wait);
    wait = Math.min(MAX_POLL, wait * 1.5);
    try {
      state = aws(['fis', 'get-experiment', '--id', id]).experiment.state;
      misses = 0;
      console.log(`  ${state.status}${state.reason ? `: ${state.reason}` : ''}`);
    } catch (e) {
      if (++misses >= ATTEMPTS) throw new Error(`get-experiment ${id} failed ${ATTEMPTS} times in a row: ${String(/** @type {any} */ (e).message).trim()}`);
    }
  }
  const firing = state.status === 'stopped' ? alarmsFiring(spec.stop_conditions || []) : [];
  return { name, id, status: state.status, reason: state.reason || '', hypothesis: spec.hypothesis, firing };
}

function main() {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: run-fault-experiments.js <fault_experiments output JSON> [--only=name,...] [--timeout=seconds]');
    return 2;
  }
  const flag = (/** @type {string} */ key) => args.find((a) => a.startsWith(`--${key}=`))?.split('=')[1];
  const only = flag('only')?.split(',');
  const timeout = Number(flag('timeout') || 3600);
  const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  /** @type {Record<string, any>} */
  const experiments = raw.value && !raw.template_id ? raw.value : raw; // `terraform output -json` of one output, or the full map
  const names = Object.keys(experiments).filter((n) => !only || only.includes(n));
  if (names.length === 0) {
    console.error(`no experiment to run in ${file}${only ? ` named ${only.join(', ')}` : ''}`);
    return 2;
  }

  const results = names.map((n) => {
    try {
      return run(n, experiments[n], timeout);
    } catch (e) {
      return { name: n, status: 'error', reason: /** @type {Error} */ (e).message, hypothesis: experiments[n].hypothesis, firing: [] };
    }
  });

  const lines = ['| experiment | result | hypothesis | why |', '| --- | --- | --- | --- |'];
  let failed = 0;
  for (const r of results) {
    const ok = r.status === 'completed';
    if (!ok) failed++;
    const why =
      r.status === 'stopped'
        ? `stopped by a stop condition${r.firing.length > 0 ? `: ${r.firing.join(', ')} in ALARM` : ''}${r.reason ? ` (${r.reason})` : ''}`
        : r.reason;
    console.log(ok ? `PASS ${r.name}: the hypothesis held` : `FAIL ${r.name}: the hypothesis failed: ${r.hypothesis} (${r.status}${why ? `: ${why}` : ''})`);
    lines.push(`| ${r.name} | ${ok ? 'held' : `failed (${r.status})`} | ${r.hypothesis.replace(/\|/g, '\\|')} | ${why.replace(/\|/g, '\\|') || '-'} |`);
  }
  console.log(`${results.length - failed} passed, ${failed} failed`);
  if (process.env.GITHUB_STEP_SUMMARY) {
    fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, `## Fault experiments\n\n${lines.join('\n')}\n`);
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = main();
