import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { DNS_1035_LABEL, isQualifiedName } from './kubernetes-names';
import { DEFAULT_SSL_POLICY, LoadBalancerPlan, RoutePlan, defaultHealthCheck, subnetsOf } from './plan';
import {
  HOST_PATTERN,
  MAX_CONDITION_VALUES,
  MAX_PRIORITY,
  MAX_TARGET_GROUPS,
  MAX_WILDCARDS,
  PATH_PATTERN,
  RoutedRule,
  describeConditions,
  routeConditions,
  sameConditions,
  shadowedRoutes,
  wildcards,
} from './routing';
import { Duration, TimeUnit } from '../../core/duration';
import { HealthCheck, HealthCheckProtocol } from '../../core/health-check';
import type { LoadBalancerTarget, LoadBalancerTargetOptions } from '../../core/load-balancer';
import { TargetProtocol, TargetType } from '../../core/load-balancer';
import { AwsPlatform, PlatformKind } from '../../core/platform';
import { validateAlarmOptions } from '../../core/private/alarm-factory';
import { formatCidr, formatIpv6Network, isAligned, isIpv6Aligned, parseCidr, parseIpv6Cidr } from '../../core/private/cidr';
import { validateHealthCheck } from '../../core/private/health-check-validation';
import { isLabelValue } from '../../core/private/kubernetes';
import { validateRemovalPolicy } from '../../core/private/retention';
import { KnownProps, RenamedProps, checkInstance, checkPlatform, checkStruct, isRecord, requireKnown } from '../../core/private/runtime';
import { validateNoPlainSecrets } from '../../core/private/secrets';
import { PlatformOnlyProps, PropValidator, formatValue, isUnresolved } from '../../core/private/validation';
import type { HealthCheckedLoadBalancerProps } from '../health-checked-load-balancer';
import { ExternalTrafficPolicy, LoadBalancerAccessLogs, LoadBalancerAlarms, LoadBalancerRouteOptions, LoadBalancerType } from '../options';

/** The construct kind in error messages. */
export const KIND = 'HealthCheckedLoadBalancer';

/**
 * Security policies that allow only TLS 1.2 and 1.3 (ELBSecurityPolicy-TLS13-1-2-*, -TLS-1-2-*, -FS-1-2-*); the
 * `-Ext` variants (CBC and SHA-1 ciphers, flagged by trivy AWS-0047) are refused separately.
 */
const TLS12_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]-|TLS-1-2-|FS-1-2-)/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:(acm|iam):[a-z0-9-]*:\d{12}:(certificate|server-certificate)\/.+$/;
const LB_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const TARGET_ID = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;
const ROUTE_ID = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;

const ALB_ALARMS: Array<keyof LoadBalancerAlarms> = ['elb5xx', 'target5xx', 'targetResponseTime', 'rejectedConnections'];
const NLB_ALARMS: Array<keyof LoadBalancerAlarms> = ['tcpResets'];

/** Props that only one platform honours, with what to do instead on the other. */
const PLATFORM_ONLY: PlatformOnlyProps<HealthCheckedLoadBalancerProps> = {
  [PlatformKind.AWS]: [
    ['loadBalancerType', 'The cloud\'s load balancer controller picks the kind; select it with `annotations`.'],
    ['certificateArn', 'A Service does not terminate TLS: terminate it in the pods, or pass your cloud\'s annotation (e.g. `service.beta.kubernetes.io/aws-load-balancer-ssl-cert`) in `annotations`.'],
    ['sslPolicy', 'Pass your cloud\'s TLS policy annotation in `annotations`.'],
    ['redirectHttp', 'A Service forwards one port; redirect in the application or an Ingress.'],
    ['deletionProtection', 'Remove it on Kubernetes.'],
    ['idleTimeout', 'Pass your cloud\'s idle timeout annotation in `annotations`.'],
    ['zonalShift', 'Shift traffic with your cloud\'s tools; remove it on Kubernetes.'],
    ['clientKeepAlive', 'Remove it on Kubernetes.'],
    ['accessLogs', 'Pass your cloud\'s access log annotations in `annotations`.'],
    ['stickiness', 'Remove it on Kubernetes.'],
    ['alarms', 'Alarms of a Kubernetes load balancer are not rendered yet; remove it.'],
    ['tags', 'Remove it on Kubernetes.'],
    ['removalPolicy', 'A Service holds no data; remove it.'],
    ['ruleQuota', 'A Service has no listener rules; remove it.'],
  ],
  [PlatformKind.KUBERNETES]: [
    ['externalTrafficPolicy', 'An AWS load balancer sends traffic to its target groups\' healthy targets in every zone; remove it.'],
    ['annotations', 'Use `tags` on AWS.'],
  ],
};

/** Target options that only AWS honours (and the one only Kubernetes needs), with what to do instead. */
const TARGET_AWS_ONLY = ['targetType', 'protocol', 'deregistrationDelay', 'slowStart', 'targetSecurityGroup'] as const;
const TARGET_SELECTOR_FIX = 'Register AWS targets with the target group ARN (`targetGroupArn`) instead.';

/** Checks the props; throws one error listing every problem. */
export function validateLoadBalancer(scope: IConstruct, input: HealthCheckedLoadBalancerProps): void {
  const v = new PropValidator(KIND, scope);
  const props = validateLoadBalancerShape(v, scope, input);
  validateSecretsAndRetention(v, scope, props);
  // A wrong platform is one problem among the others: the props that do not depend on it are still checked.
  const kind = checkPlatform(v, 'platform', props.platform);
  const platform = props.platform;

  if (props.port !== undefined) {
    v.integer('port', props.port, 1, 65535);
  }
  if (props.internetFacing !== undefined) {
    v.require('internetFacing', props.internetFacing, typeof props.internetFacing === 'boolean', 'must be true or false');
  }
  if (props.healthCheck === undefined || checkInstance(v, 'healthCheck', props.healthCheck, 'HealthCheck', HEALTH_CHECK_FACTORIES)) {
    validateHealthCheck(v, 'healthCheck', kind !== undefined ? defaultHealthCheck(props) : props.healthCheck ?? HealthCheck.http('/health'));
  }
  validateCidrs(v, props.allowedCidrs);
  if (kind === undefined) {
    v.throwIfInvalid();
    return;
  }
  v.platformOnly(kind, props, PLATFORM_ONLY);

  if (kind === PlatformKind.AWS) {
    validateAws(v, props, platform as AwsPlatform);
  } else {
    validateKubernetes(v, props);
  }
  v.throwIfInvalid();
}

/** No secret in plain text anywhere in the props; a removal policy that is a member of RemovalPolicy. */
function validateSecretsAndRetention(v: PropValidator, scope: IConstruct, props: HealthCheckedLoadBalancerProps): void {
  validateNoPlainSecrets(v, scope, props);
  validateRemovalPolicy(v, props?.removalPolicy, { snapshots: false, what: 'an access-log bucket' });
}

function validateAws(v: PropValidator, props: HealthCheckedLoadBalancerProps, platform: AwsPlatform): void {
  v.enumValue('loadBalancerType', props.loadBalancerType, LoadBalancerType, 'LoadBalancerType');
  const alb = props.loadBalancerType !== LoadBalancerType.NETWORK;
  const internal = props.internetFacing === false;
  const plain = props.allowPlainHttp ?? false;
  const certificateArn = props.certificateArn;
  const where = internal ? 'internal' : 'internet-facing';
  const healthCheck = defaultHealthCheck(props);

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
      () => typeof certificateArn === 'string' && CERTIFICATE_ARN.test(certificateArn),
      'must be an ACM or IAM certificate ARN like "arn:aws:acm:eu-west-1:123456789012:certificate/<id>"',
    );
  }
  if (props.sslPolicy !== undefined) {
    const policy = props.sslPolicy;
    if (plain) {
      v.fail('`sslPolicy` conflicts with `allowPlainHttp`: a plain listener has no TLS policy. Remove `sslPolicy`.');
    } else {
      v.require(
        'sslPolicy',
        policy,
        () => typeof policy === 'string' && TLS12_POLICY.test(policy) && !policy.includes('-Ext'),
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
    for (const prop of ['idleTimeout', 'stickiness', 'clientKeepAlive'] as const) {
      if (props[prop] !== undefined) {
        v.require(prop, props[prop], false, 'is only supported on an Application Load Balancer', `Remove \`${prop}\`.`);
      }
    }
  }
  v.duration('idleTimeout', props.idleTimeout, { min: Duration.seconds(1), max: Duration.seconds(4000) });
  if (props.ruleQuota !== undefined) {
    if (!alb) {
      v.require('ruleQuota', props.ruleQuota, false, 'is only supported on an Application Load Balancer (a Network Load Balancer has no listener rules)', 'Remove `ruleQuota`.');
    } else {
      v.integer('ruleQuota', props.ruleQuota, 1, MAX_PRIORITY, '(the account\'s quota "Rules per Application Load Balancer")');
    }
  }
  v.duration('stickiness', props.stickiness, { min: Duration.seconds(1), max: Duration.days(7) });
  v.duration('clientKeepAlive', props.clientKeepAlive, { min: Duration.seconds(60), max: Duration.days(7) });
  if (props.zonalShift !== undefined) {
    v.require('zonalShift', props.zonalShift, typeof props.zonalShift === 'boolean', 'must be true or false');
  }

  const alarms = (isRecord(props.alarms) ? props.alarms : {}) as { [key: string]: any };
  validateAlarmOptions(v, 'alarms', props.alarms as { [key: string]: any } | undefined, Object.keys(ALARM_KEYS));
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

  if (props.name !== undefined) {
    const name = props.name;
    v.require(
      'name',
      name,
      () => typeof name === 'string' && LB_NAME.test(name) && !name.startsWith('internal-'),
      'must be 1 to 32 letters, digits or hyphens, not starting or ending with a hyphen nor with "internal-"',
    );
  }

  const cidrs = props.allowedCidrs;
  if (Array.isArray(cidrs) && !Token.isUnresolved(cidrs) && cidrs.length > 0 && cidrs.every((c) => typeof c === 'string' && !isUnresolved(c) && parseIpv6Cidr(c) !== undefined)) {
    v.require(
      'allowedCidrs',
      cidrs,
      false,
      'admits only IPv6 clients, but the load balancer is IPv4-only (its subnets have no IPv6 CIDR blocks), so no allowed client can reach it',
      'Add the IPv4 blocks of the clients.',
    );
  }

  const tier = internal ? 'private' : 'public';
  const subnets = subnetsOf(platform, internal);
  const zones = subnets.map((s) => s.zone);
  const requirement = `must have ${tier} subnets in at least 2 zones so the ${where} load balancer survives the loss of a zone`;
  const fix = `Add ${tier} subnets in another availability zone.`;
  if (zones.every((z) => !Token.isUnresolved(z))) {
    v.require('platform.network', zones, new Set(zones).size >= 2, requirement, fix);
  } else {
    v.require('platform.network', subnets.map((s) => s.subnetId), subnets.length >= 2, requirement, fix);
  }

  const logs: LoadBalancerAccessLogs = isRecord(props.accessLogs) ? props.accessLogs : {};
  if (logs.bucketName !== undefined) {
    const bucket = logs.bucketName;
    v.require('accessLogs.bucketName', bucket, () => typeof bucket === 'string' && BUCKET_NAME.test(bucket), 'must be an S3 bucket name (3 to 63 lower-case letters, digits, dots or hyphens)');
  }
  if (logs.prefix !== undefined) {
    const prefix = logs.prefix;
    v.require(
      'accessLogs.prefix',
      prefix,
      () => typeof prefix === 'string' && prefix.length > 0 && !prefix.includes('AWSLogs') && !prefix.startsWith('/') && !prefix.endsWith('/'),
      'must be a non-empty prefix without "AWSLogs" that neither starts nor ends with "/"',
    );
  }
  v.duration('accessLogs.retention', logs.retention, { unit: TimeUnit.DAYS, min: Duration.days(1) });
  if (logs.enabled === false && (logs.bucketName !== undefined || logs.retention !== undefined || logs.prefix !== undefined)) {
    v.fail('`accessLogs.enabled` is false, so `accessLogs.bucketName`, `accessLogs.prefix` and `accessLogs.retention` have no effect. Remove them, or turn access logs on.');
  }
}

function validateKubernetes(v: PropValidator, props: HealthCheckedLoadBalancerProps): void {
  if (props.name !== undefined) {
    const name = props.name;
    v.require('name', name, () => typeof name === 'string' && DNS_1035_LABEL.test(name), 'must be a Kubernetes Service name: at most 63 lower-case letters, digits or hyphens, starting with a letter');
  }
  v.enumValue('externalTrafficPolicy', props.externalTrafficPolicy, ExternalTrafficPolicy, 'ExternalTrafficPolicy');
  for (const [key, value] of Object.entries(props.annotations ?? {})) {
    v.require(`annotations["${key}"]`, key, () => isQualifiedName(key), 'must be a valid annotation key (an optional DNS prefix and "/", then at most 63 letters, digits, "-", "_" or ".")');
    v.require(`annotations["${key}"]`, value, typeof value === 'string', 'must be a string');
  }
}

function validateCidrs(v: PropValidator, cidrs: string[] | undefined): void {
  if (cidrs === undefined || Token.isUnresolved(cidrs)) {
    return;
  }
  if (!Array.isArray(cidrs)) {
    v.require('allowedCidrs', cidrs, false, 'must be a list of CIDR blocks');
    return;
  }
  v.require(
    'allowedCidrs',
    cidrs,
    cidrs.length > 0,
    'must list at least one CIDR block',
    'Leave it out to accept the default, or set `internetFacing: false` to admit the VPC only.',
  );
  cidrs.forEach((cidr, i) => {
    if (isUnresolved(cidr)) {
      return;
    }
    const problem = cidrProblem(cidr);
    v.require(`allowedCidrs[${i}]`, cidr, problem === undefined, problem?.requirement ?? '', problem?.fix);
  });
}

/**
 * What is wrong with a client CIDR block, or undefined. Security group rules (`cidr_ipv4`, `cidr_ipv6`) and Kubernetes
 * `loadBalancerSourceRanges` take network addresses only: the AWS provider refuses `10.0.0.1/8` at plan
 * (verify.ValidIPv4CIDRNetworkAddress / ValidIPv6CIDRNetworkAddress).
 */
function cidrProblem(cidr: unknown): { requirement: string; fix?: string } | undefined {
  const shape = 'must be an IPv4 or IPv6 CIDR block like "203.0.113.0/24" or "2001:db8::/32"';
  if (typeof cidr !== 'string') {
    return { requirement: shape };
  }
  const v4 = parseCidr(cidr);
  if (v4) {
    return isAligned(v4) ? undefined : { requirement: 'must be a network address: its host bits must be zero', fix: `Use "${formatCidr(v4.address - (v4.address % 2 ** (32 - v4.prefix)), v4.prefix)}".` };
  }
  const v6 = parseIpv6Cidr(cidr);
  if (v6) {
    return isIpv6Aligned(v6) ? undefined : { requirement: 'must be a network address: its host bits must be zero', fix: `Use "${formatIpv6Network(v6)}".` };
  }
  return { requirement: shape };
}

/**
 * Checks one `addTarget` call against the load balancer's plan; throws one error listing every problem.
 * @param forwarding the targets that share the forward action (the listener's, or the route's)
 * @param allIds the ids of every target of the load balancer
 * @param routeId the route the target is added to, if any
 */
export function validateTarget(
  scope: IConstruct,
  plan: LoadBalancerPlan,
  forwarding: readonly LoadBalancerTarget[],
  allIds: readonly string[],
  id: string,
  options: LoadBalancerTargetOptions,
  routeId?: string,
): void {
  const v = new PropValidator(KIND, scope);
  validateNoPlainSecrets(v, scope, { addTarget: { id, options } }, {
    fix: () => 'A target\'s id and options are written into the configuration (ids into resource names): keep secrets out of them.',
  });
  const p = routeId !== undefined ? `addRoute(${formatValue(routeId)}).addTarget(${formatValue(id)})` : `addTarget(${formatValue(id)})`;
  const isAws = plan.platform === PlatformKind.AWS;
  const alb = plan.platform === PlatformKind.AWS && plan.loadBalancerType === LoadBalancerType.APPLICATION;
  validateTargetShape(v, p, options);
  if (!isRecord(options)) {
    v.throwIfInvalid();
  }

  v.require(`${p} id`, id, () => typeof id === 'string' && TARGET_ID.test(id), 'must start with a letter, followed by at most 31 letters, digits or hyphens');
  v.require(
    `${p} id`,
    id,
    () => !allIds.some((e) => e.toLowerCase() === String(id).toLowerCase()),
    'must be unique among the targets of this load balancer (ignoring case)',
  );
  if (forwarding.length >= plan.maxTargets) {
    v.fail(
      alb
        ? routeId !== undefined
          ? `\`${p}\` would be the ${plan.maxTargets + 1}th target of the route: an Application Load Balancer rule forwards to at most ${plan.maxTargets} target groups. Add another route.`
          : `\`${p}\` would be the ${plan.maxTargets + 1}th target: an Application Load Balancer listener forwards to at most ${plan.maxTargets} target groups. Remove a target first, or route it by host or path with \`addRoute\`.`
        : isAws
          ? `\`${p}\` would be a second target: a Network Load Balancer listener forwards to one target group (weighted targets need an Application Load Balancer).`
          : `\`${p}\` would be a second target: a Kubernetes Service routes to one set of pods (select every version with one shared label instead).`,
    );
  }
  if (alb && allIds.length >= MAX_TARGET_GROUPS) {
    v.fail(
      `\`${p}\` would be target group ${allIds.length + 1} of the load balancer: an Application Load Balancer forwards to at most ${MAX_TARGET_GROUPS} target groups (a quota AWS does not raise). Put the service behind another load balancer.`,
    );
  }
  if (options.port === undefined) {
    v.require(`${p}.port`, options.port, false, 'is required: the port the targets receive traffic on');
  } else {
    v.integer(`${p}.port`, options.port, 1, 65535);
  }
  v.integer(`${p}.weight`, options.weight ?? 1, 0, 999, 'relative to the other targets');
  const ownCheck = HealthCheck.isHealthCheck(options.healthCheck);
  const healthCheck = ownCheck ? options.healthCheck! : plan.healthCheck;
  if (ownCheck) {
    validateHealthCheck(v, `${p}.healthCheck`, healthCheck);
  }
  const prefixed = Object.fromEntries(Object.entries(options).map(([key, value]) => [`${p}.${key}`, value]));
  v.platformOnly(plan.platform, prefixed, {
    [PlatformKind.AWS]: TARGET_AWS_ONLY.map((prop): [string, string] => [`${p}.${prop}`, `Remove \`${prop}\` on Kubernetes.`]),
    [PlatformKind.KUBERNETES]: [[`${p}.selector`, TARGET_SELECTOR_FIX]],
  });

  if (isAws) {
    if (alb && healthCheck.protocol === HealthCheckProtocol.TCP) {
      v.require(`${p}.healthCheck.protocol`, healthCheck.protocol, false, 'must be HTTP, HTTPS or gRPC on an Application Load Balancer', 'Use `HealthCheck.http(path)`.');
    }
    if (!alb && healthCheck.protocol === HealthCheckProtocol.GRPC) {
      v.require(`${p}.healthCheck.protocol`, healthCheck.protocol, false, 'must be TCP, HTTP or HTTPS on a Network Load Balancer', 'Use `HealthCheck.tcp()`.');
    }
    if (alb && healthCheck.protocol === HealthCheckProtocol.GRPC && plan.plainHttp) {
      v.fail(`\`${p}.healthCheck\` is a gRPC check, but gRPC needs an HTTPS listener and \`allowPlainHttp\` is on. Pass \`certificateArn\` instead.`);
    }
    v.enumValue(`${p}.targetType`, options.targetType, TargetType, 'TargetType');
    const protocol = options.protocol ?? (alb ? TargetProtocol.HTTP : TargetProtocol.TCP);
    const allowed = alb ? [TargetProtocol.HTTP, TargetProtocol.HTTPS] : [TargetProtocol.TCP, TargetProtocol.TLS];
    v.require(`${p}.protocol`, protocol, allowed.includes(protocol), `must be ${allowed.join(' or ')} behind ${alb ? 'an Application' : 'a Network'} Load Balancer`);
    v.duration(`${p}.deregistrationDelay`, options.deregistrationDelay, { max: Duration.seconds(3600) });
    if (options.slowStart !== undefined) {
      if (!alb) {
        v.require(`${p}.slowStart`, options.slowStart, false, 'is only supported behind an Application Load Balancer', 'Remove `slowStart`.');
      } else {
        v.duration(`${p}.slowStart`, options.slowStart, { min: Duration.seconds(30), max: Duration.seconds(900) });
      }
    }
    const group = options.targetSecurityGroup;
    if (group !== undefined) {
      v.require(
        `${p}.targetSecurityGroup.securityGroupId`,
        group?.securityGroupId,
        () => typeof group?.securityGroupId === 'string' && group.securityGroupId.length > 0,
        'must be the id of the targets\' security group',
      );
    }
    v.throwIfInvalid();
    return;
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
}

/** Checks the port of an `allowTo` call. */
export function validateAllowTo(scope: IConstruct, port: number): void {
  new PropValidator(KIND, scope).integer('allowTo() port', port, 1, 65535).throwIfInvalid();
}

/** What keeps the load balancer from serving at synth: no target, or no target with a weight above 0. */
export function targetProblems(scope: IConstruct, targets: readonly LoadBalancerTarget[]): string[] {
  if (targets.length === 0) {
    return [
      `${KIND} "${scope.node.path}" has no target, so it has nowhere to send traffic. Call \`addTarget(id, { port, ... })\` or pass the load balancer to the service behind it.`,
    ];
  }
  if (targets.every((t) => !Token.isUnresolved(t.weight) && t.weight === 0)) {
    return [`${KIND} "${scope.node.path}": every target has weight 0, so no request is served. Give at least one target a weight above 0.`];
  }
  return [];
}

const HEALTH_CHECK_FACTORIES = '`HealthCheck.http(path)`, `.https`, `.tcp()` or `.grpc()`';

const LB_PROPS: KnownProps<HealthCheckedLoadBalancerProps> = {
  ruleQuota: true,
  zonalShift: true,
  clientKeepAlive: true,
  removalPolicy: true,
  platform: true,
  port: true,
  healthCheck: true,
  internetFacing: true,
  allowedCidrs: true,
  name: true,
  loadBalancerType: true,
  certificateArn: true,
  sslPolicy: true,
  allowPlainHttp: true,
  redirectHttp: true,
  deletionProtection: true,
  idleTimeout: true,
  accessLogs: true,
  stickiness: true,
  alarms: true,
  tags: true,
  externalTrafficPolicy: true,
  annotations: true,
};
const LB_RENAMED: RenamedProps = {
  internal: 'It was replaced by `internetFacing` (`internal: true` is `internetFacing: false`).',
  loadBalancerName: 'It was renamed to `name`.',
  certificate: 'Use `certificateArn`.',
  certificateArns: 'Use `certificateArn` (one certificate).',
  listenerPort: 'Use `port`.',
  vpc: 'Pass the network in `platform: Platform.aws({ network })`.',
  network: 'Pass the network in `platform: Platform.aws({ network })`.',
  namespace: 'Pass the namespace in `platform: Platform.kubernetes({ namespaceName })`.',
};
const ROUTE_PROPS: KnownProps<LoadBalancerRouteOptions> = { hostHeaders: true, pathPatterns: true, priority: true };
const ACCESS_LOG_PROPS: KnownProps<LoadBalancerAccessLogs> = { enabled: true, bucketName: true, prefix: true, retention: true };
const ALARM_KEYS: KnownProps<LoadBalancerAlarms> = {
  elb5xx: true,
  target5xx: true,
  unhealthyHosts: true,
  noHealthyHosts: true,
  targetResponseTime: true,
  rejectedConnections: true,
  tcpResets: true,
};
const TARGET_PROPS: KnownProps<LoadBalancerTargetOptions> = {
  port: true,
  healthCheck: true,
  weight: true,
  targetType: true,
  protocol: true,
  deregistrationDelay: true,
  slowStart: true,
  targetSecurityGroup: true,
  selector: true,
  dependsOn: true,
};

/**
 * The props as they arrive at run time: an object of known props, structs where structs belong, no token where the
 * value decides what is rendered. Returns the props to check further (empty when they are not an object at all).
 */
function validateLoadBalancerShape(v: PropValidator, scope: IConstruct, props: unknown): HealthCheckedLoadBalancerProps {
  if (!checkStruct<HealthCheckedLoadBalancerProps>(v, '', props, LB_PROPS, { example: '{ platform, certificateArn }', renamed: LB_RENAMED, required: true })) {
    return {} as HealthCheckedLoadBalancerProps;
  }
  const p = props as HealthCheckedLoadBalancerProps;
  const isAws = isRecord(p.platform) && p.platform.kind === PlatformKind.AWS;
  checkStruct(v, 'accessLogs', p.accessLogs, ACCESS_LOG_PROPS, { example: '{ retention: Duration.days(365) }' });
  if (isAws) {
    requireKnown(v, scope, 'allowedCidrs', p.allowedCidrs, 'each CIDR block gets its own security group rule; a block in it may be a token');
  }
  for (const prop of ['internetFacing', 'allowPlainHttp', 'redirectHttp'] as const) {
    requireKnown(v, scope, prop, p[prop], 'it decides which listeners and subnets are used');
  }
  requireKnown(v, scope, 'accessLogs.enabled', isRecord(p.accessLogs) ? p.accessLogs.enabled : undefined, 'it decides whether the access log bucket is rendered');
  requireKnown(v, scope, 'tags', p.tags, 'the library adds its own tags to them; a tag value may be a token');
  requireKnown(v, scope, 'annotations', p.annotations, 'the library adds its own annotations; a value may be a token');
  for (const key of ['tags', 'annotations'] as const) {
    const map = p[key];
    if (map !== undefined && !isUnresolved(map)) {
      v.require(key, map, () => isRecord(map) && Object.values(map).every((value) => typeof value === 'string'), 'must map keys to string values');
    }
  }
  return p;
}

/** The options of an `addTarget` call as they arrive at run time. */
function validateTargetShape(v: PropValidator, prop: string, options: unknown): void {
  if (!checkStruct<LoadBalancerTargetOptions>(v, prop, options, TARGET_PROPS, { example: '{ port: 3000 }', required: true })) {
    return;
  }
  const o = options as LoadBalancerTargetOptions;
  if (o.healthCheck !== undefined) {
    checkInstance(v, `${prop}.healthCheck`, o.healthCheck, 'HealthCheck', HEALTH_CHECK_FACTORIES);
  }
  if (o.dependsOn !== undefined && !isUnresolved(o.dependsOn)) {
    v.require(`${prop}.dependsOn`, o.dependsOn, () => Array.isArray(o.dependsOn) && o.dependsOn.every((d) => typeof d === 'object' && d !== null && typeof (d as { fqn?: unknown }).fqn === 'string'), 'must list Terraform resources');
  }
  if (o.selector !== undefined && !isUnresolved(o.selector) && !isRecord(o.selector)) {
    v.require(`${prop}.selector`, o.selector, false, 'must map label keys to label values');
  }
  if (o.targetSecurityGroup !== undefined && !isRecord(o.targetSecurityGroup)) {
    v.require(`${prop}.targetSecurityGroup`, o.targetSecurityGroup, false, 'must be an object like { securityGroupId }');
  }
}

/**
 * Checks one `addRoute` call against the load balancer and its routes so far: an Application Load Balancer on AWS,
 * valid conditions within the rule limits, a priority no other route holds, conditions no other route has, room
 * for another rule. Throws one error listing every problem.
 */
export function validateRoute(
  scope: IConstruct,
  plan: LoadBalancerPlan,
  existing: readonly RoutePlan[],
  id: string,
  options: LoadBalancerRouteOptions,
): void {
  const v = new PropValidator(KIND, scope);
  const p = `addRoute(${formatValue(id)})`;
  if (plan.platform !== PlatformKind.AWS) {
    v.fail(
      `\`${p}\`: a Kubernetes Service of type LoadBalancer forwards one port to one set of pods and cannot route by host or path. ` +
        'Give each service its own load balancer, or put an Ingress or Gateway in front of them.',
    );
    v.throwIfInvalid();
    return;
  }
  if (plan.loadBalancerType !== LoadBalancerType.APPLICATION) {
    v.fail(`\`${p}\`: a Network Load Balancer forwards connections (layer 4) and has no listener rules. Use \`loadBalancerType: LoadBalancerType.APPLICATION\` to route by host or path.`);
    v.throwIfInvalid();
    return;
  }
  validateNoPlainSecrets(v, scope, { addRoute: { id, options } }, {
    fix: () => 'A route\'s id and conditions are written into the configuration (ids into resource names): keep secrets out of them.',
  });
  if (!checkStruct<LoadBalancerRouteOptions>(v, p, options ?? {}, ROUTE_PROPS, { example: "{ pathPatterns: ['/api/*'] }" })) {
    v.throwIfInvalid();
  }
  options = options ?? {};
  v.require(`${p} id`, id, () => typeof id === 'string' && ROUTE_ID.test(id), 'must start with a letter, followed by at most 63 letters, digits or hyphens');
  v.require(`${p} id`, id, () => !existing.some((r) => r.id.toLowerCase() === String(id).toLowerCase()), 'must be unique among the routes of this load balancer (ignoring case)');

  const lists: Array<[string, unknown, RegExp, string]> = [
    ['hostHeaders', options.hostHeaders, HOST_PATTERN, 'a host name pattern of at most 128 letters, digits, "-", "." and the wildcards "*" and "?"'],
    ['pathPatterns', options.pathPatterns, PATH_PATTERN, 'a path pattern starting with "/", of at most 128 characters among letters, digits, _ - . $ / ~ " \' @ : + & and the wildcards "*" and "?"'],
  ];
  let wellFormed = true;
  for (const [key, list, pattern, shape] of lists) {
    if (list === undefined || isUnresolved(list)) {
      continue;
    }
    if (!Array.isArray(list) || list.length === 0) {
      v.require(`${p}.${key}`, list, false, 'must be a non-empty list of strings', `Leave \`${key}\` out to match any.`);
      wellFormed = false;
      continue;
    }
    list.forEach((value, i) => {
      if (!isUnresolved(value) && !(typeof value === 'string' && pattern.test(value))) {
        v.require(`${p}.${key}[${i}]`, value, false, `must be ${shape}`);
        wellFormed = false;
      }
    });
  }
  const hosts = Array.isArray(options.hostHeaders) ? options.hostHeaders : [];
  const paths = Array.isArray(options.pathPatterns) ? options.pathPatterns : [];
  if (options.hostHeaders === undefined && options.pathPatterns === undefined) {
    v.fail(`\`${p}\` needs \`hostHeaders\`, \`pathPatterns\` or both: a rule without a condition would take every request. Add targets to the load balancer itself (\`addTarget\`) for the requests no route matches.`);
  }
  const values = [...hosts, ...paths];
  const known = values.every((x) => typeof x === 'string' && !isUnresolved(x));
  if (values.length > MAX_CONDITION_VALUES) {
    v.fail(`\`${p}\` has ${values.length} host headers and path patterns: an Application Load Balancer rule takes at most ${MAX_CONDITION_VALUES} condition values. Split it into several routes.`);
  }
  if (known && wildcards(values) > MAX_WILDCARDS) {
    v.fail(`\`${p}\` uses ${wildcards(values)} wildcards ("*", "?") in its conditions: an Application Load Balancer rule takes at most ${MAX_WILDCARDS}. Split it into several routes.`);
  }
  if (options.priority !== undefined) {
    v.integer(`${p}.priority`, options.priority, 1, MAX_PRIORITY, '(rules are evaluated lowest first)');
    const holder = existing.find((r) => r.priority !== undefined && r.priority === options.priority);
    if (holder) {
      v.fail(`\`${p}.priority\` ${options.priority} is already the priority of route "${holder.id}": every rule of a listener needs its own priority. Pick another, or leave it out to derive one.`);
    }
  }
  if (known && wellFormed && values.length > 0) {
    const conditions = routeConditions(hosts, paths);
    const twin = existing.find((r) => sameConditions(r.conditions, conditions));
    if (twin) {
      v.fail(
        `\`${p}\` matches the same requests (${describeConditions(conditions)}) as route "${twin.id}": only one of them would ever be reached. ` +
          'Send both services\' traffic through one route (its targets are weighted), or tell them apart by host or path.',
      );
    }
  }
  if (existing.length >= plan.ruleQuota) {
    v.fail(
      `\`${p}\` would be rule ${existing.length + 1} of the load balancer: the account's quota "Rules per Application Load Balancer" is ${plan.ruleQuota}. ` +
        'Put the service behind another load balancer, or raise the quota with AWS and set `ruleQuota` to it.',
    );
  }
  v.throwIfInvalid();
}

/** What keeps the routes from serving at synth: a route without a target, with only idle targets, or never reached. */
export function routeProblems(
  scope: IConstruct,
  routes: ReadonlyArray<{ readonly plan: RoutePlan; readonly targets: readonly LoadBalancerTarget[] }>,
  priorities: Map<string, number>,
): string[] {
  const problems: string[] = [];
  for (const { plan, targets } of routes) {
    if (targets.length === 0) {
      problems.push(
        `${KIND} "${scope.node.path}": route "${plan.id}" (${describeConditions(plan.conditions)}) has no target, so its requests would fail. ` +
          'Pass the route as a service\'s `loadBalancer`, or call its `addTarget`.',
      );
    } else if (targets.every((t) => !Token.isUnresolved(t.weight) && t.weight === 0)) {
      problems.push(`${KIND} "${scope.node.path}": every target of route "${plan.id}" has weight 0, so none of its requests is served. Give at least one target a weight above 0.`);
    }
  }
  // Conditions or a priority known only at deploy time cannot be ordered or compared: such routes are left out.
  const known = routes
    .map((r) => r.plan)
    .filter((r) => [...r.hostHeaders, ...r.pathPatterns].every((x) => !Token.isUnresolved(x)))
    .filter((r) => r.priority === undefined || !Token.isUnresolved(r.priority));
  for (const [hidden, hiding] of shadowedRoutes(known as RoutedRule[], priorities)) {
    problems.push(
      `${KIND} "${scope.node.path}": route "${hidden.id}" (${describeConditions(hidden.conditions)}, priority ${priorities.get(hidden.id)}) is never reached: ` +
        `route "${hiding.id}" (${describeConditions(hiding.conditions)}, priority ${priorities.get(hiding.id)}) matches every request it matches and is evaluated first. ` +
        `Give "${hidden.id}" a lower \`priority\` than ${priorities.get(hiding.id)}.`,
    );
  }
  return problems;
}
