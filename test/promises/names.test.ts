import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { AppIds, CERT, DEFAULT_IDS, ZONES, awsApp, kubernetesApp, newStack, placeAt, resourcesOf } from './fixtures';
import {
  AlarmTopic,
  DatabaseEngine,
  HaAlertmanager,
  HealthCheckedLoadBalancer,
  MultiAzNetwork,
  MultiAzService,
  Platform,
  Receiver,
  ReplicatedDatabase,
  SecretRef,
  Workload,
} from '../../src';
import { ValidationError } from '../../src/core/private/errors';
import { NAME_RULES, nameRule, nameRuleProblem } from '../../src/core/private/name-rules';

/** Name attributes whose values are unique only inside their parent resource, so no limit of this table applies. */
const NAMES_INSIDE_A_PARENT: Record<string, string> = {
  'aws_iam_role_policy.name': 'an inline policy name is unique within its role ("write-flow-logs")',
  'aws_autoscaling_lifecycle_hook.name': 'a hook name is unique within its Auto Scaling group ("workload-healthy")',
  'aws_autoscaling_policy.name': 'a policy name is unique within its Auto Scaling group',
};
const NAME_ATTRIBUTES = ['name', 'name_prefix', 'bucket_prefix', 'bucket', 'identifier', 'cluster_identifier', 'alarm_name', 'final_snapshot_identifier'];

/** Every physical name of a synthesized stack: `[type.attribute, value, logical id]`. */
function namesOf(json: any): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  for (const [type, id, body] of resourcesOf(json)) {
    for (const attribute of NAME_ATTRIBUTES) {
      const value = body[attribute];
      if (typeof value === 'string' && !value.includes('${')) {
        out.push([`${type}.${attribute}`, value, id]);
      }
    }
    if (type === 'aws_security_group' && typeof body.description === 'string') {
      out.push([`${type}.description`, body.description, id]);
    }
    if (type.startsWith('kubernetes_') && typeof body.metadata?.name === 'string' && !body.metadata.name.includes('${')) {
      out.push([`${type}.metadata.name`, body.metadata.name, id]);
    }
  }
  return out;
}

/** Label values of Kubernetes objects and pod templates: at most 63 characters, alphanumeric at both ends. */
function labelValuesOf(json: any): string[] {
  const values: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'labels' || key === 'match_labels') && value && typeof value === 'object' && !Array.isArray(value)) {
          values.push(...Object.values(value as Record<string, string>).filter((v) => typeof v === 'string' && !v.includes('${')));
        } else {
          visit(value);
        }
      }
    }
  };
  for (const [type, , body] of resourcesOf(json)) {
    if (type.startsWith('kubernetes_')) {
      visit(body);
    }
  }
  return values;
}

const LONG_ID = 'payments-api-service-handling-card-captures-and-refunds-europe';
const STACK_NAMES = ['shop-production-eu-west-1', 's', '2024-shop', 'internal', 'sg', 'Shop_Prod.EU', `${'x'.repeat(70)}-stack`];
const ID_SETS: Array<[string, AppIds]> = [
  ['default ids', DEFAULT_IDS],
  ['long ids', { network: `${LONG_ID}-network`, oncall: `${LONG_ID}-oncall`, edge: `${LONG_ID}-edge`, api: LONG_ID, worker: `${LONG_ID}-worker`, db: `${LONG_ID}-db` }],
  ['nested paths', { network: 'platform/core/network', oncall: 'platform/oncall', edge: 'team-payments/web/edge', api: 'team-payments/web/api', worker: 'team-payments/jobs/worker', db: 'team-payments/data/db' }],
  ['ids with punctuation and case', { network: 'Core_Network', oncall: 'On.Call', edge: 'Edge LB', api: 'API_v2', worker: 'Worker#1', db: 'Orders.DB' }],
];

describe('every physical name respects its resource\'s limits', () => {
  test('the table names a limit, a pattern and a source for every name-bearing resource', () => {
    expect(NAME_RULES.length).toBeGreaterThanOrEqual(25);
    for (const rule of NAME_RULES) {
      expect(rule.maxLength).toBeGreaterThan(0);
      expect(rule.source.length).toBeGreaterThan(10);
      expect(rule.description.length).toBeGreaterThan(10);
    }
    // Spot checks against the providers: the numbers the issue named.
    expect(nameRule('aws_s3_bucket', 'bucket_prefix')!.maxLength).toBe(37);
    expect(nameRule('aws_lb', 'name')!.maxLength).toBe(32);
    expect(nameRule('aws_iam_role', 'name')!.maxLength).toBe(64);
    expect(nameRule('aws_db_instance', 'identifier')!.maxLength).toBe(63);
    expect(nameRule('aws_launch_template', 'name_prefix')!.maxLength).toBe(99);
    expect(nameRule('kubernetes_service_v1', 'metadata.name')!.maxLength).toBe(63);
    expect(nameRule('kubernetes_deployment_v1', 'metadata.name')!.maxLength).toBe(253);
    expect(nameRuleProblem(nameRule('aws_lb', 'name')!, 'internal-edge')).toMatch(/must be/);
    expect(nameRuleProblem(nameRule('aws_security_group', 'name')!, 'sg-edge')).toMatch(/must be/);
    expect(nameRuleProblem(nameRule('aws_db_instance', 'identifier')!, '2024-db')).toMatch(/must be/);
    expect(nameRuleProblem(nameRule('aws_s3_bucket', 'bucket_prefix')!, `${'a'.repeat(37)}-`)).toBe('is 38 characters long, but aws_s3_bucket.bucket_prefix allows 37');
  });

  test('the issue\'s example: stack "shop-production-eu-west-1" with "edge" gives a bucket prefix of at most 37 characters', () => {
    const stack = newStack('shop-production-eu-west-1');
    awsApp(stack);
    const bucket = resourcesOf(JSON.parse(Testing.synth(stack))).find(([type]) => type === 'aws_s3_bucket')![2];
    expect(bucket.bucket_prefix.length).toBeLessThanOrEqual(37);
    expect(bucket.bucket_prefix).toMatch(/^[a-z0-9][a-z0-9.-]*-$/);
  });

  const cases = STACK_NAMES.flatMap((stackName) => ID_SETS.map(([label, ids]) => [stackName, label, ids] as const));
  test.each(cases)('stack %p, %s: every name of every resource (AWS and Kubernetes) is valid', (stackName, _label, ids) => {
    const aws = newStack(stackName);
    awsApp(aws, ids);
    const k8s = newStack(stackName);
    kubernetesApp(k8s, { edge: ids.edge, api: ids.api, alerting: ids.network.replace(/network$/i, 'alerting') });
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const json of [JSON.parse(Testing.synth(aws)), JSON.parse(Testing.synth(k8s))]) {
      for (const [kind, value, id] of namesOf(json)) {
        const [type, ...attribute] = kind.split('.');
        const rule = nameRule(type, attribute.join('.'));
        if (rule === undefined) {
          if (!(kind in NAMES_INSIDE_A_PARENT) && !(attribute[0] === 'bucket')) {
            problems.push(`${kind} of ${id} has no rule in name-rules.ts`);
          }
          continue;
        }
        seen.add(kind);
        const problem = nameRuleProblem(rule, value);
        if (problem) {
          problems.push(`${kind} ${JSON.stringify(value)} of ${id} ${problem}`);
        }
      }
      for (const label of labelValuesOf(json)) {
        if (label.length > 63 || !/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(label)) {
          problems.push(`label value ${JSON.stringify(label)} is not a valid Kubernetes label value`);
        }
      }
    }
    expect(problems).toEqual([]);
    // The walk covered the name-bearing resources of the table (the cross-region and Aurora ones are rendered by
    // other topologies and tested with them).
    expect(seen.size).toBeGreaterThanOrEqual(20);
  });
});

/** Creates one construct of a kind at `path` in `stack`; shared dependencies are created once per stack. */
type Maker = (stack: TerraformStack, path: string) => void;

function network(stack: TerraformStack): MultiAzNetwork {
  if (!stack.node.tryFindChild('aws')) {
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  }
  return (stack.node.tryFindChild('shared-net') as MultiAzNetwork | undefined) ?? new MultiAzNetwork(stack, 'shared-net', { availabilityZones: ZONES });
}

const MAKERS: Array<[string, Maker]> = [
  ['MultiAzNetwork', (stack, path) => {
    network(stack);
    new MultiAzNetwork(...placeAt(stack, path), { availabilityZones: ZONES });
  }],
  ['AlarmTopic', (stack, path) => void new AlarmTopic(...placeAt(stack, path))],
  ['HealthCheckedLoadBalancer on AWS', (stack, path) => {
    new HealthCheckedLoadBalancer(...placeAt(stack, path), { platform: Platform.aws({ network: network(stack) }), certificateArn: CERT }).addTarget('web', { port: 80 });
  }],
  ['HealthCheckedLoadBalancer on Kubernetes', (stack, path) => {
    new HealthCheckedLoadBalancer(...placeAt(stack, path), { platform: Platform.kubernetes({ namespaceName: 'shop' }) }).addTarget('web', { port: 80, selector: { app: 'web' } });
  }],
  ['MultiAzService on AWS', (stack, path) => {
    new MultiAzService(...placeAt(stack, path), { platform: Platform.aws({ network: network(stack) }), workload: Workload.container({ image: 'ghcr.io/acme/api:1.0.0', port: 3000 }) });
  }],
  ['MultiAzService on Kubernetes', (stack, path) => {
    new MultiAzService(...placeAt(stack, path), { platform: Platform.kubernetes({ namespaceName: 'shop' }), workload: Workload.container({ image: 'ghcr.io/acme/api:1.0.0', port: 3000 }) });
  }],
  ['ReplicatedDatabase', (stack, path) => {
    new ReplicatedDatabase(...placeAt(stack, path), { platform: Platform.aws({ network: network(stack) }), engine: DatabaseEngine.postgres('16') });
  }],
  ['HaAlertmanager', (stack, path) => {
    new HaAlertmanager(...placeAt(stack, path), {
      platform: Platform.kubernetes({ namespaceName: 'monitoring' }),
      receivers: [Receiver.pagerDuty('pagerduty', SecretRef.kubernetes('pagerduty', 'routing-key'))],
    });
  }],
];

const PAIRS: Array<[string, string]> = [
  ['api_1', 'api-1'],
  ['API', 'api'],
  ['a-b/c', 'a/b-c'],
  ['web.api', 'web_api'],
];

describe('two constructs never produce the same physical name within a stack', () => {
  const cases = MAKERS.flatMap(([kind, make]) => PAIRS.map(([first, second]) => [kind, first, second, make] as const));
  test.each(cases)('%s: "%s" and "%s" fail the synth naming both constructs', (kind, first, second, make) => {
    const stack = newStack('stack');
    make(stack, first);
    let error: unknown;
    try {
      make(stack, second);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const message = (error as Error).message;
    expect(message).toContain(`${kind.split(' ')[0]} "stack/${second}"`);
    expect(message).toContain(`already used by "stack/${first}"`);
    expect(message).toContain('Rename one of the two constructs');
  });

  test('the message says which name and which resource', () => {
    const stack = newStack('shop');
    MAKERS.find(([k]) => k === 'ReplicatedDatabase')![1](stack, 'orders_db');
    expect(() => MAKERS.find(([k]) => k === 'ReplicatedDatabase')![1](stack, 'orders-db')).toThrow(
      'ReplicatedDatabase "shop/orders-db": its aws_security_group name "shop-orders-db" is already used by "shop/orders_db": two constructs would manage one cloud object. ' +
        'Construct ids that differ only in case or punctuation (`api_1` and `api-1`, `API` and `api`), or paths that join the same way (`a-b/c` and `a/b-c`), derive the same physical names. ' +
        'Rename one of the two constructs, or give one an explicit `name` where it has that prop.',
    );
  });

  test.each(MAKERS)('%s: ids that only look alike keep working ("api" and "api2", "a/b" and "b/a")', (_kind, make) => {
    const stack = newStack('stack');
    make(stack, 'api');
    make(stack, 'api2');
    make(stack, 'a/b');
    make(stack, 'b/a');
    expect(() => Testing.synth(stack)).not.toThrow();
  });

  test('explicit names collide too: two alarm topics named "oncall", two services named "api" in one namespace', () => {
    const stack = newStack('stack');
    new AlarmTopic(stack, 'first', { name: 'oncall' });
    expect(() => new AlarmTopic(stack, 'second', { name: 'oncall' })).toThrow(/AlarmTopic "stack\/second": its aws_sns_topic name "oncall" is already used by "stack\/first"/);
    const k8s = Platform.kubernetes({ namespaceName: 'shop' });
    const workload = Workload.container({ image: 'ghcr.io/acme/api:1.0.0', port: 3000 });
    new MultiAzService(stack, 'blue', { platform: k8s, workload, name: 'api' });
    expect(() => new MultiAzService(stack, 'green', { platform: k8s, workload, name: 'api' })).toThrow(/in namespace "shop" is already used by "stack\/blue"/);
    // Another namespace is another scope.
    expect(() => new MultiAzService(stack, 'other', { platform: Platform.kubernetes({ namespaceName: 'other' }), workload, name: 'api' })).not.toThrow();
  });

  test('two services creating the same namespace collide on it', () => {
    const stack = newStack('stack');
    const workload = Workload.container({ image: 'ghcr.io/acme/api:1.0.0', port: 3000 });
    new MultiAzService(stack, 'web', { platform: Platform.kubernetes({ namespaceName: 'shop' }), workload, createNamespace: true });
    expect(() => new MultiAzService(stack, 'api', { platform: Platform.kubernetes({ namespaceName: 'shop' }), workload, createNamespace: true })).toThrow(
      /its kubernetes_namespace_v1 name "shop" is already used by "stack\/web"/,
    );
  });

  test('the same ids in two stacks are two scopes: no error', () => {
    for (const name of ['one', 'two']) {
      const stack = newStack(name);
      new AlarmTopic(stack, 'oncall', { name: 'shared-oncall' });
      expect(() => Testing.synth(stack)).not.toThrow();
    }
  });

  test('a non-colliding application keeps its names (no name changes for valid stacks)', () => {
    const stack = newStack('shop');
    awsApp(stack);
    const names = namesOf(JSON.parse(Testing.synth(stack))).map(([kind, value]) => `${kind} ${value}`);
    expect(names).toEqual(expect.arrayContaining([
      'aws_lb.name shop-edge',
      'aws_security_group.name shop-edge-lb',
      'aws_db_instance.identifier shop-db',
      'aws_db_instance.final_snapshot_identifier shop-db-final',
      'aws_iam_role.name shop-network-flow-logs',
      'aws_iam_role.name shop-db-monitoring',
      'aws_cloudwatch_log_group.name /cdktf-fault-tolerance/services/shop-api',
      'aws_cloudwatch_log_group.name /vpc/flow-logs/shop-network',
      'aws_autoscaling_group.name shop-api',
      'aws_launch_template.name_prefix shop-api-',
      'aws_sns_topic.name shop-oncall',
      'aws_cloudwatch_metric_alarm.alarm_name shop-edge-Elb5xx',
      'aws_s3_bucket.bucket_prefix shop-edge-access-logs-',
    ]));
  });
});

