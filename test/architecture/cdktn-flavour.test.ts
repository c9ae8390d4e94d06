import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

// tools/cdktn-flavour.js builds the cdktn flavour by rewriting module specifiers: what it rewrites, and that the
// source holds nothing it cannot rewrite (the build itself runs in `npm run test:cdktn`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const flavour = require('../../tools/cdktn-flavour.js');

const repo = path.resolve(__dirname, '..', '..');
const bindings = path.join(flavour.tree, flavour.KUBERNETES_BINDINGS);

describe('cdktn flavour: import rewriting', () => {
  test.each([
    ['cdktf', 'cdktn'],
    ['cdktf/lib/x', 'cdktn/lib/x'],
    ['@cdktf/provider-aws/lib/lb', '@cdktn/provider-aws/lib/lb'],
    ['@cdktf/provider-aws', '@cdktn/provider-aws'],
    ['constructs', undefined],
    ['./aws', undefined],
    ['cdktf-fault-tolerance', undefined],
    ['cdktfx', undefined],
  ])('%s -> %s', (from, to) => {
    expect(flavour.rewriteSpecifier(from, path.join(flavour.tree, 'src', 'service'))).toBe(to);
  });

  test('Kubernetes modules go to the generated bindings, relative to the importing file', () => {
    expect(flavour.rewriteSpecifier('@cdktf/provider-kubernetes/lib/deployment-v1', path.join(flavour.tree, 'src', 'service'))).toBe(
      '../providers/kubernetes/deployment-v1',
    );
    expect(flavour.rewriteSpecifier('@cdktf/provider-kubernetes/lib/provider', path.join(flavour.tree, 'examples'))).toBe(
      '../src/providers/kubernetes/provider',
    );
    expect(path.relative(flavour.tree, bindings)).toBe(path.join('src', 'providers', 'kubernetes'));
  });

  test('any other @cdktf package is refused with the reason, never left behind', () => {
    expect(() => flavour.rewriteSpecifier('@cdktf/provider-google/lib/x', flavour.tree)).toThrow(
      'no cdktn equivalent for "@cdktf/provider-google/lib/x": only cdktf, @cdktf/provider-aws and @cdktf/provider-kubernetes/lib/<module> are rewritten',
    );
  });

  test('imports, requires, dynamic imports and type imports are rewritten; strings and relative paths are not', () => {
    const source = [
      "import { App } from 'cdktf';",
      "import type * as lb from '@cdktf/provider-aws/lib/lb';",
      "const { Vpc } = require('@cdktf/provider-aws/lib/vpc') as typeof import('@cdktf/provider-aws/lib/vpc');",
      'export * from "cdktf";',
      "const label = 'cdktf-fault-tolerance.dev/track';",
      "import { x } from './cdktf';",
    ].join('\n');
    expect(flavour.rewriteSource(source, path.join(flavour.tree, 'src'))).toBe(
      [
        "import { App } from 'cdktn';",
        "import type * as lb from '@cdktn/provider-aws/lib/lb';",
        "const { Vpc } = require('@cdktn/provider-aws/lib/vpc') as typeof import('@cdktn/provider-aws/lib/vpc');",
        'export * from "cdktn";',
        "const label = 'cdktf-fault-tolerance.dev/track';",
        "import { x } from './cdktf';",
      ].join('\n'),
    );
  });

  test('every framework and provider import of src/ and examples/ has a cdktn equivalent', () => {
    const problems: string[] = [];
    let rewritten = 0;
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          walk(p);
        } else if (/\.(ts|js)$/.test(e.name)) {
          const text = fs.readFileSync(p, 'utf8');
          try {
            const next = flavour.rewriteSource(text, path.join(flavour.tree, path.relative(repo, dir)));
            if (next !== text) rewritten++;
            problems.push(...flavour.leftovers(next).map((s: string) => `${path.relative(repo, p)}: ${s}`));
          } catch (err) {
            problems.push(`${path.relative(repo, p)}: ${(err as Error).message}`);
          }
        }
      }
    };
    walk(path.join(repo, 'src'));
    walk(path.join(repo, 'examples'));
    expect(problems).toEqual([]);
    expect(rewritten).toBeGreaterThan(40);
  });

  test('the Kubernetes modules the source imports are all in the real hashicorp/kubernetes 2.38.0 schema', () => {
    const modules: string[] = flavour.kubernetesModulesUsed();
    expect(modules).toEqual(expect.arrayContaining(['provider', 'deployment-v1', 'manifest', 'service-v1', 'network-policy-v1']));
    const dump = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(repo, 'schemas', 'terraform-providers', 'kubernetes-2.38.0.json.gz'))).toString());
    const types = Object.keys(dump.provider_schemas['registry.terraform.io/hashicorp/kubernetes'].resource_schemas);
    for (const m of modules.filter((x) => x !== 'provider')) {
      expect(types).toContain(`kubernetes_${m.replace(/-/g, '_')}`);
    }
  });
});
