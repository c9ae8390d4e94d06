import { PropValidator } from './validation';
import { RemovalPolicy } from '../removal-policy';

/** How a construct guards its stateful resources: the plan's view of a {@link RemovalPolicy}. */
export interface RetentionPlan {
  readonly policy: RemovalPolicy;
  /** `RETAIN`: `prevent_destroy`, `skip_destroy`, retained volumes. */
  readonly retain: boolean;
}

/** The retention of a valid `removalPolicy` (RETAIN by default). */
export function retentionOf(policy: RemovalPolicy | undefined): RetentionPlan {
  const p = policy ?? RemovalPolicy.RETAIN;
  return { policy: p, retain: p === RemovalPolicy.RETAIN };
}

/**
 * `removalPolicy` must be a member of {@link RemovalPolicy} (`'RETAIN'`, not `'retain'`); `SNAPSHOT` only where the
 * construct has something to snapshot (`snapshotWhat`, e.g. nothing for a network).
 */
export function validateRemovalPolicy(v: PropValidator, value: unknown, options: { readonly snapshots: boolean; readonly what: string }): void {
  if (value === undefined) {
    return;
  }
  v.enumValue('removalPolicy', value, RemovalPolicy as unknown as Record<string, string>, 'RemovalPolicy');
  if (value === RemovalPolicy.SNAPSHOT && !options.snapshots) {
    v.require(
      'removalPolicy',
      value,
      false,
      `must be RemovalPolicy.RETAIN or RemovalPolicy.DESTROY: ${options.what} cannot be snapshotted (SNAPSHOT is for databases)`,
    );
  }
}

/** The `lifecycle` of a stateful resource: `prevent_destroy` when retained, merged with `extra`. */
export function statefulLifecycle<T extends object>(retain: boolean, extra?: T): (T & { preventDestroy?: boolean }) | undefined {
  if (!retain) {
    return extra;
  }
  return { ...(extra ?? ({} as T)), preventDestroy: true };
}
