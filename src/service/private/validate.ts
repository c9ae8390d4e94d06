import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import {
  AwsServiceDescription,
  KubernetesServiceDescription,
  ReplicaGroup,
  ScalingDescription,
  ServiceDescription,
  WorkloadDescription,
} from './description';
import { machineImageUserDataProblem } from './user-data';
import { Duration } from '../../core/duration';
import { HealthCheck } from '../../core/health-check';
import { AwsPlatform, KubernetesPlatform, PlatformKind } from '../../core/platform';
import { validateAlarmOptions } from '../../core/private/alarm-factory';
import { validateHealthCheck } from '../../core/private/health-check-validation';
import { parseImage, unpinnedImageProblem } from '../../core/private/image';
import { isDnsLabel, isQuantity, toLabelValue } from '../../core/private/kubernetes';
import { physicalName } from '../../core/private/naming';
import { LOG_RETENTION_DAYS, PropValidator, formatValue, isUnresolved, platformName } from '../../core/private/validation';
import type { MultiAzServiceProps } from '../multi-az-service';
import { DeploymentColor, Rollout, RolloutStrategy } from '../rollout';
import { ServiceSecret, ServiceSecretSource, Workload, WorkloadType } from '../workload';

/** The construct kind in error messages. */
export const KIND = 'MultiAzService';

/** Kubernetes object names leave room for `-canary` and the pod name suffixes. */
const MAX_NAME_LENGTH = 40;
const DEFAULT_CPU = '250m';
const DEFAULT_MEMORY = '256Mi';
const NOBODY = 65534;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
const AMI_ID = /^ami-[0-9a-f]{8,17}$/;
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/;
/** The HTTP codes a Kubernetes httpGet probe accepts. */
const PROBE_CODES = '200-399';

/** Props only AWS can honour, with what to do instead on Kubernetes. */
const AWS_ONLY: Array<[keyof MultiAzServiceProps, string]> = [
  ['instanceType', 'Pods run on the cluster\'s nodes; size them with `workload.cpu` and `workload.memory`.'],
  ['rootVolumeSize', 'Pods use the node\'s disk; remove it.'],
  ['instanceBootTime', 'Give the health check a longer `gracePeriod` (the startup probe\'s budget).'],
  ['internetEgress', 'Restrict egress with your own NetworkPolicy; remove it.'],
  ['allowVpcEgress', 'Restrict egress with your own NetworkPolicy; remove it.'],
  ['logRetention', 'Container logs are collected by the cluster\'s log agent; remove it.'],
  ['logEncryptionKeyArn', 'Container logs are collected by the cluster\'s log agent; remove it.'],
  ['alarms', 'On Kubernetes the platform\'s `alerting` watches the Deployments; remove it.'],
  ['tags', 'Remove it on Kubernetes.'],
];

/** Props only Kubernetes can honour. */
const KUBERNETES_ONLY: Array<[keyof MultiAzServiceProps, string]> = [
  ['livenessCheck', 'On AWS the load balancer\'s health check (`healthCheck`) decides when an instance is replaced; remove it.'],
  ['createNamespace', 'Remove it on AWS.'],
  ['allowSingleZone', 'On AWS the service spreads over `zones` zones of the network (at least 2); remove it.'],
];

/** The processor architecture of an instance type: Graviton families (`t4g`, `m7gd`, `c7gn`, `a1`) are arm64. */
export function architectureOf(instanceType: string): string {
  const family = instanceType.split('.')[0].replace(/-flex$/, '');
  return family === 'a1' || /^[a-z]+\d+[a-z]*g[a-z]*$/.test(family) ? 'arm64' : 'x86_64';
}

/** Validates the props; throws one error listing every problem, or returns the description for the platform. */
export function describeService(
  scope: IConstruct,
  props: MultiAzServiceProps,
): { aws?: AwsServiceDescription; kubernetes?: KubernetesServiceDescription } {
  const v = new PropValidator(KIND, scope);
  const platform = props.platform;
  if (!platform || (platform.kind !== PlatformKind.AWS && platform.kind !== PlatformKind.KUBERNETES)) {
    v.require('platform', platform, false, 'must be a platform', 'Pass `Platform.aws({ network })` or `Platform.kubernetes({ namespaceName })`.');
    v.throwIfInvalid();
  }
  const kind = platform.kind;
  const isAws = kind === PlatformKind.AWS;

  if (!Workload.isWorkload(props.workload)) {
    v.require('workload', props.workload, false, 'must be a Workload', 'Pass `Workload.container({ image, port })`.');
    v.throwIfInvalid();
  }
  if (props.workload.type === WorkloadType.MACHINE_IMAGE && !isAws) {
    // Nothing else is worth checking: the declaration cannot run here at all.
    v.fail(
      `\`workload\` is a machine image (${props.workload.toString()}), which only the AWS platform can run: the Kubernetes platform runs containers. ` +
        'Use `Workload.container({ image, port })` on Kubernetes, or `Platform.aws({ network })`.',
    );
    v.throwIfInvalid();
  }

  for (const [prop, fix] of isAws ? KUBERNETES_ONLY : AWS_ONLY) {
    if (props[prop] !== undefined) {
      v.require(prop, props[prop], false, `is only supported on ${isAws ? 'Kubernetes' : 'AWS'}`, fix);
    }
  }

  const workload = describeWorkload(v, 'workload', props.workload, kind);
  const port = workload.port;

  // Health checks: valid everywhere, and judged no sooner than they can pass.
  const healthCheck = props.healthCheck ?? props.loadBalancer?.healthCheck ?? HealthCheck.http('/health');
  const checks: Array<[string, HealthCheck]> = [['healthCheck', healthCheck]];
  if (props.livenessCheck !== undefined && !isAws) {
    checks.push(['livenessCheck', props.livenessCheck]);
  }
  for (const [prop, check] of checks) {
    validateHealthCheck(v, prop, check);
    if (!check.gracePeriod.isUnresolved && !check.interval.isUnresolved && !isUnresolved(check.healthyThreshold)) {
      const soonest = check.interval.times(check.healthyThreshold);
      v.require(
        `${prop}.gracePeriod`,
        check.gracePeriod,
        check.gracePeriod.compareTo(soonest) >= 0,
        `must be at least healthyThreshold × interval (${soonest.toHumanString()}), the soonest a new replica can pass its health check, or replicas are judged before they can be healthy`,
        'Raise `gracePeriod` or lower the interval.',
      );
    }
    if (!isAws && check.isHttp && check.healthyHttpCodes !== undefined && check.healthyHttpCodes !== PROBE_CODES) {
      v.require(
        `${prop}.healthyHttpCodes`,
        check.healthyHttpCodes,
        false,
        `must be "${PROBE_CODES}" on Kubernetes: an httpGet probe accepts exactly those codes`,
        'Remove `healthyHttpCodes`.',
      );
    }
  }
  if (props.shutdownGracePeriod !== undefined) {
    const g = props.shutdownGracePeriod;
    v.require('shutdownGracePeriod', g, () => g.toMilliseconds() % 1000 === 0 && g.toSeconds() >= 1 && g.toSeconds() <= 600, 'must be a whole number of seconds from 1 s to 10 minutes');
  }

  // Load balancer: same platform.
  const lb = props.loadBalancer;
  if (lb !== undefined && lb.platformKind !== kind) {
    v.fail(`\`loadBalancer\` "${lb.node.path}" runs on ${platformName(lb.platformKind)}, but the service runs on ${platformName(kind)}: put both on the same platform.`);
  }

  // Zones.
  let zoneCount: number | undefined;
  let subnets: AwsServiceDescription['subnets'] = [];
  if (isAws) {
    const network = (platform as AwsPlatform).network;
    const all = network.privateSubnets;
    const zones = [...new Set(all.map((s) => s.zone))];
    const wanted = props.zones ?? zones.length;
    if (props.zones !== undefined) {
      v.integer('zones', props.zones, 2, zones.length, `(the network's private subnets span ${zones.length} zones) so the service survives the loss of a zone`);
    }
    const used = zones.slice(0, Math.max(2, Math.min(wanted, zones.length)));
    subnets = all.filter((s) => used.includes(s.zone));
    zoneCount = used.length;
    if (zones.length < 2) {
      v.fail(`\`platform.network\` must have private subnets in at least 2 zones so the service survives the loss of a zone, got ${zones.length}. Use a MultiAzNetwork.`);
    }
  } else if (props.zones !== undefined) {
    v.integer('zones', props.zones, props.allowSingleZone ? 1 : 2, 6, 'so the service survives the loss of a zone');
    zoneCount = props.zones;
  }

  // Replicas and scaling.
  const scaling = describeScaling(v, props, isAws);
  if (props.replicas !== undefined && props.scaling !== undefined) {
    v.fail('`replicas` conflicts with `scaling`, which sets the range of replicas: pass only `scaling.minReplicas` and `scaling.maxReplicas`.');
  }
  if (props.replicas !== undefined) {
    v.integer('replicas', props.replicas, 2, undefined, 'to survive the loss of one replica');
  }
  const defaultReplicas = Math.max(2, isUnresolved(zoneCount) ? 2 : zoneCount ?? 2);
  const minReplicas = scaling?.minReplicas ?? props.replicas ?? defaultReplicas;
  const maxReplicas = scaling?.maxReplicas ?? minReplicas;

  // Rollout.
  const rollout = props.rollout ?? Rollout.rolling();
  if (!Rollout.isRollout(rollout)) {
    v.require('rollout', rollout, false, 'must be a Rollout', 'Pass `Rollout.rolling()`, `Rollout.blueGreen({ active })` or `Rollout.canary({ weight })`.');
    v.throwIfInvalid();
  }
  const groups = planGroups(v, rollout, workload, kind, { minReplicas, maxReplicas, scaled: scaling !== undefined });

  // Name.
  const name = props.name ?? physicalName(scope, undefined, { maxLength: MAX_NAME_LENGTH });
  if (props.name !== undefined) {
    v.require('name', props.name, () => isDnsLabel(props.name!, MAX_NAME_LENGTH), `must be a DNS label of at most ${MAX_NAME_LENGTH} characters (lower-case letters, digits and "-")`);
  }

  const common: ServiceDescription = {
    name,
    appName: toLabelValue(scope.node.id) || 'service',
    port,
    healthCheck,
    strategy: rollout.strategy,
    groups,
    minReplicas,
    scaling,
    loadBalancer: lb,
    targetId: targetIdOf(scope, lb),
    shutdownGracePeriod: props.shutdownGracePeriod ?? Duration.seconds(30),
  };

  if (isAws) {
    const aws = platform as AwsPlatform;
    const instanceType = props.instanceType ?? 't3.small';
    v.require('instanceType', instanceType, () => INSTANCE_TYPE.test(instanceType), 'must be an EC2 instance type like "t3.small" or "m7g.large"');
    const rootVolumeSize = props.rootVolumeSize ?? 20;
    v.integer('rootVolumeSize', rootVolumeSize, 8, 16384, '(GiB)');
    const boot = props.instanceBootTime ?? (workload.container ? Duration.minutes(3) : Duration.minutes(1));
    v.require('instanceBootTime', boot, () => boot.toMilliseconds() % 1000 === 0 && boot.toSeconds() <= 3600, 'must be a whole number of seconds up to 1 hour');
    const retention = props.logRetention ?? Duration.days(365);
    v.require(
      'logRetention',
      retention,
      () => retention.toMilliseconds() % 86_400_000 === 0 && LOG_RETENTION_DAYS.includes(retention.toDays()),
      `must be a number of days CloudWatch Logs accepts (${LOG_RETENTION_DAYS.join(', ')})`,
    );
    if (props.logEncryptionKeyArn !== undefined) {
      v.require('logEncryptionKeyArn', props.logEncryptionKeyArn, () => KMS_KEY_ARN.test(props.logEncryptionKeyArn!), 'must be a KMS key ARN');
    }
    validateAlarmOptions(v, 'alarms', props.alarms as any);
    if (scaling?.targetRequestsPerTarget !== undefined) {
      if (!lb) {
        v.fail('`scaling.targetRequestsPerTarget` needs a `loadBalancer`: it tracks the requests of the service\'s target group. Pass `loadBalancer` or use `targetCpuUtilization`.');
      } else if (!lb.countsRequests) {
        v.fail('`scaling.targetRequestsPerTarget` needs an Application Load Balancer: a Network Load Balancer does not count requests. Use `targetCpuUtilization`.');
      }
    }
    v.throwIfInvalid();
    return {
      aws: {
        ...common,
        network: aws.network,
        subnets,
        zoneCount: zoneCount!,
        instanceType,
        architecture: architectureOf(instanceType),
        rootVolumeSize,
        instanceBootTime: boot,
        internetEgress: props.internetEgress ?? true,
        allowVpcEgress: props.allowVpcEgress ?? false,
        logRetentionDays: retention.toDays(),
        logEncryptionKeyArn: props.logEncryptionKeyArn,
        alarmDestination: aws.alarms,
        alarms: { ...(props.alarms ?? {}) },
        tags: { ...(props.tags ?? {}) },
      },
    };
  }

  const k8s = platform as KubernetesPlatform;
  v.require('platform.namespace', k8s.namespaceName, () => isDnsLabel(k8s.namespaceName), 'must be a namespace name (a DNS label: lower-case letters, digits and "-")');
  v.throwIfInvalid();
  return {
    kubernetes: {
      ...common,
      namespace: k8s.namespaceName,
      createNamespace: props.createNamespace ?? false,
      zoneSpread: props.allowSingleZone ? 'ScheduleAnyway' : 'DoNotSchedule',
      zones: zoneCount,
      alerting: k8s.alerting,
      livenessCheck: props.livenessCheck,
    },
  };
}

/** Validates one workload (`workload`, `rollout.workload`, `rollout.standby`) for the platform. */
function describeWorkload(v: PropValidator, prop: string, workload: Workload, kind: PlatformKind): WorkloadDescription {
  const isAws = kind === PlatformKind.AWS;
  v.integer(`${prop}.port`, workload.port, 1, 65535);
  const m = workload.machineImageProps;
  if (m) {
    v.require(`${prop}.imageId`, m.imageId, () => typeof m.imageId === 'string' && AMI_ID.test(m.imageId), 'must be an AMI id like "ami-0123456789abcdef0"');
    const problem = typeof m.userData === 'string' ? machineImageUserDataProblem(m.userData) : undefined;
    if (problem) {
      v.require(`${prop}.userData`, m.userData, false, problem);
    }
    return { port: workload.port, machineImage: { imageId: m.imageId, userData: m.userData } };
  }
  const c = workload.containerProps!;
  const image = c.image;
  if (typeof image !== 'string' || image.length === 0) {
    v.require(`${prop}.image`, image, false, 'is required: the container image with a version tag or digest', 'Pass e.g. "ghcr.io/acme/api:1.4.2".');
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
  if (c.user !== undefined) {
    v.integer(`${prop}.user`, c.user, 1, 2147483647, '(never 0: containers run as non-root)');
  }
  const environment = c.environment ?? {};
  for (const [name, value] of Object.entries(environment)) {
    v.require(`${prop}.environment`, name, () => ENV_NAME.test(name), 'names must be letters, digits and "_", not starting with a digit');
    if (ServiceSecret.isServiceSecret(value)) {
      v.fail(`\`${prop}.environment["${name}"]\` is a ServiceSecret: pass it in \`${prop}.secrets\`, so it is read by reference.`);
    } else if (!Token.isUnresolved(value)) {
      v.require(`${prop}.environment["${name}"]`, value, () => typeof value === 'string' && !/[\r\n\0]/.test(value), 'must be a single-line string');
    }
  }
  const secrets = c.secrets ?? {};
  for (const [name, secret] of Object.entries(secrets)) {
    v.require(`${prop}.secrets`, name, () => ENV_NAME.test(name), 'names must be letters, digits and "_", not starting with a digit');
    if (Object.prototype.hasOwnProperty.call(environment, name)) {
      v.fail(`\`${prop}.secrets["${name}"]\` is also in \`${prop}.environment\`: give each variable once.`);
    }
    if (!ServiceSecret.isServiceSecret(secret)) {
      // Never echo the value: it may be the secret itself.
      v.fail(
        `\`${prop}.secrets["${name}"]\` must be a ServiceSecret reference, got a ${secret === null ? 'null' : typeof secret} (the value is not shown). ` +
          'Secrets are passed by reference only: use `ServiceSecret.awsSecretsManager(arn, jsonKey)` or `ServiceSecret.kubernetes(secretName, key)`.',
      );
      continue;
    }
    if (secret.source === ServiceSecretSource.AWS_SECRETS_MANAGER) {
      if (!isAws) {
        v.fail(
          `\`${prop}.secrets["${name}"]\` is an AWS Secrets Manager secret, which pods cannot read: the Kubernetes platform needs \`ServiceSecret.kubernetes(secretName, key)\` ` +
            '(sync the secret into the namespace, e.g. with External Secrets).',
        );
      }
      v.require(`${prop}.secrets["${name}"].secretArn`, secret.secretArn, () => SECRET_ARN.test(secret.secretArn!), 'must be a Secrets Manager secret ARN');
      if (secret.jsonKey !== undefined) {
        v.require(`${prop}.secrets["${name}"].jsonKey`, secret.jsonKey, () => /^[A-Za-z0-9_.-]{1,128}$/.test(secret.jsonKey!), 'must be a JSON key of letters, digits, "_", "." or "-"');
      }
    } else {
      if (isAws) {
        v.fail(
          `\`${prop}.secrets["${name}"]\` is a Kubernetes Secret, which EC2 instances cannot read: the AWS platform needs ` +
            '`ServiceSecret.awsSecretsManager(secretArn, jsonKey)`.',
        );
      }
      v.require(`${prop}.secrets["${name}"].secretName`, secret.secretName, () => isDnsLabel(secret.secretName!, 253) || /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(secret.secretName!), 'must be a Secret name');
      v.require(`${prop}.secrets["${name}"].key`, secret.key, () => /^[-._a-zA-Z0-9]{1,253}$/.test(secret.key!), 'must be a Secret key (letters, digits, "-", "_" or ".")');
    }
  }
  for (const key of ['command', 'args'] as const) {
    const list = c[key];
    if (list !== undefined && !isUnresolved(list)) {
      v.require(`${prop}.${key}`, list, () => Array.isArray(list) && list.length > 0 && list.every((a) => typeof a === 'string'), 'must be a non-empty list of strings');
    }
  }
  const ref = typeof image === 'string' && !Token.isUnresolved(image) ? parseImage(image) : undefined;
  const version = ref?.tag ?? (ref?.digest ? ref.digest.replace(/^[^:]*:/, '').slice(0, 12) : undefined);
  return {
    port: workload.port,
    container: {
      image,
      version,
      cpu: c.cpu ?? (isAws ? undefined : DEFAULT_CPU),
      memory: c.memory ?? (isAws ? undefined : DEFAULT_MEMORY),
      environment: { ...environment },
      secrets: { ...secrets },
      command: c.command ? [...c.command] : undefined,
      args: c.args ? [...c.args] : undefined,
      user: c.user ?? NOBODY,
    },
  };
}

function describeScaling(v: PropValidator, props: MultiAzServiceProps, isAws: boolean): ScalingDescription | undefined {
  const s = props.scaling;
  if (s === undefined) {
    return undefined;
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
  return {
    minReplicas: s.minReplicas,
    maxReplicas: s.maxReplicas,
    targetCpuUtilization: s.targetCpuUtilization ?? (s.targetRequestsPerTarget === undefined ? 60 : undefined),
    targetRequestsPerTarget: s.targetRequestsPerTarget,
  };
}

interface Sizing {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly scaled: boolean;
}

/** Turns the rollout into replica groups: the stable group, plus a canary or a second colour. */
function planGroups(
  v: PropValidator,
  rollout: Rollout,
  workload: WorkloadDescription,
  kind: PlatformKind,
  size: Sizing,
): ReplicaGroup[] {
  const isAws = kind === PlatformKind.AWS;
  const group = (track: string, idSuffix: string, w: WorkloadDescription, weight: number, extra: Partial<ReplicaGroup> = {}): ReplicaGroup => ({
    track,
    idSuffix,
    workload: w,
    minReplicas: size.minReplicas,
    maxReplicas: size.maxReplicas,
    weight,
    scaled: size.scaled,
    primary: true,
    ...extra,
  });
  const other = (prop: string, w: Workload | undefined): WorkloadDescription => {
    if (w === undefined) {
      return workload;
    }
    if (!Workload.isWorkload(w)) {
      v.require(prop, w, false, 'must be a Workload', 'Pass `Workload.container({ image, port })`.');
      return workload;
    }
    if (w.type === WorkloadType.MACHINE_IMAGE && !isAws) {
      v.fail(`\`${prop}\` is a machine image (${w.toString()}), which only the AWS platform can run. Use \`Workload.container({ image, port })\`.`);
      return workload;
    }
    const d = describeWorkload(v, prop, w, kind);
    v.require(
      `${prop}.port`,
      w.port,
      isUnresolved(w.port) || isUnresolved(workload.port) || w.port === workload.port,
      `must equal \`workload.port\` (${formatValue(workload.port)}): both versions sit behind the same load balancer port`,
    );
    return d;
  };

  switch (rollout.strategy) {
    case RolloutStrategy.ROLLING:
      return [group('stable', '', workload, 1)];

    case RolloutStrategy.BLUE_GREEN: {
      const active = rollout.active;
      if (active !== DeploymentColor.BLUE && active !== DeploymentColor.GREEN) {
        v.require('rollout.active', active, false, 'must be DeploymentColor.BLUE or DeploymentColor.GREEN');
      }
      const standby = other('rollout.standby', rollout.standby);
      const blueActive = active !== DeploymentColor.GREEN;
      return [
        group('blue', 'Blue', blueActive ? workload : standby, blueActive ? 100 : 0),
        group('green', 'Green', blueActive ? standby : workload, blueActive ? 0 : 100),
      ];
    }

    case RolloutStrategy.CANARY: {
      const weight = rollout.weight!;
      v.integer('rollout.weight', weight, 1, 99, '(percent of the traffic the canary receives)');
      const bake = rollout.bakeTime!;
      v.require(
        'rollout.bakeTime',
        bake,
        () => bake.toMilliseconds() % 1000 === 0 && bake.toSeconds() >= 60 && bake.toSeconds() <= 172_800,
        'must be a whole number of seconds from 1 minute to 48 hours',
      );
      const canaryWorkload = other('rollout.workload', rollout.canaryWorkload);
      const validWeight = typeof weight === 'number' && Number.isInteger(weight) && weight >= 1 && weight <= 99 ? weight : 10;
      const bakeSeconds = bake.isUnresolved ? bake.amount : bake.toSeconds();
      const stable = group('stable', '', workload, 100 - validWeight, isAws ? { checkpoint: { percentage: validWeight, delay: bake } } : {});
      // AWS weighs the target groups, so the canary needs only enough instances to be redundant itself (and scales
      // on its own load). Kubernetes spreads requests over pods, so the canary's share is its share of the pods.
      const canary: ReplicaGroup = isAws
        ? { ...group('canary', 'Canary', canaryWorkload, validWeight), minReplicas: 2, maxReplicas: size.scaled ? Math.max(2, size.maxReplicas) : 2, primary: false }
        : {
          ...group('canary', 'Canary', canaryWorkload, validWeight),
          minReplicas: canaryPods(size.minReplicas, validWeight),
          maxReplicas: canaryPods(size.minReplicas, validWeight),
          scaled: false,
          primary: false,
          minReadySeconds: bakeSeconds,
        };
      return [stable, canary];
    }
  }
  v.require('rollout', rollout, false, 'must be Rollout.rolling(), Rollout.blueGreen() or Rollout.canary()');
  return [group('stable', '', workload, 1)];
}

/** The canary pods that give it about `weight`% of `stable + canary` pods: at least one. */
export function canaryPods(stable: number, weight: number): number {
  return Math.max(1, Math.round((stable * weight) / (100 - weight)));
}

/**
 * The load balancer target id: the construct id made valid (a letter, then letters, digits and hyphens, at most 24
 * characters so `-canary` fits), unique among the load balancer's targets.
 */
function targetIdOf(scope: IConstruct, lb: MultiAzServiceProps['loadBalancer']): string {
  let base = scope.node.id.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^[^A-Za-z]+/, '').replace(/-+$/, '').slice(0, 24).replace(/-+$/, '');
  if (base.length === 0) {
    base = 'service';
  }
  const taken = new Set((lb?.targets ?? []).map((t) => t.id.toLowerCase()));
  const free = (id: string) => ![id, `${id}-canary`, `${id}-blue`, `${id}-green`].some((x) => taken.has(x.toLowerCase()));
  if (free(base)) {
    return base;
  }
  for (let i = 2; ; i++) {
    const id = `${base.slice(0, 24 - String(i).length - 1)}-${i}`;
    if (free(id)) {
      return id;
    }
  }
}
