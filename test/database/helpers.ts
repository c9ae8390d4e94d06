import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import {
  AlarmDestination,
  BackupStore,
  DatabaseEngine,
  INetwork,
  KubernetesPlatformProps,
  MultiAzNetwork,
  NetworkSubnet,
  Platform,
  ReplicatedDatabase,
  ReplicatedDatabaseProps,
  SubnetTier,
} from '../../src';

export const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:oncall';
/** The parameters of every PostgreSQL parameter group: TLS enforced, schema changes and slow statements logged. */
export const POSTGRES_PARAMETERS = [
  { name: 'rds.force_ssl', value: '1', apply_method: 'pending-reboot' },
  { name: 'log_statement', value: 'ddl', apply_method: 'pending-reboot' },
  { name: 'log_min_duration_statement', value: '1000', apply_method: 'pending-reboot' },
];

export const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

export interface DbSynth {
  readonly json: any;
  readonly text: string;
  readonly db: ReplicatedDatabase;
  readonly stack: TerraformStack;
}

/** The props every test starts from, minus the platform. */
export type DbProps = Omit<ReplicatedDatabaseProps, 'platform'> & { readonly platform?: ReplicatedDatabaseProps['platform'] };

/** A stack with the default AWS provider (eu-west-1) and a 3-zone network with known zones. */
export function awsStack(): { stack: TerraformStack; network: MultiAzNetwork } {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const network = new MultiAzNetwork(stack, 'network', { availabilityZones: ZONES, flowLogs: { enabled: false } });
  return { stack, network };
}

/** Synthesizes a database named `db` on the AWS platform (alarms to {@link TOPIC}). */
export function synthDb(props: DbProps, extra?: (scope: Construct, db: ReplicatedDatabase) => void): DbSynth {
  const { stack, network } = awsStack();
  const db = new ReplicatedDatabase(stack, 'db', {
    platform: Platform.aws({ network, alarms: AlarmDestination.fromArns(TOPIC) }),
    ...props,
  } as ReplicatedDatabaseProps);
  extra?.(stack, db);
  const text = Testing.synth(stack);
  return { json: JSON.parse(text), text, db, stack };
}

/** The validation error a database with these props throws. */
export function dbError(props: DbProps): string {
  const { stack, network } = awsStack();
  try {
    new ReplicatedDatabase(stack, 'db', { platform: Platform.aws({ network }), ...props } as ReplicatedDatabaseProps);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a validation error');
}

/** Every resource of a type, by its synthesized name. */
export function byName(json: any, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** Every resource of a type. */
export function resources(json: any, type: string): any[] {
  return Object.values(byName(json, type));
}

/** The one resource of a type whose name contains `part`. */
export function resource(json: any, type: string, part: string): any {
  const found = Object.entries(byName(json, type)).filter(([name]) => name.includes(part));
  if (found.length !== 1) {
    throw new Error(`expected one ${type} named like ${part}, found ${found.map(([n]) => n).join(', ') || 'none'}`);
  }
  return found[0][1];
}

/** The Terraform reference to a resource attribute: `${type.name.attr}`. */
export function ref(json: any, type: string, part: string, attribute: string): string {
  const names = Object.keys(byName(json, type)).filter((name) => name.includes(part));
  if (names.length !== 1) {
    throw new Error(`expected one ${type} named like ${part}`);
  }
  return `\${${type}.${names[0]}.${attribute}}`;
}

/** A network as another library might implement it: anything with the INetwork fields (no validation). */
export class FakeNetwork extends Construct implements INetwork {
  public readonly vpcId = 'vpc-1';
  public readonly vpcCidrBlock = '10.0.0.0/16';
  public readonly publicSubnets: NetworkSubnet[] = [];
  public readonly privateSubnets: NetworkSubnet[] = [];
  public readonly zones: string[];
  constructor(scope: Construct, id: string, public readonly isolatedSubnets: NetworkSubnet[]) {
    super(scope, id);
    this.zones = isolatedSubnets.map((s) => s.zone);
  }
  public subnets(_tier: SubnetTier): NetworkSubnet[] {
    return this.isolatedSubnets;
  }
}

/** The object store every Kubernetes test backs up to unless it says otherwise. */
export const S3_STORE = BackupStore.s3({ destinationPath: 's3://acme-db-backups/shop/' });

/** A stack with a Kubernetes provider. */
export function kubernetesStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new KubernetesProvider(stack, 'kubernetes', {});
  return stack;
}

/** Synthesizes a database named `db` in namespace `shop` of a Kubernetes platform (backups to {@link S3_STORE}). */
export function synthK8sDb(
  props: Partial<DbProps> = {},
  platform: KubernetesPlatformProps = {},
  extra?: (scope: TerraformStack, db: ReplicatedDatabase) => void,
): DbSynth {
  const stack = kubernetesStack();
  const db = new ReplicatedDatabase(stack, 'db', {
    platform: Platform.kubernetes({ namespaceName: 'shop', backupStore: S3_STORE, ...platform }),
    engine: DatabaseEngine.postgres('16'),
    ...props,
  } as ReplicatedDatabaseProps);
  extra?.(stack, db);
  const text = Testing.synth(stack);
  return { json: JSON.parse(text), text, db, stack };
}

/** The validation error a database on Kubernetes with these props throws. */
export function k8sDbError(props: Partial<DbProps>, platform: KubernetesPlatformProps = {}): string {
  try {
    synthK8sDb(props, platform);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a validation error');
}

/** The manifest of the one kubernetes_manifest whose name contains `part`. */
export function manifest(json: any, part: string): any {
  return resource(json, 'kubernetes_manifest', part).manifest;
}
