import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

/*
 * Every ```ts block of the README is type-checked, and run, the way a user would: a block with imports is a file of
 * a `cdktf init` project (its tsconfig: strict, noUnusedLocals, noUnusedParameters, ...); a block marked
 * ```ts fixture=<name> is the body of a stack's constructor (test/readme/fixtures/stack.ts-fixture) after the objects
 * the README's earlier sections create (fixtures/contexts.json), or, for `fixture=jest`, a test file. Like
 * jsii-rosetta's strict extraction, but also executed: each program synthesizes its stack (or calls app.synth()),
 * so an id used twice or a prop the construct refuses fails here too.
 */

const root = path.join(__dirname, '..', '..');
const fixtures = path.join(__dirname, 'fixtures');
const README = path.join(root, 'README.md');

interface Snippet {
  readonly line: number;
  readonly fixture?: string;
  readonly code: string;
}

function snippetsOf(file: string): Snippet[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(ts|typescript)\b(.*)$/.exec(lines[i]);
    if (!open) continue;
    const fixture = /\bfixture=([\w-]+)/.exec(open[2])?.[1];
    const start = i + 1;
    while (i + 1 < lines.length && !lines[i + 1].startsWith('```')) i++;
    out.push({ line: start + 1, fixture, code: lines.slice(start, i + 1).join('\n') });
    i++;
  }
  return out;
}

const contexts: Record<string, string[]> = JSON.parse(fs.readFileSync(path.join(fixtures, 'contexts.json'), 'utf8'));

/** The program of a snippet: the snippet itself, or its fixture with the snippet in place of `/// here`. */
function programOf(s: Snippet): string {
  if (s.fixture === undefined) return s.code;
  if (s.fixture === 'jest') {
    return fs.readFileSync(path.join(fixtures, 'jest.ts-fixture'), 'utf8').replace('/// here', s.code);
  }
  const context = contexts[s.fixture];
  if (!context) throw new Error(`README.md:${s.line}: unknown fixture "${s.fixture}" (fixtures/contexts.json lists ${Object.keys(contexts).join(', ')})`);
  return fs
    .readFileSync(path.join(fixtures, 'stack.ts-fixture'), 'utf8')
    .replace('/// context', context.join('\n    '))
    .replace('/// here', s.code.replace(/\n/g, '\n    '));
}

/** The tsconfig of a project made with `cdktf init --template=typescript` (cdktf-cli 0.21's template), without emit. */
const CDKTF_INIT: ts.CompilerOptions = {
  alwaysStrict: true,
  declaration: false,
  experimentalDecorators: true,
  lib: ['lib.es2018.d.ts'],
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  noFallthroughCasesInSwitch: true,
  noImplicitAny: true,
  noImplicitReturns: true,
  noImplicitThis: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  resolveJsonModule: true,
  strict: true,
  strictNullChecks: true,
  strictPropertyInitialization: true,
  target: ts.ScriptTarget.ES2018,
  skipLibCheck: true,
  noEmit: true,
  baseUrl: root,
  types: ['node', 'jest'],
  typeRoots: [path.join(root, 'node_modules', '@types')],
  // The installed package: its entry points resolve to this repository's sources.
  paths: {
    'cdktf-fault-tolerance': ['src/index.ts'],
    'cdktf-fault-tolerance/proof': ['src/proof/index.ts'],
    'cdktf-fault-tolerance/testing': ['src/checks/jest.ts'],
    '*': ['node_modules/*', 'node_modules/@types/*'],
  },
};

const ENTRY_POINTS: Record<string, string> = {
  'cdktf-fault-tolerance': path.join(root, 'src', 'index.ts'),
  'cdktf-fault-tolerance/proof': path.join(root, 'src', 'proof', 'index.ts'),
  'cdktf-fault-tolerance/testing': path.join(root, 'src', 'checks', 'jest.ts'),
};

const snippets = snippetsOf(README);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-snippets-'));
const files = snippets.map((s) => {
  const file = path.join(dir, `readme-line-${s.line}.ts`);
  fs.writeFileSync(file, `${programOf(s)}\nexport {};\n`);
  return file;
});

/** Type-checks the files with the cdktf init options (unused locals allowed in fixtures: they declare context). */
function diagnostics(): Map<string, string[]> {
  const byFile = new Map<string, string[]>(files.map((f) => [f, []]));
  const groups: Array<[string[], ts.CompilerOptions]> = [
    [files.filter((_, i) => snippets[i].fixture === undefined), CDKTF_INIT],
    [files.filter((_, i) => snippets[i].fixture !== undefined), { ...CDKTF_INIT, noUnusedLocals: false, noUnusedParameters: false }],
  ];
  for (const [group, options] of groups) {
    if (group.length === 0) continue;
    const program = ts.createProgram(group, options);
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const file = d.file?.fileName;
      if (!file || !byFile.has(path.resolve(file))) continue;
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      byFile.get(path.resolve(file))!.push(`line ${line + 1} of the program: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    }
  }
  return byFile;
}

/** Runs a program: transpiled to CommonJS, imports resolved from this repository, output in a temporary directory. */
function execute(file: string): void {
  let js = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  js = js.replace(/require\("([^"]+)"\)/g, (_m, spec: string) => `require(${JSON.stringify(ENTRY_POINTS[spec] ?? require.resolve(spec, { paths: [root] }))})`);
  const out = file.replace(/\.ts$/, '.run.js');
  fs.writeFileSync(out, js);
  const previous = process.env.CDKTF_OUTDIR;
  process.env.CDKTF_OUTDIR = fs.mkdtempSync(path.join(dir, 'cdktf.out-'));
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(out);
    if (typeof module.build === 'function') {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('cdktf').Testing.synth(module.build());
    }
  } finally {
    if (previous === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = previous;
  }
}

describe('README TypeScript snippets', () => {
  jest.setTimeout(240_000);
  const problems = diagnostics();

  test('the README has TypeScript snippets, every one of them checked here', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(15);
    const unmarked = fs.readFileSync(README, 'utf8').split('\n').filter((l) => /^```(ts|typescript)\s*\S/.test(l) && !/fixture=[\w-]+/.test(l));
    expect(unmarked).toEqual([]); // an info string is a fixture or nothing
  });

  test.each(snippets.map((s, i) => [s.line, s.fixture ?? 'none', i] as const))('README.md:%i (fixture %s) compiles and runs', (_line, _fixture, i) => {
    expect(problems.get(files[i])).toEqual([]);
    if (snippets[i].fixture !== 'jest') {
      execute(files[i]);
    }
  });

  test('the check can fail: an undefined variable, an unused local and a reused id are caught', () => {
    const bad = [
      { line: 1, fixture: 'aws', code: 'edge.allowTo(webServers, 3000);' },
      { line: 2, code: "import { App } from 'cdktf';\nconst app = new App();\nconst unused = 1;\napp.synth();" },
    ];
    const badFiles = bad.map((s, i) => {
      const f = path.join(dir, `bad-${i}.ts`);
      fs.writeFileSync(f, `${programOf(s)}\nexport {};\n`);
      return f;
    });
    const fixtureProgram = ts.createProgram([badFiles[0]], { ...CDKTF_INIT, noUnusedLocals: false });
    expect(ts.getPreEmitDiagnostics(fixtureProgram).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toContain("Cannot find name 'webServers'.");
    const initProgram = ts.createProgram([badFiles[1]], CDKTF_INIT);
    expect(ts.getPreEmitDiagnostics(initProgram).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toContain(
      "'unused' is declared but its value is never read.",
    );
    const reused = path.join(dir, 'reused.ts');
    fs.writeFileSync(reused, programOf({ line: 3, fixture: 'aws', code: "new MultiAzNetwork(this, 'network');" }));
    expect(() => execute(reused)).toThrow(/There is already a Construct with name 'network'/);
  });
});
