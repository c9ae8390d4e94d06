import * as path from 'path';
import { loadESLint } from 'eslint';

/*
 * The architecture's boundaries are lint rules (`import/no-restricted-paths`, configured in .projenrc.ts): these
 * tests lint a deliberately forbidden import with the project's own configuration and expect it to fail.
 */

const root = path.join(__dirname, '..', '..');

async function lint(file: string, code: string): Promise<string[]> {
  const LegacyESLint = await loadESLint({ useFlatConfig: false });
  const eslint = new LegacyESLint({ cwd: root });
  // The rule resolves its zones ('./src/core') against the process's cwd, whatever jest was started from.
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return result.messages.filter((m) => m.ruleId === 'import/no-restricted-paths').map((m) => m.message);
  } finally {
    process.chdir(cwd);
  }
}

describe('architecture boundaries', () => {
  jest.setTimeout(60_000);

  test('src/core imports no capability', async () => {
    expect(await lint('src/core/health-check.ts', "import { MultiAzNetwork } from '../network/multi-az-network';\nexport const n = MultiAzNetwork;\n")).toEqual([
      'Unexpected path "../network/multi-az-network" imported in restricted zone. src/core imports no capability: move what both need into core.',
    ]);
  });

  test('a capability does not import another capability, nor the checks', async () => {
    expect(await lint('src/database/engine.ts', "import { ResilienceChecks } from '../checks/resilience-checks';\nexport const c = ResilienceChecks;\n")).toEqual([
      'Unexpected path "../checks/resilience-checks" imported in restricted zone. src/database may import only src/core and itself: move what two capabilities share into core.',
    ]);
  });

  test('core and the capability itself are allowed', async () => {
    expect(await lint('src/database/engine.ts', "import { Duration } from '../core/duration';\nimport { Replication } from './replication';\nexport const x = [Duration, Replication];\n")).toEqual([]);
  });
});
