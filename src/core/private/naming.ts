import { createHash } from 'crypto';
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/** The tag (and Kubernetes annotation) key that records which construct created a resource. */
export const CONSTRUCT_PATH_TAG = 'ft:construct-path';
/** The tag key that records that this library created a resource. */
export const MANAGED_BY_TAG = 'ft:managed-by';
/** The value of {@link MANAGED_BY_TAG}. */
export const MANAGED_BY = 'cdktf-fault-tolerance';

/** The construct's path below its stack, e.g. `network/Vpc`. */
export function pathInStack(scope: IConstruct): string {
  const stack = TerraformStack.of(scope);
  const scopes = scope.node.scopes;
  const below = scopes.slice(scopes.indexOf(stack) + 1);
  return below.map((s) => s.node.id).join('/');
}

export interface PhysicalNameOptions {
  /** Maximum length of the name. @default 64 */
  readonly maxLength?: number;
  /** Lower-case the name. @default true */
  readonly lowerCase?: boolean;
  /** Characters other than [A-Za-z0-9-] that may stay. @default '' */
  readonly extraAllowed?: string;
}

/**
 * A stable, readable physical name: `<stack>-<construct path>-<suffix>`, with characters a provider rejects
 * replaced by `-`. When too long it keeps the end of the name and an 8-character hash of the full name, so two
 * constructs never collide and a name never changes unless the construct path does.
 */
export function physicalName(scope: IConstruct, suffix?: string, options: PhysicalNameOptions = {}): string {
  const maxLength = options.maxLength ?? 64;
  const stack = TerraformStack.of(scope);
  const parts = [stack.node.id, ...pathInStack(scope).split('/'), ...(suffix ? [suffix] : [])].filter((p) => p.length > 0);
  const escaped = (options.extraAllowed ?? '').replace(/[\\\]^-]/g, '\\$&');
  const disallowed = new RegExp(`[^A-Za-z0-9${escaped}-]+`, 'g');
  let name = parts
    .map((p) => p.replace(disallowed, '-'))
    .join('-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (options.lowerCase ?? true) {
    name = name.toLowerCase();
  }
  if (name.length <= maxLength) {
    return name;
  }
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  const keep = maxLength - hash.length - 1;
  return `${name.slice(name.length - keep).replace(/^-+/, '')}-${hash}`;
}

/**
 * The tags every taggable AWS resource of this library carries: a `Name`, the owning construct path and the
 * managing library, merged with the user's own tags (which win).
 */
export function awsTags(scope: IConstruct, name: string, userTags: Record<string, string> = {}): Record<string, string> {
  return {
    Name: name,
    [CONSTRUCT_PATH_TAG]: `${TerraformStack.of(scope).node.id}/${pathInStack(scope)}`,
    [MANAGED_BY_TAG]: MANAGED_BY,
    ...userTags,
  };
}
