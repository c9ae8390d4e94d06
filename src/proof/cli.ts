/**
 * Offline Terraform proof of synthesized stacks.
 *
 *   node .examples/tools/terraform-offline/cli.js [dir-or-file...]
 *
 * Without arguments, validates every `cdktf.out/stacks/<stack>/cdk.tf.json`. A directory argument
 * is searched for `stacks/<stack>/cdk.tf.json`, `<stack>/cdk.tf.json` and `cdk.tf.json`.
 * Prints one line per stack, Terraform's diagnostics for failing stacks, and exits 1 on any
 * failure. Exits 0 with a "skipped" line when the terraform binary is not on PATH.
 */
import * as fs from 'fs';
import * as path from 'path';
import { closeOfflineProviders, formatDiagnostics, summarize, terraformVersion, validateOfflineFile } from './runner';
import { findProviderPackages, loadProviderSchema } from './schema';

const USAGE = `usage: terraform-offline [--quiet] [--terraform=<binary>] [dir-or-file...]
  Proves each synthesized stack (cdk.tf.json) against real Terraform core, offline:
  terraform validate + plan (empty state) with schema-serving stand-ins for the providers.
  Default: cdktf.out/stacks/*/cdk.tf.json. Exit code 1 when any stack fails.`;

function stackFiles(target: string): string[] {
  const abs = path.resolve(target);
  if (!fs.existsSync(abs)) throw new Error(`terraform-offline: ${target} does not exist`);
  if (fs.statSync(abs).isFile()) return [abs];
  const found: string[] = [];
  const direct = path.join(abs, 'cdk.tf.json');
  if (fs.existsSync(direct)) found.push(direct);
  for (const parent of [path.join(abs, 'stacks'), abs]) {
    if (!fs.existsSync(parent) || !fs.statSync(parent).isDirectory()) continue;
    for (const name of fs.readdirSync(parent).sort()) {
      const file = path.join(parent, name, 'cdk.tf.json');
      if (fs.existsSync(file) && !found.includes(file)) found.push(file);
    }
  }
  return found;
}

function stackName(file: string): string {
  const dir = path.basename(path.dirname(file));
  return path.basename(file) === 'cdk.tf.json' ? dir : path.basename(file);
}

export function main(argv: string[]): number {
  const args = argv.filter((a) => !a.startsWith('-'));
  const flags = new Set(argv.filter((a) => a.startsWith('-')));
  if (flags.has('--help') || flags.has('-h')) {
    console.log(USAGE);
    return 0;
  }
  const quiet = flags.has('--quiet');
  const binaryFlag = argv.find((a) => a.startsWith('--terraform='));
  const terraformBinary = binaryFlag ? binaryFlag.slice('--terraform='.length) : 'terraform';

  const version = terraformVersion(terraformBinary);
  if (version === undefined) {
    console.log(
      `terraform-offline: SKIPPED - ${
        binaryFlag ? `${terraformBinary} cannot be run` : 'terraform is not on PATH'
      }, so the offline Terraform proof did not run.`,
    );
    return 0;
  }

  const targets = args.length > 0 ? args : ['cdktf.out'];
  let files: string[];
  try {
    files = targets.flatMap(stackFiles);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
  if (files.length === 0) {
    console.error(`terraform-offline: no cdk.tf.json found under ${targets.join(', ')} (run cdktf synth first)`);
    return 1;
  }

  const schemaNotes = findProviderPackages(path.resolve(__dirname, '..', '..'))
    .concat(findProviderPackages(process.cwd()))
    .filter((p, i, all) => all.findIndex((q) => q.address === p.address) === i)
    .map((p) => {
      const loaded = loadProviderSchema(p);
      return `${p.address.replace(/^registry\.terraform\.io\//, '')} ${p.providerVersion} (schema ${loaded.fromCache ? 'cached' : 'rebuilt'}, ${loaded.durationMs} ms)`;
    });
  console.log(`terraform-offline: terraform ${version}; providers: ${schemaNotes.join(', ') || 'none'}`);

  const width = Math.max(...files.map((f) => stackName(f).length));
  let failed = 0;
  try {
    for (const file of files) {
      const name = stackName(file).padEnd(width);
      let line: string;
      try {
        const result = validateOfflineFile(file, { terraformBinary });
        line = `${result.ok ? 'PASS' : 'FAIL'} ${name}  ${summarize(result)}`;
        console.log(line);
        if (!result.ok) {
          failed++;
          console.log(indent(formatDiagnostics(result.diagnostics.filter((d) => d.severity === 'error' || !quiet))));
        } else if (!quiet && result.diagnostics.length > 0) {
          console.log(indent(formatDiagnostics(result.diagnostics)));
        }
      } catch (err) {
        failed++;
        console.log(`FAIL ${name}  ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  } finally {
    closeOfflineProviders();
  }
  console.log(
    failed === 0
      ? `terraform-offline: ${files.length} stack${files.length === 1 ? '' : 's'} proven against terraform ${version}`
      : `terraform-offline: ${failed} of ${files.length} stack${files.length === 1 ? '' : 's'} failed`,
  );
  return failed === 0 ? 0 : 1;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l ? `    ${l}` : l))
    .join('\n');
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
