#!/usr/bin/env node
// Synthesizes each example stack several times, each as a whole new Node.js process (as `cdktf synth` runs
// the app), and prints the median wall time and peak memory (max RSS) per stack.
//
//   npm run bench                 # every example, 7 runs each
//   BENCH_RUNS=15 npm run bench   # more runs
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const runs = Number(process.env.BENCH_RUNS || 7);

execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.examples.json'], { cwd: root, stdio: 'inherit' });
const { EXAMPLES } = require(path.join(root, '.examples/examples/main.js'));
const scenarios = Object.keys(EXAMPLES).map((name) => ({ name, env: { FT_EXAMPLES: name } }));
for (const extra of (process.env.BENCH_EXTRA || '').split(',').filter(Boolean)) {
  scenarios.push({ name: extra, env: { FT_EXAMPLES: extra } });
}
if (fs.existsSync(path.join(root, '.examples/examples/bench-scenarios.js'))) {
  const { BENCH_SCENARIOS } = require(path.join(root, '.examples/examples/bench-scenarios.js'));
  for (const name of Object.keys(BENCH_SCENARIOS)) {
    scenarios.push({ name, env: { FT_BENCH_SCENARIO: name } });
  }
}

const reporter = path.join(__dirname, 'bench-rss.js');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const importRuns = Number(process.env.BENCH_IMPORT_RUNS || 15);

console.log(`node ${process.version}, ${os.cpus().length} CPUs`);

// Import cost: a whole process that only requires cdktf, against one that requires the library (which requires
// cdktf). Runs alternate, so both see the same machine load; the difference is what the library itself adds.
{
  const time = (code) => {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) {
      console.error(result.stderr);
      process.exit(1);
    }
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const cdktf = [];
  const library = [];
  for (let i = 0; i < importRuns; i++) {
    cdktf.push(time("require('cdktf')"));
    library.push(time("require('./.examples/src')"));
  }
  const base = median(cdktf);
  const lib = median(library);
  console.log(`import cost (${importRuns} alternating runs, whole process): require('cdktf') median ${base.toFixed(0)} ms; require of the library median ${lib.toFixed(0)} ms`);
  console.log(`  ratio library / cdktf: ${(lib / base).toFixed(2)}; the library adds ${(lib - base).toFixed(0)} ms (target: at most 50 ms)`);
}

console.log(`${runs} runs per stack (whole process: node + cdktf synth of one stack)`);
console.log(['stack'.padEnd(28), 'median ms'.padStart(10), 'min ms'.padStart(8), 'max ms'.padStart(8), 'median peak RSS MB'.padStart(20), 'resources'.padStart(10)].join(' '));
for (const scenario of scenarios) {
  const times = [];
  const rss = [];
  let resources = 0;
  for (let i = 0; i < runs; i++) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-bench-'));
    const rssFile = path.join(out, 'rss');
    const entry = scenario.env.FT_BENCH_SCENARIO ? '.examples/examples/bench-scenarios.js' : '.examples/examples/main.js';
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['-r', reporter, entry], {
      cwd: root,
      env: { ...process.env, ...scenario.env, CDKTF_OUTDIR: out, FT_RSS_FILE: rssFile, CHECKPOINT_DISABLE: '1' },
      encoding: 'utf8',
    });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) {
      console.error(result.stdout, result.stderr);
      process.exit(1);
    }
    times.push(elapsed);
    rss.push(Number(fs.readFileSync(rssFile, 'utf8')) / 1024);
    if (i === 0) {
      for (const stack of fs.readdirSync(path.join(out, 'stacks'))) {
        const tf = JSON.parse(fs.readFileSync(path.join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
        for (const byName of Object.values(tf.resource || {})) {
          resources += Object.keys(byName).length;
        }
      }
    }
    fs.rmSync(out, { recursive: true, force: true });
  }
  console.log(
    [
      scenario.name.padEnd(28),
      median(times).toFixed(0).padStart(10),
      Math.min(...times).toFixed(0).padStart(8),
      Math.max(...times).toFixed(0).padStart(8),
      median(rss).toFixed(0).padStart(20),
      String(resources).padStart(10),
    ].join(' '),
  );
}
