import { TerraformStack, Testing } from 'cdktf';
import { AppIds, DEFAULT_IDS, awsApp, kubernetesApp, newStack, resourcesOf } from './fixtures';
import { AlarmTopic, Refactor } from '../../src';
import { ValidationError } from '../../src/core/private/errors';
import { PlannedChange, closeOfflineProviders, terraformAvailable, validateOffline } from '../../src/proof/runner';

/*
 * Renaming or moving a construct without losing state: `Refactor.move` keeps every physical name and emits a
 * Terraform `moved` block for every resource, so the plan against the old state only moves resources. Proven with
 * real terraform (the offline proof applies the old configuration, then plans the new one against that state).
 */

/** The renamed application: every construct of the AWS application at a new id or below a new parent. */
const RENAMED: AppIds = { network: 'core-network', oncall: 'alerts/oncall', edge: 'public/edge', api: 'shop/api', worker: 'shop/worker', db: 'orders-db' };

function renamedAwsApp(declareMoves: boolean): TerraformStack {
  const stack = newStack('shop');
  if (declareMoves) {
    for (const key of Object.keys(DEFAULT_IDS) as Array<keyof AppIds>) {
      Refactor.move(stack, { fromPath: DEFAULT_IDS[key], toPath: RENAMED[key] });
    }
  }
  awsApp(stack, RENAMED);
  return stack;
}

function oldAwsApp(): TerraformStack {
  const stack = newStack('shop');
  awsApp(stack);
  return stack;
}

/**
 * Every resource body of a configuration, its references to moved resources written with their old addresses (as
 * Terraform reads them after the `moved` blocks) and to data sources and locals by kind, so two configurations compare resource
 * by resource.
 */
function bodies(stack: TerraformStack): Map<string, string> {
  const json = JSON.parse(Testing.synth(stack));
  const moved: Array<{ from: string; to: string }> = json.moved ?? [];
  const out = new Map<string, string>();
  for (const [type, , body] of resourcesOf(json)) {
    const { ['//']: _metadata, ...rest } = body;
    // Keyed by content, not by logical id (the ids change with the move): the same bodies must come back.
    const text = moved
      .reduce((t, m) => t.split(m.to).join(m.from), JSON.stringify(rest))
      // Data sources and locals hold no state and are not moved: their (path-derived) ids are compared by kind only.
      .replace(/data\.([a-z0-9_]+)\.[A-Za-z0-9_-]*?_([A-Za-z0-9]+)_[0-9A-F]{8}\b/g, 'data.$1.$2')
      .replace(/local\.[A-Za-z0-9_-]*?_([A-Za-z0-9]+)_[0-9A-F]{8}\b/g, 'local.$1');
    out.set(`${type} ${text}`, text);
  }
  return out;
}

describe('Refactor.move keeps what a construct renders', () => {
  test('every resource of the moved application renders exactly as before (names, tags, descriptions, user data), under a new logical id', () => {
    const before = bodies(oldAwsApp());
    const after = bodies(renamedAwsApp(true));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  });

  test('without the declaration the names follow the new path (the control: the comparison above can fail)', () => {
    const before = bodies(oldAwsApp());
    const after = bodies(renamedAwsApp(false));
    const unchanged = [...after.keys()].filter((k) => before.has(k));
    expect(unchanged.length).toBeLessThan(after.size);
  });

  test('each moved resource gets one moved block from its old address', () => {
    const json = JSON.parse(Testing.synth(renamedAwsApp(true)));
    const oldIds = new Set(resourcesOf(JSON.parse(Testing.synth(oldAwsApp()))).map(([type, id]) => `${type}.${id}`));
    const newIds = resourcesOf(json).map(([type, id]) => `${type}.${id}`);
    const moved: Array<{ from: string; to: string }> = json.moved ?? [];
    expect(moved.length).toBeGreaterThan(20);
    for (const m of moved) {
      expect(oldIds.has(m.from)).toBe(true);
      expect(newIds).toContain(m.to);
    }
    // Every resource whose address changed is moved; the rest kept their address.
    const movedTo = new Set(moved.map((m) => m.to));
    expect(newIds.filter((id) => !movedTo.has(id) && !oldIds.has(id))).toEqual([]);
  });

  test('Kubernetes constructs keep their object names and annotations', () => {
    const before = newStack('k8s');
    kubernetesApp(before);
    const after = newStack('k8s');
    Refactor.move(after, { fromPath: 'alerting', toPath: 'platform/alerting' });
    Refactor.move(after, { fromPath: 'edge', toPath: 'platform/edge' });
    Refactor.move(after, { fromPath: 'api', toPath: 'shop-api' });
    kubernetesApp(after, { alerting: 'platform/alerting', edge: 'platform/edge', api: 'shop-api' });
    expect([...bodies(after).keys()].sort()).toEqual([...bodies(before).keys()].sort());
  });
});

describe('Refactor.move: invalid declarations are refused with one clear error', () => {
  const errorOf = (fn: () => void): string => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as Error).message;
    }
    throw new Error('expected a ValidationError');
  };

  test.each([
    [{ fromPath: '', toPath: 'b' }, '`fromPath` must be a construct path below the stack, construct ids joined by "/" (e.g. "network" or "shop/web"), got "".'],
    [{ fromPath: 'a', toPath: 'b/' }, '`toPath` must be a construct path below the stack, construct ids joined by "/" (e.g. "network" or "shop/web"), got "b/".'],
    [{ fromPath: 7, toPath: 'b' }, '`fromPath` must be a construct path below the stack, construct ids joined by "/" (e.g. "network" or "shop/web"), got number.'],
    [{ fromPath: 'a', toPath: 'a' }, '`fromPath` and `toPath` are both "a": nothing moves. Remove the declaration.'],
  ])('%j', (move, message) => {
    expect(errorOf(() => Refactor.move(newStack(), move as never))).toContain(message);
  });

  test('a missing declaration object, a second move of one path, a second source for one target, a move after creation', () => {
    expect(errorOf(() => Refactor.move(newStack(), undefined as never))).toContain('`fromPath` must be a construct path');
    const stack = newStack();
    Refactor.move(stack, { fromPath: 'a', toPath: 'b' });
    expect(errorOf(() => Refactor.move(stack, { fromPath: 'a', toPath: 'c' }))).toContain('`fromPath` "a" is already moved elsewhere');
    expect(errorOf(() => Refactor.move(stack, { fromPath: 'x', toPath: 'b' }))).toContain('`toPath` "b" is already the target of another move');
    new AlarmTopic(stack, 'late');
    expect(errorOf(() => Refactor.move(stack, { fromPath: 'early', toPath: 'late' }))).toContain('the construct "late" already exists');
    expect(Refactor.movesOf(stack)).toEqual([{ fromPath: 'a', toPath: 'b' }]);
  });
});

const hasTerraform = terraformAvailable();

(hasTerraform ? describe : describe.skip)('terraform plan against the old state: only moves', () => {
  jest.setTimeout(300_000);
  afterAll(() => closeOfflineProviders());

  const summary = (changes: readonly PlannedChange[]) => {
    const counts: Record<string, number> = {};
    for (const c of changes) {
      const key = `${c.actions.join('+')}${c.previousAddress ? ' (moved)' : ''}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  };

  test('with Refactor.move: every resource is moved or unchanged, none created, updated or destroyed', () => {
    const result = validateOffline(renamedAwsApp(true), { priorConfig: oldAwsApp() });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.planned).toBe(true);
    const changed = result.changes.filter((c) => c.actions.join() !== 'no-op');
    expect(changed).toEqual([]);
    const moved = result.changes.filter((c) => c.previousAddress !== undefined);
    expect(moved.length).toBeGreaterThan(20);
    expect(summary(result.changes)).toEqual({ 'no-op (moved)': moved.length, ...(result.changes.length > moved.length ? { 'no-op': result.changes.length - moved.length } : {}) });
  });

  test('on Kubernetes: moving the service that creates namespace "shop" (and the load balancer, the Alertmanager) only moves', () => {
    const before = newStack('k8s');
    kubernetesApp(before);
    const after = newStack('k8s');
    Refactor.move(after, { fromPath: 'alerting', toPath: 'platform/alerting' });
    Refactor.move(after, { fromPath: 'edge', toPath: 'platform/edge' });
    Refactor.move(after, { fromPath: 'api', toPath: 'web' });
    kubernetesApp(after, { alerting: 'platform/alerting', edge: 'platform/edge', api: 'web' });
    const result = validateOffline(after, { priorConfig: before });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.planned).toBe(true);
    expect(result.changes.filter((c) => c.actions.join() !== 'no-op')).toEqual([]);
    expect(result.changes.find((c) => c.address.startsWith('kubernetes_namespace_v1.'))).toEqual(
      expect.objectContaining({ actions: ['no-op'], previousAddress: expect.stringMatching(/^kubernetes_namespace_v1\.api_/) }),
    );
  });

  test('without it (the control): the same rename plans deletes and creates', () => {
    const result = validateOffline(renamedAwsApp(false), { priorConfig: oldAwsApp() });
    expect(result.planned).toBe(true);
    const counts = summary(result.changes);
    expect(counts.create).toBeGreaterThan(20);
    expect(counts.delete).toBeGreaterThan(20);
  });
});
