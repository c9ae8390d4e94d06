import 'cdktf/lib/testing/adapters/jest';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import * as fc from 'fast-check';
import { RegionalEdge, ZONE_ID, globalDatabase, regionNetwork, twoClusters, twoRegions } from './fixtures';
import {
  AlarmDestination,
  DatabaseEngine,
  Duration,
  HealthCheck,
  HealthCheckedLoadBalancer,
  HealthCheckerRegion,
  Platform,
  RegionalFailover,
  RegionalFailoverProps,
  RegionalScope,
  ReplicatedDatabase,
} from '../../src';

const PREFIX = 'RegionalFailover "stack/global"';

/** The error RegionalFailover throws with these props over the two regions of the fixtures. */
function failoverError(props: Partial<RegionalFailoverProps> | ((r: ReturnType<typeof twoRegions>) => Partial<RegionalFailoverProps>)): string {
  const regions = twoRegions({ usEast1: true });
  const given = typeof props === 'function' ? props(regions) : props;
  try {
    new RegionalFailover(regions.stack, 'global', {
      domainName: 'shop.example.com',
      hostedZoneId: ZONE_ID,
      primary: regions.primary.edge,
      secondary: regions.secondary.edge,
      ...given,
    } as RegionalFailoverProps);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a validation error');
}

describe('RegionalFailover validation: one error per problem, naming prop, value and fix', () => {
  test.each<[string, Partial<RegionalFailoverProps>, string]>([
    ['domainName', { domainName: 'shop..example.com' }, '`domainName` must be a DNS name like "shop.example.com" (labels of letters, digits and hyphens, at most 253 characters), got "shop..example.com".'],
    ['hostedZoneId', { hostedZoneId: 'zone-1' }, '`hostedZoneId` must be a Route 53 hosted zone id like "Z0123456789ABCDEFGHIJ", got "zone-1".'],
    ['healthCheck.interval', { healthCheck: { interval: Duration.seconds(20) } }, '`healthCheck.interval` must be one of 10, 30 seconds (the intervals Route 53 offers), got 20s.'],
    ['healthCheck.failureThreshold', { healthCheck: { failureThreshold: 11 } }, '`healthCheck.failureThreshold` must be a whole number from 1 to 10, got 11.'],
    ['healthCheck.regions: too few', { healthCheck: { regions: [HealthCheckerRegion.EU_WEST_1, HealthCheckerRegion.US_EAST_1] } },
      '`healthCheck.regions` must list at least 3 checker regions (Route 53 needs 3), got ["EU_WEST_1", "US_EAST_1"].'],
    ['recordTtl on alias records', { recordTtl: Duration.seconds(30) },
      '`recordTtl` applies to CNAME records only: alias records to AWS load balancers carry the load balancer\'s 60 s TTL, got 30s. Remove it.'],
    ['operatorResponseTime without database', { operatorResponseTime: Duration.minutes(2) },
      '`operatorResponseTime` applies only with a `database`: it is the time until someone starts the database failover, got 2min. Pass the `database`, or remove it.'],
    ['alarmDestination in another region', { alarmDestination: AlarmDestination.fromArns('arn:aws:sns:eu-west-1:123456789012:oncall') },
      '`alarmDestination.alarmActionArns[0]` must be an SNS topic in us-east-1: the health-check alarms live there and CloudWatch notifies topics of its own region only, got "arn:aws:sns:eu-west-1:123456789012:oncall".'],
    ['alarms', { alarms: { primaryUnhealthy: { evaluationPeriods: 0 } } }, '`alarms.primaryUnhealthy.evaluationPeriods` must be a whole number from 1 to 100, got 0.'],
  ])('%s', (_name, props, message) => {
    expect(failoverError(props)).toBe(`${PREFIX}: ${message}`);
  });

  test('the same endpoint twice', () => {
    expect(failoverError((r) => ({ secondary: r.primary.edge }))).toBe(
      `${PREFIX}: \`secondary\` is the same endpoint as \`primary\` ("stack/eu-west-1/app/edge"): a failover needs the declaration deployed in another region. Pass the other region's load balancer.`,
    );
  });

  test('an internal load balancer cannot be health-checked by Route 53', () => {
    expect(
      failoverError((r) => {
        const internal = new HealthCheckedLoadBalancer(r.scopes['eu-central-1'], 'internal', {
          platform: Platform.aws({ network: r.secondary.network }),
          certificateArn: 'arn:aws:acm:eu-central-1:123456789012:certificate/x',
          internetFacing: false,
        });
        internal.addTarget('web', { port: 3000 });
        return { secondary: internal };
      }),
    ).toBe(`${PREFIX}: \`secondary.internetFacing\` must be true: Route 53 health checkers run on the internet and cannot reach an internal load balancer, got false. Make the load balancer internet-facing (the default).`);
  });

  test('a usEast1Provider in another region', () => {
    expect(failoverError((r) => ({ usEast1Provider: r.providers['eu-west-1'] }))).toBe(
      `${PREFIX}: \`usEast1Provider.region\` must be "us-east-1": Route 53 publishes health-check metrics only there, so its alarms must live there, got "eu-west-1".`,
    );
  });

  test('a database that lives in one region', () => {
    expect(
      failoverError((r) => ({
        database: new ReplicatedDatabase(r.scopes['eu-west-1'], 'db', { platform: Platform.aws({ network: r.primary.network }), engine: DatabaseEngine.auroraPostgres('16.4') }),
      })),
    ).toBe(
      `${PREFIX}: \`database\` ("stack/eu-west-1/db") keeps its data in one region: after a regional failover the secondary would have no data. ` +
        'Give it Replication.auroraGlobal({ provider, network }) (Aurora) or Replication.crossRegion({ provider, network }) (RDS).',
    );
  });

  test('an AWS and a Kubernetes endpoint cannot share a name', () => {
    expect(
      failoverError((r) => {
        const k8s = new HealthCheckedLoadBalancer(r.stack, 'k8s', { platform: Platform.kubernetes({ namespaceName: 'shop' }) });
        k8s.addTarget('web', { port: 3000, selector: { app: 'web' } });
        return { secondary: k8s };
      }),
    ).toBe(
      `${PREFIX}: \`primary\` and \`secondary\` must both be AWS load balancers (alias records) or both Kubernetes Services (CNAME records): ` +
        'an alias and a CNAME record cannot share one name. Deploy the same declaration on the same platform in both regions.',
    );
  });

  test('failOnCriticalAlarms over Kubernetes endpoints, which report no alarms', () => {
    const clusters = twoClusters();
    expect(() => new RegionalFailover(clusters.stack, 'global', {
      domainName: 'shop.example.com', hostedZoneId: ZONE_ID, primary: clusters.primary.lb, secondary: clusters.secondary.lb, failOnCriticalAlarms: true,
    })).toThrow(
      `${PREFIX} has 2 invalid props:\n` +
        '  - `failOnCriticalAlarms` needs critical CloudWatch alarms on `primary`, which reports none (a Kubernetes Service has none). Remove `failOnCriticalAlarms`.\n' +
        '  - `failOnCriticalAlarms` needs critical CloudWatch alarms on `secondary`, which reports none (a Kubernetes Service has none). Remove `failOnCriticalAlarms`.',
    );
  });

  test('durations of the recovery arithmetic given as Terraform tokens are refused, naming why', () => {
    expect(
      failoverError((r) => ({
        healthCheck: { failureThreshold: new TerraformVariable(r.stack, 'threshold', { type: 'number' }).numberValue },
      })),
    ).toBe(`${PREFIX}: \`healthCheck.failureThreshold\` must be known at synth time, not a Terraform token: it enters the regional recovery time the checks compare with the target.`);
  });

  test('a domain name and zone id given as tokens are passed through, unchanged', () => {
    const regions = twoRegions({ usEast1: true });
    const zone = new TerraformVariable(regions.stack, 'zone', { type: 'string' });
    const name = new TerraformVariable(regions.stack, 'name', { type: 'string' });
    new RegionalFailover(regions.stack, 'global', {
      domainName: name.stringValue, hostedZoneId: zone.stringValue, primary: regions.primary.edge, secondary: regions.secondary.edge,
    });
    const json = JSON.parse(Testing.synth(regions.stack, true));
    expect(Object.values<any>(json.resource.aws_route53_record).map((r) => [r.name, r.zone_id])).toEqual([
      ['${var.name}', '${var.zone}'],
      ['${var.name}', '${var.zone}'],
    ]);
  });

  test('every problem at once', () => {
    const message = failoverError({ domainName: '', hostedZoneId: '', healthCheck: { failureThreshold: 0 }, failOnCriticalAlarms: 'yes' as any });
    expect(message.split('\n')).toEqual([
      `${PREFIX} has 4 invalid props:`,
      '  - `domainName` must be a DNS name like "shop.example.com" (labels of letters, digits and hyphens, at most 253 characters), got "".',
      '  - `hostedZoneId` must be a Route 53 hosted zone id like "Z0123456789ABCDEFGHIJ", got "".',
      '  - `healthCheck.failureThreshold` must be a whole number from 1 to 10, got 0.',
      '  - `failOnCriticalAlarms` must be true or false, got "yes".',
    ]);
  });
});

describe('RegionalFailover validation: plain JavaScript (wrong types)', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['primary: a string', { primary: 'edge' }, '`primary` must be an IRegionalEndpoint, e.g. a HealthCheckedLoadBalancer in that region, got "edge".'],
    ['secondary: missing', { secondary: undefined }, '`secondary` must be an IRegionalEndpoint, e.g. a HealthCheckedLoadBalancer in that region, got nothing.'],
    ['domainName: a number', { domainName: 42 }, '`domainName` must be a DNS name like "shop.example.com" (labels of letters, digits and hyphens, at most 253 characters), got 42.'],
    ['healthCheck.interval: a number', { healthCheck: { interval: 10 } }, '`healthCheck.interval` must be a Duration, e.g. `Duration.seconds(30)`, got 10.'],
    ['healthCheck.regions: not members', { healthCheck: { regions: ['eu-west-1', 'US_EAST_1', 'SA_EAST_1'] } },
      '`healthCheck.regions[0]` must be one of HealthCheckerRegion.US_EAST_1, HealthCheckerRegion.US_WEST_1, HealthCheckerRegion.US_WEST_2, HealthCheckerRegion.EU_WEST_1, ' +
        'HealthCheckerRegion.AP_SOUTHEAST_1, HealthCheckerRegion.AP_SOUTHEAST_2, HealthCheckerRegion.AP_NORTHEAST_1, HealthCheckerRegion.SA_EAST_1, got "eu-west-1".'],
    ['healthCheck.regions: repeated', { healthCheck: { regions: ['US_EAST_1', 'US_EAST_1', 'SA_EAST_1'] } }, '`healthCheck.regions` must list each checker region once, got ["US_EAST_1", "US_EAST_1", "SA_EAST_1"].'],
    ['database: a string', { database: 'db' }, '`database` must be an IRegionalDatabase, e.g. a ReplicatedDatabase with Replication.auroraGlobal() or Replication.crossRegion(), got "db".'],
    ['usEast1Provider: an object', { usEast1Provider: { region: 'us-east-1' } }, '`usEast1Provider` must be an AwsProvider for us-east-1, got {"region":"us-east-1"}.'],
    ['alarmDestination: a string', { alarmDestination: 'arn:aws:sns:us-east-1:123456789012:x' }, '`alarmDestination` must be an IAlarmDestination, e.g. an AlarmTopic in us-east-1 or AlarmDestination.fromArns(...), got "arn:aws:sns:us-east-1:123456789012:x".'],
    ['recordTtl: a number', { recordTtl: 60 }, '`recordTtl` must be a Duration, e.g. `Duration.seconds(30)`, got 60.'],
    ['tags: a value that is not a string', { tags: { team: 7 } }, '`tags.team` must be a string, got 7.'],
  ])('%s', (_name, props, message) => {
    expect(failoverError(props as Partial<RegionalFailoverProps>)).toBe(`${PREFIX}: ${message}`);
  });

  test('no props at all', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(() => new RegionalFailover(stack, 'global', undefined as any)).toThrow(
      `${PREFIX}: \`props\` must be an object like { domainName, hostedZoneId, primary, secondary }, got nothing.`,
    );
  });

  test('property: any string that is not a DNS name is reported with the value, never as a TypeError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }).filter((s) => !/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]\.?$/i.test(s)), (name) => {
        expect(failoverError({ domainName: name })).toBe(
          `${PREFIX}: \`domainName\` must be a DNS name like "shop.example.com" (labels of letters, digits and hyphens, at most 253 characters), got ${JSON.stringify(name)}.`,
        );
      }),
      { numRuns: 25 },
    );
  });
});

describe('RegionalFailover synth-time validation (after aspects have set every provider)', () => {
  function synthErrors(build: (stack: TerraformStack) => void): string {
    const stack = new TerraformStack(Testing.stubVersion(new App({ stackTraces: false })), 'stack');
    build(stack);
    try {
      Testing.synth(stack, true);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected a synth error');
  }

  test('both endpoints in one region (two scopes of providers in the same region)', () => {
    const message = synthErrors((stack) => {
      const a = new RegionalScope(stack, 'a', { providers: [new AwsProvider(stack, 'pa', { region: 'eu-west-1', alias: 'a' })] });
      const b = new RegionalScope(stack, 'b', { providers: [new AwsProvider(stack, 'pb', { region: 'eu-west-1', alias: 'b' })] });
      new RegionalFailover(stack, 'global', {
        domainName: 'shop.example.com',
        hostedZoneId: ZONE_ID,
        primary: new RegionalEdge(a, 'app', { region: 'eu-west-1' }).edge,
        secondary: new RegionalEdge(b, 'app', { region: 'eu-west-1' }).edge,
        usEast1Provider: new AwsProvider(stack, 'us', { region: 'us-east-1', alias: 'us' }),
      });
    });
    expect(message).toContain(
      `${PREFIX}: \`primary\` and \`secondary\` are in one region (eu-west-1): the loss of it takes both down. Deploy the secondary with the other region's provider (a RegionalScope of it).`,
    );
  });

  test('both endpoints on the default provider', () => {
    const message = synthErrors((stack) => {
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      new RegionalFailover(stack, 'global', {
        domainName: 'shop.example.com',
        hostedZoneId: ZONE_ID,
        primary: new RegionalEdge(stack, 'one', { region: 'eu-west-1' }).edge,
        secondary: new RegionalEdge(stack, 'two', { region: 'eu-central-1' }).edge,
      });
    });
    expect(message).toContain(`${PREFIX}: \`primary\` and \`secondary\` are in one region (us-east-1)`);
  });

  test('the database\'s copies in the opposite regions of the endpoints', () => {
    const message = synthErrors((stack) => {
      const regions = { 'eu-west-1': new AwsProvider(stack, 'w', { region: 'eu-west-1', alias: 'w' }), 'eu-central-1': new AwsProvider(stack, 'c', { region: 'eu-central-1', alias: 'c' }) };
      const west = new RegionalScope(stack, 'west', { providers: [regions['eu-west-1']] });
      const central = new RegionalScope(stack, 'central', { providers: [regions['eu-central-1']] });
      const primary = new RegionalEdge(west, 'app', { region: 'eu-west-1' });
      const secondary = new RegionalEdge(central, 'app', { region: 'eu-central-1' });
      // The database's primary lives in eu-central-1, its secondary in eu-west-1: the wrong way round.
      const db = globalDatabase({
        stack,
        providers: { 'eu-west-1': regions['eu-central-1'], 'eu-central-1': regions['eu-west-1'] },
        scopes: { 'eu-west-1': central, 'eu-central-1': west },
        primary: secondary,
        secondary: primary,
      });
      new RegionalFailover(stack, 'global', {
        domainName: 'shop.example.com',
        hostedZoneId: ZONE_ID,
        primary: primary.edge,
        secondary: secondary.edge,
        database: db,
        usEast1Provider: new AwsProvider(stack, 'us', { region: 'us-east-1', alias: 'us' }),
      });
    });
    expect(message).toContain(
      `${PREFIX}: the database's primary copy is in eu-central-1, but the primary endpoint in eu-west-1: the application would reach its database across regions. Swap the database's regions or the endpoints.`,
    );
    expect(message).toContain(`${PREFIX}: the database's secondary copy is in eu-west-1, but the secondary endpoint in eu-central-1`);
  });

  test('a service registered after the failover was declared: its health check path differs from the rendered one', () => {
    const message = synthErrors((stack) => {
      const regions = ['eu-west-1', 'eu-central-1'].map((region) => {
        const scope = new RegionalScope(stack, region, { providers: [new AwsProvider(stack, `p-${region}`, { region, alias: region.replace(/-/g, '_') })] });
        const lb = new HealthCheckedLoadBalancer(scope, 'edge', {
          platform: Platform.aws({ network: regionNetwork(scope, region) }),
          certificateArn: `arn:aws:acm:${region}:123456789012:certificate/x`,
        });
        return lb;
      });
      new RegionalFailover(stack, 'global', {
        domainName: 'shop.example.com',
        hostedZoneId: ZONE_ID,
        primary: regions[0],
        secondary: regions[1],
        usEast1Provider: new AwsProvider(stack, 'us', { region: 'us-east-1', alias: 'us' }),
      });
      regions.forEach((lb) => lb.addTarget('web', { port: 3000, healthCheck: HealthCheck.http('/ready') }));
    });
    expect(message).toContain(
      `${PREFIX}: the primary endpoint "stack/eu-west-1/edge" now checks "/ready", but its Route 53 health check was rendered with "/health". Declare the RegionalFailover after the services behind the load balancers.`,
    );
  });
});

describe('RegionalFailover synth-time validation: alarms added after the failover', () => {
  test('a target registered later brings critical alarms the calculated check lacks', () => {
    const stack = new TerraformStack(Testing.stubVersion(new App({ stackTraces: false })), 'stack');
    const lbs = ['eu-west-1', 'eu-central-1'].map((region) => {
      const scope = new RegionalScope(stack, region, { providers: [new AwsProvider(stack, `p-${region}`, { region, alias: region.replace(/-/g, '_') })] });
      return new HealthCheckedLoadBalancer(scope, 'edge', { platform: Platform.aws({ network: regionNetwork(scope, region) }), certificateArn: `arn:aws:acm:${region}:123456789012:certificate/x` });
    });
    new RegionalFailover(stack, 'global', {
      domainName: 'shop.example.com',
      hostedZoneId: ZONE_ID,
      primary: lbs[0],
      secondary: lbs[1],
      failOnCriticalAlarms: true,
      usEast1Provider: new AwsProvider(stack, 'us', { region: 'us-east-1', alias: 'us' }),
    });
    lbs.forEach((lb) => lb.addTarget('web', { port: 3000 }));
    expect(() => Testing.synth(stack, true)).toThrow(
      `${PREFIX}: the primary endpoint "stack/eu-west-1/edge" now has 3 critical alarms, but its calculated health check was rendered with 1. Declare the RegionalFailover after the services behind the load balancers.`,
    );
  });
});

describe('RegionalScope', () => {
  test('gives its provider to every AWS resource and data source below it that has none, at synth', () => {
    const { stack } = twoRegions();
    const json = JSON.parse(Testing.synth(stack));
    const providers = new Set<string>();
    for (const section of ['resource', 'data']) {
      for (const byName of Object.values<any>(json[section] ?? {})) {
        for (const [name, r] of Object.entries<any>(byName)) {
          providers.add(`${name.startsWith('eu-west-1') ? 'eu-west-1' : 'eu-central-1'} ${r.provider}`);
        }
      }
    }
    expect([...providers].sort()).toEqual(['eu-central-1 aws.eu_central_1', 'eu-west-1 aws.eu_west_1']);
  });

  test('a resource that names its provider keeps it (the secondary cluster of a global database)', () => {
    const regions = twoRegions();
    globalDatabase(regions);
    const json = JSON.parse(Testing.synth(regions.stack));
    const clusters = Object.entries<any>(json.resource.aws_rds_cluster).map(([name, c]) => [name.replace(/_[0-9A-F]{8}$/, ''), c.provider]);
    expect(clusters).toEqual([['eu-west-1_db_Cluster', 'aws.eu_west_1'], ['eu-west-1_db_Secondary_Cluster', 'aws.eu_central_1']]);
  });

  test('the innermost scope wins, and only providers of the resource\'s type are given', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const outer = new RegionalScope(stack, 'outer', { providers: [new AwsProvider(stack, 'o', { region: 'eu-west-1', alias: 'o' })] });
    const inner = new RegionalScope(outer, 'inner', { providers: [new AwsProvider(stack, 'i', { region: 'eu-central-1', alias: 'i' })] });
    regionNetwork(outer, 'eu-west-1');
    new HealthCheckedLoadBalancer(inner, 'k8s', { platform: Platform.kubernetes() }).addTarget('web', { port: 80, selector: { app: 'web' } });
    const lb = new HealthCheckedLoadBalancer(inner, 'edge', { platform: Platform.aws({ network: regionNetwork(inner, 'eu-central-1') }), certificateArn: 'arn:aws:acm:eu-central-1:123456789012:certificate/x' });
    lb.addTarget('web', { port: 3000 });
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.values<any>(json.resource.aws_lb).map((l) => l.provider)).toEqual(['aws.i']);
    expect(Object.values<any>(json.resource.kubernetes_service_v1).map((s) => s.provider)).toEqual([undefined]);
    expect(inner.providerOf('aws')?.node.id).toBe('i');
    expect(inner.providerOf('kubernetes')).toBeUndefined();
  });

  test.each<[string, unknown, string]>([
    ['no providers', { providers: [] }, 'RegionalScope "stack/scope": `providers` must list the providers of the region or cluster, e.g. `[new AwsProvider(this, \'eu\', { region: \'eu-west-1\', alias: \'eu\' })]`, got [].'],
    ['no props', undefined, 'RegionalScope "stack/scope": `providers` must list the providers of the region or cluster, e.g. `[new AwsProvider(this, \'eu\', { region: \'eu-west-1\', alias: \'eu\' })]`, got nothing.'],
    ['not a provider', { providers: ['aws'] }, 'RegionalScope "stack/scope": `providers[0]` must be a Terraform provider (AwsProvider, KubernetesProvider, ...), got "aws".'],
  ])('validation: %s', (_name, props, message) => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(() => new RegionalScope(stack, 'scope', props as any)).toThrow(message);
  });

  test('validation: two providers of one type', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const a = new AwsProvider(stack, 'a', { region: 'eu-west-1', alias: 'a' });
    const b = new AwsProvider(stack, 'b', { region: 'eu-central-1', alias: 'b' });
    expect(() => new RegionalScope(stack, 'scope', { providers: [a, b] })).toThrow(
      'RegionalScope "stack/scope": `providers[1]` ("stack/b") is a second aws provider (the first is `providers[0]`): a scope is one region or cluster. Use one RegionalScope per region.',
    );
  });
});
