// The library's own test suite (test/**/*.test.ts), run against the cdktn flavour: the same test files, with the
// framework and provider imports of the source and the tests resolved as the cdktn build rewrites them
// (tools/cdktn-flavour.js): cdktf -> cdktn, @cdktf/provider-aws -> @cdktn/provider-aws, @cdktf/provider-kubernetes
// -> the bindings generated into .cdktn/package. Run by `node test/cdktn/run.js suite` (after the build).
'use strict';
const path = require('path');

const repo = path.resolve(__dirname, '..', '..');
const base = require(path.join(repo, 'package.json')).jest;
const modules = path.join(__dirname, 'node_modules');
const { KUBERNETES_BINDINGS, tree } = require(path.join(repo, 'tools', 'cdktn-flavour.js'));

module.exports = {
  ...base,
  rootDir: repo,
  moduleNameMapper: {
    ...(base.moduleNameMapper ?? {}),
    '^cdktf$': path.join(modules, 'cdktn'),
    '^cdktf/(.*)$': path.join(modules, 'cdktn', '$1'),
    // One copy of constructs: the one cdktn was installed with.
    '^constructs$': path.join(modules, 'constructs'),
    '^@cdktf/provider-aws/(.*)$': path.join(modules, '@cdktn', 'provider-aws', '$1'),
    '^@cdktf/provider-kubernetes/lib/(.*)$': path.join(tree, KUBERNETES_BINDINGS, '$1'),
  },
  // Snapshots name the provider versions (AWS 6.66 here, 6.25 for cdktf): the cdktn flavour keeps its own.
  snapshotResolver: path.join(__dirname, 'snapshot-resolver.js'),
  testPathIgnorePatterns: [...base.testPathIgnorePatterns, '/test/cdktn/'],
  // The generated Kubernetes bindings in .cdktn/package/src/ are loaded; the rest of the tree is not.
  modulePathIgnorePatterns: [
    ...base.modulePathIgnorePatterns.filter((p) => !p.includes('.cdktn')),
    '<rootDir>/.cdktn/package/(proof|build|lib|examples|bin|node_modules)/',
  ],
  cacheDirectory: path.join(repo, '.cdktn', 'jest-cache'),
};
