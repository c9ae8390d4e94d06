import 'cdktf/lib/testing/adapters/jest';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { Route53HealthCheck, Route53HealthCheckConfig } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { findings, unresolvables, violations } from './helpers';
import { FindingKind, ResilienceTarget, Duration, ResilienceChecks } from '../../src';
import { globalDatabase, synthFailover, crossRegionDatabase } from '../failover/fixtures';

const ZONE = 'Z0123456789ABCDEFGHIJ';

interface RawOptions {
  /** The secondary load balancer's provider region. @default 'eu-central-1' */
  readonly secondaryRegion?: string;
  /** Health checks on the records. @default true */
  readonly healthChecks?: boolean;
  /** The Route 53 checks' resource_path. @default '/health' */
  readonly resourcePath?: string;
  /** Extra Route 53 health check settings. */
  readonly check?: Partial<Route53HealthCheckConfig>;
  /** Databases: in the primary region, the secondary region, or both. @default [] */
  readonly databases?: Array<'primary' | 'secondary'>;
  /** CNAME records with this TTL instead of aliases. */
  readonly cnameTtl?: number;
}

/** Two load balancers in two regions (aliased providers) and failover records between them, from raw provider resources. */
function rawFailover(stack: TerraformStack, options: RawOptions = {}): void {
  const primary = new AwsProvider(stack, 'primary', { region: 'eu-west-1', alias: 'primary' });
  const secondary = new AwsProvider(stack, 'secondary', { region: options.secondaryRegion ?? 'eu-central-1', alias: 'secondary' });
  const global = new AwsProvider(stack, 'global', { region: 'us-east-1', alias: 'global' });
  const lb = (id: string, provider: AwsProvider) => {
    const balancer = new Lb(stack, id, { provider, subnets: ['subnet-a', 'subnet-b'], enableDeletionProtection: true });
    const group = new LbTargetGroup(stack, `${id}-tg`, { provider, port: 3000, protocol: 'HTTP', vpcId: 'vpc-1', healthCheck: { path: '/health', interval: 10, unhealthyThreshold: 2 } });
    new LbListener(stack, `${id}-https`, {
      provider,
      loadBalancerArn: balancer.arn,
      port: 443,
      protocol: 'HTTPS',
      certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/x',
      defaultAction: [{ type: 'forward', targetGroupArn: group.arn }],
    });
    return balancer;
  };
  const records = { PRIMARY: lb('lb-a', primary), SECONDARY: lb('lb-b', secondary) };
  for (const [type, target] of Object.entries(records)) {
    const hc = options.healthChecks === false ? undefined : new Route53HealthCheck(stack, `hc-${type}`, {
      provider: global, type: 'HTTPS', fqdn: target.dnsName, port: 443, resourcePath: options.resourcePath ?? '/health', requestInterval: 10, failureThreshold: 3, ...options.check,
    });
    new Route53Record(stack, `record-${type}`, {
      provider: global,
      zoneId: ZONE,
      name: 'shop.example.com',
      setIdentifier: type.toLowerCase(),
      failoverRoutingPolicy: { type },
      healthCheckId: hc?.id,
      ...(options.cnameTtl !== undefined
        ? { type: 'CNAME', ttl: options.cnameTtl, records: [target.dnsName] }
        : { type: 'A', alias: { name: target.dnsName, zoneId: target.zoneId, evaluateTargetHealth: true } }),
    });
  }
  for (const where of options.databases ?? []) {
    new DbInstance(stack, `db-${where}`, { provider: where === 'primary' ? primary : secondary, instanceClass: 'db.m7g.large', engine: 'postgres', multiAz: true });
  }
}

describe('FT-DR-1: a failover record without a health check', () => {
  test('Compliance: both records have one', () => {
    expect(violations('FT-DR-1', (s) => rawFailover(s))).toEqual([]);
  });
  test('Noncompliance: neither has one (an alias evaluating target health is not enough)', () => {
    expect(findings('FT-DR-1', (s) => rawFailover(s, { healthChecks: false })).map((f) => [f.id, f.detail])).toEqual([
      ['FT-DR-1:record-PRIMARY', 'the PRIMARY record has no `health_check_id`'],
      ['FT-DR-1:record-SECONDARY', 'the SECONDARY record has no `health_check_id`'],
    ]);
  });
  test('Not applicable: a simple record', () => {
    expect(violations('FT-DR-1', (s) => new Route53Record(s, 'plain', { zoneId: ZONE, name: 'www.example.com', type: 'A', ttl: 300, records: ['192.0.2.1'] }))).toEqual([]);
  });
});

describe('FT-DR-2: both records in one region', () => {
  test('Compliance: eu-west-1 and eu-central-1', () => {
    expect(violations('FT-DR-2', (s) => rawFailover(s))).toEqual([]);
  });
  test('Noncompliance: two providers of one region, reported on the SECONDARY record', () => {
    expect(findings('FT-DR-2', (s) => rawFailover(s, { secondaryRegion: 'eu-west-1' })).map((f) => [f.id, f.detail])).toEqual([
      ['FT-DR-2:record-SECONDARY', 'the PRIMARY record sends traffic to `lb-a` and the SECONDARY to `lb-b`, both in eu-west-1'],
    ]);
  });
  test('Noncompliance: a resource-level region argument overrides the provider\'s region', () => {
    expect(
      violations('FT-DR-2', (s) => {
        rawFailover(s);
        (s.node.findChild('lb-b') as Lb).addOverride('region', 'eu-west-1');
      }),
    ).toEqual(['FT-DR-2:record-SECONDARY']);
  });
  test('Unresolvable: a region given as a variable', () => {
    expect(
      unresolvables('FT-DR-2', (s) => {
        rawFailover(s);
        (s.node.findChild('secondary') as AwsProvider).region = new TerraformVariable(s, 'region', { type: 'string' }).stringValue;
      }),
    ).toEqual(['cannot check at synth time: `provider "aws.secondary" region` is `${var.region}`, known only at deploy time']);
  });
  test('Noncompliance: two Kubernetes Services of the same cluster (one provider configuration)', () => {
    expect(
      violations('FT-DR-2', (s) => {
        const cluster = new KubernetesProvider(s, 'k8s', { alias: 'eu' });
        const services = ['a', 'b'].map((id) => new ServiceV1(s, `svc-${id}`, { provider: cluster, metadata: { name: id }, spec: { type: 'LoadBalancer', selector: { app: id }, port: [{ port: 80 }] } }));
        services.forEach((svc, i) => new Route53Record(s, `record-${i}`, {
          zoneId: ZONE,
          name: 'shop.example.com',
          type: 'CNAME',
          ttl: 60,
          setIdentifier: `${i}`,
          failoverRoutingPolicy: { type: i === 0 ? 'PRIMARY' : 'SECONDARY' },
          records: [svc.status.get(0).loadBalancer.get(0).ingress.get(0).hostname],
          healthCheckId: 'hc-1',
        }));
      }),
    ).toEqual(['FT-DR-2:record-1']);
  });
});

describe('FT-DR-3: a secondary without a database', () => {
  test('Compliance: a database in each region', () => {
    expect(violations('FT-DR-3', (s) => rawFailover(s, { databases: ['primary', 'secondary'] }))).toEqual([]);
  });
  test('Noncompliance: the primary region holds the data, the secondary none', () => {
    expect(findings('FT-DR-3', (s) => rawFailover(s, { databases: ['primary'] })).map((f) => [f.id, f.detail])).toEqual([
      ['FT-DR-3:record-SECONDARY', 'the primary region (eu-west-1) holds `db-primary`, the secondary region (eu-central-1) no database'],
    ]);
  });
  test('Not applicable: a stateless application (no database in either region)', () => {
    expect(findings('FT-DR-3', (s) => rawFailover(s))).toEqual([]);
  });
  test('Compliance: an Aurora secondary cluster counts (RDS clusters are databases)', () => {
    expect(
      violations('FT-DR-3', (s) => {
        rawFailover(s, { databases: ['primary'] });
        new RdsCluster(s, 'secondary-cluster', { provider: s.node.findChild('secondary') as AwsProvider, engine: 'aurora-postgresql', globalClusterIdentifier: 'g' });
      }),
    ).toEqual([]);
  });
});

/** Two clusters (aliased Kubernetes providers), a LoadBalancer Service in each behind failover CNAMEs, and CloudNativePG Clusters where asked. */
function kubernetesFailover(stack: TerraformStack, databases: Array<'primary' | 'secondary'>): void {
  const clusters = { primary: new KubernetesProvider(stack, 'eu', { alias: 'eu' }), secondary: new KubernetesProvider(stack, 'us', { alias: 'us' }) };
  for (const [i, role] of (['primary', 'secondary'] as const).entries()) {
    const svc = new ServiceV1(stack, `svc-${role}`, { provider: clusters[role], metadata: { name: 'web' }, spec: { type: 'LoadBalancer', selector: { app: 'web' }, port: [{ port: 80 }] } });
    new Route53Record(stack, `record-${role}`, {
      zoneId: ZONE,
      name: 'shop.example.com',
      type: 'CNAME',
      ttl: 60,
      setIdentifier: role,
      failoverRoutingPolicy: { type: i === 0 ? 'PRIMARY' : 'SECONDARY' },
      records: [svc.status.get(0).loadBalancer.get(0).ingress.get(0).hostname],
      healthCheckId: `hc-${role}`,
    });
  }
  for (const role of databases) {
    new Manifest(stack, `pg-${role}`, {
      provider: clusters[role],
      manifest: { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'pg', namespace: 'shop' }, spec: { instances: 3 } },
    });
  }
}

describe('FT-DR-3 between two Kubernetes clusters: CloudNativePG Clusters are databases', () => {
  test('Noncompliance: a Cluster in the primary cluster only', () => {
    expect(findings('FT-DR-3', (s) => kubernetesFailover(s, ['primary'])).map((f) => f.id)).toEqual(['FT-DR-3:record-secondary']);
  });
  test('Compliance: a Cluster in each', () => {
    expect(violations('FT-DR-3', (s) => kubernetesFailover(s, ['primary', 'secondary']))).toEqual([]);
  });
  test('Not applicable: another kind of manifest is no database', () => {
    expect(
      findings('FT-DR-3', (s) => {
        kubernetesFailover(s, []);
        new Manifest(s, 'config', { provider: s.node.findChild('eu') as KubernetesProvider, manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' } } });
      }),
    ).toEqual([]);
  });
});

describe('FT-DR-4: a health check on another path than the service\'s', () => {
  test('Compliance: the target group checks /health, Route 53 too', () => {
    expect(violations('FT-DR-4', (s) => rawFailover(s))).toEqual([]);
  });
  test('Noncompliance: Route 53 checks the root', () => {
    expect(findings('FT-DR-4', (s) => rawFailover(s, { resourcePath: '/' })).map((f) => [f.id, f.detail])).toEqual([
      ['FT-DR-4:hc-PRIMARY', '`resource_path` is "/", but target group `lb-a-tg` checks "/health"'],
      ['FT-DR-4:hc-SECONDARY', '`resource_path` is "/", but target group `lb-b-tg` checks "/health"'],
    ]);
  });
  test('Noncompliance: resource_path unset means the root', () => {
    const found = findings('FT-DR-4', (s) => {
      rawFailover(s);
      (s.node.findChild('hc-PRIMARY') as Route53HealthCheck).resetResourcePath();
    });
    expect(found.map((f) => f.detail)).toEqual(['`resource_path` is "/" (unset: the root), but target group `lb-a-tg` checks "/health"']);
  });
  test('Compliance: a query string is not part of the path', () => {
    expect(violations('FT-DR-4', (s) => rawFailover(s, { resourcePath: '/health?deep=1' }))).toEqual([]);
  });
  test('Not applicable: a TCP check', () => {
    expect(violations('FT-DR-4', (s) => rawFailover(s, { resourcePath: '/', check: { type: 'TCP' } }))).toEqual([]);
  });
  test('Kubernetes: the readiness probe path of the pods the Service selects', () => {
    const build = (probe: string) => (s: TerraformStack) => {
      const svc = new ServiceV1(s, 'svc', { metadata: { name: 'web', namespace: 'shop' }, spec: { type: 'LoadBalancer', selector: { app: 'web' }, port: [{ port: 80 }] } });
      new DeploymentV1(s, 'web', {
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web', version: '1' } },
            spec: { container: [{ name: 'web', image: 'web:1.0.0', readinessProbe: { httpGet: { path: probe, port: '3000' } } }] },
          },
        },
      });
      new Route53HealthCheck(s, 'hc', { type: 'HTTP', fqdn: svc.status.get(0).loadBalancer.get(0).ingress.get(0).hostname, port: 80, resourcePath: '/health' });
    };
    expect(violations('FT-DR-4', build('/health'))).toEqual([]);
    expect(findings('FT-DR-4', build('/ready')).map((f) => f.detail)).toEqual(['`resource_path` is "/health", but the readiness probe of `web` checks "/ready"']);
  });
});

describe('FT-DR-5: TTLs that break the RTO', () => {
  const target = (recoveryTime: Duration) => ({ target: ResilienceTarget.survive({ recoveryTime }) });

  test('Compliance: detection 30 s + the alias TTL 60 s within a 2 min recovery time', () => {
    expect(violations('FT-DR-5', (s) => rawFailover(s), target(Duration.minutes(2)))).toEqual([]);
  });
  test('Noncompliance: the same within 1 min, with the arithmetic', () => {
    expect(findings('FT-DR-5', (s) => rawFailover(s), target(Duration.minutes(1))).map((f) => [f.id, f.detail])).toEqual([
      ['FT-DR-5:record-PRIMARY', 'the PRIMARY record keeps clients on a failed region for up to detection 30 s (failure_threshold 3 × request_interval 10 s) + TTL 60 s (an alias to a load balancer) = 90 s, above the recovery time of 60 s'],
      ['FT-DR-5:record-SECONDARY', 'the SECONDARY record keeps clients on a failed region for up to detection 30 s (failure_threshold 3 × request_interval 10 s) + TTL 60 s (an alias to a load balancer) = 90 s, above the recovery time of 60 s'],
    ]);
  });
  test('Noncompliance: Route 53 defaults (3 × 30 s) and a 300 s CNAME TTL against 5 minutes', () => {
    expect(
      findings('FT-DR-5', (s) => rawFailover(s, { cnameTtl: 300, check: { requestInterval: undefined, failureThreshold: undefined } }), target(Duration.minutes(5)))[0].detail,
    ).toBe('the PRIMARY record keeps clients on a failed region for up to detection 90 s (failure_threshold 3 (default) × request_interval 30 s (default)) + TTL 300 s = 390 s, above the recovery time of 300 s');
  });
  test('Without a recovery time: the TTL must be at most 60 s (Route 53\'s advice for records with health checks)', () => {
    expect(violations('FT-DR-5', (s) => rawFailover(s, { cnameTtl: 60 }))).toEqual([]);
    expect(findings('FT-DR-5', (s) => rawFailover(s, { cnameTtl: 120 })).map((f) => f.detail)).toEqual([
      'the PRIMARY record\'s TTL 120 s is above the 60 s Route 53 advises for records with health checks',
      'the SECONDARY record\'s TTL 120 s is above the 60 s Route 53 advises for records with health checks',
    ]);
  });
  test('Unresolvable: a TTL given as a variable', () => {
    expect(
      unresolvables('FT-DR-5', (s) => {
        rawFailover(s, { cnameTtl: 60 });
        (s.node.findChild('record-PRIMARY') as Route53Record).ttl = new TerraformVariable(s, 'ttl', { type: 'number' }).numberValue;
      }),
    ).toEqual(['cannot check at synth time: `ttl` is `${var.ttl}`, known only at deploy time']);
  });
});

describe('Regional recovery against the target: RegionalFailover facts', () => {
  const target = (recoveryTime: Duration, recoveryPoint?: Duration) =>
    ResilienceTarget.survive({ zoneLoss: 1, regionLoss: 1, recoveryTime, recoveryPoint });

  test('meets: 30s + 1min + 5min + 2min = 8min 30s within 10 minutes, 1 min of data within 1 minute; the FT-DR rules pass on it', () => {
    const { report } = synthFailover({}, { database: globalDatabase, checks: { target: target(Duration.minutes(10), Duration.minutes(1)) } });
    const failover = report!.constructs.find((c) => c.constructPath === 'stack/global')!;
    expect(failover.meetsTarget).toBe(true);
    expect(report!.findings.filter((f) => f.ruleId.startsWith('FT-TARGET') || f.ruleId.startsWith('FT-DR'))).toEqual([]);
    expect(report!.toTable()).toContain('  recovery time 30s + 1min + 5min + 2min = 8min 30s, losing at most 1min of data');
  });

  test('misses: the arithmetic in the message, step by step', () => {
    const { report } = synthFailover({}, { database: globalDatabase, checks: { target: target(Duration.minutes(5), Duration.seconds(30)) } });
    expect(report!.errors.filter((f) => f.constructPath === 'stack/global').map((f) => [f.ruleId, f.detail])).toEqual([
      [
        'FT-TARGET-3',
        'recover within 5min: `global` needs up to 8min 30s (Route 53 detection (3 × 10s) 30s + DNS TTL (1min) 1min + operator response (5min) 5min + database failover (2min) 2min)',
      ],
      ['FT-TARGET-4', 'lose at most 30s of data: a failover of `global` may lose up to 1min'],
    ]);
  });

  test('misses with an RDS replica: the manual promotion is counted', () => {
    const { report } = synthFailover({}, { database: crossRegionDatabase, checks: { target: target(Duration.minutes(15)) } });
    expect(report!.errors.find((f) => f.ruleId === 'FT-TARGET-3' && f.constructPath === 'stack/global')?.detail).toBe(
      'recover within 15min: `global` needs up to 16min 30s (Route 53 detection (3 × 10s) 30s + DNS TTL (1min) 1min + operator response (5min) 5min + replica promotion (10min) 10min)',
    );
  });

  test('the Markdown report shows the failover path step by step, with who acts', () => {
    const { report } = synthFailover({}, { database: crossRegionDatabase, checks: { target: target(Duration.minutes(20)) } });
    const md = report!.toMarkdown();
    expect(md).toContain('## Regional failover path');
    expect(md).toContain('| 4. replica promotion (10min) | An operator promotes the read replica stack-eu-west-1-db-dr');
    expect(md).toContain('| 10min | a person (or your automation) |');
    expect(md).toContain('**Recovery time: 30s + 1min + 5min + 10min = 16min 30s** (target: 20min).');
    const json = JSON.parse(report!.toJson());
    expect(json.target.regionLoss).toBe(1);
    expect(json.constructs.find((c: any) => c.constructPath === 'stack/global')).toMatchObject({
      regions: 2,
      recoverySteps: [
        { name: 'Route 53 detection (3 × 10s)', seconds: 30, manual: false },
        { name: 'DNS TTL (1min)', seconds: 60, manual: false },
        { name: 'operator response (5min)', seconds: 300, manual: true },
        { name: 'replica promotion (10min)', seconds: 600, manual: true },
      ],
    });
  });
});

describe('FT-TARGET-5: region loss', () => {
  test('Noncompliance: a region loss declared and no RegionalFailover in the stack, reported on the stack', () => {
    const found = findings('FT-TARGET-5', (s) => rawFailover(s), { target: ResilienceTarget.survive({ regionLoss: 1 }) });
    expect(found.map((f) => [f.id, f.kind, f.detail])).toEqual([
      ['FT-TARGET-5:stack', FindingKind.NON_COMPLIANT, 'tolerate the loss of 1 region: no RegionalFailover moves traffic to another region'],
    ]);
  });
  test('Noncompliance: a RegionalFailover across 2 regions does not survive the loss of 2', () => {
    const { report } = synthFailover({}, { checks: { target: ResilienceTarget.survive({ regionLoss: 2 }) } });
    expect(report!.findings.filter((f) => f.ruleId === 'FT-TARGET-5').map((f) => f.detail)).toEqual(['tolerate the loss of 2 regions: `global` spans 2 regions']);
  });
  test('Not applicable without a region loss; FT-TARGET-1 does not ask a regional failover for zones', () => {
    const { report } = synthFailover({}, { checks: { target: ResilienceTarget.survive({ zoneLoss: 1 }) } });
    expect(report!.findings.filter((f) => f.constructPath === 'stack/global')).toEqual([]);
  });
  test('the target reads "and 1 region"; an invalid region loss is refused', () => {
    expect(ResilienceTarget.survive({ regionLoss: 1 }).toString()).toBe('tolerate the loss of 1 zone and 1 region, detect failures within 1min');
    expect(() => ResilienceTarget.survive({ regionLoss: 1.5 })).toThrow(
      'ResilienceTarget.survive: `regionLoss` must be a whole number from 0 to 5 (a RegionalFailover spans 2 regions, so 1 is the most it survives), got 1.5.',
    );
    expect(ResilienceChecks.rules().find((r) => r.id === 'FT-TARGET-5')?.info).toBe('Nothing moves traffic to another region when the declared number of regions fails.');
  });
});
