/**
 * Offline Terraform proof of synthesized stacks.
 *
 *   npx cdktf-fault-tolerance prove [options] [dir-or-file...]   (installed package)
 *   npm run prove                                              (this repository: the examples)
 *
 * Without arguments, validates every `cdktf.out/stacks/<stack>/cdk.tf.json`. A directory argument
 * is searched for `stacks/<stack>/cdk.tf.json`, `<stack>/cdk.tf.json` and `cdk.tf.json`.
 * Prints one line per stack, Terraform's diagnostics for failing stacks, and exits 1 on any
 * failure. Exits 0 with a "skipped" line when the terraform binary is not on PATH.
 */
import * as fs from 'fs';
import * as path from 'path';
import { closeOfflineProviders, formatDiagnostics, formatProof, OfflineOptions, summarize, terraformVersion, validateOfflineFile } from './runner';
import { bundledSchemaDumpDir, findProviderPackages } from './schema';

const USAGE = `usage: cdktf-fault-tolerance prove [options] [dir-or-file...]
  Proves each synthesized stack (cdk.tf.json) against real Terraform core, offline:
  terraform validate + plan (empty state) with schema-serving stand-ins for the providers.
  Default: cdktf.out/stacks/*/cdk.tf.json. Exit code 1 when any stack fails.

  --crds=<list>         CRDs installed in the offline cluster for kubernetes_manifest: comma-separated
                        files or folders, or the bundled sets chaos-mesh, cloudnative-pg, barman-cloud
  --schema-dumps=<dir>  extra folder of real provider schemas (<provider>-<version>.json.gz)
  --rebuilt-schemas     serve schemas rebuilt from the bindings even when a real dump matches
  --terraform=<binary>  the terraform binary (default: terraform on PATH)
  --require-terraform   fail (exit 2) instead of skipping when terraform cannot be run
  --quiet               print failing stacks' errors only`;

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
  // `prove` is the (only) command; accepted for `npx cdktf-fault-tolerance prove cdktf.out`.
  if (argv[0] === 'prove') argv = argv.slice(1);
  const args = argv.filter((a) => !a.startsWith('-'));
  const flags = new Set(argv.filter((a) => a.startsWith('-')));
  if (flags.has('--help') || flags.has('-h')) {
    console.log(USAGE);
    return 0;
  }
  const quiet = flags.has('--quiet');
  const binaryFlag = argv.find((a) => a.startsWith('--terraform='));
  const terraformBinary = binaryFlag ? binaryFlag.slice('--terraform='.length) : 'terraform';

  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const list = (name: string) => (value(name) ?? '').split(',').filter(Boolean);
  const schemaDumps = list('schema-dumps');
  const options: OfflineOptions = {
    terraformBinary,
    crds: list('crds'),
    ...(schemaDumps.length > 0 ? { schemaDumpDirs: [bundledSchemaDumpDir(), ...schemaDumps] } : {}),
    ...(flags.has('--rebuilt-schemas') ? { schemaSource: 'rebuilt' as const } : {}),
  };

  const version = terraformVersion(terraformBinary);
  if (version === undefined) {
    const why = binaryFlag ? `${terraformBinary} cannot be run` : 'terraform is not on PATH';
    if (flags.has('--require-terraform')) {
      console.error(`terraform-offline: FAILED - ${why}, and --require-terraform was given.`);
      return 2;
    }
    console.log(`terraform-offline: SKIPPED - ${why}, so the offline Terraform proof did not run.`);
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

  const bindings = findProviderPackages(path.resolve(__dirname, '..', '..'))
    .concat(findProviderPackages(process.cwd()))
    .filter((p, i, all) => all.findIndex((q) => q.address === p.address) === i)
    .map((p) => `${p.packageName} ${p.packageVersion}`);
  console.log(`terraform-offline: terraform ${version}; provider bindings: ${bindings.join(', ') || 'none'}`);

  const width = Math.max(...files.map((f) => stackName(f).length));
  let failed = 0;
  try {
    for (const file of files) {
      const name = stackName(file).padEnd(width);
      let line: string;
      try {
        const result = validateOfflineFile(file, options);
        line = `${result.ok ? 'PASS' : 'FAIL'} ${name}  ${summarize(result)}`;
        console.log(line);
        if (!quiet) console.log(indent(formatProof(result)));
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
