import { spawnSync } from 'child_process';
import * as path from 'path';

/*
 * Requiring the library must stay cheap (ARCHITECTURE.md): no provider binding and no YAML library is loaded until a
 * construct that renders with it is created. `npm run bench` reports the time; this test holds the cause.
 */

const root = path.join(__dirname, '..', '..');

function modulesLoadedBy(code: string): string[] {
  const result = spawnSync(process.execPath, ['-r', path.join(__dirname, 'ts-require-hook.js'), '-e', code], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(result.stderr);
  }
  return (JSON.parse(result.stdout) as string[]).map((m) => path.relative(root, m));
}

const PRINT = 'console.log(JSON.stringify(Object.keys(require.cache)))';
const heavy = (modules: string[]) => modules.filter((m) => /node_modules\/(@cdktf\/provider-[^/]+|yaml)\//.test(m));

describe('import cost', () => {
  jest.setTimeout(60_000);

  test('requiring the library loads no provider binding and no YAML library', () => {
    expect(heavy(modulesLoadedBy(`require('./src'); ${PRINT}`))).toEqual([]);
  });

  test('the check rules load only when the checks run', () => {
    expect(modulesLoadedBy(`require('./src'); ${PRINT}`).filter((m) => m.startsWith('src/checks/private/rules'))).toEqual([]);
  });

  test('the jest matchers, the proof and the SARIF and JUnit renderers are not loaded by the library', () => {
    const loaded = modulesLoadedBy(`require('./src'); ${PRINT}`);
    expect(loaded.filter((m) => /^src\/(checks\/jest|proof\/|checks\/private\/render-(sarif|junit))/.test(m))).toEqual([]);
    expect(loaded).toContain('src/checks/assertions.ts'); // ResilienceFindings is part of the API
  });

  test('a construct loads the bindings of its own platform only', () => {
    const stack = "const { App, TerraformStack } = require('cdktf'); const src = require('./src'); const stack = new TerraformStack(new App(), 's');";
    const aws = heavy(modulesLoadedBy(`${stack} new src.MultiAzNetwork(stack, 'network'); ${PRINT}`));
    expect(aws.length).toBeGreaterThan(0);
    expect(aws.filter((m) => !m.includes('@cdktf/provider-aws/'))).toEqual([]);
    const kubernetes = heavy(
      modulesLoadedBy(
        `${stack} const lb = new src.HealthCheckedLoadBalancer(stack, 'lb', { platform: src.Platform.kubernetes({ namespaceName: 'shop' }) }); ${PRINT}`,
      ),
    );
    expect(kubernetes.length).toBeGreaterThan(0);
    expect(kubernetes.filter((m) => !m.includes('@cdktf/provider-kubernetes/'))).toEqual([]);
  });
});
