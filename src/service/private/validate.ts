import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { MAX_NAME_LENGTH, awsComputeOf, awsPlacement, fargateTaskSize } from './plan';
import { machineImageUserDataProblem } from './user-data';
import { Duration } from '../../core/duration';
import { HealthCheck } from '../../core/health-check';
import type { ILoadBalancer } from '../../core/load-balancer';
import { AwsCompute, AwsPlatform, KubernetesPlatform, PlatformKind } from '../../core/platform';
import { validateAlarmOptions } from '../../core/private/alarm-factory';
import { isBranded } from '../../core/private/brand';
import { validateHealthCheck } from '../../core/private/health-check-validation';
import { imageReferenceProblem, parseImage, unpinnedImageProblem } from '../../core/private/image';
import { isDnsLabel, isQuantity } from '../../core/private/kubernetes';
import { validateRemovalPolicy } from '../../core/private/retention';
import { KnownProps, RenamedProps, checkInstance, checkLoadBalancerShape, checkPlatform, checkStruct, isRecord, requireKnown } from '../../core/private/runtime';
import { validateNoPlainSecrets, validateSecretRef } from '../../core/private/secrets';
import { PlatformOnlyProps, PropValidator, formatValue, isUnresolved, platformName } from '../../core/private/validation';
import { SecretRef, SecretRefKind } from '../../core/secret-ref';
import type { MultiAzServiceProps } from '../multi-az-service';
import type { ServiceAlarms, ServiceScaling } from '../options';
import { DeploymentColor, Rollout, RolloutStrategy } from '../rollout';
import { Workload, WorkloadType } from '../workload';

/** The construct kind in error messages. */
export const KIND = 'MultiAzService';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
const AMI_ID = /^ami-[0-9a-f]{8,17}$/;
/** The HTTP codes a Kubernetes httpGet probe accepts. */
const PROBE_CODES = '200-399';

/** Props that only one platform honours, with what to do instead on the other. */
const PLATFORM_ONLY: PlatformOnlyProps<MultiAzServiceProps> = {
  [PlatformKind.AWS]: [
    ['instanceType', 'Pods run on the cluster\'s nodes; size them with `workload.cpu` and `workload.memory`.'],
    ['rootVolumeSize', 'Pods use the node\'s disk; remove it.'],
    ['instanceBootTime', 'Give the health check a longer `gracePeriod` (the startup probe\'s budget).'],
    ['internetEgress', 'Restrict egress with your own NetworkPolicy; remove it.'],
    ['allowVpcEgress', 'Restrict egress with your own NetworkPolicy; remove it.'],
    ['logRetention', 'Container logs are collected by the cluster\'s log agent; remove it.'],
    ['logEncryptionKeyArn', 'Container logs are collected by the cluster\'s log agent; remove it.'],
    ['alarms', 'On Kubernetes the platform\'s `alerting` watches the Deployments; remove it.'],
    ['tags', 'Remove it on Kubernetes.'],
  ],
  [PlatformKind.KUBERNETES]: [
    ['livenessCheck', 'On AWS the load balancer\'s health check (`healthCheck`) decides when an instance is replaced; remove it.'],
    ['createNamespace', 'Remove it on AWS.'],
    ['allowSingleZone', 'On AWS the service spreads over `zones` zones of the network (at least 2); remove it.'],
  ],
};

/** The secrets each platform's replicas can read, and what to do with another kind. */
const SECRET_KINDS: Record<PlatformKind, { readonly accepted: SecretRefKind[]; readonly where: string }> = {
  [PlatformKind.AWS]: {
    accepted: [SecretRefKind.AWS_SECRETS_MANAGER],
    where: 'on AWS: instances read their secrets from AWS Secrets Manager at boot',
  },
  [PlatformKind.KUBERNETES]: {
    accepted: [SecretRefKind.KUBERNETES],
    where: 'on Kubernetes: pods read the Kubernetes Secrets of their namespace (sync the secret into it, e.g. with External Secrets)',
  },
};
/** The secrets ECS reads for the tasks of a Fargate service. */
const FARGATE_SECRETS = {
  accepted: [SecretRefKind.AWS_SECRETS_MANAGER, SecretRefKind.AWS_SSM_PARAMETER],
  where: 'on Fargate: ECS reads the secrets of a task from AWS Secrets Manager or Systems Manager Parameter Store',
};

/** Props that only EC2 instances honour, with what to do instead on Fargate. */
const EC2_ONLY: Array<[keyof MultiAzServiceProps & string, string]> = [
  ['instanceType', 'Size the task with `workload.cpu` and `workload.memory`, or run on instances with `Platform.aws({ compute: AwsCompute.EC2 })`.'],
  ['rootVolumeSize', 'A task gets 20 GiB of encrypted ephemeral storage; remove it, or run on instances with `Platform.aws({ compute: AwsCompute.EC2 })`.'],
  ['instanceBootTime', 'A task starts in about a minute; give the health check a longer `gracePeriod` if the application needs more.'],
];

/** The alarms of each compute; the others are refused. */
const COMPUTE_ALARMS: Record<AwsCompute, string[]> = {
  [AwsCompute.EC2]: ['cpuUtilization', 'inServiceInstances'],
  [AwsCompute.FARGATE]: ['cpuUtilization', 'runningTasks', 'memoryUtilization'],
};

/** The longest time ECS waits on Fargate between SIGTERM and SIGKILL (the container definition's `stopTimeout`). */
const FARGATE_MAX_STOP_TIMEOUT = Duration.seconds(120);

/**
 * Checks the props; throws one error listing every problem. A wrong platform, workload, rollout or load balancer is
 * one problem among the others: every prop that does not depend on it is still checked.
 */
export function validateService(scope: IConstruct, input: MultiAzServiceProps): void {
  const v = new PropValidator(KIND, scope);
  const props = validateServiceShape(v, scope, input);
  validateSecretsAndRetention(v, scope, props);
  const platform = props.platform;
  const kind = checkPlatform(v, 'platform', platform);
  const isAws = kind === PlatformKind.AWS;
  // An invalid compute is one problem among the others: the checks that depend on it are skipped.
  const givenCompute = isAws ? (platform as AwsPlatform).compute : undefined;
  const computeKnown = isAws && (givenCompute === undefined || Object.values<unknown>(AwsCompute).includes(givenCompute));
  if (isAws) {
    v.enumValue('platform.compute', (platform as AwsPlatform).compute, AwsCompute, 'AwsCompute');
  }

  const workload: Workload | undefined = Workload.isWorkload(props.workload) ? props.workload : undefined;
  if (workload === undefined) {
    v.require('workload', props.workload, false, 'must be a Workload', 'Pass `Workload.container({ image, port })`.');
  }
  if (workload?.workloadType === WorkloadType.MACHINE_IMAGE && kind === PlatformKind.KUBERNETES) {
    // Nothing else is worth checking: the declaration cannot run here at all.
    v.fail(
      `\`workload\` is a machine image (${workload.toString()}), which only the AWS platform can run: the Kubernetes platform runs containers. ` +
        'Use `Workload.container({ image, port })` on Kubernetes, or `Platform.aws({ network })`.',
    );
    v.throwIfInvalid();
  }

  const compute = computeKnown && workload !== undefined ? awsComputeOf(platform as AwsPlatform, workload) : undefined;
  if (compute === AwsCompute.FARGATE && workload?.workloadType === WorkloadType.MACHINE_IMAGE) {
    v.fail(
      `\`workload\` is a machine image (${workload.toString()}), which Fargate cannot run: Fargate runs containers. ` +
        'Use `Workload.container({ image, port })`, or `Platform.aws({ network, compute: AwsCompute.EC2 })`.',
    );
    v.throwIfInvalid();
  }

  if (kind !== undefined) {
    v.platformOnly(kind, props, PLATFORM_ONLY);
  }
  if (compute === AwsCompute.FARGATE) {
    for (const [prop, fix] of EC2_ONLY) {
      if (props[prop] !== undefined) {
        v.require(prop, props[prop], false, 'applies to EC2 instances, but the service runs on Fargate', fix);
      }
    }
  }
  if (workload !== undefined) {
    validateWorkload(v, 'workload', workload, kind, compute);
  }

  // Load balancer: a load balancer, on the same platform.
  const lb = props.loadBalancer !== undefined && checkLoadBalancerShape(v, 'loadBalancer', props.loadBalancer) ? props.loadBalancer : undefined;
  if (lb !== undefined && kind !== undefined && lb.platformKind !== kind) {
    v.fail(`\`loadBalancer\` "${lb.node.path}" runs on ${platformName(lb.platformKind)}, but the service runs on ${platformName(kind)}: put both on the same platform.`);
  }

  // Health checks: valid everywhere, and judged no sooner than they can pass.
  const checks: Array<[string, HealthCheck]> = [];
  if (props.healthCheck === undefined || checkInstance(v, 'healthCheck', props.healthCheck, 'HealthCheck', HEALTH_CHECK_FACTORIES)) {
    checks.push(['healthCheck', props.healthCheck ?? lb?.healthCheck ?? HealthCheck.http('/health')]);
  }
  if (props.livenessCheck !== undefined && !isAws && checkInstance(v, 'livenessCheck', props.livenessCheck, 'HealthCheck', HEALTH_CHECK_FACTORIES)) {
    checks.push(['livenessCheck', props.livenessCheck]);
  }
  for (const [prop, check] of checks) {
    validateHealthCheck(v, prop, check);
    const threshold = check.healthyThreshold;
    const known = !check.gracePeriod.isUnresolved && !check.interval.isUnresolved && !isUnresolved(threshold);
    if (known && Number.isFinite(threshold) && threshold >= 0) {
      const soonest = check.interval.times(check.healthyThreshold);
      v.require(
        `${prop}.gracePeriod`,
        check.gracePeriod,
        check.gracePeriod.compareTo(soonest) >= 0,
        `must be at least healthyThreshold × interval (${soonest.toHumanString()}), the soonest a new replica can pass its health check, or replicas are judged before they can be healthy`,
        'Raise `gracePeriod` or lower the interval.',
      );
    }
    if (kind === PlatformKind.KUBERNETES && check.isHttp && check.healthyHttpCodes !== undefined && check.healthyHttpCodes !== PROBE_CODES) {
      v.require(
        `${prop}.healthyHttpCodes`,
        check.healthyHttpCodes,
        false,
        `must be "${PROBE_CODES}" on Kubernetes: an httpGet probe accepts exactly those codes`,
        'Remove `healthyHttpCodes`.',
      );
    }
  }
  v.duration('shutdownGracePeriod', props.shutdownGracePeriod, compute === AwsCompute.FARGATE
    ? { min: Duration.seconds(1), max: FARGATE_MAX_STOP_TIMEOUT, why: '(ECS on Fargate stops a container at most 2 minutes after SIGTERM)' }
    : { min: Duration.seconds(1), max: Duration.minutes(10) });

  // Zones.
  if (isAws) {
    const placement = awsPlacement(platform as AwsPlatform, isUnresolved(props.zones) ? undefined : props.zones);
    if (props.zones !== undefined) {
      v.integer('zones', props.zones, 2, placement.networkZones, `(the network's private subnets span ${placement.networkZones} zones) so the service survives the loss of a zone`);
    }
    if (placement.networkZones < 2) {
      v.fail(`\`platform.network\` must have private subnets in at least 2 zones so the service survives the loss of a zone, got ${placement.networkZones}. Use a MultiAzNetwork.`);
    }
  } else if (props.zones !== undefined) {
    v.integer('zones', props.zones, props.allowSingleZone ? 1 : 2, 6, 'so the service survives the loss of a zone');
  }

  // Replicas and scaling.
  validateScaling(v, props, isAws);
  if (props.replicas !== undefined && props.scaling !== undefined) {
    v.fail('`replicas` conflicts with `scaling`, which sets the range of replicas: pass only `scaling.minReplicas` and `scaling.maxReplicas`.');
  }
  if (props.replicas !== undefined) {
    v.integer('replicas', props.replicas, 2, undefined, 'to survive the loss of one replica');
  }

  // Rollout.
  const rollout = props.rollout ?? Rollout.rolling();
  if (!Rollout.isRollout(rollout)) {
    v.require('rollout', rollout, false, 'must be a Rollout', 'Pass `Rollout.rolling()`, `Rollout.blueGreen({ active })` or `Rollout.canary({ weight })`.');
  } else if (workload !== undefined) {
    validateRollout(v, rollout, workload, kind, compute);
    if (isAws && lb !== undefined && lb.platformKind === kind) {
      validateTargetRoom(v, lb, rollout);
    }
    validateRolloutTokens(v, scope, rollout, props, kind);
  }

  // Name.
  if (props.name !== undefined) {
    v.require('name', props.name, () => typeof props.name === 'string' && isDnsLabel(props.name, MAX_NAME_LENGTH), `must be a DNS label of at most ${MAX_NAME_LENGTH} characters (lower-case letters, digits and "-")`);
  }

  if (isAws) {
    if (props.instanceType !== undefined) {
      const instanceType = props.instanceType;
      v.require('instanceType', instanceType, () => typeof instanceType === 'string' && INSTANCE_TYPE.test(instanceType), 'must be an EC2 instance type like "t3.small" or "m7g.large"');
    }
    if (props.rootVolumeSize !== undefined) {
      v.integer('rootVolumeSize', props.rootVolumeSize, 8, 16384, '(GiB)');
    }
    v.duration('instanceBootTime', props.instanceBootTime, { max: Duration.hours(1) });
    v.logRetention('logRetention', props.logRetention);
    v.kmsKeyArn('logEncryptionKeyArn', props.logEncryptionKeyArn);
    validateAlarmOptions(v, 'alarms', props.alarms as any, Object.keys(ALARM_KEYS));
    if (compute !== undefined) {
      validateComputeAlarms(v, isRecord(props.alarms) ? props.alarms : undefined, compute);
    }
    if (isRecord(props.scaling) && props.scaling.targetRequestsPerTarget !== undefined) {
      if (!lb) {
        v.fail('`scaling.targetRequestsPerTarget` needs a `loadBalancer`: it tracks the requests of the service\'s target group. Pass `loadBalancer` or use `targetCpuUtilization`.');
      } else if (!lb.countsRequests) {
        v.fail(
          `\`scaling.targetRequestsPerTarget\` needs a load balancer that counts the requests of each target (an Application Load Balancer), but \`loadBalancer\` "${lb.node.path}" does not. Use \`targetCpuUtilization\`.`,
        );
      }
    }
  } else if (kind === PlatformKind.KUBERNETES) {
    const k8s = platform as KubernetesPlatform;
    v.require('platform.namespace', k8s.namespaceName, () => isDnsLabel(k8s.namespaceName), 'must be a namespace name (a DNS label: lower-case letters, digits and "-")');
  }
  validateCanWork(v, props, kind, workload);
  v.throwIfInvalid();
}

/**
 * No secret in plain text anywhere in the props (the environment, arguments, start-up scripts, tags, ...): each one
 * found is refused, without being shown, with the SecretRef the platform reads. A removal policy that is a member of
 * RemovalPolicy (a service has nothing to snapshot).
 */
function validateSecretsAndRetention(v: PropValidator, scope: IConstruct, props: MultiAzServiceProps): void {
  const kind = props?.platform?.kind;
  const factory =
    kind === PlatformKind.KUBERNETES
      ? 'SecretRef.kubernetes(secretName, key)'
      : kind === PlatformKind.AWS
        ? 'SecretRef.awsSecretsManager(secretArn, jsonKey)'
        : 'a SecretRef of the platform';
  validateNoPlainSecrets(v, scope, props, {
    fix: (path) => {
      const workload = /^(workload|rollout\.workload|rollout\.standby)\.(environment|args|command)/.exec(path);
      if (workload) {
        return `Plain values are written into the configuration, the Terraform state and${kind === PlatformKind.AWS ? ' (base64-encoded) the instance user data' : ' the Deployment'}: pass the secret in \`${workload[1]}.secrets\` as ${factory}, which the replicas read at start.`;
      }
      if (/\.userData$/.test(path)) {
        return 'User data is readable by anyone who may describe the instances: read the secret at boot from AWS Secrets Manager (`aws secretsmanager get-secret-value`), or run a container with `secrets`.';
      }
      return undefined;
    },
  });
  validateRemovalPolicy(v, props?.removalPolicy, { snapshots: false, what: 'a service' });
}

/** Refuses the alarms of the other compute (`inServiceInstances` on Fargate, `runningTasks` on EC2, ...). */
function validateComputeAlarms(v: PropValidator, alarms: Record<string, unknown> | undefined, compute: AwsCompute): void {
  const own = COMPUTE_ALARMS[compute];
  for (const [key, value] of Object.entries(alarms ?? {})) {
    if (value === undefined || own.includes(key)) {
      continue;
    }
    const other = Object.values(AwsCompute).find((c) => COMPUTE_ALARMS[c].includes(key));
    if (other !== undefined) {
      v.require(
        `alarms.${key}`,
        value,
        false,
        `only exists on ${other === AwsCompute.EC2 ? 'EC2 instances' : 'Fargate'}, but the service runs on ${compute === AwsCompute.EC2 ? 'EC2 instances' : 'Fargate'}`,
        `Use ${own.map((k) => `\`alarms.${k}\``).join(', ')}.`,
      );
    }
  }
}

/** Checks one workload (`workload`, `rollout.workload`, `rollout.standby`) for the platform. */
function validateWorkload(v: PropValidator, prop: string, workload: Workload, kind: PlatformKind | undefined, compute?: AwsCompute): void {
  const d = workload._describe();
  if (d.port === undefined) {
    v.require(`${prop}.port`, d.port, false, 'is required: the port the workload listens on');
  } else {
    v.integer(`${prop}.port`, d.port, 1, 65535);
  }
  if (d.workloadType === WorkloadType.MACHINE_IMAGE) {
    const m = d.machineImage;
    v.require(`${prop}.imageId`, m.imageId, () => typeof m.imageId === 'string' && AMI_ID.test(m.imageId), 'must be an AMI id like "ami-0123456789abcdef0"');
    const problem = typeof m.userData === 'string' ? machineImageUserDataProblem(m.userData) : undefined;
    if (problem) {
      v.require(`${prop}.userData`, m.userData, false, problem);
    }
    return;
  }
  const c = d.container;
  const image = c.image;
  if (typeof image !== 'string' || image.length === 0) {
    v.require(`${prop}.image`, image, false, 'is required: the container image with a version tag or digest', 'Pass e.g. "ghcr.io/acme/api:1.4.2".');
  } else if (!Token.isUnresolved(image) && imageReferenceProblem(image) !== undefined) {
    v.require(
      `${prop}.image`,
      image,
      false,
      `must be a valid image reference, [registry/]repository[:tag][@digest] with a lower-case repository: ${imageReferenceProblem(image)}`,
      'Write it as the registry shows it, e.g. "ghcr.io/acme/api:1.4.2".',
    );
  } else if (!Token.isUnresolved(image)) {
    const problem = unpinnedImageProblem(image);
    v.require(
      `${prop}.image`,
      image,
      problem === undefined,
      `must name a fixed version (a tag other than "latest", or a digest) so every replica runs the same code and a rollback rolls back; ${problem}`,
      'Pin a version, e.g. "ghcr.io/acme/api:1.4.2", or a digest "...@sha256:...".',
    );
  }
  for (const key of ['cpu', 'memory'] as const) {
    const value = c[key];
    if (value !== undefined) {
      v.require(`${prop}.${key}`, value, () => typeof value === 'string' && isQuantity(value) && !/^0+(\.0+)?[a-zA-Z]*$/.test(value), `must be a positive Kubernetes quantity such as "${key === 'cpu' ? '500m' : '512Mi'}"`);
    }
  }
  if (compute === AwsCompute.FARGATE && !isUnresolved(c.cpu) && !isUnresolved(c.memory)) {
    let size: ReturnType<typeof fargateTaskSize> | null = null;
    try {
      size = fargateTaskSize(c.cpu, c.memory);
    } catch {
      // Not a quantity: reported above.
    }
    if (size === undefined) {
      v.fail(
        `\`${prop}.cpu\` and \`${prop}.memory\` (${formatValue(c.cpu ?? '250m')}, ${formatValue(c.memory ?? '512Mi')}) ask for more than a Fargate task offers: at most 16 vCPU and 120 GiB. ` +
          'Ask for less, or run on instances with `Platform.aws({ compute: AwsCompute.EC2 })`.',
      );
    }
  }
  if (c.user !== undefined) {
    v.integer(`${prop}.user`, c.user, 1, 2147483647, '(never 0: containers run as non-root)');
  }
  const environment = isRecord(c.environment) ? c.environment : {};
  for (const [name, value] of Object.entries(environment)) {
    v.require(`${prop}.environment`, name, () => ENV_NAME.test(name), 'names must be letters, digits and "_", not starting with a digit');
    if (SecretRef.isSecretRef(value)) {
      v.fail(`\`${prop}.environment["${name}"]\` is a SecretRef: pass it in \`${prop}.secrets\`, so it is read by reference.`);
    } else if (!Token.isUnresolved(value)) {
      v.require(`${prop}.environment["${name}"]`, value, () => typeof value === 'string' && !/[\r\n\0]/.test(value), 'must be a single-line string');
    }
  }
  // Without a valid platform, any kind of reference is accepted here (the platform is reported on its own).
  const { accepted, where } = compute === AwsCompute.FARGATE
    ? FARGATE_SECRETS
    : kind !== undefined ? SECRET_KINDS[kind] : { accepted: Object.values(SecretRefKind), where: '' };
  for (const [name, secret] of Object.entries(isRecord(c.secrets) ? c.secrets : {})) {
    v.require(`${prop}.secrets`, name, () => ENV_NAME.test(name), 'names must be letters, digits and "_", not starting with a digit');
    if (Object.prototype.hasOwnProperty.call(environment, name)) {
      v.fail(`\`${prop}.secrets["${name}"]\` is also in \`${prop}.environment\`: give each variable once.`);
    }
    validateSecretRef(v, `${prop}.secrets["${name}"]`, secret, accepted, where);
  }
  for (const key of ['command', 'args'] as const) {
    const list = c[key];
    if (list !== undefined && !isUnresolved(list)) {
      v.require(`${prop}.${key}`, list, () => Array.isArray(list) && list.length > 0 && list.every((a) => typeof a === 'string'), 'must be a non-empty list of strings');
    }
  }
}

function validateScaling(v: PropValidator, props: MultiAzServiceProps, isAws: boolean): void {
  const s = props.scaling;
  if (!isRecord(s)) {
    return;
  }
  for (const key of ['minReplicas', 'maxReplicas'] as const) {
    if (s[key] === undefined) {
      v.require(`scaling.${key}`, s[key], false, 'is required: scaling needs the fewest and the most replicas');
    }
  }
  v.integer('scaling.minReplicas', s.minReplicas, 2, undefined, 'so a single replica never carries the service at quiet times');
  v.integer('scaling.maxReplicas', s.maxReplicas, 2, 1000);
  if (!isUnresolved(s.minReplicas) && !isUnresolved(s.maxReplicas) && typeof s.minReplicas === 'number' && typeof s.maxReplicas === 'number') {
    v.require('scaling.maxReplicas', s.maxReplicas, s.maxReplicas >= s.minReplicas, `must be at least \`scaling.minReplicas\` (${s.minReplicas})`);
  }
  if (s.targetCpuUtilization !== undefined) {
    v.integer('scaling.targetCpuUtilization', s.targetCpuUtilization, 10, 90, '(percent)');
  }
  if (s.targetRequestsPerTarget !== undefined) {
    if (!isAws) {
      v.require(
        'scaling.targetRequestsPerTarget',
        s.targetRequestsPerTarget,
        false,
        'is only supported on AWS: a HorizontalPodAutoscaler needs a custom metrics adapter to count requests',
        'Use `targetCpuUtilization` on Kubernetes.',
      );
    }
    v.integer('scaling.targetRequestsPerTarget', s.targetRequestsPerTarget, 1, 1_000_000, '(requests per replica and minute)');
  }
}

/** Checks what the rollout declares: the colour, the canary's share and bake time, and the other version. */
function validateRollout(v: PropValidator, rollout: Rollout, workload: Workload, kind: PlatformKind | undefined, compute?: AwsCompute): void {
  const other = (prop: string, w: Workload | undefined): void => {
    if (w === undefined) {
      return;
    }
    if (!Workload.isWorkload(w)) {
      v.require(prop, w, false, 'must be a Workload', 'Pass `Workload.container({ image, port })`.');
      return;
    }
    if (w.workloadType === WorkloadType.MACHINE_IMAGE && kind === PlatformKind.KUBERNETES) {
      v.fail(`\`${prop}\` is a machine image (${w.toString()}), which only the AWS platform can run. Use \`Workload.container({ image, port })\`.`);
      return;
    }
    if (w.workloadType === WorkloadType.MACHINE_IMAGE && compute === AwsCompute.FARGATE) {
      v.fail(`\`${prop}\` is a machine image (${w.toString()}), which Fargate cannot run. Use \`Workload.container({ image, port })\`.`);
      return;
    }
    validateWorkload(v, prop, w, kind, compute);
    v.require(
      `${prop}.port`,
      w.port,
      isUnresolved(w.port) || isUnresolved(workload.port) || w.port === workload.port,
      `must equal \`workload.port\` (${formatValue(workload.port)}): both versions sit behind the same load balancer port`,
    );
  };

  const r = rollout._describe();
  switch (r.strategy) {
    case RolloutStrategy.ROLLING:
      return;
    case RolloutStrategy.BLUE_GREEN:
      if (r.active === undefined) {
        v.require('rollout.active', r.active, false, 'is required: the colour that receives all traffic', 'Pass `DeploymentColor.BLUE` or `DeploymentColor.GREEN`.');
      } else {
        v.enumValue('rollout.active', r.active, DeploymentColor, 'DeploymentColor');
      }
      other('rollout.standby', r.standby);
      return;
    case RolloutStrategy.CANARY:
      if (r.weight === undefined) {
        v.require('rollout.weight', r.weight, false, 'is required: the percent of the traffic the canary receives (1 to 99)');
      } else {
        v.integer('rollout.weight', r.weight, 1, 99, '(percent of the traffic the canary receives)');
      }
      v.duration('rollout.bakeTime', r.bakeTime, { min: Duration.minutes(1), max: Duration.hours(48) });
      other('rollout.workload', r.workload);
      return;
  }
}

/** On AWS each group of replicas is a target: the load balancer must take as many more as the rollout has groups. */
function validateTargetRoom(v: PropValidator, lb: ILoadBalancer, rollout: Rollout): void {
  const needed = rollout.strategy === RolloutStrategy.ROLLING ? 1 : 2;
  const free = lb.maxTargets - lb.targets.length;
  if (!isUnresolved(lb.maxTargets) && needed > free) {
    const what = rollout.strategy === RolloutStrategy.ROLLING ? 'a target' : `${needed} weighted targets (one per group)`;
    v.fail(
      `\`rollout\` ${rollout.toString()} needs ${what} on \`loadBalancer\` "${lb.node.path}", which has room for ${Math.max(0, free)} more ` +
        `(it forwards to at most ${lb.maxTargets}). ${needed > lb.maxTargets ? 'Weighted rollouts need an Application Load Balancer, or use `Rollout.rolling()`.' : 'Put the service behind another load balancer.'}`,
    );
  }
}

const HEALTH_CHECK_FACTORIES = '`HealthCheck.http(path)`, `.https`, `.tcp()` or `.grpc()`';

const SERVICE_PROPS: KnownProps<MultiAzServiceProps> = {
  removalPolicy: true,
  platform: true,
  workload: true,
  healthCheck: true,
  livenessCheck: true,
  replicas: true,
  zones: true,
  loadBalancer: true,
  rollout: true,
  scaling: true,
  name: true,
  shutdownGracePeriod: true,
  instanceType: true,
  rootVolumeSize: true,
  instanceBootTime: true,
  internetEgress: true,
  allowVpcEgress: true,
  logRetention: true,
  logEncryptionKeyArn: true,
  alarms: true,
  tags: true,
  createNamespace: true,
  allowSingleZone: true,
};
const SERVICE_RENAMED: RenamedProps = {
  image: 'Pass the image in `workload: Workload.container({ image, port })`.',
  port: 'Pass the port in `workload: Workload.container({ image, port })`.',
  desiredCount: 'Use `replicas`.',
  minReplicas: 'Use `scaling: { minReplicas, maxReplicas }`, or `replicas` for a fixed count.',
  maxReplicas: 'Use `scaling: { minReplicas, maxReplicas }`.',
  minCapacity: 'Use `scaling: { minReplicas, maxReplicas }`.',
  maxCapacity: 'Use `scaling: { minReplicas, maxReplicas }`.',
  namespace: 'Pass the namespace in `platform: Platform.kubernetes({ namespaceName })`.',
  namespaceName: 'Pass the namespace in `platform: Platform.kubernetes({ namespaceName })`.',
  network: 'Pass the network in `platform: Platform.aws({ network })`.',
  cpu: 'Pass it in `workload: Workload.container({ image, port, cpu })`.',
  memory: 'Pass it in `workload: Workload.container({ image, port, memory })`.',
};
const SCALING_PROPS: KnownProps<ServiceScaling> = { minReplicas: true, maxReplicas: true, targetCpuUtilization: true, targetRequestsPerTarget: true };
const ALARM_KEYS: KnownProps<ServiceAlarms> = { cpuUtilization: true, inServiceInstances: true, runningTasks: true, memoryUtilization: true };

/**
 * The props as they arrive at run time (plain JavaScript, other jsii languages): an object with only known props,
 * structs where structs belong, and no token where a value decides what is rendered. Returns the props to check
 * further (an empty object when they are not an object at all).
 */
function validateServiceShape(v: PropValidator, scope: IConstruct, props: unknown): MultiAzServiceProps {
  if (!checkStruct<MultiAzServiceProps>(v, '', props, SERVICE_PROPS, { example: '{ platform, workload: Workload.container({ image, port }) }', renamed: SERVICE_RENAMED, required: true })) {
    return {} as MultiAzServiceProps;
  }
  const p = props as MultiAzServiceProps;
  const isAws = isRecord(p.platform) && p.platform.kind === PlatformKind.AWS;
  checkStruct(v, 'scaling', p.scaling, SCALING_PROPS, { example: '{ minReplicas: 2, maxReplicas: 10 }' });
  requireKnown(v, scope, 'zones', p.zones, isAws ? 'it decides which zones\' subnets the instances launch in' : 'it decides the default number of replicas and the zones the resilience checks count');
  requireKnown(v, scope, 'tags', p.tags, 'the library adds its own tags to them; a tag value may be a token');
  for (const prop of ['internetEgress', 'allowVpcEgress', 'createNamespace', 'allowSingleZone'] as const) {
    if (requireKnown(v, scope, prop, p[prop], 'it decides which resources and rules are rendered') && p[prop] !== undefined) {
      v.require(prop, p[prop], typeof p[prop] === 'boolean', 'must be true or false');
    }
  }
  if (p.rollout === null) {
    v.require('rollout', p.rollout, false, 'must be a Rollout', 'Pass `Rollout.rolling()`, `Rollout.blueGreen({ active })` or `Rollout.canary({ weight })`, or leave it out.');
  }
  if (Workload.isWorkload(p.workload)) {
    validateWorkloadTokens(v, scope, 'workload', p.workload, isAws);
  }
  const check = p.healthCheck ?? (isRecord(p.loadBalancer) ? (p.loadBalancer as { healthCheck?: unknown }).healthCheck : undefined);
  if (isAws && isBranded(check, 'HealthCheck')) {
    requireKnown(v, scope, 'healthCheck.port', (check as HealthCheck).port, 'it decides which container ports are published on the instances');
  }
  return p;
}

/** A workload's values that are written into a start-up script (AWS) or decide what is rendered. */
function validateWorkloadTokens(v: PropValidator, scope: IConstruct, prop: string, workload: Workload, isAws: boolean): void {
  const d = workload._describe();
  if (d.workloadType !== WorkloadType.CONTAINER) {
    return;
  }
  const c = d.container;
  requireKnown(v, scope, `${prop}.environment`, c.environment, 'each variable is rendered on its own; a value may be a token');
  requireKnown(v, scope, `${prop}.secrets`, c.secrets, 'each secret is rendered on its own');
  if (isAws) {
    requireKnown(v, scope, `${prop}.command`, c.command, 'it is written into the instances\' start-up script; an argument may be a token');
    requireKnown(v, scope, `${prop}.args`, c.args, 'it is written into the instances\' start-up script; an argument may be a token');
    requireKnown(v, scope, `${prop}.cpu`, c.cpu, 'it is converted to Docker\'s --cpus');
    requireKnown(v, scope, `${prop}.memory`, c.memory, 'it is converted to Docker\'s --memory');
  }
}

/** Tokens a rollout cannot take: the canary's share sizes its group, and the other version's port must match. */
function validateRolloutTokens(
  v: PropValidator,
  scope: IConstruct,
  rollout: Rollout,
  props: MultiAzServiceProps,
  kind: PlatformKind | undefined,
): void {
  const r = rollout._describe();
  const isAws = kind === PlatformKind.AWS;
  const other = r.strategy === RolloutStrategy.BLUE_GREEN ? ['rollout.standby', r.standby] as const : r.strategy === RolloutStrategy.CANARY ? ['rollout.workload', r.workload] as const : undefined;
  if (other !== undefined && Workload.isWorkload(other[1])) {
    requireKnown(v, scope, `${other[0]}.port`, other[1]!.port, 'it must equal `workload.port`, which cannot be checked for a token');
    validateWorkloadTokens(v, scope, other[0], other[1]!, isAws);
  }
  if (r.strategy !== RolloutStrategy.CANARY) {
    return;
  }
  requireKnown(v, scope, 'rollout.weight', r.weight, 'it decides the size of the canary group and the traffic weights');
  if (kind === PlatformKind.KUBERNETES) {
    const decides = 'it decides how many canary pods run';
    requireKnown(v, scope, 'rollout.bakeTime', r.bakeTime, 'it decides how long Terraform waits for the canary Deployment');
    requireKnown(v, scope, 'replicas', props.replicas, decides);
    if (isRecord(props.scaling)) {
      requireKnown(v, scope, 'scaling.minReplicas', props.scaling.minReplicas, decides);
    }
  }
}

/** Namespaces every cluster has: creating one fails, and deleting the construct would try to delete it. */
const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
const ECR_HOST = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/**
 * Configurations that synthesize but can never work: instances without a way out of the VPC that must install Docker,
 * pull an image and call AWS APIs; an image outside AWS with only VPC endpoints to reach; a namespace that already
 * exists in every cluster.
 */
function validateCanWork(v: PropValidator, props: MultiAzServiceProps, kind: PlatformKind | undefined, workload: Workload | undefined): void {
  if (kind === PlatformKind.AWS) {
    const network = (props.platform as AwsPlatform).network;
    const egress = props.internetEgress ?? true;
    if (network.privateInternetAccess === false && egress === true) {
      v.fail(
        `\`platform.network\` "${network.node.path}" gives its private subnets no route to the internet (no NAT gateway), so the instances cannot ` +
          'install Docker, pull their image, send their logs or complete their launch hook, and every launch is abandoned. Give the network NAT ' +
          'gateways (`natGateways: NatGatewayMode.PER_ZONE`), or create VPC endpoints (S3, ECR, CloudWatch Logs, Auto Scaling, SSM, Secrets ' +
          'Manager) and set `internetEgress: false`.',
      );
    }
    if (egress === false && workload !== undefined) {
      const r = Rollout.isRollout(props.rollout) ? (props.rollout as Rollout)._describe() : undefined;
      const others: Array<[string, Workload | undefined]> = [
        ['workload', workload],
        ['rollout.standby', r?.strategy === RolloutStrategy.BLUE_GREEN ? r.standby : undefined],
        ['rollout.workload', r?.strategy === RolloutStrategy.CANARY ? r.workload : undefined],
      ];
      for (const [prop, w] of others) {
        const image = Workload.isWorkload(w) && w!.workloadType === WorkloadType.CONTAINER ? w!._describe() : undefined;
        const ref = image?.workloadType === WorkloadType.CONTAINER ? image.container.image : undefined;
        if (typeof ref !== 'string' || isUnresolved(ref) || imageReferenceProblem(ref) !== undefined) {
          continue;
        }
        const registry = parseImage(ref).registry;
        if (registry === undefined || !ECR_HOST.test(registry)) {
          v.require(
            `${prop}.image`,
            ref,
            false,
            `cannot be pulled: its registry (${registry ?? 'Docker Hub'}) is outside AWS, and with \`internetEgress: false\` the instances reach only VPC endpoints`,
            'Mirror the image to Amazon ECR of this account (an ECR interface endpoint reaches it), or turn `internetEgress` back on.',
          );
        }
      }
    }
  }
  if (kind === PlatformKind.KUBERNETES && props.createNamespace === true) {
    const namespace = (props.platform as KubernetesPlatform).namespaceName;
    if (SYSTEM_NAMESPACES.includes(namespace)) {
      v.require(
        'createNamespace',
        props.createNamespace,
        false,
        `cannot create the namespace "${namespace}": every cluster already has it, so creating it fails (and deleting the service would try to delete it)`,
        'Remove `createNamespace`, or use a namespace of your own in `Platform.kubernetes({ namespaceName })`.',
      );
    }
  }
}
