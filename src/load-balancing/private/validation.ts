import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { AwsLoadBalancerDescription, KubernetesLoadBalancerDescription, TargetDescription } from './description';
import { DNS_1035_LABEL, isQualifiedName, serviceName } from './kubernetes-names';
import { Duration } from '../../core/duration';
import { HealthCheck, HealthCheckProtocol } from '../../core/health-check';
import { AwsPlatform, KubernetesPlatform, PlatformKind } from '../../core/platform';
import { validateAlarmOptions } from '../../core/private/alarm-factory';
import { parseCidr } from '../../core/private/cidr';
import { validateHealthCheck } from '../../core/private/health-check-validation';
import { isLabelValue } from '../../core/private/kubernetes';
import { physicalName } from '../../core/private/naming';
import { PropValidator, formatValue, isUnresolved } from '../../core/private/validation';
import type { HealthCheckedLoadBalancerProps } from '../health-checked-load-balancer';
import { ExternalTrafficPolicy, LoadBalancerAlarms, LoadBalancerTargetOptions, LoadBalancerType, TargetProtocol, TargetType } from '../options';

/** The construct kind in error messages. */
export const KIND = 'HealthCheckedLoadBalancer';

/**
 * Security policies that allow only TLS 1.2 and 1.3 (ELBSecurityPolicy-TLS13-1-2-*, -TLS-1-2-*, -FS-1-2-*); the
 * `-Ext` variants (CBC and SHA-1 ciphers, flagged by trivy AWS-0047) are refused separately.
 */
const TLS12_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]-|TLS-1-2-|FS-1-2-)/;
const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:(acm|iam):[a-z0-9-]*:\d{12}:(certificate|server-certificate)\/.+$/;
const LB_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IPV6_CIDR = /^[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*\/(\d{1,3})$/;
const TARGET_ID = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;

const ALB_ALARMS: Array<keyof LoadBalancerAlarms> = ['elb5xx', 'target5xx', 'targetResponseTime', 'rejectedConnections'];
const NLB_ALARMS: Array<keyof LoadBalancerAlarms> = ['tcpResets'];

/** Props that only AWS can honour, with what to do instead on Kubernetes. */
const AWS_ONLY: Array<[keyof HealthCheckedLoadBalancerProps, string]> = [
  ['loadBalancerType', 'The cloud\'s load balancer controller picks the kind; select it with `annotations`.'],
  ['certificateArn', 'A Service does not terminate TLS: terminate it in the pods, or pass your cloud\'s annotation (e.g. `service.beta.kubernetes.io/aws-load-balancer-ssl-cert`) in `annotations`.'],
  ['sslPolicy', 'Pass your cloud\'s TLS policy annotation in `annotations`.'],
  ['redirectHttp', 'A Service forwards one port; redirect in the application or an Ingress.'],
  ['deletionProtection', 'Remove it on Kubernetes.'],
  ['idleTimeout', 'Pass your cloud\'s idle timeout annotation in `annotations`.'],
  ['accessLogs', 'Pass your cloud\'s access log annotations in `annotations`.'],
  ['stickiness', 'Remove it on Kubernetes.'],
  ['alarms', 'Alarms of a Kubernetes load balancer are not rendered yet; remove it.'],
  ['tags', 'Remove it on Kubernetes.'],
];

/** Props that only Kubernetes can honour. */
const KUBERNETES_ONLY: Array<[keyof HealthCheckedLoadBalancerProps, string]> = [
  ['externalTrafficPolicy', 'An AWS load balancer sends traffic to its target groups\' healthy targets in every zone; remove it.'],
  ['annotations', 'Use `tags` on AWS.'],
];

/** Validates the props; throws one error listing every problem, or returns the description for the platform. */
export function describeLoadBalancer(
  scope: IConstruct,
  props: HealthCheckedLoadBalancerProps,
): { aws?: AwsLoadBalancerDescription; kubernetes?: KubernetesLoadBalancerDescription } {
  const v = new PropValidator(KIND, scope);
  const platform = props.platform;
  if (!platform || (platform.kind !== PlatformKind.AWS && platform.kind !== PlatformKind.KUBERNETES)) {
    v.require('platform', platform, false, 'must be a platform', 'Pass `Platform.aws({ network })` or `Platform.kubernetes({ namespaceName })`.');
    v.throwIfInvalid();
  }
  const isAws = platform.kind === PlatformKind.AWS;
  const internal = props.internal ?? false;

  if (props.port !== undefined) {
    v.integer('port', props.port, 1, 65535);
  }
  const healthCheck = props.healthCheck ?? (isAws && props.loadBalancerType === LoadBalancerType.NETWORK ? HealthCheck.tcp() : HealthCheck.http('/health'));
  validateHealthCheck(v, 'healthCheck', healthCheck);
  validateCidrs(v, props.allowedCidrs);

  if (isAws) {
    for (const [prop, fix] of KUBERNETES_ONLY) {
      if (props[prop] !== undefined) {
        v.require(prop, props[prop], false, 'is only supported on Kubernetes', fix);
      }
    }
    const aws = describeAws(scope, v, props, platform as AwsPlatform, healthCheck, internal);
    v.throwIfInvalid();
    return { aws };
  }
  for (const [prop, fix] of AWS_ONLY) {
    if (props[prop] !== undefined) {
      v.require(prop, props[prop], false, 'is only supported on AWS', fix);
    }
  }
  const kubernetes = describeKubernetes(scope, v, props, platform as KubernetesPlatform, healthCheck, internal);
  v.throwIfInvalid();
  return { kubernetes };
}

function describeAws(
  scope: IConstruct,
  v: PropValidator,
  props: HealthCheckedLoadBalancerProps,
  platform: AwsPlatform,
  healthCheck: HealthCheck,
  internal: boolean,
): AwsLoadBalancerDescription {
  const type = props.loadBalancerType ?? LoadBalancerType.APPLICATION;
  const alb = type === LoadBalancerType.APPLICATION;
  const plain = props.allowPlainHttp ?? false;
  const certificateArn = props.certificateArn;
  const where = internal ? 'internal' : 'internet-facing';

  if (certificateArn === undefined && !plain) {
    v.require(
      'certificateArn',
      certificateArn,
      false,
      `is required so clients reach the ${where} load balancer over ${alb ? 'HTTPS' : 'TLS'}`,
      'Pass the ARN of an ACM certificate, or set `allowPlainHttp: true` to serve unencrypted traffic.',
    );
  }
  if (certificateArn !== undefined && plain) {
    v.fail('`allowPlainHttp` conflicts with `certificateArn`: a certificate means the load balancer serves HTTPS. Remove one of them.');
  }
  if (certificateArn !== undefined) {
    v.require(
      'certificateArn',
      certificateArn,
      () => CERTIFICATE_ARN.test(certificateArn),
      'must be an ACM or IAM certificate ARN like "arn:aws:acm:eu-west-1:123456789012:certificate/<id>"',
    );
  }
  if (props.sslPolicy !== undefined) {
    if (plain) {
      v.fail('`sslPolicy` conflicts with `allowPlainHttp`: a plain listener has no TLS policy. Remove `sslPolicy`.');
    } else {
      v.require(
        'sslPolicy',
        props.sslPolicy,
        () => TLS12_POLICY.test(props.sslPolicy!) && !props.sslPolicy!.includes('-Ext'),
        'must be an ELB security policy that allows only TLS 1.2 or newer, without the weaker "Ext" cipher suites',
        `Use "${DEFAULT_SSL_POLICY}" (the default) or another ELBSecurityPolicy-TLS13-1-2-* policy.`,
      );
    }
  }

  const tls = certificateArn !== undefined;
  const redirectHttp = alb && tls ? props.redirectHttp ?? true : false;
  if (props.redirectHttp === true && !(alb && tls)) {
    v.require(
      'redirectHttp',
      props.redirectHttp,
      false,
      alb ? 'needs an HTTPS listener to redirect to' : 'is only possible on an Application Load Balancer',
      alb ? 'Pass `certificateArn`, or remove `redirectHttp`.' : 'Remove `redirectHttp`.',
    );
  }
  const port = props.port ?? (tls ? 443 : 80);
  if (redirectHttp && !isUnresolved(port)) {
    v.require(
      'port',
      port,
      port !== 80,
      'must not be 80 while `redirectHttp` is on: port 80 redirects to HTTPS',
      'Use 443 (the default), or set `redirectHttp: false`.',
    );
  }

  if (alb && healthCheck.protocol === HealthCheckProtocol.TCP) {
    v.require(
      'healthCheck.protocol',
      healthCheck.protocol,
      false,
      'must be HTTP, HTTPS or gRPC on an Application Load Balancer',
      'Use `HealthCheck.http(path)`, or `loadBalancerType: LoadBalancerType.NETWORK`.',
    );
  }
  if (!alb && healthCheck.protocol === HealthCheckProtocol.GRPC) {
    v.require('healthCheck.protocol', healthCheck.protocol, false, 'must be TCP, HTTP or HTTPS on a Network Load Balancer', 'Use `HealthCheck.tcp()` or `HealthCheck.http(path)`.');
  }

  if (!alb) {
    for (const prop of ['idleTimeout', 'stickiness'] as const) {
      if (props[prop] !== undefined) {
        v.require(prop, props[prop], false, 'is only supported on an Application Load Balancer', `Remove \`${prop}\`.`);
      }
    }
  }
  const idleTimeout = props.idleTimeout ?? Duration.seconds(60);
  v.require(
    'idleTimeout',
    idleTimeout,
    () => idleTimeout.toMilliseconds() % 1000 === 0 && idleTimeout.toSeconds() >= 1 && idleTimeout.toSeconds() <= 4000,
    'must be a whole number of seconds from 1 s to 4000 s',
  );
  if (props.stickiness !== undefined) {
    const s = props.stickiness;
    v.require(
      'stickiness',
      s,
      () => s.toMilliseconds() % 1000 === 0 && s.toSeconds() >= 1 && s.toSeconds() <= 604_800,
      'must be a whole number of seconds from 1 s to 7 days',
    );
  }

  const alarms = (props.alarms ?? {}) as { [key: string]: any };
  validateAlarmOptions(v, 'alarms', alarms);
  const foreign = alb ? NLB_ALARMS : ALB_ALARMS;
  for (const key of foreign) {
    if (alarms[key] !== undefined) {
      v.require(
        `alarms.${key}`,
        alarms[key],
        false,
        `only exists on ${alb ? 'a Network' : 'an Application'} Load Balancer`,
        `Remove \`alarms.${key}\`.`,
      );
    }
  }

  const name = props.loadBalancerName ?? physicalName(scope, undefined, { maxLength: 32 });
  if (props.loadBalancerName !== undefined) {
    v.require(
      'loadBalancerName',
      name,
      () => LB_NAME.test(name) && !name.startsWith('internal-'),
      'must be 1 to 32 letters, digits or hyphens, not starting or ending with a hyphen nor with "internal-"',
    );
  }

  const tier = internal ? 'private' : 'public';
  const subnets = internal ? platform.network.privateSubnets : platform.network.publicSubnets;
  const zones = subnets.map((s) => s.zone);
  if (zones.every((z) => !Token.isUnresolved(z))) {
    v.require(
      'platform.network',
      zones,
      new Set(zones).size >= 2,
      `must have ${tier} subnets in at least 2 zones so the ${where} load balancer survives the loss of a zone`,
      `Add ${tier} subnets in another availability zone.`,
    );
  } else {
    v.require(
      'platform.network',
      subnets.map((s) => s.subnetId),
      subnets.length >= 2,
      `must have ${tier} subnets in at least 2 zones so the ${where} load balancer survives the loss of a zone`,
      `Add ${tier} subnets in another availability zone.`,
    );
  }

  const logs = props.accessLogs ?? {};
  if (logs.bucketName !== undefined) {
    v.require('accessLogs.bucketName', logs.bucketName, () => BUCKET_NAME.test(logs.bucketName!), 'must be an S3 bucket name (3 to 63 lower-case letters, digits, dots or hyphens)');
  }
  if (logs.prefix !== undefined) {
    v.require(
      'accessLogs.prefix',
      logs.prefix,
      () => logs.prefix!.length > 0 && !logs.prefix!.includes('AWSLogs') && !logs.prefix!.startsWith('/') && !logs.prefix!.endsWith('/'),
      'must be a non-empty prefix without "AWSLogs" that neither starts nor ends with "/"',
    );
  }
  const retention = logs.retention ?? Duration.days(365);
  let retentionDays = 365;
  if (!retention.isUnresolved) {
    v.require(
      'accessLogs.retention',
      retention,
      () => retention.toMilliseconds() % 86_400_000 === 0 && retention.toDays() >= 1,
      'must be a whole number of days, at least 1',
    );
    retentionDays = Math.max(1, retention.toDays());
  } else {
    retentionDays = retention.amount;
  }
  if (logs.enabled === false && (logs.bucketName !== undefined || logs.retention !== undefined || logs.prefix !== undefined)) {
    v.fail('`accessLogs.enabled` is false, so `accessLogs.bucketName`, `accessLogs.prefix` and `accessLogs.retention` have no effect. Remove them, or turn access logs on.');
  }

  return {
    name,
    port,
    internal,
    allowedCidrs: props.allowedCidrs ?? (internal ? [platform.network.vpcCidrBlock] : ['0.0.0.0/0', '::/0']),
    healthCheck,
    type,
    network: platform.network,
    subnets,
    alarmDestination: platform.alarms,
    alarms,
    certificateArn,
    sslPolicy: props.sslPolicy ?? DEFAULT_SSL_POLICY,
    redirectHttp,
    deletionProtection: props.deletionProtection ?? true,
    idleTimeout,
    accessLogs: {
      enabled: logs.enabled ?? true,
      bucketName: logs.bucketName,
      prefix: logs.prefix,
      retentionDays,
    },
    stickiness: props.stickiness,
    tags: props.tags ?? {},
  };
}

function describeKubernetes(
  scope: IConstruct,
  v: PropValidator,
  props: HealthCheckedLoadBalancerProps,
  platform: KubernetesPlatform,
  healthCheck: HealthCheck,
  internal: boolean,
): KubernetesLoadBalancerDescription {
  const name = props.loadBalancerName ?? serviceName(scope);
  if (props.loadBalancerName !== undefined) {
    v.require('loadBalancerName', name, () => DNS_1035_LABEL.test(name), 'must be a Kubernetes Service name: at most 63 lower-case letters, digits or hyphens, starting with a letter');
  }
  for (const [key, value] of Object.entries(props.annotations ?? {})) {
    v.require(`annotations["${key}"]`, key, () => isQualifiedName(key), 'must be a valid annotation key (an optional DNS prefix and "/", then at most 63 letters, digits, "-", "_" or ".")');
    v.require(`annotations["${key}"]`, value, typeof value === 'string', 'must be a string');
  }
  return {
    name,
    port: props.port ?? 80,
    internal,
    allowedCidrs: props.allowedCidrs,
    healthCheck,
    namespace: platform.namespaceName,
    externalTrafficPolicy: props.externalTrafficPolicy ?? ExternalTrafficPolicy.CLUSTER,
    annotations: props.annotations ?? {},
  };
}

function validateCidrs(v: PropValidator, cidrs: string[] | undefined): void {
  if (cidrs === undefined || isUnresolved(cidrs)) {
    return;
  }
  v.require(
    'allowedCidrs',
    cidrs,
    cidrs.length > 0,
    'must list at least one CIDR block',
    'Leave it out to accept the default, or make the load balancer `internal`.',
  );
  cidrs.forEach((cidr, i) => {
    v.require(
      `allowedCidrs[${i}]`,
      cidr,
      () => isCidr(cidr),
      'must be an IPv4 or IPv6 CIDR block like "203.0.113.0/24" or "2001:db8::/32"',
    );
  });
}

function isCidr(cidr: string): boolean {
  if (typeof cidr !== 'string') {
    return false;
  }
  if (parseCidr(cidr)) {
    return true;
  }
  const m = IPV6_CIDR.exec(cidr);
  return !!m && Number(m[1]) <= 128 && cidr.split('::').length <= 2;
}

/** The limits a platform puts on its targets. */
export interface TargetContext {
  readonly platform: PlatformKind;
  readonly type?: LoadBalancerType;
  readonly defaultHealthCheck: HealthCheck;
  readonly existingIds: string[];
  readonly plain: boolean;
}

/** Validates one `addTarget` call; throws one error listing every problem, or returns the target description. */
export function describeTarget(scope: IConstruct, id: string, options: LoadBalancerTargetOptions, ctx: TargetContext): TargetDescription {
  const v = new PropValidator(KIND, scope);
  const p = `addTarget(${formatValue(id)})`;
  const isAws = ctx.platform === PlatformKind.AWS;
  const alb = isAws && ctx.type === LoadBalancerType.APPLICATION;

  v.require(`${p} id`, id, () => typeof id === 'string' && TARGET_ID.test(id), 'must start with a letter, followed by at most 31 letters, digits or hyphens');
  v.require(
    `${p} id`,
    id,
    () => !ctx.existingIds.some((e) => e.toLowerCase() === String(id).toLowerCase()),
    'must be unique among the targets of this load balancer (ignoring case)',
  );
  const maxTargets = alb ? 5 : 1;
  if (ctx.existingIds.length >= maxTargets) {
    v.fail(
      alb
        ? `\`${p}\` would be the 6th target: an Application Load Balancer listener forwards to at most 5 target groups. Remove a target first.`
        : isAws
          ? `\`${p}\` would be a second target: a Network Load Balancer listener forwards to one target group (weighted targets need an Application Load Balancer).`
          : `\`${p}\` would be a second target: a Kubernetes Service routes to one set of pods (select every version with one shared label instead).`,
    );
  }
  if (options.port === undefined) {
    v.require(`${p}.port`, options.port, false, 'is required: the port the targets receive traffic on');
  } else {
    v.integer(`${p}.port`, options.port, 1, 65535);
  }
  const weight = options.weight ?? 1;
  v.integer(`${p}.weight`, weight, 0, 999, 'relative to the other targets');
  const healthCheck = options.healthCheck ?? ctx.defaultHealthCheck;
  if (options.healthCheck !== undefined) {
    validateHealthCheck(v, `${p}.healthCheck`, healthCheck);
  }

  if (isAws) {
    if (options.selector !== undefined) {
      v.require(`${p}.selector`, options.selector, false, 'is only supported on Kubernetes', 'Register AWS targets with the target group ARN (`targetGroupArn`) instead.');
    }
    if (alb && healthCheck.protocol === HealthCheckProtocol.TCP) {
      v.require(`${p}.healthCheck.protocol`, healthCheck.protocol, false, 'must be HTTP, HTTPS or gRPC on an Application Load Balancer', 'Use `HealthCheck.http(path)`.');
    }
    if (!alb && healthCheck.protocol === HealthCheckProtocol.GRPC) {
      v.require(`${p}.healthCheck.protocol`, healthCheck.protocol, false, 'must be TCP, HTTP or HTTPS on a Network Load Balancer', 'Use `HealthCheck.tcp()`.');
    }
    if (alb && healthCheck.protocol === HealthCheckProtocol.GRPC && ctx.plain) {
      v.fail(`\`${p}.healthCheck\` is a gRPC check, but gRPC needs an HTTPS listener and \`allowPlainHttp\` is on. Pass \`certificateArn\` instead.`);
    }
    const protocol = options.protocol ?? (alb ? TargetProtocol.HTTP : TargetProtocol.TCP);
    const allowed = alb ? [TargetProtocol.HTTP, TargetProtocol.HTTPS] : [TargetProtocol.TCP, TargetProtocol.TLS];
    v.require(`${p}.protocol`, protocol, allowed.includes(protocol), `must be ${allowed.join(' or ')} behind ${alb ? 'an Application' : 'a Network'} Load Balancer`);
    const delay = options.deregistrationDelay ?? Duration.seconds(30);
    v.require(
      `${p}.deregistrationDelay`,
      delay,
      () => delay.toMilliseconds() % 1000 === 0 && delay.toSeconds() <= 3600,
      'must be a whole number of seconds from 0 s to 3600 s',
    );
    if (options.slowStart !== undefined) {
      const slow = options.slowStart;
      if (!alb) {
        v.require(`${p}.slowStart`, slow, false, 'is only supported behind an Application Load Balancer', 'Remove `slowStart`.');
      } else {
        v.require(
          `${p}.slowStart`,
          slow,
          () => slow.toMilliseconds() % 1000 === 0 && slow.toSeconds() >= 30 && slow.toSeconds() <= 900,
          'must be a whole number of seconds from 30 s to 900 s',
        );
      }
    }
    v.throwIfInvalid();
    return {
      id,
      port: options.port,
      weight,
      healthCheck,
      targetType: options.targetType ?? TargetType.INSTANCE,
      protocol,
      deregistrationDelay: delay,
      slowStart: options.slowStart,
      targetSecurityGroup: options.targetSecurityGroup,
    };
  }

  for (const prop of ['targetType', 'protocol', 'deregistrationDelay', 'slowStart', 'targetSecurityGroup'] as const) {
    if (options[prop] !== undefined) {
      v.require(`${p}.${prop}`, options[prop], false, 'is only supported on AWS', `Remove \`${prop}\` on Kubernetes.`);
    }
  }
  const selector = options.selector;
  if (selector === undefined || (!isUnresolved(selector) && Object.keys(selector).length === 0)) {
    v.require(
      `${p}.selector`,
      selector,
      false,
      'is required on Kubernetes: the labels of the pods the Service routes to',
      'Pass e.g. `{ \'app.kubernetes.io/name\': \'web\' }`.',
    );
  } else if (!isUnresolved(selector)) {
    for (const [key, value] of Object.entries(selector)) {
      v.require(`${p}.selector["${key}"]`, key, () => isQualifiedName(key), 'must be a valid label key');
      v.require(`${p}.selector["${key}"]`, value, () => typeof value === 'string' && isLabelValue(value), 'must be a valid label value (at most 63 letters, digits, "-", "_" or ".")');
    }
  }
  v.throwIfInvalid();
  return {
    id,
    port: options.port,
    weight,
    healthCheck,
    targetType: TargetType.INSTANCE,
    protocol: TargetProtocol.TCP,
    deregistrationDelay: Duration.seconds(0),
    selector: { ...selector! },
  };
}
