#!/usr/bin/env node
/**
 * The cdktn flavour: `cdktn-fault-tolerance`, the same library for CDK Terrain (cdktn), built from this
 * repository's source. No fork: every source file is copied and only its module specifiers are rewritten.
 *
 *   node tools/cdktn-flavour.js build   rewrite + generate + compile into .cdktn/package/ (git-ignored)
 *   node tools/cdktn-flavour.js pack    build, then `npm pack` the flavour into .cdktn/
 *
 * What the build does, for any file under src/ and examples/ (no list of files):
 *   - `cdktf`, `cdktf/...`            -> `cdktn`, `cdktn/...`
 *   - `@cdktf/provider-aws/...`       -> `@cdktn/provider-aws/...` (the prebuilt cdktn bindings, a peer dependency)
 *   - `@cdktf/provider-kubernetes/lib/<module>` -> the package's own bindings, `lib/providers/kubernetes/<module>`:
 *     there is no prebuilt `@cdktn/provider-kubernetes`, so the modules the source imports (found by scanning it,
 *     tests included) are generated offline by `@cdktn/provider-generator` from the real provider schema shipped in
 *     schemas/terraform-providers/ (hashicorp/kubernetes 2.38.0, the version @cdktf/provider-kubernetes 12.1 binds).
 * Then it compiles the tree with tsc (same compiler options as the jsii build) and writes the flavour's package.json:
 * peer dependencies on cdktn and @cdktn/provider-aws instead of cdktf and the @cdktf providers, everything else equal.
 *
 * The cdktn packages (cdktn, @cdktn/provider-aws, @cdktn/provider-generator, constructs) come from the cdktn project
 * in test/cdktn/ (`npm ci --prefix test/cdktn`), never from this repository's own dependencies.
 */
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const repo = path.resolve(__dirname, '..');
const out = path.join(repo, '.cdktn');
const tree = path.join(out, 'package');
const cdktnProject = path.join(repo, 'test', 'cdktn');
const cdktnModules = path.join(cdktnProject, 'node_modules');
/** Where the generated Kubernetes bindings live in the flavour's tree (compiled to lib/providers/kubernetes/). */
const KUBERNETES_BINDINGS = path.join('src', 'providers', 'kubernetes');
const KUBERNETES_SCHEMA = path.join(repo, 'schemas', 'terraform-providers', 'kubernetes-2.38.0.json.gz');
const KUBERNETES_PROVIDER_BLOCK = path.join(repo, 'schemas', 'terraform-providers', 'kubernetes-2.38.0.provider.json');
const KUBERNETES_ADDRESS = 'registry.terraform.io/hashicorp/kubernetes';
const KUBERNETES_VERSION = '2.38.0';

/** A module specifier in `from '...'`, `require('...')`, `import('...')` or `jest.mock('...')`. */
const SPECIFIER = /(\bfrom\s*|\brequire\(\s*|\bimport\(\s*|\bjest\.mock\(\s*)(['"])([^'"\n]+)\2/g;
const KUBERNETES_MODULE = /^@cdktf\/provider-kubernetes\/lib\/([a-z0-9-]+)$/;

/**
 * The cdktn specifier for a cdktf one, or `undefined` when it is not a framework or provider import.
 * `fromDir` is the folder of the importing file in the flavour's tree (for the generated Kubernetes bindings).
 */
function rewriteSpecifier(spec, fromDir) {
  if (spec === 'cdktf' || spec.startsWith('cdktf/')) return `cdktn${spec.slice('cdktf'.length)}`;
  if (spec === '@cdktf/provider-aws' || spec.startsWith('@cdktf/provider-aws/')) return `@cdktn${spec.slice('@cdktf'.length)}`;
  const k = KUBERNETES_MODULE.exec(spec);
  if (k) {
    const rel = path.relative(fromDir, path.join(tree, KUBERNETES_BINDINGS, k[1])).split(path.sep).join('/');
    return rel.startsWith('.') ? rel : `./${rel}`;
  }
  if (spec.startsWith('@cdktf/')) {
    throw new Error(`no cdktn equivalent for "${spec}": only cdktf, @cdktf/provider-aws and @cdktf/provider-kubernetes/lib/<module> are rewritten`);
  }
  return undefined;
}

/** Rewrites every framework and provider specifier of one file's text. */
function rewriteSource(text, fromDir) {
  return text.replace(SPECIFIER, (all, lead, quote, spec) => {
    const to = rewriteSpecifier(spec, fromDir);
    return to === undefined ? all : `${lead}${quote}${to}${quote}`;
  });
}

/** The specifiers of a text that still name cdktf or a @cdktf package (must be none after the rewrite). */
function leftovers(text) {
  return [...text.matchAll(SPECIFIER)].map((m) => m[3]).filter((s) => s === 'cdktf' || s.startsWith('cdktf/') || s.startsWith('@cdktf/'));
}

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '__snapshots__') yield* walk(p);
    } else {
      yield p;
    }
  }
}

const isSource = (file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts');

/** The package's extra entry points (`proof/`, `testing/`, ...): top-level folders whose package.json points into lib/. */
function entryPointDirs() {
  return fs
    .readdirSync(repo, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
    .filter((e) => {
      try {
        return /^\.\.\/lib\//.test(JSON.parse(fs.readFileSync(path.join(repo, e.name, 'package.json'), 'utf8')).main ?? '');
      } catch {
        return false;
      }
    })
    .map((e) => e.name)
    .sort();
}

/** The Kubernetes binding modules the source imports (src, examples and the tests that run against both flavours). */
function kubernetesModulesUsed() {
  const used = new Set(['provider']);
  for (const dir of ['src', 'examples', 'test']) {
    for (const file of walk(path.join(repo, dir))) {
      if (!isSource(file)) continue;
      for (const m of fs.readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
        const k = KUBERNETES_MODULE.exec(m[3]);
        if (k) used.add(k[1]);
      }
    }
  }
  return [...used].sort();
}

/** The real schema's resource types and data sources by their bindings module name (`deployment-v1`). */
function resourcesByModule(providerSchema) {
  const byModule = new Map();
  const moduleName = (type) => type.replace(/^kubernetes_/, '').replace(/_/g, '-');
  for (const type of Object.keys(providerSchema.resource_schemas ?? {})) byModule.set(moduleName(type), { kind: 'resource_schemas', type });
  for (const type of Object.keys(providerSchema.data_source_schemas ?? {})) byModule.set(`data-kubernetes-${moduleName(type)}`, { kind: 'data_source_schemas', type });
  return byModule;
}

/** The offline proof's block format (schemas/terraform-providers/*.provider.json) as a Terraform schema block. */
function terraformBlock(block) {
  const attributes = {};
  for (const a of block.attributes) {
    attributes[a.name] = { type: a.type, ...(a.required ? { required: true } : {}), ...(a.optional ? { optional: true } : {}), ...(a.computed ? { computed: true } : {}), ...(a.sensitive ? { sensitive: true } : {}) };
  }
  const blockTypes = {};
  for (const b of block.blockTypes) {
    blockTypes[b.name] = {
      nesting_mode: b.nesting,
      block: terraformBlock(b.block),
      ...(b.minItems ? { min_items: b.minItems } : {}),
      ...(b.maxItems ? { max_items: b.maxItems } : {}),
    };
  }
  return { attributes, block_types: blockTypes };
}

/** Generates the Kubernetes bindings of `modules` into the tree, from the real 2.38.0 schema, offline. */
async function generateKubernetesBindings(modules) {
  const { TerraformProviderGenerator, CodeMaker } = require(require.resolve('@cdktn/provider-generator', { paths: [cdktnProject] }));
  const dump = JSON.parse(zlib.gunzipSync(fs.readFileSync(KUBERNETES_SCHEMA)).toString('utf8'));
  const full = dump.provider_schemas[KUBERNETES_ADDRESS];
  const byModule = resourcesByModule(full);
  const selected = { resource_schemas: {}, data_source_schemas: {} };
  for (const m of modules) {
    if (m === 'provider') continue;
    const found = byModule.get(m);
    if (!found) throw new Error(`@cdktf/provider-kubernetes/lib/${m}: no such resource or data source in hashicorp/kubernetes ${KUBERNETES_VERSION}`);
    selected[found.kind][found.type] = full[found.kind][found.type];
  }
  const providerBlock = JSON.parse(fs.readFileSync(KUBERNETES_PROVIDER_BLOCK, 'utf8'));
  const schema = {
    format_version: dump.format_version,
    provider_schemas: { [KUBERNETES_ADDRESS]: { provider: { version: 0, block: terraformBlock(providerBlock) }, ...selected } },
    provider_versions: { [KUBERNETES_ADDRESS]: KUBERNETES_VERSION },
  };
  const code = new CodeMaker();
  new TerraformProviderGenerator(code, schema).generateAll();
  const staging = path.join(out, 'generated');
  fs.rmSync(staging, { recursive: true, force: true });
  await code.save(staging);
  const generated = path.join(staging, 'providers', 'kubernetes');
  for (const m of modules) {
    if (!fs.existsSync(path.join(generated, m, 'index.ts'))) throw new Error(`the generator wrote no module ${m} (looked in ${generated})`);
  }
  const target = path.join(tree, KUBERNETES_BINDINGS);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.cpSync(generated, target, { recursive: true, filter: (p) => !p.endsWith('.md') });
  fs.rmSync(staging, { recursive: true, force: true });
}

function run(title, cmd, args, opts = {}) {
  const t = Date.now();
  const res = spawnSync(cmd, args, { cwd: repo, encoding: 'utf8', stdio: 'pipe', ...opts });
  console.log(`cdktn: ${title} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  if (res.status !== 0) {
    process.stdout.write(`${res.stdout ?? ''}${res.stderr ?? ''}`);
    throw new Error(`${title} failed (exit ${res.status})`);
  }
  return res;
}

/** The flavour's package.json: the cdktf package's, with cdktn peers and its own name and bin. */
function flavourManifest() {
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
  const cdktnVersion = (name) => JSON.parse(fs.readFileSync(path.join(cdktnModules, name, 'package.json'), 'utf8')).version;
  const awsMajor = cdktnVersion('@cdktn/provider-aws').split('.')[0];
  return {
    name: pkg.name.replace(/^cdktf-/, 'cdktn-'),
    description: `${pkg.description} For CDK Terrain (cdktn); built from the same source as ${pkg.name}.`,
    version: pkg.version,
    license: pkg.license,
    author: pkg.author,
    repository: pkg.repository,
    keywords: [...(pkg.keywords ?? []).filter((k) => k !== 'cdktf'), 'cdktn', 'cdk-terrain'],
    main: 'lib/index.js',
    types: 'lib/index.d.ts',
    bin: { 'cdktn-fault-tolerance': 'bin/cdktf-fault-tolerance' },
    engines: { node: '>= 22.11.0' },
    dependencies: pkg.dependencies,
    bundledDependencies: pkg.bundledDependencies,
    peerDependencies: {
      cdktn: `^${cdktnVersion('cdktn')}`,
      constructs: JSON.parse(fs.readFileSync(path.join(cdktnModules, 'cdktn', 'package.json'), 'utf8')).peerDependencies.constructs,
      '@cdktn/provider-aws': `^${awsMajor}.0.0`,
    },
  };
}

async function build() {
  const started = Date.now();
  if (!fs.existsSync(path.join(cdktnModules, 'cdktn'))) {
    throw new Error(`cdktn is not installed in ${cdktnModules}: run \`npm ci --prefix test/cdktn\` first`);
  }
  fs.rmSync(tree, { recursive: true, force: true });
  fs.mkdirSync(tree, { recursive: true });
  // Module resolution from the tree finds the cdktn project's packages (cdktn, @cdktn/provider-aws, constructs).
  const link = path.join(out, 'node_modules');
  fs.rmSync(link, { force: true, recursive: true });
  fs.symlinkSync(cdktnModules, link, 'dir');

  for (const dir of ['src', 'examples', 'bin', 'schemas', ...entryPointDirs()]) {
    fs.cpSync(path.join(repo, dir), path.join(tree, dir), { recursive: true, filter: (p) => !/[\\/](node_modules|tsconfig\.json)$/.test(p) });
  }
  for (const file of ['README.md', 'LICENSE', 'CHANGELOG.md']) fs.copyFileSync(path.join(repo, file), path.join(tree, file));

  const modules = kubernetesModulesUsed();
  let t = Date.now();
  await generateKubernetesBindings(modules);
  console.log(`cdktn: generated Kubernetes bindings ${modules.join(', ')} (${((Date.now() - t) / 1000).toFixed(1)} s)`);

  let rewritten = 0;
  const left = [];
  for (const dir of ['src', 'examples', ...entryPointDirs()]) {
    for (const file of walk(path.join(tree, dir))) {
      if (!/\.(ts|js)$/.test(file)) continue;
      const text = fs.readFileSync(file, 'utf8');
      const next = rewriteSource(text, path.dirname(file));
      if (next !== text) {
        fs.writeFileSync(file, next);
        rewritten++;
      }
      for (const spec of leftovers(next)) left.push(`${path.relative(tree, file)}: ${spec}`);
    }
  }
  if (left.length > 0) throw new Error(`cdktf specifiers left after the rewrite:\n  ${left.join('\n  ')}`);
  console.log(`cdktn: rewrote the framework and provider imports of ${rewritten} files`);

  // The jsii build's compiler options (tsconfig.json is generated by projen for jsii). One compilation of src/ and
  // examples/ into build/; the package's lib/ is build/src/ (the examples are synthesized from build/examples/).
  const base = JSON.parse(fs.readFileSync(path.join(repo, 'tsconfig.json'), 'utf8'));
  const compilerOptions = {
    ...base.compilerOptions,
    rootDir: '.',
    outDir: 'build',
    inlineSourceMap: false,
    inlineSources: false,
    types: ['node'],
    typeRoots: [path.join(repo, 'node_modules', '@types')],
  };
  fs.writeFileSync(
    path.join(tree, 'tsconfig.json'),
    JSON.stringify({ compilerOptions, include: ['src/**/*.ts', 'examples/**/*.ts'], exclude: ['node_modules'] }, null, 2),
  );
  run('tsc (src, examples, generated bindings)', process.execPath, [path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: tree });
  fs.cpSync(path.join(tree, 'build', 'src'), path.join(tree, 'lib'), { recursive: true });
  // Plain-JS modules and data files of src/ (the proof's server, checks and tfplugin6.proto) that no .ts compiles to,
  // as the cdktf build's copy-proof-assets task copies them next to the compiled TypeScript.
  let assets = 0;
  for (const file of walk(path.join(tree, 'src'))) {
    if (!/\.(js|proto)$/.test(file) || (file.endsWith('.js') && fs.existsSync(file.replace(/\.js$/, '.ts')))) continue;
    const target = path.join(tree, 'lib', path.relative(path.join(tree, 'src'), file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
    assets++;
  }
  if (assets === 0) throw new Error('no plain-JS modules or protocol files found in src/ to copy into lib/');
  fs.writeFileSync(path.join(tree, 'package.json'), `${JSON.stringify(flavourManifest(), null, 2)}\n`);
  fs.writeFileSync(path.join(tree, '.npmignore'), ['/src/', '/examples/', '/build/', '/tsconfig.json', '*.tsbuildinfo', '!/lib/proof/tfplugin6.proto', ''].join('\n'));
  console.log(`cdktn: built ${path.relative(repo, tree)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The folder of package `name` as Node resolves it from `fromDir` (nearest node_modules first). */
function packageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${name} is not installed (looked up from ${fromDir}): run npm ci`);
  }
}

/**
 * Copies the bundled dependencies (yaml, grpc, msgpack) and everything they depend on from this repository's
 * node_modules into the tree's, in the same layout (the versions the cdktf package bundles), for npm pack.
 */
function copyBundledDependencies(names) {
  const rootModules = path.join(repo, 'node_modules');
  const dirs = new Set();
  const visit = (name, fromDir) => {
    const dir = packageDir(name, fromDir);
    if (dirs.has(dir)) return;
    dirs.add(dir);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dir);
  };
  for (const name of names) visit(name, repo);
  for (const dir of dirs) {
    const rel = path.relative(rootModules, dir);
    if (rel.startsWith('..')) throw new Error(`${dir} is outside ${rootModules}`);
    fs.cpSync(dir, path.join(tree, 'node_modules', rel), { recursive: true, filter: (p) => p === dir || !p.slice(dir.length).includes(`${path.sep}node_modules`) });
  }
  return dirs.size;
}

/** The flavour's tarball, with the same bundled dependencies as the cdktf package. */
function pack() {
  const manifest = JSON.parse(fs.readFileSync(path.join(tree, 'package.json'), 'utf8'));
  fs.rmSync(path.join(tree, 'node_modules'), { recursive: true, force: true });
  const copied = copyBundledDependencies(manifest.bundledDependencies ?? []);
  console.log(`cdktn: bundled ${manifest.bundledDependencies.join(', ')} (${copied} packages with their dependencies)`);
  const res = run('npm pack', 'npm', ['pack', '--pack-destination', out, '--json'], { cwd: tree });
  const info = JSON.parse(res.stdout)[0];
  console.log(`cdktn: ${path.join(path.relative(repo, out), info.filename)}: ${manifest.name}@${manifest.version}, ${(info.size / 1e6).toFixed(1)} MB packed, ${info.entryCount} files (bundled: ${info.bundled.length})`);
  return path.join(out, info.filename);
}

module.exports = { rewriteSpecifier, rewriteSource, leftovers, kubernetesModulesUsed, entryPointDirs, build, pack, out, tree, cdktnModules, KUBERNETES_BINDINGS };

if (require.main === module) {
  const cmd = process.argv[2] ?? 'build';
  (async () => {
    if (cmd !== 'build' && cmd !== 'pack') throw new Error(`usage: node tools/cdktn-flavour.js build|pack (got ${cmd})`);
    await build();
    if (cmd === 'pack') pack();
  })().catch((err) => {
    console.error(`cdktn: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
