import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener, LbListenerDefaultAction, lbListenerDefaultActionToTerraform } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule, LbListenerRuleAction, lbListenerRuleActionToTerraform } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup, LbTargetGroupHealthCheck } from '@cdktf/provider-aws/lib/lb-target-group';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Fn, ITerraformDependable, Lazy, TerraformLocal, Token } from 'cdktf';
import { Construct } from 'constructs';
import { LoadBalancerType } from './options';
import { addTargetGraphs, registerLoadBalancerGraphs } from './private/graphs';
import { AwsLoadBalancerPlan, RoutePlan, TargetPlan, numberString } from './private/plan';
import { LoadBalancerAwsResources } from './resources';
import { AlarmSeverity, MonitoredAlarm } from '../core/alarms';
import { Duration } from '../core/duration';
import { HealthCheck, HealthCheckProtocol } from '../core/health-check';
import { LoadBalancerTarget, TargetProtocol, TargetSecurityGroup, TargetType } from '../core/load-balancer';
import { AlarmFactory } from '../core/private/alarm-factory';
import { linkSecurityGroups } from '../core/private/connections';
import { renderedPath } from '../core/private/moves';
import {
  SECURITY_GROUP_DESCRIPTION_CHARACTER,
  awsTags,
  claimPhysicalName,
  fitDescription,
  pathInStack,
  physicalName,
} from '../core/private/naming';
import { statefulLifecycle } from '../core/private/retention';
import { RemovalPolicy } from '../core/removal-policy';

/**
 * The Elastic Load Balancing account of each region launched before August 2022, which writes ALB access logs
 * there. Those regions do not accept the `logdelivery.elasticloadbalancing.amazonaws.com` service principal; newer
 * regions accept only it. Source: AWS docs "Enable access logs for your Application Load Balancer", step 2.
 */
const ELB_LOG_ACCOUNTS: Record<string, string> = {
  'us-east-1': '127311923021',
  'us-east-2': '033677994240',
  'us-west-1': '027434742980',
  'us-west-2': '797873946194',
  'af-south-1': '098369216593',
  'ap-east-1': '754344448648',
  'ap-south-1': '718504428378',
  'ap-northeast-1': '582318560864',
  'ap-northeast-2': '600734575887',
  'ap-northeast-3': '383597477331',
  'ap-southeast-1': '114774131450',
  'ap-southeast-2': '783225319266',
  'ap-southeast-3': '589379963580',
  'ca-central-1': '985666609251',
  'eu-central-1': '054676820928',
  'eu-west-1': '156460612806',
  'eu-west-2': '652711504416',
  'eu-west-3': '009996457667',
  'eu-south-1': '635631232127',
  'eu-north-1': '897822967062',
  'me-south-1': '076674570225',
  'sa-east-1': '507241528517',
  'us-gov-west-1': '048591011584',
  'us-gov-east-1': '190560391635',
  'cn-north-1': '638102146993',
  'cn-northwest-1': '037604701340',
};

/** How the 5XX alarms (of the load balancer and of each target) read their count: 10 or more a minute in 2 of 3 minutes. */
const FIVE_XX = {
  statistic: 'Sum',
  comparison: 'GreaterThanOrEqualToThreshold',
  threshold: 10,
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
  period: Duration.minutes(1),
  severity: AlarmSeverity.CRITICAL,
} as const;

/** The path of the standard gRPC health service, checked for gRPC targets. */
const GRPC_HEALTH_PATH = '/grpc.health.v1.Health/Check';

/** How each load balancer kind is written in Terraform. */
const LOAD_BALANCER_TYPES: Record<LoadBalancerType, string> = {
  [LoadBalancerType.APPLICATION]: 'application',
  [LoadBalancerType.NETWORK]: 'network',
};
const TARGET_TYPES: Record<TargetType, string> = {
  [TargetType.INSTANCE]: 'instance',
  [TargetType.IP]: 'ip',
};
const TARGET_PROTOCOLS: Record<TargetProtocol, string> = {
  [TargetProtocol.HTTP]: 'HTTP',
  [TargetProtocol.HTTPS]: 'HTTPS',
  [TargetProtocol.TCP]: 'TCP',
  [TargetProtocol.TLS]: 'TLS',
};

/**
 * Renders a load balancer on AWS: an ALB or NLB over the network's subnets in every zone, its own security group,
 * TLS listeners, access logs and alarms. The listener forwards to `targets()`, read at synth, so targets added
 * later ({@link renderAwsTarget}) are included; when there are none but routes exist (`hasRoutes()`), it answers
 * the requests no route matches with 404.
 */
export function renderAwsLoadBalancer(
  scope: Construct,
  plan: AwsLoadBalancerPlan,
  targets: () => readonly LoadBalancerTarget[],
  hasRoutes: () => boolean = () => false,
): LoadBalancerAwsResources {
  const alb = plan.loadBalancerType === LoadBalancerType.APPLICATION;
  const tags = awsTags(scope, plan.name, plan.tags);

  claimPhysicalName(scope, 'aws_lb', 'name', plan.name);
  const securityGroupName = physicalName(scope, 'lb', { maxLength: 255, start: { pattern: /^(?!sg-)/, prefix: 'lb-' } });
  claimPhysicalName(scope, 'aws_security_group', 'name', securityGroupName);
  const securityGroup = new SecurityGroup(scope, 'SecurityGroup', {
    name: securityGroupName,
    description: fitDescription(
      `Load balancer ${renderedPath(scope)}: listener ports from allowed clients, target ports to targets`,
      255,
      SECURITY_GROUP_DESCRIPTION_CHARACTER,
    ),
    vpcId: plan.vpcId,
    tags,
  });

  let logDependencies: ITerraformDependable[] = [];
  let accessLogBucket: S3Bucket | undefined;
  let accessLogBucketName: string | undefined;
  if (plan.accessLogs.enabled && plan.accessLogs.bucketName === undefined) {
    const logs = createAccessLogBucket(scope, plan);
    accessLogBucket = logs.bucket;
    accessLogBucketName = logs.bucket.bucket;
    logDependencies = logs.dependencies;
  } else if (plan.accessLogs.enabled) {
    accessLogBucketName = plan.accessLogs.bucketName;
  }

  const loadBalancer = new Lb(scope, 'LoadBalancer', {
    name: plan.name,
    loadBalancerType: LOAD_BALANCER_TYPES[plan.loadBalancerType],
    internal: plan.internal,
    ipAddressType: 'ipv4',
    subnets: plan.subnets.map((s) => s.subnetId),
    securityGroups: [securityGroup.id],
    enableDeletionProtection: plan.deletionProtection,
    dropInvalidHeaderFields: alb ? true : undefined,
    desyncMitigationMode: alb ? 'defensive' : undefined,
    enableHttp2: alb ? true : undefined,
    idleTimeout: alb ? plan.idleTimeout.toSeconds() : undefined,
    enableCrossZoneLoadBalancing: alb ? undefined : true,
    // Gray zone failures: one action (or ARC zonal autoshift) moves traffic away from an impaired zone.
    enableZonalShift: plan.zonalShift,
    clientKeepAlive: alb && plan.clientKeepAlive ? plan.clientKeepAlive.toSeconds() : undefined,
    accessLogs: accessLogBucketName ? { bucket: accessLogBucketName, prefix: plan.accessLogs.prefix, enabled: true } : undefined,
    tags,
    dependsOn: logDependencies.length > 0 ? logDependencies : undefined,
  });

  // The forwarding action is computed at synth time, so targets added after construction are included.
  const forward = Lazy.anyValue({ produce: () => forwardActions(plan, targets(), hasRoutes()) }) as any;
  const tls = plan.certificateArn !== undefined;
  let listener: LbListener;
  let httpsListener: LbListener | undefined;
  let httpListener: LbListener | undefined;
  if (alb && tls) {
    httpsListener = new LbListener(scope, 'HttpsListener', {
      loadBalancerArn: loadBalancer.arn,
      port: plan.port,
      protocol: 'HTTPS',
      certificateArn: plan.certificateArn,
      sslPolicy: plan.sslPolicy,
      defaultAction: forward,
      tags,
    });
    listener = httpsListener;
    if (plan.redirectHttp) {
      httpListener = new LbListener(scope, 'HttpListener', {
        loadBalancerArn: loadBalancer.arn,
        port: 80,
        protocol: 'HTTP',
        defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: numberString(plan.port), statusCode: 'HTTP_301' } }],
        tags,
      });
    }
  } else if (alb) {
    httpListener = new LbListener(scope, 'HttpListener', {
      loadBalancerArn: loadBalancer.arn,
      port: plan.port,
      protocol: 'HTTP',
      defaultAction: forward,
      tags,
    });
    listener = httpListener;
  } else {
    listener = new LbListener(scope, tls ? 'TlsListener' : 'TcpListener', {
      loadBalancerArn: loadBalancer.arn,
      port: plan.port,
      protocol: tls ? 'TLS' : 'TCP',
      certificateArn: plan.certificateArn,
      sslPolicy: tls ? plan.sslPolicy : undefined,
      defaultAction: forward,
      tags,
    });
  }

  const listenerPorts: Array<[number, string]> = [[plan.port, alb ? (tls ? 'HTTPS' : 'plain HTTP') : tls ? 'TLS' : 'TCP']];
  if (httpListener && httpsListener) {
    listenerPorts.push([80, 'HTTP to HTTPS redirect']);
  }
  for (const [port, label] of listenerPorts) {
    (plan.allowedCidrs ?? []).forEach((cidr, i) => {
      const family = cidrFamily(cidr);
      new VpcSecurityGroupIngressRule(scope, `IngressPort${Token.isUnresolved(port) ? 'Token' : port}Source${i + 1}`, {
        securityGroupId: securityGroup.id,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        cidrIpv4: family.ipv4,
        cidrIpv6: family.ipv6,
        description: `Clients in ${cidr} to the ${label} listener on port ${numberString(port)}`,
        tags,
      });
    });
  }

  const factory = new AlarmFactory(scope, plan.alarmDestination, plan.alarms);
  createLoadBalancerAlarms(factory, plan, loadBalancer);
  registerLoadBalancerGraphs(scope, alb, loadBalancer.arnSuffix);
  return {
    loadBalancerType: plan.loadBalancerType,
    loadBalancer,
    securityGroup,
    listener,
    httpsListener,
    httpListener,
    accessLogBucket,
    accessLogBucketName,
    targetGroups: [],
    listenerRules: [],
    alarms: factory.alarms,
  };
}

/**
 * Renders one target: its target group (appended to `resources.targetGroups`), the way the load balancer reaches
 * it (a security-group link to the targets' own group, or egress to the VPC on its ports), and its alarms.
 */
export function renderAwsTarget(
  scope: Construct,
  plan: AwsLoadBalancerPlan,
  resources: LoadBalancerAwsResources,
  t: TargetPlan,
  routeRule?: LbListenerRule,
): LoadBalancerTarget {
  const alb = plan.loadBalancerType === LoadBalancerType.APPLICATION;
  const suffix = t.id.charAt(0).toUpperCase() + t.id.slice(1);
  const grpc = t.healthCheck.protocol === HealthCheckProtocol.GRPC;
  const targetGroup = new LbTargetGroup(scope, `TargetGroup${suffix}`, {
    // No name: Terraform picks a unique one, so a change that replaces the group can create the new one first.
    port: t.port,
    protocol: TARGET_PROTOCOLS[t.protocol],
    protocolVersion: grpc ? 'GRPC' : undefined,
    targetType: TARGET_TYPES[t.targetType],
    vpcId: plan.vpcId,
    deregistrationDelay: numberString(t.deregistrationDelay.toSeconds()),
    slowStart: t.slowStart?.toSeconds(),
    connectionTermination: alb ? undefined : true,
    // Zonal shift on a cross-zone Network Load Balancer needs connections to unhealthy targets kept open.
    targetHealthState: !alb && plan.zonalShift && (t.protocol === TargetProtocol.TCP || t.protocol === TargetProtocol.TLS)
      ? [{ enableUnhealthyConnectionTermination: false }]
      : undefined,
    healthCheck: healthCheckBlock(t.healthCheck),
    tags: awsTags(scope, `${plan.name}-${t.id}`, plan.tags),
    lifecycle: { createBeforeDestroy: true },
    dependsOn: t.dependsOn,
  });
  resources.targetGroups.push(targetGroup);

  const ports = [t.port, ...(t.healthCheck.port !== undefined ? [t.healthCheck.port] : [])];
  for (const port of ports) {
    if (t.targetSecurityGroup) {
      // Linked by security group: no egress to the whole VPC on this port.
      linkAwsTarget(scope, plan, resources, t.targetSecurityGroup, port);
      continue;
    }
    // Found by what they are, not by class identity (one library, two frameworks' copies of the bindings).
    const egress = scope.node.children.filter(
      (c): c is VpcSecurityGroupEgressRule =>
        (c as Partial<VpcSecurityGroupEgressRule>).terraformResourceType === VpcSecurityGroupEgressRule.tfResourceType && c.node.id.startsWith('EgressPort'),
    );
    if (egress.some((rule) => rule.fromPortInput === port)) {
      continue;
    }
    // A port known only at deploy time is numbered: its token's encoding changes whenever another token is created.
    const id = Token.isUnresolved(port) ? `EgressPortToken${egress.filter((r) => r.node.id.startsWith('EgressPortToken')).length + 1}` : `EgressPort${port}`;
    new VpcSecurityGroupEgressRule(scope, id, {
      securityGroupId: resources.securityGroup.id,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      cidrIpv4: plan.vpcCidrBlock,
      description: `To targets on port ${numberString(port)} inside the VPC (traffic and health checks)`,
      tags: awsTags(scope, plan.name, plan.tags),
    });
  }

  const factory = new AlarmFactory(scope, plan.alarmDestination, plan.alarms);
  addTargetGraphs(scope, t.id, targetGroup.arnSuffix, resources.loadBalancer.arnSuffix);
  return {
    id: t.id,
    port: t.port,
    weight: t.weight,
    healthCheck: t.healthCheck,
    targetGroup,
    targetGroupArn: targetGroup.arn,
    targetGroupArnSuffix: targetGroup.arnSuffix,
    loadBalancerArnSuffix: resources.loadBalancer.arnSuffix,
    alarms: createTargetAlarms(factory, plan, resources.loadBalancer, suffix, t, targetGroup),
    forwardedBy: routeRule ?? resources.listener,
  };
}

/**
 * Renders a route: a listener rule on the forwarding listener with the route's host-header and path-pattern
 * conditions, forwarding to `targets()` by weight (read at synth, so a service declared later is included), at
 * `priority` (derived at synth when not declared).
 */
export function renderAwsRoute(
  scope: Construct,
  plan: AwsLoadBalancerPlan,
  resources: LoadBalancerAwsResources,
  route: RoutePlan,
  priority: number,
  targets: () => readonly LoadBalancerTarget[],
): LbListenerRule {
  const listenerRule = new LbListenerRule(scope, 'ListenerRule', {
    listenerArn: resources.listener.arn,
    priority,
    condition: [
      ...(route.hostHeaders.length > 0 ? [{ hostHeader: { values: route.hostHeaders } }] : []),
      ...(route.pathPatterns.length > 0 ? [{ pathPattern: { values: route.pathPatterns } }] : []),
    ],
    action: Lazy.anyValue({ produce: () => ruleActions(plan, targets()) }) as any,
    tags: awsTags(scope, `${plan.name}-${route.id}`, plan.tags),
  });
  resources.listenerRules.push(listenerRule);
  return listenerRule;
}

function ruleActions(plan: AwsLoadBalancerPlan, targets: readonly LoadBalancerTarget[]): any[] {
  if (targets.length === 0) {
    return [];
  }
  const action: LbListenerRuleAction = { type: 'forward', forward: weightedForward(plan, targets) };
  return [lbListenerRuleActionToTerraform(action)];
}

/**
 * Lets the load balancer reach the security group `target` on `port`: an ingress rule on it that admits the load
 * balancer's security group only, and the matching egress rule on the load balancer's. The rules are named after the
 * group's owner, so linking the same owner and port again does nothing.
 */
export function linkAwsTarget(
  scope: Construct,
  plan: AwsLoadBalancerPlan,
  resources: LoadBalancerAwsResources,
  target: TargetSecurityGroup,
  port: number,
): void {
  const owner = target.owner;
  const key = owner ? pathInStack(owner).replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') : `Connectable${anonymousLinks(scope) + 1}`;
  const id = `AllowTo-${key}-${Token.isUnresolved(port) ? 'port' : port}`;
  if (scope.node.tryFindChild(`${id}-Ingress`)) {
    return;
  }
  linkSecurityGroups(scope, { ingress: `${id}-Ingress`, egress: `${id}-Egress` }, {
    fromSecurityGroupId: resources.securityGroup.id,
    toSecurityGroupId: target.securityGroupId,
    port,
    ingressDescription: fitDescription(`From load balancer ${renderedPath(scope)} on port ${numberString(port)}`, 255, SECURITY_GROUP_DESCRIPTION_CHARACTER),
    egressDescription: fitDescription(`To ${owner ? renderedPath(owner) : 'the target'} on port ${numberString(port)}`, 255, SECURITY_GROUP_DESCRIPTION_CHARACTER),
    tags: awsTags(scope, plan.name, plan.tags),
  });
}

/** How many links to security groups without an owner exist: each got its own number. */
function anonymousLinks(scope: Construct): number {
  return scope.node.children.filter((c) => /^AllowTo-Connectable\d+-.*-Ingress$/.test(c.node.id)).length;
}

/** A weighted forward to the targets' groups, with the load balancer's stickiness. */
function weightedForward(plan: AwsLoadBalancerPlan, targets: readonly LoadBalancerTarget[]) {
  return {
    targetGroup: targets.map((t) => ({ arn: t.targetGroupArn!, weight: t.weight })),
    // Always given, even when off: the API reports it, and leaving it out shows a diff on every plan.
    stickiness: {
      enabled: plan.stickiness !== undefined,
      duration: plan.stickiness?.toSeconds() ?? 1,
    },
  };
}

function forwardActions(plan: AwsLoadBalancerPlan, targets: readonly LoadBalancerTarget[], hasRoutes: boolean): any[] {
  if (targets.length === 0) {
    // Every target is behind a route: the requests no route matches are answered, not forwarded.
    return hasRoutes
      ? [lbListenerDefaultActionToTerraform({ type: 'fixed-response', fixedResponse: { contentType: 'text/plain', messageBody: 'Not found', statusCode: '404' } })]
      : [];
  }
  let action: LbListenerDefaultAction;
  if (plan.loadBalancerType === LoadBalancerType.APPLICATION) {
    action = { type: 'forward', forward: weightedForward(plan, targets) };
  } else {
    action = { type: 'forward', targetGroupArn: targets[0].targetGroupArn };
  }
  return [lbListenerDefaultActionToTerraform(action)];
}

function healthCheckBlock(check: HealthCheck): LbTargetGroupHealthCheck {
  const grpc = check.protocol === HealthCheckProtocol.GRPC;
  const http = check.isHttp || grpc;
  return {
    enabled: true,
    protocol: grpc ? 'HTTP' : check.protocol,
    path: grpc ? GRPC_HEALTH_PATH : check.path,
    port: check.port !== undefined ? numberString(check.port) : 'traffic-port',
    interval: check.interval.toSeconds(),
    timeout: check.timeout.toSeconds(),
    healthyThreshold: check.healthyThreshold,
    unhealthyThreshold: check.unhealthyThreshold,
    // gRPC status 0 (OK) means SERVING for the standard health service.
    matcher: grpc ? '0' : http ? check.healthyHttpCodes : undefined,
  };
}

function createAccessLogBucket(scope: Construct, plan: AwsLoadBalancerPlan): { bucket: S3Bucket; dependencies: ITerraformDependable[] } {
  // bucket_prefix takes 37 characters (63 minus the provider's 26-character unique suffix), the "-" included.
  const name = physicalName(scope, 'access-logs', { maxLength: 36 });
  const logs = new Construct(scope, 'AccessLogs');
  const account = new DataAwsCallerIdentity(logs, 'Account');
  const bucket = new S3Bucket(logs, 'Bucket', {
    bucketPrefix: `${name}-`,
    // Retained: the bucket cannot be deleted while it holds logs. DESTROY empties it on deletion.
    forceDestroy: plan.retention.policy === RemovalPolicy.DESTROY,
    tags: awsTags(scope, name, plan.tags),
    lifecycle: statefulLifecycle(plan.retention.retain),
  });
  // Load balancer access logs can only be written to SSE-S3 (AES256) buckets, not SSE-KMS.
  const encryption = new S3BucketServerSideEncryptionConfigurationA(logs, 'Encryption', {
    bucket: bucket.id,
    rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
  });
  const versioning = new S3BucketVersioningA(logs, 'Versioning', {
    bucket: bucket.id,
    versioningConfiguration: { status: 'Enabled' },
  });
  const publicAccess = new S3BucketPublicAccessBlock(logs, 'PublicAccessBlock', {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  const ownership = new S3BucketOwnershipControls(logs, 'OwnershipControls', {
    bucket: bucket.id,
    rule: { objectOwnership: 'BucketOwnerEnforced' },
  });
  new S3BucketLifecycleConfiguration(logs, 'Lifecycle', {
    bucket: bucket.id,
    rule: [
      {
        id: 'expire-access-logs',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        expiration: [{ days: plan.accessLogs.retentionDays }],
        noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
    ],
    dependsOn: [versioning],
  });

  const partition = new DataAwsPartition(logs, 'Partition');
  const region = new DataAwsRegion(logs, 'Region');
  // The map is a local, so the policy text stays parseable JSON: `${lookup(local.x, ...)}` has no quotes.
  const elbAccounts = new TerraformLocal(logs, 'ElbLogAccounts', ELB_LOG_ACCOUNTS);
  const elbAccount = Token.asString(Fn.lookup(elbAccounts.expression, region.region, account.accountId));
  const prefix = plan.accessLogs.prefix ? `${plan.accessLogs.prefix}/` : '';
  const logObjects = `${bucket.arn}/${prefix}AWSLogs/${account.accountId}/*`;
  const alb = plan.loadBalancerType === LoadBalancerType.APPLICATION;
  const statements: any[] = alb
    ? [
      {
        // Regions launched in or after August 2022 deliver with this service principal only.
        Sid: 'ElbLogDeliveryWrite',
        Effect: 'Allow',
        Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: logObjects,
      },
      {
        // Older regions (eu-west-1, us-east-1, ...) deliver as their regional ELB account only. Looked up at
        // plan time so the region may stay a token; in a newer region the lookup falls back to this account,
        // which grants nothing beyond what the account already has.
        Sid: 'ElbAccountLogDeliveryWrite',
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition.partition}:iam::${elbAccount}:root` },
        Action: 's3:PutObject',
        Resource: logObjects,
      },
    ]
    : [
      {
        Sid: 'LogDeliveryAclCheck',
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: bucket.arn,
        Condition: { StringEquals: { 'aws:SourceAccount': account.accountId } },
      },
      {
        Sid: 'LogDeliveryWrite',
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: logObjects,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': account.accountId } },
      },
    ];
  statements.push({
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucket.arn, `${bucket.arn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  });
  const policy = new S3BucketPolicy(logs, 'Policy', {
    bucket: bucket.id,
    policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
    // A bucket policy is refused while the public access block is being created.
    dependsOn: [publicAccess],
  });
  return { bucket, dependencies: [policy, encryption, ownership] };
}

function createLoadBalancerAlarms(factory: AlarmFactory, plan: AwsLoadBalancerPlan, loadBalancer: Lb): void {
  const alb = plan.loadBalancerType === LoadBalancerType.APPLICATION;
  const namespace = alb ? 'AWS/ApplicationELB' : 'AWS/NetworkELB';
  const dimensions = { LoadBalancer: loadBalancer.arnSuffix };
  const minute = Duration.minutes(1);
  if (alb) {
    factory.create('elb5xx', {
      key: 'Elb5xx',
      summary: 'The load balancer itself answers 5XX errors (502/503/504): no healthy target, or targets close connections or time out.',
      action: 'Check the UnHealthyHostCount of each target group and the targets\' logs; roll back the last deployment if it started then.',
      namespace,
      metricName: 'HTTPCode_ELB_5XX_Count',
      dimensions,
      ...FIVE_XX,
    });
    factory.create('targetResponseTime', {
      key: 'TargetResponseTimeP99',
      summary: 'The slowest 1% of requests take 2 seconds or more at the targets.',
      action: 'Check the targets\' CPU, memory and downstream dependencies (database, external APIs); scale out if they are saturated.',
      namespace,
      metricName: 'TargetResponseTime',
      dimensions,
      statistic: 'p99',
      comparison: 'GreaterThanOrEqualToThreshold',
      threshold: 2,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      period: minute,
      severity: AlarmSeverity.WARNING,
    });
    factory.create('rejectedConnections', {
      key: 'RejectedConnections',
      summary: 'The load balancer rejects connections: it reached its maximum number of connections.',
      action: 'Check for a traffic spike or attack (access logs, WAF); lower keep-alive times of clients or spread traffic over more load balancers.',
      namespace,
      metricName: 'RejectedConnectionCount',
      dimensions,
      statistic: 'Sum',
      comparison: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      evaluationPeriods: 1,
      period: minute,
      severity: AlarmSeverity.WARNING,
    });
  } else {
    factory.create('tcpResets', {
      key: 'TcpElbResets',
      summary: 'The load balancer resets many TCP connections (idle timeouts, targets gone mid-connection).',
      action: 'Check the targets\' health and deployments; compare with TCP_Target_Reset_Count to see which side closes connections.',
      namespace,
      metricName: 'TCP_ELB_Reset_Count',
      dimensions,
      statistic: 'Sum',
      comparison: 'GreaterThanOrEqualToThreshold',
      threshold: 100,
      evaluationPeriods: 3,
      period: minute,
      severity: AlarmSeverity.WARNING,
    });
  }
}

function createTargetAlarms(
  factory: AlarmFactory,
  plan: AwsLoadBalancerPlan,
  loadBalancer: Lb,
  suffix: string,
  t: TargetPlan,
  targetGroup: LbTargetGroup,
): MonitoredAlarm[] {
  const alb = plan.loadBalancerType === LoadBalancerType.APPLICATION;
  const namespace = alb ? 'AWS/ApplicationELB' : 'AWS/NetworkELB';
  const dimensions = { TargetGroup: targetGroup.arnSuffix, LoadBalancer: loadBalancer.arnSuffix };
  const minute = Duration.minutes(1);
  const created: Array<MonitoredAlarm | undefined> = [];
  created.push(
    factory.create('unhealthyHosts', {
      key: `${suffix}UnhealthyHosts`,
      summary: `At least one target of "${t.id}" fails its health checks; the others carry its traffic and redundancy is reduced.`,
      action: 'Find the unhealthy targets in the target group, read their logs, and replace them if they do not recover.',
      namespace,
      metricName: 'UnHealthyHostCount',
      dimensions,
      statistic: 'Maximum',
      comparison: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      evaluationPeriods: 2,
      period: minute,
      severity: AlarmSeverity.WARNING,
    }),
  );
  if (Token.isUnresolved(t.weight) || t.weight > 0) {
    created.push(
      factory.create('noHealthyHosts', {
        key: `${suffix}NoHealthyHosts`,
        summary: `No target of "${t.id}" is healthy: its share of the traffic fails.`,
        action: 'Shift traffic to another target group or roll back the last deployment, then find why every target fails its health check.',
        namespace,
        metricName: 'HealthyHostCount',
        dimensions,
        statistic: 'Minimum',
        comparison: 'LessThanThreshold',
        threshold: 1,
        evaluationPeriods: 1,
        period: minute,
        severity: AlarmSeverity.CRITICAL,
      }),
    );
  }
  if (alb) {
    created.push(
      factory.create('target5xx', {
        key: `${suffix}Target5xx`,
        summary: `The targets of "${t.id}" answer 5XX errors.`,
        action: 'Read the targets\' application logs; if the errors started with a deployment, shift traffic back or roll back.',
        namespace,
        metricName: 'HTTPCode_Target_5XX_Count',
        dimensions,
        ...FIVE_XX,
      }),
    );
  }
  return created.filter((a): a is MonitoredAlarm => a !== undefined);
}

/**
 * Where a client CIDR block goes in a security group rule: `cidr_ipv4` or `cidr_ipv6`. A block known only at deploy
 * time (a variable) is sorted by Terraform: an IPv6 block contains a colon, an IPv4 block never does.
 */
function cidrFamily(cidr: string): { ipv4?: string; ipv6?: string } {
  if (!Token.isUnresolved(cidr)) {
    return cidr.includes(':') ? { ipv6: cidr } : { ipv4: cidr };
  }
  const ipv6 = Fn.strcontains(cidr, ':');
  return {
    ipv4: Token.asString(Fn.conditional(ipv6, Token.nullValue(), cidr)),
    ipv6: Token.asString(Fn.conditional(ipv6, cidr, Token.nullValue())),
  };
}
