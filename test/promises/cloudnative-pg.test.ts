import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { CANARIES, findCanary } from './canaries';
import { newStack, placeAt, resourcesOf } from './fixtures';
import {
  BackupStore,
  DatabaseEngine,
  HealthCheckedLoadBalancer,
  MultiAzService,
  Platform,
  Refactor,
  RemovalPolicy,
  ReplicatedDatabase,
  SecretRef,
  Workload,
} from '../../src';
import { ValidationError } from '../../src/core/private/errors';
import { NAME_RULES, nameRuleProblem } from '../../src/core/private/name-rules';

/*
 * The database on Kubernetes (CloudNativePG) keeps the same promises as on AWS: no plain secret, names claimed in
 * the namespace and within their rules, the Cluster and its ObjectStore retained by default, renames without loss.
 */

const STORE = BackupStore.s3({ destinationPath: 's3://acme-db-backups/shop/' });
const platform = (namespaceName = 'shop', backupStore: BackupStore = STORE) => Platform.kubernetes({ namespaceName, backupStore });

function database(stack: TerraformStack, path: string, props: object = {}): ReplicatedDatabase {
  if (!stack.node.tryFindChild('kubernetes')) {
    new KubernetesProvider(stack, 'kubernetes', {});
  }
  return new ReplicatedDatabase(...placeAt(stack, path), { platform: platform(), engine: DatabaseEngine.postgres('16'), ...props });
}

/** Every manifest of a configuration: `[logical id, kind, metadata.name, body]`. */
function manifestsOf(json: any): Array<[string, string, string, any]> {
  return resourcesOf(json)
    .filter(([type]) => type === 'kubernetes_manifest')
    .map(([, id, body]) => [id, body.manifest.kind, body.manifest.metadata.name, body]);
}

describe('secrets: never plain, on Kubernetes too', () => {
  const plants: Array<[string, (stack: TerraformStack, x: string) => void]> = [
    ['parameters value', (s, x) => void database(s, 'db', { parameters: { application_name: x } })],
    ['databaseName', (s, x) => void database(s, 'db', { databaseName: x })],
    ['name', (s, x) => void database(s, 'db', { name: x })],
    ['image', (s, x) => void database(s, 'db', { image: x })],
    ['backupStore.destinationPath', (s, x) =>
      void new ReplicatedDatabase(s, 'db', { platform: platform('shop', BackupStore.s3({ destinationPath: x })), engine: DatabaseEngine.postgres('16') })],
    ['backupStore.endpointUrl', (s, x) =>
      void new ReplicatedDatabase(s, 'db', {
        platform: platform('shop', BackupStore.s3({ destinationPath: 's3://b/p/', endpointUrl: x })),
        engine: DatabaseEngine.postgres('16'),
      })],
    ['backupStore.roleArn', (s, x) =>
      void new ReplicatedDatabase(s, 'db', { platform: platform('shop', BackupStore.s3({ destinationPath: 's3://b/p/', roleArn: x })), engine: DatabaseEngine.postgres('16') })],
    ['backupStore.accessKeyId as a plain string', (s, x) =>
      void new ReplicatedDatabase(s, 'db', {
        platform: platform('shop', BackupStore.s3({ destinationPath: 's3://b/p/', accessKeyId: x as unknown as SecretRef, secretAccessKey: SecretRef.kubernetes('s3', 'secret') })),
        engine: DatabaseEngine.postgres('16'),
      })],
  ];
  const cases = plants.flatMap(([prop, fn]) => Object.entries(CANARIES).map(([kind, value]) => [prop, kind, value, fn] as const));

  test.each(cases)('%s <- %s: refused without being shown, or absent', (_prop, _kind, value, fn) => {
    const stack = newStack();
    let outcome: string;
    try {
      fn(stack, value);
      outcome = findCanary(Testing.synth(stack)) ? 'leaked' : 'absent';
    } catch (e) {
      outcome = !(e instanceof ValidationError) ? `crashed: ${(e as Error).message}` : (e as Error).message.includes(value) ? 'echoed' : 'refused';
    }
    expect(['refused', 'absent']).toContain(outcome);
  });

  test('ordinary values pass: a MinIO endpoint without credentials, parameters, keys by reference', () => {
    const stack = newStack();
    database(stack, 'db', {
      platform: platform('shop', BackupStore.s3({
        destinationPath: 's3://backups/shop/',
        endpointUrl: 'https://minio.storage.svc:9000',
        accessKeyId: SecretRef.kubernetes('minio', 'ACCESS_KEY_ID'),
        secretAccessKey: SecretRef.kubernetes('minio', 'ACCESS_SECRET_KEY'),
      })),
      parameters: { work_mem: '64MB', application_name: 'orders' },
    });
    expect(() => Testing.synth(stack)).not.toThrow();
  });
});

describe('names: claimed in the namespace, within their rules', () => {
  test('two databases of one name in one namespace fail naming both paths; another namespace is fine', () => {
    const stack = newStack('stack');
    database(stack, 'orders', { name: 'orders' });
    expect(() => database(stack, 'orders-copy', { name: 'orders' })).toThrow(
      /ReplicatedDatabase "stack\/orders-copy": its postgresql.cnpg.io\/Cluster name "orders" in namespace "shop" is already used by "stack\/orders"/,
    );
    expect(() => new ReplicatedDatabase(stack, 'other', { platform: platform('billing'), engine: DatabaseEngine.postgres('16'), name: 'orders' })).not.toThrow();
  });

  test('derived names collide like AWS names do (db_1 and db-1)', () => {
    const stack = newStack('stack');
    database(stack, 'db_1');
    expect(() => database(stack, 'db-1')).toThrow(/already used by "stack\/db_1"/);
  });

  test('a load balancer named like a Service the operator creates (<name>-ro), or a service named like the database, collides with it', () => {
    const stack = newStack('stack');
    database(stack, 'db', { name: 'orders' });
    const workload = Workload.container({ image: 'ghcr.io/acme/api:1.0.0', port: 3000 });
    expect(() => new MultiAzService(stack, 'api', { platform: Platform.kubernetes({ namespaceName: 'shop' }), workload, name: 'orders' })).toThrow(
      /its kubernetes_service_account_v1 name "orders" in namespace "shop" is already used by "stack\/db"/,
    );
    expect(() => new HealthCheckedLoadBalancer(stack, 'edge', { platform: Platform.kubernetes({ namespaceName: 'shop' }), name: 'orders-ro' })).toThrow(
      /"orders-ro" in namespace "shop" is already used by "stack\/db"/,
    );
  });

  test('long stack and construct names: every CloudNativePG object name fits its rule', () => {
    const stack = newStack('shop-production-eu-west-1');
    database(stack, 'payments/ledger-primary-database-for-the-eu-region/orders-history');
    const json = JSON.parse(Testing.synth(stack));
    const kinds = new Map(NAME_RULES.filter((r) => r.resourceType.includes('.cnpg.io/')).map((r) => [r.resourceType.split('/')[1], r]));
    const checked = manifestsOf(json).filter(([, kind]) => kinds.has(kind));
    expect(checked.map(([, kind]) => kind).sort()).toEqual(['Cluster', 'ObjectStore', 'ScheduledBackup']);
    for (const [id, kind, name] of checked) {
      expect([id, name, nameRuleProblem(kinds.get(kind)!, name)]).toEqual([id, name, undefined]);
    }
    const cluster = checked.find(([, kind]) => kind === 'Cluster')![2];
    // Its Services fit a DNS-1035 label.
    expect(`${cluster}-rw`.length).toBeLessThanOrEqual(63);
  });
});

describe('retention: the Cluster and its ObjectStore are retained by default', () => {
  const guarded = (json: any) =>
    Object.fromEntries(manifestsOf(json).map(([, kind, , body]) => [kind, body.lifecycle?.prevent_destroy === true]));

  test('RETAIN (the default) guards the Cluster and the ObjectStore; the backups stay in the store whatever the policy', () => {
    const stack = newStack();
    database(stack, 'db');
    expect(guarded(JSON.parse(Testing.synth(stack)))).toEqual({ Cluster: true, ObjectStore: true, ScheduledBackup: false });
  });

  test.each([RemovalPolicy.SNAPSHOT, RemovalPolicy.DESTROY])('%s drops prevent_destroy', (removalPolicy) => {
    const stack = newStack();
    database(stack, 'db', { removalPolicy });
    expect(guarded(JSON.parse(Testing.synth(stack)))).toEqual({ Cluster: false, ObjectStore: false, ScheduledBackup: false });
  });

  test('"RETAIN" from plain JavaScript works; "retain" is refused naming the members', () => {
    expect(() => database(newStack(), 'db', { removalPolicy: 'RETAIN' })).not.toThrow();
    expect(() => database(newStack(), 'db', { removalPolicy: 'retain' })).toThrow(
      '`removalPolicy` must be one of RemovalPolicy.RETAIN, RemovalPolicy.SNAPSHOT, RemovalPolicy.DESTROY, got "retain".',
    );
  });
});

describe('renames: Refactor.move keeps the Cluster and its backups', () => {
  test('a moved database renders the same objects (names, backup folder) and moves each resource', () => {
    const before = newStack('k8s');
    database(before, 'db');
    const after = newStack('k8s');
    Refactor.move(after, { fromPath: 'db', toPath: 'data/orders' });
    database(after, 'data/orders');
    const a = JSON.parse(Testing.synth(before));
    const b = JSON.parse(Testing.synth(after));
    const names = (json: any) => manifestsOf(json).map(([, kind, name, body]) => [kind, name, JSON.stringify(body.manifest.spec)]).sort();
    expect(names(b)).toEqual(names(a));
    const moved: Array<{ from: string; to: string }> = b.moved ?? [];
    const oldAddresses = resourcesOf(a).map(([type, id]) => `${type}.${id}`).sort();
    expect(moved.map((m) => m.from).sort()).toEqual(oldAddresses);
  });
});
