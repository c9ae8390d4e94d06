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
  // Renders Alertmanager and Prometheus configuration as YAML; bundled so jsii consumers need nothing extra.
  bundledDeps: ['yaml@^2'],
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
    // The offline Terraform proof (src/proof): a schema-serving provider over gRPC.
    '@grpc/grpc-js@^1',
    '@grpc/proto-loader@^0.8',
    '@msgpack/msgpack@^3',
  ],

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
      testPathIgnorePatterns: ['/node_modules/', '/lib/', '/cdktf.out/', '/.examples/'],
    },
  },
  gitignore: ['cdktf.out/', '.examples/', '.bench/', 'imports/', '.terraform/', '*.tfstate*'],
});

// Tests are transpiled by SWC (no type-checking per test file: `tsc`/jsii type-check once in the build).
project.package.file.addOverride('jest.transform', {
  '^.+\\.[t]sx?$': ['@swc/jest', {}],
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
    { exec: 'node .examples/src/proof/cli.js' },
  ],
  env: { CHECKPOINT_DISABLE: '1' },
});
project.addTask('bench', {
  description: 'Synthesize each example stack several times and print median wall time and peak memory',
  exec: 'node tools/bench.js',
});

for (const pattern of ['/examples/', '/tools/', '/cdktf.json', '/.ci/', 'cdktf.out/', '.examples/', '.bench/']) {
  project.addPackageIgnore(pattern);
}

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
