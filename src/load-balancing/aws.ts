import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener, LbListenerDefaultAction, lbListenerDefaultActionToTerraform } from '@cdktf/provider-aws/lib/lb-listener';
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
import { Construct, IConstruct } from 'constructs';
import { LoadBalancerTarget, LoadBalancerType } from './options';
import { AwsLoadBalancerDescription, TargetDescription } from './private/description';
import { AlarmSeverity, MonitoredAlarm } from '../core/alarms';
import { IAwsConnectable } from '../core/connections';
import { Duration } from '../core/duration';
import { HealthCheck, HealthCheckProtocol } from '../core/health-check';
import { AlarmFactory } from '../core/private/alarm-factory';
import { linkSecurityGroups } from '../core/private/connections';
import { awsTags, pathInStack, physicalName } from '../core/private/naming';

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

/** The path of the standard gRPC health service, checked for gRPC targets. */
const GRPC_HEALTH_PATH = '/grpc.health.v1.Health/Check';

/**
 * Renders a load balancer on AWS: an ALB or NLB over the network's subnets in every zone, its own security
 * group, TLS listeners, access logs, and target groups with alarms as targets are added.
 */
export class AwsLoadBalancerRenderer {
  public readonly loadBalancer: Lb;
  public readonly securityGroup: SecurityGroup;
  /** The listener that forwards to the targets. */
  public readonly listener: LbListener;
  public readonly httpsListener?: LbListener;
  public readonly httpListener?: LbListener;
  public readonly accessLogBucket?: S3Bucket;
  public readonly accessLogBucketName?: string;
  public readonly targets: LoadBalancerTarget[] = [];

  private readonly alb: boolean;
  private readonly factory: AlarmFactory;
  private readonly namespace: string;
  private readonly tags: Record<string, string>;
  private readonly egressPorts = new Set<string>();
  private readonly connections = new Set<string>();
  private connectableCount = 0;

  constructor(private readonly scope: Construct, private readonly d: AwsLoadBalancerDescription) {
    this.alb = d.type === LoadBalancerType.APPLICATION;
    this.namespace = this.alb ? 'AWS/ApplicationELB' : 'AWS/NetworkELB';
    this.tags = awsTags(scope, d.name, d.tags);
    this.factory = new AlarmFactory(scope, d.alarmDestination, d.alarms);

    this.securityGroup = new SecurityGroup(scope, 'SecurityGroup', {
      name: physicalName(scope, 'lb', { maxLength: 255 }),
      description: `Load balancer ${scope.node.path}: listener ports from allowed clients, target ports to targets`,
      vpcId: d.network.vpcId,
      tags: this.tags,
    });

    let logDependencies: ITerraformDependable[] = [];
    if (d.accessLogs.enabled && d.accessLogs.bucketName === undefined) {
      const logs = this.createAccessLogBucket();
      this.accessLogBucket = logs.bucket;
      this.accessLogBucketName = logs.bucket.bucket;
      logDependencies = logs.dependencies;
    } else if (d.accessLogs.enabled) {
      this.accessLogBucketName = d.accessLogs.bucketName;
    }

    this.loadBalancer = new Lb(scope, 'LoadBalancer', {
      name: d.name,
      loadBalancerType: d.type,
      internal: d.internal,
      ipAddressType: 'ipv4',
      subnets: d.subnets.map((s) => s.subnetId),
      securityGroups: [this.securityGroup.id],
      enableDeletionProtection: d.deletionProtection,
      dropInvalidHeaderFields: this.alb ? true : undefined,
      desyncMitigationMode: this.alb ? 'defensive' : undefined,
      enableHttp2: this.alb ? true : undefined,
      idleTimeout: this.alb ? d.idleTimeout.toSeconds() : undefined,
      enableCrossZoneLoadBalancing: this.alb ? undefined : true,
      accessLogs: this.accessLogBucketName
        ? { bucket: this.accessLogBucketName, prefix: d.accessLogs.prefix, enabled: true }
        : undefined,
      tags: this.tags,
      dependsOn: logDependencies.length > 0 ? logDependencies : undefined,
    });

    // The forwarding action is computed at synth time, so targets added after construction are included.
    const forward = Lazy.anyValue({ produce: () => this.forwardActions() }) as any;
    const tls = d.certificateArn !== undefined;
    if (this.alb && tls) {
      this.httpsListener = new LbListener(scope, 'HttpsListener', {
        loadBalancerArn: this.loadBalancer.arn,
        port: d.port,
        protocol: 'HTTPS',
        certificateArn: d.certificateArn,
        sslPolicy: d.sslPolicy,
        defaultAction: forward,
        tags: this.tags,
      });
      this.listener = this.httpsListener;
      if (d.redirectHttp) {
        this.httpListener = new LbListener(scope, 'HttpListener', {
          loadBalancerArn: this.loadBalancer.arn,
          port: 80,
          protocol: 'HTTP',
          defaultAction: [
            { type: 'redirect', redirect: { protocol: 'HTTPS', port: asString(d.port), statusCode: 'HTTP_301' } },
          ],
          tags: this.tags,
        });
      }
    } else if (this.alb) {
      this.httpListener = new LbListener(scope, 'HttpListener', {
        loadBalancerArn: this.loadBalancer.arn,
        port: d.port,
        protocol: 'HTTP',
        defaultAction: forward,
        tags: this.tags,
      });
      this.listener = this.httpListener;
    } else {
      this.listener = new LbListener(scope, tls ? 'TlsListener' : 'TcpListener', {
        loadBalancerArn: this.loadBalancer.arn,
        port: d.port,
        protocol: tls ? 'TLS' : 'TCP',
        certificateArn: d.certificateArn,
        sslPolicy: tls ? d.sslPolicy : undefined,
        defaultAction: forward,
        tags: this.tags,
      });
    }

    const listenerPorts: Array<[number, string]> = [[d.port, this.alb ? (tls ? 'HTTPS' : 'plain HTTP') : tls ? 'TLS' : 'TCP']];
    if (this.httpListener && this.httpsListener) {
      listenerPorts.push([80, 'HTTP to HTTPS redirect']);
    }
    for (const [port, label] of listenerPorts) {
      (d.allowedCidrs ?? []).forEach((cidr, i) => {
        const ipv6 = !Token.isUnresolved(cidr) && cidr.includes(':');
        new VpcSecurityGroupIngressRule(scope, `IngressPort${port}Source${i + 1}`, {
          securityGroupId: this.securityGroup.id,
          ipProtocol: 'tcp',
          fromPort: port,
          toPort: port,
          cidrIpv4: ipv6 ? undefined : cidr,
          cidrIpv6: ipv6 ? cidr : undefined,
          description: `Clients in ${cidr} to the ${label} listener on port ${port}`,
          tags: this.tags,
        });
      });
    }

    this.createLoadBalancerAlarms();
  }

  /** The target groups, in the order targets were added. */
  public get targetGroups(): LbTargetGroup[] {
    return this.targets.map((t) => t.targetGroup!);
  }

  /** Every alarm created so far. */
  public get alarms(): MonitoredAlarm[] {
    return this.factory.alarms;
  }

  /** Creates the target group of a target, the egress rule to its port, and its alarms. */
  public addTarget(t: TargetDescription): LoadBalancerTarget {
    const suffix = t.id.charAt(0).toUpperCase() + t.id.slice(1);
    const grpc = t.healthCheck.protocol === HealthCheckProtocol.GRPC;
    const targetGroup = new LbTargetGroup(this.scope, `TargetGroup${suffix}`, {
      // No name: Terraform picks a unique one, so a change that replaces the group can create the new one first.
      port: t.port,
      protocol: t.protocol,
      protocolVersion: grpc ? 'GRPC' : undefined,
      targetType: t.targetType,
      vpcId: this.d.network.vpcId,
      deregistrationDelay: asString(t.deregistrationDelay.toSeconds()),
      slowStart: t.slowStart?.toSeconds(),
      connectionTermination: this.alb ? undefined : true,
      healthCheck: this.healthCheckBlock(t.healthCheck),
      tags: awsTags(this.scope, `${this.d.name}-${t.id}`, this.d.tags),
      lifecycle: { createBeforeDestroy: true },
    });

    const ports = [t.port, ...(t.healthCheck.port !== undefined ? [t.healthCheck.port] : [])];
    for (const port of ports) {
      if (t.targetSecurityGroup) {
        // Linked by security group: no egress to the whole VPC on this port.
        this.allowTo(t.targetSecurityGroup, port);
        continue;
      }
      const key = asString(port);
      if (this.egressPorts.has(key)) {
        continue;
      }
      this.egressPorts.add(key);
      new VpcSecurityGroupEgressRule(this.scope, `EgressPort${port}`, {
        securityGroupId: this.securityGroup.id,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        cidrIpv4: this.d.network.vpcCidrBlock,
        description: `To targets on port ${port} inside the VPC (traffic and health checks)`,
        tags: this.tags,
      });
    }

    const alarms = this.createTargetAlarms(suffix, t, targetGroup);
    const target: LoadBalancerTarget = {
      id: t.id,
      port: t.port,
      weight: t.weight,
      healthCheck: t.healthCheck,
      targetGroup,
      targetGroupArn: targetGroup.arn,
      targetGroupArnSuffix: targetGroup.arnSuffix,
      alarms,
    };
    this.targets.push(target);
    return target;
  }

  /**
   * Lets the load balancer reach `target` on `port`: an ingress rule on the target's security group that admits
   * the load balancer's security group only, and the matching egress rule on the load balancer's. Idempotent.
   */
  public allowTo(target: IAwsConnectable, port: number): void {
    const construct = (target as unknown as IConstruct).node !== undefined ? (target as unknown as IConstruct) : undefined;
    const key = construct ? pathInStack(construct).replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') : `Connectable${++this.connectableCount}`;
    const id = `AllowTo-${key}-${Token.isUnresolved(port) ? 'port' : port}`;
    if (this.connections.has(id)) {
      return;
    }
    this.connections.add(id);
    const name = construct ? construct.node.path : 'the target';
    linkSecurityGroups(this.scope, { ingress: `${id}-Ingress`, egress: `${id}-Egress` }, {
      fromSecurityGroupId: this.securityGroup.id,
      toSecurityGroupId: target.securityGroupId,
      port,
      ingressDescription: `From load balancer ${this.scope.node.path} on port ${port}`,
      egressDescription: `To ${name} on port ${port}`,
      tags: this.tags,
    });
  }

  private forwardActions(): any[] {
    if (this.targets.length === 0) {
      return [];
    }
    let action: LbListenerDefaultAction;
    if (this.alb) {
      action = {
        type: 'forward',
        forward: {
          targetGroup: this.targets.map((t) => ({ arn: t.targetGroupArn!, weight: t.weight })),
          // Always given, even when off: the API reports it, and leaving it out shows a diff on every plan.
          stickiness: {
            enabled: this.d.stickiness !== undefined,
            duration: this.d.stickiness?.toSeconds() ?? 1,
          },
        },
      };
    } else {
      action = { type: 'forward', targetGroupArn: this.targets[0].targetGroupArn };
    }
    return [lbListenerDefaultActionToTerraform(action)];
  }

  private healthCheckBlock(check: HealthCheck): LbTargetGroupHealthCheck {
    const grpc = check.protocol === HealthCheckProtocol.GRPC;
    const http = check.isHttp || grpc;
    return {
      enabled: true,
      protocol: grpc ? 'HTTP' : check.protocol,
      path: grpc ? GRPC_HEALTH_PATH : check.path,
      port: check.port !== undefined ? asString(check.port) : 'traffic-port',
      interval: check.interval.toSeconds(),
      timeout: check.timeout.toSeconds(),
      healthyThreshold: check.healthyThreshold,
      unhealthyThreshold: check.unhealthyThreshold,
      // gRPC status 0 (OK) means SERVING for the standard health service.
      matcher: grpc ? '0' : http ? check.healthyHttpCodes : undefined,
    };
  }

  private createAccessLogBucket(): { bucket: S3Bucket; dependencies: ITerraformDependable[] } {
    const scope = new Construct(this.scope, 'AccessLogs');
    const name = physicalName(this.scope, 'access-logs', { maxLength: 37 });
    const account = new DataAwsCallerIdentity(scope, 'Account');
    const bucket = new S3Bucket(scope, 'Bucket', {
      bucketPrefix: `${name}-`,
      forceDestroy: false,
      tags: awsTags(this.scope, name, this.d.tags),
    });
    // Load balancer access logs can only be written to SSE-S3 (AES256) buckets, not SSE-KMS.
    const encryption = new S3BucketServerSideEncryptionConfigurationA(scope, 'Encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    const versioning = new S3BucketVersioningA(scope, 'Versioning', {
      bucket: bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    const publicAccess = new S3BucketPublicAccessBlock(scope, 'PublicAccessBlock', {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const ownership = new S3BucketOwnershipControls(scope, 'OwnershipControls', {
      bucket: bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketLifecycleConfiguration(scope, 'Lifecycle', {
      bucket: bucket.id,
      rule: [
        {
          id: 'expire-access-logs',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: this.d.accessLogs.retentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      dependsOn: [versioning],
    });

    const partition = new DataAwsPartition(scope, 'Partition');
    const region = new DataAwsRegion(scope, 'Region');
    // The map is a local, so the policy text stays parseable JSON: `${lookup(local.x, ...)}` has no quotes.
    const elbAccounts = new TerraformLocal(scope, 'ElbLogAccounts', ELB_LOG_ACCOUNTS);
    const elbAccount = Token.asString(Fn.lookup(elbAccounts.expression, region.region, account.accountId));
    const prefix = this.d.accessLogs.prefix ? `${this.d.accessLogs.prefix}/` : '';
    const logObjects = `${bucket.arn}/${prefix}AWSLogs/${account.accountId}/*`;
    const statements: any[] = this.alb
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
    const policy = new S3BucketPolicy(scope, 'Policy', {
      bucket: bucket.id,
      policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
      // A bucket policy is refused while the public access block is being created.
      dependsOn: [publicAccess],
    });
    return { bucket, dependencies: [policy, encryption, ownership] };
  }

  private createLoadBalancerAlarms(): void {
    const dimensions = { LoadBalancer: this.loadBalancer.arnSuffix };
    const minute = Duration.minutes(1);
    if (this.alb) {
      this.factory.create('elb5xx', {
        key: 'Elb5xx',
        summary: 'The load balancer itself answers 5XX errors (502/503/504): no healthy target, or targets close connections or time out.',
        action: 'Check the UnHealthyHostCount of each target group and the targets\' logs; roll back the last deployment if it started then.',
        namespace: this.namespace,
        metricName: 'HTTPCode_ELB_5XX_Count',
        dimensions,
        statistic: 'Sum',
        comparison: 'GreaterThanOrEqualToThreshold',
        threshold: 10,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        period: minute,
        severity: AlarmSeverity.CRITICAL,
      });
      this.factory.create('targetResponseTime', {
        key: 'TargetResponseTimeP99',
        summary: 'The slowest 1% of requests take 2 seconds or more at the targets.',
        action: 'Check the targets\' CPU, memory and downstream dependencies (database, external APIs); scale out if they are saturated.',
        namespace: this.namespace,
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
      this.factory.create('rejectedConnections', {
        key: 'RejectedConnections',
        summary: 'The load balancer rejects connections: it reached its maximum number of connections.',
        action: 'Check for a traffic spike or attack (access logs, WAF); lower keep-alive times of clients or spread traffic over more load balancers.',
        namespace: this.namespace,
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
      this.factory.create('tcpResets', {
        key: 'TcpElbResets',
        summary: 'The load balancer resets many TCP connections (idle timeouts, targets gone mid-connection).',
        action: 'Check the targets\' health and deployments; compare with TCP_Target_Reset_Count to see which side closes connections.',
        namespace: this.namespace,
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

  private createTargetAlarms(suffix: string, t: TargetDescription, targetGroup: LbTargetGroup): MonitoredAlarm[] {
    const dimensions = { TargetGroup: targetGroup.arnSuffix, LoadBalancer: this.loadBalancer.arnSuffix };
    const minute = Duration.minutes(1);
    const created: Array<MonitoredAlarm | undefined> = [];
    created.push(
      this.factory.create('unhealthyHosts', {
        key: `${suffix}UnhealthyHosts`,
        summary: `At least one target of "${t.id}" fails its health checks; the others carry its traffic and redundancy is reduced.`,
        action: 'Find the unhealthy targets in the target group, read their logs, and replace them if they do not recover.',
        namespace: this.namespace,
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
        this.factory.create('noHealthyHosts', {
          key: `${suffix}NoHealthyHosts`,
          summary: `No target of "${t.id}" is healthy: its share of the traffic fails.`,
          action: 'Shift traffic to another target group or roll back the last deployment, then find why every target fails its health check.',
          namespace: this.namespace,
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
    if (this.alb) {
      created.push(
        this.factory.create('target5xx', {
          key: `${suffix}Target5xx`,
          summary: `The targets of "${t.id}" answer 5XX errors.`,
          action: 'Read the targets\' application logs; if the errors started with a deployment, shift traffic back or roll back.',
          namespace: this.namespace,
          metricName: 'HTTPCode_Target_5XX_Count',
          dimensions,
          statistic: 'Sum',
          comparison: 'GreaterThanOrEqualToThreshold',
          threshold: 10,
          evaluationPeriods: 3,
          datapointsToAlarm: 2,
          period: minute,
          severity: AlarmSeverity.CRITICAL,
        }),
      );
    }
    return created.filter((a): a is MonitoredAlarm => a !== undefined);
  }
}

/** A number as a string attribute: its decimal form, or a string token when it is a token. */
function asString(value: number): string {
  return Token.isUnresolved(value) ? Token.asString(value) : String(value);
}
