import { Token } from 'cdktf';
import type { WorkloadPlan } from './plan';
import { HealthCheck, HealthCheckProtocol } from '../../core/health-check';
import { cpuCores, memoryBytes } from '../../core/private/kubernetes';
import { maxOf, numberText } from '../../core/private/runtime';
import { SecretRefKind } from '../../core/secret-ref';

/**
 * The launch lifecycle hook the start-up script completes: the instance stays `Pending:Wait` (not registered with
 * the load balancer) until the workload answers its health check locally, then the script completes the hook with
 * CONTINUE; on a failure or after `deadlineSeconds` it completes it with ABANDON and the group replaces the instance.
 */
export interface LaunchHookOptions {
  /** The Auto Scaling group's name (fixed, known at synth time). */
  readonly groupName: string;
  readonly hookName: string;
  /** Seconds after the script starts by which the workload must answer its health check. */
  readonly deadlineSeconds: number;
  readonly healthCheck: HealthCheck;
  /** The port the health check reaches (the check's own port, else the traffic port). */
  readonly port: number;
}

/** What the start-up script of a container instance needs besides the workload. */
export interface ContainerUserDataOptions {
  /** The construct path, for the script's header comment. */
  readonly constructPath: string;
  readonly logGroupName: string;
  /** The ECR registry host to log in to, when the image is in ECR. */
  readonly ecrRegistry?: string;
  readonly stopTimeoutSeconds: number;
  readonly launchHook: LaunchHookOptions;
}

/** The directory holding the service's environment file, readable by root only. */
export const CONFIG_DIR = '/etc/cdktf-fault-tolerance';
/** The name of the container on the instance. */
export const CONTAINER_NAME = 'service';


/** A Kubernetes CPU quantity as Docker's `--cpus` (cores): `250m` → `0.25`. */
export function dockerCpus(quantity: string): string {
  return String(Math.round(cpuCores(quantity) * 1000) / 1000);
}

/** A Kubernetes memory quantity as Docker's `--memory` (bytes): `256Mi` → `268435456`. */
export function dockerMemory(quantity: string): string {
  return String(Math.floor(memoryBytes(quantity)));
}

/** Quotes a value for a POSIX shell (single quotes; a single quote becomes `'\''`). */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, '\'\\\'\'')}'`;
}

/**
 * The start-up script of an instance running a container on Amazon Linux 2023: install and start Docker, write the
 * environment file (secrets read from Secrets Manager at boot, root-only, never in the user data), pull the image
 * and run it hardened (`--read-only`, `--cap-drop ALL`, `no-new-privileges`, non-root, `--restart always`) with its
 * logs sent to CloudWatch Logs.
 */
export function containerUserData(w: WorkloadPlan, o: ContainerUserDataOptions): string {
  const c = w.container!;
  const envFile = `${CONFIG_DIR}/service.env`;
  const lines: string[] = [
    ...scriptHeader(
      [
        `# Rendered by cdktf-fault-tolerance for MultiAzService ${o.constructPath}: runs ${c.image} on port ${numberText(w.port)}.`,
        '# Secrets are read from AWS Secrets Manager at boot; none is part of this script.',
      ],
      o.launchHook,
    ),
    'retry dnf install -y docker',
    'systemctl enable --now docker',
    '',
    `install -d -m 0700 ${CONFIG_DIR}`,
    'umask 077',
    `: > ${envFile}`,
  ];
  for (const [name, value] of Object.entries(c.environment)) {
    lines.push(`printf '%s\\n' ${shellQuote(`${name}=${value}`)} >> ${envFile}`);
  }
  const secrets = Object.entries(c.secrets).flatMap(([name, s]) =>
    s.kind === SecretRefKind.AWS_SECRETS_MANAGER ? [{ name, secretArn: s.secretArn, jsonKey: s.jsonKey }] : [],
  );
  if (secrets.length > 0) {
    lines.push(
      '',
      'secret() { aws secretsmanager get-secret-value --region "$REGION" --secret-id "$1" --query SecretString --output text; }',
      'json_key() { python3 -c \'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])\' "$1"; }',
      'single_line() { case "$2" in *$\'\\n\'*) echo "secret $1 has several lines; the environment file needs one line" >&2; exit 1;; esac; }',
    );
    for (const { name, secretArn, jsonKey } of secrets) {
      const read = jsonKey !== undefined
        ? `$(retry secret ${shellQuote(secretArn)} | json_key ${shellQuote(jsonKey)})`
        : `$(retry secret ${shellQuote(secretArn)})`;
      lines.push(`value=${read}`, `single_line ${name} "$value"`, `printf '%s=%s\\n' ${name} "$value" >> ${envFile}`);
    }
    lines.push('unset value');
  }
  lines.push('');
  if (o.ecrRegistry) {
    lines.push(
      `retry sh -c ${shellQuote(`aws ecr get-login-password --region "$0" | docker login --username AWS --password-stdin ${o.ecrRegistry}`)} "$REGION"`,
    );
  }
  lines.push(`retry docker pull ${shellQuote(c.image)}`);

  const run = [
    'docker run --detach',
    `--name ${CONTAINER_NAME}`,
    '--restart always',
    '--init',
    '--read-only',
    '--tmpfs /tmp:rw,noexec,nosuid,nodev,size=64m',
    '--cap-drop ALL',
    '--security-opt no-new-privileges',
    `--user ${numberText(c.user)}:${numberText(c.user)}`,
    `--publish ${numberText(w.port)}:${numberText(w.port)}`,
    // A health check on its own port (a management endpoint): the load balancer checks it on the instance too.
    ...(o.launchHook.port !== w.port ? [`--publish ${numberText(o.launchHook.port)}:${numberText(o.launchHook.port)}`] : []),
    `--env-file ${envFile}`,
    `--stop-timeout ${numberText(o.stopTimeoutSeconds)}`,
    '--pids-limit 1024',
    '--log-driver awslogs',
    `--log-opt awslogs-group=${shellQuote(o.logGroupName)}`,
    '--log-opt awslogs-stream="$INSTANCE_ID"',
    '--log-opt awslogs-region="$REGION"',
    ...(c.cpu !== undefined ? [`--cpus ${dockerCpus(c.cpu)}`] : []),
    ...(c.memory !== undefined ? [`--memory ${dockerMemory(c.memory)}`, `--memory-swap ${dockerMemory(c.memory)}`] : []),
    ...(c.command !== undefined ? [`--entrypoint ${shellQuote(c.command[0])}`] : []),
    shellQuote(c.image),
    ...(c.command ?? []).slice(1).map(shellQuote),
    ...(c.args ?? []).map(shellQuote),
  ];
  lines.push(run.join(' \\\n  '), '', ...launchHookCompletion(o.launchHook));
  return lines.join('\n');
}

/** Marks the end of a machine image's own script inside the wrapper (a quoted here-document: nothing is expanded). */
export const USER_SCRIPT_END = 'CDKTF_FAULT_TOLERANCE_USER_SCRIPT_END';

/**
 * The start-up script of a machine-image instance: runs the image's own script (if any; it must start with `#!`),
 * then waits for the workload's health check and completes the launch lifecycle hook. The image needs bash, curl
 * and the AWS CLI (Amazon Linux has them).
 */
export function machineImageUserData(w: WorkloadPlan, o: { constructPath: string; launchHook: LaunchHookOptions }): string {
  const m = w.machineImage!;
  const lines = scriptHeader([`# Rendered by cdktf-fault-tolerance for MultiAzService ${o.constructPath}: ${m.imageId} on port ${numberText(w.port)}.`], o.launchHook);
  if (m.userData !== undefined) {
    const script = `${CONFIG_DIR}/user-data`;
    lines.push(
      '# The start-up script declared with the machine image, run as it is.',
      `install -d -m 0700 ${CONFIG_DIR}`,
      `cat > ${script} <<'${USER_SCRIPT_END}'`,
      m.userData.replace(/\n$/, ''),
      USER_SCRIPT_END,
      `chmod 0700 ${script}`,
      script,
      '',
    );
  }
  lines.push(...launchHookCompletion(o.launchHook));
  return lines.join('\n');
}

/** Why a machine image's script cannot be wrapped, or undefined. */
export function machineImageUserDataProblem(userData: string): string | undefined {
  if (Token.isUnresolved(userData)) {
    return undefined;
  }
  if (!userData.startsWith('#!')) {
    return 'must be a script starting with `#!` (e.g. `#!/bin/bash`): it runs before the instance waits for its health check and joins the load balancer';
  }
  if (userData.split('\n').includes(USER_SCRIPT_END)) {
    return `must not contain the line ${USER_SCRIPT_END}`;
  }
  return undefined;
}

/**
 * The first lines of every start-up script: strict mode, `retry`, the instance id and region from IMDSv2, and the
 * launch hook's ABANDON on any failure (so a broken instance is replaced at once, not after the hook's timeout).
 */
function scriptHeader(comments: string[], hook: LaunchHookOptions): string[] {
  return [
    '#!/bin/bash',
    ...comments,
    'set -euo pipefail',
    '',
    'retry() { local n=0; until "$@"; do n=$((n + 1)); if [ "$n" -ge 10 ]; then return 1; fi; sleep $((n * 3)); done; }',
    'imds() { curl -sSf -H "X-aws-ec2-metadata-token: $IMDS_TOKEN" "http://169.254.169.254/latest/meta-data/$1"; }',
    'IMDS_TOKEN=$(curl -sSf -X PUT -H "X-aws-ec2-metadata-token-ttl-seconds: 300" http://169.254.169.254/latest/api/token)',
    'INSTANCE_ID=$(imds instance-id)',
    'REGION=$(imds placement/region)',
    '',
    '# The instance joins the load balancer only once the service answers its health check here (launch lifecycle hook).',
    '# Without the instance id or region (metadata unreachable) there is nothing to complete: the hook times out. A',
    '# launch that is not waiting on the hook ("No active Lifecycle Action found", e.g. a group without it) is final.',
    'complete_launch() {',
    '  if [ -z "${INSTANCE_ID:-}" ] || [ -z "${REGION:-}" ]; then echo "no instance id or region: launch hook not completed" >&2; return 1; fi',
    '  local n=0 out',
    '  until out=$(aws autoscaling complete-lifecycle-action --region "$REGION" --instance-id "$INSTANCE_ID" \\',
    `    --auto-scaling-group-name ${shellQuote(hook.groupName)} --lifecycle-hook-name ${shellQuote(hook.hookName)} --lifecycle-action-result "$1" 2>&1); do`,
    '    case "$out" in *"No active Lifecycle Action found"*) echo "$out" >&2; return 0;; esac',
    '    n=$((n + 1)); if [ "$n" -ge 10 ]; then echo "$out" >&2; return 1; fi; sleep $((n * 3))',
    '  done',
    '}',
    'trap \'status=$?; if [ "$status" -ne 0 ] && [ -n "${INSTANCE_ID:-}" ]; then complete_launch ABANDON || true; fi\' EXIT',
    '',
  ];
}

/** Polls the health check locally until it passes (CONTINUE) or the deadline passes (exit 1: ABANDON). */
function launchHookCompletion(hook: LaunchHookOptions): string[] {
  const check = hook.healthCheck;
  const seconds = check.timeout.toSeconds();
  const timeout = numberText(Token.isUnresolved(seconds) ? maxOf(1, seconds) : Math.max(1, Math.round(seconds)));
  let probe: string;
  if (check.protocol === HealthCheckProtocol.HTTP || check.protocol === HealthCheckProtocol.HTTPS) {
    const scheme = check.protocol === HealthCheckProtocol.HTTPS ? 'https' : 'http';
    const url = shellQuote(`${scheme}://127.0.0.1:${numberText(hook.port)}${check.path ?? '/'}`);
    const insecure = scheme === 'https' ? ' -k' : '';
    probe = `probe() { local code; code=$(curl -sS${insecure} -o /dev/null -w '%{http_code}' --max-time ${timeout} ${url}) || return 1; ${statusTest(check.healthyHttpCodes ?? '200-399')}; }`;
  } else {
    // TCP, and gRPC (a connection accepted on the port; the load balancer then runs the gRPC health check).
    probe = `probe() { timeout ${timeout} bash -c 'exec 3<>/dev/tcp/127.0.0.1/${numberText(hook.port)}'; }`;
  }
  return [
    probe,
    'until probe; do',
    `  if [ "$SECONDS" -ge ${numberText(hook.deadlineSeconds)} ]; then echo "the service did not pass its health check within ${numberText(hook.deadlineSeconds)} s" >&2; exit 1; fi`,
    '  sleep 5',
    'done',
    'complete_launch CONTINUE',
    '',
  ];
}

/** A shell test that `$code` is one of the healthy HTTP status codes (`200`, `200,204`, `200-299`). */
function statusTest(codes: string): string {
  const tests = codes.split(',').map((part) => {
    const [low, high] = part.trim().split('-');
    return high === undefined ? `[ "$code" -eq ${Number(low)} ]` : `{ [ "$code" -ge ${Number(low)} ] && [ "$code" -le ${Number(high)} ]; }`;
  });
  return tests.length === 1 ? tests[0] : `{ ${tests.join(' || ')}; }`;
}
