#!/usr/bin/env node
/**
 * The jsii targets check: compiles the library with jsii (failing on a name that is a reserved word in Python, Java,
 * C# or Go), generates the Python, Java, .NET and Go packages with jsii-pacmak (`--code-only`: sources, no package
 * builds, which would need PyPI, Maven Central, NuGet and the Go proxy), and compiles what this machine can offline:
 *
 * - Python: every generated module byte-compiled (`python3 -m compileall`);
 * - Java: every generated source parsed by javac (`-XDshould-stop.ifError=PARSE`: the syntax only, since the cdktf,
 *   constructs, provider and jsii runtime jars come from Maven Central);
 * - Go: every generated file parsed by `gofmt -e` (the syntax only: the cdktf and provider modules come from the Go
 *   proxy), with gofmt from Debian's golang package (test/pacmak/install-go.sh), else reported as generated only;
 * - .NET: generated only (no .NET SDK here, and Debian does not package one).
 *
 *   node test/pacmak/run.js [--no-build] [--keep]
 *
 * Ends with "pacmak: N passed, M failed" and exits non-zero when anything failed. Each step is bounded in time.
 */
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const repo = path.resolve(__dirname, '..', '..');
const build = !process.argv.includes('--no-build');
const keep = process.argv.includes('--keep');
const started = Date.now();
const TARGETS = ['python', 'java', 'dotnet', 'go'];

let passed = 0;
let failed = 0;
function result(ok, title) {
  console.log(`pacmak: ${ok ? 'PASS' : 'FAIL'} ${title}`);
  if (ok) passed++;
  else failed++;
}

function run(cmd, args, opts = {}) {
  const t = Date.now();
  const res = spawnSync(cmd, args, { cwd: repo, encoding: 'utf8', timeout: opts.timeout ?? 600_000, maxBuffer: 64 * 1024 * 1024, ...opts });
  return { ...res, ms: Date.now() - t, output: `${res.stdout ?? ''}${res.stderr ?? ''}` };
}

function filesUnder(dir, ext) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full, ext));
    else if (full.endsWith(ext)) out.push(full);
  }
  return out;
}

function which(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).status === 0;
}

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-ft-pacmak-'));
try {
  if (build) {
    const jsii = run(process.execPath, [path.join(repo, 'node_modules', 'jsii', 'bin', 'jsii')]);
    const reserved = jsii.output.split('\n').filter((l) => /reserved-word/.test(l));
    if (jsii.status !== 0) process.stdout.write(jsii.output);
    result(jsii.status === 0, `jsii compile (${(jsii.ms / 1000).toFixed(1)} s)`);
    if (reserved.length > 0) process.stdout.write(`${reserved.join('\n')}\n`);
    result(reserved.length === 0, `no member or type named after a reserved word of Python, Java, C# or Go (${reserved.length} reported)`);
  }

  const pacmak = run(process.execPath, [
    path.join(repo, 'node_modules', 'jsii-pacmak', 'bin', 'jsii-pacmak'),
    '--code-only',
    ...TARGETS.flatMap((t) => ['--target', t]),
    '--outdir',
    out,
  ]);
  if (pacmak.status !== 0) process.stdout.write(pacmak.output);
  result(pacmak.status === 0, `jsii-pacmak --code-only ${TARGETS.join(', ')} (${(pacmak.ms / 1000).toFixed(1)} s)`);

  const counts = {
    python: filesUnder(path.join(out, 'python'), '.py'),
    java: filesUnder(path.join(out, 'java'), '.java'),
    dotnet: filesUnder(path.join(out, 'dotnet'), '.cs'),
    go: filesUnder(path.join(out, 'go'), '.go'),
  };
  for (const t of TARGETS) {
    result(counts[t].length > 0, `${t}: ${counts[t].length} source files generated`);
  }

  // Python: byte-compile every module (the jsii runtime, cdktf and constructs for Python come from PyPI).
  if (which('python3')) {
    const py = run('python3', ['-m', 'compileall', '-q', '-f', path.join(out, 'python')]);
    if (py.status !== 0) process.stdout.write(py.output);
    result(py.status === 0 && counts.python.length > 0, `python: ${counts.python.length} files byte-compiled by ${run('python3', ['--version']).output.trim()}`);
  } else {
    result(false, 'python: python3 is not on PATH, nothing byte-compiled');
  }

  // Java: parse every source with javac; the dependencies' jars are not reachable offline.
  if (which('javac') && counts.java.length > 0) {
    const classes = path.join(out, 'javac-classes');
    fs.mkdirSync(classes);
    const args = ['-d', classes, '-proc:none', '-encoding', 'UTF-8', '-XDshould-stop.ifError=PARSE', '-XDshould-stop.ifNoError=PARSE'];
    const javac = run('javac', [...args, ...counts.java]);
    if (javac.status !== 0) process.stdout.write(javac.output);
    // The check can fail: a broken source is rejected the same way.
    const broken = path.join(out, 'Broken.java');
    fs.writeFileSync(broken, 'class Broken { void f( { }\n');
    const control = run('javac', [...args, broken]);
    result(javac.status === 0 && control.status !== 0, `java: ${counts.java.length} files parsed by ${run('javac', ['-version']).output.trim()} (syntax only)`);
  } else {
    console.log('pacmak: java sources generated only (javac is not on PATH)');
  }

  // Go: parse every file with gofmt (test/pacmak/install-go.sh fetches it from Debian into .engines/go).
  const localGofmt = path.join(process.env.FT_ENGINES_DIR ?? path.join(repo, '.engines'), 'go', 'bin', 'gofmt');
  const gofmtBin = fs.existsSync(localGofmt) ? localGofmt : which('gofmt') ? 'gofmt' : undefined;
  if (gofmtBin && counts.go.length > 0) {
    const gofmt = run(gofmtBin, ['-e', '-l', ...counts.go]);
    const syntaxErrors = gofmt.stderr.trim();
    if (gofmt.status !== 0) process.stdout.write(syntaxErrors);
    const broken = path.join(out, 'broken.go');
    fs.writeFileSync(broken, 'package p\nfunc f( {\n');
    const control = run(gofmtBin, ['-e', '-l', broken]);
    result(gofmt.status === 0 && syntaxErrors === '' && control.status !== 0, `go: ${counts.go.length} files parsed by gofmt -e (syntax only)`);
  } else {
    console.log('pacmak: go sources generated only (no gofmt: run test/pacmak/install-go.sh)');
  }
  console.log('pacmak: dotnet sources generated only (no .NET SDK on this machine)');
} catch (err) {
  console.error(`pacmak: ${err instanceof Error ? err.message : String(err)}`);
  failed = Math.max(failed, 1);
} finally {
  if (keep) console.log(`pacmak: kept ${out}`);
  else fs.rmSync(out, { recursive: true, force: true });
}
console.log(`pacmak: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`pacmak: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
