#!/usr/bin/env node
/**
 * The consumer test: packs this library as npm would publish it, installs the tarball into a
 * brand-new cdktf project (a copy of this folder) and runs that project's own jest there.
 *
 * Offline: the tarball is installed with `npm install --offline` (its runtime dependencies are
 * bundled in it); the project's other packages (cdktf, constructs, the provider bindings, jest,
 * @swc/jest) are linked from this repository's node_modules, as a local npm cache would provide them.
 *
 *   node test/consumer/run.js [--keep] [--no-build]
 *
 * Ends with "consumer: N passed, M failed" and exits non-zero when anything failed.
 */
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const repo = path.resolve(__dirname, '..', '..');
const keep = process.argv.includes('--keep');
const build = !process.argv.includes('--no-build');
const started = Date.now();

function step(title, cmd, args, opts = {}) {
  const t = Date.now();
  const res = spawnSync(cmd, args, { cwd: repo, encoding: 'utf8', stdio: opts.capture ? 'pipe' : 'inherit', ...opts });
  const ms = Date.now() - t;
  console.log(`consumer: ${title} (${(ms / 1000).toFixed(1)} s)`);
  if (res.status !== 0) {
    if (opts.capture) process.stdout.write(`${res.stdout ?? ''}${res.stderr ?? ''}`);
    throw new Error(`${title} failed (exit ${res.status})`);
  }
  return res;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-ft-consumer-'));
let passed = 0;
let failed = 0;
try {
  if (build) {
    step('jsii compile', process.execPath, [path.join(repo, 'node_modules', 'jsii', 'bin', 'jsii')], { capture: true });
    step('copy proof assets', 'npx', ['projen', 'copy-proof-assets'], { capture: true });
  }
  const packed = step('npm pack', 'npm', ['pack', '--pack-destination', work, '--json'], { capture: true });
  const info = JSON.parse(packed.stdout)[0];
  const tarball = path.join(work, info.filename);
  console.log(`consumer: tarball ${info.filename}: ${(info.size / 1e6).toFixed(1)} MB packed, ${(info.unpackedSize / 1e6).toFixed(1)} MB unpacked, ${info.entryCount} files (bundled: ${info.bundled.length})`);

  // The brand-new project: this folder's files (not its node_modules).
  const project = path.join(work, 'project');
  fs.cpSync(__dirname, project, { recursive: true, filter: (src) => !/[\\/](node_modules|run\.js)$/.test(src) });
  fs.copyFileSync(tarball, path.join(project, 'cdktf-fault-tolerance.tgz'));

  // 1. The library, installed from its tarball by npm itself, offline (bundled dependencies only).
  const manifest = fs.readFileSync(path.join(project, 'package.json'), 'utf8');
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer-install', version: '0.0.0', private: true }));
  step(
    'npm install --offline cdktf-fault-tolerance.tgz',
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--legacy-peer-deps', '--no-package-lock', '--ignore-scripts', './cdktf-fault-tolerance.tgz'],
    { cwd: project, capture: true },
  );
  fs.writeFileSync(path.join(project, 'package.json'), manifest);

  // 2. The CLI as a Python, Java, C# or Go project's CI runs it: only the package is installed
  //    (no cdktf, no npm provider bindings), on an app synthesized elsewhere.
  const cli = spawnSync(
    path.join(project, 'node_modules', '.bin', 'cdktf-fault-tolerance'),
    ['prove', '--require-terraform', '--crds=chaos-mesh', 'other-language-app'],
    { cwd: project, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } },
  );
  const cliOut = `${cli.stdout}${cli.stderr}`;
  process.stdout.write(cliOut.replace(/^/gm, '  | '));
  const cliOk =
    cli.status === 0 &&
    /^PASS app +validate ok, plan 5 to add \/ 5 resources/m.test(cliOut) &&
    cliOut.includes('no bindings installed') &&
    cliOut.includes('manifest kubernetes_manifest.kill-one (chaos-mesh.org/v1alpha1 PodChaos): validated');
  console.log(`consumer: ${cliOk ? 'PASS' : 'FAIL'} the CLI proves an app without npm bindings (other languages)`);
  if (cliOk) passed++;
  else failed++;

  // 3. The project's other packages, linked from this repository's node_modules.
  const pkg = JSON.parse(manifest);
  for (const name of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) {
    if (name === 'cdktf-fault-tolerance') continue;
    const from = path.join(repo, 'node_modules', name);
    if (!fs.existsSync(from)) throw new Error(`${name} is not installed in ${repo}/node_modules (run npm ci)`);
    const to = path.join(project, 'node_modules', name);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.symlinkSync(from, to, 'dir');
  }

  // 4. The project's own jest.
  const jest = spawnSync(process.execPath, [path.join(project, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci'], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
  });
  const output = `${jest.stdout}${jest.stderr}`;
  process.stdout.write(output);
  const summary = /^Tests:\s+(.*)$/m.exec(output)?.[1] ?? '';
  const jestFailed = Number(/(\d+) failed/.exec(summary)?.[1] ?? 0);
  passed += Number(/(\d+) passed/.exec(summary)?.[1] ?? 0);
  failed += jestFailed;
  if (jest.status !== 0 && jestFailed === 0) failed++;
} catch (err) {
  console.error(`consumer: ${err instanceof Error ? err.message : String(err)}`);
  failed = Math.max(failed, 1);
} finally {
  if (keep) console.log(`consumer: kept ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}
console.log(`consumer: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`consumer: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
