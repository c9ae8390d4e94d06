import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import {
  AlarmDestination,
  DatabaseEngine,
  HealthCheck,
  HealthCheckedLoadBalancer,
  INetwork,
  MultiAzNetwork,
  MultiAzService,
  Platform,
  RegionalFailover,
  RegionalFailoverProps,
  RegionalScope,
  ReplicatedDatabase,
  Replication,
  ResilienceChecks,
  ResilienceChecksProps,
  ResilienceReport,
  Workload,
} from '../../src';

export const ZONE_ID = 'Z0123456789ABCDEFGHIJ';
export const GLOBAL_TOPIC = 'arn:aws:sns:us-east-1:123456789012:global-oncall';
export const REGIONS = ['eu-west-1', 'eu-central-1'] as const;
export type Region = (typeof REGIONS)[number];

/** A region's network that exists already: public, private and isolated subnets in zones a and b of the region. */
export function regionNetwork(scope: Construct, region: string): INetwork {
  const subnets = (tier: string) => ['a', 'b'].map((z) => ({ subnetId: `subnet-${tier}-${region}-${z}`, zone: `${region}${z}` }));
  return MultiAzNetwork.fromExisting(scope, 'network', {
    vpcId: `vpc-${region}`,
    vpcCidrBlock: region === 'eu-west-1' ? '10.0.0.0/16' : '10.1.0.0/16',
    publicSubnets: subnets('pub'),
    privateSubnets: subnets('priv'),
    isolatedSubnets: subnets('iso'),
  });
}

/** Options of {@link RegionalEdge}. */
export interface RegionalEdgeOptions {
  readonly region: string;
  /** The health check of the target (the service's). @default HealthCheck.http('/health') */
  readonly healthCheck?: HealthCheck;
  /** Add a MultiAzService behind the load balancer instead of a bare target. @default false */
  readonly service?: boolean;
}

/** One region's copy of a small declaration: a network, an internet-facing load balancer and its target (or service). */
export class RegionalEdge extends Construct {
  public readonly network: INetwork;
  public readonly edge: HealthCheckedLoadBalancer;
  public readonly service?: MultiAzService;

  constructor(scope: Construct, id: string, options: RegionalEdgeOptions) {
    super(scope, id);
    this.network = regionNetwork(this, options.region);
    const platform = Platform.aws({ network: this.network, alarms: AlarmDestination.fromArns(`arn:aws:sns:${options.region}:123456789012:oncall`) });
    this.edge = new HealthCheckedLoadBalancer(this, 'edge', {
      platform,
      certificateArn: `arn:aws:acm:${options.region}:123456789012:certificate/00000000-0000-0000-0000-000000000000`,
    });
    const healthCheck = options.healthCheck ?? HealthCheck.http('/health');
    if (options.service) {
      this.service = new MultiAzService(this, 'api', {
        platform,
        workload: Workload.container({ image: 'ghcr.io/acme/api:1.4.2', port: 3000 }),
        healthCheck,
        loadBalancer: this.edge,
      });
    } else {
      this.edge.addTarget('web', { port: 3000, healthCheck });
    }
  }
}

export interface TwoRegions {
  readonly stack: TerraformStack;
  readonly providers: Record<Region, AwsProvider>;
  readonly scopes: Record<Region, RegionalScope>;
  readonly primary: RegionalEdge;
  readonly secondary: RegionalEdge;
  readonly usEast1?: AwsProvider;
}

export interface TwoRegionsOptions {
  /** Declare an aliased us-east-1 provider in the stack (`aws.us_east_1`). @default false */
  readonly usEast1?: boolean;
  /** Declare a default (un-aliased) AWS provider in eu-west-1 as well. @default false */
  readonly defaultProvider?: boolean;
  readonly edge?: Omit<RegionalEdgeOptions, 'region'>;
  readonly checks?: ResilienceChecksProps;
}

/** A stack with an aliased provider per region, a RegionalScope per region and the same RegionalEdge in each. */
export function twoRegions(options: TwoRegionsOptions = {}): TwoRegions {
  const stack = new TerraformStack(Testing.stubVersion(new App({ stackTraces: false })), 'stack');
  if (options.checks) {
    ResilienceChecks.of(stack, { writeReports: false, printSummary: false, ...options.checks });
  }
  if (options.defaultProvider) {
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  }
  const providers = {} as Record<Region, AwsProvider>;
  const scopes = {} as Record<Region, RegionalScope>;
  for (const region of REGIONS) {
    providers[region] = new AwsProvider(stack, `aws-${region}`, { region, alias: region.replace(/-/g, '_') });
    scopes[region] = new RegionalScope(stack, region, { providers: [providers[region]] });
  }
  const usEast1 = options.usEast1 ? new AwsProvider(stack, 'aws-us-east-1', { region: 'us-east-1', alias: 'us_east_1' }) : undefined;
  const primary = new RegionalEdge(scopes['eu-west-1'], 'app', { region: 'eu-west-1', ...options.edge });
  const secondary = new RegionalEdge(scopes['eu-central-1'], 'app', { region: 'eu-central-1', ...options.edge });
  return { stack, providers, scopes, primary, secondary, usEast1 };
}

/** An Aurora global database in the primary scope, its secondary cluster in eu-central-1. */
export function globalDatabase(regions: TwoRegions): ReplicatedDatabase {
  return new ReplicatedDatabase(regions.scopes['eu-west-1'], 'db', {
    platform: Platform.aws({ network: regions.primary.network }),
    engine: DatabaseEngine.auroraPostgres('16.4'),
    replication: Replication.auroraGlobal({ provider: regions.providers['eu-central-1'], network: regions.secondary.network }),
  });
}

/** An RDS PostgreSQL database in the primary scope with a cross-region replica in eu-central-1. */
export function crossRegionDatabase(regions: TwoRegions): ReplicatedDatabase {
  return new ReplicatedDatabase(regions.scopes['eu-west-1'], 'db', {
    platform: Platform.aws({ network: regions.primary.network }),
    engine: DatabaseEngine.postgres('16.4'),
    replication: Replication.crossRegion({ provider: regions.providers['eu-central-1'], network: regions.secondary.network }),
  });
}

export interface FailoverSynth extends TwoRegions {
  readonly failover: RegionalFailover;
  readonly json: any;
  readonly report?: ResilienceReport;
}

/** Two regions and a RegionalFailover `global` between their load balancers, synthesized (validations run). */
export function synthFailover(
  props: Partial<RegionalFailoverProps> = {},
  options: TwoRegionsOptions & { readonly database?: (regions: TwoRegions) => ReplicatedDatabase } = {},
): FailoverSynth {
  const regions = twoRegions({ usEast1: true, ...options });
  const database = options.database?.(regions);
  const failover = new RegionalFailover(regions.stack, 'global', {
    domainName: 'shop.example.com',
    hostedZoneId: ZONE_ID,
    primary: regions.primary.edge,
    secondary: regions.secondary.edge,
    database,
    alarmDestination: AlarmDestination.fromArns(GLOBAL_TOPIC),
    ...props,
  });
  const json = JSON.parse(Testing.synth(regions.stack, true));
  const report = options.checks ? ResilienceChecks.of(regions.stack).report : undefined;
  return { ...regions, failover, json, report };
}

/** The resources of a type, by name. */
export function byName(json: any, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** The one resource of a type whose name contains `part`. */
export function resource(json: any, type: string, part: string): any {
  const found = Object.entries(byName(json, type)).filter(([name]) => name.includes(part));
  if (found.length !== 1) {
    throw new Error(`expected one ${type} named like ${part}, found ${found.map(([n]) => n).join(', ') || 'none'}`);
  }
  return found[0][1];
}

/** The Terraform reference to the attribute of the one resource of a type whose name contains `part`. */
export function ref(json: any, type: string, part: string, attribute: string): string {
  const names = Object.keys(byName(json, type)).filter((name) => name.includes(part));
  if (names.length !== 1) {
    throw new Error(`expected one ${type} named like ${part}, found ${names.join(', ') || 'none'}`);
  }
  return `\${${type}.${names[0]}.${attribute}}`;
}

/** Two Kubernetes clusters (aliased providers, one RegionalScope each) with the same web service behind a LoadBalancer Service. */
export function twoClusters(options: { readonly port?: number; readonly annotations?: { [key: string]: string }; readonly usEast1?: boolean } = {}) {
  const stack = new TerraformStack(Testing.stubVersion(new App({ stackTraces: false })), 'stack');
  const usEast1 = options.usEast1 === false ? undefined : new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const make = (name: string) => {
    const provider = new KubernetesProvider(stack, `k8s-${name}`, { alias: name, configPath: `~/.kube/${name}` });
    const scope = new RegionalScope(stack, name, { providers: [provider] });
    const platform = Platform.kubernetes({ namespaceName: 'shop' });
    const lb = new HealthCheckedLoadBalancer(scope, 'web-lb', { platform, port: options.port ?? 80, annotations: options.annotations });
    const service = new MultiAzService(scope, 'web', {
      platform,
      workload: Workload.container({ image: 'registry.example.com/fault-app:1.0.0', port: 3000 }),
      healthCheck: HealthCheck.http('/health'),
      replicas: 2,
      loadBalancer: lb,
    });
    return { provider, scope, lb, service };
  };
  return { stack, usEast1, primary: make('eu'), secondary: make('us') };
}
